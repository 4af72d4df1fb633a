package site

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/gazetteer"
)

// storyLinks is what a reader sees of one article's links: its thread
// (ID and reports, oldest first) and its related stories.
type storyLinks struct {
	Path    string
	Thread  string
	Reports []string
	Related []string
}

func linksOfSite(s *Site) []storyLinks {
	out := make([]storyLinks, len(s.Articles))
	for i, a := range s.Articles {
		l := storyLinks{Path: a.Path}
		if a.Thread != nil {
			l.Thread = a.Thread.ID
			for _, m := range a.Thread.Articles {
				l.Reports = append(l.Reports, m.Path)
			}
		}
		for _, r := range a.Related {
			l.Related = append(l.Related, r.Path)
		}
		out[i] = l
	}
	return out
}

// firstLinkDifference describes the first article whose links differ, or
// returns "".
func firstLinkDifference(got, want []storyLinks) string {
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			return fmt.Sprintf("article %d of %d:\n  with memo %+v\n  afresh    %+v", i, len(want), got[i], want[i])
		}
	}
	if len(got) != len(want) {
		return fmt.Sprintf("%d articles, afresh %d", len(got), len(want))
	}
	return ""
}

// TestLinksThroughMemoMatchFresh applies random sequences of changes — new
// stories (the newest, or dated among the older ones), removals, edits of
// a story's text and re-datings — through a Memo, and after each checks
// that every article's thread and related stories are exactly those of a
// model made afresh. Dates fall on whole hours, so that changes often lie
// exactly a horizon or a window away from other stories, where a rule off
// by a second would show; with half the seeds on whole days, where every
// change lies at every bound from some story. What the memo keeps for the
// next build — every story's weights, thread and related stories — must
// also equal what a fresh memo holds, so that a value kept wrongly fails
// even before it shows.
func TestLinksThroughMemoMatchFresh(t *testing.T) {
	linksThroughMemo(t, func(m *Memo) *Memo { return m })
}

// TestLinksThroughSavedMemoMatchFresh is TestLinksThroughMemoMatchFresh
// with every build in a new process: each New starts from a new Memo that
// restored the last one's saved links.
func TestLinksThroughSavedMemoMatchFresh(t *testing.T) {
	linksThroughMemo(t, func(m *Memo) *Memo {
		data := m.SavedLinks()
		if data == nil {
			t.Fatal("a Memo after New saves no links")
		}
		next := NewMemo()
		if err := next.RestoreLinks(m.cfg, m.gaz, data); err != nil {
			t.Fatal(err)
		}
		return next
	})
}

// linksThroughMemo checks that threads and related stories worked out
// through a memo, as through passes it from one build to the next, are
// those of a fresh model, over random edits.
func linksThroughMemo(t *testing.T, through func(*Memo) *Memo) {
	base := storyInputs(t)
	cfg, gaz := config.Default(), gazetteer.Default()
	oldest := slices.MinFunc(base, func(a, b Input) int { return a.Article.Date.Compare(b.Article.Date) }).Article.Date
	for seed := range uint64(6) {
		unit := time.Hour
		if seed%2 == 1 {
			unit = 24 * time.Hour
		}
		t.Run(fmt.Sprintf("seed %d by %v", seed, unit), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 11))
			version := uint64(10000)
			// A copy of in with another version, date and file, and the
			// text of src.
			clone := func(in, src Input, date time.Time, file string) Input {
				a := *in.Article
				a.Date, a.File = date, file
				a.Title, a.Lede, a.Body = src.Article.Title, src.Article.Lede, src.Article.Body
				version++
				in.Article, in.Version, in.Features = &a, version, nil
				return in
			}
			pick := func(in []Input) Input { return in[rng.IntN(len(in))] }
			// Inputs start on whole hours from the oldest story.
			inputs := make([]Input, len(base))
			for i, in := range base {
				inputs[i] = clone(in, in, oldest.Add(time.Duration(rng.IntN(int(20*24*time.Hour/unit)))*unit), in.Article.File)
			}
			newest := func(in []Input) time.Time {
				return slices.MaxFunc(in, func(a, b Input) int { return a.Article.Date.Compare(b.Article.Date) }).Article.Date
			}
			memo := NewMemo()
			New(cfg, gaz, inputs, WithMemo(memo))
			for step := range 40 {
				var what string
				switch op := rng.IntN(10); {
				case op < 4:
					what = "a new story, the newest"
					date := newest(inputs).Add(time.Duration(rng.IntN(3)) * unit)
					inputs = append(slices.Clone(inputs), clone(pick(inputs), pick(inputs), date, fmt.Sprintf("new-%d-%d.md", seed, step)))
				case op < 6:
					what = "a new story among the older"
					date := pick(inputs).Article.Date.Add(time.Duration(rng.IntN(5)-2) * unit)
					inputs = append(slices.Clone(inputs), clone(pick(inputs), pick(inputs), date, fmt.Sprintf("old-%d-%d.md", seed, step)))
				case op < 7 && len(inputs) > 10:
					what = "a story removed"
					k := rng.IntN(len(inputs))
					inputs = slices.Delete(slices.Clone(inputs), k, k+1)
				case op < 9:
					what = "a story's text edited"
					inputs = slices.Clone(inputs)
					k := rng.IntN(len(inputs))
					inputs[k] = clone(inputs[k], pick(inputs), inputs[k].Article.Date, inputs[k].Article.File)
				default:
					what = "a story re-dated"
					inputs = slices.Clone(inputs)
					k := rng.IntN(len(inputs))
					date := inputs[k].Article.Date.Add(time.Duration(rng.IntN(9)-4) * unit)
					inputs[k] = clone(inputs[k], inputs[k], date, inputs[k].Article.File)
				}
				memo = through(memo)
				got := linksOfSite(New(cfg, gaz, inputs, WithMemo(memo)))
				want := linksOfSite(New(cfg, gaz, inputs))
				if d := firstLinkDifference(got, want); d != "" {
					t.Fatalf("step %d, %s: %s", step, what, d)
				}
				fresh := NewMemo()
				New(cfg, gaz, inputs, WithMemo(fresh))
				if d := firstStateDifference(memo.links, fresh.links); d != "" {
					t.Fatalf("step %d, %s: kept for the next build: %s", step, what, d)
				}
			}
		})
	}
}

// firstStateDifference describes the first story whose kept weights,
// thread or related stories differ between two memos' states, or returns
// "".
func firstStateDifference(got, want *linkState) string {
	if len(got.versions) != len(want.versions) {
		return fmt.Sprintf("%d stories, afresh %d", len(got.versions), len(want.versions))
	}
	for k := range want.versions {
		for _, f := range []struct {
			name      string
			got, want any
		}{
			{"version", got.versions[k], want.versions[k]},
			{"weights", got.vectors[k], want.vectors[k]},
			{"thread", got.roots[k], want.roots[k]},
			{"related", got.related[k], want.related[k]},
		} {
			if !reflect.DeepEqual(f.got, f.want) {
				return fmt.Sprintf("story %d of %d (oldest first), %s: %v, afresh %v", k, len(want.versions), f.name, f.got, f.want)
			}
		}
	}
	return ""
}

// TestLinkSpan checks the rule that says what a build keeps, on stories
// every 8 hours (0h to 200h, oldest first), where a change lies exactly on
// the bounds: a day of weights, then thread.Window of threads.
func TestLinkSpan(t *testing.T) {
	const hour = 3600
	grid := func(n int) ([]uint64, []int64) {
		vs, ts := make([]uint64, n), make([]int64, n)
		for k := range n {
			vs[k], ts[k] = uint64(k+1), int64(8*k*hour)
		}
		return vs, ts
	}
	selfRoots := func(n int) []int32 {
		rs := make([]int32, n)
		for k := range rs {
			rs[k] = int32(k)
		}
		return rs
	}
	oldVersions, oldTimes := grid(26)
	tests := []struct {
		name        string
		roots       func([]int32) // changes the last build's threads
		next        func([]uint64, []int64) ([]uint64, []int64)
		same, weigh int
		group       int
		index       int
	}{
		{
			name: "a new story, the newest, at 224h",
			next: func(vs []uint64, ts []int64) ([]uint64, []int64) {
				return append(vs, 100), append(ts, 224*hour)
			},
			// Weights from 200h (a day before), threads from 152h (two
			// days before that), related lists from 56h read all.
			same: 26, weigh: 25, group: 19, index: 0,
		},
		{
			name:  "the same, with a thread from 120h to 152h",
			roots: func(rs []int32) { rs[17], rs[19] = 15, 15 },
			next: func(vs []uint64, ts []int64) ([]uint64, []int64) {
				return append(vs, 100), append(ts, 224*hour)
			},
			same: 26, weigh: 25, group: 15, index: 0,
		},
		{
			name: "the newest removed",
			next: func(vs []uint64, ts []int64) ([]uint64, []int64) {
				return vs[:25], ts[:25]
			},
			// The change is at 200h.
			same: 25, weigh: 22, group: 16, index: 0,
		},
		{
			name: "nothing changed",
			next: func(vs []uint64, ts []int64) ([]uint64, []int64) { return vs, ts },
			same: 26, weigh: 26, group: 26, index: 26,
		},
		{
			name: "an old story edited",
			next: func(vs []uint64, ts []int64) ([]uint64, []int64) {
				vs[5] = 200
				return vs, ts
			},
			same: 5, weigh: 2, group: 0, index: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := &linkState{versions: oldVersions, times: oldTimes, roots: selfRoots(26)}
			if tt.roots != nil {
				tt.roots(st.roots)
			}
			vs, ts := tt.next(slices.Clone(oldVersions), slices.Clone(oldTimes))
			sp := st.span(vs, ts)
			got := [4]int{sp.same, sp.weigh, sp.group, sp.index}
			if want := [4]int{tt.same, tt.weigh, tt.group, tt.index}; got != want {
				t.Errorf("same, weigh, group, index = %v, want %v", got, want)
			}
		})
	}
}
