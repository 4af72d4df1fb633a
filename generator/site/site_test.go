package site

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/gazetteer"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"China, Russia can maintain communication", "china-russia-can-maintain-communication"},
		{"Türkiye's FM visits São Paulo", "turkiyes-fm-visits-sao-paulo"},
		{"  --G20: hunger -- alliance!  ", "g20-hunger-alliance"},
		{"../../etc/passwd", "etc-passwd"},
		{"日本", ""},
		{strings.Repeat("word ", 40), strings.TrimSuffix(strings.Repeat("word-", 16), "-")},
	}
	for _, tt := range tests {
		if got := Slugify(tt.in); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func input(file, title, date string, countries ...string) Input {
	in := Input{Article: &article.Article{File: file, Title: title, Date: day(date)}}
	for i, c := range countries {
		in.Detected.Countries = append(in.Detected.Countries, detect.Entity{ID: c, Mentions: 2, Primary: i == 0})
	}
	return in
}

func TestNew(t *testing.T) {
	cfg := config.Default()
	cfg.Paginate = 2
	s := New(cfg, gazetteer.Default(), []Input{
		input("b.txt", "Same title", "2024-07-26", "CN", "RU"),
		input("a.txt", "Same title", "2024-07-26", "CN"),
		input("c.md", "Older story", "2024-06-01", "LA"),
		input("d.md", "Newest", "2024-08-02", "CN"),
	})
	var paths []string
	for _, a := range s.Articles {
		paths = append(paths, a.Path)
	}
	want := []string{
		"/articles/2024/08/newest/",
		"/articles/2024/07/same-title/",   // a.txt sorts before b.txt on the same day
		"/articles/2024/07/same-title-2/", // and keeps the plain slug on every build
		"/articles/2024/06/older-story/",
	}
	if strings.Join(paths, " ") != strings.Join(want, " ") {
		t.Errorf("paths = %v, want %v", paths, want)
	}
	if s.Articles[0].Newer != nil || s.Articles[0].Older != s.Articles[1] || s.Articles[3].Older != nil {
		t.Error("chronology links are wrong")
	}
	var names []string
	for _, e := range s.Countries {
		names = append(names, e.Name+"/"+e.Slug)
	}
	if got := strings.Join(names, " "); got != "China/china Laos/laos Russia/russia" {
		t.Errorf("countries = %s", got)
	}
	cn := s.Countries[0]
	if cn.Count() != 3 || cn.PrimaryCount != 3 || cn.Path != "/countries/china/" {
		t.Errorf("China: count %d, primary %d, path %s", cn.Count(), cn.PrimaryCount, cn.Path)
	}
	ru := s.Countries[2]
	if ru.PrimaryCount != 0 || s.Articles[2].PrimaryFor(ru) {
		t.Error("Russia is only mentioned, yet marked primary")
	}
	if len(cn.Related) != 1 || cn.Related[0].Entity != ru || cn.Related[0].Shared != 1 {
		t.Errorf("China related = %+v", cn.Related)
	}

	pages := map[string]*Page{}
	for _, p := range s.Pages() {
		if pages[p.Path] != nil {
			t.Errorf("two pages at %s", p.Path)
		}
		pages[p.Path] = p
	}
	for _, p := range []string{"/", "/archive/", "/archive/2024/", "/archive/2024/07/", "/404.html", "/countries/", "/organisations/",
		"/countries/china/", "/countries/china/2024/08/", "/countries/china/2024/07/", "/countries/laos/", "/countries/laos/2024/06/"} {
		if pages[p] == nil {
			t.Errorf("no page at %s", p)
		}
	}
	// The front page shows the newest stories; every story lives on its
	// month's page too, and no numbered page shifts with new stories.
	if latest := pages["/countries/china/"].Latest; len(latest) != 2 || latest[0].Parsed.Title != "Newest" {
		t.Errorf("China front page = %+v", latest)
	}
	if got := pages["/countries/china/"].Months; len(got) != 2 || got[0].Path != "/countries/china/2024/08/" || got[0].Count != 1 || got[1].Count != 2 || got[1].Label != "July 2024" {
		t.Errorf("China months = %+v", got)
	}
	july := pages["/countries/china/2024/07/"].Month
	if len(july.Articles) != 2 || july.Newer == nil || july.Newer.Path != "/countries/china/2024/08/" || july.Older != nil {
		t.Errorf("China July = %+v", july)
	}
	if pages["/countries/china/page/2/"] != nil {
		t.Error("a numbered page, whose stories would shift as new ones arrive")
	}
	if got := pages["/404.html"].File(); got != "404.html" {
		t.Errorf("404 file = %s", got)
	}
	if got := pages["/countries/laos/"].File(); got != "countries/laos/index.html" {
		t.Errorf("laos file = %s", got)
	}
}

func TestFilenamePermalink(t *testing.T) {
	cfg := config.Default()
	cfg.Permalinks.Article = "/:year/:filename/"
	s := New(cfg, gazetteer.Default(), []Input{
		input("wire/2024-07-26-xinhua-laos.txt", "First headline", "2024-07-26"),
		input("other/xinhua-laos.md", "Another", "2024-07-27"),
		input("000_2eb7c8a4b189c9ff.txt", "The seed", "2024-07-26"),
		input("2024-07-28.md", "Only a date", "2024-07-28"),
	})
	var got []string
	for _, a := range s.Articles {
		got = append(got, a.Path)
	}
	// The same name in two folders: the newer story takes the suffix, so
	// the older keeps its URL; a file name that is only a date falls back
	// to "article".
	want := []string{"/2024/article/", "/2024/xinhua-laos-2/", "/2024/000-2eb7c8a4b189c9ff/", "/2024/xinhua-laos/"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("paths = %v, want %v", got, want)
	}
}

func TestFrontMatterEntities(t *testing.T) {
	in := input("a.md", "Talks", "2024-07-26", "CN", "FR")
	in.Article.Countries = []string{"Laos", "atlantis"}
	in.Article.ExcludeCountries = []string{"France"}
	in.Article.Organisations = []string{"ASEAN"}
	s := New(config.Default(), gazetteer.Default(), []Input{in})
	a := s.Articles[0]
	var got []string
	for _, r := range a.Countries {
		got = append(got, r.Entity.ID)
		if r.Entity.ID == "LA" && !r.Primary {
			t.Error("a country named in front matter is not primary")
		}
	}
	if strings.Join(got, ",") != "CN,LA" {
		t.Errorf("countries = %v, want CN,LA (France excluded, Laos added)", got)
	}
	if len(a.Organisations) != 1 || a.Organisations[0].Entity.ID != "asean" {
		t.Errorf("organisations = %+v", a.Organisations)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0].Error(), `"atlantis"`) || !strings.Contains(s.Warnings[0].Error(), "a.md") {
		t.Errorf("warnings = %v, want one naming a.md and atlantis", s.Warnings)
	}
}

// TestMonthsGoByWrittenDate checks that a story's month, on every list
// and in the archive, is the month its date is written in, though the
// lists are ordered by instant: the story dated 31 December in Honolulu is
// a later instant than the one dated 1 January in Kiribati.
func TestMonthsGoByWrittenDate(t *testing.T) {
	at := func(file, title, date string) Input {
		d, err := time.Parse(time.RFC3339, date)
		if err != nil {
			t.Fatal(err)
		}
		in := input(file, title, "2000-01-01", "LA")
		in.Article.Date = d
		return in
	}
	s := New(config.Default(), gazetteer.Default(), []Input{
		at("a.md", "Honolulu", "2024-12-31T23:00:00-10:00"),
		at("b.md", "Kiribati", "2025-01-01T05:00:00+13:00"),
		at("c.md", "Paris", "2024-12-31T12:00:00+01:00"),
		at("d.md", "Lima", "2025-01-02T08:00:00-05:00"),
	})
	if got := []string{s.Articles[0].Parsed.Title, s.Articles[1].Parsed.Title, s.Articles[2].Parsed.Title}; got[1] != "Honolulu" || got[2] != "Kiribati" {
		t.Fatalf("articles by instant = %v, want Honolulu before Kiribati", got)
	}
	months := map[string][]string{}
	for _, p := range s.Pages() {
		if p.Month == nil {
			continue
		}
		if _, dup := months[p.Path]; dup {
			t.Errorf("two pages at %s", p.Path)
		}
		for _, a := range p.Month.Articles {
			months[p.Path] = append(months[p.Path], a.Parsed.Title)
		}
	}
	for path, want := range map[string]string{
		"/archive/2024/12/":        "Honolulu Paris",
		"/archive/2025/01/":        "Lima Kiribati",
		"/countries/laos/2024/12/": "Honolulu Paris",
		"/countries/laos/2025/01/": "Lima Kiribati",
		"/regions/asia/2024/12/":   "Honolulu Paris",
		"/regions/asia/2025/01/":   "Lima Kiribati",
	} {
		if got := strings.Join(months[path], " "); got != want {
			t.Errorf("%s lists %q, want %q", path, got, want)
		}
	}
	for _, p := range s.Pages() {
		if p.Path == "/archive/2024/" && (p.Year == nil || p.Year.Count != 2) {
			t.Errorf("the 2024 page counts %+v, want Honolulu and Paris", p.Year)
		}
	}
}

func TestArchive(t *testing.T) {
	s := New(config.Default(), gazetteer.Default(), []Input{
		input("a", "A", "2024-01-03"), input("b", "B", "2023-12-30"), input("c", "C", "2023-12-01"), input("d", "D", "2023-11-11"),
	})
	archive := map[string]*Page{}
	for _, p := range s.Pages() {
		if p.Kind == ArchivePage {
			archive[p.Path] = p
		}
	}
	index := archive["/archive/"]
	if index == nil || index.Year != nil {
		t.Fatalf("archive index = %+v", index)
	}
	var got []string
	for _, y := range index.Archive {
		for _, m := range y.Months {
			got = append(got, fmt.Sprintf("%s#%s:%d", y.Path, m.Anchor, m.Count))
			if m.Articles != nil {
				t.Errorf("index lists the articles of %d %s; it should only count them", y.Year, m.Month)
			}
		}
	}
	if want := "/archive/2024/#m01:1 /archive/2023/#m12:2 /archive/2023/#m11:1"; strings.Join(got, " ") != want {
		t.Errorf("archive index = %s, want %s", strings.Join(got, " "), want)
	}
	if len(archive) != 6 {
		t.Errorf("archive pages = %v, want the index, one per year and one per month", slices.Collect(maps.Keys(archive)))
	}
	if m := archive["/archive/2023/12/"]; m == nil || m.Month == nil || len(m.Month.Articles) != 2 || m.Title != "Archive: December 2023" ||
		m.Month.Older.Path != "/archive/2023/11/" || m.Month.Newer.Path != "/archive/2024/01/" {
		t.Errorf("December 2023 page = %+v", m)
	}
	y := archive["/archive/2023/"]
	if y == nil || y.Year == nil || y.Year.Count != 3 || y.Title != "Archive: 2023" {
		t.Fatalf("2023 page = %+v", y)
	}
	var titles []string
	for _, m := range y.Year.Months {
		for _, a := range m.Articles {
			titles = append(titles, m.Month.String()+":"+a.Parsed.Title)
		}
	}
	if want := "December:B December:C November:D"; strings.Join(titles, " ") != want {
		t.Errorf("2023 page lists %s, want %s", strings.Join(titles, " "), want)
	}
	if len(y.Archive) != 2 {
		t.Errorf("2023 page links %d years, want 2", len(y.Archive))
	}
}

// TestUnknownExclusions: a front-matter exclusion naming no known entity
// is a warning that names the key as the author wrote it.
func TestUnknownExclusions(t *testing.T) {
	in := input("a.md", "Talks", "2024-07-26", "CN")
	in.Article.ExcludeCountries = []string{"Atlantis"}
	in.Article.ExcludeOrganisations = []string{"Spectre"}
	s := New(config.Default(), gazetteer.Default(), []Input{in})
	var got []string
	for _, w := range s.Warnings {
		got = append(got, w.Error())
	}
	want := []string{`a.md: exclude_countries: unknown country "Atlantis"`, `a.md: exclude_organisations: unknown organisation "Spectre"`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
