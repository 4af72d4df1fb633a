package suggest

import "testing"

func TestClosest(t *testing.T) {
	keys := []string{"title", "date", "draft", "countries", "organisations", "summary", "slug", "tags"}
	for _, tc := range []struct{ word, want string }{
		{"darft", "draft"},
		{"countires", "countries"},
		{"organizations", "organisations"},
		{"Title", "title"},
		{"titel", "title"},
		{"tag", "tags"},
		{"desk", ""},
		{"region", ""},
		{"", ""},
	} {
		if got := Closest(tc.word, keys); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

func TestHint(t *testing.T) {
	if got := Hint("darft", []string{"draft"}); got != ` (did you mean "draft"?)` {
		t.Errorf("Hint = %q", got)
	}
	if got := Hint("zzz", []string{"draft"}); got != "" {
		t.Errorf("Hint = %q, want none", got)
	}
}

func FuzzClosest(f *testing.F) {
	f.Add("darft", "draft")
	f.Add("\xff", "ü")
	f.Fuzz(func(t *testing.T, word, cand string) {
		got := Closest(word, []string{cand})
		if got != "" && got != cand {
			t.Fatalf("Closest returned %q, not a candidate", got)
		}
	})
}
