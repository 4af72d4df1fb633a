package mix

import (
	"testing"
	"time"
)

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

// TestTime checks that a time's zone counts, as RFC 3339 writes it.
func TestTime(t *testing.T) {
	sum := func(tm time.Time) uint64 {
		var h Hash
		h.Time(tm)
		return h.Sum()
	}
	utc := time.Date(2025, 1, 15, 9, 0, 0, 0, time.UTC)
	paris := utc.In(time.FixedZone("CET", 3600))
	if sum(utc) == sum(paris) {
		t.Error("09:00Z and 10:00+01:00 hash alike")
	}
	if sum(paris) != sum(utc.In(time.FixedZone("", 3600))) {
		t.Error("a zone's name, which RFC 3339 does not write, changed the hash")
	}
	if sum(utc) == sum(utc.Add(time.Second)) {
		t.Error("a second later hashes alike")
	}
}
