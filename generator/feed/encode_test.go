package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/site"
)

// encoders pairs each format's encoder with the encoding/xml or
// encoding/json one it replaced.
var encoders = []struct {
	name     string
	enc, ref func(Feed) ([]byte, error)
}{
	{"atom", Atom, atomReference},
	{"rss", RSS, rssReference},
	{"json", JSON, jsonReference},
}

// awkward is text every encoder must escape exactly as the reference did:
// markup, quotes, whitespace XML escapes, control characters XML forbids,
// NUL, invalid UTF-8, a lone U+FFFD, U+2028/2029, non-characters and
// astral characters.
const awkward = "a<b>&c \"q\" 'a' ]]> \t\n\r\x00\x01\x08\x0c\x1f\x7f \xff\xfe\xc3 \u00e9 \ufffd \u2028\u2029 \ufffe\uffff \U0001F600 \xed\xa0\x80 end"

// checkSame fails unless every format encodes f as its reference does.
func checkSame(t testing.TB, what string, f Feed) {
	t.Helper()
	for _, e := range encoders {
		want, werr := e.ref(f)
		got, err := e.enc(f)
		if werr != nil {
			// encoding/xml and encoding/json fail on none of these inputs;
			// if they ever do, the new encoders must not write a file.
			if err == nil {
				t.Errorf("%s %s: reference failed (%v), new encoder did not", what, e.name, werr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s %s: %v", what, e.name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s %s differs from the reference:\n%s", what, e.name, firstDiff(got, want))
		}
	}
}

// firstDiff shows where got first departs from want.
func firstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-60)
	return fmt.Sprintf("at byte %d\n got: %q\nwant: %q", i, got[from:min(len(got), i+60)], want[from:min(len(want), i+60)])
}

func TestEncodersMatchReference(t *testing.T) {
	date := time.Date(2024, 7, 28, 23, 30, 0, 0, time.FixedZone("", -5*3600))
	full := Item{URL: "https://example.org/a/?x=1&y=2", Title: nasty, Summary: "Sum & <mary>",
		ContentHTML: body, Published: date, Author: "AP & AFP", Categories: []string{"Laos", `"ASEAN"`}}
	bare := Item{URL: "https://example.org/b/", Title: "Bare", Published: date.UTC()}
	summaryOnly := Item{URL: "https://example.org/c/", Title: "", Summary: "Only a summary", Published: date}
	weird := Item{URL: awkward, Title: awkward, Summary: awkward, ContentHTML: awkward, Published: date,
		Author: awkward, Categories: []string{awkward, "", "x"}}
	feed := Feed{Title: `Briefings & "Analysis"`, Description: "All <the> briefings", Language: "en",
		Author: "Briefings & co", Link: "https://example.org/", Dir: "https://example.org/", Updated: date}
	for _, tc := range []struct {
		name string
		f    func(Feed) Feed
	}{
		{"empty", func(f Feed) Feed { return f }},
		{"zero", func(Feed) Feed { return Feed{} }},
		{"no description, language or author", func(f Feed) Feed {
			f.Description, f.Language, f.Author = "", "", ""
			return f
		}},
		{"full item", func(f Feed) Feed { f.Items = []Item{full}; return f }},
		{"bare item", func(f Feed) Feed { f.Items = []Item{bare}; return f }},
		{"summary but no content", func(f Feed) Feed { f.Items = []Item{summaryOnly}; return f }},
		{"several items", func(f Feed) Feed { f.Items = []Item{full, bare, summaryOnly, full}; return f }},
		{"awkward text everywhere", func(f Feed) Feed {
			f.Title, f.Description, f.Language, f.Author, f.Link, f.Dir = awkward, awkward, awkward, awkward, awkward, awkward
			f.Items = []Item{weird, bare}
			return f
		}},
	} {
		t.Run(tc.name, func(t *testing.T) { checkSame(t, tc.name, tc.f(feed)) })
	}
}

// TestSiteFeedsMatchReference encodes every feed of a site twice, the
// second time from the entries the first cached, and the same feeds
// concurrently, as a parallel build does.
func TestSiteFeedsMatchReference(t *testing.T) {
	for _, s := range []*site.Site{fixture(t), benchSite(t, 60)} {
		fs, err := Feeds(s)
		if err != nil {
			t.Fatal(err)
		}
		for pass := range 2 {
			for _, f := range fs {
				checkSame(t, fmt.Sprintf("pass %d: %s", pass+1, f.Dir), f)
			}
		}
		fs, err = Feeds(s)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for range 4 {
			for _, f := range fs {
				wg.Go(func() { checkSame(t, "concurrent: "+f.Dir, f) })
			}
		}
		wg.Wait()
	}
}

// TestChangedItemIsNotStale changes an item after another feed cached the
// same article's entry: the changed feed must show the change, and the
// other feed must not.
func TestChangedItemIsNotStale(t *testing.T) {
	fs, err := Feeds(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	site := fs[0]
	var laos Feed
	for _, f := range fs {
		if strings.HasSuffix(f.Dir, "/laos/") {
			laos = f
		}
	}
	if len(laos.Items) == 0 || laos.Items[0].URL != site.Items[0].URL {
		t.Fatal("fixture changed: the site's newest article is not Laos's")
	}
	checkSame(t, "site feed", site)
	laos.Items[0].Title = "Changed"
	laos.Items[0].Categories = append([]string{"Extra"}, laos.Items[0].Categories...)
	checkSame(t, "changed feed", laos)
	checkSame(t, "site feed after the change", site)
	for _, e := range encoders {
		got, _ := e.enc(laos)
		if !bytes.Contains(got, []byte("Changed")) || !bytes.Contains(got, []byte("Extra")) {
			t.Errorf("%s: changed item encoded stale", e.name)
		}
	}
}

// TestCachedEntriesAreReused guards the point of the cache: a feed whose
// entries another feed already encoded costs only its own buffers.
func TestCachedEntriesAreReused(t *testing.T) {
	fs, err := Feeds(benchSite(t, 60))
	if err != nil {
		t.Fatal(err)
	}
	f := fs[0]
	if len(f.Items) < 10 {
		t.Fatalf("site feed has %d items", len(f.Items))
	}
	for _, e := range encoders {
		e.enc(f)
		// The entries slice and the output; growing the output once more
		// is tolerated.
		if n := testing.AllocsPerRun(10, func() { e.enc(f) }); n > 3 {
			t.Errorf("%s: re-encoding a cached feed of %d items allocates %v times", e.name, len(f.Items), n)
		}
	}
}

func TestSitemapMatchesReference(t *testing.T) {
	for _, urls := range [][]sitemapURL{
		nil,
		{{Loc: "https://example.org/"}},
		{{Loc: "https://example.org/a?x=1&y=2", LastMod: "2024-07-28T23:30:00-05:00"}, {Loc: awkward, LastMod: awkward}},
	} {
		for _, tc := range []struct {
			root, elem string
			ref        func([]sitemapURL) ([]byte, error)
		}{{"urlset", "url", urlsetReference}, {"sitemapindex", "sitemap", sitemapIndexReference}} {
			want, err := tc.ref(urls)
			if err != nil {
				t.Fatal(err)
			}
			if got := sitemapXML(tc.root, tc.elem, urls); !bytes.Equal(got, want) {
				t.Errorf("%s of %d urls differs:\n%s", tc.root, len(urls), firstDiff(got, want))
			}
		}
	}
	s := fixture(t)
	urls := sitemapURLs(s, slices.DeleteFunc(s.Pages(), func(p *site.Page) bool { return p.Kind == site.NotFoundPage }))
	want, _ := urlsetReference(urls)
	if got, _ := NewSitemap(s, s.Pages()).Render("/sitemap.xml"); !bytes.Equal(got, want) {
		t.Errorf("Sitemap differs:\n%s", firstDiff(got, want))
	}
}

func TestEscapersMatchStd(t *testing.T) {
	for _, s := range []string{"", "plain", nasty, body, awkward, "\xff", "\u2028", "\x00", strings.Repeat("é<", 100)} {
		var want bytes.Buffer
		xml.EscapeText(&want, []byte(s))
		if got := appendXMLText(nil, s); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("appendXMLText(%q) = %q, want %q", s, got, want.Bytes())
		}
		wantJSON, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, wantJSON) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, wantJSON)
		}
	}
}

// FuzzFeeds puts arbitrary text and dates through every encoder, with and
// without shared entries, and requires the reference's bytes.
func FuzzFeeds(f *testing.F) {
	f.Add(nasty, "Lede & more", "Laos", "AP", "https://example.org/a/?x=1&y=2", body, "en", int64(1722205800), int16(-300), uint8(0))
	f.Add(awkward, awkward, awkward, awkward, awkward, awkward, awkward, int64(0), int16(0), uint8(0xff))
	f.Add("", "", "", "", "", "", "", int64(-62135596800), int16(845), uint8(0x55))
	f.Add("\u2028]]>\x00", "\xff\xfe", "\t\r\n", "'\"", "<&>", "]]>", "\x7f", int64(253402300799), int16(-720), uint8(0xaa))
	f.Fuzz(func(t *testing.T, title, summary, category, author, url, content, lang string, unix int64, zoneMinutes int16, shape uint8) {
		date := time.Unix(unix, 0).In(time.FixedZone("", int(zoneMinutes)*60))
		var cats []string
		switch shape & 3 {
		case 1:
			cats = []string{category}
		case 2:
			cats = []string{category, title, ""}
		}
		it := Item{URL: url, Title: title, Summary: summary, ContentHTML: content, Published: date, Author: author, Categories: cats}
		other := Item{URL: author, Title: category, Summary: content, Published: date.UTC()}
		fd := Feed{Title: title, Description: summary, Language: lang, Author: author, Link: url, Dir: category, Updated: date,
			Items: []Item{it, other, it}}
		if shape&4 != 0 {
			fd.Description, fd.Language, fd.Author = "", "", ""
		}
		checkSame(t, "plain items", fd)
		// Two feeds sharing the first item's encodings, as Feeds makes them.
		shared := &encodedContent{html: content}
		a, b := fd, fd
		a.Items = []Item{it, other}
		a.Items[0].encoded = shared
		b.Items = []Item{other, it}
		b.Items[1].encoded = shared
		if shape&8 != 0 {
			b.Items[1].Title += "!" // changed after the first feed cached it
		}
		checkSame(t, "first sharing feed", a)
		checkSame(t, "second sharing feed", b)
		checkSame(t, "first sharing feed again", a)

		urls := []sitemapURL{{Loc: url, LastMod: lang}, {Loc: content}}
		want, err := urlsetReference(urls)
		if err != nil {
			t.Fatalf("sitemap reference: %v", err)
		}
		if got := sitemapXML("urlset", "url", urls); !bytes.Equal(got, want) {
			t.Errorf("sitemap differs:\n%s", firstDiff(got, want))
		}
	})
}

// benchSite is a site of n articles of about 4 KB each, each about one
// to three of 24 countries and some about one of 6 organisations, so that
// most articles are items of several feeds, as in a real corpus.
func benchSite(tb testing.TB, n int) *site.Site {
	tb.Helper()
	gaz := gazetteer.Default()
	countries, orgs := gaz.Countries()[:24], gaz.Organisations()[:6]
	cfg := config.Default()
	cfg.BaseURL = "https://example.org/briefings/"
	cfg.Title = "Briefings & Analysis"
	para := "<p>The minister said on Tuesday that talks on the border &amp; trade agreement would resume " +
		"&quot;within weeks&quot;, after a delegation visited the capital. <em>Officials</em> declined to comment.</p>\n"
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	inputs := make([]site.Input, n)
	for i := range inputs {
		title := fmt.Sprintf("Talks & trade: briefing %d", i)
		in := site.Input{Article: &article.Article{File: fmt.Sprintf("a%04d.md", i), Title: title,
			Date: start.Add(time.Duration(i) * 7 * time.Hour), Source: "AP", Lede: "Lede of " + title,
			Body: article.NewBody(template.HTML(strings.Repeat(para, 18)))}}
		for k := range 1 + i%3 {
			in.Detected.Countries = append(in.Detected.Countries,
				detect.Entity{ID: countries[(i*7+k*5)%len(countries)].Code, Mentions: 3, Primary: true})
		}
		if i%2 == 0 {
			in.Detected.Organisations = append(in.Detected.Organisations,
				detect.Entity{ID: orgs[i%len(orgs)].ID, Mentions: 2, Primary: true})
		}
		inputs[i] = in
	}
	return site.New(cfg, gaz, inputs)
}

// benchFeeds encodes every feed of s in every format, as a build does;
// start, if not nil, runs at the start of each build.
func benchFeeds(b *testing.B, s *site.Site, start func(), atom, rss, jsonf func(Feed) ([]byte, error)) {
	b.ReportAllocs()
	bytes := 0
	for b.Loop() {
		if start != nil {
			start()
		}
		fs, err := Feeds(s)
		if err != nil {
			b.Fatal(err)
		}
		bytes = 0
		for _, f := range fs {
			for _, enc := range []func(Feed) ([]byte, error){atom, rss, jsonf} {
				data, err := enc(f)
				if err != nil {
					b.Fatal(err)
				}
				bytes += len(data)
			}
		}
	}
	b.ReportMetric(float64(bytes), "out-bytes/op")
}

func BenchmarkFeeds(b *testing.B) {
	benchFeeds(b, benchSite(b, 400), nil, Atom, RSS, JSON)
}

// BenchmarkFeedsReference is BenchmarkFeeds with the encoders the current
// ones replaced, which escaped each article's content once per build and
// re-marshalled everything else for every feed.
func BenchmarkFeedsReference(b *testing.B) {
	s := benchSite(b, 400)
	var xmlContent, jsonContent map[*byte]string
	// The replaced code escaped an article's content once per build for
	// XML and once for JSON; do the same, keyed by the content string
	// Feeds shares among an article's items, so the baseline is fair.
	cached := func(m map[*byte]string, s string, enc func(string) string) string {
		k := unsafe.StringData(s)
		e, ok := m[k]
		if !ok {
			e = enc(s)
			m[k] = e
		}
		return e
	}
	atom := func(f Feed) ([]byte, error) {
		return atomReferenceWith(f, func(it Item) string {
			return cached(xmlContent, it.ContentHTML, func(s string) string {
				var b bytes.Buffer
				xml.EscapeText(&b, []byte(s))
				return b.String()
			})
		})
	}
	jsonf := func(f Feed) ([]byte, error) {
		return jsonReferenceWith(f, func(it Item) json.RawMessage {
			return json.RawMessage(cached(jsonContent, it.ContentHTML, func(s string) string {
				q, _ := json.Marshal(s)
				return string(q)
			}))
		})
	}
	benchFeeds(b, s, func() { xmlContent, jsonContent = map[*byte]string{}, map[*byte]string{} }, atom, rssReference, jsonf)
}

func BenchmarkSitemap(b *testing.B) {
	s := benchSite(b, 2000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewSitemap(s, s.Pages()).Render("/sitemap.xml"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSitemapReference(b *testing.B) {
	s := benchSite(b, 2000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := urlsetReference(sitemapURLs(s, s.Pages())); err != nil {
			b.Fatal(err)
		}
	}
}
