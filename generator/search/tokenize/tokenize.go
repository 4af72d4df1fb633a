// Package tokenize is the search index's analyser: it turns text into the
// terms the index stores and a query looks up. The browser's script
// (templates/default/static/js/search.js) repeats Words step for step, so
// the two must change together (TestClientTokenizesLikeGo).
package tokenize

import (
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// MaxRunes bounds a word: a longer run of letters is no word anyone will
// type (a URL, a hash, base64), and it would bloat the index.
const MaxRunes = 40

// Word is one term of a text.
type Word struct {
	// Surface is the word as written, decomposed, without accents and in
	// lower case: "Türkiye" is "turkiye".
	Surface string
	// Stem is what the index files it under: the English stem of a word
	// of Latin letters ("talks" → "talk"), else Surface.
	Stem string
}

// Words splits text into words. Letters and digits make words; a run of
// Chinese or Japanese script, written without spaces, gives its
// overlapping pairs of characters ("停火谈判" → 停火, 火谈, 谈判), or the one
// character of a run of one.
func Words(text string) []Word {
	var out []Word
	Each(text, func(w string) { out = append(out, Word{Surface: w, Stem: Stem(w)}) })
	return out
}

// Each calls fn with each word of text, as Words finds them, without
// stemming. The words are substrings of one folded copy of text, so a
// text costs one allocation however many words it has.
func Each(text string, fn func(word string)) {
	f := string(fold(nil, text))
	split(f, func(i, j int) { fn(f[i:j]) })
}

// Scan calls fn with each word of text, as Each finds them, folded into
// buf, which it returns for the next call: a word is valid only until fn
// returns. It allocates nothing once buf has grown, and reads plain ASCII
// text — most agency copy — in one pass, with no normalisation.
func Scan(buf []byte, text string, fn func(word []byte)) []byte {
	if !isASCII(text) {
		buf = foldMixed(buf[:0], text)
		// A view of buf, not a copy: nothing writes to buf while split
		// reads it, and the string does not outlive the call.
		split(unsafe.String(unsafe.SliceData(buf), len(buf)), func(i, j int) { fn(buf[i:j]) })
		return buf
	}
	buf = buf[:0]
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			buf = append(buf, c)
			continue
		case c >= 'A' && c <= 'Z':
			buf = append(buf, c+'a'-'A')
			continue
		}
		if len(buf) > 0 && len(buf) <= MaxRunes {
			fn(buf)
		}
		buf = buf[:0]
	}
	if len(buf) > 0 && len(buf) <= MaxRunes {
		fn(buf)
	}
	return buf
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// split calls fn with the bounds of each word of a folded text.
func split(f string, fn func(i, j int)) {
	start, cjk := -1, -1 // where the current word or Chinese run starts
	prev := -1           // the previous rune of a Chinese run
	n := 0               // runes in the current word
	endWord := func(at int) {
		if start >= 0 && n <= MaxRunes {
			fn(start, at)
		}
		start, n = -1, 0
	}
	endCJK := func(at int) {
		if cjk >= 0 && prev == cjk { // a run of one
			fn(cjk, at)
		}
		cjk, prev = -1, -1
	}
	for i, r := range f {
		switch {
		case r == ' ':
			endWord(i)
			endCJK(i)
		case r >= 0x2E80 && IsCJK(r):
			endWord(i)
			if cjk < 0 {
				cjk = i
			} else {
				fn(prev, i+utf8.RuneLen(r))
			}
			prev = i
		default:
			endCJK(i)
			if start < 0 {
				start = i
			}
			n++
		}
	}
	endWord(len(f))
	endCJK(len(f))
}

// foldMixed is fold for text mostly of ASCII with some other runes — an
// English story with typographic quotes and dashes: its ASCII bytes are
// folded as they are, and only the runs of other runes go through NFKD.
// The two agree because NFKD maps each rune on its own and reorders only
// runs of combining marks, which no ASCII byte belongs to
// (FuzzFoldMixedMatchesFold).
func foldMixed(b []byte, text string) []byte {
	for i := 0; i < len(text); {
		c := text[i]
		if c >= 0x80 {
			j := i + 1
			for j < len(text) && text[j] >= 0x80 {
				j++
			}
			if separators(text[i:j]) {
				b = append(b, ' ')
			} else {
				b = fold(b, text[i:j])
			}
			i = j
			continue
		}
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, ' ')
		}
		i++
	}
	return b
}

// separators reports whether s is made only of separators (isSeparator):
// most of the non-ASCII runs of agency copy, which fold would turn into
// spaces, at the cost of a normalising iterator each.
func separators(s string) bool {
	for _, r := range s {
		if !isSeparator(r) {
			return false
		}
	}
	return true
}

// isSeparator reports whether r is a no-break space, a guillemet, or in
// Unicode's General Punctuation block: typographic quotes and apostrophes,
// dashes, ellipses, spaces of every width, zero-width joiners. fold turns
// each into spaces only (TestSeparatorsFoldToSpaces).
func isSeparator(r rune) bool {
	return r == 0xA0 || r == 0xAB || r == 0xBB || r >= 0x2000 && r <= 0x206F
}

// fold appends text to b decomposed, without accents and in lower case,
// with a space for every rune that is not part of a word. It reads any
// text, ASCII too: it is what Scan's one-pass reading of ASCII must equal
// (FuzzScanMatchesFold).
func fold(b []byte, text string) []byte {
	var it norm.Iter
	it.InitString(norm.NFKD, text)
	for !it.Done() {
		seg := it.Next()
		for len(seg) > 0 {
			r, size := utf8.DecodeRune(seg)
			seg = seg[size:]
			switch {
			case unicode.Is(unicode.Mn, r):
				// Accents fold away; a mark inside a word does not split it.
			case IsCJK(r):
				b = utf8.AppendRune(b, r)
			case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mc, r):
				if r < 0x80 {
					if r >= 'A' && r <= 'Z' {
						r += 'a' - 'A'
					}
				} else {
					r = unicode.ToLower(r)
				}
				b = utf8.AppendRune(b, r)
			default:
				b = append(b, ' ')
			}
		}
	}
	return b
}

// IsCJK reports whether r is of a script written without spaces between
// words: Han, Hiragana, Katakana.
func IsCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

// Stem returns the English (Porter2) stem of a word of ASCII letters, and
// any other word unchanged: the stemmer knows English only, and a word in
// another script or with digits is looked up as written. Stop words keep
// their form.
func Stem(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return w
		}
	}
	if len(w) <= 2 {
		return w
	}
	return english.Stem(w, false)
}
