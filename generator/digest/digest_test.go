package digest

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/internal/golden"
)

func fixture(t *testing.T) *site.Site {
	t.Helper()
	cfg := config.Default()
	cfg.BaseURL = "https://example.org/briefings/"
	cfg.Title = "Attaché Briefings"
	mk := func(file, title, date, source, dateline, lede string, countries ...string) site.Input {
		d, err := time.Parse("2006-01-02", date)
		if err != nil {
			t.Fatal(err)
		}
		in := site.Input{Article: &article.Article{File: file, Title: title, Date: d, Source: source, Dateline: dateline,
			Lede: lede, Body: article.NewBody(template.HTML("<p>" + lede + "</p>"))}}
		for _, c := range countries {
			in.Detected.Countries = append(in.Detected.Countries, detect.Entity{ID: c, Mentions: 2, Primary: true})
		}
		return in
	}
	asean := mk("b.md", "ASEAN ministers [urgent] *meet* in Vientiane & agree <nothing>", "2024-07-27", "Bernama", "VIENTIANE",
		"Foreign ministers of the Association of Southeast Asian Nations met in Vientiane on Saturday and called for the early conclusion of a code of conduct in the South China Sea.", "LA")
	asean.Detected.Organisations = []detect.Entity{{ID: "asean", Mentions: 3, Primary: true}}
	return site.New(cfg, gazetteer.Default(), []site.Input{
		mk("a.txt", "China, Russia to coordinate on East Asia", "2024-07-26", "Xinhua", "VIENTIANE",
			"Chinese Foreign Minister Wang Yi held talks with his Russian counterpart Sergey Lavrov here on Thursday.", "CN", "RU"),
		asean,
		mk("c.md", "Lao railway carries record freight", "2024-07-10", "", "", "The railway carried more freight than ever.", "LA"),
		mk("d.md", "Brazil hosts G20", "2024-08-01", "AP", "RIO DE JANEIRO", "Brazil hosted the G20.", "BR"),
	})
}

func week30(t *testing.T, s *site.Site) *site.Digest {
	t.Helper()
	d, err := s.DigestAt(site.Weekly, site.DigestFilter{}, "2024-07-26")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func write(t *testing.T, w *Writer, d *site.Digest, f Format) string {
	t.Helper()
	var b bytes.Buffer
	if err := w.Write(&b, d, f); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestTextAndMarkdown(t *testing.T) {
	s := fixture(t)
	w := New(s)
	d := week30(t, s)
	text := write(t, w, d, Text)
	golden.Check(t, "week30.txt", text)
	for i, line := range strings.Split(text, "\n") {
		if n := len([]rune(line)); n > textWidth && !strings.Contains(line, "https://") {
			t.Errorf("text line %d is %d columns: %q", i+1, n, line)
		}
	}
	md := write(t, w, d, Markdown)
	golden.Check(t, "week30.md", md)
	// The title's brackets, stars and angle brackets stay text.
	if !strings.Contains(md, `[ASEAN ministers \[urgent\] \*meet\* in Vientiane \& agree \<nothing\>](https://example.org/briefings/articles/2024/07/`) {
		t.Errorf("markdown does not escape the title:\n%s", md)
	}
}

var hrefs = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)

func TestEmail(t *testing.T) {
	s := fixture(t)
	w := New(s)
	d := week30(t, s)
	for _, f := range []Format{Email, HTML} {
		html := write(t, w, d, f)
		links := hrefs.FindAllStringSubmatch(html, -1)
		if len(links) < 8 {
			t.Fatalf("%s: only %d links", f, len(links))
		}
		for _, m := range links {
			if !strings.HasPrefix(m[1], "https://example.org/briefings/") {
				t.Errorf("%s: link %q is not absolute under the site", f, m[1])
			}
		}
		if strings.Contains(html, "<script") {
			t.Errorf("%s has a script", f)
		}
		if !strings.Contains(html, "ASEAN ministers [urgent] *meet* in Vientiane &amp; agree &lt;nothing&gt;") {
			t.Errorf("%s does not escape the title", f)
		}
		for _, want := range []string{"Week 30, 2024 (22–28 July)", "At a glance", "South-Eastern Asia", "Laos", "See also:",
			"https://example.org/briefings/digests/2024-w30/", "Bernama", "VIENTIANE",
			// Region headings link to the region's page.
			`href="https://example.org/briefings/regions/south-eastern-asia/"`} {
			if !strings.Contains(html, want) {
				t.Errorf("%s lacks %q", f, want)
			}
		}
	}
	html := write(t, w, d, Email)
	// Mail clients may drop <style>: every light style is inline, the one
	// style block holds only dark-mode overrides, and the layout is tables.
	for _, banned := range []string{"<link", "display:flex", "grid"} {
		if strings.Contains(html, banned) {
			t.Errorf("email HTML contains %q", banned)
		}
	}
	if !strings.Contains(html, `<table role="presentation"`) {
		t.Error("email HTML does not use table layout")
	}
	if strings.Count(html, "<style") != 1 {
		t.Errorf("email HTML has %d style blocks, want the one for dark mode", strings.Count(html, "<style"))
	}
	style := html[strings.Index(html, "<style>"):strings.Index(html, "</style>")]
	if !strings.Contains(style, "@media (prefers-color-scheme: dark)") || strings.Index(html, "</style>") > strings.Index(html, "</head>") {
		t.Errorf("email HTML's style block is not dark-mode overrides in the head:\n%s", style)
	}
	for _, want := range []string{`<meta name="color-scheme" content="light dark">`, `<meta name="supported-color-schemes" content="light dark">`} {
		if !strings.Contains(html, want) {
			t.Errorf("email HTML does not declare %s", want)
		}
	}
	// Every element a dark rule restyles has its light colours inline.
	for _, m := range classed.FindAllStringSubmatch(html, -1) {
		if !strings.Contains(m[0], `style="`) || !strings.Contains(m[0], "color") {
			t.Errorf("element %.120s has a class but no inline colour", m[0])
		}
	}
}

var classed = regexp.MustCompile(`<[a-z]+ [^>]*class="[^"]*"[^>]*>`)

// TestEmailGlanceColumns is issue 18.6: at phone width the "Briefings" and
// "Change" headers ran together and "Briefings" drifted from its numbers.
// Each number column must have the same width, alignment and left padding
// in its header as in its rows.
func TestEmailGlanceColumns(t *testing.T) {
	s := fixture(t)
	html := write(t, New(s), week30(t, s), Email)
	table := html[:strings.Index(html, "Most covered countries")]
	table = html[strings.LastIndex(table, "<table"):]
	table = table[:strings.Index(table, "</table>")]
	rows := regexp.MustCompile(`(?s)<tr>(.*?)</tr>`).FindAllStringSubmatch(table, -1)
	if len(rows) < 2 {
		t.Fatalf("glance table has %d rows", len(rows))
	}
	cell := regexp.MustCompile(`<t[hd]([^>]*)>`)
	header := cell.FindAllStringSubmatch(rows[0][1], -1)
	if len(header) != 3 || !strings.Contains(rows[0][1], ">Briefings</th>") || !strings.Contains(rows[0][1], ">Change</th>") {
		t.Fatalf("header row %q", rows[0][1])
	}
	width := regexp.MustCompile(`width:(\d+)px`)
	padLeft := regexp.MustCompile(`padding:\d+(?:px)? \d+(?:px)? \d+(?:px)? (\d+)px`)
	for _, row := range rows[1:] {
		cells := cell.FindAllStringSubmatch(row[1], -1)
		if len(cells) != 3 {
			t.Fatalf("row %q has %d cells", row[1], len(cells))
		}
		for col := 1; col <= 2; col++ {
			h, c := header[col][1], cells[col][1]
			hw, cw := width.FindStringSubmatch(h), width.FindStringSubmatch(c)
			if hw == nil || cw == nil || hw[1] != cw[1] {
				t.Errorf("column %d: header width %v, cell width %v", col, hw, cw)
			}
			for _, attrs := range []string{h, c} {
				if !strings.Contains(attrs, "text-align:right") || !strings.Contains(attrs, `align="right"`) {
					t.Errorf("column %d: %q is not right-aligned", col, attrs)
				}
				if p := padLeft.FindStringSubmatch(attrs); p == nil || atoi(p[1]) < 8 {
					t.Errorf("column %d: %q has no left padding to keep the headers apart", col, attrs)
				}
				if !strings.Contains(attrs, "white-space:nowrap") {
					t.Errorf("column %d: %q may wrap", col, attrs)
				}
			}
		}
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// longFixture is a week of 30 briefings with long summaries, as a busy
// desk writes them.
func longFixture(t *testing.T) (*site.Site, *site.Digest) {
	t.Helper()
	cfg := config.Default()
	cfg.BaseURL = "https://example.org/"
	var in []site.Input
	countries := []string{"CN", "RU", "LA", "BR", "KE", "FR"}
	for i := range 30 {
		lede := strings.Repeat(fmt.Sprintf("Ministers met for the %dth time and agreed on a further round of talks. ", i), 6)
		a := site.Input{Article: &article.Article{File: fmt.Sprintf("a%d.md", i), Title: fmt.Sprintf("Ministers meet, round %d", i),
			Date: time.Date(2024, 7, 22+i%7, 0, 0, 0, 0, time.UTC), Lede: lede, Body: article.NewBody(template.HTML("<p>" + lede + "</p>"))}}
		a.Detected.Countries = []detect.Entity{{ID: countries[i%len(countries)], Mentions: 2, Primary: true}}
		in = append(in, a)
	}
	s := site.New(cfg, gazetteer.Default(), in)
	return s, week30(t, s)
}

func TestEmailBudget(t *testing.T) {
	s, d := longFixture(t)
	var warnings []string
	warn := WithWarn(func(m string) { warnings = append(warnings, m) })
	full := write(t, New(s, warn), d, Email)
	const summary = "agreed on a further round of talks"
	if len(warnings) != 0 || !strings.Contains(full, summary) {
		t.Fatalf("under the default budget: warnings %q, summaries kept: %v", warnings, strings.Contains(full, summary))
	}
	// Past the budget, however small, the summaries go, and the warning
	// says the email is still over.
	headlines := write(t, New(s, warn, WithBudget(1000)), d, Email)
	if len(headlines) >= len(full) || len(warnings) != 1 || !strings.Contains(warnings[0], "still over") {
		t.Fatalf("budget of 1000 bytes: %d bytes (full %d), warnings %q", len(headlines), len(full), warnings)
	}
	warnings = nil
	budget := (len(headlines) + len(full)) / 2
	trimmed := write(t, New(s, warn, WithBudget(budget)), d, Email)
	if len(trimmed) > budget {
		t.Errorf("trimmed email is %d bytes, over the budget of %d", len(trimmed), budget)
	}
	if strings.Contains(trimmed, summary) || !strings.Contains(trimmed, "Headlines only") {
		t.Error("an email over its budget keeps its summaries or does not say it was trimmed")
	}
	for i := range 30 {
		if !strings.Contains(trimmed, fmt.Sprintf("Ministers meet, round %d<", i)) {
			t.Errorf("trimmed email lost headline %d", i)
		}
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], kb(len(full))) || !strings.Contains(warnings[0], "trimmed to headlines") || strings.Contains(warnings[0], "still over") {
		t.Errorf("warnings = %q, want one naming the size %s", warnings, kb(len(full)))
	}
	// The eml's HTML part is trimmed the same way.
	warnings = nil
	raw := write(t, New(s, warn, WithBudget(budget), WithFrom("desk@example.org"), WithTo("a@example.org")), d, EML)
	htmlPart := raw[strings.Index(raw, "Content-Type: text/html"):]
	if strings.Contains(htmlPart, "further round") || len(warnings) == 0 {
		t.Errorf("eml over budget: warnings %q", warnings)
	}
}

func TestEML(t *testing.T) {
	s := fixture(t)
	date := time.Date(2024, 7, 29, 7, 0, 0, 0, time.UTC)
	w := New(s, WithFrom("Desk <desk@example.org>"), WithTo("a@example.org", "Bé <b@example.org>"), WithDate(date))
	d := week30(t, s)
	raw := write(t, w, d, EML)
	msg, err := mail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || subject != "Attaché Briefings: Week 30, 2024 (22–28 July)" {
		t.Errorf("subject = %q, %v", subject, err)
	}
	if to, err := msg.Header.AddressList("To"); err != nil || len(to) != 2 || to[1].Name != "Bé" {
		t.Errorf("To = %v, %v", to, err)
	}
	if got, _ := msg.Header.Date(); !got.Equal(date) {
		t.Errorf("Date = %v", got)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("content type %q, %v", mt, err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	want := []struct {
		typ  string
		body string
	}{{"text/plain; charset=utf-8", write(t, w, d, Text)}, {"text/html; charset=utf-8", write(t, w, d, Email)}}
	for i, wp := range want {
		part, err := mr.NextRawPart()
		if err != nil {
			t.Fatalf("part %d: %v", i+1, err)
		}
		if part.Header.Get("Content-Type") != wp.typ {
			t.Errorf("part %d type %q", i+1, part.Header.Get("Content-Type"))
		}
		body, err := io.ReadAll(quotedprintable.NewReader(part))
		if err != nil {
			t.Fatal(err)
		}
		got := strings.ReplaceAll(string(body), "\r\n", "\n")
		if got != wp.body {
			t.Errorf("part %d differs from the %s document", i+1, wp.typ)
		}
	}
	if _, err := mr.NextPart(); err != io.EOF {
		t.Errorf("more than two parts: %v", err)
	}
	for i, line := range strings.Split(raw, "\r\n") {
		if len(line) > 78 && !strings.HasPrefix(line, "Content-Type") {
			t.Errorf("line %d longer than RFC 5322 recommends: %d", i+1, len(line))
		}
	}
	if again := write(t, w, d, EML); again != raw {
		t.Error("the same digest written twice gives different messages")
	}
	if err := New(s, WithTo("not an address")).Write(io.Discard, d, EML); err == nil {
		t.Error("a bad To address was accepted")
	}
}

func TestFilteredDigest(t *testing.T) {
	s := fixture(t)
	d, err := s.DigestAt(site.Weekly, site.DigestFilter{Country: "laos"}, "2024-07-26")
	if err != nil {
		t.Fatal(err)
	}
	text := write(t, New(s), d, Text)
	if !strings.HasPrefix(text, "Attaché Briefings: Laos · Week 30") || strings.Contains(text, "China, Russia") {
		t.Errorf("Laos digest:\n%s", text)
	}
	// A filtered digest is not a page of the site: no link to one.
	if strings.Contains(text, "/digests/") {
		t.Errorf("filtered digest links to unfiltered digest pages:\n%s", text)
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats {
		if got, err := ParseFormat(strings.ToUpper(string(f))); err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
	}
	if _, err := ParseFormat("pdf"); err == nil || !strings.Contains(err.Error(), "html, email, eml, markdown, text") {
		t.Errorf("ParseFormat(pdf) err = %v", err)
	}
}

func FuzzEncodeSubject(f *testing.F) {
	for _, s := range []string{"Attaché Briefings: Week 30, 2024 (22–28 July)", "plain", "日本と中国の首脳会談", "=?utf-8?q?x?=", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\r\n") {
			return
		}
		enc := encodeSubject(s)
		for _, line := range strings.Split("Subject: "+enc, "\r\n") {
			if len(line) > 78 && enc != s {
				t.Fatalf("line of %d characters: %q", len(line), line)
			}
		}
		if enc == s {
			return // plain ASCII goes as it is
		}
		got, err := new(mime.WordDecoder).DecodeHeader(strings.ReplaceAll(enc, "\r\n", ""))
		if err != nil || got != s {
			t.Fatalf("encodeSubject(%q) = %q decodes to %q, %v", s, enc, got, err)
		}
	})
}

func TestEMLHeaders(t *testing.T) {
	s := fixture(t)
	d := week30(t, s)
	date := time.Date(2024, 7, 29, 7, 0, 0, 0, time.UTC)
	s.Config.Digests.UnsubscribeURL = "https://example.org/unsubscribe?list=weekly"
	s.Config.Digests.UnsubscribeEmail = "Unsubscribe <leave@example.org>"
	s.Config.Digests.From = "Desk <desk@example.org>"
	s.Config.Digests.To = []string{"list@example.org"}
	var warnings []string
	w := New(s, WithDate(date), WithWarn(func(m string) { warnings = append(warnings, m) }))
	raw := write(t, w, d, EML)
	msg, err := mail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	h := msg.Header
	if from, err := mail.ParseAddress(h.Get("From")); err != nil || from.Address != "desk@example.org" {
		t.Errorf("From from config = %v, %v", from, err)
	}
	if to, err := h.AddressList("To"); err != nil || len(to) != 1 || to[0].Address != "list@example.org" {
		t.Errorf("To from config = %v, %v", to, err)
	}
	if got := h.Get("MIME-Version"); got != "1.0" {
		t.Errorf("MIME-Version = %q", got)
	}
	if id := h.Get("Message-ID"); !regexp.MustCompile(`^<2024-w30\.[0-9a-f]{20}@example\.org>$`).MatchString(id) {
		t.Errorf("Message-ID = %q", id)
	}
	wantLU := "<https://example.org/unsubscribe?list=weekly>, <mailto:leave@example.org?subject=unsubscribe>"
	if got := strings.Join(strings.Fields(h.Get("List-Unsubscribe")), " "); got != wantLU {
		t.Errorf("List-Unsubscribe = %q, want %q", got, wantLU)
	}
	if got := h.Get("List-Unsubscribe-Post"); got != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post = %q", got)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings: %q", warnings)
	}
	// Both parts tell the reader how to unsubscribe.
	_, params, _ := mime.ParseMediaType(h.Get("Content-Type"))
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for i := range 2 {
		part, err := mr.NextPart() // decodes quoted-printable
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(part)
		text := strings.Join(strings.Fields(string(body)), " ")
		for _, want := range []string{"To stop receiving it,", "https://example.org/unsubscribe?list=weekly", "leave@example.org"} {
			if !strings.Contains(strings.ReplaceAll(text, "&amp;", "&"), want) {
				t.Errorf("part %d lacks %q", i+1, want)
			}
		}
	}
	// A different send time is a different message.
	other := write(t, New(s, WithDate(date.Add(time.Hour))), d, EML)
	msg2, _ := mail.ReadMessage(strings.NewReader(other))
	if msg2.Header.Get("Message-ID") == h.Get("Message-ID") {
		t.Error("two sends share a Message-ID")
	}
	// Only a mailto: no one-click header.
	s.Config.Digests.UnsubscribeURL = ""
	msg3, _ := mail.ReadMessage(strings.NewReader(write(t, New(s, WithDate(date)), d, EML)))
	if msg3.Header.Get("List-Unsubscribe-Post") != "" || !strings.Contains(msg3.Header.Get("List-Unsubscribe"), "mailto:leave@example.org") {
		t.Errorf("mailto only: List-Unsubscribe %q, Post %q", msg3.Header.Get("List-Unsubscribe"), msg3.Header.Get("List-Unsubscribe-Post"))
	}
}

func TestEMLNeedsAddresses(t *testing.T) {
	s := fixture(t)
	d := week30(t, s)
	err := New(s).Write(io.Discard, d, EML)
	if err == nil || !strings.Contains(err.Error(), "no From address") || !strings.Contains(err.Error(), "no To address") || !strings.Contains(err.Error(), "[digests]") {
		t.Errorf("eml without addresses: %v", err)
	}
	if err := New(s, WithFrom("desk@example.org")).Write(io.Discard, d, EML); err == nil || !strings.Contains(err.Error(), "no To address") {
		t.Errorf("eml without To: %v", err)
	}
	var warnings []string
	if err := New(s, WithFrom("desk@example.org"), WithTo("a@example.org"), WithWarn(func(m string) { warnings = append(warnings, m) })).Write(io.Discard, d, EML); err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "no unsubscribe address") {
		t.Errorf("eml without unsubscribe: warnings %q", warnings)
	}
}

// TestEMLInternationalAddresses: addresses and unsubscribe links in other
// scripts reach the headers in ASCII (domains as A-labels, URLs
// percent-encoded), and a mailbox name in another script, which the
// message cannot carry without SMTPUTF8, is refused by name.
func TestEMLInternationalAddresses(t *testing.T) {
	s := fixture(t)
	d := week30(t, s)
	date := time.Date(2024, 7, 29, 7, 0, 0, 0, time.UTC)
	s.Config.Digests.UnsubscribeURL = "https://lists.exämple.org/désabonner?liste=hébdo"
	s.Config.Digests.UnsubscribeEmail = "depart@exämple.org"
	raw := write(t, New(s, WithDate(date), WithFrom("Jörg <desk@exämple.org>"), WithTo("André <andre@exämple.org>")), d, EML)
	head, _, _ := strings.Cut(raw, "\r\n\r\n")
	for i := 0; i < len(head); i++ {
		if head[i] >= 0x80 {
			t.Fatalf("a header byte is not ASCII at %d: %q", i, head[max(0, i-30):min(len(head), i+30)])
		}
	}
	msg, err := mail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if from, err := mail.ParseAddress(msg.Header.Get("From")); err != nil || from.Name != "Jörg" || from.Address != "desk@xn--exmple-cua.org" {
		t.Errorf("From: %v, %v", from, err)
	}
	wantLU := "<https://lists.xn--exmple-cua.org/d%C3%A9sabonner?liste=h%C3%A9bdo>, <mailto:depart@xn--exmple-cua.org?subject=unsubscribe>"
	if got := strings.Join(strings.Fields(msg.Header.Get("List-Unsubscribe")), " "); got != wantLU {
		t.Errorf("List-Unsubscribe = %q, want %q", got, wantLU)
	}
	err = New(s, WithDate(date), WithFrom("desk@example.org"), WithTo("andré@example.org")).Write(io.Discard, d, EML)
	if err == nil || !strings.Contains(err.Error(), `to "andré@example.org": the mailbox "andré" is not ASCII`) {
		t.Errorf("a mailbox name in another script: %v", err)
	}
}
