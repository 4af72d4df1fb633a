package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/view"
)

// TestPartialCached checks what partialCached reuses: per article for an
// article, per build of the site and per variant for a page.
func TestPartialCached(t *testing.T) {
	siteTemplates := t.TempDir()
	dir := filepath.Join(siteTemplates, "default", "layouts", "partials")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	probe := `{{define "probe"}}{{.Title}}|{{.Kind}}{{end}}{{define "title"}}{{.Title}}{{end}}` +
		`{{define "loop"}}<div>{{partialCached "loop" .}}</div>{{end}}`
	if err := os.WriteFile(filepath.Join(dir, "probe.html"), []byte(probe), 0o644); err != nil {
		t.Fatal(err)
	}
	r := siteRenderer(t, siteTemplates, "https://example.org/")
	newSite := func(titles ...string) map[string]*view.Page {
		var inputs []site.Input
		for i, title := range titles {
			inputs = append(inputs, site.Input{Article: &article.Article{
				File: title + ".md", Title: title, Date: time.Date(2024, 1, 1+i, 0, 0, 0, 0, time.UTC),
			}})
		}
		byTitle := map[string]*view.Page{}
		s := site.New(config.Default(), gazetteer.Default(), inputs)
		for _, p := range new(view.Maker).Pages(s, s.Pages()) {
			byTitle[p.Title] = p
		}
		return byTitle
	}
	first, second := newSite("A", "B"), newSite("C")
	home := first[config.Default().Title]
	call := func(data any, variants ...any) string {
		t.Helper()
		name := "probe"
		if _, ok := data.(*view.Article); ok {
			name = "title"
		}
		html, err := r.partialCached(name, data, variants...)
		if err != nil {
			t.Fatal(err)
		}
		return string(html)
	}
	for _, tt := range []struct {
		name string
		got  string
		want string
	}{
		{"first call renders", call(first["A"], first["A"].Kind), "A|article"},
		{"same variant, same site: cached", call(first["B"], first["B"].Kind), "A|article"},
		{"other variant renders", call(home, home.Kind), home.Title + "|home"},
		{"a number and a string are different variants", call(first["B"], 1), "B|article"},
		{"the string variant is cached apart", call(first["A"], "1"), "A|article"},
		{"another build of the site renders", call(second["C"], second["C"].Kind), "C|article"},
		{"articles are cached each", call(first["B"].Article), "B"},
		{"another article renders", call(first["A"].Article), "A"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	// A partial that calls itself is an error said once, not a crash:
	// each call is a template execution of its own, whose depth
	// text/template does not bound.
	for _, data := range []any{first["A"].Article, home} {
		_, err := r.partialCached("loop", data)
		if err == nil || !strings.Contains(err.Error(), `partialCached "loop": it is rendered within itself`) || strings.Count(err.Error(), "partialCached") > 3 {
			t.Errorf("a partial calling itself with %T: %.300v", data, err)
		}
	}
	for _, bad := range [][]any{{first["A"].Article, "variant"}, {"a string"}, {(*view.Page)(nil)}} {
		if _, err := r.partialCached("probe", bad[0], bad[1:]...); err == nil || !strings.Contains(err.Error(), "partialCached") {
			t.Errorf("partialCached(%T, %v): err = %v, want an error naming partialCached", bad[0], bad[1:], err)
		}
	}
}
