// Package textsim measures how alike two stories' words are: the salient
// words of a story weighted by TF-IDF over the site, compared by cosine,
// and a MinHash sketch of its word shingles, compared by resemblance, which
// tells a version or near-copy of a story from a rewrite.
//
// Features depend on one article alone and can be kept across builds;
// Weigh needs every article's Features, as a word's weight depends on how
// many stories use it.
package textsim

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SketchSize is the number of MinHash bins of a sketch.
const SketchSize = 32

// maxWords bounds the words read from a body: news puts what matters first,
// and the rest of a long story would only cost time.
const maxWords = 240

// Features is what one story contributes: its words with their counts and
// the MinHash sketch of its word shingles.
type Features struct {
	// Terms are distinct word hashes, sorted, with their counts (the
	// title's words count double).
	Terms  []uint32
	Counts []uint16
	// Sketch holds, per bin, the least hash of the shingles falling in it
	// (one-permutation MinHash); empty bins hold math.MaxUint32.
	Sketch [SketchSize]uint32
}

// Extract computes a story's features from its title, lede and body (HTML
// or text). The body's first paragraph, which repeats the lede behind a
// dateline, is skipped when the lede is given.
func Extract(title, lede, body string) *Features {
	f := &Features{}
	counts := map[uint32]uint16{}
	add := func(w string, n uint16) {
		if stopword(w) {
			return
		}
		counts[wordHash(w)] += n
	}
	for _, w := range words(title, 64) {
		add(w, 2)
	}
	text := stripHTML(body, lede != "")
	all := words(lede, maxWords)
	all = append(all, words(text, maxWords-len(all))...)
	for _, w := range all {
		add(w, 1)
	}
	f.Terms = make([]uint32, 0, len(counts))
	for t := range counts {
		f.Terms = append(f.Terms, t)
	}
	slices.Sort(f.Terms)
	f.Counts = make([]uint16, len(f.Terms))
	for i, t := range f.Terms {
		f.Counts[i] = counts[t]
	}
	f.sketch(all)
	return f
}

// sketch fills Sketch from the story's three-word shingles, stop words
// included: versions of a story share its sentences word for word.
func (f *Features) sketch(ws []string) {
	for i := range f.Sketch {
		f.Sketch[i] = math.MaxUint32
	}
	for i := 0; i+3 <= len(ws); i++ {
		x := mix(hashString(hashString(hashString(fnvOffset, ws[i]), ws[i+1]), ws[i+2]))
		bin, v := x>>59, uint32(x)
		if v < f.Sketch[bin] {
			f.Sketch[bin] = v
		}
	}
}

// Resemblance estimates the Jaccard similarity of two stories' shingle
// sets, from 0 to 1: the share of bins, among those either fills, holding
// the same least hash.
func Resemblance(a, b *Features) float64 {
	same, used := 0, 0
	for i := range a.Sketch {
		x, y := a.Sketch[i], b.Sketch[i]
		if x == math.MaxUint32 && y == math.MaxUint32 {
			continue
		}
		used++
		if x == y {
			same++
		}
	}
	if used == 0 {
		return 0
	}
	return float64(same) / float64(used)
}

// Hashes are FNV-1a with a fixed start, so that they, and so the results,
// are the same in every process: two builds must agree.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return (h ^ 0xff) * fnvPrime
}

// mix spreads FNV's bits (splitmix64's finaliser), whose high bits pick
// the bin.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

func wordHash(w string) uint32 { return uint32(mix(hashString(fnvOffset, w))) }

// words splits s into at most n lower-case words of letters and digits;
// an apostrophe or hyphen inside a word is kept ("ren'ai", "wadi-halfa"),
// and a comma or point between digits too ("87,000").
func words(s string, n int) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s) && len(out) < n; {
		r, size := rune(0), 1
		if i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		inside := unicode.IsLetter(r) || unicode.IsDigit(r)
		if !inside && start >= 0 && i+size < len(s) && (r == '\'' || r == '’' || r == '-' || r == ',' || r == '.') {
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			next, _ := utf8.DecodeRuneInString(s[i+size:])
			digits := unicode.IsDigit(prev) && unicode.IsDigit(next)
			if digits || (r != ',' && r != '.' && unicode.IsLetter(prev) && unicode.IsLetter(next)) {
				inside = true
			}
		}
		switch {
		case inside && start < 0:
			start = i
		case !inside && start >= 0:
			out = append(out, strings.ToLower(strings.ReplaceAll(s[start:i], "’", "'")))
			start = -1
		}
		i += size
	}
	return out
}

// stripHTML returns the text of an HTML body with tags dropped and the
// common entities decoded, without its first paragraph if skipFirst.
func stripHTML(body string, skipFirst bool) string {
	if skipFirst {
		if i := strings.Index(body, "</p>"); i >= 0 {
			body = body[i+len("</p>"):]
		} else if i := strings.Index(body, "\n\n"); i >= 0 {
			body = body[i+2:]
		} else {
			body = ""
		}
	}
	var b strings.Builder
	b.Grow(len(body))
	in := false
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c == '<':
			in = true
			b.WriteByte(' ')
		case c == '>':
			in = false
		case !in && c == '&':
			// An entity is a word break: &#39; inside "Ren&#39;ai" splits
			// the word, which only costs a little recall.
			if j := strings.IndexByte(body[i:min(len(body), i+10)], ';'); j > 0 {
				i += j
			}
			b.WriteByte(' ')
		case !in:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Vector is a story's salient words: at most MaxTerms word hashes, sorted,
// with TF-IDF weights of unit length.
type Vector struct {
	Terms   []uint32
	Weights []float32
}

// MaxTerms bounds a Vector: the words that say what a story is about.
const MaxTerms = 24

// Weigh turns every story's words into a Vector, weighting each word by
// (1 + log tf) × log(N / df): a word every story uses weighs nothing,
// which is what drops agency names, weekdays and reporting verbs the stop
// list misses.
//
// N and df count the stories up to horizon after the story's own time, not
// the whole site: a story's weights, and so what it is related to, then
// never change when a much newer story arrives, which would otherwise
// shift every weight a little and reorder near ties across the archive.
// times are the stories' times, in any unit, and horizon in the same unit.
func Weigh(all []*Features, times []int64, horizon int64) []Vector {
	order := make([]int, len(all))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Or(cmp.Compare(times[a], times[b]), cmp.Compare(a, b)) })
	df := make(map[uint32]int32, len(all)*8)
	out := make([]Vector, len(all))
	type tw struct {
		t uint32
		w float32
	}
	var buf []tw
	seen := 0
	for _, i := range order {
		for seen < len(order) && times[order[seen]] <= times[i]+horizon {
			for _, t := range all[order[seen]].Terms {
				df[t]++
			}
			seen++
		}
		n := float64(seen)
		f := all[i]
		buf = buf[:0]
		for j, t := range f.Terms {
			idf := math.Log((n + priorStories) / float64(df[t]))
			if idf <= 0 {
				continue
			}
			buf = append(buf, tw{t, float32((1 + math.Log(float64(f.Counts[j]))) * idf)})
		}
		slices.SortFunc(buf, func(a, b tw) int { return cmp.Or(cmp.Compare(b.w, a.w), cmp.Compare(a.t, b.t)) })
		buf = buf[:min(len(buf), MaxTerms)]
		slices.SortFunc(buf, func(a, b tw) int { return cmp.Compare(a.t, b.t) })
		var norm float64
		for _, x := range buf {
			norm += float64(x.w) * float64(x.w)
		}
		v := Vector{Terms: make([]uint32, len(buf)), Weights: make([]float32, len(buf))}
		for j, x := range buf {
			v.Terms[j], v.Weights[j] = x.t, float32(float64(x.w)/math.Sqrt(norm))
		}
		out[i] = v
	}
	return out
}

// priorStories is added to the number of stories a weight counts: on a
// young site, or for its first day's stories, a handful of stories would
// make every word look common or every word rare; past a few hundred
// stories it hardly matters. (It was set on the thread evaluation set: 20
// and 50 give the same groups, 200 makes common words weigh too much.)
const priorStories = 20

// Cosine is the cosine of two vectors, from 0 to 1.
func Cosine(a, b Vector) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a.Terms) && j < len(b.Terms) {
		switch {
		case a.Terms[i] < b.Terms[j]:
			i++
		case a.Terms[i] > b.Terms[j]:
			j++
		default:
			s += float64(a.Weights[i]) * float64(b.Weights[j])
			i++
			j++
		}
	}
	return s
}
