// Package related picks, for each story, the stories most related to it:
// those sharing its main subjects and its salient words, close to it in
// time, and never another report of its own event.
package related

import (
	"runtime"
	"slices"
	"time"

	"github.com/attache/attache/generator/textsim"
)

// Story is what picking needs of one story.
type Story struct {
	Time time.Time
	// Subjects number the story's main subjects, in any order.
	Subjects []int32
	// Thread is the story's thread (see generator/thread): stories of one
	// thread are never related to each other, and a list shows one story
	// per thread.
	Thread int
}

// Tuning. A story's related list is drawn from Before before it to After
// after it: a short After means a new story can only enter the lists of
// the few stories of its last days, so that it re-renders a handful of
// older pages, not hundreds (README "Related briefings" has the figures).
const (
	Before = 30 * 24 * time.Hour
	After  = 3 * 24 * time.Hour
	// MostBefore and MostAfter bound the span in stories: on a dense
	// site, 30 days hold thousands of stories, more than a list of five
	// needs and more than five seconds at 100,000 stories allow.
	MostBefore = 400
	MostAfter  = 100
	// HalfLife is the gap in time that halves a candidate's score.
	HalfLife = 10 * 24 * time.Hour
	// SubjectBonus is added to the cosine of salient words for each main
	// subject shared, up to three.
	SubjectBonus = 0.1
)

// Pick returns, for each story, up to n related stories by index, best
// first. ix indexes the stories' salient words with times in seconds. With
// want, only the stories it wants get a list: an incremental build works
// out only those whose span of time changed.
func Pick(stories []Story, ix *textsim.Index, n int, want func(i int) bool) [][]int {
	out := make([][]int, len(stories))
	ix.Each(runtime.GOMAXPROCS(0), func() func(int, *textsim.Scratch) {
		var cands []candidate // one list per goroutine
		return func(i int, s *textsim.Scratch) {
			if want != nil && !want(i) {
				return
			}
			cands = cands[:0]
			a := stories[i]
			t := a.Time.Unix()
			from, to := ix.Span(i, MostBefore, MostAfter)
			from, to = max(from, t-int64(Before/time.Second)), min(to, t+int64(After/time.Second))
			ix.Near(i, from, to, s, func(j int, cos float64) {
				b := stories[j]
				if b.Thread == a.Thread {
					return
				}
				score := (cos + SubjectBonus*float64(min(3, shared(a.Subjects, b.Subjects)))) * decay(a.Time.Sub(b.Time))
				cands = append(cands, candidate{j, score})
			})
			out[i] = best(stories, cands, n)
		}
	})
	return out
}

type candidate struct {
	j     int
	score float64
}

// best keeps the n best candidates, one per thread; ties go to the newer
// story, then the lower index, so that the lists never depend on the
// order of work. A story may have thousands of candidates: the best few
// are picked by insertion, and all are sorted only when those few hold
// too many stories of one thread.
func best(stories []Story, cands []candidate, n int) []int {
	before := func(x, y candidate) bool {
		if x.score != y.score {
			return x.score > y.score
		}
		if tx, ty := stories[x.j].Time, stories[y.j].Time; !tx.Equal(ty) {
			return tx.After(ty)
		}
		return x.j < y.j
	}
	keep := 4 * n
	top := make([]candidate, 0, min(keep, len(cands)))
	for _, c := range cands {
		if len(top) == keep && !before(c, top[keep-1]) {
			continue
		}
		if len(top) < keep {
			top = append(top, c)
		}
		k := len(top) - 1
		for k > 0 && before(c, top[k-1]) {
			top[k] = top[k-1]
			k--
		}
		top[k] = c
	}
	if out := distinct(stories, top, n); len(out) == n || len(top) == len(cands) {
		return out
	}
	slices.SortFunc(cands, func(x, y candidate) int {
		if before(x, y) {
			return -1
		}
		return 1
	})
	return distinct(stories, cands, n)
}

// distinct returns the first n candidates of sorted, one per thread.
func distinct(stories []Story, sorted []candidate, n int) []int {
	var out []int
	for _, c := range sorted {
		if len(out) == n {
			break
		}
		if slices.ContainsFunc(out, func(k int) bool { return stories[k].Thread == stories[c.j].Thread }) {
			continue
		}
		out = append(out, c.j)
	}
	return out
}

func shared(a, b []int32) int {
	n := 0
	for _, s := range a {
		if slices.Contains(b, s) {
			n++
		}
	}
	return n
}

// decay is 1 for stories at the same time, and one half HalfLife apart.
func decay(d time.Duration) float64 {
	if d < 0 {
		d = -d
	}
	return 1 / (1 + float64(d)/float64(HalfLife))
}
