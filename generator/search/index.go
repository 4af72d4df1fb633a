package search

import (
	"cmp"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The index's layout, under Dir (the package comment in analyse.go tells
// the rest):
//
//	manifest.json  N, the term chunks' trie, the pair chunks' table, the
//	               shard lists' and facet shards' hashes, month ranges
//	t-HASH.json    terms: {"w":{surface:stem},"t":{stem:postings},"k":{stem:top hash},
//	               "s":{stem:segment hashes}}
//	p-HASH.json    word pairs: {"t":{pair hash:postings},"k":{pair hash:top hash},"s":{…}}
//	s-HASH.json    a frozen segment of a long postings list: "postings"
//	k-HASH.json    a term's or pair's best TopRecords stories: {"d":[doc],"r":[record]}
//	l-HASH.json    RecordList record shards' hashes, end to end
//	r-HASH.json    RecordShard records: headline, date, source, snippet, chips
//	f-HASH.json    FacetShard documents' countries, organisations, source
//	v-HASH.json    the facets' values: slugs, names, paths, regions
//
// A first page of results usually needs no record shard: the records of a
// word's best stories are filed beside its postings (the k file), and the
// browser, which has the postings, knows which stories that file holds
// before it asks for it.

// Dir is the index's folder in the site, and ManifestName its one file
// with a stable name.
const (
	Dir          = "/search/"
	ManifestName = "manifest.json"
)

// Shard sizes. A result record is a few hundred bytes: the browser fetches
// RecordShard of them for each result it shows from a shard (a result
// that is in none of its words' top files), and the facets of FacetShard
// documents at once.
const (
	RecordShard = 8
	FacetShard  = 512
	// RecordList is how many record shards' hashes a list file holds:
	// the manifest names the lists, so that it stays small and a new
	// story rewrites one list, not every shard's name.
	RecordList = 4096
	// TopRecords is how many of a term's best stories have
	// their records in its top file: a first page of results.
	TopRecords = 20
	// minTop is the fewest stories a term has a top file for: the records
	// of rarer terms come from their shards, as few as the stories.
	minTop = 3
	// minPairTop is the fewest stories a pair of words has a top file
	// for. Measured on the 10,000-article corpusgen site: from 20 (a
	// page) the index grew by half (22.2 to 33.2 MB), from 50 by 15 %,
	// from 100 by 9 %, with the same requests for its common phrases.
	minPairTop = 50
	// maxChunk is the size a term chunk is split beyond, by the next
	// letter of its terms; pair chunks are cut by the first hex digits
	// of their hashes into as many as make them about this size.
	maxChunk = 12 << 10
	// idLen is the length of a file's hash in its name, hex digits.
	idLen = 8
	// segLimit is the length past which the start of a postings list is
	// frozen in a segment file of its own, cut at the first posting past
	// it: a common word's list grows with the archive, and a new story
	// would otherwise rewrite all of it. A list is its segments, in
	// order, then what its chunk holds.
	segLimit = 64 << 10
)

// noChunk stands for an empty slot in the pair table: never a hash.
const noChunk = "--------"

// File is one file of the index.
type File struct {
	// Name is the URL path from the site root: "/search/t-1a2b3c4d.json".
	Name string
	Data []byte
	// Sign is a hash of Data: a file with the same name has the same
	// bytes, so the name is what an incremental build compares.
	Sign uint64
	// id is the hash in the name.
	id string
}

// Manifest is the index's table of contents, the first file a query
// reads.
type Manifest struct {
	// N is the number of documents.
	N int `json:"n"`
	// RecordShard, RecordList and FacetShard are the shards' and lists'
	// sizes; Top is the number of records in a top file, MinTop the
	// fewest stories a term or pair has one for.
	RecordShard int `json:"rs"`
	RecordList  int `json:"rl"`
	FacetShard  int `json:"fs"`
	Top         int `json:"k"`
	MinTop      int `json:"km"`
	// Terms maps each term chunk's key to its hash: a term is in the chunk
	// of the longest key it starts with.
	Terms map[string]string `json:"t"`
	// Pairs names the pair chunks: a pair whose hash (PairHash, in hex)
	// starts with digits D is in the chunk at D's place in the list.
	Pairs PairTable `json:"p"`
	// Records are the record shard lists' hashes (l files), and Facets
	// the facet shards' hashes, idLen digits each, in document order, end
	// to end.
	Records string `json:"r"`
	Facets  string `json:"f"`
	// Values is the hash of the values file.
	Values string `json:"v"`
	// Months lists each month with stories ([202406, first document]),
	// oldest first: documents are in date order, so a month is a range.
	Months [][2]int `json:"m"`
}

// PairTable is where the pair chunks are: Digits hex digits of a pair's
// hash number its chunk, whose hash is at that place in List (hashes end
// to end, noChunk for none).
type PairTable struct {
	Digits int    `json:"d"`
	List   string `json:"l"`
}

// Values lists the facets' values; a facet shard refers to them by index.
type Values struct {
	// Countries are [slug, name, path, region slug].
	Countries [][4]string `json:"c"`
	// Organisations are [slug, label, path].
	Organisations [][3]string `json:"o"`
	// Sources and Regions are [slug, name].
	Sources [][2]string `json:"s"`
	Regions [][2]string `json:"g"`
}

// chunk is a term or pair chunk's content.
type chunk struct {
	Surfaces map[string]string `json:"w,omitempty"`
	Terms    map[string]string `json:"t"`
	// Tops names the top file of each term with at least minTop stories.
	Tops map[string]string `json:"k,omitempty"`
	// Segs names the frozen segments of a long postings list, hashes end
	// to end: the list is theirs, in order, then Terms'.
	Segs map[string]string `json:"s,omitempty"`
}

// topFile is a top file's content: its stories, best first, and their
// records.
type topFile struct {
	Docs    []int             `json:"d"`
	Records []json.RawMessage `json:"r"`
}

// Build writes the index of docs, oldest first, analysed by an. The
// output depends on the stories alone, byte for byte.
func Build(an *Analyser, docs []*Analysis) []File {
	return new(Cache).Build(an, docs)
}

// Cache keeps an index from one Build to the next: every term's postings
// and best stories, the encoded files. A Build whose documents start with
// the last Build's (the same *Analysis values, in order) only appends the
// rest, and encodes again only the files whose content changed: a new
// story costs the chunks of its terms and the last shards, not a pass
// over the archive (but a common word's chunk grows with the archive, as
// its postings do). A changed or removed story is taken back with every story
// after it, which are then appended again: cheap for the newest, linear
// for the oldest. Its zero value is ready; it is not safe for concurrent
// use.
type Cache struct {
	an   *Analyser
	docs []*Analysis

	terms    map[int32]*entry // by stem number
	surfaces map[int32]*entry // by word number
	sorted   []*entry         // terms and surfaces, by key then stem
	pairs    map[uint32]*entry
	// pairSize estimates the encoded pairs' size, for the table's digits.
	pairSize int
	// slots are the pair chunks of the last Build, by the first digits
	// of their hashes, digits of them; a slot is written again when one
	// of its pairs changed.
	slots  []pairSlot
	digits int
	// segLimit is segLimit and pairTop minPairTop, but in tests.
	segLimit int
	pairTop  int
	// ver numbers changes: an entry takes the next number at each.
	ver    uint64
	seed   maphash.Seed
	seeded bool
	// chunks are the last Build's chunk files, by signature (sign), and
	// tchunks its term chunks in the order write lists them.
	chunks  map[uint64]File
	tchunks []File

	records []File // record shards, encoded, in order
	lists   []File // record shard lists
	facets  []File // facet shards
	values  File   // "" Name when it must be encoded again
	fv      facetState
	months  [][2]int
}

// pairSlot is one pair chunk: its pairs and, unless dirty, its files
// (the chunk last) and their signature.
type pairSlot struct {
	es    []*entry
	dirty bool
	files []File
	sign  uint64
}

// touchPair marks a pair's slot to be written again; a new pair joins it.
func (c *Cache) touchPair(h uint32, e *entry, added bool) {
	if c.slots == nil {
		return
	}
	s := &c.slots[slotOf(h, c.digits)]
	s.dirty = true
	if added {
		s.es = append(s.es, e)
	}
}

func slotOf(h uint32, digits int) int {
	if digits == 0 {
		return 0
	}
	return int(h >> (32 - 4*digits))
}

// entry is one term, pair or surface form of the index.
type entry struct {
	key  string
	stem string // a surface form's stem; "" for a term or pair
	post postings
	n    int // documents
	// top holds the term's best documents, best first, at most
	// TopRecords; topDirty tells that kfile, its top file, is stale.
	top      []posting
	topDirty bool
	kfile    File
	refs     int // a surface form's documents
	ver      uint64
	pair     bool
	// segs are the frozen segments of the postings, in order.
	segs []segment
}

// segment is a frozen part of a postings list: its bytes end at end.
type segment struct {
	end  int
	file File
}

// tail is the part of the postings that the entry's chunk holds.
func (e *entry) tail() []byte {
	if len(e.segs) == 0 {
		return e.post.buf
	}
	return e.post.buf[e.segs[len(e.segs)-1].end:]
}

// freeze cuts segments off the postings while what is left of them is
// longer than segLimit: each ends at the first posting to end past
// segLimit bytes from its start, whatever the history of the list.
func (e *entry) freeze(limit int) {
	buf := e.post.buf
	for {
		start := 0
		if len(e.segs) > 0 {
			start = e.segs[len(e.segs)-1].end
		}
		if len(buf)-start <= limit {
			return
		}
		end := start
		for end-start < limit {
			for digitValue[buf[end]] >= 32 { // the gap's digits, then its last
				end++
			}
			end += 2 // and the weight
		}
		if end >= len(buf) {
			return
		}
		data := make([]byte, 0, end-start+2)
		data = append(append(append(data, '"'), buf[start:end]...), '"')
		e.segs = append(e.segs, segment{end: end, file: named("s", data)})
	}
}

// hasTop tells whether an entry has a top file: a term in minTop stories
// or more, a pair in minPairTop or more. A query whose words make a pair
// ranks the pair's stories first, by the pair's weight alone (see
// Reader.Search), so that its first page is the pair's top file; a rarer
// pair has none (measured: a top file for every pair in minTop stories
// tripled the index).
func (c *Cache) hasTop(e *entry) bool {
	if e.pair {
		return e.n >= c.pairTop
	}
	return e.stem == "" && e.n >= minTop
}

// posting is one document of a term with its weight.
type posting struct {
	doc    int32
	weight uint8
}

// postings is a term's postings list as it is encoded, document by
// document (see encodePosting).
type postings struct {
	last int
	buf  []byte
}

func (p *postings) add(doc int, weight uint8) {
	if p.buf == nil {
		p.last = -1
	}
	p.buf = encodePosting(p.buf, doc-p.last, weight)
	p.last = doc
}

// each calls fn with each posting and the offset just past it.
func (p *postings) each(fn func(doc int, weight uint8, end int) bool) {
	doc, gap, shift := -1, 0, 0
	for i := 0; i < len(p.buf); i++ {
		d := int(digitValue[p.buf[i]])
		if shift < 0 {
			if !fn(doc, uint8(d), i+1) {
				return
			}
			shift = 0
			continue
		}
		gap |= (d & 31) << shift
		if d >= 32 {
			shift += 5
			continue
		}
		doc += gap
		gap, shift = 0, -1
	}
}

// rank puts a document among the best: a heavier weight first, the
// newer first among equals, as a one-word query ranks them. Documents
// come oldest first, so a new one goes before every equal.
func (e *entry) rank(doc int, weight uint8) {
	n := len(e.top)
	if n == TopRecords && e.top[n-1].weight > weight {
		return
	}
	i, _ := slices.BinarySearchFunc(e.top, weight, func(p posting, w uint8) int {
		if p.weight > w {
			return -1
		}
		return 1
	})
	e.top = slices.Insert(e.top, i, posting{int32(doc), weight})
	if len(e.top) > TopRecords {
		e.top = e.top[:TopRecords]
	}
	e.topDirty = true
}

func (c *Cache) bump(e *entry) {
	c.ver++
	e.ver = c.ver
}

func entryCmp(x, y *entry) int {
	if v := strings.Compare(x.key, y.key); v != 0 {
		return v
	}
	return strings.Compare(x.stem, y.stem) // a stem sorts before its surface form
}

func (c *Cache) insert(e *entry) {
	i, _ := slices.BinarySearchFunc(c.sorted, e, entryCmp)
	c.sorted = slices.Insert(c.sorted, i, e)
}

func (c *Cache) remove(e *entry) {
	if i, ok := slices.BinarySearchFunc(c.sorted, e, entryCmp); ok {
		c.sorted = slices.Delete(c.sorted, i, i+1)
	}
}

func (c *Cache) reset(an *Analyser) {
	// ver goes on counting: the kept chunks are known by versions.
	limit, pairTop := cmp.Or(c.segLimit, segLimit), cmp.Or(c.pairTop, minPairTop)
	*c = Cache{an: an, ver: c.ver, seed: c.seed, seeded: c.seeded, chunks: c.chunks, segLimit: limit, pairTop: pairTop,
		terms: map[int32]*entry{}, surfaces: map[int32]*entry{}, pairs: map[uint32]*entry{}, digits: -1}
	c.fv.reset()
}

// Build is the package's Build, keeping what it can of the Cache's last.
func (c *Cache) Build(an *Analyser, docs []*Analysis) []File {
	if c.an != an || c.terms == nil {
		c.reset(an)
	}
	keep := 0
	for keep < min(len(docs), len(c.docs)) && docs[keep] == c.docs[keep] {
		keep++
	}
	an.mu.RLock()
	defer an.mu.RUnlock()
	c.truncate(keep)
	for _, a := range docs[keep:] {
		c.add(a)
	}
	return c.write()
}

// add appends a document.
func (c *Cache) add(a *Analysis) {
	d := len(c.docs)
	c.docs = append(c.docs, a)
	an := c.an
	for _, t := range a.Terms {
		id, w := int32(t>>8), uint8(t&0xff)
		e := c.terms[id]
		if e == nil {
			e = &entry{key: an.words[id]}
			c.terms[id] = e
			c.insert(e)
		}
		e.post.add(d, w)
		e.freeze(c.segLimit)
		e.n++
		e.rank(d, w)
		c.bump(e)
	}
	for _, id := range a.Surfaces {
		e := c.surfaces[id]
		if e == nil {
			e = &entry{key: an.words[id], stem: an.words[an.stems[id]]}
			c.surfaces[id] = e
			c.insert(e)
			c.bump(e)
		}
		e.refs++
	}
	for j, h := range a.Pairs {
		e := c.pairs[h]
		if e == nil {
			e = &entry{key: fmt.Sprintf("%08x", h), pair: true}
			c.pairs[h] = e
			c.pairSize += 14
			c.touchPair(h, e, true)
		} else {
			c.touchPair(h, e, false)
		}
		e.post.add(d, a.PairWeights[j])
		e.freeze(c.segLimit)
		e.n++
		c.pairSize += 2
		e.rank(d, a.PairWeights[j])
		c.bump(e)
	}
	c.dropShards(d)
	if c.fv.add(a) {
		c.values = File{}
	}
	if len(c.months) == 0 || c.months[len(c.months)-1][0] != a.Month {
		c.months = append(c.months, [2]int{a.Month, d})
	}
}

// dropShards forgets the encoded record and facet shards, and record
// lists, holding document d or later: they are encoded again.
func (c *Cache) dropShards(d int) {
	shard := d / RecordShard
	c.records = c.records[:min(len(c.records), shard)]
	c.lists = c.lists[:min(len(c.lists), shard/RecordList)]
	c.facets = c.facets[:min(len(c.facets), d/FacetShard)]
}

// truncate takes back the documents from keep on, newest first.
func (c *Cache) truncate(keep int) {
	if keep >= len(c.docs) {
		return
	}
	gone := c.docs[keep:]
	terms, pairs := map[int32]bool{}, map[uint32]bool{}
	for _, a := range gone {
		for _, t := range a.Terms {
			terms[int32(t>>8)] = true
		}
		for _, h := range a.Pairs {
			pairs[h] = true
		}
		for _, id := range a.Surfaces {
			e := c.surfaces[id]
			if e.refs--; e.refs == 0 {
				delete(c.surfaces, id)
				c.remove(e)
			}
		}
	}
	for id := range terms {
		e := c.terms[id]
		if c.cut(e, keep) {
			delete(c.terms, id)
			c.remove(e)
		}
	}
	for h := range pairs {
		e := c.pairs[h]
		c.pairSize -= 2 * e.n
		c.touchPair(h, e, false)
		if c.cut(e, keep) {
			delete(c.pairs, h)
			c.pairSize -= 14
			if c.slots != nil {
				s := &c.slots[slotOf(h, c.digits)]
				s.es = slices.DeleteFunc(s.es, func(x *entry) bool { return x == e })
			}
		}
		c.pairSize += 2 * e.n
	}
	c.docs = c.docs[:keep]
	c.dropShards(keep)
	if c.fv.truncate(keep) {
		c.values = File{}
	}
	for len(c.months) > 0 && c.months[len(c.months)-1][1] >= keep {
		c.months = c.months[:len(c.months)-1]
	}
}

// cut drops an entry's postings from document keep on and tells whether
// none are left.
func (c *Cache) cut(e *entry, keep int) bool {
	n, end, last := 0, 0, -1
	e.post.each(func(doc int, _ uint8, off int) bool {
		if doc >= keep {
			return false
		}
		n, end, last = n+1, off, doc
		return true
	})
	e.post.buf, e.post.last, e.n = e.post.buf[:end:end], last, n
	for len(e.segs) > 0 && e.segs[len(e.segs)-1].end >= end {
		e.segs = e.segs[:len(e.segs)-1]
	}
	e.freeze(c.segLimit)
	c.bump(e)
	if n == 0 {
		return true
	}
	if slices.ContainsFunc(e.top, func(p posting) bool { return int(p.doc) >= keep }) {
		e.top = e.top[:0]
		e.post.each(func(doc int, w uint8, _ int) bool {
			e.rank(doc, w)
			return true
		})
		e.topDirty = true
	}
	return false
}

// sign identifies a chunk by its entries and their versions.
func (c *Cache) sign(kind string, es []*entry) uint64 {
	if !c.seeded {
		c.seed, c.seeded = maphash.MakeSeed(), true
	}
	sum := maphash.String(c.seed, kind) ^ uint64(len(es))
	for _, e := range es {
		// Each entry's key and version are mixed through a finalizer
		// before they are summed: a plain (hash ^ version) let two
		// entries' small version changes cancel out, and a changed
		// chunk was taken for the last build's now and then.
		h := maphash.String(c.seed, e.key+"\x00"+e.stem)
		sum += mix64(h + e.ver*0x9E3779B97F4A7C15)
	}
	return sum
}

// mix64 is SplitMix64's finalizer: every bit of x changes about half of
// the result's.
func mix64(x uint64) uint64 {
	x = (x ^ x>>30) * 0xBF58476D1CE4E5B9
	x = (x ^ x>>27) * 0x94D049BB133111EB
	return x ^ x>>31
}

// write lists the index's files, encoding those whose content changed.
func (c *Cache) write() []File {
	var files []File
	kept := make(map[uint64]File, len(c.chunks))
	// putChunk files a chunk of entries, with their top files.
	putChunk := func(kind string, es []*entry) string {
		for _, e := range es {
			if e.stem == "" {
				for _, sg := range e.segs {
					files = append(files, sg.file)
				}
			}
			if !c.hasTop(e) {
				e.kfile = File{} // the chunk names no top file for it
				continue
			}
			if e.topDirty || e.kfile.Name == "" {
				e.kfile = c.encodeTop(e)
				e.topDirty = false
			}
			files = append(files, e.kfile)
		}
		s := c.sign(kind, es)
		f, hit := c.chunks[s]
		if !hit {
			f = named(kind, encodeChunk(es))
		}
		kept[s] = f
		files = append(files, f)
		if kind == "t" {
			c.tchunks = append(c.tchunks, f)
		}
		return f.id
	}
	c.tchunks = c.tchunks[:0]
	m := Manifest{N: len(c.docs), RecordShard: RecordShard, RecordList: RecordList, FacetShard: FacetShard,
		Top: TopRecords, MinTop: minTop}
	m.Terms = c.writeTerms(putChunk)
	m.Pairs = c.writePairs(putChunk, &files, kept)
	c.chunks = kept

	for s := len(c.records); s*RecordShard < len(c.docs); s++ {
		docs := c.docs[s*RecordShard : min((s+1)*RecordShard, len(c.docs))]
		c.records = append(c.records, named("r", appendRecords(nil, len(docs), func(i int) []byte { return docs[i].Record })))
	}
	files = append(files, c.records...)
	for l := len(c.lists); l*RecordList < len(c.records); l++ {
		var b strings.Builder
		for _, f := range c.records[l*RecordList : min((l+1)*RecordList, len(c.records))] {
			b.WriteString(f.id)
		}
		c.lists = append(c.lists, encodeFile("l", b.String()))
	}
	for _, f := range c.lists {
		m.Records += f.id
		files = append(files, f)
	}
	for s := len(c.facets); s*FacetShard < len(c.docs); s++ {
		c.facets = append(c.facets, encodeFile("f", c.fv.docs[s*FacetShard:min((s+1)*FacetShard, len(c.docs))]))
	}
	for _, f := range c.facets {
		m.Facets += f.id
		files = append(files, f)
	}
	if c.values.Name == "" {
		c.values = encodeFile("v", c.fv.vals)
	}
	m.Values = c.values.id
	files = append(files, c.values)
	m.Months = c.months
	if m.Months == nil {
		m.Months = [][2]int{}
	}
	data, _ := json.Marshal(m)
	h := fnv.New64a()
	h.Write(data)
	files = append(files, File{Name: Dir + ManifestName, Data: data, Sign: h.Sum64()})
	// Files of the same content have the same name: two terms in the
	// same few stories share a top file.
	seen := make(map[string]bool, len(files))
	return slices.DeleteFunc(files, func(f File) bool {
		dup := seen[f.Name]
		seen[f.Name] = true
		return dup
	})
}

// encodeTop encodes a top file, as encoding/json would (topFile), but
// without checking again each record, which json.Marshal wrote.
func (c *Cache) encodeTop(e *entry) File {
	// Room for the numbers; appendRecords makes room for the records.
	b := make([]byte, 0, 16+11*len(e.top))
	b = append(b, `{"d":[`...)
	for i, p := range e.top {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(p.doc), 10)
	}
	b = append(b, `],"r":`...)
	b = appendRecords(b, len(e.top), func(i int) []byte { return c.docs[e.top[i].doc].Record })
	return named("k", append(b, '}'))
}

// appendRecords appends a JSON list of n records, growing b once: the
// top files copy every record a score of times.
func appendRecords(b []byte, n int, rec func(i int) []byte) []byte {
	size := 3 + n // the brackets, the commas, and a byte for a closing brace
	for i := range n {
		size += len(rec(i))
	}
	b = slices.Grow(b, size)
	b = append(b, '[')
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, rec(i)...)
	}
	return append(b, ']')
}

// encodeChunk encodes a chunk of entries, in order, as encoding/json
// would encode its chunk (keys sorted), but faster: a new story encodes
// hundreds of chunks.
func encodeChunk(es []*entry) []byte {
	type kv struct{ k, v string }
	var w, t, k, sg []kv
	for _, e := range es {
		switch {
		case e.stem != "":
			w = append(w, kv{e.key, e.stem})
		default:
			t = append(t, kv{e.key, string(e.tail())})
			if e.kfile.Name != "" {
				k = append(k, kv{e.key, e.kfile.id})
			}
			if len(e.segs) > 0 {
				var ids strings.Builder
				for _, s := range e.segs {
					ids.WriteString(s.file.id)
				}
				sg = append(sg, kv{e.key, ids.String()})
			}
		}
	}
	obj := func(b []byte, name string, kvs []kv) []byte {
		// encoding/json sorts by the keys' bytes; a word sorts before
		// its surface forms in es by key then stem, and keys are unique
		// within each map.
		slices.SortFunc(kvs, func(x, y kv) int { return strings.Compare(x.k, y.k) })
		b = append(append(append(b, '"'), name...), `":{`...)
		for i, p := range kvs {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, p.k)
			b = append(b, ':')
			b = appendJSONString(b, p.v)
		}
		return append(b, '}')
	}
	b := []byte{'{'}
	if len(w) > 0 {
		b = append(obj(b, "w", w), ',')
	}
	b = obj(b, "t", t)
	if len(k) > 0 {
		b = obj(append(b, ','), "k", k)
	}
	if len(sg) > 0 {
		b = obj(append(b, ','), "s", sg)
	}
	return append(b, '}')
}

// appendJSONString appends s as encoding/json writes it.
func appendJSONString(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		q, _ := json.Marshal(s)
		return append(b, q...)
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c == 0xe2 {
			q, _ := json.Marshal(s) // escapes, and U+2028, U+2029
			return append(b, q...)
		}
	}
	return append(append(append(b, '"'), s...), '"')
}

// encodeFile encodes one file of the index, named by a hash of its bytes.
func encodeFile(kind string, v any) File {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // maps of strings and slices only
	}
	return named(kind, data)
}

// named names a file of the index by a hash of its bytes.
func named(kind string, data []byte) File {
	h := fnv.New64a()
	h.Write(data)
	sum := h.Sum64()
	id := fmt.Sprintf("%0*x", idLen, sum>>(64-4*idLen))
	return File{Name: Dir + kind + "-" + id + ".json", Data: data, Sign: sum, id: id}
}

// writeTerms writes the term chunks and returns their trie: key → hash.
// A chunk holds the entries starting with its key, or those of them not
// under a longer key where they hold more than maxChunk together.
func (c *Cache) writeTerms(put func(string, []*entry) string) map[string]string {
	size := func(e *entry) int { return len(e.key) + len(e.tail()) + len(e.stem) + 6 }
	trie := map[string]string{}
	var split func(prefix string, es []*entry)
	split = func(prefix string, es []*entry) {
		total := 0
		for _, e := range es {
			total += size(e)
		}
		if total <= maxChunk {
			trie[prefix] = put("t", es)
			return
		}
		var rest []*entry
		for i := 0; i < len(es); {
			if len(es[i].key) == len(prefix) {
				rest = append(rest, es[i])
				i++
				continue
			}
			_, n := utf8.DecodeRuneInString(es[i].key[len(prefix):])
			next := es[i].key[:len(prefix)+n]
			j, sum := i, 0
			for j < len(es) && strings.HasPrefix(es[j].key, next) {
				sum += size(es[j])
				j++
			}
			if sum > maxChunk/4 {
				split(next, es[i:j])
			} else {
				rest = append(rest, es[i:j]...)
			}
			i = j
		}
		if len(rest) > 0 {
			trie[prefix] = put("t", rest)
		}
	}
	split("", c.sorted)
	return trie
}

// writePairs writes the pair chunks and returns their table.
func (c *Cache) writePairs(put func(string, []*entry) string, files *[]File, kept map[uint64]File) PairTable {
	t := PairTable{}
	if len(c.pairs) == 0 {
		c.slots = nil
		return t
	}
	for t.Digits < 7 && c.pairSize>>(4*t.Digits) > maxChunk {
		t.Digits++
	}
	if t.Digits != c.digits || c.slots == nil {
		c.digits = t.Digits
		c.slots = make([]pairSlot, 1<<(4*t.Digits))
		for h, e := range c.pairs {
			s := &c.slots[slotOf(h, t.Digits)]
			s.es = append(s.es, e)
			s.dirty = true
		}
	}
	var b strings.Builder
	for i := range c.slots {
		s := &c.slots[i]
		if len(s.es) == 0 {
			b.WriteString(noChunk)
			continue
		}
		if s.dirty {
			// The order of a chunk's entries makes no difference to it
			// but for the order its top files are listed in.
			slices.SortFunc(s.es, entryCmp)
			from := len(*files)
			put("p", s.es)
			s.files = slices.Clone((*files)[from:])
			s.sign = c.sign("p", s.es)
			s.dirty = false
		} else {
			*files = append(*files, s.files...)
			kept[s.sign] = s.files[len(s.files)-1]
		}
		b.WriteString(s.files[len(s.files)-1].id)
	}
	t.List = b.String()
	return t
}

// docFacets is one document's facets in a facet shard: indexes into Values.
type docFacets struct {
	Countries, Organisations []int
	Source                   int
}

// MarshalJSON writes [[countries], [organisations], source].
func (d docFacets) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{nonNil(d.Countries), nonNil(d.Organisations), d.Source})
}

func nonNil(s []int) []int {
	if s == nil {
		return []int{}
	}
	return s
}

// facetState numbers the facets' values in order of first appearance, so
// that a new story's values take new numbers and leave the others'.
type facetState struct {
	vals                              Values
	countries, orgs, sources, regions map[string]int
	firstC, firstO, firstS, firstR    []int // the document each value first appeared in
	docs                              []docFacets
}

func (s *facetState) reset() {
	*s = facetState{vals: Values{Countries: [][4]string{}, Organisations: [][3]string{}, Sources: [][2]string{}, Regions: [][2]string{}},
		countries: map[string]int{}, orgs: map[string]int{}, sources: map[string]int{}, regions: map[string]int{}}
}

// add appends a document's facets and tells whether it brought new values.
func (s *facetState) add(a *Analysis) bool {
	d := len(s.docs)
	var f docFacets
	grew := false
	for _, c := range a.facets.Countries {
		n, ok := s.countries[c.Slug]
		if !ok {
			region := Slug(c.Region)
			if _, ok := s.regions[region]; !ok && region != "" {
				s.regions[region] = len(s.vals.Regions)
				s.vals.Regions = append(s.vals.Regions, [2]string{region, c.Region})
				s.firstR = append(s.firstR, d)
			}
			n = len(s.vals.Countries)
			s.countries[c.Slug] = n
			s.vals.Countries = append(s.vals.Countries, [4]string{c.Slug, c.Name, c.Path, region})
			s.firstC = append(s.firstC, d)
			grew = true
		}
		f.Countries = append(f.Countries, n)
	}
	for _, o := range a.facets.Organisations {
		n, ok := s.orgs[o.Slug]
		if !ok {
			n = len(s.vals.Organisations)
			s.orgs[o.Slug] = n
			s.vals.Organisations = append(s.vals.Organisations, [3]string{o.Slug, o.Name, o.Path})
			s.firstO = append(s.firstO, d)
			grew = true
		}
		f.Organisations = append(f.Organisations, n)
	}
	src := Slug(a.facets.Source)
	n, ok := s.sources[src]
	if !ok {
		n = len(s.vals.Sources)
		s.sources[src] = n
		s.vals.Sources = append(s.vals.Sources, [2]string{src, a.facets.Source})
		s.firstS = append(s.firstS, d)
		grew = true
	}
	f.Source = n
	s.docs = append(s.docs, f)
	return grew
}

// truncate takes back the documents from keep on and tells whether
// values went with them.
func (s *facetState) truncate(keep int) bool {
	s.docs = s.docs[:keep]
	c := dropValues(keep, &s.firstC, &s.vals.Countries, s.countries, func(v [4]string) string { return v[0] })
	o := dropValues(keep, &s.firstO, &s.vals.Organisations, s.orgs, func(v [3]string) string { return v[0] })
	src := dropValues(keep, &s.firstS, &s.vals.Sources, s.sources, func(v [2]string) string { return v[0] })
	r := dropValues(keep, &s.firstR, &s.vals.Regions, s.regions, func(v [2]string) string { return v[0] })
	return c || o || src || r
}

// dropValues takes back the values first met in documents from keep on:
// the last ones, as values are numbered in order of first appearance.
func dropValues[V any](keep int, first *[]int, vals *[]V, index map[string]int, slug func(V) string) bool {
	n := len(*first)
	for n > 0 && (*first)[n-1] >= keep {
		n--
		delete(index, slug((*vals)[n]))
	}
	shrunk := n < len(*first)
	*first, *vals = (*first)[:n], (*vals)[:n]
	return shrunk
}

// Slug is a facet value's name in a URL: "Associated Press" is
// "associated-press".
func Slug(s string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7f)
	}) {
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(w)
	}
	return b.String()
}

// The postings alphabet: 64 characters that JSON and URLs leave alone.
const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// digitValue is each postings character's digit, -1 for others.
var digitValue = func() (v [256]int8) {
	for i := range v {
		v[i] = int8(strings.IndexByte(digits, byte(i)))
	}
	return v
}()

// encodePosting appends one posting: the gap from the previous document,
// in base-32 digits with a continuation bit (the first digits carry 5 bits
// each, least significant first), then the weight as one base-64 digit. A
// term in most stories costs two characters a story.
func encodePosting(b []byte, gap int, weight uint8) []byte {
	for gap >= 32 {
		b = append(b, digits[32|gap&31])
		gap >>= 5
	}
	return append(b, digits[gap], digits[weight])
}
