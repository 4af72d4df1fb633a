package site

import (
	"strings"
	"unicode"
)

// maxSlugLen keeps URLs readable; titles of wire stories run long.
const maxSlugLen = 80

// fold maps letters outside ASCII to their plain Latin spelling, so that
// "Türkiye" becomes "turkiye" rather than losing the letter.
var fold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'æ': "ae", 'ç': "c", 'ć': "c", 'č': "c", 'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ğ': "g", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'į': "i", 'ı': "i",
	'ł': "l", 'ñ': "n", 'ń': "n", 'ň': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o",
	'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o", 'œ': "oe", 'ř': "r", 'ś': "s", 'š': "s",
	'ş': "s", 'ș': "s", 'ß': "ss", 'ť': "t", 'ţ': "t", 'ț': "t", 'þ': "th", 'ù': "u",
	'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u", 'ų': "u", 'ý': "y",
	'ÿ': "y", 'ź': "z", 'ż': "z", 'ž': "z",
}

// Slugify returns s as a URL slug: lowercase ASCII letters and digits joined
// by single hyphens, at most 80 bytes, cut at a hyphen. It returns "" when s
// has no letters or digits; callers choose a fallback.
func Slugify(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	hyphen := false
	for _, r := range strings.ToLower(s) {
		var part string
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			part = string(r)
		case r == '\'' || r == '’':
			continue // "China's" becomes "chinas", not "china-s"
		default:
			part = fold[r]
		}
		if part == "" {
			hyphen = b.Len() > 0
			continue
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		b.WriteString(part)
	}
	out := b.String()
	if len(out) > maxSlugLen {
		out = out[:maxSlugLen]
		if i := strings.LastIndexByte(out, '-'); i > maxSlugLen/2 {
			out = out[:i]
		}
		out = strings.TrimRight(out, "-")
	}
	return out
}
