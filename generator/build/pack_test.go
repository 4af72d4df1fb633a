package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attache/attache/generator/pipeline"
)

// packFiles returns the build caches' packs, which hold their articles,
// under the cache folder dir.
func packFiles(t *testing.T, dir string) []string {
	t.Helper()
	packs, err := filepath.Glob(filepath.Join(dir, "*", "articles-*.pack"))
	must(t, err)
	return packs
}

// primedCache writes a fixture of 20 articles and builds it with a build
// cache: it returns the site's folder, the options that build it, and the
// cache's pack with its bytes.
func primedCache(t *testing.T, rng *rand.Rand) (src string, opts pipeline.Options, pack string, data []byte) {
	t.Helper()
	src = writeFixture(t, rng, 20)
	opts = pipeline.Options{Source: src, Destination: filepath.Join(t.TempDir(), "public"), CacheDir: t.TempDir()}
	_, err := runCached(context.Background(), opts)
	must(t, err)
	pack, _ = packFile(t, opts.CacheDir)
	data, err = os.ReadFile(pack)
	must(t, err)
	return src, opts, pack, data
}

// packFile returns the build cache's pack under the cache folder dir and
// its size.
func packFile(t *testing.T, dir string) (string, int64) {
	t.Helper()
	packs := packFiles(t, dir)
	if len(packs) != 1 {
		t.Fatalf("%d packs in the cache, want 1: %v", len(packs), packs)
	}
	info, err := os.Stat(packs[0])
	must(t, err)
	return packs[0], info.Size()
}

// TestCachedBuildAppendsArticles checks that a cached attache build after
// one new story, one edit or one removal appends about one story's record
// to the cache's pack rather than writing every article again, that the
// next build reads the articles back from the pack's segments instead of
// parsing them, and that each build equals a clean one; and that a build
// which leaves most of the pack dead writes a fresh one, still equal.
func TestCachedBuildAppendsArticles(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 4))
	src := writeFixture(t, rng, 80)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	ctx := context.Background()
	build := func(step string, wantParsed int) {
		t.Helper()
		r, err := runCached(ctx, pipeline.Options{Source: src, Destination: dest, CacheDir: cache})
		must(t, err)
		if r.Parsed != wantParsed {
			t.Errorf("%s: parsed %d files, want %d (the others from the cache)", step, r.Parsed, wantParsed)
		}
		sameTree(t, step, dest, cleanBuild(t, src))
	}
	build("first build", 80)
	pack, size := packFile(t, cache)

	steps := []struct {
		name   string
		change func()
		parsed int
	}{
		{"new story", func() {
			must(t, os.WriteFile(filepath.Join(src, "content", "2024", "new.md"),
				[]byte("+++\ntitle = \"Laos and Japan sign a treaty\"\ndate = 2025-06-01\n+++\n\nLaos and Japan signed a treaty.\n"), 0o644))
		}, 1},
		// The new story's segment is then all dead: the next one goes
		// after it all the same.
		{"new story edited", func() {
			must(t, os.WriteFile(filepath.Join(src, "content", "2024", "new.md"),
				[]byte("+++\ntitle = \"Laos and Japan sign a trade treaty\"\ndate = 2025-06-01\n+++\n\nLaos and Japan signed a treaty on trade.\n"), 0o644))
		}, 1},
		{"edit", func() {
			must(t, os.WriteFile(filepath.Join(src, "content", "2024", "a007.md"), fixtureArticle(rng, 700), 0o644))
		}, 1},
		{"removal", func() { must(t, os.Remove(filepath.Join(src, "content", "2024", "a011.md"))) }, 0},
		{"another new story", func() {
			must(t, os.WriteFile(filepath.Join(src, "content", "2024", "new2.md"),
				[]byte("+++\ntitle = \"Kenya hosts Peru\"\ndate = 2025-06-02\n+++\n\nKenya hosted Peru's foreign minister.\n"), 0o644))
		}, 1},
	}
	for _, s := range steps {
		s.change()
		build(s.name, s.parsed)
		name, now := packFile(t, cache)
		if name != pack {
			t.Fatalf("%s: the build wrote a fresh pack", s.name)
		}
		if grown := now - size; grown < 0 || grown > size/10 {
			t.Errorf("%s: the pack grew by %d bytes from %d, want a tenth at most", s.name, grown, size)
		} else if s.parsed > 0 && grown == 0 {
			t.Errorf("%s: the pack did not grow, so the parsed story is not in it", s.name)
		}
		size = now
	}

	// Most stories edited: most of the pack is dead, and the build writes
	// a fresh one.
	for i := range 60 {
		if i != 11 {
			must(t, os.WriteFile(filepath.Join(src, "content", "2024", fmt.Sprintf("a%03d.md", i)), fixtureArticle(rng, 800+i), 0o644))
		}
	}
	build("most stories edited", 59)
	if name, _ := packFile(t, cache); name == pack {
		t.Error("a pack mostly dead was appended to, not written afresh")
	}
	// And the fresh pack serves the next build.
	must(t, os.WriteFile(filepath.Join(src, "content", "2024", "a070.md"), fixtureArticle(rng, 900), 0o644))
	build("edit after compaction", 1)
}

// TestCachedBuildAfterDamagedPack checks that a cached build whose pack
// was damaged parses every file again, equals a clean build, and writes a
// pack the next build can read.
func TestCachedBuildAfterDamagedPack(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 5))
	src, opts, pack, data := primedCache(t, rng)
	ctx, dest := context.Background(), opts.Destination
	data[len(data)/2] ^= 0xff
	must(t, os.WriteFile(pack, data, 0o644))

	must(t, os.WriteFile(filepath.Join(src, "content", "2024", "a003.md"), fixtureArticle(rng, 300), 0o644))
	r, err := runCached(ctx, opts)
	must(t, err)
	if r.Parsed != 20 {
		t.Errorf("after the damage: parsed %d files, want all 20", r.Parsed)
	}
	sameTree(t, "damaged pack", dest, cleanBuild(t, src))
	must(t, os.WriteFile(filepath.Join(src, "content", "2024", "a004.md"), fixtureArticle(rng, 400), 0o644))
	r, err = runCached(ctx, opts)
	must(t, err)
	if r.Parsed != 1 {
		t.Errorf("the build after: parsed %d files, want 1", r.Parsed)
	}
	sameTree(t, "after the damaged pack", dest, cleanBuild(t, src))
}

// TestCachedBuildAfterDamagedBody checks that a body damaged in the pack,
// which a cached build reads only when a page shows it, is parsed again
// from its file, and the build equals a clean one.
func TestCachedBuildAfterDamagedBody(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 6))
	src, opts, pack, data := primedCache(t, rng)
	ctx, dest := context.Background(), opts.Destination
	// The bodies come first in the pack's one segment, before the
	// records that hold the ledes.
	i := bytes.Index(data, []byte("met for round 7 of talks"))
	if i < 0 {
		t.Fatal("the story's body is not in the pack")
	}
	data[i] ^= 0x20
	must(t, os.WriteFile(pack, data, 0o644))
	for round := range 2 {
		// The pages showing the story must be rendered again.
		removed := 0
		must(t, filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err == nil && bytes.Contains(b, []byte("met for round 7 of talks")) {
				removed++
				err = os.Remove(p)
			}
			return err
		}))
		if removed == 0 {
			t.Fatal("no page shows the story")
		}
		must(t, os.WriteFile(filepath.Join(src, "content", "2024", "a003.md"), fixtureArticle(rng, 300+round), 0o644))
		r, err := runCached(ctx, opts)
		must(t, err)
		if r.Parsed != 1 {
			t.Errorf("round %d: parsed %d files, want 1", round, r.Parsed)
		}
		sameTree(t, fmt.Sprintf("damaged body, round %d", round), dest, cleanBuild(t, src))
	}
}

// TestCachedBuildReadsFewBodies checks that a cached build after one new
// story reads from the pack only the bodies of the pages and feeds it
// renders again, not every article's: with every body in the pack
// damaged, each one read is parsed again from its file, with a warning,
// and the output equals a clean build's.
func TestCachedBuildReadsFewBodies(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 7))
	const n = 40
	src := writeFixture(t, rng, n)
	cfg := filepath.Join(src, pipeline.ConfigFile)
	data, err := os.ReadFile(cfg)
	must(t, err)
	must(t, os.WriteFile(cfg, append(data, "[feeds]\nitems = 3\n"...), 0o644))
	var log bytes.Buffer
	opts := pipeline.Options{Source: src, Destination: filepath.Join(t.TempDir(), "public"), CacheDir: t.TempDir(), Logger: lineLogger(&log)}
	_, err = runCached(context.Background(), opts)
	must(t, err)
	pack, _ := packFile(t, opts.CacheDir)
	data, err = os.ReadFile(pack)
	must(t, err)
	// Bodies start with their first paragraph; the records' ledes are
	// plain text.
	mark := []byte("<p>Ministers of ")
	damaged := 0
	for i := 0; ; damaged++ {
		j := bytes.Index(data[i:], mark)
		if j < 0 {
			break
		}
		data[i+j+len("<p>")] ^= 0x20
		i += j + len(mark)
	}
	if damaged != n {
		t.Fatalf("damaged %d bodies, want %d", damaged, n)
	}
	must(t, os.WriteFile(pack, data, 0o644))
	must(t, os.WriteFile(filepath.Join(src, "content", "2024", fmt.Sprintf("a%03d.md", n)), fixtureArticle(rng, n), 0o644))
	log.Reset()
	r, err := runCached(context.Background(), opts)
	must(t, err)
	read := strings.Count(log.String(), "was damaged; read it again")
	t.Logf("%d of %d bodies read, %d files rendered", read, n, r.Rendered)
	if read == 0 || read > n/4 {
		t.Errorf("a new story read %d of %d bodies from the pack, want a few (rendered %d files):\n%s", read, n, r.Rendered, log.String())
	}
	sameTree(t, "bodies damaged", opts.Destination, cleanBuild(t, src))
}
