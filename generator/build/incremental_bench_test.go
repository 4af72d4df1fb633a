package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
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
	bl := NewBuilder(Options{Source: src, Destination: filepath.Join(b.TempDir(), "public")})
	ctx := context.Background()
	if _, err := bl.Build(ctx, nil); err != nil {
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
		if _, err := bl.Build(ctx, []string{file}); err != nil {
			b.Fatal(err)
		}
	}
}
