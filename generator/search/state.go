package search

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
)

// stateMagic starts an encoded Cache; its number is the format, which
// changes whenever the encoding or the index's layout does.
const stateMagic = "attache search index 1\n"

// EncodeState encodes what the Cache needs to append to its index in
// another process: every term's, pair's and surface form's postings, best
// stories and files, and the names and signatures of the files of the
// last Build (not their bytes, which the site's output holds). keys names
// the last Build's documents, in order, as RestoreCache will be given
// them. It returns nil for a Cache that has not built.
func (c *Cache) EncodeState(keys []string) []byte {
	if c.terms == nil || len(keys) != len(c.docs) {
		return nil
	}
	b := []byte(stateMagic)
	b = binary.AppendUvarint(b, uint64(c.segLimit))
	b = binary.AppendUvarint(b, uint64(c.pairTop))
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = appendString(b, k)
	}
	b = binary.LittleEndian.AppendUint64(b, digest(c.docs))
	b = binary.AppendUvarint(b, uint64(len(c.sorted)+len(c.pairs)))
	for _, e := range c.sorted {
		if e.stem != "" {
			b = append(b, 's')
			b = appendString(appendString(b, e.key), e.stem)
			b = binary.AppendUvarint(b, uint64(e.refs))
			continue
		}
		b = appendString(append(b, 't'), e.key)
		b = appendEntry(b, e)
	}
	// Pairs by hash, for bytes that do not depend on a map's order.
	hashes := make([]uint32, 0, len(c.pairs))
	for h := range c.pairs {
		hashes = append(hashes, h)
	}
	slices.Sort(hashes)
	for _, h := range hashes {
		b = binary.LittleEndian.AppendUint32(append(b, 'p'), h)
		b = appendEntry(b, c.pairs[h])
	}
	b = appendFiles(b, c.tchunks)
	digits := c.digits
	if c.slots == nil {
		digits = -1 // no pairs: the next write lays the table out again
	}
	b = binary.AppendUvarint(b, uint64(digits+1))
	b = binary.AppendUvarint(b, uint64(len(c.slots)))
	for _, s := range c.slots {
		b = appendFiles(b, s.files)
	}
	for _, fs := range [][]File{c.records, c.lists, c.facets, {c.values}} {
		b = appendFiles(b, fs)
	}
	return b
}

func appendEntry(b []byte, e *entry) []byte {
	b = binary.AppendUvarint(b, uint64(e.n))
	b = appendString(b, string(e.post.buf))
	b = binary.AppendUvarint(b, uint64(len(e.top)))
	for _, p := range e.top {
		b = append(binary.AppendUvarint(b, uint64(p.doc)), p.weight)
	}
	b = binary.AppendUvarint(b, uint64(len(e.segs)))
	for _, s := range e.segs {
		b = appendFile(binary.AppendUvarint(b, uint64(s.end)), s.file)
	}
	return appendFile(b, e.kfile)
}

func appendFile(b []byte, f File) []byte {
	return binary.LittleEndian.AppendUint64(appendString(b, f.Name), f.Sign)
}

func appendFiles(b []byte, fs []File) []byte {
	b = binary.AppendUvarint(b, uint64(len(fs)))
	for _, f := range fs {
		b = appendFile(b, f)
	}
	return b
}

// RestoreCache returns the Cache an EncodeState encoded, its documents
// given by doc (nil for a key it does not know) as analysed by an. The
// files it lists before they change again have no bytes (Data is nil):
// they are the files the last Build wrote, which the site's output holds,
// and which a clean Build of the same documents writes again. An encoding
// of another format, a damaged one, or one that does not agree with the
// documents gives an error.
func RestoreCache(an *Analyser, data []byte, doc func(key string) *Analysis) (*Cache, error) {
	r := &keptReader{b: data}
	if string(r.bytes(len(stateMagic))) != stateMagic {
		return nil, fmt.Errorf("search index state: not of format %q", stateMagic[:len(stateMagic)-1])
	}
	c := &Cache{segLimit: int(r.uvarint()), pairTop: int(r.uvarint())}
	if r.err != nil || c.segLimit <= 0 || c.pairTop <= 0 {
		return nil, errDamagedState
	}
	c.reset(an)
	c.docs = make([]*Analysis, r.count(1))
	for i := range c.docs {
		if c.docs[i] = doc(r.string()); c.docs[i] == nil && r.err == nil {
			return nil, fmt.Errorf("search index state: document %d is not among the kept analyses", i)
		}
	}
	sum := r.bytes(8)
	if r.err != nil {
		return nil, errDamagedState
	}
	if binary.LittleEndian.Uint64(sum) != digest(c.docs) {
		return nil, fmt.Errorf("search index state: the kept analyses are not those it indexed")
	}
	an.mu.RLock()
	defer an.mu.RUnlock()
	n := r.count(2)
	var postings, pairPostings int
	for range n {
		switch kind := r.bytes(1); {
		case r.err != nil:
		case kind[0] == 's':
			key, stem := r.string(), r.string()
			id, ok := an.ids[key]
			if !ok || an.stems[id] < 0 || an.words[an.stems[id]] != stem || c.surfaces[id] != nil {
				r.fail()
				break
			}
			e := &entry{key: key, stem: stem, refs: int(r.uvarint())}
			c.surfaces[id] = e
			c.sorted = append(c.sorted, e)
		case kind[0] == 't':
			key := r.string()
			id, ok := an.ids[key]
			if !ok || c.terms[id] != nil {
				r.fail()
				break
			}
			e := &entry{key: key}
			c.readEntry(r, e)
			c.terms[id] = e
			c.sorted = append(c.sorted, e)
			postings += e.n
		case kind[0] == 'p':
			hb := r.bytes(4)
			if hb == nil {
				break
			}
			h := binary.LittleEndian.Uint32(hb)
			e := &entry{key: fmt.Sprintf("%08x", h), pair: true}
			if c.pairs[h] != nil {
				r.fail()
				break
			}
			c.readEntry(r, e)
			c.pairs[h] = e
			c.pairSize += 14 + 2*e.n
			pairPostings += e.n
		default:
			r.fail()
		}
		if r.err != nil {
			return nil, errDamagedState
		}
	}
	for i := 1; i < len(c.sorted); i++ {
		if entryCmp(c.sorted[i-1], c.sorted[i]) >= 0 {
			return nil, errDamagedState
		}
	}
	// The postings must be the documents' own: as many, by term.
	wantTerms, wantPairs := 0, 0
	for _, a := range c.docs {
		wantTerms += len(a.Terms)
		wantPairs += len(a.Pairs)
		if c.fv.add(a) {
			c.values = File{}
		}
		if len(c.months) == 0 || c.months[len(c.months)-1][0] != a.Month {
			c.months = append(c.months, [2]int{a.Month, len(c.fv.docs) - 1})
		}
	}
	if postings != wantTerms || pairPostings != wantPairs {
		return nil, fmt.Errorf("search index state: %d postings, %d pairs' for documents of %d and %d", postings, pairPostings, wantTerms, wantPairs)
	}
	tchunks := r.files("t")
	c.digits = int(r.uvarint()) - 1
	slots := r.count(1)
	if r.err != nil || c.digits < -1 || c.digits > 7 || (len(c.pairs) > 0) != (c.digits >= 0) ||
		(c.digits >= 0 && slots != 1<<(4*c.digits)) {
		return nil, errDamagedState
	}
	if c.digits >= 0 {
		c.slots = make([]pairSlot, slots)
		for i := range c.slots {
			c.slots[i].files = r.files("")
		}
		for h, e := range c.pairs {
			s := &c.slots[slotOf(h, c.digits)]
			s.es = append(s.es, e)
		}
	}
	c.records, c.lists, c.facets = r.files("r"), r.files("l"), r.files("f")
	values := r.files("v")
	if r.err != nil || len(r.b) > 0 || len(values) != 1 {
		return nil, errDamagedState
	}
	c.values = values[0]
	N := len(c.docs)
	if len(c.records) != ceilDiv(N, RecordShard) || len(c.lists) != ceilDiv(len(c.records), RecordList) ||
		len(c.facets) != ceilDiv(N, FacetShard) {
		return nil, errDamagedState
	}
	for _, e := range c.terms {
		c.bump(e)
	}
	for _, e := range c.surfaces {
		c.bump(e)
	}
	for _, e := range c.pairs {
		c.bump(e)
	}
	for i := range c.slots {
		s := &c.slots[i]
		if (len(s.es) == 0) != (len(s.files) == 0) || (len(s.files) > 0 && !strings.HasPrefix(s.files[len(s.files)-1].Name, Dir+"p-")) {
			return nil, errDamagedState
		}
		slices.SortFunc(s.es, entryCmp)
		if len(s.es) > 0 {
			s.sign = c.sign("p", s.es)
		}
	}
	// The term chunks, in the order write lists them, known again by
	// their entries' new versions.
	c.chunks = map[uint64]File{}
	i := 0
	c.writeTerms(func(_ string, es []*entry) string {
		if i >= len(tchunks) {
			i++
			return ""
		}
		f := tchunks[i]
		i++
		c.chunks[c.sign("t", es)] = f
		return f.id
	})
	if i != len(tchunks) {
		return nil, errDamagedState
	}
	c.tchunks = tchunks
	return c, nil
}

// digest sums up analyses, but for their numbers, which are a process's
// own: records, months, pairs and weights. A state is of the analyses it
// indexed, which a key names; the digest guards against a key that names
// other analyses.
func digest(docs []*Analysis) uint64 {
	h := fnv.New64a()
	var b []byte
	for _, a := range docs {
		b = append(b[:0], a.Record...)
		b = binary.AppendVarint(b, int64(a.Month))
		b = binary.AppendUvarint(b, uint64(len(a.Terms)))
		b = binary.AppendUvarint(b, uint64(len(a.Surfaces)))
		weights := 0 // summed: terms are in the order of a process's numbers
		for _, t := range a.Terms {
			weights += int(t & 0xff)
		}
		b = binary.AppendUvarint(b, uint64(weights))
		for i, p := range a.Pairs {
			b = binary.LittleEndian.AppendUint32(b, p)
			b = append(b, a.PairWeights[i])
		}
		h.Write(b)
	}
	return h.Sum64()
}

// errDamagedState is the error of every state RestoreCache cannot read.
var errDamagedState = fmt.Errorf("search index state: damaged")

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// readEntry reads an entry's postings, best stories, segments and top
// file, checking them against the number of documents.
func (c *Cache) readEntry(r *keptReader, e *entry) {
	n := r.uvarint()
	buf := []byte(r.string())
	if n > uint64(len(buf)) {
		r.fail()
		return
	}
	e.n = int(n)
	e.post.buf, e.post.last = buf, -1
	count, bad := 0, false
	end := 0
	e.post.each(func(doc int, w uint8, off int) bool {
		if doc <= e.post.last || doc >= len(c.docs) || w == 0 || w > maxWeight {
			bad = true
			return false
		}
		e.post.last, count, end = doc, count+1, off
		return true
	})
	if bad || count != e.n || end != len(buf) || n == 0 {
		r.fail()
		return
	}
	for range r.count(2) {
		doc, w := r.uvarint(), r.bytes(1)
		if doc >= uint64(len(c.docs)) || w == nil {
			r.fail()
			return
		}
		e.top = append(e.top, posting{int32(doc), w[0]})
	}
	if len(e.top) > TopRecords {
		r.fail()
		return
	}
	for range r.count(2) {
		s := segment{end: int(r.uvarint()), file: r.file("s")}
		if s.file.Name == "" || s.end <= 0 || s.end > len(buf) || (len(e.segs) > 0 && s.end <= e.segs[len(e.segs)-1].end) {
			r.fail()
			return
		}
		e.segs = append(e.segs, s)
	}
	e.kfile = r.file("k")
}

// file reads a file's name and signature: a name of the index, of kind
// kind ("" for any), or none.
func (r *keptReader) file(kind string) File {
	name := r.string()
	sum := r.bytes(8)
	if sum == nil || name == "" {
		return File{}
	}
	id, ok := strings.CutPrefix(name, Dir)
	if !ok || len(id) != len("x-")+idLen+len(".json") || id[1] != '-' || !strings.HasSuffix(id, ".json") ||
		(kind != "" && id[:1] != kind) {
		r.fail()
		return File{}
	}
	return File{Name: name, Sign: binary.LittleEndian.Uint64(sum), id: id[2 : 2+idLen]}
}

func (r *keptReader) files(kind string) []File {
	fs := make([]File, r.count(9))
	for i := range fs {
		if fs[i] = r.file(kind); fs[i].Name == "" {
			r.fail()
		}
	}
	return fs
}
