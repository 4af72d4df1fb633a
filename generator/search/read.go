package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/attache/attache/generator/search/tokenize"
)

// Reader queries an index the way the browser's script does, fetching
// files as it needs them. Its ranking is the script's (the Node test
// compares them).
type Reader struct {
	fetch    func(name string) ([]byte, error)
	manifest Manifest
	chunks   map[string]*chunk
	// offers are the top files of the last Search's terms and pairs, in
	// the order Record looks in them.
	offers []offer
}

// offer is a top file and the documents it holds, which the reader knows
// from the postings before it fetches the file.
type offer struct {
	hash string
	docs map[int]bool
}

// NewReader reads an index's manifest; fetch returns a file by its URL
// path ("/search/manifest.json").
func NewReader(fetch func(name string) ([]byte, error)) (*Reader, error) {
	r := &Reader{fetch: fetch, chunks: map[string]*chunk{}}
	data, err := fetch(Dir + ManifestName)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &r.manifest); err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestName, err)
	}
	if r.manifest.N < 0 {
		return nil, errors.New(ManifestName + ": negative document count")
	}
	return r, nil
}

// Hit is one result: a document number and its score.
type Hit struct {
	Doc   int
	Score float64
}

// Query is a parsed query: the words each result must hold (each a list
// of stems, any of which will do), and phrases (each the word pairs it
// is made of).
type Query struct {
	Words   []string
	Prefix  string // the last word, matched as a prefix, "" if none
	Phrases [][]string
}

// ParseQuery splits what the user typed into words and quoted phrases.
// The last word is also matched as a prefix unless typed is false or the
// query ends with a space or a quote: the user is still typing it.
func ParseQuery(q string, typing bool) Query {
	var out Query
	parts := strings.Split(q, `"`)
	for i, part := range parts {
		ws := tokenize.Words(part)
		if i%2 == 1 && i < len(parts)-1 {
			var ph []string
			for _, w := range ws {
				ph = append(ph, w.Surface)
			}
			if len(ph) == 1 {
				out.Words = append(out.Words, ph[0])
			} else if len(ph) > 1 {
				out.Phrases = append(out.Phrases, ph)
			}
			continue
		}
		for _, w := range ws {
			out.Words = append(out.Words, w.Surface)
		}
	}
	if n := len(out.Words); typing && n > 0 && !strings.HasSuffix(q, " ") && !strings.HasSuffix(q, `"`) {
		if last := out.Words[n-1]; len([]rune(last)) >= 2 && !isCJKWord(last) {
			out.Prefix = last
		}
	}
	return out
}

// chunkOf returns the chunk of the family a term would be in, and its key.
func (r *Reader) chunkOf(family map[string]string, kind, term string) (*chunk, error) {
	key, ok := "", false
	for k := range family {
		if strings.HasPrefix(term, k) && (!ok || len(k) > len(key)) {
			key, ok = k, true
		}
	}
	if !ok {
		return nil, nil
	}
	return r.load(kind, family[key])
}

func (r *Reader) load(kind, hash string) (*chunk, error) {
	name := Dir + kind + "-" + hash + ".json"
	if c, ok := r.chunks[name]; ok {
		return c, nil
	}
	data, err := r.fetch(name)
	if err != nil {
		return nil, err
	}
	c := &chunk{}
	if err := json.Unmarshal(data, c); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	r.chunks[name] = c
	return c, nil
}

// stemOf returns the stem a surface form is filed under. A word the
// archive never wrote ("insurance" where stories say "insurers") is taken
// for the longest stem it starts with, of at least all but its last five
// letters (and four): the browser has no stemmer, and this finds most of
// an English word's family.
func (r *Reader) stemOf(surface string) (string, error) {
	c, err := r.chunkOf(r.manifest.Terms, "t", surface)
	if err != nil || c == nil {
		return surface, err
	}
	if s, ok := c.Surfaces[surface]; ok {
		return s, nil
	}
	if _, ok := c.Terms[surface]; ok || isCJKWord(surface) {
		return surface, nil
	}
	rs := []rune(surface)
	for n := len(rs) - 1; n >= max(4, len(rs)-5); n-- {
		p := string(rs[:n])
		c, err := r.chunkOf(r.manifest.Terms, "t", p)
		if err != nil {
			return surface, err
		}
		if c != nil {
			if _, ok := c.Terms[p]; ok {
				return p, nil
			}
		}
	}
	return surface, nil
}

// nth returns the i-th hash of a list of hashes end to end.
func nth(list string, i int) (string, bool) {
	if i < 0 || (i+1)*idLen > len(list) {
		return "", false
	}
	return list[i*idLen : (i+1)*idLen], true
}

// pairPostings returns the documents of a pair of stems, by its hash.
func (r *Reader) pairPostings(hash string) (map[int]float64, error) {
	c, err := r.pairChunk(hash)
	if err != nil || c == nil {
		return nil, err
	}
	return r.scores(c, hash)
}

// pairChunk returns the chunk a pair of stems is in, by its hash, or nil.
func (r *Reader) pairChunk(hash string) (*chunk, error) {
	t := r.manifest.Pairs
	if t.List == "" || t.Digits < 0 || t.Digits > 7 {
		return nil, nil
	}
	slot := 0
	if t.Digits > 0 {
		n, err := strconv.ParseUint(hash[:t.Digits], 16, 32)
		if err != nil {
			return nil, err
		}
		slot = int(n)
	}
	h, ok := nth(t.List, slot)
	if !ok || h == noChunk {
		return nil, nil
	}
	return r.load("p", h)
}

// scores decodes a term's postings from its chunk, and offers its top
// file for the records.
func (r *Reader) scores(c *chunk, term string) (map[int]float64, error) {
	s, ok, err := r.full(c, term)
	if !ok || err != nil {
		return nil, err
	}
	out, err := r.decode(s)
	if err != nil {
		return nil, err
	}
	if k, ok := c.Tops[term]; ok {
		r.offers = append(r.offers, offer{hash: k, docs: topDocs(out, r.manifest.Top)})
	}
	return out, nil
}

// topDocs returns the best n documents of one term: the first n hits of
// a query of it alone, which its top file holds.
func topDocs(scores map[int]float64, n int) map[int]bool {
	hits := make([]Hit, 0, len(scores))
	for d, sc := range scores {
		hits = append(hits, Hit{d, sc})
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return b.Doc - a.Doc
	})
	out := map[int]bool{}
	for _, h := range hits[:min(max(n, 0), len(hits))] {
		out[h.Doc] = true
	}
	return out
}

// postings returns a term's documents and weights; offer tells whether
// its top file may serve the results' records.
func (r *Reader) postings(family map[string]string, kind, term string, offer bool) (map[int]float64, error) {
	c, err := r.chunkOf(family, kind, term)
	if err != nil || c == nil {
		return nil, err
	}
	if !offer {
		s, ok, err := r.full(c, term)
		if !ok || err != nil {
			return nil, err
		}
		return r.decode(s)
	}
	return r.scores(c, term)
}

// full returns a term's whole postings list: its frozen segments, in
// order, then what its chunk holds.
func (r *Reader) full(c *chunk, term string) (string, bool, error) {
	tail, ok := c.Terms[term]
	if !ok {
		return "", false, nil
	}
	ids := c.Segs[term]
	if len(ids)%idLen != 0 {
		return "", false, fmt.Errorf("segments of %q: bad list %q", term, ids)
	}
	var b strings.Builder
	for i := 0; i < len(ids); i += idLen {
		name := Dir + "s-" + ids[i:i+idLen] + ".json"
		data, err := r.fetch(name)
		if err != nil {
			return "", false, err
		}
		var seg string
		if err := json.Unmarshal(data, &seg); err != nil {
			return "", false, fmt.Errorf("%s: %w", name, err)
		}
		b.WriteString(seg)
	}
	b.WriteString(tail)
	return b.String(), true, nil
}

// decode reads an encoded postings list into document → BM25 score,
// idf included.
func (r *Reader) decode(s string) (map[int]float64, error) {
	var docs []int
	var weights []int
	doc, gap, shift := -1, 0, 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(digits, s[i])
		if d < 0 {
			return nil, fmt.Errorf("bad postings digit %q", s[i])
		}
		if shift < 0 { // a weight
			weights = append(weights, d)
			shift = 0
			continue
		}
		if shift > 30 {
			return nil, errors.New("postings gap overflows")
		}
		gap |= (d & 31) << shift
		if d >= 32 {
			shift += 5
			continue
		}
		doc += gap
		if gap == 0 || doc >= r.manifest.N {
			return nil, fmt.Errorf("postings document %d out of order or range", doc)
		}
		docs = append(docs, doc)
		gap, shift = 0, -1
	}
	if len(weights) != len(docs) {
		return nil, errors.New("postings end inside a posting")
	}
	n, df := float64(r.manifest.N), float64(len(docs))
	idf := math.Log(1 + (n-df+0.5)/(df+0.5))
	out := make(map[int]float64, len(docs))
	for i, d := range docs {
		out[d] = idf * float64(weights[i]) / maxWeight
	}
	return out, nil
}

// pairBonus lifts a story that has two of the query's neighbouring words
// side by side above those that do not: more than the scores of any
// query's words (a word's is at most its idf, under 13 at a million
// stories).
const pairBonus = 1000

// prefixWeight discounts a word that only starts with what was typed.
const prefixWeight = 0.7

// maxExpansions bounds the terms a prefix stands for.
const maxExpansions = 40

// wordScores returns the documents holding a word, scored.
func (r *Reader) wordScores(surface string, prefix bool) (map[int]float64, error) {
	stem, err := r.stemOf(surface)
	if err != nil {
		return nil, err
	}
	out, err := r.postings(r.manifest.Terms, "t", stem, true)
	if err != nil || !prefix {
		return out, err
	}
	if out == nil {
		out = map[int]float64{}
	}
	// Every chunk that may hold a term starting with surface: the one
	// surface itself is in, and those under longer keys.
	stems := map[string]bool{}
	var keys []string
	for k := range r.manifest.Terms {
		if strings.HasPrefix(k, surface) || strings.HasPrefix(surface, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		c, err := r.load("t", r.manifest.Terms[k])
		if err != nil {
			return nil, err
		}
		for s, st := range c.Surfaces {
			if strings.HasPrefix(s, surface) {
				stems[st] = true
			}
		}
		for t := range c.Terms {
			if strings.HasPrefix(t, surface) {
				stems[t] = true
			}
		}
	}
	delete(stems, stem)
	more := slices.Sorted(func(yield func(string) bool) {
		for s := range stems {
			if !yield(s) {
				return
			}
		}
	})
	for _, s := range more[:min(len(more), maxExpansions)] {
		ps, err := r.postings(r.manifest.Terms, "t", s, false)
		if err != nil {
			return nil, err
		}
		for d, sc := range ps {
			out[d] = max(out[d], sc*prefixWeight)
		}
	}
	return out, nil
}

// Search returns the documents matching every word and phrase of q, best
// first (newest first among equals).
//
// Every word is required. A story holding, in its headline or lede, two
// of the query's words as they stand side by side in the query (the pair
// index) ranks above every story that does not, whether or not they were
// quoted: by the number of such pairs, then by the pairs' scores alone.
// The words' scores rank the stories without one. So the first page of a
// query of two words whose pair is in minPairTop stories or more is that
// pair's best stories, whose records its top file holds.
func (r *Reader) Search(q Query) ([]Hit, error) {
	r.offers = nil
	var sets []map[int]float64
	var stems [][]string // each run of neighbouring words, as stems
	run := func(ws []string, prefix int) error {
		var st []string
		for i, w := range ws {
			s, err := r.wordScores(w, i == prefix)
			if err != nil {
				return err
			}
			sets = append(sets, s)
			if i == prefix {
				continue // still being typed: in no pair
			}
			stem, err := r.stemOf(w)
			if err != nil {
				return err
			}
			st = append(st, stem)
		}
		stems = append(stems, st)
		return nil
	}
	prefix := -1
	if q.Prefix != "" {
		prefix = len(q.Words) - 1
	}
	if err := run(q.Words, prefix); err != nil {
		return nil, err
	}
	for _, ph := range q.Phrases {
		if err := run(ph, -1); err != nil {
			return nil, err
		}
	}
	if len(sets) == 0 {
		return nil, nil
	}
	var pairs []map[int]float64
	seen := map[uint32]bool{}
	for _, st := range stems {
		for i := 1; i < len(st); i++ {
			h := PairHash(st[i-1], st[i])
			if seen[h] {
				continue
			}
			seen[h] = true
			s, err := r.pairPostings(fmt.Sprintf("%08x", h))
			if err != nil {
				return nil, err
			}
			if s != nil {
				pairs = append(pairs, s)
			}
		}
	}
	var hits []Hit
	for d, sc := range sets[0] {
		ok := true
		for _, s := range sets[1:] {
			v, in := s[d]
			if !in {
				ok = false
				break
			}
			sc += v
		}
		if !ok {
			continue
		}
		found, ps := false, 0.0
		for _, s := range pairs {
			if v, in := s[d]; in {
				found, ps = true, ps+pairBonus+v
			}
		}
		if found {
			sc = ps
		}
		hits = append(hits, Hit{d, sc})
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		// Scores are compared at a precision the script's floats share.
		if x, y := math.Round(a.Score*1e6), math.Round(b.Score*1e6); x != y {
			if x > y {
				return -1
			}
			return 1
		}
		return b.Doc - a.Doc
	})
	return hits, nil
}

// Record returns a document's result record: path, headline, date,
// source, dateline, snippet, country and organisation chips.
func (r *Reader) Record(doc int) (json.RawMessage, error) {
	recs, err := r.Records([]int{doc})
	if err != nil {
		return nil, err
	}
	return recs[0], nil
}

// Records returns the result records of docs, as the browser fetches
// them: from the top files of the last Search's terms (for each document,
// the one that holds the most of docs), and from the record shards for
// the rest.
func (r *Reader) Records(docs []int) ([]json.RawMessage, error) {
	out := make([]json.RawMessage, len(docs))
	for i, doc := range docs {
		if doc < 0 || doc >= r.manifest.N {
			return nil, fmt.Errorf("no document %d", doc)
		}
		if k := bestOffer(r.offers, docs, doc); k >= 0 {
			// A top file that fails or lacks the record leaves it to
			// the shard, as in the browser.
			if rec, err := r.topRecord(r.offers[k].hash, doc); err == nil && rec != nil {
				out[i] = rec
				continue
			}
		}
		rec, err := r.shardRecord(doc)
		if err != nil {
			return nil, err
		}
		out[i] = rec
	}
	return out, nil
}

// bestOffer returns the offer holding doc that holds the most of docs,
// the first of equals, or -1.
func bestOffer(offers []offer, docs []int, doc int) int {
	best, most := -1, 0
	for k, o := range offers {
		if !o.docs[doc] {
			continue
		}
		n := 0
		for _, d := range docs {
			if o.docs[d] {
				n++
			}
		}
		if n > most {
			best, most = k, n
		}
	}
	return best
}

// topRecord returns a document's record from a top file, nil if the file
// does not hold it.
func (r *Reader) topRecord(hash string, doc int) (json.RawMessage, error) {
	t, err := r.topFile(hash)
	if err != nil {
		return nil, err
	}
	if i := slices.Index(t.Docs, doc); i >= 0 {
		return t.Records[i], nil
	}
	return nil, nil
}

// topFile reads a top file.
func (r *Reader) topFile(hash string) (*topFile, error) {
	name := Dir + "k-" + hash + ".json"
	data, err := r.fetch(name)
	if err != nil {
		return nil, err
	}
	var t topFile
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(t.Docs) != len(t.Records) {
		return nil, fmt.Errorf("%s: %d documents, %d records", name, len(t.Docs), len(t.Records))
	}
	return &t, nil
}

// shardRecord returns a document's record from its shard, named in a
// list the manifest names.
func (r *Reader) shardRecord(doc int) (json.RawMessage, error) {
	m := r.manifest
	shard := doc / max(1, m.RecordShard)
	list, ok := nth(m.Records, shard/max(1, m.RecordList))
	if !ok {
		return nil, fmt.Errorf("no document %d", doc)
	}
	data, err := r.fetch(Dir + "l-" + list + ".json")
	if err != nil {
		return nil, err
	}
	var hashes string
	if err := json.Unmarshal(data, &hashes); err != nil {
		return nil, fmt.Errorf("l-%s.json: %w", list, err)
	}
	hash, ok := nth(hashes, shard%max(1, m.RecordList))
	if !ok {
		return nil, fmt.Errorf("l-%s.json: no shard for document %d", list, doc)
	}
	name := Dir + "r-" + hash + ".json"
	data, err = r.fetch(name)
	if err != nil {
		return nil, err
	}
	var recs []json.RawMessage
	if err := json.Unmarshal(data, &recs); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	i := doc % max(1, m.RecordShard)
	if i >= len(recs) {
		return nil, fmt.Errorf("%s: no record %d", name, i)
	}
	return recs[i], nil
}

// FirstPage returns the first page of a query whose first page is its
// pair's top file, before the words' postings are read: two words (or a
// phrase of two), not being typed, whose pair has a top file (so is in
// more stories than a page, all of them holding both words). Their first
// page is the pair's best stories (see Search), which its top file lists,
// so that the browser shows it from the words' chunks, the pair's chunk
// and that file, and reads a common word's segments after. It returns nil
// for another query; the next Records reads the page from the top file.
func (r *Reader) FirstPage(q Query) ([]int, error) {
	ws := q.Words
	if len(q.Phrases) == 1 && len(ws) == 0 {
		ws = q.Phrases[0]
	} else if len(q.Phrases) > 0 {
		return nil, nil
	}
	if len(ws) != 2 || q.Prefix != "" {
		return nil, nil
	}
	a, err := r.stemOf(ws[0])
	if err != nil {
		return nil, err
	}
	b, err := r.stemOf(ws[1])
	if err != nil {
		return nil, err
	}
	c, err := r.pairChunk(fmt.Sprintf("%08x", PairHash(a, b)))
	if err != nil || c == nil {
		return nil, err
	}
	k, ok := c.Tops[fmt.Sprintf("%08x", PairHash(a, b))]
	if !ok {
		return nil, nil
	}
	t, err := r.topFile(k)
	if err != nil || len(t.Docs) < r.manifest.Top {
		return nil, err
	}
	docs := map[int]bool{}
	for _, d := range t.Docs {
		if d < 0 || d >= r.manifest.N {
			return nil, fmt.Errorf("k-%s.json: no document %d", k, d)
		}
		docs[d] = true
	}
	r.offers = []offer{{hash: k, docs: docs}}
	return slices.Clone(t.Docs), nil
}
