package tokenize

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestWords(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // surface/stem pairs, "surface" alone when equal
	}{
		{"english stems", "Ceasefire talks resumed", "ceasefire/ceasefir talks/talk resumed/resum"},
		{"accents fold", "Türkiye, Côte d’Ivoire", "turkiye/turkiy cote d ivoire/ivoir"},
		{"compatibility forms", "ﬁnance Ｕ Ｎ", "finance/financ u n"},
		{"cyrillic", "Переговоры в Киеве", "переговоры в киеве"},
		{"arabic diacritics fold", "مُفَاوَضَات", "مفاوضات"},
		{"chinese bigrams", "停火谈判", "停火 火谈 谈判"},
		{"lone han", "中 war", "中 war"},
		{"japanese mixed with latin", "東京G7サミット", "東京 g7 サミ ミッ ット"},
		{"digits", "UN 2024 resolution 2231", "un 2024 resolution/resolut 2231"},
		{"stop words keep form", "the was", "the was"},
		{"punctuation only", "— … !!", ""},
		{"overlong word dropped", strings.Repeat("a", MaxRunes+1) + " ok", "ok"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, w := range Words(tt.in) {
				if w.Stem == w.Surface {
					got = append(got, w.Surface)
				} else {
					got = append(got, w.Surface+"/"+w.Stem)
				}
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("Words(%q) = %q, want %q", tt.in, g, tt.want)
			}
		})
	}
}

// FuzzTokenize checks what the index relies on: words are valid UTF-8,
// non-empty, bounded, free of separators, and a word's own text gives the
// same word back.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Ceasefire talks", "Türkiye", "停火谈判", "Переговоры", "\xff\xfe", "a\u0301b", "ＡＢＣ", "ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, w := range Words(s) {
			if w.Surface == "" || w.Stem == "" || !utf8.ValidString(w.Surface) || !utf8.ValidString(w.Stem) {
				t.Fatalf("bad word %+v from %q", w, s)
			}
			if n := utf8.RuneCountInString(w.Surface); n > MaxRunes {
				t.Fatalf("word of %d runes from %q", n, s)
			}
			if strings.ContainsAny(w.Surface, " \t\n") {
				t.Fatalf("word %q holds a space", w.Surface)
			}
			if again := Words(w.Surface); len(again) != 1 || again[0] != w {
				t.Fatalf("Words(%q) = %+v, want the word itself (from %q)", w.Surface, again, s)
			}
		}
	})
}

// reference is Each's words of text by the slow path, which decomposes
// every text, ASCII or not.
func reference(text string) []string {
	f := string(fold(nil, text))
	var out []string
	split(f, func(i, j int) { out = append(out, f[i:j]) })
	return out
}

// scanned is Scan's words of text, copied.
func scanned(text string) []string {
	var out []string
	Scan(nil, text, func(w []byte) { out = append(out, string(w)) })
	return out
}

func TestScanMatchesFold(t *testing.T) {
	for _, s := range []string{
		"", "   ", "Ceasefire talks resumed", "U.S.-led talks, 2024/25: \"ceasefire\"",
		"a\tb\nc\rd\x00e\x7f", strings.Repeat("x", MaxRunes) + " " + strings.Repeat("y", MaxRunes+1) + " z",
		"trailing" + strings.Repeat("q", MaxRunes+5), "Türkiye", "停火谈判 talks", "ÀÉÎ",
	} {
		if got, want := scanned(s), reference(s); !slices.Equal(got, want) {
			t.Errorf("Scan(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzScanMatchesFold checks that Scan's one pass over ASCII, and its
// reuse of one buffer, give exactly the words of the slow path, for any
// text; the input is also tried with its bytes above 0x7f cleared, so that
// the fuzzer reaches the ASCII path as often as the other.
func FuzzScanMatchesFold(f *testing.F) {
	for _, s := range []string{"Ceasefire talks", "U.N. 2024-25", "Türkiye", "停火谈判", "x\xffy", strings.Repeat("ab ", 30)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ascii := []byte(s)
		for i := range ascii {
			ascii[i] &= 0x7f
		}
		for _, s := range []string{s, string(ascii)} {
			if got, want := scanned(s), reference(s); !slices.Equal(got, want) {
				t.Fatalf("Scan(%q) = %q, want %q", s, got, want)
			}
		}
	})
}

// FuzzFoldMixedMatchesFold checks that folding the ASCII bytes of a text
// apart from its other runes gives exactly what decomposing the whole
// text gives.
func FuzzFoldMixedMatchesFold(f *testing.F) {
	for _, s := range []string{"“Ceasefire” talks — resumed", "e\u0301te\u0301", "a\u0301\u0316b", "Türkiye’s", "停火 talks",
		"x" + strings.Repeat("\u0301", 40) + "y", "\xffA\xc3", "ǅ ﬁ Ｕ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := foldMixed(nil, s), fold(nil, s); string(got) != string(want) {
			t.Fatalf("foldMixed(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestSeparatorsFoldToSpaces: Scan skips fold for runs of separators,
// which must then be what fold makes of each: spaces, and nothing else.
func TestSeparatorsFoldToSpaces(t *testing.T) {
	n := 0
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if !isSeparator(r) || !utf8.ValidRune(r) {
			continue
		}
		n++
		if got := fold(nil, string(r)); len(got) == 0 || strings.Trim(string(got), " ") != "" {
			t.Errorf("fold(%U) = %q, want spaces only", r, got)
		}
	}
	if n < 100 {
		t.Fatalf("%d separators: the test proves little", n)
	}
}
