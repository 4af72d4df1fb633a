// attache search: queries the static index the build writes under /search/
// (see generator/search), fetching only the manifest, the chunks of the
// query's terms and the records of the results shown. No dependencies.
// Its query logic repeats generator/search's Reader step for step; the
// Node test (generator/search, TestClient*) holds them together. Nothing
// read from the index reaches innerHTML: every text goes in as a text node.
(function () {
  "use strict";

  var CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
  var MARK = /\p{Mn}/u;
  var LETTER = /[\p{L}\p{Nd}\p{Mc}]/u;
  var MAX_RUNES = 40;
  var ASCII = /^[\x00-\x7f]*$/;
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var MAX_WEIGHT = 63;
  var PREFIX_WEIGHT = 0.7;
  var MAX_EXPANSIONS = 40;
  var ID_LEN = 8;
  var NO_CHUNK = "--------";
  // VALUE maps a postings character's code to its digit.
  var VALUE = new Int8Array(128).fill(-1);
  for (var di = 0; di < DIGITS.length; di++) VALUE[DIGITS.charCodeAt(di)] = di;
  var PAIR_BONUS = 1000;

  function isCJK(ch) {
    return ch.codePointAt(0) >= 0x2e80 && CJK.test(ch);
  }

  // words is tokenize.Words without the stems: decomposed, accents
  // dropped, lower case; Chinese and Japanese as overlapping pairs.
  function words(text) {
    text = String(text);
    var out = [], w = [], c = [];
    if (ASCII.test(text)) {
      // The same words, faster: nothing to decompose, fold or pair.
      var m, re = /[a-z0-9]+/g, low = text.toLowerCase();
      while ((m = re.exec(low)) !== null) if (m[0].length <= MAX_RUNES) out.push(m[0]);
      return out;
    }
    function flushWord() {
      if (w.length > 0 && w.length <= MAX_RUNES) out.push(w.join(""));
      w = [];
    }
    function flushCJK() {
      if (c.length === 1) out.push(c[0]);
      for (var i = 0; i + 1 < c.length; i++) out.push(c[i] + c[i + 1]);
      c = [];
    }
    for (var ch of text.normalize("NFKD")) {
      if (MARK.test(ch)) continue;
      if (isCJK(ch)) {
        flushWord();
        c.push(ch);
      } else if (LETTER.test(ch)) {
        flushCJK();
        w.push(ch.toLowerCase());
      } else {
        flushWord();
        flushCJK();
      }
    }
    flushWord();
    flushCJK();
    return out;
  }

  // parseQuery is search.ParseQuery.
  function parseQuery(q, typing) {
    var out = { words: [], prefix: "", phrases: [] };
    var parts = String(q).split('"');
    parts.forEach(function (part, i) {
      var ws = words(part);
      if (i % 2 === 1 && i < parts.length - 1) {
        if (ws.length === 1) out.words.push(ws[0]);
        else if (ws.length > 1) out.phrases.push(ws);
        return;
      }
      out.words = out.words.concat(ws);
    });
    var n = out.words.length;
    if (typing && n > 0 && !/[ "]$/.test(q)) {
      var last = out.words[n - 1];
      if (Array.from(last).length >= 2 && !isCJK(Array.from(last)[0])) out.prefix = last;
    }
    return out;
  }

  // pairHash is search.PairHash, in hex: FNV-1a of "a b" in UTF-8.
  function pairHash(a, b) {
    var h = 0x811c9dc5, bytes = new TextEncoder().encode(a + " " + b);
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 16777619) >>> 0;
    }
    return h.toString(16).padStart(8, "0");
  }

  function cmp(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  // Index reads an index through fetchJSON(url) → Promise of the parsed
  // file; root is the URL of the index's folder ("/search/").
  function Index(fetchJSON, root) {
    this.fetchJSON = fetchJSON;
    this.root = root;
    this.files = {};
    this.manifest = null;
  }

  Index.prototype.file = function (name) {
    var files = this.files;
    if (!files[name]) {
      // A failed fetch is not kept: the next query or "more" asks again.
      files[name] = this.fetchJSON(this.root + name).catch(function (e) {
        delete files[name];
        throw e;
      });
    }
    return files[name];
  };

  Index.prototype.open = function () {
    var self = this;
    return this.file("manifest.json").then(function (m) {
      self.manifest = m;
      return m;
    });
  };

  // chunk returns the chunk of a family a term is in, or null.
  Index.prototype.chunk = function (family, kind, term) {
    var best = null;
    for (var k in family) {
      if (term.startsWith(k) && (best === null || k.length > best.length)) best = k;
    }
    if (best === null) return Promise.resolve(null);
    return this.file(kind + "-" + family[best] + ".json");
  };

  // stemOf is Reader.stemOf: a word the archive never wrote is taken for
  // the longest stem it starts with, of all but its last five letters.
  Index.prototype.stemOf = function (surface) {
    var self = this, fam = this.manifest.t;
    var has = function (c, t) { return c && Object.prototype.hasOwnProperty.call(c.t, t); };
    return this.chunk(fam, "t", surface).then(function (c) {
      if (!c) return surface;
      if (c.w && Object.prototype.hasOwnProperty.call(c.w, surface)) return c.w[surface];
      var rs = Array.from(surface);
      if (has(c, surface) || isCJK(rs[0])) return surface;
      var tries = [];
      for (var n = rs.length - 1; n >= Math.max(4, rs.length - 5); n--) tries.push(rs.slice(0, n).join(""));
      return Promise.all(tries.map(function (p) { return self.chunk(fam, "t", p); })).then(function (cs) {
        for (var i = 0; i < tries.length; i++) if (has(cs[i], tries[i])) return tries[i];
        return surface;
      });
    });
  };

  // decode reads a postings list into a Map of document → score. With
  // a top file's hash, the Map's offer names the file and the documents
  // it holds: the term's best, heavier first and newer among equals.
  Index.prototype.decode = function (s, top) {
    var docs = [], weights = [], counts = top ? new Int32Array(MAX_WEIGHT + 1) : null;
    var doc = -1, gap = 0, mul = 1, weight = false;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i), d = c < 128 ? VALUE[c] : -1;
      if (d < 0) throw new Error("bad postings");
      if (weight) {
        weights.push(d);
        if (counts) counts[d]++;
        weight = false;
        continue;
      }
      gap += (d & 31) * mul;
      if (d >= 32) {
        mul *= 32;
        continue;
      }
      doc += gap;
      docs.push(doc);
      gap = 0;
      mul = 1;
      weight = true;
    }
    var n = this.manifest.n, df = docs.length;
    var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    var out = new Map();
    for (var j = 0; j < docs.length; j++) out.set(docs[j], idf * weights[j] / MAX_WEIGHT);
    if (counts) {
      // The lightest weight among the best k, and how many of it.
      var k = this.manifest.k, w = MAX_WEIGHT, above = 0;
      while (w > 0 && above + counts[w] < k) above += counts[w--];
      var held = new Set(), room = k - above;
      for (var x = docs.length - 1; x >= 0; x--) {
        if (weights[x] > w) held.add(docs[x]);
        else if (weights[x] === w && room > 0) { held.add(docs[x]); room--; }
      }
      out.offer = { hash: top, docs: held };
    }
    return out;
  };

  // postings returns a term's Map of document → score, null if the term
  // is not in the index; offer asks for its top file too.
  Index.prototype.postings = function (family, kind, term, offer) {
    var self = this;
    return this.chunk(family, kind, term).then(function (c) {
      if (!c || !Object.prototype.hasOwnProperty.call(c.t, term)) return null;
      var top = offer && c.k && Object.prototype.hasOwnProperty.call(c.k, term) ? c.k[term] : null;
      return self.full(c, term).then(function (s) { return self.decode(s, top); });
    });
  };

  // full is Reader.full: a term's whole postings, its frozen segments (a
  // common word's list) in order, then what its chunk holds.
  Index.prototype.full = function (c, term) {
    var ids = c.s && Object.prototype.hasOwnProperty.call(c.s, term) ? c.s[term] : "";
    var names = [];
    for (var i = 0; i + ID_LEN <= ids.length; i += ID_LEN) names.push("s-" + ids.slice(i, i + ID_LEN) + ".json");
    var self = this;
    return Promise.all(names.map(function (n) { return self.file(n); })).then(function (segs) {
      return segs.join("") + c.t[term];
    });
  };

  // nth is the i-th hash of a list of hashes end to end.
  function nth(list, i) {
    return list.slice(i * ID_LEN, (i + 1) * ID_LEN);
  }

  // pairPostings is Reader.pairPostings: a pair's chunk is numbered by
  // the first digits of its hash, in the manifest's table.
  Index.prototype.pairPostings = function (hash) {
    var self = this, t = this.manifest.p;
    if (!t.l) return Promise.resolve(null);
    var c = nth(t.l, t.d > 0 ? parseInt(hash.slice(0, t.d), 16) : 0);
    if (c.length !== ID_LEN || c === NO_CHUNK) return Promise.resolve(null);
    return self.file("p-" + c + ".json").then(function (ch) {
      if (!Object.prototype.hasOwnProperty.call(ch.t, hash)) return null;
      var top = ch.k && Object.prototype.hasOwnProperty.call(ch.k, hash) ? ch.k[hash] : null;
      return self.full(ch, hash).then(function (s) { return self.decode(s, top); });
    });
  };

  Index.prototype.wordScores = function (surface, prefix) {
    var self = this, m = this.manifest;
    return this.stemOf(surface).then(function (stem) {
      return self.postings(m.t, "t", stem, true).then(function (out) {
        if (!prefix) return out;
        out = out || new Map();
        var keys = Object.keys(m.t).filter(function (k) {
          return k.startsWith(surface) || surface.startsWith(k);
        });
        return Promise.all(keys.map(function (k) { return self.file("t-" + m.t[k] + ".json"); })).then(function (chunks) {
          var stems = new Set();
          chunks.forEach(function (c) {
            for (var s in (c.w || {})) if (s.startsWith(surface)) stems.add(c.w[s]);
            for (var t in c.t) if (t.startsWith(surface)) stems.add(t);
          });
          stems.delete(stem);
          var more = Array.from(stems).sort(cmp).slice(0, MAX_EXPANSIONS);
          return Promise.all(more.map(function (s) { return self.postings(m.t, "t", s, false); })).then(function (lists) {
            lists.forEach(function (ps) {
              if (!ps) return;
              ps.forEach(function (sc, d) {
                out.set(d, Math.max(out.has(d) ? out.get(d) : 0, sc * PREFIX_WEIGHT));
              });
            });
            return out;
          });
        });
      });
    });
  };

  // search returns the hits of a parsed query, best first: [{doc, score}],
  // with the top files that hold some of them as the list's offers. It is
  // Reader.Search: every word is required; a story with two of the
  // query's neighbouring words side by side in its headline or lede (the
  // pair index) ranks above those without, by its pairs' scores alone.
  Index.prototype.search = function (q) {
    var self = this;
    var jobs = [], runs = [];
    function run(ws, prefix) {
      var stems = [];
      ws.forEach(function (w, i) {
        jobs.push(self.wordScores(w, i === prefix));
        if (i !== prefix) stems.push(self.stemOf(w));
      });
      runs.push(Promise.all(stems));
    }
    run(q.words, q.prefix !== "" ? q.words.length - 1 : -1);
    q.phrases.forEach(function (ph) { run(ph, -1); });
    var pairs = Promise.all(runs).then(function (all) {
      var seen = {}, out = [];
      all.forEach(function (st) {
        for (var i = 1; i < st.length; i++) {
          var h = pairHash(st[i - 1], st[i]);
          if (seen[h]) continue;
          seen[h] = true;
          out.push(self.pairPostings(h));
        }
      });
      return Promise.all(out);
    });
    return Promise.all([Promise.all(jobs), pairs]).then(function (both) {
      var sets = both[0], extra = both[1].filter(Boolean);
      var hits = [];
      hits.offers = sets.concat(extra).filter(function (s) { return s && s.offer; }).map(function (s) { return s.offer; });
      if (sets.length === 0) return hits;
      for (var s of sets) if (!s) return hits;
      sets[0].forEach(function (sc, d) {
        for (var i = 1; i < sets.length; i++) {
          if (!sets[i].has(d)) return;
          sc += sets[i].get(d);
        }
        var found = false, ps = 0;
        extra.forEach(function (e) { if (e.has(d)) { found = true; ps += PAIR_BONUS + e.get(d); } });
        hits.push({ doc: d, score: found ? ps : sc });
      });
      hits.sort(function (a, b) {
        var x = Math.round(a.score * 1e6), y = Math.round(b.score * 1e6);
        return x !== y ? y - x : b.doc - a.doc;
      });
      return hits;
    });
  };

  // firstPage is Reader.FirstPage: for two words (or a phrase of two),
  // not being typed, whose pair has a top file, the first page is that
  // file's stories, known before the words' postings (a common word's
  // segments) arrive. It resolves to null for other queries, else to
  // {docs, offers}.
  Index.prototype.firstPage = function (q) {
    var self = this, ws = q.words;
    if (q.phrases.length === 1 && ws.length === 0) ws = q.phrases[0];
    else if (q.phrases.length > 0) return Promise.resolve(null);
    if (ws.length !== 2 || q.prefix !== "") return Promise.resolve(null);
    return Promise.all(ws.map(function (w) { return self.stemOf(w); })).then(function (st) {
      var hash = pairHash(st[0], st[1]), t = self.manifest.p;
      if (!t.l) return null;
      var c = nth(t.l, t.d > 0 ? parseInt(hash.slice(0, t.d), 16) : 0);
      if (c.length !== ID_LEN || c === NO_CHUNK) return null;
      return self.file("p-" + c + ".json").then(function (ch) {
        if (!ch.k || !Object.prototype.hasOwnProperty.call(ch.k, hash)) return null;
        var top = ch.k[hash];
        return self.file("k-" + top + ".json").then(function (f) {
          if (f.d.length < self.manifest.k) return null;
          return { docs: f.d.slice(), offers: [{ hash: top, docs: new Set(f.d) }] };
        });
      });
    });
  };

  // bestOffer is the offer holding doc that holds the most of docs, the
  // first of equals, or -1.
  function bestOffer(offers, docs, doc) {
    var best = -1, most = 0;
    offers.forEach(function (o, k) {
      if (!o.docs.has(doc)) return;
      var n = 0;
      docs.forEach(function (d) { if (o.docs.has(d)) n++; });
      if (n > most) { best = k; most = n; }
    });
    return best;
  }

  // shardRecord reads a document's record from its shard, named in a
  // list that the manifest names.
  Index.prototype.shardRecord = function (d) {
    var self = this, m = this.manifest, shard = Math.floor(d / m.rs);
    return this.file("l-" + nth(m.r, Math.floor(shard / m.rl)) + ".json").then(function (list) {
      return self.file("r-" + nth(list, shard % m.rl) + ".json");
    }).then(function (recs) { return recs[d % m.rs]; });
  };

  // records returns the result records of docs, in their order: from
  // the top files offered (for each document, the one that holds the
  // most of docs), and from the record shards for the rest.
  Index.prototype.records = function (docs, offers) {
    var self = this;
    offers = offers || [];
    return Promise.all(docs.map(function (d) {
      var k = bestOffer(offers, docs, d);
      // A top file that fails or lacks the record leaves it to the shard.
      var rec = k < 0 ? null : self.file("k-" + offers[k].hash + ".json").then(function (t) {
        var i = t.d.indexOf(d);
        return i >= 0 ? t.r[i] : null;
      }, function () { return null; });
      return Promise.resolve(rec).then(function (r) {
        return r || self.shardRecord(d);
      }).then(function (r) {
        return { doc: d, path: r[0], title: r[1], date: r[2], source: r[3], dateline: r[4], snippet: r[5], countries: r[6], organisations: r[7] };
      });
    }));
  };

  // month returns a document's month as 202406.
  Index.prototype.month = function (doc) {
    var ms = this.manifest.m, lo = 0, hi = ms.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (ms[mid][1] <= doc) lo = mid;
      else hi = mid - 1;
    }
    return ms.length ? ms[lo][0] : 0;
  };

  // facets loads the facets of docs: {values, of(doc) → {country:[slug],
  // organisation, region, source, year, month}}.
  Index.prototype.facets = function (docs) {
    var self = this, m = this.manifest;
    var shards = new Set();
    docs.forEach(function (d) { shards.add(Math.floor(d / m.fs)); });
    var want = Array.from(shards).sort(function (a, b) { return a - b; });
    return Promise.all([self.file("v-" + m.v + ".json")].concat(want.map(function (s) {
      return self.file("f-" + nth(m.f, s) + ".json");
    }))).then(function (files) {
      var vals = files[0], byShard = {};
      want.forEach(function (s, i) { byShard[s] = files[i + 1]; });
      return {
        values: vals,
        of: function (d) {
          var f = byShard[Math.floor(d / m.fs)][d % m.fs];
          var mo = self.month(d), regions = [];
          var countries = f[0].map(function (i) {
            var c = vals.c[i];
            if (c[3] && regions.indexOf(c[3]) < 0) regions.push(c[3]);
            return c[0];
          });
          return {
            country: countries,
            organisation: f[1].map(function (i) { return vals.o[i][0]; }),
            region: regions,
            source: vals.s[f[2]][0] ? [vals.s[f[2]][0]] : [],
            year: [yearMonth(mo)[0]],
            month: [yearMonth(mo)[1]]
          };
        }
      };
    });
  };

  var FILTERS = ["country", "organisation", "region", "source"];
  var PARAMS = ["q", "country", "organisation", "region", "source", "from", "to", "sort"];

  // readState reads the search's state from a URL's query string. A year
  // given alone (from=2024, to=2024) is its months, as the year facet
  // writes it, so that the facets show it chosen.
  function readState(search) {
    var p = new URLSearchParams(search), st = {};
    PARAMS.forEach(function (k) { st[k] = (p.get(k) || "").trim(); });
    if (/^\d{4}$/.test(st.from)) st.from += "-01";
    if (/^\d{4}$/.test(st.to)) st.to += "-12";
    return st;
  }

  // writeState is the query string of a state, keys in a fixed order.
  function writeState(st) {
    var p = new URLSearchParams();
    PARAMS.forEach(function (k) { if (st[k]) p.set(k, st[k]); });
    var s = p.toString();
    return s ? "?" + s : "";
  }

  function hasFilter(st) {
    return FILTERS.some(function (k) { return st[k]; }) || st.from || st.to;
  }

  // yearMonth writes the index's month number (YYYYMM) as the year and
  // the month facets' values, "2024" and "2024-08", the year in four
  // digits so that the values compare as strings do: "0999-06" before
  // "2020-01".
  function yearMonth(mo) {
    var y = String(Math.floor(mo / 100)).padStart(4, "0");
    return [y, y + "-" + String(mo % 100).padStart(2, "0")];
  }

  // keep tells whether a document's facets pass the state's filters.
  function keep(f, st) {
    for (var i = 0; i < FILTERS.length; i++) {
      var k = FILTERS[i];
      if (st[k] && f[k].indexOf(st[k]) < 0) return false;
    }
    var mo = f.month[0];
    if (st.from && mo < (st.from.length === 4 ? st.from + "-01" : st.from)) return false;
    if (st.to && mo > (st.to.length === 4 ? st.to + "-12" : st.to)) return false;
    return true;
  }

  // run answers a state: {docs: [doc…] in order, query, facets: a
  // function returning a Promise of {counts: {facet: {slug: n}}, values}}.
  // typing matches the last word as a prefix. Without a filter the
  // results do not wait for the facet files: the page asks for them once
  // the results are shown.
  function run(index, st, typing) {
    var q = parseQuery(st.q, typing);
    var empty = q.words.length === 0 && q.phrases.length === 0;
    if (empty && !hasFilter(st)) return Promise.resolve({ docs: [], facets: function () { return Promise.resolve(null); }, empty: true, query: q });
    var found = empty
      ? Promise.resolve(Array.from({ length: index.manifest.n }, function (_, i) { return { doc: index.manifest.n - 1 - i, score: 0 }; }))
      : index.search(q);
    return found.then(function (hits) {
      var docs = hits.map(function (h) { return h.doc; });
      var offers = hits.offers || [];
      var loaded = null;
      var facets = function () { return loaded || (loaded = index.facets(docs).then(count)); };
      var count = function (fs) {
        // Slugs such as "constructor" must not meet Object.prototype.
        var counts = {};
        ["country", "organisation", "region", "source", "year", "month"].forEach(function (k) { counts[k] = Object.create(null); });
        // A facet's count is what its link leads to: the link replaces
        // that facet's own filter (or the months), so each facet is
        // counted over the results without it.
        var without = {};
        for (var k in counts) {
          var s2 = Object.assign({}, st);
          if (k === "year" || k === "month") {
            s2.from = s2.to = "";
            if (k === "month" && st.from) { s2.from = st.from.slice(0, 4) + "-01"; s2.to = st.from.slice(0, 4) + "-12"; }
          } else s2[k] = "";
          without[k] = s2;
        }
        var kept = docs.filter(function (d) {
          var f = fs.of(d);
          for (var k in counts) {
            if (keep(f, without[k])) f[k].forEach(function (v) { counts[k][v] = (counts[k][v] || 0) + 1; });
          }
          return keep(f, st);
        });
        return { counts: counts, values: fs.values, kept: kept };
      };
      var order = function (ds) {
        if (st.sort === "newest") ds.sort(function (a, b) { return b - a; });
        return ds;
      };
      if (hasFilter(st)) {
        return facets().then(function (f) {
          return { docs: order(f.kept), query: q, facets: facets, offers: offers };
        });
      }
      return { docs: order(docs), query: q, facets: facets, offers: offers };
    });
  }

  // names reads a JSON object of names (a page's data-regions: the
  // regions' names in its language, keyed by the English names the index
  // holds), keeping only strings; anything else is no names.
  function names(json) {
    var out = Object.create(null);
    try {
      var o = JSON.parse(json || "{}");
      if (o && typeof o === "object" && !Array.isArray(o)) {
        Object.keys(o).forEach(function (k) { if (typeof o[k] === "string") out[k] = o[k]; });
      }
    } catch (e) { /* no names: the index's */ }
    return out;
  }

  var core = { words: words, parseQuery: parseQuery, Index: Index, readState: readState, writeState: writeState, run: run, names: names,
    yearMonth: yearMonth, keep: keep };
  if (typeof module === "object" && module.exports) {
    module.exports = core;
    return;
  }

  // ---- The page ----

  var PAGE = 20;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // marker returns a function that appends text to a parent with the
  // query's words in <mark>: made once for a page of results.
  function marker(q) {
    var stems = q.words.concat.apply(q.words, q.phrases).filter(function (w) { return w.length >= 2; });
    // Chinese and Japanese pairs are found as substrings.
    var cjk = stems.filter(function (w) { return isCJK(Array.from(w)[0]); });
    stems = stems.filter(function (w) { return !isCJK(Array.from(w)[0]); });
    function matches(w) {
      return stems.some(function (s) {
        return w === s || (s.length >= 3 && w.startsWith(s.slice(0, Math.max(3, s.length - 2))));
      });
    }
    return function (parent, text) {
      var last = 0, m;
      function plain(s) {
        var at = 0;
        while (cjk.length) {
          var best = -1, len = 0;
          cjk.forEach(function (w) {
            var i = s.indexOf(w, at);
            if (i >= 0 && (best < 0 || i < best)) { best = i; len = w.length; }
          });
          if (best < 0) break;
          parent.appendChild(document.createTextNode(s.slice(at, best)));
          parent.appendChild(el("mark", {}, s.slice(best, best + len)));
          at = best + len;
        }
        if (at < s.length) parent.appendChild(document.createTextNode(s.slice(at)));
      }
      var ascii = ASCII.test(text);
      var re = ascii ? /[A-Za-z0-9]+/g : /[\p{L}\p{Nd}\p{M}]+/gu;
      while ((m = re.exec(text)) !== null) {
        var w = !ascii ? words(m[0]) : m[0].length <= MAX_RUNES ? [m[0].toLowerCase()] : [];
        if (w.length !== 1 || (!ascii && isCJK(Array.from(w[0])[0])) || !matches(w[0])) continue;
        plain(text.slice(last, m.index));
        parent.appendChild(el("mark", {}, m[0]));
        last = m.index + m[0].length;
      }
      plain(text.slice(last));
    };
  }

  function start(root) {
    var form = root.querySelector("form");
    var input = root.querySelector("#search-q");
    var sortSel = root.querySelector("#search-sort");
    var status = root.querySelector("#search-status");
    var list = root.querySelector("#search-results");
    var facetsBox = root.querySelector("#search-facets");
    var chips = root.querySelector("#search-chips");
    var more = root.querySelector("#search-more");
    var base = root.dataset.base || "/";
    var t = function (k) { return root.dataset["t" + k.charAt(0).toUpperCase() + k.slice(1)] || k; };
    var url = function (p) { return base.replace(/\/$/, "") + p; };
    var manifestURL = root.dataset.index;
    var regionNames = names(root.dataset.regions);
    var index = new Index(function (u) {
      return fetch(u).then(function (r) {
        if (!r.ok) throw new Error(u + ": " + r.status);
        return r.json();
      });
    }, manifestURL.slice(0, manifestURL.lastIndexOf("/") + 1));
    var state = readState(location.search);
    var shown = 0, answer = null, seq = 0, timer = 0;

    input.value = state.q;
    sortSel.value = state.sort === "newest" ? "newest" : "";

    function label(kind, slug) {
      var v = answer && answer.values;
      if (!v) return slug;
      var table = { country: v.c, organisation: v.o, source: v.s, region: v.g }[kind];
      if (!table) return slug;
      for (var i = 0; i < table.length; i++) {
        if (table[i][0] === slug) return (kind === "region" && regionNames[table[i][1]]) || table[i][1];
      }
      return slug;
    }

    function setState(next, typing) {
      state = next;
      history.replaceState(null, "", location.pathname + writeState(state) + location.hash);
      refresh(typing);
    }

    function refresh(typing) {
      var mine = ++seq;
      status.textContent = t("loading");
      // Two words whose pair has a top file show their first page before
      // the words' postings arrive; the count and the rest follow.
      var q = parseQuery(state.q, typing);
      var early = (hasFilter(state) || state.sort === "newest" ? Promise.resolve(null) : index.firstPage(q)).then(function (p) {
        if (!p || mine !== seq) return null;
        answer = { docs: p.docs, offers: p.offers, query: q, early: true };
        shown = 0;
        list.textContent = "";
        facetsBox.textContent = "";
        drawChips();
        return showMore(false).then(function () { return p.docs; });
      }, function () { return null; });
      // The words' postings are scored once that page is drawn: on the
      // page's one thread, scoring first held the page back.
      Promise.all([early.then(function () { return run(index, state, typing); }), early]).then(function (both) {
        var a = both[0], firstDocs = both[1];
        if (mine !== seq) return;
        var kept = firstDocs && a.docs.slice(0, PAGE).join() === firstDocs.join();
        answer = a;
        if (kept) {
          // The page shown is the answer's first: keep it.
          shown = firstDocs.length;
          more.hidden = shown >= a.docs.length;
        } else {
          shown = 0;
          list.textContent = "";
        }
        facetsBox.textContent = "";
        drawChips();
        if (a.empty) {
          status.textContent = t("prompt");
          more.hidden = true;
          return;
        }
        status.textContent = a.docs.length ? t("count").replace("%d", a.docs.length) : t("none");
        return (kept ? Promise.resolve() : showMore(false)).then(function () {
          return a.facets();
        }).then(function (f) {
          if (mine !== seq || !f) return;
          answer.counts = f.counts;
          answer.values = f.values;
          drawChips();
          drawFacets();
        });
      }).catch(function () {
        if (mine === seq) status.textContent = t("error");
      });
    }

    function showMore(focus) {
      var mine = seq;
      var page = answer.docs.slice(shown, shown + PAGE);
      return index.records(page, answer.offers).then(function (recs) {
        if (mine !== seq) return;
        var first = null, highlight = marker(answer.query), all = document.createDocumentFragment();
        recs.forEach(function (r) {
          var li = el("li", { "class": "search-result" });
          var h = el("h2");
          var a = el("a", { href: url(r.path) });
          highlight(a, r.title);
          h.appendChild(a);
          li.appendChild(h);
          var meta = [r.date, r.source, r.dateline].filter(Boolean).join(" · ");
          var time = el("p", { "class": "search-meta" }, meta);
          li.appendChild(time);
          if (r.snippet) {
            var p = el("p", { "class": "search-snippet" });
            highlight(p, r.snippet);
            li.appendChild(p);
          }
          var cs = r.countries.concat(r.organisations);
          if (cs.length) {
            var ul = el("ul", { "class": "search-result-chips" });
            cs.forEach(function (c) {
              var item = el("li");
              item.appendChild(el("a", { href: url(c[1]) }, c[0]));
              ul.appendChild(item);
            });
            li.appendChild(ul);
          }
          all.appendChild(li);
          first = first || a;
        });
        list.appendChild(all);
        shown += page.length;
        more.hidden = shown >= answer.docs.length;
        if (focus && first) first.focus();
      });
    }

    function drawChips() {
      chips.textContent = "";
      var any = false;
      FILTERS.concat(["from", "to"]).forEach(function (k) {
        if (!state[k]) return;
        any = true;
        var li = el("li");
        var name = (k === "from" || k === "to") ? state[k] : label(k, state[k]);
        var b = el("button", { type: "button", "aria-label": t("remove") + ": " + name }, name + " ×");
        b.addEventListener("click", function () {
          var next = Object.assign({}, state);
          next[k] = "";
          if (k === "from" || k === "to") { next.from = ""; next.to = ""; }
          setState(next, false);
          input.focus();
        });
        li.appendChild(b);
        chips.appendChild(li);
      });
      chips.hidden = !any;
    }

    function drawFacets() {
      facetsBox.textContent = "";
      var c = answer.counts;
      if (!c) return;
      ["country", "organisation", "region", "source", "year", "month"].forEach(function (k) {
        if (k === "month" && !(state.from && state.from.length === 7 && state.from.slice(0, 4) === (state.to || "").slice(0, 4))) return;
        var entries = Object.keys(c[k]).map(function (v) { return [v, c[k][v]]; });
        if (!entries.length) return;
        entries.sort(function (a, b) {
          return (k === "year" || k === "month") ? cmp(b[0], a[0]) : (b[1] - a[1] || cmp(a[0], b[0]));
        });
        var sec = el("section", { "class": "search-facet", "aria-labelledby": "facet-" + k });
        sec.appendChild(el("h2", { id: "facet-" + k }, t(k)));
        var ul = el("ul");
        entries.slice(0, 12).forEach(function (e) {
          var next = Object.assign({}, state);
          if (k === "year") { next.from = e[0] + "-01"; next.to = e[0] + "-12"; }
          else if (k === "month") { next.from = e[0]; next.to = e[0]; }
          else next[k] = e[0];
          var active = (k === "year" || k === "month") ? (state.from === next.from && state.to === next.to) : state[k] === e[0];
          var li = el("li");
          var a = el("a", { href: location.pathname + writeState(next) }, (k === "year" || k === "month") ? e[0] : label(k, e[0]));
          if (active) a.setAttribute("aria-current", "true");
          a.appendChild(el("span", { "class": "search-count" }, " " + e[1]));
          a.addEventListener("click", function (ev) {
            ev.preventDefault();
            setState(next, false);
          });
          li.appendChild(a);
          ul.appendChild(li);
        });
        sec.appendChild(ul);
        facetsBox.appendChild(sec);
      });
    }

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      clearTimeout(timer);
      setState(Object.assign({}, state, { q: input.value.trim(), sort: sortSel.value }), false);
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        setState(Object.assign({}, state, { q: input.value }), true);
      }, 120);
    });
    sortSel.addEventListener("change", function () {
      setState(Object.assign({}, state, { sort: sortSel.value }), false);
    });
    more.addEventListener("click", function () {
      var mine = seq;
      var failed = status.textContent === t("error");
      showMore(true).then(function () {
        // A retry that succeeds puts the count back.
        if (mine === seq && failed) status.textContent = t("count").replace("%d", answer.docs.length);
      }, function () {
        if (mine === seq) status.textContent = t("error");
      });
    });

    // Arrows move between the input and the results' headlines; Escape
    // goes back to the input, and there clears it.
    root.addEventListener("keydown", function (ev) {
      var links = Array.from(list.querySelectorAll(".search-result h2 a"));
      var at = links.indexOf(document.activeElement);
      if (ev.key === "ArrowDown" && (document.activeElement === input || at >= 0)) {
        if (at + 1 < links.length) links[at + 1].focus();
        ev.preventDefault();
      } else if (ev.key === "ArrowUp" && at >= 0) {
        (at > 0 ? links[at - 1] : input).focus();
        ev.preventDefault();
      } else if (ev.key === "Escape") {
        if (document.activeElement === input && input.value) {
          input.value = "";
          setState(Object.assign({}, state, { q: "" }), false);
        }
        input.focus();
      }
    });

    index.open().then(function () { refresh(false); }, function () { status.textContent = t("error"); });
  }

  var root = document.getElementById("search");
  if (root) start(root);
})();
