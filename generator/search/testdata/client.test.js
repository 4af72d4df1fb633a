// The search page's query logic (templates/default/static/js/search.js),
// run by Node's test runner from TestClient in client_test.go, which
// writes what Go's reader answered to $SEARCH_EXPECT and the index under
// $SEARCH_SITE.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const core = require(process.env.SEARCH_SCRIPT);
const expect = JSON.parse(fs.readFileSync(process.env.SEARCH_EXPECT, "utf8"));
const site = process.env.SEARCH_SITE;
// SEARCH_RANK_ONLY runs only the ranking against another index than the
// relevance site's (one whose postings are cut in segments).
const siteOnly = { skip: !!process.env.SEARCH_RANK_ONLY };

function open() {
  const fetched = [];
  const index = new core.Index((url) => {
    fetched.push(url);
    return Promise.resolve(JSON.parse(fs.readFileSync(path.join(site, url), "utf8")));
  }, "/search/");
  return index.open().then(() => ({ index, fetched }));
}

test("words are Go's words", () => {
  for (const [text, want] of expect.words) {
    assert.deepEqual(core.words(text), want, text);
  }
});

test("queries parse as in Go", () => {
  for (const c of expect.queries) {
    const q = core.parseQuery(c.q, c.typing);
    assert.deepEqual({ words: q.words, prefix: q.prefix, phrases: q.phrases },
      { words: c.parsed.Words || [], prefix: c.parsed.Prefix, phrases: c.parsed.Phrases || [] }, c.q);
  }
});

test("every query ranks as in Go", async () => {
  for (const c of expect.queries) {
    const { index } = await open();
    // Two words whose pair has a top file: the same first page as Go's,
    // before the postings.
    const first = await index.firstPage(core.parseQuery(c.q, c.typing));
    assert.deepEqual(first && first.docs, c.first, c.q);
    if (first) {
      const recs = await index.records(first.docs, first.offers);
      assert.deepEqual(recs.map((r) => r.path), c.paths, c.q);
    }
    const hits = await index.search(core.parseQuery(c.q, c.typing));
    assert.deepEqual(hits.map((h) => h.doc), c.docs, c.q);
    // The first page's records, from top files or shards, are Go's.
    const page = c.docs.slice(0, 20);
    const recs = await index.records(page, hits.offers);
    assert.deepEqual(recs.map((r) => r.path), c.paths, c.q);
  }
});

test("a query fetches only what it needs", siteOnly, async () => {
  const { index, fetched } = await open();
  const a = await core.run(index, core.readState("?q=ceasefire+talks"), false);
  assert.ok(a.docs.length > 0);
  await index.records(a.docs.slice(0, 20), a.offers);
  const kinds = fetched.map((u) => path.basename(u).split("-")[0]);
  assert.equal(kinds.includes("f"), false, "facets wait for the results");
  assert.equal(kinds.filter((k) => k === "t").length <= 3, true, fetched.join(" "));
  // The first page's records come from the words' top files: with the
  // page's script, at most six requests in all.
  assert.ok(fetched.length <= 5, fetched.join(" "));
  // Two words are looked up as a pair too, in one pair chunk.
  assert.equal(kinds.filter((k) => k === "p").length, 1, fetched.join(" "));
});

test("facets narrow the results and count them", siteOnly, async () => {
  const { index } = await open();
  const all = await core.run(index, core.readState("?q=talks"), false);
  all.counts = (await all.facets()).counts;
  const sudan = all.counts.country.sudan;
  assert.ok(sudan > 0 && sudan < all.docs.length, JSON.stringify(all.counts.country));
  const narrowed = await core.run(index, core.readState("?q=talks&country=sudan"), false);
  assert.equal(narrowed.docs.length, sudan);
  assert.equal((await narrowed.facets()).counts.country.sudan, sudan);
  // Browsing: no words, a facet.
  const browse = await core.run(index, core.readState("?source=reuters&from=2024-01&to=2024-12"), false);
  assert.ok(browse.docs.length > 0);
  const bc = (await browse.facets()).counts;
  // A count is what its link finds: a source's link replaces the chosen
  // source, so the source facet counts every source in the same months.
  assert.equal(bc.source.reuters, browse.docs.length);
  assert.ok(Object.keys(bc.source).length > 1, JSON.stringify(bc.source));
  for (const [v, n] of Object.entries(bc.source)) {
    const other = await core.run(index, core.readState(`?source=${v}&from=2024-01&to=2024-12`), false);
    assert.equal(other.docs.length, n, v);
  }
  for (const m of Object.keys(bc.month)) assert.ok(m >= "2024-01" && m <= "2024-12", m);
  // Newest first is document order, reversed.
  const newest = await core.run(index, core.readState("?q=talks&sort=newest"), false);
  assert.deepEqual(newest.docs, [...newest.docs].sort((a, b) => b - a));
});

test("the URL holds the state", () => {
  const st = core.readState("?q=ceasefire+talks&country=sudan&organisation=au&source=reuters&from=2024-06&to=2024-08&x=1");
  assert.equal(st.q, "ceasefire talks");
  assert.equal(core.writeState(st), "?q=ceasefire+talks&country=sudan&organisation=au&source=reuters&from=2024-06&to=2024-08");
  assert.equal(core.writeState(core.readState("")), "");
  // A year alone is its months, as the year facet writes them.
  const year = core.readState("?from=2024&to=2024");
  assert.equal(year.from, "2024-01");
  assert.equal(year.to, "2024-12");
  assert.equal(core.readState("?from=2024-06").from, "2024-06");
});

test("an empty query without a filter asks for words", siteOnly, async () => {
  const { index } = await open();
  const a = await core.run(index, core.readState("?q=+"), false);
  assert.equal(a.empty, true);
  const none = await core.run(index, core.readState("?q=zzzqqq"), false);
  assert.equal(none.docs.length, 0);
});

test("region names come from the page, strings only", () => {
  const n = core.names('{"Eastern Asia":"Asie de l\'Est","Africa":1,"__proto__":"x"}');
  assert.equal(n["Eastern Asia"], "Asie de l'Est");
  assert.equal(n["Africa"], undefined);
  assert.equal(Object.getPrototypeOf(n), null);
  for (const bad of [undefined, "", "[1]", "null", "{", "\"x\""]) {
    assert.deepEqual(Object.keys(core.names(bad)), []);
  }
});

test("months compare as dates, whatever the year's digits", () => {
  assert.deepEqual(core.yearMonth(202408), ["2024", "2024-08"]);
  assert.deepEqual(core.yearMonth(99906), ["0999", "0999-06"]);
  const doc = (mo) => ({ country: [], organisation: [], region: [], source: [], year: [core.yearMonth(mo)[0]], month: [core.yearMonth(mo)[1]] });
  assert.equal(core.keep(doc(99906), { from: "2020" }), false, "a story of 999 after 2020");
  assert.equal(core.keep(doc(99906), { to: "1500" }), true, "a story of 999 not before 1500");
  assert.equal(core.keep(doc(202408), { from: "2024-08", to: "2024" }), true);
});
