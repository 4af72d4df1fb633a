package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/internal/parallel"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/view"
)

// BenchmarkRebuildViews measures what every incremental build of a site
// does whatever it renders: the model assembled from the kept articles,
// the list of outputs, and every page's view made (or kept) and signed,
// with one view.Maker across builds as a build.Builder keeps one. Nothing
// changes between builds, so this is the part of a new story's cost that
// grows with the archive:
//
//	go run ./cmd/corpusgen -n 10000 -out /tmp/c10k
//	ATTACHE_BENCH_SITE=/tmp/c10k go test -run '^$' -bench RebuildViews -benchmem ./generator/pipeline/
func BenchmarkRebuildViews(b *testing.B) {
	src := os.Getenv("ATTACHE_BENCH_SITE")
	if src == "" {
		b.Skip("set ATTACHE_BENCH_SITE to a corpusgen site")
	}
	p, err := Load(Options{Source: src, Destination: filepath.Join(b.TempDir(), "public")})
	if err != nil {
		b.Fatal(err)
	}
	inputs := analysed(b, p)
	memo, reported := site.NewMemo(), map[diag.Warning]bool{}
	var views view.Maker
	rebuild := func() {
		s, _ := p.Assemble(inputs, &reported, site.WithMemo(memo))
		outs, err := p.ListOutputs(s)
		if err != nil {
			b.Fatal(err)
		}
		const block = 512
		err = SignViews(s, &views, outs, 16<<10, func(lo, hi int) error {
			parallel.Do(context.Background(), (hi-lo+block-1)/block, p.Options.Workers, func(k int) {
				for i := lo + k*block; i < min(hi, lo+(k+1)*block); i++ {
					outs[i].Signature(outs[i].Deps())
					outs[i].DropView()
				}
			})
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	rebuild()
	b.ResetTimer()
	for range b.N {
		rebuild()
	}
}
