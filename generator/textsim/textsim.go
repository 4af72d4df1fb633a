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
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
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
	sc := scanners.Get().(*scanner)
	defer scanners.Put(sc)
	sc.terms, sc.shingles = sc.terms[:0], sc.shingles[:0]
	sc.scan(title, 64, 2)
	sc.shingles = sc.shingles[:0] // the title is not part of the text
	sc.scan(lede, maxWords, 1)
	sc.scanHTML(body, lede != "")
	f := &Features{Terms: make([]uint32, 0, len(sc.terms)/2), Counts: make([]uint16, 0, len(sc.terms)/2)}
	// Each term is its hash over its weight, so that sorting groups a
	// word's occurrences.
	slices.Sort(sc.terms)
	for i := 0; i < len(sc.terms); {
		h := uint32(sc.terms[i] >> 8)
		n := 0
		for ; i < len(sc.terms) && uint32(sc.terms[i]>>8) == h; i++ {
			n += int(sc.terms[i] & 0xff)
		}
		f.Terms = append(f.Terms, h)
		f.Counts = append(f.Counts, uint16(min(n, math.MaxUint16)))
	}
	f.sketch(sc.shingles)
	return f
}

// scanners keeps scanners for reuse: Extract runs once per story.
var scanners = sync.Pool{New: func() any { return new(scanner) }}

// scanner splits text into words, lower-cased into a reused buffer.
type scanner struct {
	// terms are the occurrences of words but stop words: the word's
	// hash shifted over its weight (a title's words count double).
	terms []uint64
	// shingles holds every word's hash, stop words included, for the
	// sketch.
	shingles []uint64
	words    int
	buf      []byte
}

// scan reads up to limit words of s.
func (sc *scanner) scan(s string, limit int, weight uint16) {
	sc.words = 0
	sc.text(s, limit, weight)
}

// text reads words of s until the scanner holds limit.
func (sc *scanner) text(s string, limit int, weight uint16) {
	for i := 0; i < len(s) && sc.words < limit; {
		if c := s[i]; c < utf8.RuneSelf && asciiWord[c] == 0 {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !wordRune(r) {
			i += size
			continue
		}
		sc.buf = sc.buf[:0]
		for i < len(s) {
			if c := s[i]; c < utf8.RuneSelf && asciiWord[c] != 0 {
				sc.buf = append(sc.buf, asciiWord[c])
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if !wordRune(r) && !joiner(s, i, r, size) {
				break
			}
			if r == '’' {
				r = '\''
			}
			sc.buf = utf8.AppendRune(sc.buf, unicode.ToLower(r))
			i += size
		}
		sc.word(weight)
	}
}

func (sc *scanner) word(weight uint16) {
	sc.words++
	h := hashBytes(fnvOffset, sc.buf)
	sc.shingles = append(sc.shingles, h)
	if len(sc.buf) < 2 || isStop(h) {
		return
	}
	t := uint32(mix(h))
	if t == 0 { // the empty key of counter
		t = 1
	}
	sc.terms = append(sc.terms, uint64(t)<<8|uint64(weight))
}

// asciiWord maps each ASCII letter and digit to itself in lower case, and
// every other ASCII character to 0.
var asciiWord = func() (t [utf8.RuneSelf]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = c, c
	}
	return t
}()

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// joiner reports whether the character r at s[i:] joins two parts of one
// word: an apostrophe or hyphen between letters ("ren'ai", "wadi-halfa"),
// a comma or point between digits ("87,000").
func joiner(s string, i int, r rune, size int) bool {
	if r != '\'' && r != '’' && r != '-' && r != ',' && r != '.' || i == 0 || i+size >= len(s) {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, _ := utf8.DecodeRuneInString(s[i+size:])
	if unicode.IsDigit(prev) && unicode.IsDigit(next) {
		return true
	}
	return r != ',' && r != '.' && unicode.IsLetter(prev) && unicode.IsLetter(next)
}

// scanHTML reads the words of an HTML body's text, tags dropped and
// entities taken as word breaks, until the scanner holds maxWords, without
// its first paragraph if skipFirst.
func (sc *scanner) scanHTML(body string, skipFirst bool) {
	if skipFirst {
		if i := strings.Index(body, "</p>"); i >= 0 {
			body = body[i+len("</p>"):]
		} else if i := strings.Index(body, "\n\n"); i >= 0 {
			body = body[i+2:]
		} else {
			body = ""
		}
	}
	for len(body) > 0 && sc.words < maxWords {
		// The text up to the next tag or entity.
		j := strings.IndexAny(body, "<&")
		if j < 0 {
			j = len(body)
		}
		sc.text(body[:j], maxWords, 1)
		body = body[j:]
		switch {
		case body == "":
		case body[0] == '<':
			k := strings.IndexByte(body, '>')
			if k < 0 {
				return
			}
			body = body[k+1:]
		default:
			// An entity is a word break: "Ren&#39;ai" splits, which only
			// costs a little recall.
			k := strings.IndexByte(body[:min(len(body), 10)], ';')
			body = body[max(k, 0)+1:]
		}
	}
}

// sketch fills Sketch from the story's three-word shingles, stop words
// included: versions of a story share its sentences word for word.
func (f *Features) sketch(ws []uint64) {
	for i := range f.Sketch {
		f.Sketch[i] = math.MaxUint32
	}
	for i := 0; i+3 <= len(ws); i++ {
		x := mix(ws[i] ^ bits.RotateLeft64(ws[i+1], 21) ^ bits.RotateLeft64(ws[i+2], 42))
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

func hashBytes(h uint64, s []byte) uint64 {
	for _, c := range s {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
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
	sorted, sortedTimes := make([]*Features, len(all)), make([]int64, len(all))
	for k, i := range order {
		sorted[k], sortedTimes[k] = all[i], times[i]
	}
	vs := NewCounts(len(all)).WeighFrom(sorted, sortedTimes, horizon, 0)
	out := make([]Vector, len(all))
	for k, i := range order {
		out[i] = vs[k]
	}
	return out
}

// Counts are the numbers of stories using each word among a set of
// stories, and the set's size: what a story's weights read. A caller that
// keeps them from one build to the next (they then count the whole site)
// weighs again only the stories a change reaches (WeighFrom).
type Counts struct {
	df *counter
	n  int
	// logs[i] is log(i): the weights take a logarithm per word of every
	// story, which a table makes a load. It grows with the stories
	// counted, and is kept with them.
	logs []float64
}

// NewCounts returns the counts of no story, with room for about the words
// of the given number of stories.
func NewCounts(stories int) *Counts { return &Counts{df: newCounter(stories * 16)} }

// Len is the number of stories counted.
func (c *Counts) Len() int { return c.n }

// Remove takes a story counted before out of the counts.
func (c *Counts) Remove(f *Features) {
	for _, t := range f.Terms {
		c.df.vals[c.df.slot(t)]--
	}
	c.n--
}

// WeighFrom returns the vectors of the stories all[from:], exactly as
// Weigh weighs them among all. all and times are in ascending order of
// time; c must count exactly the stories all[:c.Len()], each filed at
// most horizon after all[from] (so that Weigh would count them for it).
// On return c counts every story of all.
func (c *Counts) WeighFrom(all []*Features, times []int64, horizon int64, from int) []Vector {
	df, seen := c.df, c.n
	if len(c.logs) == 0 {
		c.logs = append(c.logs, 0)
	}
	for i := len(c.logs); i < len(all)+priorStories+1; i++ {
		c.logs = append(c.logs, math.Log(float64(i)))
	}
	logs := c.logs
	part := all[from:]
	out := make([]Vector, len(part))
	// The frequencies a story's weights read are counted in time order,
	// one story after another; the weights themselves, most of the work,
	// are then worked out in parallel, a block of stories at a time so
	// that the frequencies held stay few.
	const block = 2048
	workers := runtime.GOMAXPROCS(0)
	keys := make([][]uint64, workers)
	var freq []int32
	dfs := make([][]int32, min(block, len(part)))
	logNs := make([]float64, len(dfs))
	for start := 0; start < len(part); start += block {
		end := min(start+block, len(part))
		freq = freq[:0]
		for k := start; k < end; k++ {
			for seen < len(all) && times[seen] <= times[from+k]+horizon {
				for _, t := range all[seen].Terms {
					df.add(t)
				}
				seen++
			}
			logNs[k-start] = logs[seen+priorStories]
			for _, t := range part[k].Terms {
				freq = append(freq, df.get(t))
			}
		}
		off := 0
		for k := start; k < end; k++ {
			n := len(part[k].Terms)
			dfs[k-start] = freq[off : off+n : off+n]
			off += n
		}
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := start + w; k < end; k += workers {
					out[k] = weighOne(part[k], dfs[k-start], logNs[k-start], logs, &keys[w])
				}
			}()
		}
		wg.Wait()
	}
	for ; seen < len(all); seen++ {
		for _, t := range all[seen].Terms {
			df.add(t)
		}
	}
	c.n = seen
	return out
}

// weighOne works out a story's vector from the document frequency of each
// of its terms, dfs, among logN's stories; keys is scratch space.
func weighOne(f *Features, dfs []int32, logN float64, logs []float64, keys *[]uint64) Vector {
	ks := (*keys)[:0]
	for j, t := range f.Terms {
		idf := logN - logs[dfs[j]]
		if idf <= 0 {
			continue
		}
		c := int(f.Counts[j])
		tf := 1 + logs[min(c, len(logs)-1)]
		if c >= len(logs) {
			tf = 1 + math.Log(float64(c))
		}
		// Heaviest first, then by word: the bits of a positive float32
		// order as the number does.
		ks = append(ks, uint64(^math.Float32bits(float32(tf*idf)))<<32|uint64(t))
	}
	ks = best(ks, MaxTerms)
	for k, x := range ks {
		ks[k] = x<<32 | x>>32 // by word
	}
	slices.Sort(ks)
	*keys = ks
	var norm float64
	v := Vector{Terms: make([]uint32, len(ks)), Weights: make([]float32, len(ks))}
	for k, x := range ks {
		w := math.Float32frombits(^uint32(x))
		v.Terms[k], v.Weights[k] = uint32(x>>32), w
		norm += float64(w) * float64(w)
	}
	norm = math.Sqrt(norm)
	for k := range v.Weights {
		v.Weights[k] = float32(float64(v.Weights[k]) / norm)
	}
	return v
}

// best moves the n least keys, in order, to the front of keys and returns
// them: a story has a few hundred words and keeps two dozen, which
// insertion finds faster than sorting all.
func best(keys []uint64, n int) []uint64 {
	m := 0
	for _, x := range keys {
		if m == n && x >= keys[m-1] {
			continue
		}
		k := min(m, n-1)
		for k > 0 && keys[k-1] > x {
			keys[k] = keys[k-1]
			k--
		}
		keys[k] = x
		m = min(m+1, n)
	}
	return keys[:m]
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
