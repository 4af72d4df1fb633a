// Package thread groups stories about the same event into threads: one
// agency's successive versions of a story, which are near-copies of each
// other, and different agencies' reports of it, which are not but share
// its salient words and main subjects within a day or two.
package thread

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/attache/attache/generator/textsim"
)

// Story is what grouping needs of one story.
type Story struct {
	Time time.Time
	// Subjects number the story's main subjects (countries and
	// organisations), in any order.
	Subjects []int32
	Features *textsim.Features
}

// Tuning of what makes two stories one event; see README "Story threads"
// for how it was measured.
const (
	// Window is the longest time between two reports of one event.
	Window = 48 * time.Hour
	// MaxSpan is the longest time a thread covers: a story followed day
	// after day is a run of threads, not one that grows without end.
	MaxSpan = 96 * time.Hour
	// NearCopy is the shingle resemblance above which two stories are
	// versions of one text, whatever else they say.
	NearCopy = 0.5
	// SameWords is the cosine of salient words above which two reports
	// that share a main subject, or that name none, tell one event.
	SameWords = 0.2
)

// Group assigns each story, indexed as in stories, the index of its
// thread's first story: the oldest, ties broken by index. A story alone is
// its own thread. vectors are the stories' weighted words (textsim.Weigh
// over the whole site) and ix an index of them by time in seconds.
func Group(stories []Story, vectors []textsim.Vector, ix *textsim.Index) []int {
	return GroupSince(stories, vectors, ix, time.Time{})
}

// GroupSince is Group for the stories filed at since or later, which it
// groups exactly as Group would when no thread of the whole set holds both
// a story filed before since and one filed at it or after: each older
// story is then left alone (its own first story), and ix need only index
// the stories from since on. A caller that kept the older stories' threads
// from a build before groups only the stories a change reaches.
func GroupSince(stories []Story, vectors []textsim.Vector, ix *textsim.Index, since time.Time) []int {
	n := len(stories)
	type pair struct{ a, b int32 }
	var mu sync.Mutex
	var all []pair
	ix.Each(runtime.GOMAXPROCS(0), func() func(int, *textsim.Scratch) {
		return func(i int, s *textsim.Scratch) {
			if stories[i].Time.Before(since) {
				return
			}
			t := stories[i].Time.Unix()
			var found []pair
			ix.Near(i, t, t+int64(Window/time.Second), s, func(j int, cos float64) {
				// Each pair once: from the older story, or the lower index
				// at the same time.
				if stories[j].Time.Equal(stories[i].Time) && j < i {
					return
				}
				if Same(stories[i], stories[j], cos) {
					found = append(found, pair{int32(i), int32(j)})
				}
			})
			if found != nil {
				mu.Lock()
				all = append(all, found...)
				mu.Unlock()
			}
		}
	})
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	older := func(a, b int32) bool {
		ta, tb := stories[a].Time, stories[b].Time
		return ta.Before(tb) || ta.Equal(tb) && a < b
	}
	// Pairs are joined oldest first, in an order that does not depend on
	// the number of workers, so that MaxSpan cuts a long-running story at
	// the same place in every build.
	slices.SortFunc(all, func(p, q pair) int {
		if p.a != q.a {
			if older(p.a, q.a) {
				return -1
			}
			return 1
		}
		return cmp.Compare(p.b, q.b)
	})
	newest := make([]time.Time, n)
	for i, s := range stories {
		newest[i] = s.Time
	}
	for _, p := range all {
		ra, rb := find(p.a), find(p.b)
		if ra == rb {
			continue
		}
		// The root is the oldest member, which names the thread.
		if older(rb, ra) {
			ra, rb = rb, ra
		}
		last := newest[ra]
		if newest[rb].After(last) {
			last = newest[rb]
		}
		if last.Sub(stories[ra].Time) > MaxSpan {
			continue
		}
		parent[rb], newest[ra] = ra, last
	}
	out := make([]int, n)
	for i := range out {
		out[i] = int(find(int32(i)))
	}
	return out
}

// Same reports whether two stories within Window of each other, whose
// salient words have cosine cos, report one event.
func Same(a, b Story, cos float64) bool {
	if textsim.Resemblance(a.Features, b.Features) >= NearCopy {
		return true
	}
	if cos < SameWords {
		return false
	}
	if len(a.Subjects) == 0 || len(b.Subjects) == 0 {
		return true
	}
	for _, s := range a.Subjects {
		if slices.Contains(b.Subjects, s) {
			return true
		}
	}
	return false
}
