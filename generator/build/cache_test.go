package build

import (
	"context"
	"errors"
	"fmt"
	"github.com/attache/attache/generator/buildcache"
	"github.com/attache/attache/generator/output"
	"github.com/attache/attache/generator/pipeline"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// cachedBuild builds src into dest with the build cache in cache.
func cachedBuild(t *testing.T, src, dest, cache string) error {
	t.Helper()
	_, err := Run(context.Background(), pipeline.Options{Source: src, Destination: dest, CacheDir: cache})
	return err
}

// cleanBuild builds src afresh, without a cache, and returns the folder.
func cleanBuild(t *testing.T, src string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "clean")
	if _, err := Run(context.Background(), pipeline.Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	return dest
}

// cacheFiles returns the cache files under dir.
func cacheFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*", "build.gob"))
	must(t, err)
	return files
}

// TestCachedBuildMatchesCleanBuild checks that a build that starts from the
// cache, after every kind of change, writes what a clean build writes, and
// that it does not rewrite files whose bytes did not change.
func TestCachedBuildMatchesCleanBuild(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	src := writeFixture(t, rng, 12)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	must(t, cachedBuild(t, src, dest, cache))
	if n := len(cacheFiles(t, cache)); n != 1 {
		t.Fatalf("%d cache files after a build, want 1", n)
	}
	sameTree(t, "first build", dest, cleanBuild(t, src))

	// Nothing changed: nothing is rewritten.
	article := filepath.Join(dest, "404.html")
	before, err := os.Stat(article)
	must(t, err)
	must(t, cachedBuild(t, src, dest, cache))
	after, err := os.Stat(article)
	must(t, err)
	if !after.ModTime().Equal(before.ModTime()) || !os.SameFile(before, after) {
		t.Error("a build with nothing changed rewrote 404.html")
	}
	sameTree(t, "unchanged", dest, cleanBuild(t, src))

	// Aged, the files get times the cache trusts, and a build then
	// records only what it changed (see manifestListsOutput).
	old := time.Now().Add(-time.Hour)
	must(t, filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			err = os.Chtimes(p, old, old)
		}
		return err
	}))
	for i, change := range []struct {
		name string
		do   func()
	}{
		{"edit", func() {
			must(t, os.WriteFile(filepath.Join(src, "content", "2024", "a003.md"), fixtureArticle(rng, 300), 0o644))
		}},
		{"add", func() {
			must(t, os.WriteFile(filepath.Join(src, "content", "2024", "n001.md"), fixtureArticle(rng, 301), 0o644))
		}},
		{"delete", func() { must(t, os.Remove(filepath.Join(src, "content", "2024", "a005.md"))) }},
		{"template", func() {
			p := filepath.Join(src, "templates", "default", "layouts", "partials", "footer.html")
			must(t, os.MkdirAll(filepath.Dir(p), 0o755))
			must(t, os.WriteFile(p, []byte(`{{define "footer"}}<footer>{{len .Site.Articles}} briefings</footer>{{end}}`), 0o644))
		}},
		{"config", func() {
			must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), []byte("title = \"Other\"\nbaseURL = \"https://example.org/c/\"\npaginate = 2\n"), 0o644))
		}},
		{"file deleted from the output", func() { must(t, os.Remove(filepath.Join(dest, "404.html"))) }},
		{"file changed in the output", func() {
			must(t, os.WriteFile(filepath.Join(dest, "archive", "index.html"), []byte("defaced"), 0o644))
		}},
		{"file appended to in the output", func() {
			f, err := os.OpenFile(filepath.Join(dest, "robots.txt"), os.O_APPEND|os.O_WRONLY, 0)
			must(t, err)
			_, err = f.WriteString("Disallow: /\n")
			must(t, err)
			must(t, f.Close())
		}},
		{"stray files in the output", func() {
			must(t, os.WriteFile(filepath.Join(dest, "stray.html"), []byte("x"), 0o644))
			must(t, os.MkdirAll(filepath.Join(dest, "extra", "deeper"), 0o755))
			must(t, os.WriteFile(filepath.Join(dest, "extra", "deeper", "x.html"), []byte("x"), 0o644))
			must(t, os.MkdirAll(filepath.Join(dest, "empty"), 0o755))
		}},
		{"output folder removed", func() { must(t, os.RemoveAll(dest)) }},
	} {
		change.do()
		must(t, cachedBuild(t, src, dest, cache))
		sameTree(t, change.name, dest, cleanBuild(t, src))
		manifestListsOutput(t, change.name, src, dest, cache)
		_ = i
	}
}

// manifestListsOutput checks that the build cache's manifest records
// exactly the files in the output folder, each with its size: a file it
// left out in a folder whose time it trusts would never be found again.
func manifestListsOutput(t *testing.T, step, src, dest, cache string) {
	t.Helper()
	p, err := pipeline.Load(pipeline.Options{Source: src, Destination: dest, CacheDir: cache})
	must(t, err)
	c := buildcache.Open(p.Cache())
	if c == nil {
		t.Skip("the test binary cannot be identified")
	}
	st := c.Load()
	if st == nil || st.Outputs == nil {
		t.Fatalf("%s: no manifest in the build cache", step)
	}
	recorded := map[string]int64{}
	for i := range st.Outputs {
		f := &st.Outputs[i]
		for k, o := range f.Files {
			recorded[f.Path(k)] = o.Out.Size
		}
	}
	found := map[string]int64{}
	must(t, filepath.WalkDir(dest, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == output.Marker {
			return err
		}
		info, err := d.Info()
		rel, _ := filepath.Rel(dest, path)
		found[filepath.ToSlash(rel)] = info.Size()
		return err
	}))
	if !maps.Equal(recorded, found) {
		for name, size := range found {
			if got, ok := recorded[name]; !ok || got != size {
				t.Errorf("%s: %s, %d bytes, is recorded as %d bytes (%v)", step, name, size, got, ok)
			}
		}
		for name := range recorded {
			if _, ok := found[name]; !ok {
				t.Errorf("%s: the manifest records %s, which the output does not have", step, name)
			}
		}
	}
}

// TestDamagedCache checks that a cache whose index and pack are truncated,
// garbled or not a cache at all changes nothing in the output.
func TestDamagedCache(t *testing.T) {
	for _, damage := range []struct {
		name string
		do   func([]byte) []byte
	}{
		{"truncated", func(b []byte) []byte { return b[:len(b)/2] }},
		{"flipped byte", func(b []byte) []byte { b[len(b)/3] ^= 0x55; return b }},
		{"empty", func([]byte) []byte { return nil }},
		{"not a cache", func([]byte) []byte { return []byte("hello, world, this is not a gob file at all; 32 bytes and more") }},
	} {
		t.Run(damage.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(5, 3))
			src := writeFixture(t, rng, 8)
			dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
			must(t, cachedBuild(t, src, dest, cache))
			// Change an article and the output, so that a cache that
			// were trusted would show.
			must(t, os.WriteFile(filepath.Join(src, "content", "2024", "a002.md"), fixtureArticle(rng, 200), 0o644))
			must(t, os.Remove(filepath.Join(dest, "404.html")))
			for _, f := range append(cacheFiles(t, cache), packFiles(t, cache)...) {
				data, err := os.ReadFile(f)
				must(t, err)
				must(t, os.WriteFile(f, damage.do(data), 0o644))
			}
			must(t, cachedBuild(t, src, dest, cache))
			sameTree(t, damage.name, dest, cleanBuild(t, src))
		})
	}
}

// TestFailedCachedBuildKeepsOutput checks that a build from the cache that
// fails on a broken article leaves the output exactly as it was, and that
// the next good build recovers.
func TestFailedCachedBuildKeepsOutput(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 1))
	src := writeFixture(t, rng, 8)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	must(t, cachedBuild(t, src, dest, cache))
	// A stray file too: it must outlive the failed build.
	must(t, os.WriteFile(filepath.Join(dest, "stray.html"), []byte("x"), 0o644))
	before := fullTree(t, dest)
	must(t, os.WriteFile(filepath.Join(src, "content", "2024", "a001.md"), fixtureArticle(rng, 100), 0o644))
	broken := filepath.Join(src, "content", "2024", "a004.md")
	must(t, os.WriteFile(broken, []byte("+++\ntitle = \n+++\nbroken\n"), 0o644))
	if err := cachedBuild(t, src, dest, cache); err == nil {
		t.Fatal("no error for a broken article")
	}
	if after := fullTree(t, dest); !mapsEqual(before, after) {
		t.Fatal("a failed build changed the output")
	}
	must(t, os.WriteFile(broken, fixtureArticle(rng, 101), 0o644))
	must(t, cachedBuild(t, src, dest, cache))
	sameTree(t, "fixed", dest, cleanBuild(t, src))
}

// TestOneShotBuilderBuildsAgain checks that a one-shot Builder, whose
// first build drops each article's body once its page is written, builds
// right when asked again: the neighbours of an edited article show their
// own bodies, read back from the cache.
func TestOneShotBuilderBuildsAgain(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	src := writeFixture(t, rng, 8)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	b := NewBuilder(pipeline.Options{Source: src, Destination: dest, CacheDir: cache})
	b.mode = cached | oneShot
	if _, err := b.Update(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	must(t, os.WriteFile(filepath.Join(src, "content", "2024", "a003.md"), fixtureArticle(rng, 300), 0o644))
	if _, err := b.Update(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	sameTree(t, "second build", dest, cleanBuild(t, src))
}

// TestContentSize checks that a build tells its caller the size of the
// content it is about to parse, with the cache and without, so that
// attache build can size its memory without listing the files itself.
func TestContentSize(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	src := writeFixture(t, rng, 6)
	must(t, os.WriteFile(filepath.Join(src, "content", "2024", "photo.jpg"), []byte("not an article"), 0o644))
	var want int64
	for i := range 6 {
		st, err := os.Stat(filepath.Join(src, "content", "2024", fmt.Sprintf("a%03d.md", i)))
		must(t, err)
		want += st.Size()
	}
	for _, cache := range []string{"", t.TempDir()} {
		var got []int64
		_, err := Run(context.Background(), pipeline.Options{Source: src, Destination: filepath.Join(t.TempDir(), "public"), CacheDir: cache,
			ContentSize: func(n int64) { got = append(got, n) }})
		must(t, err)
		if len(got) != 1 || got[0] != want {
			t.Errorf("cache %q: told %v, want once %d", cache, got, want)
		}
	}
}

// TestHandEditsInSettledFolders checks a cached build whose folders' times
// the cache trusts (recorded long enough after they were last changed):
// files added, removed and edited by hand in such folders are still found,
// and the build equals a clean one.
func TestHandEditsInSettledFolders(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 1))
	src := writeFixture(t, rng, 10)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	must(t, cachedBuild(t, src, dest, cache))
	// Age the folders, so that the next build records their times.
	old := time.Now().Add(-time.Hour)
	must(t, filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			err = os.Chtimes(p, old, old)
		}
		return err
	}))
	// An edit that moves no page, so that most folders stay as they were.
	story := filepath.Join(src, "content", "2024", "a003.md")
	data, err := os.ReadFile(story)
	must(t, err)
	must(t, os.WriteFile(story, append(data, "Both sides will meet again.\n"...), 0o644))
	must(t, cachedBuild(t, src, dest, cache))
	sameTree(t, "edit", dest, cleanBuild(t, src))
	p, err := pipeline.Load(pipeline.Options{Source: src, Destination: dest, CacheDir: cache})
	must(t, err)
	if c := buildcache.Open(p.Cache()); c != nil {
		st := c.Load()
		for _, d := range []string{"countries", "archive"} {
			if st == nil {
				t.Fatal("no cache")
			}
			if i, ok := st.Outputs.Folder(d); !ok || st.Outputs[i].Time == 0 {
				t.Fatalf("the cache does not trust the time of %s, so this test tests nothing", d)
			}
		}
	}

	must(t, os.WriteFile(filepath.Join(dest, "countries", "stray.html"), []byte("stray"), 0o644))
	must(t, os.Remove(filepath.Join(dest, "archive", "index.html")))
	f, err := os.OpenFile(filepath.Join(dest, "404.html"), os.O_WRONLY|os.O_APPEND, 0)
	must(t, err)
	f.WriteString("<!-- edited -->")
	f.Close()
	must(t, cachedBuild(t, src, dest, cache))
	sameTree(t, "hand edits", dest, cleanBuild(t, src))
	// Without its marker, a folder is someone else's to a build without
	// this cache: the build puts it back although nothing else changed.
	must(t, os.Remove(filepath.Join(dest, output.Marker)))
	must(t, cachedBuild(t, src, dest, cache))
	sameTree(t, "the marker removed", dest, cleanBuild(t, src))

	// A page edited by hand whose story then goes: the build finds the
	// page edited, and must still remove it.
	gone := filepath.Join(src, "content", "2024", "a005.md")
	withStory := cleanBuild(t, src)
	goneData, err := os.ReadFile(gone)
	must(t, err)
	must(t, os.Remove(gone))
	var page string
	must(t, filepath.WalkDir(withStory, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(withStory, p)
		if err == nil && !d.IsDir() && strings.HasPrefix(rel, "articles") {
			if _, serr := os.Stat(filepath.Join(cleanBuild(t, src), rel)); errors.Is(serr, fs.ErrNotExist) && page == "" {
				page = rel
			}
		}
		return err
	}))
	must(t, os.WriteFile(gone, goneData, 0o644))
	if page == "" {
		t.Fatal("no page goes with a005.md")
	}
	// Settled again, so that the page's folder is not listed.
	must(t, filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			err = os.Chtimes(p, old, old)
		}
		return err
	}))
	must(t, os.WriteFile(story, append(data, "They will meet a third time.\n"...), 0o644))
	must(t, cachedBuild(t, src, dest, cache))
	f, err = os.OpenFile(filepath.Join(dest, page), os.O_WRONLY|os.O_APPEND, 0)
	must(t, err)
	f.WriteString("<!-- edited -->")
	f.Close()
	must(t, os.Remove(gone))
	must(t, cachedBuild(t, src, dest, cache))
	sameTree(t, "a page edited by hand, then its story removed", dest, cleanBuild(t, src))
}
