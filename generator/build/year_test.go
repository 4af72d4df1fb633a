package build

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attache/attache/generator/pipeline"
)

// TestDateWarningsFollowTheYear checks that a date parsing calls a typo
// (after next year) is judged by the year of the build's clock, not the
// year the kept article was parsed in: a story dated two years ahead is
// warned about in a cached build until the year turns, and not after, as
// a clean build of each year says; under strict, where the warning is an
// error, the build that failed succeeds, in a cached build and under
// watch.
func TestDateWarningsFollowTheYear(t *testing.T) {
	for _, strict := range []bool{false, true} {
		t.Run(map[bool]string{false: "warning", true: "strict"}[strict], func(t *testing.T) {
			rng := rand.New(rand.NewPCG(3, 9))
			src := writeFixture(t, rng, 5)
			if strict {
				cfg := filepath.Join(src, pipeline.ConfigFile)
				data, err := os.ReadFile(cfg)
				must(t, err)
				must(t, os.WriteFile(cfg, append([]byte("strict = true\n"), data...), 0o644))
			}
			must(t, os.WriteFile(filepath.Join(src, "content", "2024", "ahead.md"),
				[]byte("+++\ntitle = \"Talks set for 2027\"\ndate = 2027-01-10\n+++\n\nLaos and China will meet.\n"), 0o644))
			backdate(t, src)
			clock := &settableClock{now: time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC)}
			log := &messages{}
			opts := pipeline.Options{Source: src, Logger: slog.New(log), Clock: clock.Now, Future: true}
			dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
			typo := func(said []string) bool {
				return slices.ContainsFunc(said, func(m string) bool { return strings.Contains(m, "after next year") })
			}
			for _, year := range []int{2025, 2026} {
				if year == 2026 {
					clock.set(time.Date(2026, 1, 1, 1, 0, 0, 0, time.UTC))
				}
				clean := opts
				clean.Destination = filepath.Join(t.TempDir(), "clean")
				_, cleanErr := Run(context.Background(), clean)
				want := typo(log.take()) || cleanErr != nil
				cached := opts
				cached.Destination, cached.CacheDir = dest, cache
				_, err := Run(context.Background(), cached)
				if got := typo(log.take()) || err != nil; got != want || (err != nil) != (cleanErr != nil) {
					t.Errorf("%d, cached build: typo reported %v (error %v), a clean build %v (error %v)", year, got, err, want, cleanErr)
				}
				if want != (year == 2025) {
					t.Fatalf("%d: a clean build reports the typo: %v; the test's dates are wrong", year, want)
				}
			}
		})
	}
}

// TestStrictDateErrorUnderWatchFollowsTheYear: under watch with strict
// on, a story dated two years ahead fails the build until the year turns,
// and the first build after it succeeds, as a clean build does.
func TestStrictDateErrorUnderWatchFollowsTheYear(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 10))
	src := writeFixture(t, rng, 5)
	cfg := filepath.Join(src, pipeline.ConfigFile)
	data, err := os.ReadFile(cfg)
	must(t, err)
	must(t, os.WriteFile(cfg, append([]byte("strict = true\n"), data...), 0o644))
	backdate(t, src)
	clock := &settableClock{now: time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC)}
	b := NewBuilder(pipeline.Options{Source: src, Destination: filepath.Join(t.TempDir(), "public"), Clock: clock.Now, Future: true})
	ctx := context.Background()
	_, err = b.Update(ctx, nil)
	must(t, err)
	ahead := filepath.Join(src, "content", "2024", "ahead.md")
	must(t, os.WriteFile(ahead, []byte("+++\ntitle = \"Talks set for 2027\"\ndate = 2027-01-10\n+++\n\nLaos and China will meet.\n"), 0o644))
	backdate(t, ahead)
	if _, err := b.Update(ctx, []string{ahead}); err == nil || !strings.Contains(err.Error(), "after next year") {
		t.Fatalf("in 2025 a story dated 2027 under strict: %v, want the date error", err)
	}
	clock.set(time.Date(2026, 1, 1, 1, 0, 0, 0, time.UTC))
	if _, err := b.Update(ctx, nil); err != nil {
		t.Fatalf("in 2026, the build still fails: %v", err)
	}
}

// backdate sets the time of the files under p, or of the file p, an hour
// back: files written just now would be read again anyway (see
// TestEditInTheSameTick).
func backdate(t *testing.T, p string) {
	t.Helper()
	hourAgo := time.Now().Add(-time.Hour)
	must(t, filepath.WalkDir(p, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			err = os.Chtimes(p, hourAgo, hourAgo)
		}
		return err
	}))
}

// settableClock is a build's clock that a test moves.
type settableClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *settableClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *settableClock) set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}
