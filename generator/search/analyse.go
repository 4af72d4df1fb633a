// Package search writes a site's search index: static files that a browser
// fetches piece by piece, so that a query downloads a small manifest, the
// chunks holding its terms and the records of the results it shows, never
// the whole index. Read.go reads the same files, as the browser's script
// does, for the tests and for anyone wanting to query an index from Go.
//
// Layout of the index, under /search/ (every name but the manifest's
// carries a hash of its content, so a file can be cached for ever):
//
//	manifest.json      N, the chunk tries, the shard names, month ranges
//	t-HASH.json        terms: {"w":{surface:stem},"t":{stem:postings}}
//	p-HASH.json        word pairs, for phrases: {"t":{"stem stem":postings}}
//	r-HASH.json        RecordShard records: headline, date, source, snippet, chips
//	f-HASH.json        FacetShard documents' countries, organisations, source
//	v-HASH.json        the facets' values: slugs, names, paths, regions
//
// Documents are numbered oldest first, so that a new story — the newest —
// takes the next number and leaves every other document's alone.
package search

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
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
// paragraph, so it counts three times in all).
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

// Analysis is what the index keeps of one story: its weighted terms and
// word pairs, its surface forms and its result record. It depends on the
// story alone, so a build keeps it for as long as the story is unchanged.
type Analysis struct {
	Terms    []Weighted
	Pairs    []Weighted
	Surfaces map[string]string // surface → stem, where they differ
	Record   json.RawMessage
	Month    int // 202406
	facets   Doc
}

// Weighted is a term with its weight in one story, 1 to maxWeight.
type Weighted struct {
	Term   string
	Weight uint8
}

// Analyse analyses one story.
func Analyse(d Doc) *Analysis {
	tf := map[string]float64{}
	pf := map[string]float64{}
	a := &Analysis{Surfaces: map[string]string{}}
	length := 0.0
	for _, f := range []struct {
		text string
		w    float64
	}{{d.Title, titleWeight}, {d.Lede, ledeWeight}, {d.Body, bodyWeight}} {
		words := tokenize.Words(f.text)
		length += f.w * float64(len(words))
		for i, w := range words {
			tf[w.Stem] += f.w
			if w.Surface != w.Stem {
				a.Surfaces[w.Surface] = w.Stem
			}
			if i > 0 && !isCJKWord(w.Stem) && !isCJKWord(words[i-1].Stem) {
				pf[words[i-1].Stem+" "+w.Stem] += f.w
			}
		}
	}
	norm := k1 * (1 - b + b*length/avgLength)
	weigh := func(m map[string]float64) []Weighted {
		out := make([]Weighted, 0, len(m))
		for t, f := range m {
			w := f * (k1 + 1) / (f + norm) / (k1 + 1) * maxWeight
			out = append(out, Weighted{t, uint8(max(1, min(maxWeight, math.Round(w))))})
		}
		slices.SortFunc(out, func(x, y Weighted) int { return strings.Compare(x.Term, y.Term) })
		return out
	}
	a.Terms, a.Pairs = weigh(tf), weigh(pf)
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
