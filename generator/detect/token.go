package detect

import (
	"unicode"
	"unicode/utf8"
)

// token is one word of a field. Offsets are bytes into the field text;
// end excludes a possessive "'s" so evidence reads "China", not "China's".
type token struct {
	start, end int
	k0, k1     int  // key (lower-cased text, possessive stripped) is buf[k0:k1]
	cap        bool // first letter upper case
	upper      bool // every letter upper case, at least two letters
	sep        byte // what precedes the token: ' ' space, '-' hyphen, '.' other punctuation or field start
	hyphenNext bool // a hyphen follows directly ("Sino-")
	dollarNext bool // a '$' follows directly ("US$")
	commaNext  bool // ", " follows
	possessive bool
	sentStart  bool // first word of a sentence or line
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// ASCII character classes, so the common case skips the unicode tables.
const (
	clWord = 1 << iota
	clLetter
	clUpper
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case 'A' <= c && c <= 'Z':
			t[c] = clWord | clLetter | clUpper
		case 'a' <= c && c <= 'z':
			t[c] = clWord | clLetter
		case '0' <= c && c <= '9':
			t[c] = clWord
		}
	}
	return t
}()

// tokenize splits s into words on whole Unicode characters. An apostrophe
// between letters stays in the word (d'Ivoire, N'Djamena); "U.S."-style
// initialisms and a trailing '+' (OPEC+) form one word. keys is reused
// scratch space for the lower-cased keys.
func tokenize(s string, toks []token, buf []byte) ([]token, []byte) {
	toks = toks[:0]
	if cap(toks) < len(s)/6 {
		toks = make([]token, 0, len(s)/5)
	}
	if cap(buf) < len(s) {
		buf = make([]byte, 0, len(s)+len(s)/4)
	}
	sep := byte('.')
	sent := true
	i := 0
	for i < len(s) {
		c := s[i]
		var r rune
		size := 1
		word := false
		if c < utf8.RuneSelf {
			r = rune(c)
			word = asciiClass[c]&clWord != 0
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
			word = isWordRune(r)
		}
		if !word {
			switch {
			case c == '\n':
				sep, sent = '.', true
			case c == ' ' || c == '\t' || c == '\r' || r == '\u00a0':
				if sep == 0 {
					sep = ' '
				} else if sep == '-' {
					sep = '.'
				}
			case c == '-' || r == '‐':
				if sep == 0 {
					sep = '-'
				} else {
					sep = '.'
				}
			case c == '.' || c == '!' || c == '?':
				sep, sent = '.', true
			default:
				sep = '.'
			}
			i += size
			continue
		}
		start := i
		kstart := len(buf)
		letters, uppers := 0, 0
		first := true
		cap := false
		end := i
		// lastDot is where the initialism read so far ("U.S") has its
		// last dot, -1 before its first: the text from start to a
		// further dot is one when a single letter follows lastDot.
		lastDot := -1
		for i < len(s) {
			c = s[i]
			if c < utf8.RuneSelf {
				cl := asciiClass[c]
				if cl&clWord != 0 {
					if cl&clLetter != 0 {
						letters++
						if cl&clUpper != 0 {
							uppers++
							if first {
								cap = true
							}
							c += 'a' - 'A'
						}
					}
					first = false
					buf = append(buf, c)
					i++
					end = i
					continue
				}
				r, size = rune(c), 1
			} else {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
			if c >= utf8.RuneSelf && isWordRune(r) {
				if unicode.IsLetter(r) {
					letters++
					if unicode.IsUpper(r) {
						uppers++
						if first {
							cap = true
						}
					}
				}
				first = false
				if c < utf8.RuneSelf {
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					buf = append(buf, c)
				} else {
					buf = utf8.AppendRune(buf, unicode.ToLower(r))
				}
				i += size
				end = i
				continue
			}
			// apostrophe inside a word
			if (c == '\'' || r == '’') && i+size < len(s) {
				nr, _ := utf8.DecodeRuneInString(s[i+size:])
				if unicode.IsLetter(nr) {
					buf = append(buf, '\'')
					i += size
					continue
				}
			}
			// initialism: single letter followed by '.' and another letter-dot
			if c == '.' && i+2 < len(s) && isASCIILetter(s[i+1]) && s[i+2] == '.' &&
				(lastDot < 0 && i == start+1 && isASCIILetter(s[start]) || lastDot >= 0 && i == lastDot+2 && isASCIILetter(s[lastDot+1])) {
				buf = append(buf, '.')
				lastDot = i
				i++
				continue
			}
			break
		}
		// close an initialism: "U.S" + "."
		if i < len(s) && s[i] == '.' && len(buf)-kstart >= 3 && buf[len(buf)-2] == '.' {
			buf = append(buf, '.')
			i++
			end = i
		}
		if i < len(s) && s[i] == '+' {
			buf = append(buf, '+')
			i++
			end = i
		}
		poss := false
		if n := len(buf) - kstart; n > 2 && buf[len(buf)-1] == 's' && buf[len(buf)-2] == '\'' {
			buf = buf[:len(buf)-2]
			poss = true
			end = start + lastApostrophe(s[start:end])
		}
		t := token{start: start, end: end, k0: kstart, k1: len(buf), cap: cap, upper: letters >= 2 && uppers == letters, sep: sep, possessive: poss, sentStart: sent}
		if i < len(s) {
			switch s[i] {
			case '-':
				t.hyphenNext = true
			case '$':
				t.dollarNext = true
			case ',':
				t.commaNext = true
			}
		}
		toks = append(toks, t)
		sep, sent = 0, false
	}
	return toks, buf
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func lastApostrophe(w string) int {
	for i := len(w) - 1; i >= 0; i-- {
		if w[i] == '\'' {
			return i
		}
		if w[i] == 0x99 && i >= 2 && w[i-2] == 0xe2 && w[i-1] == 0x80 { // ’
			return i - 2
		}
	}
	return len(w)
}
