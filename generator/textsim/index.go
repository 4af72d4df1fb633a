package textsim

import (
	"cmp"
	"slices"
	"sync"
)

// Index finds the stories that share salient words with a story within a
// span of time, with their cosine: the candidates of every comparison, so
// that no caller compares all pairs.
type Index struct {
	vectors []Vector
	// times are the stories' times, in any unit, in the callers' order.
	times []int64
	// postings lists, per word, the stories using it by ascending time,
	// with their weight for it; words are numbered, and words[i] are
	// story i's numbers, -1 for a word no other story has.
	postings [][]posting
	words    [][]int32
	// order holds the stories by ascending time, then by index; pos is
	// each story's place in it.
	order []int32
	pos   []int32
}

// NewIndex indexes vectors, whose stories have the given times.
func NewIndex(vectors []Vector, times []int64) *Index {
	ix := &Index{vectors: vectors, times: times, words: make([][]int32, len(vectors))}
	ix.order = make([]int32, len(vectors))
	for i := range ix.order {
		ix.order[i] = int32(i)
	}
	slices.SortFunc(ix.order, func(a, b int32) int { return cmp.Or(cmp.Compare(times[a], times[b]), cmp.Compare(a, b)) })
	ix.pos = make([]int32, len(vectors))
	for p, i := range ix.order {
		ix.pos[i] = int32(p)
	}
	ids := newCounter(len(vectors) * 8) // word → number + 1
	for _, i := range ix.order {
		ws := make([]int32, len(vectors[i].Terms))
		for k, t := range vectors[i].Terms {
			slot := ids.slot(t)
			if ids.keys[slot] == 0 {
				ids.add(t)
				slot = ids.slot(t)
				ids.vals[slot] = int32(len(ix.postings)) + 1
				ix.postings = append(ix.postings, nil)
			}
			id := ids.vals[slot] - 1
			ws[k] = id
			ix.postings[id] = append(ix.postings[id], posting{times[i], i, vectors[i].Weights[k]})
		}
		ix.words[i] = ws
	}
	// A word only one story has links nothing. No word is dropped for
	// being common: that would depend on the whole site, and a new story
	// would then change links across the archive.
	for _, ws := range ix.words {
		for k, id := range ws {
			if len(ix.postings[id]) == 1 {
				ws[k] = -1
			}
		}
	}
	return ix
}

// MaxPostings is the most stories of a span a word may be used by and
// still bring candidates to Near: past it, the word is about as common as
// "talks" and is left out of the span's comparisons. The rule depends on
// the span alone, so a new story changes nothing outside its span.
const MaxPostings = 64

// Scratch is one goroutine's working memory for Near. It remembers where
// each word's list was last entered, so that a goroutine calling Near for
// stories in order of time (see Order) walks each list once instead of
// searching it for every story: on a large site the searches were most of
// the cost, each probe a cache miss.
type Scratch struct {
	acc     []float32
	touched []int32
	cursors []cursor
}

// cursor is where a span of a word's list began and ended.
type cursor struct{ lo, hi int }

// Order returns the stories' indexes by ascending time.
func (ix *Index) Order() []int32 { return ix.order }

// Span returns the times from the story n places before story i in order
// of time to the one m places after it (the first and last stories at the
// ends): how far a dense site's spans may reach.
func (ix *Index) Span(i, n, m int) (from, to int64) {
	p := int(ix.pos[i])
	return ix.times[ix.order[max(0, p-n)]], ix.times[ix.order[min(len(ix.order)-1, p+m)]]
}

// Each calls a function for every story, on up to workers goroutines,
// each with its own Scratch and its share of the stories in order of time
// (which Near is fastest for). Each goroutine gets its function from
// worker, which may keep state of its own.
func (ix *Index) Each(workers int, worker func() func(i int, s *Scratch)) {
	var wg sync.WaitGroup
	n := len(ix.order)
	for w := range workers {
		lo, hi := w*n/workers, (w+1)*n/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, fn := ix.NewScratch(), worker()
			for _, i := range ix.order[lo:hi] {
				fn(int(i), s)
			}
		}()
	}
	wg.Wait()
}

// seek returns the first posting of p at or after time t, moving from at
// when that is not past it, else searching.
func seek(p []posting, t int64, at int) int {
	if at > len(p) || at > 0 && p[at-1].t >= t {
		return search(p, t)
	}
	for end := min(len(p), at+16); at < end; at++ {
		if p[at].t >= t {
			return at
		}
	}
	return at + search(p[at:], t)
}

// NewScratch returns working memory for Near on ix.
func (ix *Index) NewScratch() *Scratch {
	return &Scratch{acc: make([]float32, len(ix.vectors)), cursors: make([]cursor, len(ix.postings))}
}

// Near calls visit for every other story whose time is in [from, to] and
// that shares an indexed word with story i, with the
// cosine of their vectors over the indexed words, in no set order.
func (ix *Index) Near(i int, from, to int64, s *Scratch, visit func(j int, cos float64)) {
	v := ix.vectors[i]
	for k, id := range ix.words[i] {
		if id < 0 {
			continue
		}
		p := ix.postings[id]
		c := &s.cursors[id]
		c.lo = seek(p, from, c.lo)
		c.hi = seek(p, to+1, max(c.hi, c.lo))
		lo, hi := c.lo, c.hi-c.lo
		if hi > MaxPostings {
			// A word this many stories of the span use tells none of
			// them apart, and would cost the most.
			continue
		}
		w := v.Weights[k]
		for _, q := range p[lo : lo+hi] {
			j := q.j
			if int(j) == i {
				continue
			}
			if s.acc[j] == 0 {
				s.touched = append(s.touched, j)
			}
			s.acc[j] += w * q.w
		}
	}
	// The candidates come in no particular order; callers break ties by
	// index.
	for _, j := range s.touched {
		c := s.acc[j]
		s.acc[j] = 0
		if c > 0 {
			visit(int(j), float64(c))
		}
	}
	s.touched = s.touched[:0]
}

// search returns the first posting at or after time t.
func search(p []posting, t int64) int {
	lo, hi := 0, len(p)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if p[m].t < t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// posting is a story using a word, with its weight for it.
type posting struct {
	t int64
	j int32
	w float32
}
