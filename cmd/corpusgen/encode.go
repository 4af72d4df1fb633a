package main

import (
	"strings"
)

// markdown encodes s as a Markdown file with TOML front matter, which both
// attache and Hugo read; countries and organisations are Hugo taxonomies.
func (s story) markdown() []byte {
	var b strings.Builder
	b.Grow(6 << 10)
	b.WriteString("+++\n")
	b.WriteString("title = " + tomlString(s.Title) + "\n")
	b.WriteString("date = " + s.Published.Format("2006-01-02T15:04:05Z07:00") + "\n")
	b.WriteString("slug = " + tomlString(s.Slug) + "\n")
	b.WriteString("source = " + tomlString(s.Source) + "\n")
	b.WriteString("dateline = " + tomlString(s.Dateline) + "\n")
	b.WriteString("countries = " + tomlArray(s.Countries) + "\n")
	b.WriteString("organisations = " + tomlArray(s.Organisations) + "\n")
	b.WriteString("+++\n")
	for _, bl := range s.Body {
		b.WriteByte('\n')
		switch bl.Kind {
		case heading:
			b.WriteString("## " + bl.Text + "\n")
		case list:
			b.WriteString(bl.Text + "\n\n")
			for _, it := range bl.Items {
				b.WriteString("- " + it + "\n")
			}
		default:
			b.WriteString(bl.Text + "\n")
		}
	}
	return []byte(b.String())
}

// wire encodes s as raw wire copy, in the shape of the seed article in
// /work/shared/seed: a leading-space date line, a source line that has lost
// its opening parenthesis, an upper-case dateline, blank-line paragraphs and
// a web-editor footer with no final newline. Headings and lists do not
// occur in wire copy and are left out.
func (s story) wire() []byte {
	var b strings.Builder
	b.Grow(6 << 10)
	b.WriteString(" date " + s.Published.Format("2006-01-02") + " " + s.Title + "\n\n")
	b.WriteString(s.Source + ") " + s.Published.Format("15:04, January 2, 2006") + "\n\n")
	first := true
	for _, bl := range s.Body {
		if bl.Kind != paragraph {
			continue
		}
		if first {
			b.WriteString(s.Dateline + ", " + s.Filed.Format("January 2") + " (" + s.Source + ") -- ")
			first = false
		}
		b.WriteString(bl.Text + "\n\n")
	}
	b.WriteString("(Web editor: " + strings.Join(s.Editors, ", ") + ")")
	return []byte(b.String())
}

// encode returns the file's bytes and its extension.
func (s story) encode() ([]byte, string) {
	if s.Format == formatWire {
		return s.wire(), ".txt"
	}
	return s.markdown(), ".md"
}

// tomlString quotes s as a TOML basic string. The phrase tables hold no
// control characters, so only quotes and backslashes need escaping.
func tomlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func tomlArray(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = tomlString(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// slugify makes a URL path segment from a title: lower-case ASCII letters
// and digits joined by single hyphens, at most about 60 bytes, cut at a word.
func slugify(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		r = foldAccent(r)
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '\'' || r == '.':
			// "St. John's" reads better as "st-johns" than "st-john-s".
		default:
			dash = true
		}
	}
	s := b.String()
	if len(s) > 60 {
		if i := strings.LastIndexByte(s[:60], '-'); i > 0 {
			s = s[:i]
		} else {
			s = s[:60]
		}
	}
	return s
}

// foldAccent maps the accented letters in the country table to ASCII.
func foldAccent(r rune) rune {
	switch r {
	case 'á', 'à', 'â', 'ã', 'ä':
		return 'a'
	case 'é', 'è', 'ê', 'ë':
		return 'e'
	case 'í', 'ï':
		return 'i'
	case 'ó', 'ô', 'õ', 'ö':
		return 'o'
	case 'ú', 'ü':
		return 'u'
	case 'ç':
		return 'c'
	}
	return r
}
