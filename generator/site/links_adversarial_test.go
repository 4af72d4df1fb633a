package site

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/related"
	"github.com/attache/attache/generator/thread"
)

// TestLinksAtTheBounds drives the link memo where TestLinksThroughMemoMatchFresh
// does not: a site dense enough that related.MostBefore stories lie within
// related.Before of the newest, stories spread past related.Before, and
// changes aimed at the rule's edges — stories joining and leaving a thread
// (the same words within and beyond thread.Window of it), a thread's first
// story removed or re-dated (its ID moves), stories placed exactly
// related.Before or MostBefore stories back, ties of time, a story moved
// between entities. After every step
// the links and what the memo keeps must equal a fresh model's.
func TestLinksAtTheBounds(t *testing.T) {
	base := storyInputs(t)
	cfg, gaz := config.Default(), gazetteer.Default()
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for seed := range uint64(4) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 8))
			version := uint64(1 << 20)
			clone := func(src Input, date time.Time, file string) Input {
				a := *src.Article
				a.Date, a.File = date, file
				version++
				src.Article, src.Version, src.Features = &a, version, nil
				return src
			}
			pick := func(in []Input) int { return rng.IntN(len(in)) }
			// 480 stories: most within 25 days, so that MostBefore binds
			// before Before does, the rest spread over the 45 days before.
			var inputs []Input
			for i := range 480 {
				var date time.Time
				if i < 430 {
					date = start.Add(45*24*time.Hour + time.Duration(rng.IntN(25*24))*time.Hour)
				} else {
					date = start.Add(time.Duration(rng.IntN(45*24)) * time.Hour)
				}
				inputs = append(inputs, clone(base[rng.IntN(len(base))], date, fmt.Sprintf("s%04d.md", i)))
			}
			byTime := func(in []Input) []Input {
				out := slices.Clone(in)
				slices.SortStableFunc(out, func(a, b Input) int { return a.Article.Date.Compare(b.Article.Date) })
				return out
			}
			memo := NewMemo()
			first := New(cfg, gaz, inputs, WithMemo(memo))
			threads := 0
			for _, a := range first.Articles {
				if a.Thread != nil {
					threads++
				}
			}
			if threads < 50 {
				t.Fatalf("only %d of %d stories in threads: the test would not test threads", threads, len(first.Articles))
			}
			for step := range 24 {
				inputs = slices.Clone(inputs)
				var what string
				switch op := rng.IntN(10); op {
				case 0:
					// The newest story, with the words of a story of the
					// last two days: it joins that story's thread.
					sorted := byTime(inputs)
					newest := sorted[len(sorted)-1].Article.Date
					src := sorted[len(sorted)-1-rng.IntN(min(10, len(sorted)))]
					what = "the newest joins a thread of " + src.Article.File
					inputs = append(inputs, clone(src, newest.Add(time.Duration(rng.IntN(3))*time.Hour), fmt.Sprintf("n%d.md", step)))
				case 1:
					// A copy of a story within, at or beyond the thread
					// window of it, earlier or later.
					k := pick(inputs)
					d := thread.Window + time.Duration(rng.IntN(3)-1)*time.Hour
					if rng.IntN(2) == 0 {
						d = -d
					}
					what = fmt.Sprintf("a copy of %s %v away", inputs[k].Article.File, d)
					inputs = append(inputs, clone(inputs[k], inputs[k].Article.Date.Add(d), fmt.Sprintf("c%d.md", step)))
				case 2:
					// A story exactly related.Before, or MostBefore stories,
					// before another.
					sorted := byTime(inputs)
					k := len(sorted) - 1 - rng.IntN(60)
					date := sorted[k].Article.Date.Add(-related.Before)
					if rng.IntN(2) == 0 && k >= related.MostBefore {
						date = sorted[k-related.MostBefore].Article.Date
					}
					what = "a story at a bound of " + sorted[k].Article.File
					inputs = append(inputs, clone(base[rng.IntN(len(base))], date, fmt.Sprintf("b%d.md", step)))
				case 3:
					// The oldest story of a thread, or any, removed.
					s := New(cfg, gaz, inputs)
					var roots []string
					for _, a := range s.Articles {
						if a.Thread != nil && a.Thread.Articles[0] == a {
							roots = append(roots, a.Parsed.File)
						}
					}
					file := inputs[pick(inputs)].Article.File
					if len(roots) > 0 {
						file = roots[rng.IntN(len(roots))]
					}
					what = "removed " + file
					inputs = slices.DeleteFunc(inputs, func(in Input) bool { return in.Article.File == file })
				case 4:
					// A story re-dated by about a thread window or a
					// related.Before, either way.
					k := pick(inputs)
					d := []time.Duration{thread.Window, related.Before, related.After, weighHorizon}[rng.IntN(4)] + time.Duration(rng.IntN(3)-1)*time.Hour
					if rng.IntN(2) == 0 {
						d = -d
					}
					what = fmt.Sprintf("%s re-dated by %v", inputs[k].Article.File, d)
					inputs[k] = clone(inputs[k], inputs[k].Article.Date.Add(d), inputs[k].Article.File)
				case 5:
					// A story takes another's words: it leaves its thread
					// and may join the other's.
					k, j := pick(inputs), pick(inputs)
					what = fmt.Sprintf("%s takes the words of %s", inputs[k].Article.File, inputs[j].Article.File)
					in := clone(inputs[j], inputs[k].Article.Date, inputs[k].Article.File)
					in.Detected = inputs[k].Detected
					inputs[k] = in
				case 6:
					// A story at the very time of another (a tie).
					k := pick(inputs)
					what = "a tie with " + inputs[k].Article.File
					inputs = append(inputs, clone(base[rng.IntN(len(base))], inputs[k].Article.Date, fmt.Sprintf("t%d.md", step)))
				case 7:
					// The oldest stories removed, so that the bound moves.
					sorted := byTime(inputs)
					gone := map[string]bool{}
					for _, in := range sorted[:1+rng.IntN(5)] {
						gone[in.Article.File] = true
					}
					what = fmt.Sprintf("the %d oldest removed", len(gone))
					inputs = slices.DeleteFunc(inputs, func(in Input) bool { return gone[in.Article.File] })
				case 8:
					// A story moves between entities, its words kept: its
					// main subjects, which threads and related lists
					// compare, change.
					k, j := pick(inputs), pick(inputs)
					what = fmt.Sprintf("%s takes the entities of %s", inputs[k].Article.File, inputs[j].Article.File)
					in := clone(inputs[k], inputs[k].Article.Date, inputs[k].Article.File)
					in.Detected = inputs[j].Detected
					inputs[k] = in
				default:
					// A burst of the newest stories, several in a build.
					sorted := byTime(inputs)
					newest := sorted[len(sorted)-1].Article.Date
					n := 2 + rng.IntN(6)
					what = fmt.Sprintf("%d new stories", n)
					for i := range n {
						inputs = append(inputs, clone(base[rng.IntN(len(base))], newest.Add(time.Duration(rng.IntN(30))*time.Hour), fmt.Sprintf("u%d-%d.md", step, i)))
					}
				}
				got := linksOfSite(New(cfg, gaz, inputs, WithMemo(memo)))
				fresh := NewMemo()
				want := linksOfSite(New(cfg, gaz, inputs, WithMemo(fresh)))
				if d := firstLinkDifference(got, want); d != "" {
					t.Fatalf("seed %d, step %d, %s: %s", seed, step, what, d)
				}
				if d := firstStateDifference(memo.links, fresh.links); d != "" {
					t.Fatalf("seed %d, step %d, %s: kept for the next build: %s", seed, step, what, d)
				}
			}
		})
	}
}
