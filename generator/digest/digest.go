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
	"html/template"
	"io"
	"net/mail"
	"strings"
	"time"

	"github.com/attache/attache/generator/i18n"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/templates"
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
	// unsubscribeURL and unsubscribeEmail come from the site's [digests]
	// config.
	unsubscribeURL, unsubscribeEmail string
	// budget is the size in bytes past which email HTML is trimmed to
	// headlines.
	budget int
	warn   func(string)
	// tr is the language of the digest's words.
	tr *i18n.Table
}

// Option configures a Writer.
type Option func(*Writer)

// WithFrom sets the From address of EML messages.
func WithFrom(addr string) Option { return func(w *Writer) { w.from = addr } }

// WithTo sets the To addresses of EML messages.
func WithTo(addrs ...string) Option { return func(w *Writer) { w.to = addrs } }

// WithBudget sets the size in bytes past which email HTML is trimmed to
// headlines; the default is the site's [digests] budgetKB.
func WithBudget(bytes int) Option { return func(w *Writer) { w.budget = bytes } }

// WithWarn receives warnings, such as an email over its budget or a
// message without an unsubscribe address; by default they are dropped.
func WithWarn(f func(msg string)) Option { return func(w *Writer) { w.warn = f } }

// WithStrings sets the language of the digest's words and dates: the
// site's (see render.Renderer.Strings). The default is English.
func WithStrings(tr *i18n.Table) Option { return func(w *Writer) { w.tr = tr } }

// WithDate sets the Date of EML messages; the default is the time of
// writing.
func WithDate(t time.Time) Option { return func(w *Writer) { w.date = t } }

// New returns a Writer for digests of s. Addresses, unsubscribe links and
// the size budget default to the site's [digests] config.
func New(s *site.Site, opts ...Option) *Writer {
	c := s.Config.Digests
	w := &Writer{site: s, from: c.From, to: c.To, unsubscribeURL: c.UnsubscribeURL,
		budget: c.BudgetKB * 1024, warn: func(string) {}}
	if a, err := mail.ParseAddress(strings.TrimPrefix(c.UnsubscribeEmail, "mailto:")); err == nil {
		w.unsubscribeEmail = a.Address
	}
	for _, o := range opts {
		o(w)
	}
	if w.tr == nil {
		w.tr = templates.English()
	}
	return w
}

// Write writes d to out in format f.
func (w *Writer) Write(out io.Writer, d *site.Digest, f Format) error {
	var b bytes.Buffer
	var err error
	switch f {
	case HTML:
		var page *template.Template
		if page, _, err = w.templates(); err == nil {
			err = page.Execute(&b, w.view(d))
		}
	case Email:
		var html []byte
		if html, err = w.emailHTML(d); err == nil {
			b.Write(html)
		}
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
	return w.site.Config.Title + ": " + w.title(d)
}

// title is the digest's title in the digest's language.
func (w *Writer) title(d *site.Digest) string {
	s, err := w.period(d.Period)
	if err != nil {
		return d.Title()
	}
	if d.Topic != "" {
		// A filtered digest's topic is a country, an organisation or a
		// region, whose name only the last is translated.
		return w.tr.Region(d.Topic) + " · " + s
	}
	return s
}

// period names a period in the digest's language.
func (w *Writer) period(p site.Period) (string, error) {
	return w.tr.Period(string(p.Kind), p.Start, p.Last())
}

// s is the string of key in the digest's language; the keys are the
// bundled tables', which the tests check.
func (w *Writer) s(key string, args ...any) string {
	s, err := w.tr.String(key, args...)
	if err != nil {
		return key
	}
	return s
}

// briefings writes a number of briefings: "1 briefing", "3 briefings".
func (w *Writer) briefings(n int) string {
	s, err := w.tr.Plural("n_briefings", n)
	if err != nil {
		return fmt.Sprint(n)
	}
	return s
}

// change is the glance's change against the period before, in parentheses.
func (w *Writer) change(d *site.Digest) string {
	return "(" + w.s("on_the_before_"+string(d.Period.Kind), d.Glance().Delta()) + ")"
}

// view is what the HTML templates see.
type view struct {
	// Title is the digest's title in its language.
	Title string
	// Period, Glance and Sections are the digest's; Prev and Next are
	// its neighbours, for links to those the site publishes.
	Period     site.Period
	Glance     site.Glance
	Sections   []site.DigestSection
	Prev, Next *site.Digest
	SiteTitle  string
	SiteURL    string
	// Link is the digest's page on the site, empty when the site does not
	// publish it.
	Link string
	URL  func(string) string
	// Headlines drops the summaries, to bring an email under its budget.
	Headlines bool
	// UnsubscribeURL and UnsubscribeEmail, when set, give the email an
	// unsubscribe line.
	UnsubscribeURL, UnsubscribeEmail string
}

func (w *Writer) view(d *site.Digest) view {
	v := view{Title: w.title(d), Period: d.Period, Glance: d.Glance(), Sections: d.Sections(), Prev: d.Prev, Next: d.Next,
		SiteTitle: w.site.Config.Title, SiteURL: w.site.AbsURL("/"), URL: w.site.AbsURL,
		UnsubscribeURL: w.unsubscribeURL, UnsubscribeEmail: w.unsubscribeEmail}
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
func (w *Writer) byline(a *site.Article) string {
	parts := []string{w.tr.Long(a.Date)}
	if a.Parsed.Source != "" {
		parts = append(parts, a.Parsed.Source)
	}
	if a.Parsed.Dateline != "" {
		parts = append(parts, a.Parsed.Dateline)
	}
	return strings.Join(parts, " · ")
}

// emailHTML renders d for mail clients within the budget: past it, the
// summaries go and the email keeps its headlines, as Gmail clips a longer
// message and hides what follows, the unsubscribe line included.
func (w *Writer) emailHTML(d *site.Digest) ([]byte, error) {
	v := w.view(d)
	_, emailTemplate, err := w.templates()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := emailTemplate.Execute(&b, v); err != nil {
		return nil, err
	}
	if w.budget <= 0 || b.Len() <= w.budget {
		return b.Bytes(), nil
	}
	full := b.Len()
	v.Headlines = true
	b.Reset()
	if err := emailTemplate.Execute(&b, v); err != nil {
		return nil, err
	}
	if b.Len() >= full {
		// Summaries are not what makes it long: keep them.
		b.Reset()
		v.Headlines = false
		if err := emailTemplate.Execute(&b, v); err != nil {
			return nil, err
		}
	}
	msg := fmt.Sprintf("digest %s: email HTML is %s, over the %s budget (digests.budgetKB): trimmed to headlines, now %s",
		d.Title(), kb(full), kb(w.budget), kb(b.Len()))
	if !v.Headlines {
		msg = fmt.Sprintf("digest %s: email HTML is %s, over the %s budget (digests.budgetKB)", d.Title(), kb(full), kb(w.budget))
	}
	if b.Len() > w.budget {
		msg += "; still over: Gmail clips messages over about 102 KB, so choose a shorter period or a filter"
	}
	w.warn(msg)
	return b.Bytes(), nil
}

// kb writes a size the way the budget is given.
func kb(n int) string { return fmt.Sprintf("%.1f KB", float64(n)/1024) }

// glanceView is one table of the email's "at a glance".
type glanceView struct {
	Label  string
	Trends []site.Trend
	URL    func(string) string
}

func glance(v view, label string, trends []site.Trend) glanceView {
	return glanceView{Label: label, Trends: trends, URL: v.URL}
}
