package site

import (
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

func TestPageUpdated(t *testing.T) {
	cfg := config.Default()
	cfg.BaseURL = "https://example.org/briefings/"
	in := input("a.md", "Talks", "2024-07-26", "LA")
	s := New(cfg, gazetteer.Default(), []Input{in, input("b.md", "Older", "2024-07-01", "CN")})
	byKind := map[PageKind][]*Page{}
	for _, p := range s.Pages() {
		byKind[p.Kind] = append(byKind[p.Kind], p)
	}
	var laos *Page
	for _, p := range byKind[EntityPage] {
		if p.Entity.Slug == "laos" {
			laos = p
		}
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

// TestAbsURLMatchesURLPackage checks the string join of plain paths against
// net/url for bases with and without a subpath, a port, and odd paths.
func TestAbsURLMatchesURLPackage(t *testing.T) {
	bases := []string{"https://example.org/", "https://example.org", "https://example.org/briefings/", "http://localhost:1313/a/b",
		"https://example.org/sp%20ace/", "https://example.org/?q=1"}
	paths := []string{"/", "", "/countries/laos/", "countries/laos/", "/articles/2024/07/a-b_c/", "/a b/", "/ü/", "/a/../b/",
		"/./x", "//x", "/a.b/c.html", "/.well-known/x", "/sitemap-1.xml", "/a?b", "/a#b", "/%41/"}
	for _, base := range bases {
		cfg := config.Default()
		cfg.BaseURL = base
		s := &Site{Config: cfg}
		for _, p := range paths {
			if got, want := s.AbsURL(p), absURL(base, p); got != want {
				t.Errorf("base %q: AbsURL(%q) = %q, want %q", base, p, got, want)
			}
		}
	}
}
