package pipeline_test

import (
	"bytes"
	"context"
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
