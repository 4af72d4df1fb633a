package item

import (
	"testing"
	"time"
)

func TestTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2018-10-21T16:25:32-05:00", time.Date(2018, 10, 21, 21, 25, 32, 0, time.UTC), true},
		{" 2019-08-09T09:30:04Z ", time.Date(2019, 8, 9, 9, 30, 4, 0, time.UTC), true},
		{"2018-10-19T11:17:00.150Z", time.Date(2018, 10, 19, 11, 17, 0, 150e6, time.UTC), true},
		{"2018-10-19T11:17:00", time.Date(2018, 10, 19, 11, 17, 0, 0, time.UTC), true},
		{"2018-10-19T11:17:00+0200", time.Date(2018, 10, 19, 9, 17, 0, 0, time.UTC), true},
		{"2018-10-19", time.Date(2018, 10, 19, 0, 0, 0, 0, time.UTC), true},
		{"yesterday", time.Time{}, false},
		{"2018-13-45", time.Time{}, false},
	}
	for _, tt := range tests {
		got, err := Time(tt.in)
		if (err == nil) != tt.ok || !got.Equal(tt.want) || (tt.ok && got.Location() != time.UTC) {
			t.Errorf("Time(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestStatus(t *testing.T) {
	for in, want := range map[string]string{
		"stat:usable": "usable", "stat:canceled": "canceled", "Canceled": "canceled", "cancelled": "canceled",
		"stat:withheld": "withheld", "": "usable", "http://cv.iptc.org/newscodes/pubstatusg2/withheld": "withheld", "stat:other": "other",
	} {
		if got := Status(in); got != want {
			t.Errorf("Status(%q) = %q, want %q", in, got, want)
		}
	}
}
