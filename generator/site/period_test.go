package site

import (
	"testing"
	"time"
)

func TestPeriodOf(t *testing.T) {
	chicago := time.FixedZone("CDT", -5*3600)
	tokyo := time.FixedZone("JST", 9*3600)
	tests := []struct {
		name  string
		kind  PeriodKind
		t     time.Time
		key   string
		start string
		title string
	}{
		{"week across New Year belongs to the next ISO year", Weekly, day("2024-12-30"), "2025-w01", "2024-12-30", "Week 1, 2025 (30 December 2024 – 5 January 2025)"},
		{"1 January in the last week of the old year", Weekly, day("2021-01-01"), "2020-w53", "2020-12-28", "Week 53, 2020 (28 December 2020 – 3 January 2021)"},
		{"a 53rd week", Weekly, day("2020-12-31"), "2020-w53", "2020-12-28", "Week 53, 2020 (28 December 2020 – 3 January 2021)"},
		{"Sunday ends the week", Weekly, day("2024-07-28"), "2024-w30", "2024-07-22", "Week 30, 2024 (22–28 July)"},
		{"Monday starts the next", Weekly, day("2024-07-29"), "2024-w31", "2024-07-29", "Week 31, 2024 (29 July – 4 August)"},
		// 23:30 in Chicago is already Monday 04:30 in UTC; the date as
		// written wins.
		{"late evening west of UTC keeps its own date", Weekly, time.Date(2024, 7, 28, 23, 30, 0, 0, chicago), "2024-w30", "2024-07-22", ""},
		// 07:00 Monday in Tokyo is still Sunday in UTC.
		{"early morning east of UTC keeps its own date", Weekly, time.Date(2024, 7, 29, 7, 0, 0, 0, tokyo), "2024-w31", "2024-07-29", ""},
		{"day", Daily, time.Date(2024, 7, 26, 23, 59, 0, 0, chicago), "2024-07-26", "2024-07-26", "26 July 2024"},
		{"month", Monthly, day("2024-02-29"), "2024-02", "2024-02-01", "February 2024"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := PeriodOf(tt.kind, tt.t)
			if p.Key() != tt.key {
				t.Errorf("key = %q, want %q", p.Key(), tt.key)
			}
			if got := p.Start.Format("2006-01-02"); got != tt.start {
				t.Errorf("start = %s, want %s", got, tt.start)
			}
			if tt.title != "" && p.Title() != tt.title {
				t.Errorf("title = %q, want %q", p.Title(), tt.title)
			}
			if !p.Contains(tt.t) {
				t.Errorf("period %s does not contain %v", p.Key(), tt.t)
			}
			back, err := ParsePeriodKey(p.Key())
			if err != nil || back != p {
				t.Errorf("ParsePeriodKey(%q) = %v, %v; want %v", p.Key(), back, err, p)
			}
		})
	}
}

func TestPeriodStepping(t *testing.T) {
	tests := []struct {
		kind       PeriodKind
		date       string
		prev, next string
	}{
		{Weekly, "2025-01-01", "2024-w52", "2025-w02"},
		{Weekly, "2021-01-04", "2020-w53", "2021-w02"},
		{Monthly, "2024-01-31", "2023-12", "2024-02"},
		{Monthly, "2024-03-31", "2024-02", "2024-04"},
		{Daily, "2024-03-01", "2024-02-29", "2024-03-02"},
	}
	for _, tt := range tests {
		p := PeriodOf(tt.kind, day(tt.date))
		if got := p.Prev().Key(); got != tt.prev {
			t.Errorf("%s %s: prev = %s, want %s", tt.kind, tt.date, got, tt.prev)
		}
		if got := p.Next().Key(); got != tt.next {
			t.Errorf("%s %s: next = %s, want %s", tt.kind, tt.date, got, tt.next)
		}
	}
}

func TestParsePeriodKey(t *testing.T) {
	for _, bad := range []string{"", "2024-w54", "2021-w53", "2024-w00", "2024-13", "2024-07-32", "week 30", "2024-w3"} {
		if p, err := ParsePeriodKey(bad); err == nil {
			t.Errorf("ParsePeriodKey(%q) = %v, want an error", bad, p)
		}
	}
	if _, err := ParsePeriodKind("fortnight"); err == nil {
		t.Error("ParsePeriodKind(fortnight): want an error")
	}
	if k, err := ParsePeriodKind(" Week "); err != nil || k != Weekly {
		t.Errorf("ParsePeriodKind(Week) = %q, %v", k, err)
	}
}

func FuzzParsePeriodKey(f *testing.F) {
	for _, s := range []string{"2024-w30", "2020-w53", "2024-07", "2024-07-26", "9999-w99", "0000-w01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, key string) {
		p, err := ParsePeriodKey(key)
		if err != nil {
			return
		}
		// A key that parses names a period whose own key parses back to it.
		q, err := ParsePeriodKey(p.Key())
		if err != nil || q != p {
			t.Fatalf("%q → %v → %q → %v, %v", key, p, p.Key(), q, err)
		}
		if !p.Contains(p.Start) || p.Contains(p.End()) {
			t.Fatalf("%q: period %v does not hold its own days", key, p)
		}
	})
}
