package chart

import "time"

// weeklyUnder is the span below which Timeline counts by week: a few months
// of monthly bars would say little.
const weeklyUnder = 20 * 7 * 24 * time.Hour

// Timeline counts dates into consecutive periods from the first date's period
// to the last's, with a zero bar for every empty period between. Periods are
// ISO weeks, labelled by their days like "22–28 Jul 2024", when the dates span less than 20
// weeks, and calendar months, labelled like "Jul 2024", otherwise. Each date
// counts in its own calendar day, in its own location. No dates give nil.
func Timeline(dates []time.Time) []Bar { return Words{}.Timeline(dates) }

// Timeline is Timeline with months named by w.
func (w Words) Timeline(dates []time.Time) []Bar {
	if len(dates) == 0 {
		return nil
	}
	days := make([]time.Time, len(dates))
	first, last := day(dates[0]), day(dates[0])
	for i, d := range dates {
		days[i] = day(d)
		if days[i].Before(first) {
			first = days[i]
		}
		if days[i].After(last) {
			last = days[i]
		}
	}
	if last.Sub(first) < weeklyUnder {
		return bucket(days, monday(first), monday(last), func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }, monday, w.week)
	}
	return bucket(days, month(first), month(last), func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }, month, w.month)
}

// bucket counts days into periods from start to end inclusive.
func bucket(days []time.Time, start, end time.Time, next, period func(time.Time) time.Time, label func(time.Time) string) []Bar {
	index := map[time.Time]int{}
	var bars []Bar
	for t := start; !t.After(end); t = next(t) {
		index[t] = len(bars)
		bars = append(bars, Bar{Label: label(t)})
	}
	for _, d := range days {
		b := &bars[index[period(d)]]
		b.Value++
		if d.After(b.last) {
			b.last = d
		}
	}
	return bars
}

// day is the calendar day of t in its own location, as a UTC midnight, so
// that arithmetic on days never meets a daylight-saving change.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// monday is the first day of d's ISO week.
func monday(d time.Time) time.Time {
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

func month(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// LinkMonths links every non-empty bar of a Timeline to the page of a
// month, as href names it: a monthly bar to its month, a weekly bar to the
// month of its latest date, as a week may span two months and only
// months with stories have pages.
func LinkMonths(bars []Bar, href func(year int, month time.Month) string) {
	for i := range bars {
		if b := &bars[i]; b.Value > 0 && !b.last.IsZero() {
			b.Href = href(b.last.Year(), b.last.Month())
		}
	}
}
