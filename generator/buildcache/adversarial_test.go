package buildcache

import (
	"html/template"
	"os"
	"strings"
	"testing"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/site"
)

// withC returns st with c.md, long, which no later save changes, so that
// the first segment stays live after an append.
func withC(st *State) *State {
	st.Inputs["c.md"] = Input{Name: "c.md", Size: 5, Version: 5, Inputs: []site.Input{{Article: &article.Article{Title: "C", Body: article.NewBody(template.HTML(strings.Repeat("word ", 2000)))}, Version: 5}}}
	return st
}

// editedAs is edited(title) with a.md at the given version.
func editedAs(title string, version uint64) *State {
	st := withC(edited(title))
	a := st.Inputs["a.md"]
	a.Version, a.Inputs[0].Version = version, version
	st.Inputs["a.md"] = a
	return st
}

// savedTwice returns a site whose cache holds sample and c.md, then
// editedAs("A2", 10) appended: two live segments; and the index of the
// first save.
func savedTwice(t *testing.T) (Site, *File, []byte) {
	t.Helper()
	s := testSite(t)
	c := Open(s)
	if c == nil {
		t.Skip("the test binary cannot be identified")
	}
	first := withC(sample())
	if err := c.Save(first); err != nil {
		t.Fatal(err)
	}
	index, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Append(first, editedAs("A2", 10)); err != nil {
		t.Fatal(err)
	}
	if n := len(c.Load().pack.Segments); n != 2 {
		t.Fatalf("%d live segments, want 2", n)
	}
	return s, c, index
}

// titleOf returns the title of the first article of the input name in st,
// "" when it has none.
func titleOf(st *State, name string) string {
	if in := st.Inputs[name]; len(in.Inputs) > 0 {
		return in.Inputs[0].Article.Title
	}
	return ""
}

// TestPackOutlivesItsIndex damages the pack and the index the ways a
// killed build, a restored backup or a second build leave them, and checks
// that LoadArticles never hands back articles other than the ones the
// index vouches for, and that the next Append writes a cache that reads
// back as saved.
func TestPackOutlivesItsIndex(t *testing.T) {
	tests := []struct {
		name string
		// damage alters the cache of savedTwice and returns the title a.md must have
		// if LoadArticles succeeds.
		damage func(t *testing.T, s Site, c *File, index []byte) string
	}{
		{"killed after a segment, before its index", func(t *testing.T, s Site, c *File, _ []byte) string {
			st := c.Load()
			if !c.LoadArticles(st, nil) {
				t.Fatal("the cache does not load")
			}
			next := editedAs("A9", 99)
			pw := c.appendTo(st, next.Inputs)
			if pw == nil {
				t.Fatal("no append")
			}
			if err := pw.write(next.Inputs); err != nil {
				t.Fatal(err)
			}
			pw.f.Close()
			return "A2"
		}},
		{"pack replaced by an older copy as long, with a dead tail", func(t *testing.T, s Site, c *File, _ []byte) string {
			// The copy holds the first segment and, where the second
			// lies, bytes of a build that died: as long as the pack.
			name := packOf(t, s)
			now, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			st := c.Load()
			first := st.pack.Segments[0]
			old := append([]byte(nil), now[:first.Off+first.Len]...)
			for len(old) < len(now) {
				old = append(old, now[first.Off+int64(len(old))%first.Len])
			}
			if len(old) != len(now) || string(old) == string(now) {
				t.Fatal("the copy is not an older one as long")
			}
			if err := os.WriteFile(name, old, 0o644); err != nil {
				t.Fatal(err)
			}
			return ""
		}},
		{"index replaced by an older copy", func(t *testing.T, s Site, c *File, index []byte) string {
			// The index of the first save, the pack with the append:
			// the first save's articles, whose segment is still there.
			if err := os.WriteFile(s.Path(), index, 0o644); err != nil {
				t.Fatal(err)
			}
			return "A"
		}},
		{"pack of another save under this name", func(t *testing.T, s Site, c *File, _ []byte) string {
			s2, _ := saved(t, true)
			data, err := os.ReadFile(packOf(t, s2))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(packOf(t, s), data, 0o644); err != nil {
				t.Fatal(err)
			}
			return ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, c, index := savedTwice(t)
			want := tt.damage(t, s, c, index)
			c = Open(s)
			st := c.Load()
			if st == nil {
				if want != "" {
					t.Fatal("no cache")
				}
				st = &State{}
			} else if ok := c.LoadArticles(st, nil); ok != (want != "") {
				t.Fatalf("LoadArticles = %v, want %v", ok, want != "")
			} else if wantB := map[bool]string{true: "", false: "B"}[want == "A"]; ok &&
				(titleOf(st, "a.md") != want || titleOf(st, "b.md") != wantB || titleOf(st, "c.md") != "C") {
				t.Fatalf("LoadArticles read a.md %q, b.md %q, c.md %q; want %q, %q, C", titleOf(st, "a.md"), titleOf(st, "b.md"), titleOf(st, "c.md"), want, wantB)
			}
			// The next save, from what was loaded, reads back as saved.
			if err := c.Append(st, editedAs("A3", 30)); err != nil {
				t.Fatal(err)
			}
			got := Open(s).Load()
			if got == nil || !c.LoadArticles(got, nil) || titleOf(got, "a.md") != "A3" || titleOf(got, "b.md") != "B" || titleOf(got, "c.md") != "C" {
				t.Fatal("the save after the damage does not read back")
			}
			// One pack, without the killed build's segment.
			if data, err := os.ReadFile(packOf(t, s)); err != nil || strings.Contains(string(data), "A9") {
				t.Errorf("the pack still holds a segment no index names (%v)", err)
			}
		})
	}
}
