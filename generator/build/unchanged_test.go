package build

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/attache/attache/generator/pipeline"
)

// messages is a slog.Handler that keeps what is logged, as "LEVEL msg".
type messages struct {
	mu  sync.Mutex
	got []string
}

func (m *messages) Enabled(context.Context, slog.Level) bool { return true }
func (m *messages) Handle(_ context.Context, r slog.Record) error {
	m.mu.Lock()
	m.got = append(m.got, r.Level.String()+" "+r.Message)
	m.mu.Unlock()
	return nil
}
func (m *messages) WithAttrs([]slog.Attr) slog.Handler { return m }
func (m *messages) WithGroup(string) slog.Handler      { return m }

func (m *messages) take() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := slices.Sorted(slices.Values(m.got))
	m.got = nil
	return out
}

// TestUnchangedBuildSaysTheSame builds a site twice with nothing changed:
// the second build writes nothing, and says what the first said — its
// warnings and its figures. Every change a build must see — an edit, a
// file touched, an output file deleted, the clock passing the date of a
// held-back story — makes the next build build, and its output is a clean
// build's.
func TestUnchangedBuildSaysTheSame(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	src := writeFixture(t, rng, 8)
	// A warning from the site model, and a story held back until a few
	// seconds from now.
	must(t, os.WriteFile(filepath.Join(src, "content", "2024", "w.md"), []byte("+++\ntitle = \"Talks\"\ndate = 2024-03-01\ncountries = [\"Atlantis\"]\n+++\n\nTalks.\n"), 0o644))
	// The builds run on a clock of their own, so that the story's date can
	// pass between two builds without the test waiting for it.
	var clockMu sync.Mutex
	now := time.Now().Truncate(time.Second)
	clock := func() time.Time {
		clockMu.Lock()
		defer clockMu.Unlock()
		now = now.Add(time.Millisecond)
		return now
	}
	soon := now.Add(time.Hour)
	must(t, os.WriteFile(filepath.Join(src, "content", "2024", "soon.md"),
		fmt.Appendf(nil, "+++\ntitle = \"Embargoed talks\"\ndate = %s\n+++\n\nLaos and China met.\n", soon.UTC().Format(time.RFC3339)), 0o644))
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	log := &messages{}
	future := false
	build := func() Report {
		t.Helper()
		r, err := runCached(context.Background(), pipeline.Options{Source: src, Destination: dest, CacheDir: cache, Logger: slog.New(log), Clock: clock, Future: future})
		must(t, err)
		return r
	}
	first := build()
	said := log.take()
	if first.Unchanged || len(said) < 2 {
		t.Fatalf("first build: unchanged %v, said %q", first.Unchanged, said)
	}
	before := fullTree(t, dest)
	stamp, err := os.Stat(filepath.Join(dest, "index.html"))
	must(t, err)

	again := build()
	if !again.Unchanged {
		t.Fatal("a build with nothing changed built")
	}
	if got := log.take(); !slices.Equal(got, said) {
		t.Errorf("the unchanged build said\n%q\nwant what the first said\n%q", got, said)
	}
	if again.Stats.Articles != first.Stats.Articles || again.Stats.Pages != first.Stats.Pages || len(again.Stats.Warnings) != len(first.Stats.Warnings) {
		t.Errorf("figures %+v, want the first build's %+v", again.Stats, first.Stats)
	}
	if st, err := os.Stat(filepath.Join(dest, "index.html")); err != nil || !st.ModTime().Equal(stamp.ModTime()) {
		t.Error("the unchanged build rewrote index.html")
	}
	sameTree(t, "unchanged", dest, cleanBuildAt(t, src, clock))
	if len(fullTree(t, dest)) != len(before) {
		t.Error("the unchanged build changed the output")
	}

	for _, change := range []struct {
		name string
		do   func()
	}{
		{"article edited", func() {
			must(t, os.WriteFile(filepath.Join(src, "content", "2024", "a003.md"), fixtureArticle(rng, 300), 0o644))
		}},
		{"output file deleted", func() { must(t, os.Remove(filepath.Join(dest, "index.html"))) }},
		{"held-back story due", func() {
			clockMu.Lock()
			now = soon
			clockMu.Unlock()
		}},
	} {
		change.do()
		if r := build(); r.Unchanged {
			t.Errorf("%s: the build did nothing", change.name)
		}
		sameTree(t, change.name, dest, cleanBuildAt(t, src, clock))
		log.take()
		if r := build(); !r.Unchanged {
			t.Errorf("%s: the build after it built again", change.name)
		}
	}

	// Stories dated after the build asked for.
	must(t, os.WriteFile(filepath.Join(src, "content", "2024", "later.md"),
		fmt.Appendf(nil, "+++\ntitle = \"Later talks\"\ndate = %s\n+++\n\nLaos and China met.\n", soon.Add(time.Hour).UTC().Format(time.RFC3339)), 0o644))
	build()
	future = true
	if r := build(); r.Unchanged || r.Stats.Articles != first.Stats.Articles+2 {
		t.Errorf("with future stories asked for, the build said %d articles, unchanged %v", r.Stats.Articles, r.Unchanged)
	}
	future = false
	build()

	// A file touched, its bytes the same, is nothing changed.
	touched := time.Now()
	must(t, os.Chtimes(filepath.Join(src, "content", "2024", "a001.md"), touched, touched))
	if r := build(); !r.Unchanged {
		t.Error("a touched file made the build build")
	}

	// A build with nothing to do does not read the articles the cache
	// keeps: with them damaged, it still does nothing; the next build that
	// needs them parses every file again. The pack ends with the records
	// of its last segment, which a build checks when it reads them (the
	// bodies before them are checked one by one, when read).
	for _, f := range packFiles(t, cache) {
		data, err := os.ReadFile(f)
		must(t, err)
		data[len(data)-100] ^= 0x55
		must(t, os.WriteFile(f, data, 0o644))
	}
	if r := build(); !r.Unchanged || r.Parsed != 0 {
		t.Errorf("with the cache's articles damaged, a build with nothing changed did something: unchanged %v, parsed %d", r.Unchanged, r.Parsed)
	}
	must(t, os.WriteFile(filepath.Join(src, "content", "2024", "a004.md"), fixtureArticle(rng, 300), 0o644))
	if r := build(); r.Unchanged || r.Parsed != r.Stats.Articles+1 {
		t.Errorf("after an edit, with the cache's articles damaged: unchanged %v, parsed %d of %d articles and a held-back one", r.Unchanged, r.Parsed, r.Stats.Articles)
	}
	sameTree(t, "articles damaged", dest, cleanBuildAt(t, src, clock))
}

// cleanBuildAt is cleanBuild on a clock.
func cleanBuildAt(t *testing.T, src string, clock func() time.Time) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "clean")
	if _, err := Run(context.Background(), pipeline.Options{Source: src, Destination: dest, Clock: clock}); err != nil {
		t.Fatal(err)
	}
	return dest
}
