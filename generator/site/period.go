package site

import (
	"fmt"
	"strings"
	"time"
)

// PeriodKind is the length of a digest period.
type PeriodKind string

// The digest period kinds. Weeks are ISO 8601 weeks: Monday to Sunday,
// numbered so that week 1 holds the year's first Thursday.
const (
	Daily   PeriodKind = "day"
	Weekly  PeriodKind = "week"
	Monthly PeriodKind = "month"
)

// ParsePeriodKind checks a period name as written in config or on the
// command line.
func ParsePeriodKind(s string) (PeriodKind, error) {
	switch k := PeriodKind(strings.ToLower(strings.TrimSpace(s))); k {
	case Daily, Weekly, Monthly:
		return k, nil
	}
	return "", fmt.Errorf("period %q: want day, week or month", s)
}

// Period is one day, ISO week or month. Start is a civil date held as
// midnight UTC, so that periods compare and step without zone arithmetic.
type Period struct {
	Kind  PeriodKind
	Start time.Time
}

// PeriodOf returns the period of kind that holds t. It goes by the calendar
// date written on t, in t's own zone: an article dated
// 2024-07-28T23:30:00-05:00 belongs to Sunday 28 July, week 2024-W30, even
// though that instant is already Monday in UTC. Readers and editors think of
// a story by the date on it, not by where the server runs.
func PeriodOf(kind PeriodKind, t time.Time) Period {
	y, m, d := t.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	switch kind {
	case Weekly:
		back := (int(day.Weekday()) + 6) % 7 // days since Monday
		day = day.AddDate(0, 0, -back)
	case Monthly:
		day = time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	}
	return Period{Kind: kind, Start: day}
}

// End returns the first day after the period.
func (p Period) End() time.Time {
	switch p.Kind {
	case Weekly:
		return p.Start.AddDate(0, 0, 7)
	case Monthly:
		return p.Start.AddDate(0, 1, 0)
	}
	return p.Start.AddDate(0, 0, 1)
}

// Last returns the last day of the period.
func (p Period) Last() time.Time { return p.End().AddDate(0, 0, -1) }

// Prev returns the period just before p.
func (p Period) Prev() Period {
	switch p.Kind {
	case Weekly:
		return Period{Kind: p.Kind, Start: p.Start.AddDate(0, 0, -7)}
	case Monthly:
		return Period{Kind: p.Kind, Start: p.Start.AddDate(0, -1, 0)}
	}
	return Period{Kind: p.Kind, Start: p.Start.AddDate(0, 0, -1)}
}

// Next returns the period just after p.
func (p Period) Next() Period { return Period{Kind: p.Kind, Start: p.End()} }

// Contains reports whether t's calendar date, in t's own zone, is in p.
func (p Period) Contains(t time.Time) bool { return PeriodOf(p.Kind, t) == p }

// Key names the period in URLs: "2024-07-26", "2024-w30", "2024-07". The
// year of a week is its ISO year: 2024-12-30 is in "2025-w01".
func (p Period) Key() string {
	switch p.Kind {
	case Weekly:
		y, w := p.Start.ISOWeek()
		return fmt.Sprintf("%04d-w%02d", y, w)
	case Monthly:
		return p.Start.Format("2006-01")
	}
	return p.Start.Format("2006-01-02")
}

// Title names the period for readers: "26 July 2024", "Week 30, 2024
// (22–28 July)", "July 2024".
func (p Period) Title() string {
	switch p.Kind {
	case Weekly:
		y, w := p.Start.ISOWeek()
		return fmt.Sprintf("Week %d, %d (%s)", w, y, p.Span())
	case Monthly:
		return p.Start.Format("January 2006")
	}
	return p.Start.Format("2 January 2006")
}

// Span writes the period's days compactly: "22–28 July", "29 July – 4
// August", "30 December 2024 – 5 January 2025".
func (p Period) Span() string {
	a, b := p.Start, p.Last()
	switch {
	case a.Equal(b):
		return a.Format("2 January 2006")
	case a.Year() != b.Year():
		return a.Format("2 January 2006") + " – " + b.Format("2 January 2006")
	case a.Month() != b.Month():
		return a.Format("2 January") + " – " + b.Format("2 January")
	}
	return fmt.Sprintf("%d–%s", a.Day(), b.Format("2 January"))
}

// ParsePeriodKey is the inverse of Key.
func ParsePeriodKey(key string) (Period, error) {
	var y, w int
	if n, err := fmt.Sscanf(strings.ToLower(key), "%4d-w%2d", &y, &w); err == nil && n == 2 && len(key) == 8 {
		// 4 January is always in week 1.
		p := PeriodOf(Weekly, time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC))
		p.Start = p.Start.AddDate(0, 0, 7*(w-1))
		if gy, gw := p.Start.ISOWeek(); w < 1 || gy != y || gw != w {
			return Period{}, fmt.Errorf("period %q: %d has no week %d", key, y, w)
		}
		return p, nil
	}
	if t, err := time.Parse("2006-01-02", key); err == nil {
		return PeriodOf(Daily, t), nil
	}
	if t, err := time.Parse("2006-01", key); err == nil {
		return PeriodOf(Monthly, t), nil
	}
	return Period{}, fmt.Errorf("period %q: want YYYY-MM-DD, YYYY-wNN or YYYY-MM", key)
}
