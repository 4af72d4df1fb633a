package textsim

import "slices"

// Index finds the stories that share salient words with a story within a
// span of time, with their cosine: the candidates of every comparison, so
// that no caller compares all pairs.
type Index struct {
	vectors []Vector
	// times are the stories' times, in any unit, in the callers' order.
	times []int64
	// postings lists, per word, the stories using it by ascending time.
	postings map[uint32][]int32
	// order holds the stories by ascending time, then by index.
	order []int32
}

// NewIndex indexes vectors, whose stories have the given times.
func NewIndex(vectors []Vector, times []int64) *Index {
	ix := &Index{vectors: vectors, times: times, postings: map[uint32][]int32{}}
	ix.order = make([]int32, len(vectors))
	for i := range ix.order {
		ix.order[i] = int32(i)
	}
	slices.SortFunc(ix.order, func(a, b int32) int {
		if times[a] != times[b] {
			if times[a] < times[b] {
				return -1
			}
			return 1
		}
		return int(a - b)
	})
	for _, i := range ix.order {
		for _, t := range vectors[i].Terms {
			ix.postings[t] = append(ix.postings[t], i)
		}
	}
	// A word only one story has links nothing. No word is dropped for
	// being common: that would depend on the whole site, and a new story
	// would then change links across the archive.
	for t, p := range ix.postings {
		if len(p) == 1 {
			delete(ix.postings, t)
		}
	}
	return ix
}

// Scratch is one goroutine's working memory for Near.
type Scratch struct {
	acc     []float32
	touched []int32
}

// NewScratch returns working memory for Near on ix.
func (ix *Index) NewScratch() *Scratch { return &Scratch{acc: make([]float32, len(ix.vectors))} }

// Near calls visit for every other story whose time is in [from, to] and
// that shares an indexed word with story i, in index order, with the
// cosine of their vectors over the indexed words.
func (ix *Index) Near(i int, from, to int64, s *Scratch, visit func(j int, cos float64)) {
	v := ix.vectors[i]
	for k, t := range v.Terms {
		p := ix.postings[t]
		if p == nil {
			continue
		}
		lo, _ := slices.BinarySearchFunc(p, from, func(j int32, x int64) int { return cmpInt(ix.times[j], x) })
		w := v.Weights[k]
		for _, j := range p[lo:] {
			if ix.times[j] > to {
				break
			}
			if int(j) == i {
				continue
			}
			if s.acc[j] == 0 {
				s.touched = append(s.touched, j)
			}
			s.acc[j] += w * ix.weight(int(j), t)
		}
	}
	slices.Sort(s.touched)
	for _, j := range s.touched {
		c := s.acc[j]
		s.acc[j] = 0
		if c > 0 {
			visit(int(j), float64(c))
		}
	}
	s.touched = s.touched[:0]
}

// weight is story j's weight for word t, which it has.
func (ix *Index) weight(j int, t uint32) float32 {
	v := ix.vectors[j]
	k, _ := slices.BinarySearch(v.Terms, t)
	return v.Weights[k]
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
