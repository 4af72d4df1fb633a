package render

import (
	"html/template"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/view"
	"github.com/attache/attache/templates"
)

// TestHeadMetaMatchesTemplate checks headMeta against the template it
// replaced (testdata/meta-template.html), executed by html/template, on
// every page of a site whose text holds everything that needs escaping.
func TestHeadMetaMatchesTemplate(t *testing.T) {
	src, err := os.ReadFile("testdata/meta-template.html")
	if err != nil {
		t.Fatal(err)
	}
	theme, err := Theme(templates.FS, "", "default")
	if err != nil {
		t.Fatal(err)
	}
	for _, base := range []string{"https://example.org/", "https://example.org/a b/+x/"} {
		r, err := New(theme, base)
		if err != nil {
			t.Fatal(err)
		}
		ref := template.Must(template.New("").Funcs(r.funcs()).Parse(string(src)))
		cfg := config.Default()
		cfg.BaseURL = base
		cfg.Title = `Desk "A" & <B> + 'C'`
		cfg.Description = "Line one\nline\ttwo </script> \x00 end"
		var inputs []site.Input
		for i, title := range []string{
			`Talks in "Vientiane" & <Bangkok> + more`,
			"</script><script>alert(1)</script>",
			"Plain title",
			"Unicode \u2028 separators \u2029 and émigrés — 中文",
		} {
			inputs = append(inputs, site.Input{Article: &article.Article{
				File: "a" + string(rune('0'+i)) + ".md", Title: title,
				Date:   time.Date(2024, 7, 1+i, 10, 30, 0, 0, time.FixedZone("X", 3600*i)),
				Source: []string{"Xinhua", `A&B "News"`, "", "<i>"}[i], Dateline: "VIENTIANE",
				Lede: []string{"Lede with <b> & \"quotes\".", "", "x+y", "</script>"}[i],
				Tags: []string{"a<b", "c&d"}, Body: article.NewBody("<p>Body</p>"),
			}, Detected: detect.Result{
				Countries:     []detect.Entity{{ID: "LA", Mentions: 3, Primary: true}, {ID: "TH", Mentions: 1}, {ID: "CI", Mentions: 2, Primary: i%2 == 0}},
				Organisations: []detect.Entity{{ID: "asean", Mentions: 2, Primary: true}},
			}})
		}
		s := site.New(cfg, gazetteer.Default(), inputs)
		for _, p := range new(view.Maker).Pages(s, s.Pages()) {
			var want strings.Builder
			if err := ref.ExecuteTemplate(&want, "meta", p); err != nil {
				t.Fatal(err)
			}
			got, err := r.headMeta(p)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != want.String() {
				t.Errorf("base %s, page %s:\n got %s\nwant %s", base, p.Path, got, want.String())
			}
		}
	}
}
