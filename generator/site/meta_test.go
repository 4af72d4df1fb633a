package site

import (
	"fmt"
	"testing"
	"time"

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

// TestPageUpdatedMatchesScan checks that every page's date, read off the
// ends of its sorted lists, is what a scan of everything it shows finds:
// the newest date, the first among equals, over dates in several zones
// with ties.
func TestPageUpdatedMatchesScan(t *testing.T) {
	east, west := time.FixedZone("E", 3*3600), time.FixedZone("W", -5*3600)
	var inputs []Input
	for i := range 40 {
		in := input(fmt.Sprintf("%02d.md", i), fmt.Sprintf("Story %d", i), "2024-07-01", []string{"LA", "CN", "FR"}[i%3])
		zone := []*time.Location{time.UTC, east, west}[i%3]
		// Pairs of stories share an instant, written in different zones.
		in.Article.Date = time.Date(2024, 6, 20, 12, 0, 0, 0, time.UTC).Add(time.Duration(i/2) * 31 * time.Hour).In(zone)
		inputs = append(inputs, in)
	}
	// Two stories whose months are out of the order of their instants
	// (see byMonth): the later instant is written on 30 November.
	for i, date := range []string{"2024-11-30T23:00:00-10:00", "2024-12-01T05:00:00+13:00"} {
		in := input(fmt.Sprintf("straddle-%d.md", i), fmt.Sprintf("Straddle %d", i), "2024-07-01", "LA")
		in.Article.Date, _ = time.Parse(time.RFC3339, date)
		inputs = append(inputs, in)
	}
	cfg := config.Default()
	cfg.Digests.Period = "week"
	s := New(cfg, gazetteer.Default(), inputs)
	scan := func(as []*Article) time.Time {
		var t time.Time
		for _, a := range as {
			if a.Date.After(t) {
				t = a.Date
			}
		}
		return t
	}
	for _, p := range s.Pages() {
		var want time.Time
		switch {
		case p.Article != nil:
			want = p.Article.Date
		case p.Month != nil:
			want = scan(p.Month.Articles)
		case p.Digest != nil:
			want = scan(p.Digest.Articles)
		case p.Latest != nil && p.Kind != HomePage:
			want = scan(p.Latest)
		case p.Year != nil:
			var shown []*Article
			for _, m := range p.Year.Months {
				shown = append(shown, m.Articles...)
			}
			want = scan(shown)
		case p.Kind == NotFoundPage:
		default:
			want = scan(s.Articles)
		}
		if got := p.Updated(); got.Format(time.RFC3339Nano) != want.Format(time.RFC3339Nano) {
			t.Errorf("%s page %s: Updated %s, a scan finds %s", p.Kind, p.Path, got.Format(time.RFC3339), want.Format(time.RFC3339))
		}
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
