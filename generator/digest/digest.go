// Package digest writes one digest — a period's briefings grouped by region
// and country — as a self-contained document for sending or pasting
// elsewhere: a web page, an HTML email, a multipart email message,
// Markdown or plain text. The digest model itself lives in package site,
// which also publishes digests as pages of the site.
//
// Every link in these documents is absolute: they are read away from the
// site.
package digest

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/attache/attache/generator/site"
)

// Format is a document format a digest can be written in.
type Format string

// The formats of a digest.
const (
	// HTML is a standalone web page with its styles inline.
	HTML Format = "html"
	// Email is HTML for mail clients: table layout, inline styles only, no
	// scripts. Send it with its plain-text companion, or use EML.
	Email Format = "email"
	// EML is a complete multipart/alternative email message, plain text and
	// Email HTML, ready for sendmail -t.
	EML      Format = "eml"
	Markdown Format = "markdown"
	Text     Format = "text"
)

// Formats lists every format, for usage messages.
var Formats = []Format{HTML, Email, EML, Markdown, Text}

// ParseFormat checks a format name.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == strings.ToLower(s) {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("format %q: want one of %s", s, strings.Join(names, ", "))
}

// Writer writes digests of one site.
type Writer struct {
	site *site.Site
	from string
	to   []string
	date time.Time
}

// Option configures a Writer.
type Option func(*Writer)

// WithFrom sets the From address of EML messages.
func WithFrom(addr string) Option { return func(w *Writer) { w.from = addr } }

// WithTo sets the To addresses of EML messages.
func WithTo(addrs ...string) Option { return func(w *Writer) { w.to = addrs } }

// WithDate sets the Date of EML messages; the default is the time of
// writing.
func WithDate(t time.Time) Option { return func(w *Writer) { w.date = t } }

// New returns a Writer for digests of s.
func New(s *site.Site, opts ...Option) *Writer {
	w := &Writer{site: s}
	for _, o := range opts {
		o(w)
	}
	return w
}

// Write writes d to out in format f.
func (w *Writer) Write(out io.Writer, d *site.Digest, f Format) error {
	var b bytes.Buffer
	var err error
	switch f {
	case HTML:
		err = pageTemplate.Execute(&b, w.view(d))
	case Email:
		err = emailTemplate.Execute(&b, w.view(d))
	case EML:
		err = w.eml(&b, d)
	case Markdown:
		w.markdown(&b, d)
	case Text:
		w.text(&b, d)
	default:
		return fmt.Errorf("format %q: unknown", f)
	}
	if err != nil {
		return fmt.Errorf("digest %s: %w", f, err)
	}
	_, err = out.Write(b.Bytes())
	return err
}

// Subject is the digest's title as an email subject line.
func (w *Writer) Subject(d *site.Digest) string {
	return w.site.Config.Title + ": " + d.Title()
}

// view is what the HTML templates see.
type view struct {
	*site.Digest
	SiteTitle string
	SiteURL   string
	// Link is the digest's page on the site, empty when the site does not
	// publish it.
	Link string
	URL  func(string) string
}

func (w *Writer) view(d *site.Digest) view {
	v := view{Digest: d, SiteTitle: w.site.Config.Title, SiteURL: w.site.AbsURL("/"), URL: w.site.AbsURL}
	if d.Path != "" {
		v.Link = w.site.AbsURL(d.Path)
	}
	return v
}

// link returns the absolute URL of a neighbouring digest, or "" when the
// site does not publish it.
func (w *Writer) link(d *site.Digest) string {
	if d == nil || d.Path == "" {
		return ""
	}
	return w.site.AbsURL(d.Path)
}

// byline is an article's date, source and dateline: "26 July 2024 ·
// Xinhua · BEIJING".
func byline(a *site.Article) string {
	parts := []string{a.Date.Format("2 January 2006")}
	if a.Source != "" {
		parts = append(parts, a.Source)
	}
	if a.Dateline != "" {
		parts = append(parts, a.Dateline)
	}
	return strings.Join(parts, " · ")
}

func briefings(n int) string {
	if n == 1 {
		return "1 briefing"
	}
	return fmt.Sprintf("%d briefings", n)
}
