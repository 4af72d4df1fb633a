package render

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/view"
)

// headMeta returns the elements every page carries in its head for search
// engines, link previews and feed readers: canonical link, Open Graph and
// Twitter cards, feed autodiscovery and, on article pages, schema.org
// NewsArticle data.
//
// It is Go rather than a template because it is the same few dozen values
// on every page: as template actions, each with its escapers called through
// reflection, it took a third of the time of rendering an article page.
// A theme wanting other markup writes its own "meta" partial; the page
// fields it needs are all documented.
func (r *Renderer) headMeta(p *view.Page) (template.HTML, error) {
	var b strings.Builder
	b.Grow(2048)
	canonical := r.AbsURL(p.Path)
	tag(&b, "", `<link rel="canonical" href="`, normalizeURL(safeURL(canonical)), `">`)
	if p.Kind == string(site.NotFoundPage) {
		b.WriteString("\n" + `<meta name="robots" content="noindex">`)
	}
	tag(&b, "\n", `<meta property="og:site_name" content="`, p.Site.Config.Title, `">`)
	ogType := "website"
	if p.Article != nil {
		ogType = "article"
	}
	tag(&b, "\n", `<meta property="og:type" content="`, ogType, `">`)
	title, err := r.pageTitle(p) // in the site's language, as <title>
	if err != nil {
		return "", err
	}
	tag(&b, "\n", `<meta property="og:title" content="`, title, `">`)
	tag(&b, "\n", `<meta property="og:url" content="`, canonical, `">`)
	description := p.Description()
	if description != "" {
		tag(&b, "\n", `<meta property="og:description" content="`, description, `">`)
	}
	if a := p.Article; a != nil {
		tag(&b, "\n", `<meta property="article:published_time" content="`, a.Date.Format(time.RFC3339), `">`)
		for _, c := range a.Countries {
			if c.Primary {
				tag(&b, "\n", `<meta property="article:tag" content="`, c.Name, `">`)
			}
		}
	}
	b.WriteString("\n" + `<meta name="twitter:card" content="summary">`)
	tag(&b, "\n", `<meta name="twitter:title" content="`, title, `">`)
	if description != "" {
		tag(&b, "\n", `<meta name="twitter:description" content="`, description, `">`)
	}
	for _, f := range p.Feeds() {
		tag(&b, "\n", `<link rel="alternate" type="`, f.Type, `" title="`)
		attrEscape(&b, f.Title)
		b.WriteString(`" href="`)
		attrEscape(&b, normalizeURL(safeURL(r.URL(f.Path))))
		b.WriteString(`">`)
	}
	if ld := p.NewsArticle(); ld != nil {
		// encoding/json escapes <, > and &, so no value can close the
		// script element; html/template emits the same for {{.}} there.
		data, err := json.Marshal(ld)
		if err != nil {
			return "", err
		}
		b.WriteString("\n" + `<script type="application/ld+json">`)
		b.Write(data)
		b.WriteString(`</script>`)
	}
	return template.HTML(b.String()), nil
}

// tag writes sep, open, the attribute value escaped, and close.
func tag(b *strings.Builder, sep, open, value, close string) {
	b.WriteString(sep)
	b.WriteString(open)
	attrEscape(b, value)
	b.WriteString(close)
}

// attrEscape writes s escaped for a quoted attribute value, as html/template
// escapes it there, so that pages read the same whichever made them.
func attrEscape(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// safeURL refuses URLs with a scheme other than http, https or mailto, as
// html/template does in href attributes.
func safeURL(u string) string {
	if scheme, _, ok := strings.Cut(u, ":"); ok && !strings.Contains(scheme, "/") {
		switch strings.ToLower(scheme) {
		case "http", "https", "mailto":
		default:
			return "#ZgotmplZ"
		}
	}
	return u
}

// normalizeURL percent-encodes the bytes of u that may not appear in a URL
// (RFC 3986), leaving reserved characters and valid escapes alone, as
// html/template does to a URL in an attribute.
func normalizeURL(u string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case strings.IndexByte("-._~!#$&*+,/:;=?@[]", c) >= 0:
			continue
		case c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
			continue
		}
		if last == 0 {
			b.Grow(len(u) + 16)
		}
		b.WriteString(u[last:i])
		fmt.Fprintf(&b, "%%%02x", c)
		last = i + 1
	}
	if last == 0 {
		return u
	}
	b.WriteString(u[last:])
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
