package view

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/site"
)

func TestPageHead(t *testing.T) {
	cfg := config.Default()
	cfg.BaseURL = "https://example.org/briefings/"
	in := func(file, title, date, country string) site.Input {
		d, _ := time.Parse("2006-01-02", date)
		return site.Input{Article: &article.Article{File: file, Title: title, Date: d, Source: "Xinhua"},
			Detected: detect.Result{Countries: []detect.Entity{{ID: country, Mentions: 2, Primary: true}}}}
	}
	s := site.New(cfg, gazetteer.Default(), []site.Input{
		in("a.md", `Talks "stall" </script><script>alert(1)`, "2024-07-26", "LA"),
		in("b.md", "Older", "2024-07-01", "CN"),
	})
	pages := s.Pages()
	views := map[string]*Page{}
	for i, v := range new(Maker).Pages(s, pages) {
		views[pages[i].Path] = v
	}
	art := views[s.Articles[0].Path]
	ld := art.NewsArticle()
	if ld == nil || ld.Headline != s.Articles[0].Parsed.Title || ld.Type != "NewsArticle" ||
		ld.URL != "https://example.org/briefings"+s.Articles[0].Path || ld.DatePublished != "2024-07-26T00:00:00Z" ||
		ld.Author == nil || ld.Author.Name != "Xinhua" || len(ld.About) != 1 || ld.About[0].URL != "https://example.org/briefings/countries/laos/" {
		t.Errorf("NewsArticle = %+v", ld)
	}
	b, _ := json.Marshal(ld)
	if strings.Contains(string(b), "</script") {
		t.Errorf("JSON-LD holds a closing script tag: %s", b)
	}
	if views["/"].NewsArticle() != nil {
		t.Error("home page has NewsArticle data")
	}
	tests := []struct {
		path, first string
		n           int
	}{
		{s.Articles[0].Path, "/atom.xml", 3},
		{"/countries/laos/", "/countries/laos/rss.xml", 4},
		{"/countries/laos/2024/07/", "/countries/laos/rss.xml", 4},
		{"/digests/", "/digests/atom.xml", 6},
		{"/archive/2024/07/", "/atom.xml", 3},
	}
	for _, tt := range tests {
		feeds := views[tt.path].Feeds()
		if len(feeds) != tt.n || feeds[0].Path != tt.first || feeds[len(feeds)-3].Path != "/atom.xml" {
			t.Errorf("%s announces %+v, want %d feeds starting with %s and ending with the site's", tt.path, feeds, tt.n, tt.first)
		}
	}
	if got := views["/countries/laos/"].Feeds()[0]; got.Kind != "country" || got.Name != "Laos" {
		t.Errorf("Laos feed: kind %q, name %q", got.Kind, got.Name)
	}
	if got := views["/digests/"].Feeds()[0]; got.Kind != "digests" || got.Name != "" {
		t.Errorf("digests feed: kind %q, name %q", got.Kind, got.Name)
	}
}
