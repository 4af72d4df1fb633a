package site

import (
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/gazetteer"
)

// withOrgs adds detected organisations to an input.
func withOrgs(in Input, ids ...string) Input {
	for _, id := range ids {
		in.Detected.Organisations = append(in.Detected.Organisations, detect.Entity{ID: id, Mentions: 2, Primary: true})
	}
	return in
}

// primaries marks every detected country of in as a subject.
func primaries(in Input) Input {
	for i := range in.Detected.Countries {
		in.Detected.Countries[i].Primary = true
	}
	return in
}

func digestSite(t *testing.T) *Site {
	t.Helper()
	cfg := config.Default()
	return New(cfg, gazetteer.Default(), []Input{
		// Week 2024-W28: one story.
		input("w28.md", "Lao railway", "2024-07-10", "LA"),
		// Week 2024-W29 has nothing.
		// Week 2024-W30: three stories.
		primaries(input("w30a.md", "China and Russia talk", "2024-07-26", "CN", "RU")),
		withOrgs(input("w30b.md", "ASEAN meets in Vientiane", "2024-07-27", "LA", "CN"), "asean"),
		input("w30c.md", "UN budget", "2024-07-22"),
		// Week 2024-W31.
		input("w31.md", "Brazil hosts G20", "2024-08-01", "BR"),
	})
}

func keys(ds []*Digest) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Period.Key())
	}
	return out
}

func TestDigests(t *testing.T) {
	s := digestSite(t)
	ds, err := s.Digests(Weekly, DigestFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(keys(ds), " "), "2024-w31 2024-w30 2024-w28"; got != want {
		t.Fatalf("digests = %s, want %s (newest first, the empty week skipped)", got, want)
	}
	w30 := ds[1]
	if w30.Path != "/digests/2024-w30/" {
		t.Errorf("path = %q", w30.Path)
	}
	// Prev and next jump over the empty week 29.
	if w30.Prev != ds[2] || w30.Next != ds[0] || ds[2].Prev != nil || ds[0].Next != nil {
		t.Errorf("prev/next chain wrong: prev=%v next=%v", w30.Prev, w30.Next)
	}
	var titles []string
	for _, a := range w30.Articles {
		titles = append(titles, a.Parsed.Title)
	}
	if got, want := strings.Join(titles, "; "), "UN budget; China and Russia talk; ASEAN meets in Vientiane"; got != want {
		t.Errorf("articles = %s, want oldest first %s", got, want)
	}

	// Sections by region, alphabetical, International last; the China and
	// Russia story is filed once, under China, and cross-referenced under
	// Russia.
	var layout []string
	for _, sec := range w30.Sections() {
		for _, g := range sec.Groups {
			name := "-"
			if g.Country != nil {
				name = g.Country.Name
			}
			var items []string
			for _, a := range g.Articles {
				items = append(items, a.Parsed.Title)
			}
			for _, x := range g.SeeAlso {
				items = append(items, "see "+x.Article.Parsed.Title+" under "+x.Under.Name)
			}
			layout = append(layout, sec.Region+"/"+name+": "+strings.Join(items, ", "))
		}
	}
	want := []string{
		"Eastern Asia/China: China and Russia talk",
		"Eastern Europe/Russia: see China and Russia talk under China",
		"South-Eastern Asia/Laos: ASEAN meets in Vientiane",
		"International/-: UN budget",
	}
	if strings.Join(layout, "\n") != strings.Join(want, "\n") {
		t.Errorf("sections:\n%s\nwant:\n%s", strings.Join(layout, "\n"), strings.Join(want, "\n"))
	}
}

func TestDigestGlance(t *testing.T) {
	s := digestSite(t)
	ds, _ := s.Digests(Weekly, DigestFilter{})
	w30, w31 := ds[1], ds[0]
	// The week before week 30 is the empty week 29, not week 28: Laos
	// rises from 0, not from 1.
	g := w30.Glance()
	if g.Articles != 3 || g.PrevArticles != 0 || g.Delta() != "+3" {
		t.Errorf("week 30 glance: %d articles, %d before, %s", g.Articles, g.PrevArticles, g.Delta())
	}
	if len(g.Countries) == 0 || g.Countries[0].Entity.Name != "China" || g.Countries[0].Count != 2 {
		t.Fatalf("top country = %+v, want China with 2", g.Countries)
	}
	for _, tr := range g.Countries {
		if tr.Entity.Name == "Laos" && (tr.Count != 1 || tr.Prev != 0) {
			t.Errorf("Laos trend = %d (prev %d), want 1 (prev 0)", tr.Count, tr.Prev)
		}
	}
	if len(g.Organisations) != 1 || g.Organisations[0].Entity.ID != "asean" {
		t.Errorf("organisations = %+v", g.Organisations)
	}
	// Week 31 against week 30: China falls from 2 to nothing, Brazil is new.
	g = w31.Glance()
	if g.Delta() != "−2" || g.Countries[0].Entity.Name != "Brazil" || g.Countries[0].Delta() != "+1" {
		t.Errorf("week 31 glance: %s, %+v", g.Delta(), g.Countries)
	}
}

func TestDigestFilters(t *testing.T) {
	s := digestSite(t)
	tests := []struct {
		name   string
		f      DigestFilter
		want   string // period keys, newest first
		topic  string
		titles string // of the first digest
		err    string
	}{
		{name: "country by slug", f: DigestFilter{Country: "laos"}, want: "2024-w30 2024-w28", topic: "Laos", titles: "ASEAN meets in Vientiane"},
		{name: "country by code", f: DigestFilter{Country: "cn"}, want: "2024-w30", topic: "China", titles: "China and Russia talk; ASEAN meets in Vientiane"},
		{name: "region by subregion", f: DigestFilter{Region: "eastern asia"}, want: "2024-w30", topic: "Eastern Asia", titles: "China and Russia talk; ASEAN meets in Vientiane"},
		{name: "region by UN region", f: DigestFilter{Region: "Americas"}, want: "2024-w31", topic: "Americas", titles: "Brazil hosts G20"},
		{name: "organisation by acronym", f: DigestFilter{Organisation: "ASEAN"}, want: "2024-w30", topic: "ASEAN", titles: "ASEAN meets in Vientiane"},
		{name: "filters combine", f: DigestFilter{Country: "laos", Organisation: "asean"}, want: "2024-w30", topic: "Laos, ASEAN", titles: "ASEAN meets in Vientiane"},
		{name: "unknown country", f: DigestFilter{Country: "atlantis"}, err: `country "atlantis": no such country; use a name, code or slug, such as "brazil"`},
		{name: "a country's name mistyped", f: DigestFilter{Country: "Loas"}, err: `country "Loas": no such country (did you mean "Laos"?)`},
		// The names front matter takes, as the gazetteer knows them.
		{name: "country by alpha-3", f: DigestFilter{Country: "LAO"}, want: "2024-w30 2024-w28", topic: "Laos", titles: "ASEAN meets in Vientiane"},
		{name: "country without briefings", f: DigestFilter{Country: "Türkiye"}, err: `country "Türkiye" (Turkey): no briefing is about it`},
		{name: "unknown region", f: DigestFilter{Region: "Middle Earth"}, err: `region "Middle Earth"`},
		{name: "unknown organisation", f: DigestFilter{Organisation: "spectre"}, err: `organisation "spectre": no such organisation; use an id, acronym or name, such as`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := s.Digests(Weekly, tt.f)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one naming %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(keys(ds), " "); got != tt.want {
				t.Fatalf("digests = %s, want %s", got, tt.want)
			}
			d := ds[0]
			if d.Topic != tt.topic || !strings.HasPrefix(d.Title(), tt.topic+" · ") {
				t.Errorf("topic = %q, title %q; want %q", d.Topic, d.Title(), tt.topic)
			}
			if d.Path != "" {
				t.Errorf("filtered digest has site path %q; the site publishes only unfiltered ones", d.Path)
			}
			var titles []string
			for _, a := range d.Articles {
				titles = append(titles, a.Parsed.Title)
			}
			if got := strings.Join(titles, "; "); got != tt.titles {
				t.Errorf("articles = %s, want %s", got, tt.titles)
			}
		})
	}
	// A regional digest files the China–Russia story under China only and
	// counts only the region's countries at a glance.
	ds, _ := s.Digests(Weekly, DigestFilter{Region: "Eastern Asia"})
	for _, sec := range ds[0].Sections() {
		if sec.Region != "Eastern Asia" {
			t.Errorf("regional digest has a %s section", sec.Region)
		}
	}
	for _, tr := range ds[0].Glance().Countries {
		if tr.Entity.Name == "Russia" || tr.Entity.Name == "Laos" {
			t.Errorf("regional glance counts %s", tr.Entity.Name)
		}
	}
}

func TestDigestAt(t *testing.T) {
	s := digestSite(t)
	tests := []struct {
		kind       PeriodKind
		date, want string
		err        string
	}{
		{Weekly, "", "2024-w31", ""},
		{Weekly, "2024-07-28", "2024-w30", ""},
		{Daily, "2024-07-26", "2024-07-26", ""},
		{Monthly, "2024-07-01", "2024-07", ""},
		{Weekly, "2024-07-17", "", "no articles in Week 29, 2024"},
		{Weekly, "26/07/2024", "", "want YYYY-MM-DD"},
	}
	for _, tt := range tests {
		d, err := s.DigestAt(tt.kind, DigestFilter{}, tt.date)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("DigestAt(%s, %q) err = %v, want %q", tt.kind, tt.date, err, tt.err)
			}
			continue
		}
		if err != nil || d.Period.Key() != tt.want {
			t.Errorf("DigestAt(%s, %q) = %v, %v; want %s", tt.kind, tt.date, d, err, tt.want)
		}
	}
	// Only the configured period is published on the site.
	if d, _ := s.DigestAt(Daily, DigestFilter{}, "2024-07-26"); d.Path != "" {
		t.Errorf("daily digest of a weekly site has path %q", d.Path)
	}
}

func TestDigestPages(t *testing.T) {
	s := digestSite(t)
	var list *Page
	var paths []string
	for _, p := range s.Pages() {
		switch p.Kind {
		case DigestsPage:
			list = p
		case DigestPage:
			paths = append(paths, p.Path)
		}
	}
	if list == nil || len(list.Digests) != 3 {
		t.Fatalf("digest list page = %+v", list)
	}
	if got := strings.Join(paths, " "); got != "/digests/2024-w31/ /digests/2024-w30/ /digests/2024-w28/" {
		t.Errorf("digest pages = %s", got)
	}
}

// TestDigestsAcrossZones: a period goes by the date written in each story's
// own zone, so that a later instant can fall in an earlier period (Sunday
// evening in New York is Monday in Paris): digests are still listed and
// linked by period, newest first.
func TestDigestsAcrossZones(t *testing.T) {
	ny, paris := time.FixedZone("EDT", -4*3600), time.FixedZone("CEST", 2*3600)
	at := func(file string, d time.Time) Input {
		return Input{Article: &article.Article{File: file, Title: file, Date: d}}
	}
	s := New(config.Default(), gazetteer.Default(), []Input{
		at("paris.md", time.Date(2024, 9, 11, 0, 10, 0, 0, paris)),
		at("new-york.md", time.Date(2024, 9, 10, 23, 30, 0, 0, ny)),
	})
	ds, err := s.Digests(Daily, DigestFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(keys(ds), " "), "2024-09-11 2024-09-10"; got != want {
		t.Fatalf("digests = %s, want %s", got, want)
	}
	if ds[0].Prev != ds[1] || ds[1].Next != ds[0] {
		t.Errorf("the 11th's previous is %v, the 10th's next %v", ds[0].Prev.Period.Key(), ds[1].Next.Period.Key())
	}
}
