package view

import (
	"testing"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/site"
)

// TestFeedsPage checks the feeds page's view: every feed set the site
// writes, in order, and a view that a new story changes only when it
// brings a new entity, so that the page is not re-rendered for every
// story.
func TestFeedsPage(t *testing.T) {
	cfg := config.Default()
	in := func(file, date string, countries ...string) site.Input {
		d, _ := time.Parse("2006-01-02", date)
		var es []detect.Entity
		for _, c := range countries {
			es = append(es, detect.Entity{ID: c, Mentions: 2, Primary: true})
		}
		return site.Input{Article: &article.Article{File: file, Title: file, Date: d},
			Detected: detect.Result{Countries: es, Organisations: []detect.Entity{{ID: "asean", Mentions: 1, Primary: true}}}}
	}
	feedsPage := func(inputs ...site.Input) *Page {
		s := site.New(cfg, gazetteer.Default(), inputs)
		pages := s.Pages()
		for i, v := range new(Maker).Pages(s, pages) {
			if pages[i].Kind == site.FeedsPage {
				if pages[i].Path != site.FeedsPath {
					t.Errorf("feeds page at %s", pages[i].Path)
				}
				return v
			}
		}
		t.Fatal("the site has no feeds page")
		return nil
	}
	base := []site.Input{in("a.md", "2024-07-26", "LA"), in("b.md", "2024-07-01", "CN", "LA")}
	p := feedsPage(base...)
	var got []string
	for _, s := range p.FeedSets {
		// The site's and the digests' in [feeds] formats, lists' in
		// listFormats: RSS alone unless configured.
		switch {
		case s.Kind == "site" || s.Kind == "digests":
			if len(s.Feeds) != 3 || s.Feeds[0].Path != s.Path+site.AtomFile || s.Feeds[2].Format != "JSON Feed" {
				t.Errorf("%s: feeds %+v", s.Name, s.Feeds)
			}
		case len(s.Feeds) != 1 || s.Feeds[0].Path != s.Path+site.RSSFile || s.Feeds[0].Format != "RSS":
			t.Errorf("%s: feeds %+v", s.Name, s.Feeds)
		}
		got = append(got, s.Kind+" "+s.Path)
	}
	want := []string{"site /", "digests /digests/", "country /countries/china/", "country /countries/laos/", "organisation /organisations/asean/",
		"region /regions/asia/", "region /regions/eastern-asia/", "region /regions/south-eastern-asia/"}
	if len(got) != len(want) {
		t.Fatalf("feed sets %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("feed set %d is %q, want %q", i, got[i], want[i])
		}
	}
	if n := len(p.FeedSetsOf("country")); n != 2 {
		t.Errorf("FeedSetsOf country: %d sets, want 2", n)
	}

	same := feedsPage(append(base, in("c.md", "2024-08-01", "CN"))...)
	if Hash(same) != Hash(p) {
		t.Error("a story naming known entities changed the feeds page's view")
	}
	more := feedsPage(append(base, in("c.md", "2024-08-01", "KE"))...)
	if Hash(more) == Hash(p) {
		t.Error("a story naming a new country left the feeds page's view as it was")
	}
}

func TestSubscribe(t *testing.T) {
	cfg := config.Default()
	d, _ := time.Parse("2006-01-02", "2024-07-26")
	s := site.New(cfg, gazetteer.Default(), []site.Input{{Article: &article.Article{File: "a.md", Title: "A", Date: d},
		Detected: detect.Result{Countries: []detect.Entity{{ID: "LA", Mentions: 2, Primary: true}}}}})
	pages := s.Pages()
	views := map[string]*Page{}
	for i, v := range new(Maker).Pages(s, pages) {
		views[pages[i].Path] = v
	}
	for path, want := range map[string]string{"/": "/atom.xml", "/digests/": "/digests/atom.xml"} {
		sub := views[path].Subscribe()
		if len(sub) != 3 || sub[0].Path != want || sub[0].Format != "Atom" || sub[1].Format != "RSS" {
			t.Errorf("%s: Subscribe() = %+v, want three feeds starting with %s", path, sub, want)
		}
	}
	if sub := views["/countries/laos/"].Subscribe(); len(sub) != 1 || sub[0].Path != "/countries/laos/rss.xml" || sub[0].Format != "RSS" {
		t.Errorf("/countries/laos/: Subscribe() = %+v, want its RSS feed alone", sub)
	}
}
