package search

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"hash/maphash"
	"slices"
	"strings"
	"unicode/utf8"
)

// Dir is the index's folder in the site, and ManifestName its one file
// with a stable name.
const (
	Dir          = "/search/"
	ManifestName = "manifest.json"
)

// Shard sizes. A result record is a few hundred bytes: the browser fetches
// RecordShard of them for each result it shows from a shard, and the
// facets of FacetShard documents at once.
const (
	RecordShard = 8
	FacetShard  = 512
	// maxChunk is the size a term chunk is split beyond, by the next
	// letter of its terms; pair chunks are cut by the first hex digits
	// of their hashes into as many as make them about this size.
	maxChunk = 12 << 10
	// idLen is the length of a file's hash in its name, hex digits.
	idLen = 8
)

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
	// RecordShard and FacetShard are the shards' sizes in documents.
	RecordShard int `json:"rs"`
	FacetShard  int `json:"fs"`
	// Terms maps each term chunk's key to its hash: a term is in the chunk
	// of the longest key it starts with.
	Terms map[string]string `json:"t"`
	// Pairs names the pair chunks: a pair whose hash (PairHash, in hex)
	// starts with digits D is in the chunk at D's place in the list.
	Pairs PairTable `json:"p"`
	// Records and Facets are the shards' hashes, idLen digits each, in
	// document order, end to end.
	Records string `json:"r"`
	Facets  string `json:"f"`
	// Values is the hash of the values file.
	Values string `json:"v"`
	// Months lists each month with stories ([202406, first document]),
	// oldest first: documents are in date order, so a month is a range.
	Months [][2]int `json:"m"`
}

// PairTable is where the pair chunks are: Digits hex digits of a pair's
// hash number its chunk, and the file List (a JSON list of hashes, ""
// for no chunk) names them; it is read only for phrases.
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

// Build writes the index of docs, oldest first, analysed by an. The
// output depends on the stories alone, byte for byte.
func Build(an *Analyser, docs []*Analysis) []File {
	return new(Cache).Build(an, docs)
}

// Cache keeps the encoded term and pair chunks of one Build for the next,
// so that a build encodes only the chunks whose content changed: a new
// story changes the chunks of its words, and encoding every chunk was
// most of the cost of an index. Its zero value is ready; it is not safe
// for concurrent use.
type Cache struct {
	seed   maphash.Seed
	seeded bool
	chunks map[chunkKey]File
}

type chunkKey struct {
	kind string
	sum  uint64
}

// key identifies a chunk by its content, whatever the order of its maps.
func (c *Cache) key(kind string, ch chunk) chunkKey {
	if !c.seeded {
		c.seed, c.seeded = maphash.MakeSeed(), true
	}
	var sum uint64
	entry := func(tag byte, k, v string) {
		h := maphash.String(c.seed, k)
		sum += (h^uint64(tag))*0x9E3779B97F4A7C15 ^ maphash.String(c.seed, v)
	}
	for k, v := range ch.Terms {
		entry('t', k, v)
	}
	for k, v := range ch.Surfaces {
		entry('w', k, v)
	}
	return chunkKey{kind: kind, sum: sum ^ uint64(len(ch.Terms))<<32 ^ uint64(len(ch.Surfaces))}
}

// Build is the package's Build, reusing the chunks of the Cache's last
// Build that did not change.
func (c *Cache) Build(an *Analyser, docs []*Analysis) []File {
	var files []File
	kept := make(map[chunkKey]File, len(c.chunks))
	put := func(kind string, v any) string {
		var f File
		if ch, ok := v.(chunk); ok {
			k := c.key(kind, ch)
			var hit bool
			if f, hit = c.chunks[k]; !hit {
				f = encodeFile(kind, v)
			}
			kept[k] = f
		} else {
			f = encodeFile(kind, v)
		}
		files = append(files, f)
		return f.id
	}
	defer func() { c.chunks = kept }()
	m := Manifest{N: len(docs), RecordShard: RecordShard, FacetShard: FacetShard}
	m.Terms, m.Pairs = writeTerms(an, docs, put), writePairs(docs, put)
	for i := 0; i < len(docs); i += RecordShard {
		var recs []json.RawMessage
		for _, a := range docs[i:min(i+RecordShard, len(docs))] {
			recs = append(recs, a.Record)
		}
		m.Records += put("r", recs)
	}
	vals, facets := facetValues(docs)
	for i := 0; i < len(docs); i += FacetShard {
		m.Facets += put("f", facets[i:min(i+FacetShard, len(docs))])
	}
	m.Values = put("v", vals)
	m.Months = [][2]int{}
	for i, a := range docs {
		if len(m.Months) == 0 || m.Months[len(m.Months)-1][0] != a.Month {
			m.Months = append(m.Months, [2]int{a.Month, i})
		}
	}
	data, _ := json.Marshal(m)
	h := fnv.New64a()
	h.Write(data)
	files = append(files, File{Name: Dir + ManifestName, Data: data, Sign: h.Sum64()})
	return files
}

// encodeFile encodes one file of the index, named by a hash of its bytes.
func encodeFile(kind string, v any) File {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // maps of strings and slices only
	}
	h := fnv.New64a()
	h.Write(data)
	sum := h.Sum64()
	id := fmt.Sprintf("%0*x", idLen, sum>>(64-4*idLen))
	return File{Name: Dir + kind + "-" + id + ".json", Data: data, Sign: sum, id: id}
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

// facetValues numbers the facets' values in order of first appearance, so
// that a new story's values take new numbers and leave the others'.
func facetValues(docs []*Analysis) (Values, []docFacets) {
	vals := Values{Countries: [][4]string{}, Organisations: [][3]string{}, Sources: [][2]string{}, Regions: [][2]string{}}
	countries, orgs, sources, regions := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	out := make([]docFacets, len(docs))
	for i, a := range docs {
		f := &out[i]
		for _, c := range a.facets.Countries {
			n, ok := countries[c.Slug]
			if !ok {
				region := Slug(c.Region)
				if _, ok := regions[region]; !ok && region != "" {
					regions[region] = len(vals.Regions)
					vals.Regions = append(vals.Regions, [2]string{region, c.Region})
				}
				n = len(vals.Countries)
				countries[c.Slug] = n
				vals.Countries = append(vals.Countries, [4]string{c.Slug, c.Name, c.Path, region})
			}
			f.Countries = append(f.Countries, n)
		}
		for _, o := range a.facets.Organisations {
			n, ok := orgs[o.Slug]
			if !ok {
				n = len(vals.Organisations)
				orgs[o.Slug] = n
				vals.Organisations = append(vals.Organisations, [3]string{o.Slug, o.Name, o.Path})
			}
			f.Organisations = append(f.Organisations, n)
		}
		src := Slug(a.facets.Source)
		n, ok := sources[src]
		if !ok {
			n = len(vals.Sources)
			sources[src] = n
			vals.Sources = append(vals.Sources, [2]string{src, a.facets.Source})
		}
		f.Source = n
	}
	return vals, out
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

// entry is one term of a chunk: a term with its postings, or a word with
// its stem.
type entry struct {
	key      string
	postings []byte
	stem     string
}

// writeTerms writes the term chunks and returns their trie.
func writeTerms(an *Analyser, docs []*Analysis, put func(string, any) string) map[string]string {
	an.mu.RLock()
	lists := make([]postings, len(an.words))
	an.mu.RUnlock()
	surf := map[int32]bool{}
	for i, a := range docs {
		for _, t := range a.Terms {
			lists[t>>8].add(i, uint8(t&0xff))
		}
		for _, s := range a.Surfaces {
			surf[s] = true
		}
	}
	an.mu.RLock()
	var entries []entry
	for id, l := range lists {
		if l.buf != nil {
			entries = append(entries, entry{key: an.words[id], postings: l.buf})
		}
	}
	for id := range surf {
		entries = append(entries, entry{key: an.words[id], stem: an.words[an.stems[id]]})
	}
	an.mu.RUnlock()
	return writeChunks(entries, "t", put, true)
}

// writePairs writes the pair chunks and returns their table.
func writePairs(docs []*Analysis, put func(string, any) string) PairTable {
	// hash<<32 | document<<8 | weight, sorted: each pair's postings in
	// document order, pairs in hash order.
	var all []uint64
	for i, a := range docs {
		for j, h := range a.Pairs {
			all = append(all, uint64(h)<<32|uint64(i)<<8|uint64(a.PairWeights[j]))
		}
	}
	slices.Sort(all)
	size := 0
	for i := range all {
		if i == 0 || all[i]>>32 != all[i-1]>>32 {
			size += 14
		}
		size += 2
	}
	t := PairTable{}
	for t.Digits < 7 && size>>(4*t.Digits) > maxChunk {
		t.Digits++
	}
	list := make([]string, 1<<(4*t.Digits))
	for i := 0; i < len(all); {
		c := chunk{Terms: map[string]string{}}
		slot := all[i] >> (64 - 4*t.Digits)
		if t.Digits == 0 {
			slot = 0
		}
		for i < len(all) && (t.Digits == 0 || all[i]>>(64-4*t.Digits) == slot) {
			h := uint32(all[i] >> 32)
			var p postings
			for ; i < len(all) && uint32(all[i]>>32) == h; i++ {
				p.add(int(all[i]>>8&0xffffff), uint8(all[i]))
			}
			c.Terms[fmt.Sprintf("%08x", h)] = string(p.buf)
		}
		list[slot] = put("p", c)
	}
	t.List = put("q", list)
	return t
}

// writeChunks writes one family of chunks ("t" terms, "p" pairs) and
// returns its trie: key → hash.
func writeChunks(entries []entry, kind string, put func(string, any) string, surfaces bool) map[string]string {
	slices.SortFunc(entries, func(x, y entry) int {
		if c := strings.Compare(x.key, y.key); c != 0 {
			return c
		}
		return strings.Compare(x.stem, y.stem) // a stem sorts before its surface form
	})
	size := func(e entry) int { return len(e.key) + len(e.postings) + len(e.stem) + 6 }
	trie := map[string]string{}
	emit := func(key string, es []entry) {
		c := chunk{Terms: make(map[string]string, len(es))}
		if surfaces {
			c.Surfaces = map[string]string{}
		}
		for _, e := range es {
			if e.postings == nil {
				c.Surfaces[e.key] = e.stem
			} else {
				c.Terms[e.key] = string(e.postings)
			}
		}
		trie[key] = put(kind, c)
	}
	// split files entries, all starting with prefix, under prefix, or
	// under longer prefixes where they hold more than maxChunk together.
	var split func(prefix string, es []entry)
	split = func(prefix string, es []entry) {
		total := 0
		for _, e := range es {
			total += size(e)
		}
		if total <= maxChunk {
			emit(prefix, es)
			return
		}
		var rest []entry
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
			emit(prefix, rest)
		}
	}
	split("", entries)
	return trie
}

// chunk is a term chunk's content.
type chunk struct {
	Surfaces map[string]string `json:"w,omitempty"`
	Terms    map[string]string `json:"t"`
}

// The postings alphabet: 64 characters that JSON and URLs leave alone.
const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

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
