package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"github.com/attache/attache/generator/i18n"
	"html"
	"html/template"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/templates"
)

// nasty is a title every format must carry through intact.
const nasty = `Tom & Jerry's "deal" <b>not bold</b> ]]> end`

// body is every article's HTML: feeds must carry it back byte for byte.
const body = "<p>Body &amp; more, \"quoted\" ]]> and\n<em>a second line</em></p>"

func fixture(t *testing.T) *site.Site {
	t.Helper()
	cfg := config.Default()
	cfg.BaseURL = "https://example.org/briefings/"
	cfg.Title = `Briefings & "Analysis"`
	cfg.Feeds.Items = 2
	cfg.Feeds.ListFormats = config.FeedFormats() // every encoder on entities' feeds too
	zone := time.FixedZone("", -5*3600)
	mk := func(file, title string, date time.Time, countries ...string) site.Input {
		in := site.Input{Article: &article.Article{File: file, Title: title, Date: date, Source: "AP",
			Lede: "Lede of " + title, Body: article.NewBody(template.HTML(body))}}
		for _, c := range countries {
			in.Detected.Countries = append(in.Detected.Countries, detect.Entity{ID: c, Mentions: 2, Primary: true})
		}
		return in
	}
	return site.New(cfg, gazetteer.Default(), []site.Input{
		mk("a.md", nasty, time.Date(2024, 7, 28, 23, 30, 0, 0, zone), "LA"),
		mk("b.md", "Second", time.Date(2024, 7, 20, 0, 0, 0, 0, time.UTC), "LA"),
		mk("c.md", "Third", time.Date(2024, 7, 10, 0, 0, 0, 0, time.UTC), "CN"),
	})
}

func files(t *testing.T, s *site.Site) map[string][]byte {
	t.Helper()
	fs, err := Files(s)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, f := range fs {
		if _, dup := m[f.Path]; dup {
			t.Errorf("%s written twice", f.Path)
		}
		m[f.Path] = f.Data
	}
	return m
}

func absUnderBase(t *testing.T, file, what, u string) {
	t.Helper()
	p, err := url.Parse(u)
	if err != nil || !p.IsAbs() || !strings.HasPrefix(u, "https://example.org/briefings/") {
		t.Errorf("%s: %s %q is not an absolute URL under the base URL", file, what, u)
	}
}

type atomParsed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Author  string `xml:"author>name"`
	Entries []struct {
		Title     string `xml:"title"`
		ID        string `xml:"id"`
		Updated   string `xml:"updated"`
		Published string `xml:"published"`
		Link      struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Content string `xml:"content"`
	} `xml:"entry"`
}

func TestAtom(t *testing.T) {
	s := fixture(t)
	m := files(t, s)
	for _, name := range []string{"/atom.xml", "/countries/laos/atom.xml", "/countries/china/atom.xml", "/digests/atom.xml"} {
		var f atomParsed
		if err := xml.Unmarshal(m[name], &f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if f.Title == "" || f.ID == "" || f.Author == "" || f.Lang != "en" {
			t.Errorf("%s: missing title, id, author or xml:lang: %+v", name, f)
		}
		if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
			t.Errorf("%s: updated %q: %v", name, f.Updated, err)
		}
		self := ""
		for _, l := range f.Links {
			absUnderBase(t, name, "link", l.Href)
			if l.Rel == "self" {
				self = l.Href
			}
		}
		if self != "https://example.org/briefings"+name {
			t.Errorf("%s: self link %q", name, self)
		}
		for _, e := range f.Entries {
			absUnderBase(t, name, "entry id", e.ID)
			absUnderBase(t, name, "entry link", e.Link.Href)
			for _, d := range []string{e.Updated, e.Published} {
				if _, err := time.Parse(time.RFC3339, d); err != nil {
					t.Errorf("%s: entry date %q: %v", name, d, err)
				}
			}
		}
	}
	var f atomParsed
	xml.Unmarshal(m["/atom.xml"], &f)
	if len(f.Entries) != 2 {
		t.Fatalf("site feed has %d entries, want feeds.items = 2", len(f.Entries))
	}
	e := f.Entries[0]
	if e.Title != nasty {
		t.Errorf("title came back as %q, want %q", e.Title, nasty)
	}
	// The date keeps the zone it was written in.
	if e.Published != "2024-07-28T23:30:00-05:00" {
		t.Errorf("published = %q", e.Published)
	}
	if e.Content != body {
		t.Errorf("content = %q, want the article's HTML", e.Content)
	}
	if f.Title != `Briefings & "Analysis"` {
		t.Errorf("feed title = %q", f.Title)
	}
}

type rssParsed struct {
	Version string `xml:"version,attr"`
	Channel struct {
		Title       string `xml:"title"`
		Description string `xml:"description"`
		Links       []struct {
			XMLName xml.Name
			Href    string `xml:"href,attr"`
			Value   string `xml:",chardata"`
		} `xml:"link"`
		LastBuildDate string `xml:"lastBuildDate"`
		Items         []struct {
			Title   string `xml:"title"`
			Link    string `xml:"link"`
			GUID    string `xml:"guid"`
			PubDate string `xml:"pubDate"`
		} `xml:"item"`
	} `xml:"channel"`
}

func TestRSS(t *testing.T) {
	m := files(t, fixture(t))
	for _, name := range []string{"/rss.xml", "/countries/laos/rss.xml", "/digests/rss.xml"} {
		var f rssParsed
		if err := xml.Unmarshal(m[name], &f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		c := f.Channel
		if f.Version != "2.0" || c.Title == "" || c.Description == "" {
			t.Errorf("%s: version %q, title %q, description %q", name, f.Version, c.Title, c.Description)
		}
		var link, self string
		for _, l := range c.Links {
			if l.XMLName.Space == "" {
				link = l.Value
			} else {
				self = l.Href
			}
		}
		absUnderBase(t, name, "channel link", link)
		if self != "https://example.org/briefings"+name {
			t.Errorf("%s: atom:link self = %q", name, self)
		}
		if _, err := time.Parse(time.RFC1123Z, c.LastBuildDate); err != nil {
			t.Errorf("%s: lastBuildDate: %v", name, err)
		}
		if len(c.Items) == 0 {
			t.Errorf("%s: no items", name)
		}
		for _, it := range c.Items {
			absUnderBase(t, name, "item link", it.Link)
			if it.GUID != it.Link {
				t.Errorf("%s: guid %q differs from link", name, it.GUID)
			}
			if _, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil {
				t.Errorf("%s: pubDate: %v", name, err)
			}
		}
	}
	var f rssParsed
	xml.Unmarshal(m["/rss.xml"], &f)
	if got := f.Channel.Items[0]; got.Title != nasty || got.PubDate != "Sun, 28 Jul 2024 23:30:00 -0500" {
		t.Errorf("first item = %+v", got)
	}
}

func TestJSONFeed(t *testing.T) {
	m := files(t, fixture(t))
	var f struct {
		Version     string `json:"version"`
		Title       string `json:"title"`
		HomePageURL string `json:"home_page_url"`
		FeedURL     string `json:"feed_url"`
		Items       []struct {
			ID            string `json:"id"`
			URL           string `json:"url"`
			Title         string `json:"title"`
			ContentHTML   string `json:"content_html"`
			ContentText   string `json:"content_text"`
			DatePublished string `json:"date_published"`
		} `json:"items"`
	}
	if err := json.Unmarshal(m["/countries/laos/feed.json"], &f); err != nil {
		t.Fatal(err)
	}
	if f.Version != "https://jsonfeed.org/version/1.1" || f.Title == "" {
		t.Errorf("version %q title %q", f.Version, f.Title)
	}
	absUnderBase(t, "feed.json", "home_page_url", f.HomePageURL)
	if f.FeedURL != "https://example.org/briefings/countries/laos/feed.json" {
		t.Errorf("feed_url = %q", f.FeedURL)
	}
	if len(f.Items) != 2 || f.Items[0].Title != nasty {
		t.Fatalf("items = %+v", f.Items)
	}
	for _, it := range f.Items {
		absUnderBase(t, "feed.json", "id", it.ID)
		if it.ContentHTML != body {
			t.Errorf("content_html = %q, want the article's HTML", it.ContentHTML)
		}
		if _, err := time.Parse(time.RFC3339, it.DatePublished); err != nil {
			t.Errorf("date_published: %v", err)
		}
	}
}

func TestSitemapAndRobots(t *testing.T) {
	s := fixture(t)
	m := files(t, s)
	var sm struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(m["/sitemap.xml"], &sm); err != nil {
		t.Fatal(err)
	}
	locs := map[string]string{}
	for _, u := range sm.URLs {
		absUnderBase(t, "sitemap.xml", "loc", u.Loc)
		locs[u.Loc] = u.LastMod
	}
	if len(locs) != len(s.Pages())-1 {
		t.Errorf("sitemap lists %d pages, want every page but the 404 (%d)", len(locs), len(s.Pages())-1)
	}
	if _, ok := locs["https://example.org/briefings/404.html"]; ok {
		t.Error("sitemap lists the 404 page")
	}
	if got := locs["https://example.org/briefings/countries/china/"]; got != "2024-07-10T00:00:00Z" {
		t.Errorf("China lastmod = %q, want its newest article's date", got)
	}
	if got := locs["https://example.org/briefings/digests/2024-w30/"]; got != "2024-07-28T23:30:00-05:00" {
		t.Errorf("week 30 digest lastmod = %q", got)
	}
	if !strings.Contains(string(m["/robots.txt"]), "Sitemap: https://example.org/briefings/sitemap.xml\n") {
		t.Errorf("robots.txt = %q", m["/robots.txt"])
	}
}

func TestDigestFeed(t *testing.T) {
	m := files(t, fixture(t))
	var f atomParsed
	if err := xml.Unmarshal(m["/digests/atom.xml"], &f); err != nil {
		t.Fatal(err)
	}
	// Two items: feeds.items bounds digests too. The newest is week 30.
	if len(f.Entries) != 2 || f.Entries[0].ID != "https://example.org/briefings/digests/2024-w30/" {
		t.Fatalf("digest entries = %+v", f.Entries)
	}
	if !strings.Contains(f.Entries[0].Content, `href="https://example.org/briefings/articles/2024/07/`) {
		t.Errorf("digest entry content lacks absolute article links: %s", f.Entries[0].Content)
	}
	if !strings.Contains(f.Entries[0].Content, "Tom &amp; Jerry") {
		t.Errorf("digest entry content does not escape titles: %s", f.Entries[0].Content)
	}
}

func TestEmptySite(t *testing.T) {
	cfg := config.Default()
	s := site.New(cfg, gazetteer.Default(), nil)
	m := files(t, s)
	var f atomParsed
	if err := xml.Unmarshal(m["/atom.xml"], &f); err != nil {
		t.Fatal(err)
	}
	if f.Updated != "1970-01-01T00:00:00Z" || len(f.Entries) != 0 {
		t.Errorf("empty feed: updated %q, %d entries", f.Updated, len(f.Entries))
	}
	if !strings.Contains(string(m["/feed.json"]), `"items": []`) {
		t.Errorf("empty JSON feed must still have an items array: %s", m["/feed.json"])
	}
}

// TestSitemapIndex splits a site's sitemap into parts under an index, as
// large sites need; the limits are lowered to the fixture's size.
func TestSitemapIndex(t *testing.T) {
	s := fixture(t)
	pages := len(s.Pages()) - 1 // the 404 page is not listed
	limit := pages/3 + 1
	m := newSitemap(s, s.Pages(), limit, limit)
	var idx struct {
		XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"sitemap"`
	}
	idxData, err := m.Render("/sitemap.xml")
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(idxData, &idx); err != nil {
		t.Fatalf("sitemap.xml is not a sitemap index: %v\n%s", err, idxData)
	}
	parts := m.Files()[1:]
	if len(idx.Sitemaps) != len(parts) || len(parts) < 3 {
		t.Fatalf("index lists %d parts, %d written; want the same, at least 3", len(idx.Sitemaps), len(parts))
	}
	total := 0
	seen := map[string]bool{}
	for i, path := range parts {
		if want := "https://example.org/briefings" + path; idx.Sitemaps[i].Loc != want {
			t.Errorf("part %d: index names %s, written at %s", i+1, idx.Sitemaps[i].Loc, path)
		}
		if idx.Sitemaps[i].LastMod == "" {
			t.Errorf("index entry %s has no lastmod", path)
		}
		data, err := m.Render(path)
		if err != nil {
			t.Fatal(err)
		}
		var set struct {
			URLs []struct {
				Loc string `xml:"loc"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(data, &set); err != nil {
			t.Fatal(err)
		}
		if len(set.URLs) > limit {
			t.Errorf("part %s lists %d pages, over the limit %d", path, len(set.URLs), limit)
		}
		for _, u := range set.URLs {
			if seen[u.Loc] {
				t.Errorf("%s listed twice", u.Loc)
			}
			seen[u.Loc] = true
		}
		total += len(set.URLs)
	}
	if total != pages {
		t.Errorf("parts list %d pages, want %d", total, pages)
	}
	if got := NewSitemap(s, s.Pages()).Files(); !slices.Equal(got, []string{"/sitemap.xml"}) {
		t.Errorf("a small site's sitemap is in %v, want /sitemap.xml alone", got)
	}
}

// TestSitemapPartsStayPut adds a newer story to a large site: the parts of
// the older months keep their bytes, so that a new story rewrites its
// month's part, the part of pages about no one month, and the index.
func TestSitemapPartsStayPut(t *testing.T) {
	cfg := config.Default()
	cfg.BaseURL = "https://example.org/"
	var inputs []site.Input
	for i, month := range []time.Month{time.May, time.May, time.June, time.July, time.July} {
		inputs = append(inputs, site.Input{Article: &article.Article{File: fmt.Sprintf("%d.md", i), Title: fmt.Sprintf("Story %d", i),
			Date: time.Date(2024, month, 1+i, 0, 0, 0, 0, time.UTC), Source: "AP", Lede: "Lede.", Body: article.NewBody(template.HTML(body))},
			Detected: detect.Result{Countries: []detect.Entity{{ID: "LA", Mentions: 2, Primary: true}}}})
	}
	render := func(inputs []site.Input) map[string][]byte {
		s := site.New(cfg, gazetteer.Default(), inputs)
		m := newSitemap(s, s.Pages(), 12, 12)
		out := map[string][]byte{}
		for _, path := range m.Files() {
			data, err := m.Render(path)
			if err != nil {
				t.Fatal(err)
			}
			out[path] = data
		}
		return out
	}
	before := render(inputs)
	after := render(append(inputs, site.Input{Article: &article.Article{File: "new.md", Title: "Newest",
		Date: time.Date(2024, time.August, 14, 0, 0, 0, 0, time.UTC), Source: "AP", Lede: "Lede.", Body: article.NewBody(template.HTML(body))},
		Detected: detect.Result{Countries: []detect.Entity{{ID: "LA", Mentions: 2, Primary: true}}}}))
	var changed []string
	for path, data := range after {
		if !bytes.Equal(before[path], data) {
			changed = append(changed, path)
		}
	}
	slices.Sort(changed)
	if want := []string{"/sitemap.xml", "/sitemaps/2024-08.xml", "/sitemaps/pages.xml"}; !slices.Equal(changed, want) {
		t.Errorf("a new story changed %v, want %v", changed, want)
	}
	for _, path := range []string{"/sitemaps/2024-05.xml", "/sitemaps/2024-06.xml", "/sitemaps/2024-07.xml"} {
		if before[path] == nil {
			t.Errorf("no part %s", path)
		}
	}
}

// TestBodilessArticle is a briefing with a title and nothing else, which
// parses and builds: every feed must still carry a valid item for it, and
// JSON Feed requires content_html or content_text.
func TestBodilessArticle(t *testing.T) {
	cfg := config.Default()
	title := "Ministers meet; statement to follow"
	s := site.New(cfg, gazetteer.Default(), []site.Input{{Article: &article.Article{File: "content/empty.md",
		Title: title, Date: time.Date(2024, 7, 20, 0, 0, 0, 0, time.UTC)}}})
	m := files(t, s)
	var jf struct {
		Items []struct {
			ContentHTML string `json:"content_html"`
			ContentText string `json:"content_text"`
		} `json:"items"`
	}
	if err := json.Unmarshal(m["/feed.json"], &jf); err != nil {
		t.Fatal(err)
	}
	if len(jf.Items) != 1 || jf.Items[0].ContentHTML != "" || jf.Items[0].ContentText != title {
		t.Errorf("JSON Feed items = %+v, want one with the title as content_text", jf.Items)
	}
	var rss struct {
		Items []struct {
			Title string `xml:"title"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal(m["/rss.xml"], &rss); err != nil {
		t.Fatal(err)
	}
	if len(rss.Items) != 1 || rss.Items[0].Title != title {
		t.Errorf("RSS items = %+v, want one with the title", rss.Items)
	}
	var atom atomParsed
	if err := xml.Unmarshal(m["/atom.xml"], &atom); err != nil {
		t.Fatal(err)
	}
	if len(atom.Entries) != 1 || atom.Entries[0].Title != title || atom.Entries[0].Link.Href == "" {
		t.Errorf("Atom entries = %+v, want one with the title and a link", atom.Entries)
	}
}

// TestFormats checks that each feed is written in the formats its
// configuration names, and in no other: the site's and the digests' in
// [feeds] formats, each list's in listFormats.
func TestFormats(t *testing.T) {
	for _, tc := range []struct {
		name           string
		formats, lists []string
		want           []string
	}{
		{"default", nil, nil, []string{"/atom.xml", "/rss.xml", "/feed.json", "/digests/atom.xml", "/digests/rss.xml", "/digests/feed.json",
			"/countries/laos/rss.xml", "/countries/china/rss.xml", "/regions/asia/rss.xml", "/regions/eastern-asia/rss.xml", "/regions/south-eastern-asia/rss.xml"}},
		{"one each", []string{"json"}, []string{"atom"}, []string{"/feed.json", "/digests/feed.json", "/countries/laos/atom.xml", "/countries/china/atom.xml",
			"/regions/asia/atom.xml", "/regions/eastern-asia/atom.xml", "/regions/south-eastern-asia/atom.xml"}},
		{"no list feeds", []string{"rss", "atom"}, []string{}, []string{"/rss.xml", "/atom.xml", "/digests/rss.xml", "/digests/atom.xml"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := fixture(t)
			def := config.Default().Feeds
			s.Config.Feeds.Formats, s.Config.Feeds.ListFormats = def.Formats, def.ListFormats
			if tc.formats != nil {
				s.Config.Feeds.Formats, s.Config.Feeds.ListFormats = tc.formats, tc.lists
			}
			var got []string
			for name := range files(t, s) {
				if b := path.Base(name); b == site.AtomFile || b == site.RSSFile || b == site.JSONFile {
					got = append(got, name)
				}
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tc.want))
			if !slices.Equal(got, want) {
				t.Errorf("feed files\n%v\nwant\n%v", got, want)
			}
		})
	}
}

// TestFeedsInSiteLanguage checks that the words the feeds write
// themselves follow the site's language: descriptions, region names, the
// digests' titles, counts, days and headings.
func TestFeedsInSiteLanguage(t *testing.T) {
	s := fixture(t)
	s.Config.Language = "fr"
	tr, err := templates.Strings("fr")
	if err != nil {
		t.Fatal(err)
	}
	fs, err := Files(s, WithStrings(tr))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, f := range fs {
		m[f.Path] = string(f.Data)
	}
	english := regexp.MustCompile(`\b(See also|under|Periodic|digests|Week|July|briefings?|Briefings on|South-Eastern Asia|Eastern Asia)\b`)
	for _, tc := range []struct {
		file  string
		words []string
	}{
		{"/digests/atom.xml", []string{"synthèses", "Synthèses périodiques de", "Semaine 30, 2024 (22–28 juillet)", "Asie du Sud-Est", "1 note, 22–28 juillet."}},
		{"/countries/laos/atom.xml", []string{"Notes sur Laos de"}},
		{"/regions/south-eastern-asia/rss.xml", []string{": Asie du Sud-Est</title>", "Notes sur Asie du Sud-Est de"}},
	} {
		feed, ok := m[tc.file]
		if !ok {
			t.Errorf("%s: not written", tc.file)
			continue
		}
		for _, w := range tc.words {
			if !strings.Contains(feed, html.EscapeString(w)) && !strings.Contains(feed, w) {
				t.Errorf("%s: no %q", tc.file, w)
			}
		}
		// The site's title, addresses and the stories' own words aside.
		rest := strings.NewReplacer(s.Config.Title, "", html.EscapeString(s.Config.Title), "").Replace(feed)
		rest = regexp.MustCompile(`https://[^\s"&<]+`).ReplaceAllString(rest, "")
		for _, a := range s.Articles {
			rest = strings.ReplaceAll(rest, html.EscapeString(a.Parsed.Title), "")
			rest = strings.ReplaceAll(rest, html.EscapeString(a.Summary()), "")
		}
		if w := english.FindString(rest); w != "" {
			t.Errorf("%s: English %q left", tc.file, w)
		}
	}
}

// TestFeedKeysExist checks that every string the feeds take from a
// language's table is in the bundled ones.
func TestFeedKeysExist(t *testing.T) {
	// Every language falls back to the English table, which must have
	// them (TestEveryKeyInEveryLanguage, in render, checks translations).
	for _, lang := range []string{"en"} {
		tr, err := templates.Strings(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"feed_description", "feed_list_title", "feed_digests_title", "feed_digests_description", "see_also", "under", "week_title", "n_briefings"} {
			if !tr.Has(key) {
				t.Errorf("%s: no %q", lang, key)
			}
		}
	}
}

// TestDigestFeedDatesOfOwnTheme checks the digests' feed of a site whose
// own theme names the months in French but has no strings: the week's
// title comes from the bundled English table, its days in French.
func TestDigestFeedDatesOfOwnTheme(t *testing.T) {
	s := fixture(t)
	s.Config.Language = "fr"
	files := map[string]string{"en.toml": "plural = \"one\"\n", "fr.toml": "[dates]\nmonths = [\"janvier\", \"février\", \"mars\", \"avril\", \"mai\", \"juin\", \"juillet\", \"août\", \"septembre\", \"octobre\", \"novembre\", \"décembre\"]\n"}
	tr, err := i18n.Load("fr", func(name string) ([]i18n.Source, error) {
		if data, ok := files[name]; ok {
			return []i18n.Source{{Name: name, Data: []byte(data)}}, nil
		}
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := Files(s, WithStrings(tr))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Path != "/digests/atom.xml" {
			continue
		}
		got := string(f.Data)
		if !strings.Contains(got, "Week 30, 2024 (22–28 juillet)") || !strings.Contains(got, "22–28 juillet.") || strings.Contains(got, "July") {
			t.Errorf("digests' feed does not name July in French:\n%s", got)
		}
		return
	}
	t.Fatal("/digests/atom.xml not written")
}
