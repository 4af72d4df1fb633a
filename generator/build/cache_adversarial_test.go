package build

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/attache/attache/generator/pipeline"
)

// TestCrashLeftovers checks what builds killed while saving the cache
// leave in its folder: a whole pack of a build killed before it wrote the
// index, the temporary file of an index never put in place, and half a
// segment past the live ones. The next cached builds equal a clean one,
// read the articles from the cache, and the leftovers go, so that a
// killed build does not keep a copy of every article on disk until the
// pack is next written afresh.
func TestCrashLeftovers(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 4))
	src := writeFixture(t, rng, 20)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	ctx := context.Background()
	opts := pipeline.Options{Source: src, Destination: dest, CacheDir: cache}
	_, err := runCached(ctx, opts)
	must(t, err)
	pack, _ := packFile(t, cache)
	dir := filepath.Dir(pack)
	data, err := os.ReadFile(pack)
	must(t, err)
	stray := filepath.Join(dir, "articles-1234567.pack")
	must(t, os.WriteFile(stray, data, 0o644))
	tmp := filepath.Join(dir, ".tmp-7654321")
	must(t, os.WriteFile(tmp, []byte("attache cache 8\nhalf an index"), 0o644))
	f, err := os.OpenFile(pack, os.O_WRONLY|os.O_APPEND, 0)
	must(t, err)
	_, err = f.WriteString("half a segment")
	must(t, err)
	must(t, f.Close())

	for i, edit := range []string{"a003.md", "a007.md"} {
		must(t, os.WriteFile(filepath.Join(src, "content", "2024", edit), fixtureArticle(rng, 300+i), 0o644))
		r, err := runCached(ctx, opts)
		must(t, err)
		if r.Parsed != 1 {
			t.Errorf("build %d after the crash: parsed %d files, want 1", i+1, r.Parsed)
		}
		sameTree(t, "after the crash", dest, cleanBuild(t, src))
	}
	if name, _ := packFile(t, cache); name != pack {
		t.Errorf("the builds wrote a fresh pack %s", name)
	}
	for _, leftover := range []string{stray, tmp} {
		if _, err := os.Stat(leftover); err == nil {
			t.Errorf("%s is still in the cache folder", filepath.Base(leftover))
		}
	}
}

// TestConcurrentCachedBuilds runs cached builds of one site into one
// output at once, as two terminals or a terminal and a script may: each
// either succeeds or fails with an error, and whatever they leave in the
// cache, the next build equals a clean one, as does the one after.
func TestConcurrentCachedBuilds(t *testing.T) {
	rng := rand.New(rand.NewPCG(22, 5))
	src := writeFixture(t, rng, 16)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	ctx := context.Background()
	opts := pipeline.Options{Source: src, Destination: dest, CacheDir: cache}
	_, err := runCached(ctx, opts)
	must(t, err)
	for round := range 3 {
		must(t, os.WriteFile(filepath.Join(src, "content", "2024", "a002.md"), fixtureArticle(rng, 400+round), 0o644))
		must(t, os.WriteFile(filepath.Join(src, "content", "2024", "n"+string(rune('a'+round))+".md"), fixtureArticle(rng, 500+round), 0o644))
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// An error is allowed: the two may trip over each other's
				// staging; a wrong output after the next build is not.
				runCached(ctx, opts)
			}()
		}
		wg.Wait()
		for _, step := range []string{"after concurrent builds", "the build after"} {
			_, err := runCached(ctx, opts)
			must(t, err)
			sameTree(t, step, dest, cleanBuild(t, src))
		}
	}
}
