package digest

import (
	"bytes"
	"html/template"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/internal/golden"
	"github.com/attache/attache/generator/site"
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
			Lede: lede, Body: template.HTML("<p>" + lede + "</p>")}}
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
			"https://example.org/briefings/digests/2024-w30/", "Bernama", "VIENTIANE"} {
			if !strings.Contains(html, want) {
				t.Errorf("%s lacks %q", f, want)
			}
		}
	}
	html := write(t, w, d, Email)
	// Mail clients drop <style> and <link>: every style is inline, and the
	// layout is tables.
	for _, banned := range []string{"<style", "<link", " class=", "<div class", "display:flex", "grid"} {
		if strings.Contains(html, banned) {
			t.Errorf("email HTML contains %q", banned)
		}
	}
	if !strings.Contains(html, `<table role="presentation"`) {
		t.Error("email HTML does not use table layout")
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
