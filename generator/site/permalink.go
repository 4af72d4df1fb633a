package site

import (
	"path"
	"strconv"
	"strings"
	"time"
)

// expandPermalink fills a permalink pattern's placeholders. The config
// package has checked the pattern; slug is already a safe slug.
func expandPermalink(pattern, slug, filename string, date time.Time) string {
	// By hand rather than with a strings.Replacer: building one for every
	// article was a good part of assembling a large site.
	var b strings.Builder
	b.Grow(len(pattern) + len(slug))
	for len(pattern) > 0 {
		i := strings.IndexByte(pattern, ':')
		if i < 0 {
			b.WriteString(pattern)
			break
		}
		b.WriteString(pattern[:i])
		pattern = pattern[i:]
		switch {
		case strings.HasPrefix(pattern, ":year"):
			pad(&b, date.Year(), 4)
			pattern = pattern[len(":year"):]
		case strings.HasPrefix(pattern, ":month"):
			pad(&b, int(date.Month()), 2)
			pattern = pattern[len(":month"):]
		case strings.HasPrefix(pattern, ":day"):
			pad(&b, date.Day(), 2)
			pattern = pattern[len(":day"):]
		case strings.HasPrefix(pattern, ":slug"):
			b.WriteString(slug)
			pattern = pattern[len(":slug"):]
		case strings.HasPrefix(pattern, ":filename"):
			b.WriteString(filename)
			pattern = pattern[len(":filename"):]
		default:
			b.WriteByte(':')
			pattern = pattern[1:]
		}
	}
	return b.String()
}

// pad writes n with at least width digits, as fmt's %0*d does.
func pad(b *strings.Builder, n, width int) {
	if n < 0 {
		b.WriteByte('-')
		n = -n
		width--
	}
	s := strconv.Itoa(n)
	for range width - len(s) {
		b.WriteByte('0')
	}
	b.WriteString(s)
}

// fileSlug is the :filename of an article: its file's name without the
// folder, the extension and a leading YYYY-MM-DD date, as a slug.
func fileSlug(file string) string {
	name := path.Base(file)
	name = strings.TrimSuffix(name, path.Ext(name))
	if len(name) >= 10 {
		if _, err := time.Parse("2006-01-02", name[:10]); err == nil {
			name = strings.TrimLeft(name[10:], "-_ .")
		}
	}
	if s := Slugify(name); s != "" {
		return s
	}
	return "article"
}
