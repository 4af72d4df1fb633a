package build

import (
	"bytes"
	"context"
	"fmt"
	"github.com/attache/attache/generator/pipeline"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"testing"
	"time"
)

// BenchmarkBuilderEdit measures one incremental rebuild after a title edit
// on the site in $ATTACHE_BENCH_SITE (e.g. one written by cmd/corpusgen);
// it is skipped without one. The save-to-reload figure, watcher and
// server included, is cmd/attache's BenchmarkSaveToReload.
func BenchmarkBuilderEdit(b *testing.B) {
	src := os.Getenv("ATTACHE_BENCH_SITE")
	if src == "" {
		b.Skip("set ATTACHE_BENCH_SITE to a generated site")
	}
	files, _ := filepath.Glob(filepath.Join(src, "content", "articles", "*", "*.md"))
	if len(files) == 0 {
		b.Fatalf("no articles in %s", src)
	}
	bl := NewBuilder(pipeline.Options{Source: src, Destination: filepath.Join(b.TempDir(), "public")})
	ctx := context.Background()
	if _, err := bl.Update(ctx, nil); err != nil {
		b.Fatal(err)
	}
	file := files[len(files)/2]
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(file, orig, 0o644)
	b.ResetTimer()
	for i := range b.N {
		edited := bytes.Replace(orig, []byte("title = \""), fmt.Appendf(nil, "title = \"%d ", i), 1)
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		if _, err := bl.Update(ctx, []string{file}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuilderNewStory measures what the operation that matters most
// costs on the site in $ATTACHE_BENCH_SITE: a new story arriving, the
// newest, about three countries and two organisations. Each iteration adds
// one more story (they accumulate, as on a desk) and rebuilds; it reports
// the median and worst time and files written per story. The stories are
// removed at the end.
func BenchmarkBuilderNewStory(b *testing.B) {
	src := os.Getenv("ATTACHE_BENCH_SITE")
	if src == "" {
		b.Skip("set ATTACHE_BENCH_SITE to a generated site")
	}
	dir := filepath.Join(src, "content", "zz-bench-new")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(dir)
	bl := NewBuilder(pipeline.Options{Source: src, Destination: filepath.Join(b.TempDir(), "public"), Future: true})
	ctx := context.Background()
	if _, err := bl.Update(ctx, nil); err != nil {
		b.Fatal(err)
	}
	var times []time.Duration
	var written, rendered []int
	b.ResetTimer()
	for i := range b.N {
		file := filepath.Join(dir, fmt.Sprintf("story-%04d.md", i))
		story := fmt.Appendf(nil, "+++\ntitle = \"Ministers meet for round %d of regional talks\"\ndate = 2031-01-01T%02d:%02d:00Z\n+++\n\n"+
			"Foreign ministers of China, Russia and Laos met on Monday under ASEAN auspices, with observers from the Shanghai Cooperation Organisation. "+
			"China and Russia said round %d went well; Laos said ASEAN would host the next one.\n", i, i/60%24, i%60, i)
		start := time.Now()
		if err := os.WriteFile(file, story, 0o644); err != nil {
			b.Fatal(err)
		}
		var r Report
		var err error
		// Labelled, so that a profile can leave out the first build:
		// go tool pprof -tagfocus=build=story.
		pprof.Do(ctx, pprof.Labels("build", "story"), func(ctx context.Context) {
			r, err = bl.Update(ctx, []string{file})
		})
		if err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
		written = append(written, r.Written)
		rendered = append(rendered, r.Rendered)
	}
	b.StopTimer()
	slices.Sort(times)
	slices.Sort(written)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "ms-max")
	b.ReportMetric(float64(written[len(written)/2]), "files-median")
	b.ReportMetric(float64(written[len(written)-1]), "files-max")
	slices.Sort(rendered)
	b.ReportMetric(float64(rendered[len(rendered)/2]), "rendered-median")
}
