package mix

import "testing"

func TestHash(t *testing.T) {
	sum := func(parts ...string) uint64 {
		var h Hash
		for _, p := range parts {
			h.Str(p)
		}
		return h.Sum()
	}
	tests := []struct {
		a, b []string
		same bool
	}{
		{[]string{"abc"}, []string{"abc"}, true},
		{[]string{"ab", "c"}, []string{"a", "bc"}, false},
		{[]string{"12345678x"}, []string{"12345678y"}, false},
		{[]string{""}, []string{}, false},
		{[]string{"a\x00"}, []string{"a"}, false},
	}
	for _, tt := range tests {
		if got := sum(tt.a...) == sum(tt.b...); got != tt.same {
			t.Errorf("%q vs %q: same = %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
	// A fixed value: signatures are kept on disk between builds, so the
	// function must not change by accident.
	if got := sum("attache"); got != 0x38f1288d545a9ad4 {
		t.Errorf("sum(attache) = %#x: the hash function changed, and with it every kept signature", got)
	}
}
