package check

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/attache/attache/generator/build"
	"github.com/attache/attache/generator/pipeline"
)

const fixture = "testdata/site"

// fixtureProblems is what check finds in the fixture: only the
// front-matter country that names nothing.
const fixtureProblems = "content/2024-08-05-unknown-country.md: country \"Atlantis\": no such country\n"

// built builds a site into a temporary folder and returns the folder.
func built(t *testing.T, source string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(context.Background(), pipeline.Options{Source: source, Destination: dest}); err != nil {
		t.Fatalf("build %s: %v", source, err)
	}
	return dest
}

func load(t *testing.T, source string) *pipeline.Project {
	t.Helper()
	p, err := pipeline.Load(pipeline.Options{Source: source})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func messages(r Report) string {
	var b strings.Builder
	for _, p := range r.Problems {
		b.WriteString(p.Error() + "\n")
	}
	return b.String()
}

func TestRunFixture(t *testing.T) {
	r, err := Run(context.Background(), load(t, fixture))
	if err != nil {
		t.Fatal(err)
	}
	if got := messages(r); got != fixtureProblems {
		t.Errorf("problems:\n%swant:\n%s", got, fixtureProblems)
	}
	if r.Files < 40 || r.Links < 300 {
		t.Errorf("checked only %d files and %d links", r.Files, r.Links)
	}
}

var (
	attr     = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	assetRef = regexp.MustCompile(`href="/briefings/assets/css/main\.([0-9a-f]{10})\.css"`)
)

// TestSubpath builds a site served under https://example.org/briefings/
// and checks that every link, asset and feed URL carries the prefix.
func TestSubpath(t *testing.T) {
	dir := built(t, fixture)
	pages := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		for _, m := range attr.FindAllStringSubmatch(string(data), -1) {
			u := m[1]
			if !strings.HasPrefix(u, "/briefings/") && !strings.HasPrefix(u, "https://example.org/briefings/") && !strings.HasPrefix(u, "#") {
				t.Errorf("%s: link %q lacks the /briefings/ prefix", rel, u)
			}
		}
		html := string(data)
		for _, want := range []string{
			`<link rel="canonical" href="https://example.org/briefings/`,
			`<meta property="og:url" content="https://example.org/briefings/`,
			`type="application/atom&#43;xml" title=`,
			`href="/briefings/atom.xml"`,
			`href="/briefings/feed.json"`,
		} {
			if !strings.Contains(html, want) {
				t.Errorf("%s: no %s", rel, want)
			}
		}
		// The stylesheet is fingerprinted and the fingerprint is the file.
		m := assetRef.FindStringSubmatch(html)
		if m == nil {
			t.Errorf("%s: no fingerprinted stylesheet under /briefings/assets/", rel)
		} else if _, err := os.Stat(filepath.Join(dir, "assets", "css", "main."+m[1]+".css")); err != nil {
			t.Errorf("%s: stylesheet: %v", rel, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 20 {
		t.Fatalf("only %d pages built", pages)
	}
	for _, f := range []string{"atom.xml", "rss.xml", "feed.json", "digests/atom.xml", "countries/laos/rss.xml", "organisations/asean/rss.xml", "sitemap.xml", "robots.txt"} {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Error(err)
			continue
		}
		if bytes.Contains(data, []byte("localhost")) || !bytes.Contains(data, []byte("https://example.org/briefings/")) {
			t.Errorf("%s: URLs do not carry the base URL", f)
		}
	}
	r, err := Output(os.DirFS(dir), "https://example.org/briefings/")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) > 0 {
		t.Errorf("check of the built site:\n%s", messages(r))
	}
	// Checked against the wrong base URL, every root-relative link is out
	// of place.
	r, _ = Output(os.DirFS(dir), "https://example.org/")
	if !strings.Contains(messages(r), `link "/briefings/`) {
		t.Errorf("checking against the wrong base URL found nothing:\n%s", messages(r))
	}
}

var ldScript = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// TestJSONLD checks that an article whose title holds </script> cannot
// break out of its structured data.
func TestJSONLD(t *testing.T) {
	dir := built(t, fixture)
	matches, _ := filepath.Glob(filepath.Join(dir, "articles", "2024", "07", "laos-*", "index.html"))
	if len(matches) != 1 {
		t.Fatalf("article page: %v", matches)
	}
	data, _ := os.ReadFile(matches[0])
	html := string(data)
	if strings.Count(html, "<script") != 1 || strings.Contains(html, "alert(1)</script>") {
		t.Fatalf("the title broke out of its script element:\n%s", html)
	}
	m := ldScript.FindStringSubmatch(html)
	if m == nil {
		t.Fatal("no JSON-LD")
	}
	var ld struct {
		Type, Headline, DatePublished, URL string
		Author                             struct{ Name string }
	}
	if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, m[1])
	}
	want := `Laos & ASEAN: "progress" </script><script>alert(1)</script>`
	if ld.Headline != want || ld.DatePublished != "2024-07-27T23:30:00-05:00" || ld.Author.Name != "Bernama" ||
		!strings.HasPrefix(ld.URL, "https://example.org/briefings/articles/2024/07/laos-") {
		t.Errorf("JSON-LD = %+v", ld)
	}
	if !strings.Contains(html, `<meta property="og:type" content="article">`) ||
		!strings.Contains(html, `<meta name="twitter:card" content="summary">`) {
		t.Error("article page lacks Open Graph or Twitter card meta")
	}
}

// TestBrokenTheme overrides a partial with links a theme author might
// hard-code, and expects check to point at each.
func TestBrokenTheme(t *testing.T) {
	src := t.TempDir()
	if err := os.CopyFS(src, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	partials := filepath.Join(src, "templates", "default", "layouts", "partials")
	os.MkdirAll(partials, 0o755)
	footer := `{{define "footer"}}<footer>
<a href="/about/">About</a>
<img src="logo.png" alt="">
<a href="{{url "/countries/"}}">fine</a>
<a href="https://example.org/briefings/nowhere/">gone</a>
<a href="https://example.org/shop/">another site on the host</a>
<a href="mailto:desk@example.org">mail</a>
</footer>{{end}}`
	if err := os.WriteFile(filepath.Join(partials, "footer.html"), []byte(footer), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Run(context.Background(), load(t, src))
	if err != nil {
		t.Fatal(err)
	}
	got := messages(r)
	for _, want := range []string{
		`link "/about/": outside the base path /briefings/`,
		`link "logo.png": no such file in the output (and `,
		`link "https://example.org/briefings/nowhere/": no such file in the output`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no problem %q in:\n%s", want, got)
		}
	}
	// Reported once with a location, not once per page.
	if n := strings.Count(got, `"/about/"`); n != 1 {
		t.Errorf("/about/ reported %d times", n)
	}
	if !regexp.MustCompile(`(?m)^[^:]+\.html:\d+: link "/about/"`).MatchString(got) {
		t.Errorf("problem lacks file:line:\n%s", got)
	}
	for _, unwanted := range []string{"shop", "mailto", `"/briefings/countries/"`} {
		if strings.Contains(got, unwanted) {
			t.Errorf("false alarm about %s:\n%s", unwanted, got)
		}
	}
}

// goodOutput is a small built site that check finds clean.
func goodOutput() fstest.MapFS {
	return fstest.MapFS{
		"index.html":   {Data: []byte(`<a href="/x/">x</a><link rel="stylesheet" href="/assets/a.css"><a href="/x/#notes">notes</a> <a href="#main">skip</a><main id="main"></main>`)},
		"x/index.html": {Data: []byte(`<a href="../">home</a> <a href="#top">top</a> <img srcset="/i.png 1x, /j.png 2x"><h2 id='notes'>Notes</h2><a name="old">`)},
		"404.html":     {Data: []byte(`<a href="/">home</a>`)},
		"assets/a.css": {Data: []byte(`body { background: url("../i.png") } @font-face { src: url(/f.woff2) }`)},
		"i.png":        {Data: []byte{}},
		"j.png":        {Data: []byte{}},
		"f.woff2":      {Data: []byte{}},
		"robots.txt":   {Data: []byte("User-agent: *\nSitemap: https://e.org/sitemap.xml\n")},
		"sitemap.xml":  {Data: []byte(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://e.org/x/</loc><lastmod>2024-07-26</lastmod></url></urlset>`)},
		"atom.xml": {Data: []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>https://e.org/</id><updated>2024-07-26T00:00:00Z</updated><author><name>a</name></author>
<entry><title>e</title><id>https://e.org/x/</id><updated>2024-07-26T00:00:00Z</updated><link href="https://e.org/x/"/></entry></feed>`)},
		"rss.xml": {Data: []byte(`<rss version="2.0"><channel><title>t</title><link>https://e.org/</link><description>d</description>
<item><title>e</title><link>https://e.org/x/</link><pubDate>Fri, 26 Jul 2024 00:00:00 +0000</pubDate></item></channel></rss>`)},
		"feed.json": {Data: []byte(`{"version":"https://jsonfeed.org/version/1.1","title":"t","home_page_url":"https://e.org/","feed_url":"https://e.org/feed.json","items":[{"id":"1","url":"https://e.org/x/","content_text":"c","date_published":"2024-07-26T00:00:00Z"}]}`)},
	}
}

func TestOutputFiles(t *testing.T) {
	good := goodOutput
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		want   string
	}{
		{"clean", func(fstest.MapFS) {}, ""},
		{"missing asset", func(m fstest.MapFS) { delete(m, "assets/a.css") }, `index.html:1: link "/assets/a.css": no such file`},
		{"missing srcset image", func(m fstest.MapFS) { delete(m, "j.png") }, `x/index.html:1: link "/j.png": no such file`},
		{"missing CSS font", func(m fstest.MapFS) { delete(m, "f.woff2") }, `assets/a.css:1: link "/f.woff2": no such file`},
		{"a link to a missing element of the page", func(m fstest.MapFS) {
			m["x/index.html"].Data = append(m["x/index.html"].Data, `<a href="#nope">x</a>`...)
		}, `x/index.html:1: link "#nope": no element with id "nope" in x/index.html`},
		{"a link to a missing element of another page", func(m fstest.MapFS) {
			m["index.html"].Data = append(m["index.html"].Data, `<a href="x/#gone">x</a> <a href="/x/#old">old</a>`...)
		}, `index.html:1: link "x/#gone": no element with id "gone" in x/index.html`},
		{"missing sitemap", func(m fstest.MapFS) { delete(m, "sitemap.xml") }, "sitemap.xml: missing"},
		{"feed not XML", func(m fstest.MapFS) { m["atom.xml"].Data = []byte(`<feed><title>a & b</title></feed>`) }, "atom.xml: not well-formed XML"},
		{"atom without id", func(m fstest.MapFS) {
			m["atom.xml"].Data = bytes.Replace(m["atom.xml"].Data, []byte("<id>https://e.org/</id>"), nil, 1)
		}, "atom.xml: feed id: missing"},
		{"RSS date not RFC 822", func(m fstest.MapFS) {
			m["rss.xml"].Data = bytes.Replace(m["rss.xml"].Data, []byte("Fri, 26 Jul 2024 00:00:00 +0000"), []byte("2024-07-26"), 1)
		}, `rss.xml: item 1 (https://e.org/x/) pubDate "2024-07-26": want a RFC 1123 (RFC 822) date`},
		{"relative feed link", func(m fstest.MapFS) {
			m["rss.xml"].Data = bytes.Replace(m["rss.xml"].Data, []byte("<link>https://e.org/x/</link>"), []byte("<link>/x/</link>"), 1)
		}, `rss.xml: item 1 (/x/) link "/x/": not an absolute URL`},
		{"feed item to a missing page", func(m fstest.MapFS) {
			m["feed.json"].Data = bytes.Replace(m["feed.json"].Data, []byte(`"url":"https://e.org/x/"`), []byte(`"url":"https://e.org/y/"`), 1)
		}, `feed.json: link "https://e.org/y/": no such file`},
		{"feed link on another host", func(m fstest.MapFS) {
			m["rss.xml"].Data = bytes.Replace(m["rss.xml"].Data, []byte("<link>https://e.org/x/</link>"), []byte("<link>https://staging.e.org/x/</link>"), 1)
		}, `rss.xml: item 1 (https://staging.e.org/x/) link "https://staging.e.org/x/": not under baseURL https://e.org/`},
		{"robots.txt shuts every crawler out", func(m fstest.MapFS) {
			m["robots.txt"].Data = []byte("# staging\nUser-agent: Googlebot\nAllow: /\n\nUser-agent: *\nDisallow: /\nSitemap: https://e.org/sitemap.xml\n")
		}, "robots.txt:6: Disallow: / for all crawlers (User-agent: *)"},
		{"robots.txt shuts every crawler out, with a BOM and a wildcard", func(m fstest.MapFS) {
			m["robots.txt"].Data = []byte("\ufeffUser-agent: *\r\nCrawl-delay: 5\r\nUser-agent: bot\r\nDisallow: /*\r\nSitemap: https://e.org/sitemap.xml\r\n")
		}, "robots.txt:4: Disallow: / for all crawlers"},
		{"robots.txt allows back what it disallows", func(m fstest.MapFS) {
			m["robots.txt"].Data = []byte("User-agent: *\nAllow: /\nDisallow: /\nSitemap: https://e.org/sitemap.xml\n")
		}, ""},
		{"robots.txt shuts one crawler out", func(m fstest.MapFS) {
			m["robots.txt"].Data = []byte("User-agent: BadBot\nDisallow: /\n\nUser-agent: *\nDisallow:\nSitemap: https://e.org/sitemap.xml\n")
		}, ""},
		{"a page listed twice in the sitemap", func(m fstest.MapFS) {
			m["sitemap.xml"].Data = bytes.Replace(m["sitemap.xml"].Data, []byte("</urlset>"), []byte("<url><loc>https://e.org/x/</loc></url></urlset>"), 1)
		}, `sitemap.xml: url 2 loc "https://e.org/x/": listed again (first in sitemap.xml)`},
		{"JSON feed wrong version", func(m fstest.MapFS) {
			m["feed.json"].Data = bytes.Replace(m["feed.json"].Data, []byte("1.1"), []byte("1"), 1)
		}, `feed.json: version "https://jsonfeed.org/version/1": want`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := good()
			tt.change(m)
			r, err := Output(m, "https://e.org/")
			if err != nil {
				t.Fatal(err)
			}
			got := messages(r)
			if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
				t.Errorf("problems:\n%swant one containing %q", got, tt.want)
			}
		})
	}
}

func FuzzOutputHTML(f *testing.F) {
	f.Add(`<a href="/x/">x</a>`)
	f.Add(`<img srcset=", ,/a.png 2x" src='b'><meta property="og:url" content="https://e.org/%zz">`)
	f.Add(`<a href="http://[::1">`)
	f.Fuzz(func(t *testing.T, page string) {
		m := fstest.MapFS{"index.html": {Data: []byte(page)}}
		if _, err := Output(m, "https://e.org/sub/"); err != nil {
			t.Fatal(err)
		}
	})
}

// TestFeedItemsNameTheirArticle checks that a problem with a feed item
// says which article the item came from, so that it can be fixed at the
// source.
func TestFeedItemsNameTheirArticle(t *testing.T) {
	sources := []Option{WithSources(map[string]string{"https://e.org/x/": "content/x.md"})}
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		want   string
		opts   []Option
	}{
		{"JSON feed item without content names its article", func(m fstest.MapFS) {
			m["feed.json"].Data = bytes.Replace(m["feed.json"].Data, []byte(`"content_text":"c",`), nil, 1)
		}, `feed.json: item 1 (from content/x.md): needs content_html or content_text`, sources},
		{"JSON feed item without content, no sources", func(m fstest.MapFS) {
			m["feed.json"].Data = bytes.Replace(m["feed.json"].Data, []byte(`"content_text":"c",`), nil, 1)
		}, `feed.json: item 1 (https://e.org/x/): needs content_html or content_text`, nil},
		{"Atom entry without title names its article", func(m fstest.MapFS) {
			m["atom.xml"].Data = bytes.Replace(m["atom.xml"].Data, []byte("<title>e</title>"), nil, 1)
		}, `atom.xml: entry 1 (from content/x.md) title: missing`, sources},
		{"RSS item without title or description names its article", func(m fstest.MapFS) {
			m["rss.xml"].Data = bytes.Replace(m["rss.xml"].Data, []byte("<title>e</title>"), nil, 1)
		}, `rss.xml: item 1 (from content/x.md): needs a title or a description`, sources},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := goodOutput()
			tt.change(m)
			r, err := Output(m, "https://e.org/", tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if got := messages(r); !strings.Contains(got, tt.want) {
				t.Errorf("problems:\n%swant one containing %q", got, tt.want)
			}
		})
	}
}

// TestBodilessArticle builds a site holding an article with a title and no
// body, which is valid input: the build must succeed and its own check
// must find nothing new, its feeds included.
func TestBodilessArticle(t *testing.T) {
	src := t.TempDir()
	if err := os.CopyFS(src, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"content/2024-07-23-title-only.md":  "+++\ntitle = \"Ministers meet; statement to follow\"\n+++\n",
		"content/2024-07-24-title-only.txt": " date 2024-07-24 Talks open in Vientiane\n",
	} {
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	built(t, src)
	r, err := Run(context.Background(), load(t, src))
	if err != nil {
		t.Fatal(err)
	}
	if got := messages(r); got != fixtureProblems {
		t.Errorf("problems:\n%swant only:\n%s", got, fixtureProblems)
	}
}
