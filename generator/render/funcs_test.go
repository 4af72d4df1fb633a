package render

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/view"
)

// picturesSite has three articles: Laos in all of them, China in two,
// Singapore (too small for the map) and ASEAN in one.
func picturesSite(t testing.TB) *site.Site {
	t.Helper()
	in := func(file, date string, countries []string, orgs ...string) site.Input {
		d, err := time.Parse("2006-01-02", date)
		if err != nil {
			t.Fatal(err)
		}
		var res detect.Result
		for _, c := range countries {
			res.Countries = append(res.Countries, detect.Entity{ID: c, Mentions: 1, Primary: true})
		}
		for _, o := range orgs {
			res.Organisations = append(res.Organisations, detect.Entity{ID: o, Mentions: 1, Primary: true})
		}
		return site.Input{Article: &article.Article{File: file, Title: file, Date: d}, Detected: res}
	}
	// Two stories on Laos and China make a pair's page; b.md's tag a tag's.
	cfg := config.Default()
	cfg.Relations.MinStories = 2
	cfg.Search.Enabled = true // the search page is a page kind too
	tagged := in("b.md", "2024-07-20", []string{"LA", "CN", "SG"}, "asean")
	tagged.Article.Tags = []string{"Mekong"}
	return site.New(cfg, gazetteer.Default(), []site.Input{
		in("a.md", "2024-07-01", []string{"LA", "CN"}),
		tagged,
		in("c.md", "2024-09-02", []string{"LA"}),
	})
}

func testRenderer(t *testing.T) *Renderer {
	u, err := url.Parse("https://example.org/sub/")
	if err != nil {
		t.Fatal(err)
	}
	return &Renderer{base: u}
}

// pictureViews makes the views of picturesSite's pages, by path.
func pictureViews(t *testing.T) map[string]*view.Page {
	t.Helper()
	s := picturesSite(t)
	pages := s.Pages()
	byPath := map[string]*view.Page{}
	for i, v := range new(view.Maker).Pages(s, pages) {
		byPath[pages[i].Path] = v
	}
	return byPath
}

func TestWorldMap(t *testing.T) {
	views := pictureViews(t)
	r := testRenderer(t)
	tests := []struct {
		name string
		from any
		want []string
	}{
		{"entities", views["/countries/"].Site.Countries(), []string{
			`<a href="/sub/countries/laos/"><title>Laos: 3 articles</title><path class="c q5"`,
			`<a href="/sub/countries/china/"><title>China: 2 articles</title>`,
			`3 countries have coverage; most: Laos (3 articles), China (2 articles)`,
		}},
		// The two oldest articles: Laos and China in both, Singapore in one.
		{"articles", views["/"].Site.Articles()[1:], []string{
			`<a href="/sub/countries/laos/"><title>Laos: 2 articles</title>`,
			`3 countries have coverage`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.worldMap("Coverage", tt.from)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(got), w) {
					t.Errorf("map lacks %q", w)
				}
			}
		})
	}
	if _, err := r.worldMap("Coverage", "China"); err == nil {
		t.Error("worldmap of a string: want an error naming the type")
	}
}

func TestOffMap(t *testing.T) {
	views := pictureViews(t)
	got := offMap(views["/countries/"].Site.Countries())
	if len(got) != 1 || got[0].ID != "SG" {
		var ids []string
		for _, e := range got {
			ids = append(ids, e.ID)
		}
		t.Errorf("offMap = %v, want [SG]: Singapore is too small for the map, Laos and China are not", ids)
	}
	if got := offMap(views["/organisations/"].Site.Organisations()); len(got) != 0 {
		t.Errorf("offMap of organisations = %d entities, want none", len(got))
	}
}

func TestTimeline(t *testing.T) {
	r := testRenderer(t)
	laos := pictureViews(t)["/countries/laos/"].Entity
	html, err := r.timeline("Briefings on Laos", laos.Articles, laos.Path)
	if err != nil {
		t.Fatal(err)
	}
	got := string(html)
	for _, w := range []string{`<title id=`, `Briefings on Laos</title>`, `3 articles from`, `href="/sub/countries/laos/2024/07/`} {
		if !strings.Contains(got, w) {
			t.Errorf("timeline lacks %q:\n%s", w, got)
		}
	}
	if got, _ := r.timeline("None", nil); got != "" {
		t.Errorf("timeline of no articles = %q, want nothing", got)
	}
}

func TestRankedAndOfKind(t *testing.T) {
	r := testRenderer(t)
	laos := pictureViews(t)["/countries/laos/"].Entity
	tests := []struct {
		kind    string
		want    []string
		notWant string
	}{
		{"country", []string{`href="/sub/countries/china/"`, `China: 2`, `Singapore: 1`}, `ASEAN`},
		{"organisation", []string{`href="/sub/organisations/asean/"`, `ASEAN: 1`}, `China`},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			rel, err := ofKind(tt.kind, laos.Related)
			if err != nil {
				t.Fatal(err)
			}
			got, err := r.ranked("With Laos", rel)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(got), w) {
					t.Errorf("ranked lacks %q:\n%s", w, got)
				}
			}
			if strings.Contains(string(got), tt.notWant) {
				t.Errorf("ranked %s list has %q", tt.kind, tt.notWant)
			}
		})
	}
	if _, err := ofKind("region", laos.Related); err == nil {
		t.Error(`ofKind "region": want an error`)
	}
	got, err := r.ranked("Top", pictureViews(t)["/countries/"].Site.Countries())
	if err != nil || !strings.Contains(string(got), `Laos: 3`) {
		t.Errorf("ranked entities = %v, %s; want Laos: 3", err, got)
	}
}
