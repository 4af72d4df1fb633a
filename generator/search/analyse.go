// Package search writes a site's search index: static files that a browser
// fetches piece by piece, so that a query downloads a small manifest, the
// chunks holding its terms and the records of the results it shows, never
// the whole index. Read.go reads the same files, as the browser's script
// does, for the tests and for anyone wanting to query an index from Go.
//
// Every file of the index but the manifest carries a hash of its content
// in its name, so a file can be cached for ever; index.go lists the files
// and what each holds.
//
// Documents are numbered oldest first, so that a new story — the newest —
// takes the next number and leaves every other document's alone.
package search

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/attache/attache/generator/search/tokenize"
)

// Doc is one story as the index sees it.
type Doc struct {
	// Path is the story's URL path from the site root.
	Path                     string
	Title, Lede, Body        string // plain text
	Date                     time.Time
	Source, Dateline         string
	Countries, Organisations []Value
}

// Value is one value of a facet: a country, an organisation.
type Value struct {
	// Slug names the value in the search page's URL (?country=sudan).
	Slug, Name, Path string
	// Region is a country's UN region, "" for others.
	Region string
}

// Field weights: a word in the headline counts three times one in the
// body, one in the lede twice (the lede is also the body's first
// paragraph, so it counts three times in all). Pairs of words, for
// phrases, are indexed in the headline and the lede only: in the body
// they would be most of the index and of the time it takes to build.
const (
	titleWeight = 3
	ledeWeight  = 2
	bodyWeight  = 1
)

// BM25's parameters. The length norm uses a fixed average length rather
// than the archive's, which would change every stored weight of every
// term with each new story.
const (
	k1        = 1.2
	b         = 0.75
	avgLength = 700
	// maxWeight is the largest stored weight: weights are quantized to
	// one base-64 digit.
	maxWeight = 63
)

// snippetRunes bounds a result's snippet.
const snippetRunes = 280

// Analyser analyses stories for the index. It numbers the words it meets
// and remembers their stems, so that a word is stemmed once per build
// however many stories use it, and an analysis holds numbers, not strings.
// It is safe for concurrent use.
type Analyser struct {
	mu    sync.RWMutex
	ids   map[string]int32
	words []string // by number
	// stems holds the number of each word's stem, -1 while unknown: a
	// stem is numbered when first met as a stem, and Porter2 does not
	// always give a stem back as its own stem ("agre" → "agr"), so its
	// own is worked out only when the stem is met as a word.
	stems []int32
	// seeds holds, for each word, the FNV-1a state after hashing the word
	// and a space: the start of the PairHash of the word and any other.
	seeds []uint32
	// scratch holds per-story tables indexed by word number, reused.
	scratch sync.Pool
}

// NewAnalyser returns an Analyser that knows no words yet.
func NewAnalyser() *Analyser {
	return &Analyser{ids: map[string]int32{}}
}

// word returns the numbers of a word and of its stem, the stem, and the
// stem's pair seed. The word may be a scratch buffer: the Analyser keeps
// a copy.
func (an *Analyser) word(w []byte) (id, stem int32, stemText string, seed uint32) {
	an.mu.RLock()
	id, ok := an.ids[string(w)]
	if ok {
		stem = an.stems[id]
		ok = stem >= 0
	}
	if ok {
		stemText, seed = an.words[stem], an.seeds[stem]
	}
	an.mu.RUnlock()
	if ok {
		return id, stem, stemText, seed
	}
	word := string(w)
	st := tokenize.Stem(word)
	an.mu.Lock()
	defer an.mu.Unlock()
	stem = an.add(st)
	id = an.add(word)
	an.stems[id] = stem
	return id, stem, an.words[stem], an.seeds[stem]
}

// add numbers a word not seen before, and returns a known word's number.
// The caller holds an.mu for writing.
func (an *Analyser) add(w string) int32 {
	if id, ok := an.ids[w]; ok {
		return id
	}
	id := int32(len(an.words))
	an.ids[w] = id
	an.words = append(an.words, w)
	an.stems = append(an.stems, -1)
	an.seeds = append(an.seeds, fnvAdd(fnvAdd(fnvOffset, w), " "))
	return id
}

// scratch is what Analyse counts one story's words in.
type scratch struct {
	weight  []float64 // by stem number
	seen    []bool    // by word number
	touched []int32
	pairs   []uint64 // hash<<32 | weight of each pair met
	buf     []byte   // the folded text, for tokenize.Scan
}

// Analysis is what the index keeps of one story: its weighted stems and
// pairs of stems, its words whose stem differs, and its result record. It
// depends on the story alone, so a build keeps it for as long as the
// story is unchanged.
type Analysis struct {
	// Terms are stem numbers with a weight: number<<8 | weight, by number.
	Terms []uint32
	// Pairs are the hashes of pairs of neighbouring stems (PairHash),
	// with a weight each, by hash.
	Pairs       []uint32
	PairWeights []uint8
	// Surfaces are the numbers of the story's words whose stem differs.
	Surfaces []int32
	Record   json.RawMessage
	Month    int // 202406
	facets   Doc
}

// Analyse analyses one story.
func (an *Analyser) Analyse(d Doc) *Analysis {
	sc, _ := an.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer an.scratch.Put(sc)
	a := &Analysis{}
	length := 0.0
	for _, f := range []struct {
		text string
		w    float64
	}{{d.Title, titleWeight}, {d.Lede, ledeWeight}, {d.Body, bodyWeight}} {
		var prevSeed uint32
		havePrev := false
		sc.buf = tokenize.Scan(sc.buf, f.text, func(w []byte) {
			length += f.w
			id, stem, stemText, seed := an.word(w)
			if n := int(max(id, stem)) + 1; n > len(sc.weight) {
				sc.weight = slices.Grow(sc.weight, n-len(sc.weight))[:n]
				sc.seen = slices.Grow(sc.seen, n-len(sc.seen))[:n]
			}
			if sc.weight[stem] == 0 {
				sc.touched = append(sc.touched, stem)
			}
			sc.weight[stem] += f.w
			if id != stem && !sc.seen[id] {
				sc.seen[id] = true
				a.Surfaces = append(a.Surfaces, id)
			}
			if w[0] >= 0x80 && isCJKWord(string(w)) {
				havePrev = false
				return
			}
			if havePrev && f.w > bodyWeight {
				sc.pairs = append(sc.pairs, uint64(fnvAdd(prevSeed, stemText))<<32|uint64(f.w))
			}
			prevSeed, havePrev = seed, true
		})
	}
	norm := k1 * (1 - b + b*length/avgLength)
	weigh := func(f float64) uint32 {
		w := f * (k1 + 1) / (f + norm) / (k1 + 1) * maxWeight
		return uint32(max(1, min(maxWeight, math.Round(w))))
	}
	a.Terms = make([]uint32, 0, len(sc.touched))
	for _, id := range sc.touched {
		a.Terms = append(a.Terms, uint32(id)<<8|weigh(sc.weight[id]))
		sc.weight[id] = 0
	}
	slices.Sort(a.Terms)
	for _, id := range a.Surfaces {
		sc.seen[id] = false
	}
	slices.Sort(a.Surfaces)
	// Pairs are filed by hash, which the browser computes too. Two pairs
	// with one hash count as one.
	slices.Sort(sc.pairs)
	for i := 0; i < len(sc.pairs); {
		h, sum := uint32(sc.pairs[i]>>32), 0.0
		for ; i < len(sc.pairs) && uint32(sc.pairs[i]>>32) == h; i++ {
			sum += float64(uint32(sc.pairs[i]))
		}
		a.Pairs = append(a.Pairs, h)
		a.PairWeights = append(a.PairWeights, uint8(weigh(sum)))
	}
	sc.touched, sc.pairs = sc.touched[:0], sc.pairs[:0]
	a.Month = d.Date.Year()*100 + int(d.Date.Month())
	chips := func(vs []Value) [][2]string {
		out := make([][2]string, len(vs))
		for i, v := range vs {
			out[i] = [2]string{v.Name, v.Path}
		}
		return out
	}
	rec := []any{d.Path, d.Title, d.Date.Format(time.DateOnly), d.Source, d.Dateline, snippet(d.Lede, d.Body),
		chips(d.Countries), chips(d.Organisations)}
	a.Record, _ = json.Marshal(rec)
	a.facets = Doc{Source: d.Source, Countries: d.Countries, Organisations: d.Organisations}
	return a
}

// PairHash is the key of two neighbouring stems in the pair index: the
// 32-bit FNV-1a hash of "a b". The browser computes the same.
func PairHash(a, b string) uint32 {
	return fnvAdd(fnvAdd(fnvAdd(fnvOffset, a), " "), b)
}

const fnvOffset = 2166136261

// fnvAdd continues an FNV-1a hash with the bytes of s.
func fnvAdd(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

func isCJKWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return tokenize.IsCJK(r)
}

// snippet is what a result shows under its headline: the lede, or the
// body's start, cut at a word near snippetRunes.
func snippet(lede, body string) string {
	s := strings.TrimSpace(lede)
	if s == "" {
		s = strings.TrimSpace(body)
	}
	if utf8.RuneCountInString(s) <= snippetRunes {
		return s
	}
	cut := []rune(s)[:snippetRunes]
	if i := strings.LastIndexByte(string(cut), ' '); i > snippetRunes/2 {
		return string(cut)[:i] + "…"
	}
	return string(cut) + "…"
}
