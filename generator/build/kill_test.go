package build

import (
	"context"
	"github.com/attache/attache/generator/pipeline"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/attache/attache/generator/output"
)

// TestMain lets the test binary stand in for an attache build that is
// killed (see TestKilledBuild).
func TestMain(m *testing.M) {
	if src := os.Getenv("ATTACHE_TEST_BUILD_SOURCE"); src != "" {
		_, err := Run(context.Background(), pipeline.Options{Source: src, Destination: os.Getenv("ATTACHE_TEST_BUILD_DEST"),
			CacheDir: os.Getenv("ATTACHE_TEST_BUILD_CACHE")})
		if err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestKilledBuild kills cached builds at random moments, as a machine
// shutting down or a user's Ctrl-\\ would, and checks after each that the
// output is byte for byte what it was, or what the finished build wrote,
// once the next build has cleaned up; and that the next build equals a
// clean one.
func TestKilledBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes")
	}
	rng := rand.New(rand.NewPCG(9, 9))
	src := writeFixture(t, rng, 40)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	must(t, cachedBuild(t, src, dest, cache))
	var took time.Duration
	for round := range 5 {
		before := fullTree(t, dest)
		must(t, os.WriteFile(filepath.Join(src, "content", "2024", "k"+string(rune('a'+round))+".md"), fixtureArticle(rng, 500+round), 0o644))
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "ATTACHE_TEST_BUILD_SOURCE="+src, "ATTACHE_TEST_BUILD_DEST="+dest, "ATTACHE_TEST_BUILD_CACHE="+cache)
		start := time.Now()
		must(t, cmd.Start())
		if took == 0 {
			// The first round runs to the end, to learn how long a build
			// takes; the others are killed somewhere inside that span.
			must(t, cmd.Wait())
			took = time.Since(start)
		} else {
			time.Sleep(time.Duration(rng.Int64N(int64(took))))
			cmd.Process.Kill()
			cmd.Wait()
		}
		clean := cleanBuild(t, src)
		// Every other round, the next build must clean up by itself, before
		// it compares the output with its cache: a commit it undid after
		// that would bring back files the cache took for gone.
		if round%2 == 0 {
			// What the next build does first.
			must(t, output.Leftovers(dest))
			after := fullTree(t, dest)
			if !mapsEqual(after, before) && !mapsEqual(after, fullTree(t, clean)) {
				t.Fatalf("round %d: after the kill the output is neither what it was nor the finished build", round)
			}
			noTemporaries(t, dest)
		}
		must(t, cachedBuild(t, src, dest, cache))
		noTemporaries(t, dest)
		sameTree(t, "after a killed build", dest, clean)
	}
}
