// Package tokenize is the search index's analyser: it turns text into the
// terms the index stores and a query looks up. The browser's script
// (templates/default/static/js/search.js) repeats Words step for step, so
// the two must change together (TestClientTokenizesLikeGo).
package tokenize

import (
	"unicode"
	"unicode/utf8"

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
	var word []rune
	var cjk []rune
	flushWord := func() {
		if n := len(word); n > 0 && n <= MaxRunes {
			s := string(word)
			out = append(out, Word{Surface: s, Stem: Stem(s)})
		}
		word = word[:0]
	}
	flushCJK := func() {
		switch len(cjk) {
		case 0:
		case 1:
			out = append(out, Word{Surface: string(cjk), Stem: string(cjk)})
		default:
			for i := 0; i+1 < len(cjk); i++ {
				s := string(cjk[i : i+2])
				out = append(out, Word{Surface: s, Stem: s})
			}
		}
		cjk = cjk[:0]
	}
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
				flushWord()
				cjk = append(cjk, r)
			case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mc, r):
				flushCJK()
				word = append(word, unicode.ToLower(r))
			default:
				flushWord()
				flushCJK()
			}
		}
	}
	flushWord()
	flushCJK()
	return out
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
