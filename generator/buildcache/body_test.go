package buildcache

import (
	"bytes"
	"errors"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/textsim"
)

// bodiesState holds two files, one of two articles, every body distinct.
func bodiesState() *State {
	art := func(title, body string) site.Input {
		return site.Input{Article: &article.Article{Title: title, Body: article.NewBody(template.HTML(body))},
			Features: textsim.Extract(title, "", body)}
	}
	return &State{Inputs: map[string]Input{
		"a.md":  {Name: "a.md", Version: 1, Inputs: []site.Input{art("A", "<p>alpha body</p>")}},
		"b.xml": {Name: "b.xml", Version: 2, Inputs: []site.Input{art("B1", "<p>bravo one</p>"), art("B2", "<p>bravo two</p>")}},
	}}
}

// loadBodies saves st and loads it back, articles and all.
func loadBodies(t *testing.T, st *State, reread Reread) (*File, *State) {
	t.Helper()
	s := testSite(t)
	c := Open(s)
	if c == nil {
		t.Skip("the test binary cannot be identified")
	}
	if err := c.Save(st); err != nil {
		t.Fatal(err)
	}
	c = Open(s)
	got := c.Load()
	if got == nil || !c.LoadArticles(got, reread) {
		t.Fatal("the saved cache does not load")
	}
	return c, got
}

// damage flips the first byte of text in c's pack.
func damage(t *testing.T, c *File, text string) {
	t.Helper()
	packs, _ := filepath.Glob(filepath.Join(filepath.Dir(c.file), packPrefix+"*"+packSuffix))
	if len(packs) != 1 {
		t.Fatalf("packs = %v", packs)
	}
	data, err := os.ReadFile(packs[0])
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte(text))
	if i < 0 {
		t.Fatalf("%q is not in the pack", text)
	}
	f, err := os.OpenFile(packs[0], os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt([]byte{data[i] ^ 0x20}, int64(i)); err != nil {
		t.Fatal(err)
	}
}

func bodyOf(t *testing.T, st *State, name string, i int) (string, error) {
	t.Helper()
	a := st.Inputs[name].Inputs[i].Article
	if _, held := a.Body.Held(); held {
		t.Errorf("%s: the body of article %d was read with the articles", name, i)
	}
	h, err := a.Body.HTML()
	return string(h), err
}

func TestBodiesReadOnDemand(t *testing.T) {
	want := map[string][]string{"a.md": {"<p>alpha body</p>"}, "b.xml": {"<p>bravo one</p>", "<p>bravo two</p>"}}
	_, got := loadBodies(t, bodiesState(), nil)
	for name, bodies := range want {
		for i, w := range bodies {
			if b, err := bodyOf(t, got, name, i); err != nil || b != w {
				t.Errorf("%s #%d: body %q, %v; want %q", name, i, b, err, w)
			}
		}
	}
}

func TestDamagedBody(t *testing.T) {
	tests := []struct {
		name   string
		reread Reread
		want   string
		err    string
	}{
		{"without reread", nil, "", "checksum mismatch"},
		{"parsed again", func(name string, version uint64, i int) (template.HTML, error) {
			if name != "b.xml" || version != 2 || i != 1 {
				t.Errorf("reread(%s, %d, %d)", name, version, i)
			}
			return "<p>bravo two, again</p>", nil
		}, "<p>bravo two, again</p>", ""},
		{"the file changed", func(string, uint64, int) (template.HTML, error) {
			return "", errors.New("b.xml changed during the build")
		}, "", "changed during the build"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, got := loadBodies(t, bodiesState(), tt.reread)
			// Articles load whatever their bodies hold: those are
			// checked when read.
			damage(t, c, "bravo two")
			b, err := bodyOf(t, got, "b.xml", 1)
			if b != tt.want || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
				t.Errorf("body %q, %v; want %q, error with %q", b, err, tt.want, tt.err)
			}
			if err != nil && !strings.Contains(err.Error(), "b.xml") {
				t.Errorf("the error does not name the file: %v", err)
			}
			if b, err := bodyOf(t, got, "b.xml", 0); err != nil || b != "<p>bravo one</p>" {
				t.Errorf("the undamaged body: %q, %v", b, err)
			}
		})
	}
}

// A fresh pack written from articles read from an older one carries their
// bodies over, and the older pack, removed, still serves the articles that
// read from it.
func TestBodiesOutliveTheirPack(t *testing.T) {
	c, got := loadBodies(t, bodiesState(), nil)
	if err := c.Save(got); err != nil {
		t.Fatal(err)
	}
	again := c.Load()
	if again == nil || !c.LoadArticles(again, nil) {
		t.Fatal("the rewritten cache does not load")
	}
	for _, st := range []*State{got, again} {
		if b, err := bodyOf(t, st, "b.xml", 1); err != nil || b != "<p>bravo two</p>" {
			t.Errorf("body %q, %v", b, err)
		}
	}
}

// A story saved without its features has its body read with the articles:
// the features spare a build reading every body, and a body the cache
// holds without them would be read by every build.
func TestBodyWithoutFeaturesIsRead(t *testing.T) {
	st := bodiesState()
	st.Inputs["a.md"].Inputs[0].Features = nil
	_, got := loadBodies(t, st, nil)
	if b, held := got.Inputs["a.md"].Inputs[0].Article.Body.Held(); !held || b != "<p>alpha body</p>" {
		t.Errorf("body %q, held %v", b, held)
	}
}
