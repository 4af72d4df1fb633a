package render

import (
	"fmt"
	"html/template"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/view"
	"github.com/attache/attache/templates"
)

func TestThemeOverlay(t *testing.T) {
	siteTemplates := t.TempDir()
	dir := filepath.Join(siteTemplates, "default", "layouts", "partials")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	footer := `{{define "footer"}}<footer>Desk footer override</footer>{{end}}`
	if err := os.WriteFile(filepath.Join(dir, "footer.html"), []byte(footer), 0o644); err != nil {
		t.Fatal(err)
	}
	r := siteRenderer(t, siteTemplates, "https://example.org/briefings/")
	s := picturesSite(t)
	html, err := r.RenderBytes(viewsOf(s)[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), "Desk footer override") {
		t.Error("the site's footer partial did not replace the theme's")
	}
	if !strings.Contains(string(html), `href="/briefings/archive/"`) {
		t.Error("the rest of the theme is missing or ignores the base path")
	}
}

// TestThemeMissingLayouts: a theme of its own that lacks layouts is
// refused naming every one it lacks, not one a build.
func TestThemeMissingLayouts(t *testing.T) {
	theme := fstest.MapFS{
		"layouts/baseof.html": {Data: []byte(`{{block "main" .}}{{end}}`)},
		"layouts/home.html":   {Data: []byte(`{{define "main"}}home{{end}}`)},
	}
	_, err := New(theme, "https://example.org/", WithThemeName("mine"))
	if err == nil {
		t.Fatal("a theme with one layout was accepted")
	}
	for _, kind := range PageKinds[1:] {
		if !strings.Contains(err.Error(), "layouts/"+string(kind)+".html") {
			t.Errorf("error %q does not name layouts/%s.html", err, kind)
		}
	}
	if strings.Contains(err.Error(), "layouts/home.html") {
		t.Errorf("error %q names a layout the theme has", err)
	}
	// Without baseof.html too, every missing layout is named at once.
	delete(theme, "layouts/baseof.html")
	_, err = New(theme, "https://example.org/", WithThemeName("mine"))
	if err == nil || !strings.Contains(err.Error(), "no layouts/baseof.html, layouts/article.html") {
		t.Errorf("a theme without baseof.html: %v", err)
	}
}

func TestThemeNotFound(t *testing.T) {
	if _, err := Theme(templates.FS, t.TempDir(), "nosuch"); err == nil || !strings.Contains(err.Error(), `"nosuch"`) {
		t.Errorf("err = %v, want one naming the theme", err)
	}
}

func TestBundledThemesRenderEveryKind(t *testing.T) {
	s := picturesSite(t)
	for _, name := range []string{"default", "situation"} {
		r := bundledRenderer(t, name)
		kinds := map[site.PageKind]bool{}
		for _, p := range viewsOf(s) {
			if _, err := r.RenderBytes(p); err != nil {
				t.Errorf("%s %s: %v", name, p.Path, err)
			}
			kinds[site.PageKind(p.Kind)] = true
		}
		for _, k := range PageKinds {
			if !kinds[k] {
				t.Errorf("%s: no %s page rendered", name, k)
			}
		}
	}
}

func TestTemplateErrorsNameFileAndLine(t *testing.T) {
	files := fstest.MapFS{
		"layouts/baseof.html": {Data: []byte(`<html>{{block "main" .}}{{end}}</html>`)},
	}
	for _, k := range PageKinds {
		files["layouts/"+string(k)+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}ok{{end}}`)}
	}
	files["layouts/article.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n{{.Article.Nope}}\n{{end}}")}
	files["layouts/entity.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n{{if}}\n{{end}}")}

	_, err := New(files, "https://example.org/", WithThemeName("mine"))
	if err == nil || !regexp.MustCompile(`mine/layouts/entity.html:2`).MatchString(err.Error()) {
		t.Fatalf("parse error = %v, want one at mine/layouts/entity.html:2", err)
	}
	files["layouts/entity.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}ok{{end}}`)}
	r, err := New(files, "https://example.org/", WithThemeName("mine"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range viewsOf(picturesSite(t)) {
		if p.Kind != string(site.ArticlePage) {
			continue
		}
		_, err := r.RenderBytes(p)
		if err == nil || !strings.Contains(err.Error(), "mine/layouts/article.html:2:") || !strings.Contains(err.Error(), "Nope") {
			t.Errorf("execute error = %v, want one at mine/layouts/article.html:2 naming the field", err)
		}
		return
	}
}

func TestAssetsAreFingerprinted(t *testing.T) {
	files := fstest.MapFS{
		"layouts/baseof.html":    {Data: []byte(`<link href="{{asset "css/site.css"}}">`)},
		"static/css/site.css":    {Data: []byte("body{}")},
		"static/.hidden":         {Data: []byte("x")},
		"static/img/logo.v2.svg": {Data: []byte("<svg/>")},
	}
	for _, k := range PageKinds {
		files["layouts/"+string(k)+".html"] = &fstest.MapFile{Data: []byte(``)}
	}
	r, err := New(files, "https://example.org/sub/")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range r.Assets() {
		got = append(got, a.Path)
	}
	want := regexp.MustCompile(`^/assets/css/site\.[0-9a-f]{10}\.css /assets/img/logo\.v2\.[0-9a-f]{10}\.svg$`)
	if !want.MatchString(strings.Join(got, " ")) {
		t.Errorf("assets = %v", got)
	}
	html, err := r.RenderBytes(viewsOf(picturesSite(t))[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), `href="/sub`+got[0]+`"`) {
		t.Errorf("page links %s, want the fingerprinted asset under /sub", html)
	}
}

// BenchmarkRender renders every page of a site of 200 articles with the
// default theme; the per-page cost is what a 10,000-article build pays
// 14,000 times.
func BenchmarkRender(b *testing.B) {
	gaz := gazetteer.Default()
	codes := []string{"CN", "RU", "LA", "JP", "KR", "US", "FR", "DE", "KE", "BR"}
	var inputs []site.Input
	for i := range 200 {
		var res detect.Result
		for j := range 3 {
			res.Countries = append(res.Countries, detect.Entity{ID: codes[(i+j)%len(codes)], Mentions: 3 - j, Primary: j == 0})
		}
		res.Organisations = []detect.Entity{{ID: "asean", Mentions: 2, Primary: i%2 == 0}}
		inputs = append(inputs, site.Input{Article: &article.Article{
			File: fmt.Sprintf("a%d.md", i), Title: fmt.Sprintf("Briefing number %d on regional talks", i),
			Date: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i), Source: "Xinhua", Dateline: "VIENTIANE",
			Lede: strings.Repeat("A lede sentence about the talks. ", 5),
			Body: article.NewBody(template.HTML("<p>" + strings.Repeat("Body text of a briefing with detail. ", 80) + "</p>")),
		}, Detected: res})
	}
	s := site.New(config.Default(), gaz, inputs)
	theme, err := Theme(templates.FS, "", "default")
	if err != nil {
		b.Fatal(err)
	}
	r, err := New(theme, "https://example.org/")
	if err != nil {
		b.Fatal(err)
	}
	byKind := map[site.PageKind][]*view.Page{}
	for _, p := range viewsOf(s) {
		byKind[site.PageKind(p.Kind)] = append(byKind[site.PageKind(p.Kind)], p)
	}
	for _, kind := range PageKinds {
		pages := byKind[kind]
		b.Run(string(kind), func(b *testing.B) {
			for range b.N {
				for _, p := range pages {
					if _, err := r.RenderBytes(p); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(pages)), "µs/page")
		})
	}
}

func TestThemeExtends(t *testing.T) {
	siteTemplates := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(siteTemplates, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("desk/theme.toml", `extends = "situation"`)
	write("desk/layouts/partials/footer.html", `{{define "footer"}}<footer>Desk</footer>{{end}}`)
	theme, err := Theme(templates.FS, siteTemplates, "desk")
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(theme, "https://example.org/", WithThemeName("desk"))
	if err != nil {
		t.Fatal(err)
	}
	html, err := r.RenderBytes(viewsOf(picturesSite(t))[0])
	if err != nil {
		t.Fatal(err)
	}
	// The footer is the site's, the stylesheet situation's, and the
	// layouts situation does not replace come from default.
	for _, want := range []string{"<footer>Desk</footer>", `class="skip"`} {
		if !strings.Contains(string(html), want) {
			t.Errorf("page lacks %q", want)
		}
	}
	sit, _ := templates.FS.ReadFile("situation/static/css/main.css")
	var css []byte
	for _, a := range r.Assets() {
		if a.Name == "css/main.css" {
			css = a.Data
		}
	}
	if string(css) != string(sit) {
		t.Error("the stylesheet is not situation's")
	}

	// theme.toml's errors name its file and line.
	write("loop/theme.toml", `extends = "loop2"`)
	write("loop2/theme.toml", "# the second\nextends = \"loop\"")
	for _, tt := range []struct{ theme, want string }{
		{"loop", siteTemplates + `/loop2/theme.toml:2: themes extend each other: loop extends loop2 extends loop`},
		{"typo", siteTemplates + `/typo/theme.toml:2: unknown key "extend" (theme.toml has extends)`},
		{"nosuch", siteTemplates + `/nosuch/theme.toml:1: extends "missing": theme "missing" not found`},
		{"outside", siteTemplates + `/outside/theme.toml:1: extends "../../etc": want the name of a theme, a folder of templates/`},
	} {
		switch tt.theme {
		case "typo":
			write("typo/theme.toml", "# mine\nextend = \"default\"")
		case "nosuch":
			write("nosuch/theme.toml", `extends = "missing"`)
		case "outside":
			write("outside/theme.toml", `extends = "../../etc"`)
		}
		if _, err := Theme(templates.FS, siteTemplates, tt.theme); err == nil || err.Error() != tt.want {
			t.Errorf("theme %s: %v\nwant %s", tt.theme, err, tt.want)
		}
	}
}

// viewsOf makes the views of every page of s.
func viewsOf(s *site.Site) []*view.Page {
	return new(view.Maker).Pages(s, s.Pages())
}

func TestURL(t *testing.T) {
	for _, tc := range []struct{ base, path, want string }{
		{"https://example.org/", "/countries/laos/", "/countries/laos/"},
		{"https://example.org/", "countries/laos/", "/countries/laos/"},
		{"https://example.org/", "", "/"},
		{"https://example.org/", "/", "/"},
		{"https://example.org", "/archive/", "/archive/"},
		{"https://example.org/briefings/", "/countries/laos/", "/briefings/countries/laos/"},
		{"https://example.org/briefings", "archive/", "/briefings/archive/"},
		{"https://example.org/briefings/", "/", "/briefings/"},
	} {
		u, err := url.Parse(tc.base)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		r := &Renderer{base: u}
		if got := r.URL(tc.path); got != tc.want {
			t.Errorf("base %s: URL(%q) = %q, want %q", tc.base, tc.path, got, tc.want)
		}
	}
}
