package build

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/attache/attache/generator/pipeline"
)

// TestCachedBuilderStartsFromTheCache checks that a watching Builder made
// by NewCachedBuilder starts from what attache build left, parsing and
// writing nothing when nothing changed, keeps the cache up to date as
// stories arrive, and holds it until closed, so that an attache build of
// the same site waits, and then finds nothing to do.
func TestCachedBuilderStartsFromTheCache(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 8))
	src, opts, w, r := watchingFromCache(t, rng)
	ctx := context.Background()
	if r.Parsed != 0 || r.Written != 0 {
		t.Errorf("started from the cache: parsed %d, wrote %d files; want none", r.Parsed, r.Written)
	}
	sameTree(t, "started from the cache", opts.Destination, cleanBuild(t, src))
	w.Save(ctx)

	story := filepath.Join(src, "content", "2024", "a020.md")
	must(t, os.WriteFile(story, fixtureArticle(rng, 20), 0o644))
	r, err := w.Update(ctx, []string{story})
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

// TestOneSaveAfterSeveralBuilds checks that a watching Builder saved once
// after several builds saves what each did, even when the last changed
// nothing: an attache build after it finds nothing to do.
func TestOneSaveAfterSeveralBuilds(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 9))
	src, opts, w, _ := watchingFromCache(t, rng)
	ctx := context.Background()

	edited := filepath.Join(src, "content", "2024", "a010.md")
	data, err := os.ReadFile(edited)
	must(t, err)
	must(t, os.WriteFile(edited, append(data, "\nThe talks resume on Friday.\n"...), 0o644))
	r, err := w.Update(ctx, []string{edited})
	must(t, err)
	if r.Parsed != 1 || r.Written == 0 {
		t.Fatalf("an edit: parsed %d, wrote %d files", r.Parsed, r.Written)
	}
	// The same bytes saved again, a second later: a build that changes
	// nothing.
	same := filepath.Join(src, "content", "2024", "a011.md")
	data, err = os.ReadFile(same)
	must(t, err)
	must(t, os.WriteFile(same, data, 0o644))
	later := time.Now().Add(time.Second)
	must(t, os.Chtimes(same, later, later))
	r, err = w.Update(ctx, []string{same})
	must(t, err)
	if r.Written != 0 || r.Removed != 0 {
		t.Fatalf("the same bytes saved again: wrote %d, removed %d files", r.Written, r.Removed)
	}
	w.Save(ctx)
	w.Close()

	r, err = runCached(ctx, opts)
	must(t, err)
	if !r.Unchanged {
		t.Errorf("attache build after the watching Builder: parsed %d, wrote %d files; want nothing to do", r.Parsed, r.Written)
	}
	sameTree(t, "attache build after the watching Builder", opts.Destination, cleanBuild(t, src))
}

// watchingFromCache primes a build cache and starts a watching Builder
// from it, closed when the test ends, with the report of its first build.
func watchingFromCache(t *testing.T, rng *rand.Rand) (src string, opts pipeline.Options, w *Builder, first Report) {
	t.Helper()
	src, opts, _, _ = primedCache(t, rng)
	w = NewCachedBuilder(opts)
	t.Cleanup(w.Close)
	first, err := w.Update(context.Background(), nil)
	must(t, err)
	return src, opts, w, first
}
