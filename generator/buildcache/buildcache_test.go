package buildcache

import (
	"crypto/sha256"
	"os"
	"path/filepath"
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
		Outputs: map[string]Output{"index.html": {Sig: 1, Sum: 2, Size: 3, ModTime: 4}},
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
	if !c.LoadArticles(got) {
		t.Fatal("the saved articles do not load")
	}
	if in := got.Inputs["a.md"]; in.Version != 9 || len(in.Inputs) != 1 || in.Inputs[0].Article.Title != "A" || in.Inputs[0].Article.Params["k"] != "v" {
		t.Errorf("inputs = %+v", got.Inputs)
	}
	if out := got.Outputs["index.html"]; out.Sig != 1 || out.Sum != 2 {
		t.Errorf("outputs = %+v", got.Outputs)
	}
	if r := got.Report; r == nil || r.Until != 20 || len(r.Log) != 1 || r.Log[0].Message != "a.md:3: warning" || r.Pages != 5 || r.Warnings[0] != "a.md: unknown country" {
		t.Errorf("report = %+v", got.Report)
	}
}

func TestLoadRejects(t *testing.T) {
	flip := func(at func(size int) int) func(t *testing.T, s *Site) {
		return func(t *testing.T, s *Site) {
			data, err := os.ReadFile(s.Path())
			if err != nil {
				t.Fatal(err)
			}
			data[at(len(data))] ^= 0xff
			os.WriteFile(s.Path(), data, 0o644)
		}
	}
	tests := []struct {
		name string
		// change alters the site or its cache file after the save.
		change      func(t *testing.T, s *Site)
		noInputs    bool
		wantOutputs bool
		// articles is whether LoadArticles still reads the articles.
		articles bool
	}{
		{"nothing changed", func(*testing.T, *Site) {}, false, true, true},
		{"templates changed", func(t *testing.T, s *Site) {
			os.MkdirAll(s.Templates, 0o755)
			os.WriteFile(filepath.Join(s.Templates, "x.html"), []byte("x"), 0o644)
		}, false, false, true},
		{"base URL changed", func(t *testing.T, s *Site) { s.BaseURL = "https://example.org/" }, false, false, true},
		{"future stories built", func(t *testing.T, s *Site) { s.Future = true }, false, false, true},
		{"configuration changed", func(t *testing.T, s *Site) {
			os.WriteFile(s.Config, []byte("title = \"y\"\n"), 0o644)
		}, true, false, false},
		// The articles come first, the index last, then the footer.
		{"articles damaged", flip(func(int) int { return 40 }), false, true, false},
		{"index damaged", flip(func(n int) int { return n - footerLen - sha256.Size - 5 }), true, false, false},
		{"footer damaged", flip(func(n int) int { return n - 3 }), true, false, false},
		{"file truncated", func(t *testing.T, s *Site) {
			data, _ := os.ReadFile(s.Path())
			os.WriteFile(s.Path(), data[:len(data)-40], 0o644)
		}, true, false, false},
		{"file replaced after Load", nil, false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testSite(t)
			c := Open(s)
			if c == nil {
				t.Skip("the test binary cannot be identified")
			}
			if err := c.Save(sample()); err != nil {
				t.Fatal(err)
			}
			if tt.change != nil {
				tt.change(t, &s)
			}
			c = Open(s)
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
			if ok := c.LoadArticles(got); ok != tt.articles {
				t.Errorf("LoadArticles = %v, want %v", ok, tt.articles)
			}
			if in := got.Inputs["a.md"]; tt.articles != (len(in.Inputs) == 1) {
				t.Errorf("articles after LoadArticles: %+v", in.Inputs)
			}
		})
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

// FuzzLoad checks that no cache file, however damaged, makes Load or
// LoadArticles crash or hang: they read a footer's offset from the file
// before any checksum can vouch for it.
func FuzzLoad(f *testing.F) {
	s := testSite(f)
	if Open(s) == nil {
		f.Skip("the test binary cannot be identified")
	}
	if err := Open(s).Save(sample()); err != nil {
		f.Fatal(err)
	}
	valid, err := os.ReadFile(s.Path())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Add(valid[len(valid)-footerLen:])
	f.Add(append([]byte("x"), valid[len(valid)-footerLen:]...))
	// Opening hashes the program: once, not per input.
	c := Open(s)
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(s.Path(), data, 0o644); err != nil {
			t.Fatal(err)
		}
		if st := c.Load(); st != nil {
			c.LoadArticles(st)
		}
	})
}
