package build

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

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
	src, opts, pack, data := primedCache(t, rng)
	ctx, dest, cache := context.Background(), opts.Destination, opts.CacheDir
	dir := filepath.Dir(pack)
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

// TestCacheAcrossOptions builds one site into one output with one cache
// folder, the options changing from build to build as a user's flags do
// (drafts, future stories, another base URL), with an edit between some:
// each build equals a clean build with the same options.
func TestCacheAcrossOptions(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 6))
	src := writeFixture(t, rng, 10)
	writeFiles(t, filepath.Join(src, "content", "2024"), map[string]string{
		"draft.md":  "+++\ntitle = \"Draft on Laos\"\ndate = 2024-02-02\ndraft = true\n+++\n\nLaos drafted a plan.\n",
		"future.md": "+++\ntitle = \"Kenya in 2099\"\ndate = 2099-01-01\n+++\n\nKenya will host talks.\n",
	})
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	ctx := context.Background()
	for i, o := range []pipeline.Options{
		{}, {Drafts: true}, {Drafts: true, Future: true}, {BaseURL: "https://other.example/x/"}, {}, {Future: true}, {},
	} {
		if i%2 == 1 {
			must(t, os.WriteFile(filepath.Join(src, "content", "2024", "a004.md"), fixtureArticle(rng, 600+i), 0o644))
		}
		o.Source, o.Destination, o.CacheDir = src, dest, cache
		_, err := Run(ctx, o)
		must(t, err)
		clean := filepath.Join(t.TempDir(), "clean")
		o.Destination, o.CacheDir = clean, ""
		_, err = Run(ctx, o)
		must(t, err)
		sameTree(t, fmt.Sprintf("build %d (drafts %v, future %v, base URL %q)", i, o.Drafts, o.Future, o.BaseURL), dest, clean)
	}
}

// TestUnwritableCache checks that a cache folder that cannot be written
// (here a file stands where the folder would be, which stops root too)
// slows a build, never fails it: the build warns and equals a clean one.
func TestUnwritableCache(t *testing.T) {
	rng := rand.New(rand.NewPCG(24, 7))
	src := writeFixture(t, rng, 6)
	cache := filepath.Join(t.TempDir(), "cache")
	must(t, os.WriteFile(cache, []byte("not a folder"), 0o644))
	dest := filepath.Join(t.TempDir(), "public")
	for i := range 2 {
		var log bytes.Buffer
		_, err := Run(context.Background(), pipeline.Options{Source: src, Destination: dest, CacheDir: cache, Logger: lineLogger(&log)})
		must(t, err)
		sameTree(t, fmt.Sprintf("build %d", i), dest, cleanBuild(t, src))
		if !strings.Contains(log.String(), "cache") {
			t.Errorf("build %d: no warning that the cache was not saved: %q", i, log.String())
		}
		must(t, os.WriteFile(filepath.Join(src, "content", "2024", "a001.md"), fixtureArticle(rng, 700+i), 0o644))
	}
}

// TestCacheAcrossPrograms alternates cached builds of one site by two
// programs, as after an upgrade and a downgrade of attache: this test
// binary and a copy of it with other bytes (see TestMain), whose cache is
// not this one's. Each build equals a clean one, and the cache folder
// keeps one pack.
func TestCacheAcrossPrograms(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a copy of the test binary")
	}
	self, err := os.Executable()
	must(t, err)
	data, err := os.ReadFile(self)
	must(t, err)
	other := filepath.Join(t.TempDir(), "other.test")
	must(t, os.WriteFile(other, append(data, "\x00another attache"...), 0o755))
	rng := rand.New(rand.NewPCG(25, 8))
	src := writeFixture(t, rng, 12)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	for i, program := range []string{"", other, other, "", other, ""} {
		if i%3 != 2 {
			must(t, os.WriteFile(filepath.Join(src, "content", "2024", fmt.Sprintf("a%03d.md", i)), fixtureArticle(rng, 800+i), 0o644))
		}
		if program == "" {
			// After the other program's build, its cache is none of ours.
			r, err := runCached(context.Background(), pipeline.Options{Source: src, Destination: dest, CacheDir: cache})
			must(t, err)
			if r.Parsed != 12 {
				t.Errorf("build %d: parsed %d files, want all 12: the other program's cache was read", i, r.Parsed)
			}
		} else {
			cmd := exec.Command(program, "-test.run=^$")
			cmd.Env = append(os.Environ(), "ATTACHE_TEST_BUILD_SOURCE="+src, "ATTACHE_TEST_BUILD_DEST="+dest, "ATTACHE_TEST_BUILD_CACHE="+cache)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("build %d by the other program: %v\n%s", i, err, out)
			}
		}
		sameTree(t, fmt.Sprintf("build %d (%s)", i, map[bool]string{true: "this program", false: "the other"}[program == ""]), dest, cleanBuild(t, src))
		packFile(t, cache)
	}
}

// TestEditInTheSameTick edits an article after a build read it, keeping
// its size and its time, as an edit within one tick of a coarse
// file-system clock (a second or two on some; a few milliseconds on
// Linux) leaves it: the next cached build and a watching Builder asked to
// look at every file both see the edit. The file's time is set a minute
// ahead (as a clock skewed across a network share leaves it), so that the
// test does not hang on how soon after the write the build reads it.
func TestEditInTheSameTick(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 1))
	src := writeFixture(t, rng, 6)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	watchDest := filepath.Join(t.TempDir(), "watch")
	b := NewBuilder(pipeline.Options{Source: src, Destination: watchDest})
	p := filepath.Join(src, "content", "2024", "a002.md")
	for round, titles := range [][2]string{{"Laos talks AAAA", "Laos talks BBBB"}, {"Laos talks CCCC", "Laos talks DDDD"}} {
		tick := time.Now().Add(time.Minute).Truncate(time.Second).Add(time.Duration(round) * time.Second)
		for _, title := range titles {
			must(t, os.WriteFile(p, []byte("+++\ntitle = \""+title+"\"\ndate = 2024-01-01\n+++\n\nLaos met.\n"), 0o644))
			must(t, os.Chtimes(p, tick, tick))
			buildBoth(t, b, src, dest, cache, watchDest, title)
		}
	}
}

// buildBoth builds src with the cache into dest and with the watching
// Builder b into watchDest, and compares both with a clean build.
func buildBoth(t *testing.T, b *Builder, src, dest, cache, watchDest, what string) {
	t.Helper()
	must(t, cachedBuild(t, src, dest, cache))
	_, err := b.Update(context.Background(), nil)
	must(t, err)
	clean := cleanBuild(t, src)
	sameTree(t, what+", cached", dest, clean)
	sameTree(t, what+", watching", watchDest, clean)
}

// TestSameSizeAndTime: a content file replaced by one of the same size
// and modification time — two stories unpacked from one archive and
// swapped by renames, an edit given its old time back — is read again by
// a cached build and a watching Builder: the status-change time moved.
func TestSameSizeAndTime(t *testing.T) {
	src := t.TempDir()
	must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), []byte("[permalinks]\narticle = \"/:year/:filename/\"\n"), 0o644))
	must(t, os.MkdirAll(filepath.Join(src, "content"), 0o755))
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	write := func(name, title string) {
		p := filepath.Join(src, "content", name)
		must(t, os.WriteFile(p, []byte("+++\ntitle = \""+title+"\"\ndate = 2024-01-01\n+++\n\nLaos met.\n"), 0o644))
		must(t, os.Chtimes(p, old, old))
	}
	write("alpha.md", "Alpha talks in Tokyo")
	write("gamma.md", "Gamma talks in Lagos")
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	watchDest := filepath.Join(t.TempDir(), "watch")
	b := NewBuilder(pipeline.Options{Source: src, Destination: watchDest})
	build := func(what string) {
		t.Helper()
		buildBoth(t, b, src, dest, cache, watchDest, what)
	}
	build("first")
	a, g := filepath.Join(src, "content", "alpha.md"), filepath.Join(src, "content", "gamma.md")
	must(t, os.Rename(a, a+".tmp"))
	must(t, os.Rename(g, a))
	must(t, os.Rename(a+".tmp", g))
	build("swapped")
	write("alpha.md", "ALPHA TALKS IN TOKYO")
	build("edited, its time given back")
}

// TestOutputEditedInTheSameTick checks that an output file edited right
// after the build that wrote it, keeping its size and its time, is found
// and written again by the next cached build: its time, too recent to
// trust when the cache was saved, was not recorded.
func TestOutputEditedInTheSameTick(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 2))
	src := writeFixture(t, rng, 6)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	must(t, cachedBuild(t, src, dest, cache))
	p := filepath.Join(dest, "404.html")
	st, err := os.Stat(p)
	must(t, err)
	data, err := os.ReadFile(p)
	must(t, err)
	data[len(data)/2] ^= 0x20
	must(t, os.WriteFile(p, data, 0o644))
	must(t, os.Chtimes(p, st.ModTime(), st.ModTime()))
	must(t, cachedBuild(t, src, dest, cache))
	sameTree(t, "after the edit", dest, cleanBuild(t, src))
}
