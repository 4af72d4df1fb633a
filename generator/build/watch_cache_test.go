package build

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestCachedBuilderStartsFromTheCache checks that a watching Builder made
// by NewCachedBuilder starts from what attache build left, parsing and
// writing nothing when nothing changed, keeps the cache up to date as
// stories arrive, and holds it until closed, so that an attache build of
// the same site waits, and then finds nothing to do.
func TestCachedBuilderStartsFromTheCache(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 8))
	src, opts, _, _ := primedCache(t, rng)
	ctx := context.Background()
	w := NewCachedBuilder(opts)
	defer w.Close()
	r, err := w.Update(ctx, nil)
	must(t, err)
	if r.Parsed != 0 || r.Written != 0 {
		t.Errorf("started from the cache: parsed %d, wrote %d files; want none", r.Parsed, r.Written)
	}
	sameTree(t, "started from the cache", opts.Destination, cleanBuild(t, src))
	w.Save(ctx)

	story := filepath.Join(src, "content", "2024", "a020.md")
	must(t, os.WriteFile(story, fixtureArticle(rng, 20), 0o644))
	r, err = w.Update(ctx, []string{story})
	must(t, err)
	if r.Parsed != 1 || r.Written == 0 {
		t.Errorf("a new story: parsed %d, wrote %d files", r.Parsed, r.Written)
	}
	sameTree(t, "a new story", opts.Destination, cleanBuild(t, src))
	// A save interrupted before it writes writes nothing; the next one
	// writes it all.
	caches, _ := filepath.Glob(filepath.Join(opts.CacheDir, "*", "build.gob"))
	if len(caches) != 1 {
		t.Fatalf("build caches: %q, want one", caches)
	}
	before, err := os.ReadFile(caches[0])
	must(t, err)
	stopped, stop := context.WithCancel(ctx)
	stop()
	w.Save(stopped)
	if after, err := os.ReadFile(caches[0]); err != nil || string(after) != string(before) {
		t.Errorf("an interrupted save changed the build cache")
	}
	w.Save(ctx)

	done := make(chan Report, 1)
	go func() {
		r, err := runCached(ctx, opts)
		if err != nil {
			t.Error(err)
		}
		done <- r
	}()
	select {
	case <-done:
		t.Fatal("attache build did not wait for the watching Builder")
	case <-time.After(300 * time.Millisecond):
	}
	w.Close()
	select {
	case r = <-done:
	case <-time.After(time.Minute):
		t.Fatal("attache build still waits once the watching Builder is closed")
	}
	if !r.Unchanged || r.Parsed != 0 {
		t.Errorf("attache build after the watching Builder: unchanged %v, parsed %d; want nothing to do", r.Unchanged, r.Parsed)
	}
	sameTree(t, "attache build after the watching Builder", opts.Destination, cleanBuild(t, src))
}
