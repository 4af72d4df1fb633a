package feed

import (
	"bytes"
	"strings"

	"github.com/attache/attache/generator/site"
)

// writeDigest lists a digest's articles in a feed entry: a heading per
// region and country, each country's articles, and its "See also" line.
// It writes in Go what a template did, escaping as html/template escapes
// (TestDigestMatchesTemplate): the digest feed changes with every new
// story and lists many articles, and reflection was most of its cost.
func writeDigest(b *bytes.Buffer, d *site.Digest, url func(string) string) {
	for _, sec := range d.Sections() {
		b.WriteString("<h2>")
		escapeText(b, sec.Region)
		b.WriteString("</h2>\n")
		for _, g := range sec.Groups {
			if g.Country != nil {
				b.WriteString("<h3>")
				escapeText(b, g.Country.Name)
				b.WriteString("</h3>\n")
			}
			if len(g.Articles) > 0 {
				b.WriteString("<ul>\n")
				for _, a := range g.Articles {
					b.WriteString(`<li><a href="`)
					escapeURL(b, url(a.Path))
					b.WriteString(`">`)
					escapeText(b, a.Title)
					b.WriteString("</a>")
					if sum := a.Summary(); sum != "" {
						b.WriteString(": ")
						escapeText(b, sum)
					}
					b.WriteString("</li>\n")
				}
				b.WriteString("</ul>\n")
			}
			if len(g.SeeAlso) > 0 {
				b.WriteString("<p>See also: ")
				for i, x := range g.SeeAlso {
					if i > 0 {
						b.WriteString("; ")
					}
					b.WriteString(`<a href="`)
					escapeURL(b, url(x.Article.Path))
					b.WriteString(`">`)
					escapeText(b, x.Article.Title)
					b.WriteString("</a> (under ")
					escapeText(b, x.Under.Name)
					b.WriteString(")")
				}
				b.WriteString("</p>\n")
			}
		}
	}
}

// escapeText escapes text for HTML as html/template does, '+' included.
func escapeText(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case 0:
			esc = "\uFFFD"
		case '"':
			esc = "&#34;"
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '+':
			esc = "&#43;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// escapeURL writes a URL into a quoted attribute as html/template does: a
// scheme other than http, https or mailto is refused, bytes a URL does not
// carry as they are are percent-encoded (a valid escape is kept), and the
// result is escaped as text.
func escapeURL(b *bytes.Buffer, u string) {
	if scheme, _, ok := strings.Cut(u, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		b.WriteString("#ZgotmplZ")
		return
	}
	const hex = "0123456789abcdef"
	var norm []byte
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~!#$&*+,/:;=?@[]", c) >= 0:
		case c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
		default:
			if norm == nil {
				norm = append(make([]byte, 0, len(u)+8), u[:i]...)
			}
			norm = append(norm, '%', hex[c>>4], hex[c&15])
			continue
		}
		if norm != nil {
			norm = append(norm, c)
		}
	}
	if norm != nil {
		u = string(norm)
	}
	escapeText(b, u)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
