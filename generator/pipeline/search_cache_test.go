package pipeline_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/attache/attache/generator/build"
	"github.com/attache/attache/generator/buildcache"
	"github.com/attache/attache/generator/pipeline"
	"github.com/attache/attache/generator/search"
)

// searchSite copies the search package's relevance site, with search on,
// to a new folder.
func searchSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../search/testdata/relevance")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// buildSearch builds src into dest, with a build cache in cacheDir unless
// it is "", and returns the files of the search index by name.
func buildSearch(t *testing.T, src, dest, cacheDir string) map[string][]byte {
	t.Helper()
	opts := pipeline.Options{Source: src, Destination: dest, CacheDir: cacheDir}
	if _, err := build.Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	dir := filepath.Join(dest, search.Dir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = data
	}
	return files
}

// searchSide opens the file of kept analyses of the site at src built
// into dest.
func searchSide(t *testing.T, src, dest, cacheDir string) *buildcache.Side {
	t.Helper()
	p, err := pipeline.Load(pipeline.Options{Source: src, Destination: dest, CacheDir: cacheDir})
	if err != nil {
		t.Fatal(err)
	}
	side := buildcache.OpenSide(p.Cache(), "search.bin")
	if side == nil {
		t.Skip("the test binary cannot be identified")
	}
	return side
}

func sameIndex(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want))) {
		t.Fatalf("index files %v, want a clean build's %v", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs from a clean build's", name)
		}
	}
}

// TestSearchCacheAcrossBuilds builds a site twice with a build cache, as
// two runs of attache build do, the second into an emptied destination so
// that it writes the whole index again, and checks that its index is a
// clean build's whatever became of the file of kept analyses in between:
// kept, missing, damaged, truncated or of another format. Each build
// leaves a good file of every story's analysis.
func TestSearchCacheAcrossBuilds(t *testing.T) {
	src := searchSite(t)
	stories, _ := filepath.Glob(filepath.Join(src, "content", "*"))
	want := buildSearch(t, src, filepath.Join(t.TempDir(), "public"), "")
	tests := []struct {
		name  string
		spoil func(t *testing.T, side *buildcache.Side, file string)
	}{
		{"kept", func(*testing.T, *buildcache.Side, string) {}},
		{"missing", func(t *testing.T, _ *buildcache.Side, file string) { os.Remove(file) }},
		{"damaged", func(t *testing.T, _ *buildcache.Side, file string) {
			data, _ := os.ReadFile(file)
			data[len(data)/2] ^= 0x55
			os.WriteFile(file, data, 0o644)
		}},
		{"truncated", func(t *testing.T, _ *buildcache.Side, file string) {
			data, _ := os.ReadFile(file)
			os.WriteFile(file, data[:len(data)/3], 0o644)
		}},
		{"another format", func(t *testing.T, side *buildcache.Side, _ string) {
			data := bytes.Replace(side.Load(), []byte("attache analyses 1"), []byte("attache analyses 0"), 1)
			if err := side.Save(data); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cache, dest := t.TempDir(), filepath.Join(t.TempDir(), "public")
			sameIndex(t, buildSearch(t, src, dest, cache), want)
			files, _ := filepath.Glob(filepath.Join(cache, "*", "search.bin"))
			if len(files) != 1 {
				t.Fatalf("the build left %d files of analyses, want 1", len(files))
			}
			side := searchSide(t, src, dest, cache)
			tt.spoil(t, side, files[0])
			if err := os.RemoveAll(dest); err != nil {
				t.Fatal(err)
			}
			sameIndex(t, buildSearch(t, src, dest, cache), want)
			kept, err := search.NewAnalyser().DecodeKept(side.Load())
			if err != nil || len(kept) != len(stories) {
				t.Errorf("after the build, the file holds %d analyses (%v), want %d", len(kept), err, len(stories))
			}
		})
	}
}

// TestSearchCacheIsRead checks that a build reads the analyses of the
// last one rather than analysing its stories again: a story's analysis
// altered in the file shows in the next index.
func TestSearchCacheIsRead(t *testing.T) {
	src := searchSite(t)
	cache, dest := t.TempDir(), filepath.Join(t.TempDir(), "public")
	buildSearch(t, src, dest, cache)
	side := searchSide(t, src, dest, cache)
	an := search.NewAnalyser()
	kept, err := an.DecodeKept(side.Load())
	if err != nil || len(kept) == 0 {
		t.Fatalf("read %d analyses: %v", len(kept), err)
	}
	var rec []any
	if err := json.Unmarshal(kept[0].Analysis.Record, &rec); err != nil {
		t.Fatal(err)
	}
	rec[1] = "Headline from the kept analysis"
	kept[0].Analysis.Record, _ = json.Marshal(rec)
	if err := side.Save(an.EncodeKept(kept)); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(dest)
	found := false
	for _, data := range buildSearch(t, src, dest, cache) {
		found = found || bytes.Contains(data, []byte("Headline from the kept analysis"))
	}
	if !found {
		t.Error("the index does not hold the kept analysis: the story was analysed again")
	}
}

// TestSearchCacheNewStory checks that a cached build after a story was
// added makes a clean build's index, and keeps the new story's analysis.
func TestSearchCacheNewStory(t *testing.T) {
	src := searchSite(t)
	cache, dest := t.TempDir(), filepath.Join(t.TempDir(), "public")
	extra := filepath.Join(src, "content", "2024-12-01-extra.md")
	buildSearch(t, src, dest, cache)
	story := "+++\ntitle = \"Arctic council resumes talks\"\ndate = 2024-12-01T10:00:00Z\nsource = \"Reuters\"\n+++\n\nThe Arctic council resumed its talks in Tromsø.\n"
	if err := os.WriteFile(extra, []byte(story), 0o644); err != nil {
		t.Fatal(err)
	}
	got := buildSearch(t, src, dest, cache)
	sameIndex(t, got, buildSearch(t, src, filepath.Join(t.TempDir(), "public"), ""))
	kept, err := search.NewAnalyser().DecodeKept(searchSide(t, src, dest, cache).Load())
	if err != nil || !slices.ContainsFunc(kept, func(k search.Kept) bool { return bytes.Contains(k.Analysis.Record, []byte("Arctic council")) }) {
		t.Errorf("the file does not keep the new story (%d analyses, %v)", len(kept), err)
	}
}

// TestSearchIndexStateAcrossBuilds builds a site with a build cache, then
// changes it and builds again, as the next run of attache build does:
// that build restores the index of the last one (search-index.bin) and
// appends to it. Its index must be a clean build's, byte for byte, after
// a new story, an edit, with its output emptied, and with the state file
// damaged, truncated, of another format or of other stories.
func TestSearchIndexStateAcrossBuilds(t *testing.T) {
	story := func(name, title string) func(t *testing.T, src string) {
		return func(t *testing.T, src string) {
			body := "+++\ntitle = \"" + title + "\"\ndate = 2024-12-01T10:00:00Z\nsource = \"Reuters\"\n+++\n\nThe Arctic council resumed its talks in Tromsø.\n"
			if err := os.WriteFile(filepath.Join(src, "content", name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	spoil := func(how func([]byte) []byte) func(t *testing.T, file string) {
		return func(t *testing.T, file string) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, how(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name   string
		before func(t *testing.T, src string) // before the first build
		change func(t *testing.T, src string)
		state  func(t *testing.T, file string)
		empty  bool // the output emptied before the second build
	}{
		{name: "a new story", change: story("2024-12-01-extra.md", "Arctic council resumes talks")},
		{name: "the newest story edited", before: story("2024-12-01-extra.md", "Arctic council resumes talks"),
			change: story("2024-12-01-extra.md", "Arctic council resumes its ceasefire talks")},
		{name: "the oldest story gone", change: func(t *testing.T, src string) {
			stories, _ := filepath.Glob(filepath.Join(src, "content", "*.md"))
			slices.Sort(stories)
			os.Remove(stories[0])
		}},
		{name: "nothing changed, output emptied", empty: true},
		{name: "a new story, output emptied", change: story("2024-12-01-extra.md", "Arctic council resumes talks"), empty: true},
		{name: "damaged state", change: story("2024-12-01-extra.md", "Arctic talks"),
			state: spoil(func(b []byte) []byte { b[len(b)/2] ^= 0x40; return b })},
		{name: "truncated state", change: story("2024-12-01-extra.md", "Arctic talks"),
			state: spoil(func(b []byte) []byte { return b[:len(b)/3] })},
		{name: "state of other stories", change: story("2024-12-01-extra.md", "Arctic talks"),
			state: func(t *testing.T, file string) {
				// The state of another site, with other stories, saved
				// where this one's is, as a side file of this build's.
				other := searchSite(t)
				story("2024-11-01-other.md", "Other")(t, other)
				os.RemoveAll(filepath.Join(other, "content", "2024-08-23-sudan-talks-switzerland.md"))
				cache2 := t.TempDir()
				buildSearch(t, other, filepath.Join(t.TempDir(), "public"), cache2)
				files, _ := filepath.Glob(filepath.Join(cache2, "*", "search-index.bin"))
				if len(files) != 1 {
					t.Fatalf("%d index states", len(files))
				}
				data, _ := os.ReadFile(files[0])
				// Another site's side file is foreign by its key: keep
				// its body under this file's header.
				mine, _ := os.ReadFile(file)
				head := len("attache side 1\n") + 32
				body := append(slices.Clone(mine[:head]), data[head:len(data)-32]...)
				sum := sha256.Sum256(body)
				os.WriteFile(file, append(body, sum[:]...), 0o644)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := searchSite(t)
			if tt.before != nil {
				tt.before(t, src)
			}
			cache, dest := t.TempDir(), filepath.Join(t.TempDir(), "public")
			buildSearch(t, src, dest, cache)
			states, _ := filepath.Glob(filepath.Join(cache, "*", "search-index.bin"))
			if len(states) != 1 {
				t.Fatalf("the build left %d index states, want 1", len(states))
			}
			if tt.change != nil {
				tt.change(t, src)
			}
			if tt.state != nil {
				tt.state(t, states[0])
			}
			if tt.empty {
				os.RemoveAll(dest)
			}
			got := buildSearch(t, src, dest, cache)
			sameIndex(t, got, buildSearch(t, src, filepath.Join(t.TempDir(), "public"), ""))
		})
	}
}
