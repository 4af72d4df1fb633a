package render

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/attache/attache/generator/site"
)

// withoutFolding keeps every action of the layouts as written.
func withoutFolding() Option { return func(r *Renderer) { r.noFold = true } }

// TestFoldedPagesMatchUnfolded renders every page of a site with each
// bundled theme in each language, with constant actions folded and
// without: the pages must be the same, byte for byte.
func TestFoldedPagesMatchUnfolded(t *testing.T) {
	s := picturesSite(t)
	for _, lang := range bundledLanguages {
		for _, name := range []string{"default", "situation"} {
			folded := bundledRenderer(t, name, WithLanguage(lang))
			plain := bundledRenderer(t, name, WithLanguage(lang), withoutFolding())
			if folded.folded == 0 {
				t.Errorf("%s %s: no action folded", lang, name)
			}
			if plain.folded != 0 {
				t.Errorf("%s %s: %d actions folded without folding", lang, name, plain.folded)
			}
			for _, p := range viewsOf(s) {
				want, err := plain.RenderBytes(p)
				if err != nil {
					t.Fatalf("%s %s %s: %v", lang, name, p.Path, err)
				}
				got, err := folded.RenderBytes(p)
				if err != nil {
					t.Fatalf("%s %s %s folded: %v", lang, name, p.Path, err)
				}
				if string(got) != string(want) {
					t.Errorf("%s %s %s: folded page differs:\n%s", lang, name, p.Path, firstDiff(string(got), string(want)))
				}
			}
		}
	}
}

// firstDiff shows where two pages part.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	return "got  …" + got[max(0, i-80):min(len(got), i+80)] + "\nwant …" + want[max(0, i-80):min(len(want), i+80)]
}

// foldTheme is a theme printing the string k in every context layouts
// print strings in, through each foldable function, and a missing string
// on article pages.
func foldTheme(k string) fstest.MapFS {
	quoted, _ := json.Marshal(k)
	files := fstest.MapFS{
		"layouts/baseof.html": {Data: []byte(`<!DOCTYPE html><html lang="{{lang}}"><head><title>{{t "k"}} · {{.Title}}</title>` +
			`<link rel="stylesheet" href="{{asset "main.css"}}"></head>` +
			`<body><p title="{{t "k"}}" data-x='{{t "k"}}'>{{t "k"}} {{tn "n" 2 "x"}} {{upper "k"}}</p>` +
			`<a href="{{url "/a b/?q=<x>"}}">{{absURL "/x"}}</a><a href="/x/{{t "k"}}">{{region "Africa"}}</a>` +
			`<a href="{{t "k"}}">x</a><script>var k = {{t "k"}};</script><style>p { content: "{{t "k"}}" }</style>` +
			`{{block "main" .}}{{end}}</body></html>`)},
		"i18n/en.toml":    {Data: []byte("[strings]\nk = " + string(quoted) + "\n[plurals]\nn = { one = \"%d %s\", other = \"%d %ss\" }\n")},
		"static/main.css": {Data: []byte("p{}")},
	}
	for _, kind := range PageKinds {
		files["layouts/"+string(kind)+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<p>{{t "k"}}</p>{{end}}`)}
	}
	files["layouts/article.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<p>{{t "missing"}}</p>{{end}}`)}
	return files
}

// FuzzFold holds folded actions to what html/template prints for them,
// whatever the strings hold, in every context.
func FuzzFold(f *testing.F) {
	f.Add("Skip to content")
	f.Add(`<script>alert("x")</script> & 'quotes' + more`)
	f.Add("javascript:alert(1)")
	f.Add("%d %s %!")
	f.Add("a\x00b\ufffd\u2028")
	s := picturesSite(f)
	views := viewsOf(s)
	f.Fuzz(func(t *testing.T, k string) {
		folded, err := New(foldTheme(k), "https://example.org/sub/")
		if err != nil {
			return // a string TOML does not take
		}
		plain, err := New(foldTheme(k), "https://example.org/sub/", withoutFolding())
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range views {
			want, werr := plain.RenderBytes(p)
			got, gerr := folded.RenderBytes(p)
			if (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() {
				t.Fatalf("%s: error %v, want %v", p.Path, gerr, werr)
			}
			if string(got) != string(want) {
				t.Fatalf("%s: folded page differs:\n%s", p.Path, firstDiff(string(got), string(want)))
			}
			if p.Kind == string(site.ArticlePage) && werr == nil {
				t.Fatalf("%s: a missing string rendered", p.Path)
			}
		}
	})
}

// TestFoldKeepsErrors checks that a layout's error is reported as before
// when its action is not folded: a missing string fails the page that
// prints it, naming the layout's line.
func TestFoldKeepsErrors(t *testing.T) {
	r, err := New(foldTheme("x"), "https://example.org/", WithThemeName("mine"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range viewsOf(picturesSite(t)) {
		_, err := r.RenderBytes(p)
		if p.Kind == string(site.ArticlePage) {
			if err == nil || !strings.Contains(err.Error(), "mine/layouts/article.html:1:") || !strings.Contains(err.Error(), `"missing"`) {
				t.Errorf("%s: error %v, want one naming the missing string and the line", p.Path, err)
			}
		} else if err != nil {
			t.Errorf("%s: %v", p.Path, err)
		}
	}
}
