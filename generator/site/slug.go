package site

import (
	"strings"
	"unicode"
)

// maxSlugLen keeps URLs readable; titles of wire stories run long.
const maxSlugLen = 80

// minCutSlugLen is the shortest a long slug is cut to in search of a good
// place to end: below it, a cut mid-phrase beats losing most of the title.
const minCutSlugLen = maxSlugLen / 2

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

// joiners join the parts of one word of a title: "year-end", "U.S.",
// "R&D". A slug is never cut at them while there is a space to cut at.
const joiners = "-‐‑.&+_"

// dangling are the words a cut slug must not end on: they promise a word
// that the cut took away ("…ceasefire-in", "…urge-progress-on").
var dangling = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "nor": true,
	"as": true, "at": true, "by": true, "for": true, "from": true, "in": true, "into": true,
	"of": true, "on": true, "onto": true, "over": true, "per": true, "to": true, "up": true,
	"via": true, "vs": true, "with": true, "amid": true, "than": true, "after": true,
	"before": true, "its": true, "his": true, "her": true, "their": true,
}

// wordEnd is where a word of the title ends in its slug: the slug cut
// there is slug[:at].
type wordEnd struct {
	at int
	// weak says the slug should not end there: the word is a dangling
	// one, a lone letter ("N." of "N. Korean") or a possessive whose noun
	// the cut would drop ("…talks-pass-to-paraguays").
	weak bool
}

// Slugify returns s as a URL slug: lowercase ASCII letters and digits joined
// by single hyphens, at most 80 bytes. A longer slug is cut at the end of a
// word of s, never inside "year-end" or after a dangling "on", "the" or
// possessive, as long as that keeps at least half of the 80 bytes. It
// returns "" when s has no letters or digits; callers choose a fallback.
func Slugify(s string) string {
	out, ends := slugWords(s)
	if len(out) <= maxSlugLen {
		return out
	}
	return cutSlug(out, ends)
}

// slugWords returns the whole slug of s and where each word of s ends in
// it, the last word excepted.
func slugWords(s string) (string, []wordEnd) {
	var b strings.Builder
	b.Grow(len(s))
	var ends []wordEnd
	hyphen, space := false, false
	start, apostrophe := 0, -1
	for _, r := range strings.ToLower(s) {
		var part string
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			part = string(r)
		case r == '\'' || r == '’':
			apostrophe = b.Len()
			continue // "China's" becomes "chinas", not "china-s"
		default:
			part = fold[r]
		}
		if part == "" {
			hyphen = b.Len() > 0
			space = space || !strings.ContainsRune(joiners, r)
			continue
		}
		if hyphen {
			if space {
				ends = append(ends, wordEnd{at: b.Len(), weak: weakWord(b.String()[start:], apostrophe-start)})
				start = b.Len() + 1
			}
			b.WriteByte('-')
			hyphen, space = false, false
		}
		b.WriteString(part)
	}
	return b.String(), ends
}

// weakWord reports whether a slug should not end on word, whose
// apostrophe, if any, was before the byte at apostrophe.
func weakWord(word string, apostrophe int) bool {
	possessive := apostrophe == len(word)-1 && strings.HasSuffix(word, "s")
	return len(word) == 1 || possessive || dangling[word]
}

// cutSlug shortens a slug longer than maxSlugLen: at the last strong end
// of a word that keeps minCutSlugLen bytes, else at the last end of a word,
// else at the last hyphen, else anywhere.
func cutSlug(out string, ends []wordEnd) string {
	strong, last := 0, 0
	for _, e := range ends {
		if e.at > maxSlugLen {
			break
		}
		if e.at >= minCutSlugLen {
			last = e.at
			if !e.weak {
				strong = e.at
			}
		}
	}
	if strong > 0 {
		return out[:strong]
	}
	if last > 0 {
		return out[:last]
	}
	out = out[:maxSlugLen]
	if i := strings.LastIndexByte(out, '-'); i >= minCutSlugLen {
		out = out[:i]
	}
	return strings.TrimRight(out, "-")
}
