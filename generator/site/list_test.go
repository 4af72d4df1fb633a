package site

import (
	"slices"
	"strings"
	"testing"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/gazetteer"
)

// subjects is an input whose countries are all main subjects, with tags.
func subjects(file, date string, countries []string, tags ...string) Input {
	in := Input{Article: &article.Article{File: file, Title: file, Date: day(date), Tags: tags}}
	for _, c := range countries {
		in.Detected.Countries = append(in.Detected.Countries, detect.Entity{ID: c, Mentions: 2, Primary: true})
	}
	return in
}

func titlesOf(as []*Article) string {
	var out []string
	for _, a := range as {
		out = append(out, a.Parsed.Title)
	}
	return strings.Join(out, " ")
}

func listPaths(ls []*List) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Path)
	}
	return out
}

// TestRegionLists files each story under the regions and subregions of its
// main subjects, and only those: a country mentioned in passing files
// nothing.
func TestRegionLists(t *testing.T) {
	mention := input("mention.md", "mention.md", "2024-07-05", "LA", "KE")
	s := New(config.Default(), gazetteer.Default(), []Input{
		subjects("beijing.md", "2024-07-01", []string{"CN"}),
		subjects("hanoi.md", "2024-07-02", []string{"VN", "CN"}),
		subjects("nairobi.md", "2024-08-03", []string{"KE"}),
		mention,
	})
	l := s.Lists()
	want := []string{"/regions/africa/", "/regions/eastern-africa/", "/regions/asia/", "/regions/eastern-asia/", "/regions/south-eastern-asia/"}
	if got := listPaths(l.Regions); !slices.Equal(got, want) {
		t.Fatalf("regions %q, want %q", got, want)
	}
	tests := []struct {
		name, titles, countries, parent, subregions string
	}{
		{"Asia", "mention.md hanoi.md beijing.md", "China Laos Vietnam", "", "Eastern Asia South-Eastern Asia"},
		{"Eastern Asia", "hanoi.md beijing.md", "China", "Asia", ""},
		{"South-Eastern Asia", "mention.md hanoi.md", "Laos Vietnam", "Asia", ""},
		{"Eastern Africa", "nairobi.md", "Kenya", "Africa", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := l.Region(tt.name)
			if r == nil {
				t.Fatal("no page")
			}
			if got := titlesOf(r.Articles); got != tt.titles {
				t.Errorf("stories %q, want %q", got, tt.titles)
			}
			var cs, subs []string
			for _, c := range r.Countries {
				cs = append(cs, c.Name)
			}
			for _, sub := range r.Subregions {
				subs = append(subs, sub.Name)
			}
			if got := strings.Join(cs, " "); got != tt.countries {
				t.Errorf("countries %q, want %q", got, tt.countries)
			}
			if got := strings.Join(subs, " "); got != tt.subregions {
				t.Errorf("subregions %q, want %q", got, tt.subregions)
			}
			if parent := r.Parent; (parent == nil) != (tt.parent == "") || parent != nil && parent.Name != tt.parent {
				t.Errorf("parent %v, want %q", parent, tt.parent)
			}
		})
	}
}

// TestRelationLists makes a page for every pair of countries both main
// subjects of at least minStories stories, named in slug order, and links
// it from both countries and from its stories.
func TestRelationLists(t *testing.T) {
	for _, tt := range []struct {
		min       int
		relations []string
	}{
		{1, []string{"/relations/china-laos/", "/relations/china-russia/", "/relations/laos-russia/"}},
		{2, []string{"/relations/china-russia/"}},
		{3, nil},
	} {
		cfg := config.Default()
		cfg.Relations.MinStories = tt.min
		s := New(cfg, gazetteer.Default(), []Input{
			subjects("a.md", "2024-07-01", []string{"RU", "CN"}),
			subjects("b.md", "2024-07-02", []string{"CN", "RU", "LA"}),
			// Laos is only mentioned: no pair.
			input("c.md", "c.md", "2024-07-03", "CN", "LA"),
		})
		l := s.Lists()
		if got := listPaths(l.Relations); !slices.Equal(got, tt.relations) {
			t.Errorf("min %d: relations %q, want %q", tt.min, got, tt.relations)
		}
		if tt.min != 2 {
			continue
		}
		rel := l.Relations[0]
		if rel.Name != "China – Russia" || titlesOf(rel.Articles) != "b.md a.md" {
			t.Errorf("relation %q with %q", rel.Name, titlesOf(rel.Articles))
		}
		for _, code := range []string{"CN", "RU"} {
			e := findEntity(s.Countries, code)
			ps := l.PartnersOf(e)
			if len(ps) != 1 || ps[0].Relation != rel || ps[0].Country == e {
				t.Errorf("%s partners %+v", code, ps)
			}
		}
		if got := l.RelationsOf(s.Articles[1]); len(got) != 1 || got[0] != rel {
			t.Errorf("b.md relations %v", got)
		}
		if got := l.RelationsOf(s.Articles[0]); len(got) != 0 {
			t.Errorf("c.md relations %v", got)
		}
	}
}

// TestTagLists gives every tag a page whose name is the oldest story's
// spelling, so that newer stories never rename it; a tag without letters
// or digits gets no page and a warning naming its file.
func TestTagLists(t *testing.T) {
	base := []Input{
		subjects("a.md", "2024-07-01", []string{"CN"}, "Trade talks"),
		subjects("b.md", "2024-07-02", []string{"CN"}, "trade-talks", "Mekong", "MEKONG"),
		subjects("c.md", "2024-07-03", []string{"CN"}, "!!!", "../..", "<script>"),
	}
	s := New(config.Default(), gazetteer.Default(), base)
	l := s.Lists()
	if got, want := listPaths(l.Tags), []string{"/tags/mekong/", "/tags/script/", "/tags/trade-talks/"}; !slices.Equal(got, want) {
		t.Fatalf("tags %q, want %q", got, want)
	}
	trade := l.Tag("TRADE TALKS")
	if trade == nil || trade.Name != "Trade talks" || titlesOf(trade.Articles) != "b.md a.md" {
		t.Errorf("trade talks: %+v", trade)
	}
	if m := l.Tag("mekong"); m == nil || titlesOf(m.Articles) != "b.md" {
		t.Errorf("mekong lists %q, want b.md once", titlesOf(m.Articles))
	}
	var warned []string
	for _, w := range s.Warnings {
		warned = append(warned, w.Error())
	}
	if len(warned) != 2 || !strings.HasPrefix(warned[0], "c.md") || !strings.Contains(warned[0], `"!!!"`) || !strings.Contains(warned[1], `"../.."`) {
		t.Errorf("warnings %q, want two naming c.md and the tags", warned)
	}
	// A newer story spelling the tag otherwise does not rename it.
	s = New(config.Default(), gazetteer.Default(), append(base, subjects("d.md", "2024-08-01", []string{"CN"}, "TRADE-TALKS")))
	if got := s.Lists().Tag("trade talks").Name; got != "Trade talks" {
		t.Errorf("after a newer story the tag reads %q", got)
	}
}

// TestListPages gives each list a front page and a page per month, which
// a newer story leaves as it was.
func TestListPages(t *testing.T) {
	cfg := config.Default()
	cfg.Relations.MinStories = 1
	old := []Input{subjects("a.md", "2024-07-01", []string{"CN", "RU"}, "energy")}
	var before []string
	for _, p := range New(cfg, gazetteer.Default(), old).Pages() {
		if p.List != nil && p.Month != nil {
			before = append(before, p.Path+" "+titlesOf(p.Month.Articles))
		}
	}
	want := []string{
		"/regions/asia/2024/07/ a.md", "/regions/eastern-asia/2024/07/ a.md",
		"/regions/europe/2024/07/ a.md", "/regions/eastern-europe/2024/07/ a.md",
		"/relations/china-russia/2024/07/ a.md", "/tags/energy/2024/07/ a.md",
	}
	if !slices.Equal(before, want) {
		t.Fatalf("month pages %q, want %q", before, want)
	}
	s := New(cfg, gazetteer.Default(), append(old, subjects("b.md", "2024-08-01", []string{"CN", "RU"}, "energy")))
	months := map[string]string{}
	for _, p := range s.Pages() {
		if p.List != nil && p.Month != nil {
			months[p.Path] = titlesOf(p.Month.Articles)
		}
		if p.Path == "/tags/energy/" && titlesOf(p.Latest) != "b.md a.md" {
			t.Errorf("tag front page lists %q", titlesOf(p.Latest))
		}
	}
	for _, w := range want {
		path, titles, _ := strings.Cut(w, " ")
		if months[path] != titles {
			t.Errorf("%s lists %q after a newer story, want %q", path, months[path], titles)
		}
	}
	if months["/tags/energy/2024/08/"] != "b.md" {
		t.Errorf("no month page for the newer story: %v", months)
	}
}

// FuzzTagPath checks that whatever a tag says, its page, if any, is one
// plain folder below /tags/.
func FuzzTagPath(f *testing.F) {
	for _, seed := range []string{"Trade talks", "../..", "a/b", "%2e%2e", "中国", "Türkiye", " ", "<script>", "a\x00b"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, tag string) {
		s := New(config.Default(), gazetteer.Default(), []Input{subjects("a.md", "2024-07-01", nil, tag)})
		for _, l := range s.Lists().Tags {
			rest, ok := strings.CutPrefix(l.Path, TagsPath)
			if !ok || !strings.HasSuffix(rest, "/") || strings.Count(rest, "/") != 1 || rest == "/" {
				t.Fatalf("tag %q: path %q", tag, l.Path)
			}
			for _, c := range strings.TrimSuffix(rest, "/") {
				if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
					t.Fatalf("tag %q: path %q", tag, l.Path)
				}
			}
		}
	})
}

// TestMembersOf lists an organisation's members by name, linked to the
// countries the site has.
func TestMembersOf(t *testing.T) {
	in := subjects("a.md", "2024-07-01", []string{"LA"})
	in.Detected.Organisations = []detect.Entity{{ID: "asean", Mentions: 1, Primary: true}}
	s := New(config.Default(), gazetteer.Default(), []Input{in})
	ms := s.MembersOf(findEntity(s.Organisations, "asean"))
	var names []string
	linked := 0
	for _, m := range ms {
		names = append(names, m.Name)
		if m.Country != nil {
			linked++
			if m.Code != "LA" {
				t.Errorf("%s linked, want only Laos", m.Name)
			}
		}
	}
	if len(ms) != 10 || linked != 1 || !slices.IsSorted(names) {
		t.Errorf("members %q, %d linked; want ASEAN's ten by name, Laos linked", names, linked)
	}
	if got := s.MembersOf(findEntity(s.Countries, "LA")); got != nil {
		t.Errorf("a country's members: %v", got)
	}
}

// TestPageFiles checks that every page's file is the one its path maps
// to, however the month pages made theirs.
func TestPageFiles(t *testing.T) {
	for _, perm := range []string{"/countries/:slug/", "nations/:slug/"} {
		cfg := config.Default()
		cfg.Relations.MinStories = 1
		cfg.Permalinks.Country = perm
		in := []Input{
			subjects("a.md", "2024-07-01", []string{"CN", "RU"}, "energy"),
			subjects("b.md", "0987-01-31", []string{"CN"}),
			subjects("c.md", "2024-12-31", []string{"RU", "LA"}, "trade"),
		}
		n, old := 0, false
		for _, p := range New(cfg, gazetteer.Default(), in).Pages() {
			old = old || strings.HasSuffix(p.Path, "/0987/01/")
			if got, want := p.File(), FileOf(p.Path); got != want {
				t.Errorf("%s: file %q, want %q", p.Path, got, want)
			}
			if p.Month != nil {
				n++
				if want := MonthPath(p.Month.Front, p.Month.Year, p.Month.Month); p.Path != want {
					t.Errorf("month page at %q, want %q", p.Path, want)
				}
			}
		}
		if n == 0 || !old {
			t.Fatalf("%d month pages, none padded to /0987/01/", n)
		}
	}
}
