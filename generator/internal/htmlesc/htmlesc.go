// Package htmlesc escapes text and URLs for HTML exactly as html/template
// does, for the parts of pages and feeds written in Go rather than by
// templates.
package htmlesc

import (
	"fmt"
	"io"
	"strings"
)

// Write writes s escaped as html/template escapes text and quoted
// attribute values ('+' included), so that what Go writes reads the same as
// what a template would have.
func Write(b io.StringWriter, s string) {
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

// URL returns u as html/template writes a URL into an attribute, before
// escaping it with Write: a scheme other than http, https or mailto is
// refused, and bytes a URL does not carry as they are are percent-encoded.
func URL(u string) string { return normalizeURL(safeURL(u)) }

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
