package importer

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/attache/attache/generator/parse"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseFeed(t *testing.T) {
	tests := []struct {
		file    string
		entries int
		errText string
		check   func(t *testing.T, es []Entry)
	}{
		{"rss.xml", 2, "", func(t *testing.T, es []Entry) {
			e := es[0]
			if e.GUID != "mfa-2026-1130-01" || e.Title != "Foreign Minister meets ASEAN counterparts" || e.Source != "Example Ministry of Foreign Affairs" ||
				e.Link != "https://mfa.example.org/press/2026/11/asean" || e.Author != "Press Office" ||
				!e.Date.Equal(time.Date(2026, 11, 30, 2, 15, 0, 0, time.UTC)) || !strings.Contains(e.Body, "<b>Vientiane</b>") ||
				e.Summary != "The minister met her ASEAN counterparts in Vientiane." {
				t.Errorf("first item: %+v", e)
			}
			if es[1].GUID != "" || !strings.Contains(es[1].Body, "Mali &amp; Niger") {
				t.Errorf("second item: %+v", es[1])
			}
		}},
		{"atom.xml", 2, "", func(t *testing.T, es []Entry) {
			e := es[0]
			if e.GUID != "tag:tt.example.org,2026:briefs/arctic" || e.Title != "Why the Arctic Council matters" || e.Link != "https://tt.example.org/briefs/arctic" ||
				e.Author != "Ingrid Berg" || !e.Date.Equal(time.Date(2026, 11, 30, 7, 0, 0, 0, time.UTC)) || !strings.Contains(e.Body, "Russia is absent") {
				t.Errorf("first entry: %+v", e)
			}
			if !strings.Contains(es[1].Body, "&lt;text&gt;") {
				t.Errorf("a text construct must be escaped: %q", es[1].Body)
			}
		}},
		{"feed.json", 2, `item 3 (No date here): no date`, func(t *testing.T, es []Entry) {
			if es[0].GUID != "https://embassy.example.org/news/42" || es[0].Author != "Embassy Press" || es[0].Summary != "Credentials in Tokyo" {
				t.Errorf("first item: %+v", es[0])
			}
			if es[1].GUID != "43" || !es[1].BodyIsText {
				t.Errorf("second item: %+v", es[1])
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			es, err := ParseFeed(readFixture(t, tt.file))
			if (err == nil) != (tt.errText == "") || (err != nil && !strings.Contains(err.Error(), tt.errText)) {
				t.Errorf("err = %v, want %q", err, tt.errText)
			}
			if len(es) != tt.entries {
				t.Fatalf("%d entries, want %d", len(es), tt.entries)
			}
			tt.check(t, es)
		})
	}
	// A null id is no id, not the text "null" that every such item would
	// share, and import into one file.
	nulls := `{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
		{"id": null, "url": "https://example.org/a", "title": "A", "content_text": "a", "date_published": "2026-11-27T03:00:00Z"},
		{"id": null, "url": "https://example.org/b", "title": "B", "content_text": "b", "date_published": "2026-11-27T04:00:00Z"}]}`
	if es, err := ParseFeed([]byte(nulls)); err != nil || len(es) != 2 || es[0].GUID != "" || es[1].GUID != "" {
		t.Errorf("null ids: %+v, %v; want two entries without a GUID", es, err)
	}
	for _, bad := range []string{"", "<html><body>x</body></html>", `{"title": "not a feed"}`, "<rss><channel><item><title>x"} {
		if _, err := ParseFeed([]byte(bad)); err == nil {
			t.Errorf("ParseFeed(%q): no error", bad)
		}
	}
}

func TestParseEML(t *testing.T) {
	e, err := ParseEML(readFixture(t, "plain.eml"))
	if err != nil {
		t.Fatal(err)
	}
	if e.Title != "Kenya and Ethiopia sign water accord" || e.GUID != "20261130.0745.kenya@agency.example" || e.Source != "Example Agency Desk" ||
		!e.Date.Equal(time.Date(2026, 11, 30, 4, 45, 0, 0, time.UTC)) || !e.BodyIsText || !strings.Contains(e.Body, "waters of Lake Turkana") ||
		!strings.Contains(e.Body, "agreement — its first") {
		t.Errorf("plain: %+v", e)
	}
	e, err = ParseEML(readFixture(t, "html-latin1.eml"))
	if err != nil {
		t.Fatal(err)
	}
	if e.Title != "Déclaration de Paris" || e.BodyIsText || !strings.Contains(e.Body, "signé une déclaration") {
		t.Errorf("html: %+v", e)
	}
	if _, err := ParseEML(readFixture(t, "broken.eml")); err == nil || !strings.Contains(err.Error(), "no Subject") {
		t.Errorf("broken: err = %v", err)
	}
}

// TestMarkdownBuilds checks that what the importer writes is a Markdown
// article attache reads back with the entry's fields, and that nothing in
// an entry's text becomes markup.
func TestMarkdownBuilds(t *testing.T) {
	e := Entry{GUID: "g-1", Title: `Quotes "and" \ backslash +++`, Link: "https://e.org/x", Date: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC),
		Source: "Agency", Summary: "Short", Author: "A. Writer",
		Body: `<p># not a heading</p><p>1. not a list *nor emphasis* [nor](javascript:alert(1)) &lt;b&gt;</p><script>x</script>`}
	md, err := e.Markdown()
	if err != nil {
		t.Fatal(err)
	}
	a, err := parse.New().Parse("content/imported/x.md", md)
	if err != nil {
		t.Fatalf("%v\n%s", err, md)
	}
	if a.Title != e.Title || !a.Date.Equal(e.Date) || a.Source != "Agency" || a.Summary != "Short" ||
		a.Params["canonical"] != "https://e.org/x" || a.Params["guid"] != "g-1" || a.Params["author"] != "A. Writer" {
		t.Errorf("parsed back: %+v", a)
	}
	if len(a.Warnings) > 0 {
		t.Errorf("an imported article warns: %v\n%s", a.Warnings, md)
	}
	held, _ := a.Body.Held()
	body := string(held)
	for _, bad := range []string{"<h1", "<ol", "<em>", "<a ", "<script", "<b>"} {
		if strings.Contains(body, bad) {
			t.Errorf("body has %s:\n%s", bad, body)
		}
	}
	if !strings.Contains(body, "# not a heading") || !strings.Contains(body, "*nor emphasis*") {
		t.Errorf("text lost:\n%s", body)
	}
}

func TestFileName(t *testing.T) {
	a, b := FileName("https://mfa.example.org/press/2026/11/asean"), FileName("https://mfa.example.org/press/2026/11/asean?x")
	if a == b || a != FileName("https://mfa.example.org/press/2026/11/asean") {
		t.Errorf("FileName not one-to-one: %q %q", a, b)
	}
	if !strings.HasPrefix(a, "mfa-example-org-press-2026-11-asean-") {
		t.Errorf("FileName = %q", a)
	}
	for _, g := range []string{"../../etc/passwd", "/abs", "..", "", "\x00", strings.Repeat("x", 1000), "日本"} {
		n := FileName(g)
		if !filepath.IsLocal(n) || strings.ContainsAny(n, "/\\") || len(n) > 80 || strings.HasPrefix(n, ".") {
			t.Errorf("FileName(%q) = %q", g, n)
		}
	}
}

// site returns a content folder in a fresh site.
func site(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "content")
}

func statuses(rs []Result) string {
	var s []string
	for _, r := range rs {
		s = append(s, string(r.Status))
	}
	return strings.Join(s, ",")
}

func TestImportIdempotent(t *testing.T) {
	content := site(t)
	for i, want := range []string{"new,new", "unchanged,unchanged"} {
		im, err := New(content)
		if err != nil {
			t.Fatal(err)
		}
		rs, _, err := im.Feed(context.Background(), filepath.Join("testdata", "rss.xml"))
		if err != nil {
			t.Fatal(err)
		}
		if got := statuses(rs); got != want {
			t.Errorf("import %d: %s, want %s", i+1, got, want)
		}
	}
	files, _ := filepath.Glob(filepath.Join(content, "imported", "*.md"))
	if len(files) != 2 {
		t.Errorf("%d files, want 2", len(files))
	}
	// A changed entry updates its file.
	src := strings.Replace(string(readFixture(t, "rss.xml")), "Talks covered", "Talks also covered", 1)
	tmp := filepath.Join(t.TempDir(), "rss.xml")
	if err := os.WriteFile(tmp, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	im, _ := New(content)
	rs, _, err := im.Feed(context.Background(), tmp)
	if err != nil || statuses(rs) != "updated,unchanged" {
		t.Errorf("changed entry: %s, %v", statuses(rs), err)
	}
}

func TestImportDryRun(t *testing.T) {
	content := site(t)
	im, _ := New(content, WithDryRun(true))
	rs, _, err := im.Feed(context.Background(), filepath.Join("testdata", "atom.xml"))
	if err != nil || statuses(rs) != "new,new" {
		t.Fatalf("%s, %v", statuses(rs), err)
	}
	if err := im.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(content); !os.IsNotExist(err) {
		t.Errorf("a dry run wrote to the content folder: %v", err)
	}
}

func TestImportEML(t *testing.T) {
	content := site(t)
	im, _ := New(content, WithDir("mail"))
	rs, err := im.EML("testdata")
	if err == nil || !strings.Contains(err.Error(), "broken.eml: e-mail: no Subject") {
		t.Errorf("err = %v, want the broken message named", err)
	}
	if statuses(rs) != "new,new" {
		t.Errorf("results %v", rs)
	}
	for _, r := range rs {
		if !strings.HasPrefix(r.File, "content/mail/") {
			t.Errorf("written to %s", r.File)
		}
	}
}

// TestNeverOutside checks that no folder option or symbolic link leads a
// write out of the content folder.
func TestNeverOutside(t *testing.T) {
	for _, dir := range []string{"../x", "/tmp/x", ".hidden", "a/../../x", "_drafts", "a/.hidden", "a/_drafts"} {
		if _, err := New(site(t), WithDir(dir)); err == nil {
			t.Errorf("WithDir(%q) accepted", dir)
		}
	}
	content := site(t)
	outside := t.TempDir()
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(content, "imported")); err != nil {
		t.Skip(err)
	}
	im, _ := New(content)
	if _, _, err := im.Feed(context.Background(), filepath.Join("testdata", "rss.xml")); err == nil {
		t.Error("wrote through a symbolic link out of the content folder")
	}
	if files, _ := os.ReadDir(outside); len(files) > 0 {
		t.Errorf("files outside: %v", files)
	}
}

// TestFetch runs the fetcher against a real HTTP server on 127.0.0.1.
func TestFetch(t *testing.T) {
	rssV1 := readFixture(t, "rss.xml")
	rssV2 := []byte(strings.Replace(string(rssV1), "Talks covered", "Talks also covered", 1))
	var version atomic.Int32
	version.Store(1)
	var conditional atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		etag := fmt.Sprintf(`"v%d"`, version.Load())
		if r.Header.Get("If-None-Match") == etag {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", "Mon, 30 Nov 2026 10:00:00 GMT")
		body := rssV1
		if version.Load() == 2 {
			body = rssV2
		}
		_, _ = w.Write(body)
	})
	// /partial serves, with an ETag, a feed one of whose entries this
	// site refuses until its limit is raised; /twice one whose two
	// entries share a guid.
	var partialHits atomic.Int32
	mux.HandleFunc("/partial", func(w http.ResponseWriter, r *http.Request) {
		partialHits.Add(1)
		if r.Header.Get("If-None-Match") == `"p1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"p1"`)
		_, _ = w.Write([]byte(`<rss version="2.0"><channel><title>Wire</title>` +
			`<item><guid>big</guid><title>Long communique</title><pubDate>Mon, 30 Nov 2026 02:15:00 +0000</pubDate><description>` + strings.Repeat("Kenya and Ethiopia met. ", 1000) + `</description></item>` +
			`<item><guid>small</guid><title>Short note</title><pubDate>Mon, 30 Nov 2026 03:15:00 +0000</pubDate><description>Short.</description></item>` +
			`</channel></rss>`))
	})
	mux.HandleFunc("/twice", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`<rss version="2.0"><channel><title>Wire</title>` +
			`<item><guid>a2</guid><title>First</title><pubDate>Mon, 30 Nov 2026 02:15:00 +0000</pubDate><description>One.</description></item>` +
			`<item><guid>a2</guid><title>Second</title><pubDate>Mon, 30 Nov 2026 03:15:00 +0000</pubDate><description>Two.</description></item>` +
			`</channel></rss>`))
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/feed", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/error", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", http.StatusInternalServerError) })
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		// 50 MB, streamed without a Content-Length.
		chunk := make([]byte, 1<<20)
		for range 50 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/huge-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(50<<20))
		_, _ = w.Write([]byte("<rss>"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := context.Background()
	content := site(t)

	fetch := func(path string, opts ...Option) ([]Result, bool, error) {
		t.Helper()
		im, err := New(content, opts...)
		if err != nil {
			t.Fatal(err)
		}
		rs, nm, err := im.Feed(ctx, srv.URL+path)
		if cerr := im.Close(); cerr != nil {
			t.Fatal(cerr)
		}
		return rs, nm, err
	}

	t.Run("conditional", func(t *testing.T) {
		rs, nm, err := fetch("/feed")
		if err != nil || nm || statuses(rs) != "new,new" {
			t.Fatalf("first fetch: %s %v %v", statuses(rs), nm, err)
		}
		if _, nm, err = fetch("/feed"); err != nil || !nm || conditional.Load() != 1 {
			t.Errorf("second fetch: not modified %v (%d conditional hits), %v", nm, conditional.Load(), err)
		}
		version.Store(2)
		rs, nm, err = fetch("/feed")
		if err != nil || nm || statuses(rs) != "updated,unchanged" {
			t.Errorf("changed feed: %s %v %v", statuses(rs), nm, err)
		}
		state, _ := os.ReadFile(filepath.Join(content, StateFile))
		if !strings.Contains(string(state), `\"v2\"`) {
			t.Errorf("state file: %s", state)
		}
	})
	t.Run("an entry not imported comes again", func(t *testing.T) {
		small := WithParser(parse.New(parse.WithMaxArticleBytes(8000)))
		rs, _, err := fetch("/partial", WithDir("partial"), small)
		if err == nil || statuses(rs) != "new" {
			t.Fatalf("first fetch: %s, %v; want the long entry refused", statuses(rs), err)
		}
		rs, nm, err := fetch("/partial", WithDir("partial"))
		if nm || err != nil || statuses(rs) != "new,unchanged" || partialHits.Load() != 2 {
			t.Errorf("after the limit was raised: not modified %v, %s, %v; want the long entry imported", nm, statuses(rs), err)
		}
		if _, nm, _ := fetch("/partial", WithDir("partial")); !nm {
			t.Errorf("once all of it was imported, the feed is fetched again whole")
		}
	})
	t.Run("two entries with one guid", func(t *testing.T) {
		rs, _, err := fetch("/twice", WithDir("twice"))
		if err == nil || !strings.Contains(err.Error(), `entry "Second": not imported: its guid "a2" is entry "First"'s too`) || statuses(rs) != "new" {
			t.Errorf("%s, %v; want the first imported and the second named", statuses(rs), err)
		}
		if rs, _, _ := fetch("/twice", WithDir("twice")); statuses(rs) != "unchanged" {
			t.Errorf("again: %s, want unchanged", statuses(rs))
		}
	})
	t.Run("redirect", func(t *testing.T) {
		rs, _, err := fetch("/moved", WithDir("moved"))
		if err != nil || statuses(rs) != "new,new" {
			t.Errorf("%s %v", statuses(rs), err)
		}
		if _, _, err := fetch("/loop"); err == nil || !strings.Contains(err.Error(), "redirects") {
			t.Errorf("redirect loop: %v", err)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		start := time.Now()
		_, _, err := fetch("/slow", WithTimeout(200*time.Millisecond))
		if err == nil || time.Since(start) > 3*time.Second {
			t.Errorf("err %v after %v", err, time.Since(start))
		}
	})
	t.Run("server error", func(t *testing.T) {
		if _, _, err := fetch("/error"); err == nil || !strings.Contains(err.Error(), "500") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("too large", func(t *testing.T) {
		for _, p := range []string{"/huge", "/huge-declared"} {
			if _, _, err := fetch(p); err == nil || !strings.Contains(err.Error(), "larger than the limit") {
				t.Errorf("%s: err = %v", p, err)
			}
		}
	})
}

// FuzzParseFeed and FuzzParseEML check that no input crashes the readers
// and that every entry they return can be written as Markdown attache
// reads back.
func FuzzParseFeed(f *testing.F) {
	for _, name := range []string{"rss.xml", "atom.xml", "feed.json"} {
		f.Add(readFixture(f, name))
	}
	p := parse.New()
	f.Fuzz(func(t *testing.T, src []byte) {
		es, _ := ParseFeed(src)
		for _, e := range es {
			roundTrip(t, p, e)
		}
	})
}

func FuzzParseEML(f *testing.F) {
	for _, name := range []string{"plain.eml", "html-latin1.eml", "broken.eml"} {
		f.Add(readFixture(f, name))
	}
	p := parse.New()
	f.Fuzz(func(t *testing.T, src []byte) {
		if e, err := ParseEML(src); err == nil {
			roundTrip(t, p, e)
		}
	})
}

func roundTrip(t *testing.T, p *parse.Parser, e Entry) {
	t.Helper()
	if e.Title == "" || e.Date.IsZero() {
		return // write refuses these
	}
	md, err := e.Markdown()
	if err != nil {
		return
	}
	a, err := p.Parse("content/imported/x.md", md)
	if err != nil {
		t.Fatalf("%v\n%s", err, md)
	}
	if a.Title != strings.TrimSpace(e.Title) {
		t.Fatalf("title %q read back as %q", e.Title, a.Title)
	}
}

// TestImportOnlyWhatBuilds: an entry that a build would refuse is reported
// and not written, since one such file stops every build of the site; a
// long description is cut to a summary rather than refused, and escaped
// marks in a feed's text are not counted as Markdown.
func TestImportOnlyWhatBuilds(t *testing.T) {
	content := site(t)
	item := func(guid, desc, body string) string {
		return `<item><guid>` + guid + `</guid><title>Story ` + guid + `</title><pubDate>Mon, 30 Nov 2026 02:15:00 +0000</pubDate>` +
			`<description>` + desc + `</description><content:encoded><![CDATA[` + body + `]]></content:encoded></item>`
	}
	feed := `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title>` +
		item("long-summary", strings.Repeat("A long description. ", 4000), "<p>Ministers met.</p>") +
		item("underscores", "Codes", "<p>"+strings.Repeat("ENTITY_n ", 2100)+"</p>") +
		item("too-big", "Big", "<p>"+strings.Repeat("word ", 1<<20)+"</p>") +
		`</channel></rss>`
	file := filepath.Join(t.TempDir(), "feed.xml")
	if err := os.WriteFile(file, []byte(feed), 0o644); err != nil {
		t.Fatal(err)
	}
	im, err := New(content)
	if err != nil {
		t.Fatal(err)
	}
	rs, _, err := im.Feed(context.Background(), file)
	if err == nil || !strings.Contains(err.Error(), `entry "Story too-big": not imported: `) || !strings.Contains(err.Error(), "over the limit") {
		t.Errorf("err = %v, want the oversized entry named, not imported", err)
	}
	if got := statuses(rs); got != "new,new" {
		t.Errorf("statuses %s, want new,new", got)
	}
	files, _ := filepath.Glob(filepath.Join(content, "imported", "*.md"))
	if len(files) != 2 {
		t.Fatalf("%d files written, want 2", len(files))
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := parse.New().Parse(f, src); err != nil {
			t.Errorf("an imported file does not build: %v", err)
		}
	}
}

// TestCharsets: feeds and mail in the single-byte and Asian charsets
// agencies and ministries still send are decoded as a browser would, and a
// charset attache cannot read is refused by name, never turned into
// U+FFFD or C1 control characters.
func TestCharsets(t *testing.T) {
	rss := func(charset, title string) []byte {
		return []byte(`<?xml version="1.0" encoding="` + charset + `"?><rss version="2.0"><channel><title>M</title><item><title>` +
			title + `</title><guid>g</guid><pubDate>Tue, 02 Jul 2024 10:00:00 GMT</pubDate><description>x</description></item></channel></rss>`)
	}
	tests := []struct {
		charset string
		raw     string // the title in the charset's bytes
		want    string
	}{
		{"windows-1252", "\x93No deal\x94 \x96 \x805m", "“No deal” – €5m"},
		{"iso-8859-15", "Prix: 5\xa4", "Prix: 5€"},
		{"windows-1251", "\xcb\xe0\xe2\xf0\xee\xe2", "Лавров"},
		{"koi8-r", "\xec\xc1\xd7\xd2\xcf\xd7", "Лавров"},
		{"shift_jis", "\x93\x8c\x8b\x9e", "東京"},
	}
	for _, tt := range tests {
		es, err := ParseFeed(rss(tt.charset, tt.raw))
		if err != nil || len(es) != 1 || es[0].Title != tt.want {
			t.Errorf("feed in %s: %v, %v; want the title %q", tt.charset, es, err, tt.want)
		}
		msg := "Subject: Talks\r\nMessage-Id: <1@example.org>\r\nDate: Tue, 02 Jul 2024 10:00:00 +0000\r\nFrom: desk@example.org\r\nContent-Type: text/plain; charset=" + tt.charset + "\r\n\r\n" + tt.raw + "\r\n"
		if e, err := ParseEML([]byte(msg)); err != nil || !strings.Contains(e.Body, tt.want) {
			t.Errorf("mail in %s: %q, %v; want %q", tt.charset, e.Body, err, tt.want)
		}
	}
	if _, err := ParseFeed(rss("x-klingon", "Qapla'")); err == nil || !strings.Contains(err.Error(), `charset "x-klingon": not one attache can read`) {
		t.Errorf("unknown charset: %v", err)
	}
}

// TestAtomTitleAndRelativeLinks: an Atom feed's own title is a text
// construct like its entries' (type="html" is decoded once), and an
// entry's relative link is resolved against the feed's URL, or dropped
// when the feed came from a file.
func TestAtomTitleAndRelativeLinks(t *testing.T) {
	feed := []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">MFA &amp;amp; Co</title>` +
		`<entry><id>tag:1</id><title>Kenya talks</title><link href="item1.html"/><published>2024-07-03T10:00:00Z</published><summary>x</summary></entry></feed>`)
	es, err := ParseFeed(feed)
	if err != nil || len(es) != 1 || es[0].Source != "MFA & Co" {
		t.Fatalf("%+v, %v; want the source MFA & Co", es, err)
	}
	for _, tt := range []struct{ link, feed, want string }{
		{"item1.html", "https://mfa.example.org/news/feed.atom", "https://mfa.example.org/news/item1.html"},
		{"/press/1", "https://mfa.example.org/news/feed.atom", "https://mfa.example.org/press/1"},
		{"https://other.example.org/x", "feed.atom", "https://other.example.org/x"},
		{"item1.html", "feed.atom", ""},
		{"javascript:alert(1)", "https://mfa.example.org/feed", ""},
	} {
		if got := absoluteLink(tt.link, tt.feed); got != tt.want {
			t.Errorf("absoluteLink(%q, %q) = %q, want %q", tt.link, tt.feed, got, tt.want)
		}
	}
}

// TestJSONFeedItemOfWrongShape: one item of a JSON Feed with a field of
// the wrong type is reported by its number, and the others are imported.
func TestJSONFeedItemOfWrongShape(t *testing.T) {
	es, err := ParseFeed([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"D","items":[
		{"id":"1","title":12,"content_text":"One.","date_published":"2024-07-02T10:00:00Z"},
		{"id":"2","title":"Second","content_text":"Two.","date_published":"2024-07-03T10:00:00Z"}]}`))
	if len(es) != 1 || es[0].Title != "Second" || err == nil || !strings.Contains(err.Error(), "item 1: JSON Feed: ") {
		t.Errorf("%+v, %v; want the second imported and item 1 named", es, err)
	}
}

// TestEntryWithoutGUIDKeepsItsFile: an entry with no guid is known by its
// link as the feed writes it, relative or not, so that resolving the link
// against the feed's URL does not give it another file than earlier
// imports wrote.
func TestEntryWithoutGUIDKeepsItsFile(t *testing.T) {
	feed := `<rss version="2.0"><channel><title>Wire</title><item><title>Talks</title><link>item1.html</link>` +
		`<pubDate>Mon, 30 Nov 2026 02:15:00 +0000</pubDate><description>Met.</description></item></channel></rss>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(feed)) }))
	defer srv.Close()
	im, err := New(site(t))
	if err != nil {
		t.Fatal(err)
	}
	rs, _, err := im.Feed(context.Background(), srv.URL+"/news/feed.xml")
	if err != nil || len(rs) != 1 || filepath.Base(rs[0].File) != FileName("item1.html") {
		t.Fatalf("%+v, %v; want the file of guid item1.html", rs, err)
	}
}
