package site

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/gazetteer"
)

func TestAbsURL(t *testing.T) {
	tests := []struct{ base, path, want string }{
		{"https://example.org/", "/", "https://example.org/"},
		{"https://example.org/briefings/", "/", "https://example.org/briefings/"},
		{"https://example.org/briefings/", "/countries/laos/", "https://example.org/briefings/countries/laos/"},
		{"https://example.org/briefings/", "atom.xml", "https://example.org/briefings/atom.xml"},
	}
	for _, tt := range tests {
		cfg := config.Default()
		cfg.BaseURL = tt.base
		s := New(cfg, gazetteer.Default(), nil)
		if got := s.AbsURL(tt.path); got != tt.want {
			t.Errorf("AbsURL(%q) under %s = %q, want %q", tt.path, tt.base, got, tt.want)
		}
	}
}

func TestPageMeta(t *testing.T) {
	cfg := config.Default()
	cfg.BaseURL = "https://example.org/briefings/"
	in := input("a.md", `Talks "stall" </script><script>alert(1)`, "2024-07-26", "LA")
	in.Article.Source = "Xinhua"
	s := New(cfg, gazetteer.Default(), []Input{in, input("b.md", "Older", "2024-07-01", "CN")})
	byKind := map[PageKind][]*Page{}
	for _, p := range s.Pages() {
		byKind[p.Kind] = append(byKind[p.Kind], p)
	}
	art := byKind[ArticlePage][0]
	ld := art.NewsArticle()
	if ld == nil || ld.Headline != s.Articles[0].Title || ld.Type != "NewsArticle" ||
		ld.URL != "https://example.org/briefings"+s.Articles[0].Path || ld.DatePublished != "2024-07-26T00:00:00Z" ||
		ld.Author == nil || ld.Author.Name != "Xinhua" {
		t.Errorf("NewsArticle = %+v", ld)
	}
	b, _ := json.Marshal(ld)
	if strings.Contains(string(b), "</script") {
		t.Errorf("JSON-LD holds a closing script tag: %s", b)
	}
	if byKind[HomePage][0].NewsArticle() != nil {
		t.Error("home page has NewsArticle data")
	}

	var laos *Page
	for _, p := range byKind[EntityPage] {
		if p.Entity.Slug == "laos" {
			laos = p
		}
	}
	feeds := laos.Feeds()
	if len(feeds) != 6 || feeds[0].Path != "/countries/laos/atom.xml" || feeds[3].Path != "/atom.xml" {
		t.Errorf("entity page feeds = %+v, want its own three then the site's", feeds)
	}
	if n := len(art.Feeds()); n != 3 {
		t.Errorf("article page announces %d feeds, want the site's 3", n)
	}

	if got := byKind[HomePage][0].Updated().Format("2006-01-02"); got != "2024-07-26" {
		t.Errorf("home updated %s", got)
	}
	if got := laos.Updated().Format("2006-01-02"); got != "2024-07-26" {
		t.Errorf("Laos page updated %s", got)
	}
	if !byKind[NotFoundPage][0].Updated().IsZero() {
		t.Error("404 page has a date")
	}
}
