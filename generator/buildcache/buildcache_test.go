package buildcache

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"html/template"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/site"
)

func testSite(t testing.TB) Site {
	t.Helper()
	src := t.TempDir()
	cfg := filepath.Join(src, "config.toml")
	if err := os.WriteFile(cfg, []byte("title = \"x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return Site{Dir: t.TempDir(), Source: src, ContentDir: filepath.Join(src, "content"), Config: cfg,
		Templates: filepath.Join(src, "templates"), Destination: filepath.Join(src, "public")}
}

func sample() *State {
	return &State{
		Inputs: map[string]Input{"a.md": {Name: "a.md", Size: 3, ModTime: 7, Version: 9,
			Inputs: []site.Input{{Article: &article.Article{Title: "A", Params: map[string]any{"k": "v"}}, Version: 9}}}},
		Outputs: Manifest{{Name: ".", Time: 5, Files: []OutputFile{{Name: "index.html", Out: Output{Sig: 1, Sum: 2, Size: 3, ModTime: 4}}}}},
		Report: &Report{At: 10, Until: 20, Log: []LogRecord{{Level: 4, Message: "a.md:3: warning"}}, Articles: 1, Pages: 5,
			Warnings: []string{"a.md: unknown country"}},
	}
}

func TestSaveLoad(t *testing.T) {
	s := testSite(t)
	c := Open(s)
	if c == nil {
		t.Skip("the test binary cannot be identified")
	}
	if c.Load() != nil {
		t.Fatal("a cache before any was saved")
	}
	if err := c.Save(sample()); err != nil {
		t.Fatal(err)
	}
	if !s.Exists() {
		t.Fatal("Exists is false after Save")
	}
	c = Open(s)
	got := c.Load()
	if got == nil {
		t.Fatal("the saved cache does not load")
	}
	if in := got.Inputs["a.md"]; in.Version != 9 || in.Size != 3 || len(in.Inputs) != 0 {
		t.Errorf("Load read the articles, or not the index: %+v", got.Inputs)
	}
	if !c.LoadArticles(got, nil) {
		t.Fatal("the saved articles do not load")
	}
	if in := got.Inputs["a.md"]; in.Version != 9 || len(in.Inputs) != 1 || in.Inputs[0].Article.Title != "A" || in.Inputs[0].Article.Params["k"] != "v" {
		t.Errorf("inputs = %+v", got.Inputs)
	}
	if m := got.Outputs; len(m) != 1 || m[0].Time != 5 || len(m[0].Files) != 1 || m[0].Files[0].Name != "index.html" || m[0].Files[0].Out.Sig != 1 || m[0].Files[0].Out.Sum != 2 {
		t.Errorf("outputs = %+v", got.Outputs)
	}
	if r := got.Report; r == nil || r.Until != 20 || len(r.Log) != 1 || r.Log[0].Message != "a.md:3: warning" || r.Pages != 5 || r.Warnings[0] != "a.md: unknown country" {
		t.Errorf("report = %+v", got.Report)
	}
}

func TestCacheable(t *testing.T) {
	tests := []struct {
		v    any
		want bool
	}{
		{nil, true}, {"s", true}, {int64(1), true}, {[]any{"a", map[string]any{"b": 1.5}}, true},
		{[]string{"a"}, false}, {map[string]any{"c": struct{}{}}, false},
	}
	for _, tt := range tests {
		if got := Cacheable(tt.v); got != tt.want {
			t.Errorf("Cacheable(%#v) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

// packOf returns the file name of the site's pack.
func packOf(t testing.TB, s Site) string {
	t.Helper()
	packs, _ := filepath.Glob(filepath.Join(filepath.Dir(s.Path()), packPrefix+"*"+packSuffix))
	if len(packs) != 1 {
		t.Fatalf("%d packs, want 1: %v", len(packs), packs)
	}
	return packs[0]
}

// edited returns sample with a.md parsed again into title and b.md added.
func edited(title string) *State {
	st := sample()
	a := st.Inputs["a.md"]
	a.Version, a.Inputs = 10, []site.Input{{Article: &article.Article{Title: title}, Version: 10}}
	st.Inputs["a.md"] = a
	st.Inputs["b.md"] = Input{Name: "b.md", Size: 4, Version: 11, Inputs: []site.Input{{Article: &article.Article{Title: "B"}, Version: 11}}}
	return st
}

// saved returns a site whose cache holds sample, with edited("A2")
// appended when appended is set, and the cache.
func saved(t testing.TB, appended bool) (Site, *File) {
	t.Helper()
	s := testSite(t)
	c := Open(s)
	if c == nil {
		t.Skip("the test binary cannot be identified")
	}
	first := sample()
	if err := c.Save(first); err != nil {
		t.Fatal(err)
	}
	if appended {
		if err := c.Append(first, edited("A2")); err != nil {
			t.Fatal(err)
		}
	}
	return s, c
}

func TestLoadRejects(t *testing.T) {
	flip := func(file func(t *testing.T, s Site) string, at func(size int) int) func(t *testing.T, s *Site) {
		return func(t *testing.T, s *Site) {
			name := file(t, *s)
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			data[at(len(data))] ^= 0xff
			os.WriteFile(name, data, 0o644)
		}
	}
	index := func(_ *testing.T, s Site) string { return s.Path() }
	pack := func(t *testing.T, s Site) string { return packOf(t, s) }
	truncate := func(file func(t *testing.T, s Site) string, to func(size int) int) func(t *testing.T, s *Site) {
		return func(t *testing.T, s *Site) {
			name := file(t, *s)
			data, _ := os.ReadFile(name)
			os.WriteFile(name, data[:to(len(data))], 0o644)
		}
	}
	tests := []struct {
		name string
		// appended saves a second state after the first, appending a
		// segment to the pack.
		appended bool
		// change alters the site or its cache files after the save.
		change      func(t *testing.T, s *Site)
		noInputs    bool
		wantOutputs bool
		// articles is whether LoadArticles still reads the articles.
		articles bool
	}{
		{"nothing changed", false, func(*testing.T, *Site) {}, false, true, true},
		{"nothing changed after an append", true, func(*testing.T, *Site) {}, false, true, true},
		{"templates changed", false, func(t *testing.T, s *Site) {
			os.MkdirAll(s.Templates, 0o755)
			os.WriteFile(filepath.Join(s.Templates, "x.html"), []byte("x"), 0o644)
		}, false, false, true},
		{"base URL changed", false, func(t *testing.T, s *Site) { s.BaseURL = "https://example.org/" }, false, false, true},
		{"future stories built", false, func(t *testing.T, s *Site) { s.Future = true }, false, false, true},
		{"configuration changed", false, func(t *testing.T, s *Site) {
			os.WriteFile(s.Config, []byte("title = \"y\"\n"), 0o644)
		}, true, false, false},
		{"articles damaged", false, flip(pack, func(int) int { return int(packHeaderLen) + 40 }), false, true, false},
		{"pack header damaged", false, flip(pack, func(int) int { return 3 }), false, true, false},
		{"appended segment damaged", true, flip(pack, func(n int) int { return n - 5 }), false, true, false},
		{"first segment damaged after an append", true, flip(pack, func(int) int { return int(packHeaderLen) + 40 }), false, true, false},
		{"pack truncated", true, truncate(pack, func(n int) int { return n - 40 }), false, true, false},
		{"pack cut to its header", false, truncate(pack, func(int) int { return int(packHeaderLen) }), false, true, false},
		{"pack missing", false, func(t *testing.T, s *Site) { os.Remove(packOf(t, *s)) }, false, true, false},
		{"index damaged", false, flip(index, func(n int) int { return n - sha256.Size - 5 }), true, false, false},
		{"index checksum damaged", false, flip(index, func(n int) int { return n - 3 }), true, false, false},
		{"index truncated", false, truncate(index, func(n int) int { return n - 40 }), true, false, false},
		{"index pointing past the pack", false, func(t *testing.T, s *Site) {
			c := Open(*s)
			st := c.Load()
			st.pack.Segments = append(st.pack.Segments, segment{Off: 1 << 40, Len: 100})
			st.pack.where["a.md"] = record{Seg: 1 << 40, Len: 10}
			if err := c.writeIndex(st.Inputs, st.pack, st.Outputs, st.Report); err != nil {
				t.Fatal(err)
			}
		}, false, true, false},
		{"pack replaced after Load", false, nil, false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := saved(t, tt.appended)
			if tt.change != nil {
				tt.change(t, &s)
			}
			c := Open(s)
			got := c.Load()
			if tt.noInputs {
				if got != nil {
					t.Fatalf("loaded %d inputs, want no cache", len(got.Inputs))
				}
				return
			}
			if got == nil {
				t.Fatal("no cache, want its inputs")
			}
			if (got.Outputs != nil) != tt.wantOutputs || (got.Report != nil) != tt.wantOutputs {
				t.Errorf("outputs kept = %v, report kept = %v, want %v", got.Outputs != nil, got.Report != nil, tt.wantOutputs)
			}
			if tt.change == nil {
				other := sample()
				other.Inputs["a.md"].Inputs[0].Article.Title = "B"
				if err := c.Save(other); err != nil {
					t.Fatal(err)
				}
			}
			if ok := c.LoadArticles(got, nil); ok != tt.articles {
				t.Errorf("LoadArticles = %v, want %v", ok, tt.articles)
			}
			if in := got.Inputs["a.md"]; tt.articles != (len(in.Inputs) == 1) {
				t.Errorf("articles after LoadArticles: %+v", in.Inputs)
			}
		})
	}
}

// TestAppend checks that a save after a few inputs changed appends their
// records alone, that the appended cache reads back as saved, and that a
// pack grown mostly dead is written afresh.
func TestAppend(t *testing.T) {
	s := testSite(t)
	c := Open(s)
	if c == nil {
		t.Skip("the test binary cannot be identified")
	}
	// Many inputs, so that one record is a small part of the pack.
	big := sample()
	for i := range 200 {
		name := fmt.Sprintf("s%03d.md", i)
		big.Inputs[name] = Input{Name: name, Version: uint64(100 + i), Inputs: []site.Input{{Article: &article.Article{Title: name, Body: article.NewBody(template.HTML(strings.Repeat("word ", 50)))}}}}
	}
	if err := c.Save(big); err != nil {
		t.Fatal(err)
	}
	name := packOf(t, s)
	before := size(t, name)

	st := c.Load()
	next := edited("A2")
	maps.Copy(next.Inputs, big.Inputs)
	delete(next.Inputs, "s000.md")
	next.Inputs["a.md"] = edited("A2").Inputs["a.md"]
	if err := c.Append(st, next); err != nil {
		t.Fatal(err)
	}
	if packOf(t, s) != name {
		t.Fatal("the append wrote a fresh pack")
	}
	if grown := size(t, name) - before; grown <= 0 || grown > before/10 {
		t.Errorf("the pack grew by %d bytes from %d, want a tenth at most", grown, before)
	}
	got := Open(s).Load()
	if got == nil || !c.LoadArticles(got, nil) {
		t.Fatal("the appended cache does not load")
	}
	if len(got.Inputs) != len(next.Inputs) || got.Inputs["a.md"].Inputs[0].Article.Title != "A2" ||
		got.Inputs["b.md"].Inputs[0].Article.Title != "B" || got.Inputs["s001.md"].Inputs[0].Article.Title != "s001.md" {
		t.Errorf("after the append: %d inputs, a.md %+v", len(got.Inputs), got.Inputs["a.md"])
	}

	// Parsing most inputs again leaves most of the pack dead: the next
	// save compacts it.
	prev := got
	for i := range 3 {
		more := edited("A3")
		for name, in := range next.Inputs {
			in.Version += uint64(1000 * (i + 1))
			more.Inputs[name] = in
		}
		if err := c.Append(prev, more); err != nil {
			t.Fatal(err)
		}
		prev = more
	}
	if packOf(t, s) == name {
		t.Error("a pack with most records dead was not written afresh")
	}
	got = Open(s).Load()
	if got == nil || !c.LoadArticles(got, nil) || len(got.Inputs) != len(prev.Inputs) || got.Inputs["s001.md"].Version != prev.Inputs["s001.md"].Version {
		t.Fatal("the compacted cache does not load as saved")
	}
	if n := len(got.pack.Segments); n != 1 {
		t.Errorf("the compacted pack has %d segments, want 1", n)
	}
}

// TestSegments saves more inputs than one segment holds: they are cut
// into segments of segmentRecords, which load together, and an index that
// places an input in a segment that does not hold it fails the pack.
func TestSegments(t *testing.T) {
	s := testSite(t)
	c := Open(s)
	if c == nil {
		t.Skip("the test binary cannot be identified")
	}
	st := &State{Inputs: map[string]Input{}}
	n := 2*segmentRecords + 5
	for i := range n {
		name := fmt.Sprintf("s%05d.md", i)
		st.Inputs[name] = Input{Name: name, Version: uint64(i + 1), Inputs: []site.Input{{Article: &article.Article{Title: name, Body: article.NewBody("<p>" + template.HTML(name) + "</p>")}}}}
	}
	if err := c.Save(st); err != nil {
		t.Fatal(err)
	}
	got := Open(s).Load()
	if got == nil || !c.LoadArticles(got, nil) {
		t.Fatal("the saved cache does not load")
	}
	if segs := len(got.pack.Segments); segs != 3 {
		t.Errorf("%d inputs were saved in %d segments, want 3", n, segs)
	}
	for name, in := range got.Inputs {
		if len(in.Inputs) != 1 || in.Inputs[0].Article.Title != name {
			t.Fatalf("%s loaded as %+v", name, in.Inputs)
		}
		if html, err := in.Inputs[0].Article.Body.HTML(); err != nil || string(html) != "<p>"+name+"</p>" {
			t.Fatalf("%s: body %q, %v", name, html, err)
		}
	}
	if len(got.Inputs) != n {
		t.Errorf("%d inputs loaded, want %d", len(got.Inputs), n)
	}

	again := Open(s).Load()
	last := again.pack.Segments[2].Off
	where := again.pack.where["s00000.md"]
	again.pack.where["s00000.md"] = record{Seg: last, Len: where.Len}
	if c.LoadArticles(again, nil) {
		t.Error("an input placed in a segment that does not hold it loaded")
	}
}

// TestAppendAfterCrash checks that bytes a failed save left past the live
// segments are cut off by the next append.
func TestAppendAfterCrash(t *testing.T) {
	s, c := saved(t, false)
	name := packOf(t, s)
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("half a segment")
	f.Close()
	st := c.Load()
	if st == nil || !c.LoadArticles(st, nil) {
		t.Fatal("bytes past the live segments spoil the cache")
	}
	if err := c.Append(st, edited("A2")); err != nil {
		t.Fatal(err)
	}
	got := c.Load()
	if got == nil || !c.LoadArticles(got, nil) || got.Inputs["a.md"].Inputs[0].Article.Title != "A2" {
		t.Fatal("the append after a crash does not load")
	}
	if data, _ := os.ReadFile(name); bytes.Contains(data, []byte("half a segment")) {
		t.Error("the failed save's bytes are still in the pack")
	}
}

func size(t *testing.T, name string) int64 {
	t.Helper()
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return info.Size()
}

// FuzzLoad checks that no cache, however damaged, makes Load or
// LoadArticles crash or hang: they decode the pack's segments and follow
// offsets the index gives.
func FuzzLoad(f *testing.F) {
	s, c := saved(f, true)
	pack := packOf(f, s)
	index, err := os.ReadFile(s.Path())
	if err != nil {
		f.Fatal(err)
	}
	valid, err := os.ReadFile(pack)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(index, valid)
	f.Add(index, valid[:len(valid)/2])
	f.Add(index, valid[:packHeaderLen])
	f.Add(index[:len(index)-1], valid)
	f.Add([]byte(indexMagic), []byte(packMagic))
	f.Fuzz(func(t *testing.T, index, data []byte) {
		if err := os.WriteFile(s.Path(), index, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(pack, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if st := c.Load(); st != nil && c.LoadArticles(st, nil) {
			// Bodies are checked when read: a damaged one is an
			// error, never a panic.
			for _, in := range st.Inputs {
				for _, a := range in.Inputs {
					a.Article.Body.HTML()
				}
			}
		}
	})
}
