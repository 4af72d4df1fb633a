package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/parse"
	"github.com/attache/attache/internal/cputime"
)

// benchInputs parses and analyses the articles of the corpusgen site named
// by ATTACHE_BENCH_SITE (go run ./cmd/corpusgen -n N -out DIR), or skips.
//
// Without withDetect, an article's entities are its front matter's, which
// corpusgen writes: the main subjects, at a fraction of the time.
func benchInputs(tb testing.TB, withDetect bool) []Input {
	dir := os.Getenv("ATTACHE_BENCH_SITE")
	if dir == "" {
		tb.Skip("set ATTACHE_BENCH_SITE to a corpusgen site")
	}
	var files []string
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	slices.Sort(files)
	gaz := gazetteer.Default()
	inputs := make([]Input, len(files))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, d := parse.New(), detect.New(gaz)
			for i := w; i < len(files); i += workers {
				src, err := os.ReadFile(files[i])
				if err != nil {
					tb.Error(err)
					return
				}
				a, err := p.Parse(files[i], src)
				if err != nil {
					tb.Error(err)
					return
				}
				inputs[i] = Input{Article: a, Version: uint64(i + 1)}
				if withDetect {
					inputs[i].Detected = d.Detect(detect.InputOf(a))
				}
				a.Text, a.Paragraphs = "", nil
			}
		}()
	}
	wg.Wait()
	return inputs
}

// BenchmarkLinkStories measures threads and related briefings of a whole
// site, as a clean build computes them:
//
//	go run ./cmd/corpusgen -n 100000 -out /tmp/c100k
//	ATTACHE_BENCH_SITE=/tmp/c100k go test -run '^$' -bench LinkStories -benchtime 3x ./generator/site/
//
// "clean" reads every article's words, as a clean build does; "kept" has
// them from the memo but works out every link; "newstory" is the whole of
// New after one new story, with the memo of the build before, as an
// incremental build runs it.
func BenchmarkLinkStories(b *testing.B) {
	inputs := benchInputs(b, false)
	s := New(config.Default(), gazetteer.Default(), inputs)
	placed := make([]*placement, len(s.Articles))
	fresh := func() {
		for i := range placed {
			placed[i] = &placement{}
		}
	}
	// A clean build: every article's words are read.
	b.Run("clean", func(b *testing.B) {
		cpu := cputime.Used()
		for range b.N {
			fresh()
			s.linkStories(placed, nil)
		}
		b.ReportMetric((cputime.Used()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	})
	// An incremental build: the words are kept in the memo.
	b.Run("kept", func(b *testing.B) {
		fresh()
		s.linkStories(placed, nil)
		b.ResetTimer()
		cpu := cputime.Used()
		for range b.N {
			s.linkStories(placed, nil)
		}
		b.ReportMetric((cputime.Used()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	})
	// An incremental build after one new story, the newest: the whole of
	// New, with the memo of the build before.
	b.Run("newstory", func(b *testing.B) {
		cfg, gaz := config.Default(), gazetteer.Default()
		memo := NewMemo()
		New(cfg, gaz, inputs, WithMemo(memo))
		newest := s.Articles[0].Date
		var cpu time.Duration
		b.ResetTimer()
		for k := range b.N {
			b.StopTimer()
			src := inputs[(k*7919)%len(inputs)]
			a := *src.Article
			a.File, a.Slug, a.Date = "new-story.md", "new-story", newest.Add(time.Hour)
			in := Input{Article: &a, Detected: src.Detected, Version: uint64(len(inputs) + 1 + k)}
			next := append(slices.Clone(inputs), in)
			New(cfg, gaz, inputs, WithMemo(memo)) // back to the build before
			b.StartTimer()
			c0 := cputime.Used()
			New(cfg, gaz, next, WithMemo(memo))
			cpu += cputime.Used() - c0
		}
		b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	})
}

// TestRelatedChurn counts the older articles whose related list or thread
// changes when one new story, the newest, arrives: each is a page an
// incremental build re-renders.
//
//	go run ./cmd/corpusgen -n 10000 -out /tmp/c10k
//	ATTACHE_BENCH_SITE=/tmp/c10k go test -run RelatedChurn -v ./generator/site/
func TestRelatedChurn(t *testing.T) {
	inputs := benchInputs(t, true)
	cfg, gaz := config.Default(), gazetteer.Default()
	memo := NewMemo()
	before := New(cfg, gaz, inputs, WithMemo(memo))
	newest := before.Articles[0].Date
	sizes := map[int]int{}
	for _, a := range before.Articles {
		if a.Thread != nil && a.Thread.Articles[0] == a {
			sizes[len(a.Thread.Articles)]++
		}
	}
	t.Logf("threads by size: %v", sizes)
	var counts []int
	for k := range 10 {
		// A new story: an existing one, at a stride through the site,
		// filed an hour after the newest.
		src := inputs[(k*7919)%len(inputs)]
		a := *src.Article
		a.File = "new-story.md"
		a.Slug = "new-story-" + strings.Repeat("x", k+1)
		a.Date = newest.Add(time.Hour)
		in := Input{Article: &a, Detected: src.Detected, Version: uint64(len(inputs) + 1 + k)}
		after := New(cfg, gaz, append(slices.Clone(inputs), in), WithMemo(memo))
		old := map[string]*Article{}
		for _, x := range before.Articles {
			old[x.Path] = x
		}
		changed, threaded := 0, 0
		for _, x := range after.Articles {
			o := old[x.Path]
			if o != nil && linksOf(o) != linksOf(x) {
				changed++
				if (o.Thread == nil) != (x.Thread == nil) || o.Thread != nil && len(o.Thread.Articles) != len(x.Thread.Articles) {
					threaded++
				}
			}
		}
		t.Logf("story %d: %d changed, %d of them by its thread", k, changed, threaded)
		counts = append(counts, changed)
	}
	slices.Sort(counts)
	t.Logf("%d articles: older articles whose related list or thread changed per new story: median %d, max %d (%v)",
		len(inputs), counts[len(counts)/2], counts[len(counts)-1], counts)
}

func linksOf(a *Article) string {
	var b strings.Builder
	for _, r := range a.Related {
		b.WriteString(r.Path + " ")
	}
	if a.Thread != nil {
		b.WriteString("| " + a.Thread.ID)
		for _, m := range a.Thread.Articles {
			b.WriteString(" " + m.Path)
		}
	}
	return b.String()
}

// BenchmarkLists measures the regions, country pairs and tags of a whole
// site, which every build makes again:
//
//	ATTACHE_BENCH_SITE=/tmp/c10k go test -run '^$' -bench Lists -benchmem ./generator/site/
func BenchmarkLists(b *testing.B) {
	s := New(config.Default(), gazetteer.Default(), benchInputs(b, false))
	b.ResetTimer()
	for range b.N {
		s.makeLists()
	}
}

// BenchmarkNew measures the whole site model of a build that has no memo,
// a clean build or the first of a process:
//
//	ATTACHE_BENCH_SITE=/tmp/c10k go test -run '^$' -bench 'New$' -benchmem ./generator/site/
func BenchmarkNew(b *testing.B) {
	inputs := benchInputs(b, true)
	cfg, gaz := config.Default(), gazetteer.Default()
	b.ResetTimer()
	for range b.N {
		New(cfg, gaz, inputs)
	}
}

// BenchmarkPages measures the list of a whole site's pages, with every
// list's months, which every build makes again:
//
//	ATTACHE_BENCH_SITE=/tmp/c10k go test -run '^$' -bench Pages -benchmem ./generator/site/
func BenchmarkPages(b *testing.B) {
	s := New(config.Default(), gazetteer.Default(), benchInputs(b, false))
	s.Lists()
	b.ResetTimer()
	for range b.N {
		s.makePages()
	}
}
