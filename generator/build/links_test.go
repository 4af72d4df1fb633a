package build

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/attache/attache/generator/pipeline"
)

// TestCachedBuildKeepsLinks checks that a cached attache build saves the
// site's threads and related stories beside the build cache, that the
// next build, which starts from them, equals a clean one after new
// stories, edits and removals, and that saved links that are damaged or
// missing are worked out afresh, still equal.
func TestCachedBuildKeepsLinks(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	src := writeFixture(t, rng, 60)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	ctx := context.Background()
	linksOf := func() string {
		t.Helper()
		files, err := filepath.Glob(filepath.Join(cache, "*", linksFile))
		must(t, err)
		if len(files) != 1 {
			t.Fatalf("%d saved links in the cache, want 1", len(files))
		}
		return files[0]
	}
	story := func(name, title string) func() {
		return func() {
			must(t, os.WriteFile(filepath.Join(src, "content", "2024", name),
				[]byte("+++\ntitle = \""+title+"\"\ndate = 2025-06-01\n+++\n\n"+title+". Ministers of Laos and Japan met in Vientiane on trade.\n"), 0o644))
		}
	}
	steps := []struct {
		name   string
		change func()
	}{
		{"first build", func() {}},
		{"new story", story("new1.md", "Laos and Japan sign a trade treaty")},
		{"another, in the same thread", story("new2.md", "Laos and Japan ratify their trade treaty")},
		{"an older story edited", func() {
			must(t, os.WriteFile(filepath.Join(src, "content", "2024", "a007.md"), fixtureArticle(rng, 700), 0o644))
		}},
		{"a story removed", func() { must(t, os.Remove(filepath.Join(src, "content", "2024", "a011.md"))) }},
		{"saved links damaged", func() {
			p := linksOf()
			data, err := os.ReadFile(p)
			must(t, err)
			data[len(data)/2] ^= 0xff
			must(t, os.WriteFile(p, data, 0o644))
			story("new3.md", "Japan opens a consulate in Laos")()
		}},
		{"saved links missing", func() {
			must(t, os.Remove(linksOf()))
			story("new4.md", "Laos and Japan hold trade talks")()
		}},
	}
	for _, st := range steps {
		st.change()
		_, err := runCached(ctx, pipeline.Options{Source: src, Destination: dest, CacheDir: cache})
		must(t, err)
		sameTree(t, st.name, dest, cleanBuild(t, src))
		linksOf()
	}
}
