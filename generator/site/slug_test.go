package site

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/article"
)

// TestSlugifyCutsAtWords covers titles longer than a slug may be: the
// cut falls at the end of a word of the title, and not after a word that
// needs the one cut off.
func TestSlugifyCutsAtWords(t *testing.T) {
	tests := []struct{ in, want string }{
		// The two cuts issue 18 found in the sample site. The first slug
		// is 80 bytes up to "korean", which the old cut dropped whole.
		{"S. Korea, Japan hold defence talks, agree to expand information sharing on N. Korean missiles",
			"s-korea-japan-hold-defence-talks-agree-to-expand-information-sharing-on-n-korean"},
		{"S. Korea, Japan hold defence talks, agree to expand info sharing on N. Korean missiles",
			"s-korea-japan-hold-defence-talks-agree-to-expand-info-sharing-on-n-korean"},
		{"S. Korea, Japan hold defence talks, agree to expand information-sharing on N. Korean missiles",
			"s-korea-japan-hold-defence-talks-agree-to-expand-information-sharing-on-n-korean"},
		{"S. Korea and Japan hold defence talks, agree to expand information sharing on N. Korean missiles",
			"s-korea-and-japan-hold-defence-talks-agree-to-expand-information-sharing"},
		{"EU-Mercosur trade deal misses year-end target as talks pass to Paraguay's presidency",
			"eu-mercosur-trade-deal-misses-year-end-target-as-talks-pass"},
		{"Gulf ministers back Qatari and Egyptian mediation, call for lasting ceasefire in Gaza",
			"gulf-ministers-back-qatari-and-egyptian-mediation-call-for-lasting-ceasefire"},
		// A hyphenated word is one word: not cut between its parts.
		{"Ministers of the Association agree on a wide-ranging information-sharing arrangement-for-everyone",
			"ministers-of-the-association-agree-on-a-wide-ranging-information-sharing"},
		// A slug without spaces, as written in front matter, is cut at a
		// hyphen.
		{strings.Repeat("asean-china-", 8), "asean-china-asean-china-asean-china-asean-china-asean-china-asean-china-asean"},
		// One long word is cut where it must be.
		{strings.Repeat("x", 100), strings.Repeat("x", 80)},
		// A cut that would keep under half of the allowance keeps the
		// last word end instead, weak or not.
		{"Talks on " + strings.Repeat("y", 90), "talks-on-" + strings.Repeat("y", 71)},
		// Short slugs are untouched.
		{"Talks on N. Korea", "talks-on-n-korea"},
	}
	for _, tt := range tests {
		got := Slugify(tt.in)
		if got != tt.want {
			t.Errorf("Slugify(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
		if len(got) > maxSlugLen {
			t.Errorf("Slugify(%q) is %d bytes", tt.in, len(got))
		}
	}
}

// FuzzSlugify checks the promises every slug keeps: at most 80 bytes of
// lowercase ASCII letters, digits and single inner hyphens, a prefix of the
// whole slug ending where a part of it ends, and unchanged by a second
// pass, so that it is stable.
func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"China's FM", "S. Korea, Japan hold defence talks, agree to expand information sharing on N. Korean missiles",
		"  --G20: hunger -- alliance!  ", "Türkiye’s", strings.Repeat("a-b ", 30), strings.Repeat("on ", 40), "日本"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slugify(s)
		whole, _ := slugWords(s)
		if len(got) > maxSlugLen || !strings.HasPrefix(whole, got) {
			t.Fatalf("Slugify(%q) = %q: longer than %d or not a prefix of %q", s, got, maxSlugLen, whole)
		}
		if got != whole && len(got) < len(whole) && whole[len(got)] != '-' && len(got) != maxSlugLen {
			t.Fatalf("Slugify(%q) = %q: cut inside a part of %q", s, got, whole)
		}
		if strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Fatalf("Slugify(%q) = %q: stray hyphen", s, got)
		}
		for _, r := range got {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Fatalf("Slugify(%q) = %q: has %q", s, got, r)
			}
		}
		if again := Slugify(got); again != got {
			t.Fatalf("Slugify(Slugify(%q)) = %q, not %q", s, again, got)
		}
	})
}

// TestOldestFirst checks the order paths are given in against its
// definition, date then file name, on articles sorted as New sorts them.
func TestOldestFirst(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		n := r.IntN(30)
		as := make([]*Article, n)
		for i := range as {
			date := time.Date(2024, 1, 1+r.IntN(4), 0, 0, 0, 0, time.UTC)
			as[i] = &Article{Parsed: &article.Article{File: fmt.Sprintf("f%02d.md", r.IntN(20)), Date: date}, Date: date}
		}
		slices.SortFunc(as, func(a, b *Article) int {
			return cmp.Or(b.Date.Compare(a.Date), strings.Compare(a.Parsed.File, b.Parsed.File))
		})
		got := oldestFirst(as)
		if len(got) != n {
			t.Fatalf("%d indexes for %d articles", len(got), n)
		}
		for k := 1; k < len(got); k++ {
			a, b := as[got[k-1]], as[got[k]]
			if c := cmp.Or(a.Date.Compare(b.Date), strings.Compare(a.Parsed.File, b.Parsed.File)); c > 0 {
				t.Fatalf("%s %v before %s %v", a.Parsed.File, a.Date, b.Parsed.File, b.Date)
			}
		}
	}
}
