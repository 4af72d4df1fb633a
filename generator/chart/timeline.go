package chart

import (
	"math"
	"slices"
	"strconv"
	"time"
)

// weeklyUnder is the span below which Timeline counts by week: a few months
// of monthly bars would say little.
const weeklyUnder = 20 * 7 * 24 * time.Hour

// Timeline counts dates into consecutive periods from the first date's period
// to the last's, with a zero bar for every empty period between. Periods are
// ISO weeks, labelled by their days like "22–28 Jul 2024", when the dates
// span less than 20 weeks; calendar months, labelled like "Jul 2024", up to
// maxBars of them; past that years ("2024"), or decades or centuries
// ("2020–2029"), the shortest that keep the bars within maxBars. Each date
// counts in its own calendar day, in its own location. No dates give nil.
func Timeline(dates []time.Time) []Bar { return Words{}.Timeline(dates) }

// Timeline is Timeline with months named by w.
func (w Words) Timeline(dates []time.Time) []Bar {
	return w.TimelineOf(len(dates), func(i int) time.Time { return dates[i] })
}

// TimelineOf is Timeline of the n dates date returns, for a caller whose
// dates are fields of its own values.
func (w Words) TimelineOf(n int, date func(i int) time.Time) []Bar {
	if n == 0 {
		return nil
	}
	// A home page charts every story of the archive, on every build that
	// changes it: dates are counted as day numbers, without a time.Time
	// or a map per date.
	days, months := make([]int64, n), make([]int64, n)
	first, last := int64(math.MaxInt64), int64(math.MinInt64)
	for i := range n {
		y, m, dd := date(i).Date()
		days[i] = daysFromCivil(int64(y), int64(m), int64(dd))
		months[i] = int64(y)*12 + int64(m) - 1
		first, last = min(first, days[i]), max(last, days[i])
	}
	if last-first < int64(weeklyUnder/(24*time.Hour)) {
		start := first - weekdayFromMonday(first)
		n := (last-weekdayFromMonday(last)-start)/7 + 1
		bars := make([]Bar, n)
		lasts := make([]int64, n)
		for i := range bars {
			lasts[i] = math.MinInt64
			bars[i].Label = w.week(dayTime(start + int64(i)*7))
		}
		for _, d := range days {
			k := (d - start) / 7
			bars[k].Value++
			lasts[k] = max(lasts[k], d)
		}
		return withLasts(bars, lasts)
	}
	start, end := slices.Min(months), slices.Max(months)
	if end-start+1 > maxBars {
		return w.yearBars(days, months)
	}
	bars := make([]Bar, end-start+1)
	lasts := make([]int64, len(bars))
	for i := range bars {
		lasts[i] = math.MinInt64
		m := start + int64(i)
		bars[i].Label = w.month(time.Date(int(m/12), time.Month(m%12+1), 1, 0, 0, 0, 0, time.UTC))
	}
	for i, d := range days {
		k := months[i] - start
		bars[k].Value++
		lasts[k] = max(lasts[k], d)
	}
	return withLasts(bars, lasts)
}

// maxBars bounds a timeline's bars: past twenty years of months, bars are
// years, and past 240 years decades or centuries, so that one story dated
// 1024 for 2024 does not draw twelve thousand months on every page that
// charts it.
const maxBars = 240

// yearBars counts dates by spans of years, the fewest years a bar that
// keep the bars within maxBars: "2024", or "2020–2029".
func (w Words) yearBars(days, months []int64) []Bar {
	first, last := floorDiv(slices.Min(months), 12), floorDiv(slices.Max(months), 12)
	size := int64(1)
	for floorDiv(last, size)-floorDiv(first, size)+1 > maxBars {
		size *= 10
	}
	start := floorDiv(first, size)
	bars := make([]Bar, floorDiv(last, size)-start+1)
	lasts := make([]int64, len(bars))
	for i := range bars {
		lasts[i] = math.MinInt64
		from := (start + int64(i)) * size
		bars[i].Label = strconv.FormatInt(from, 10)
		if size > 1 {
			bars[i].Label += "–" + strconv.FormatInt(from+size-1, 10)
		}
	}
	for i, d := range days {
		k := floorDiv(floorDiv(months[i], 12), size) - start
		bars[k].Value++
		lasts[k] = max(lasts[k], d)
	}
	return withLasts(bars, lasts)
}

// withLasts sets each counted bar's latest day.
func withLasts(bars []Bar, lasts []int64) []Bar {
	for i := range bars {
		if bars[i].Value > 0 {
			bars[i].last = dayTime(lasts[i])
		}
	}
	return bars
}

// daysFromCivil numbers the days of the proleptic Gregorian calendar, 1
// January 1970 being 0 (Howard Hinnant's days_from_civil).
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// weekdayFromMonday is day's place in its ISO week, Monday being 0: 1
// January 1970 was a Thursday.
func weekdayFromMonday(day int64) int64 {
	return ((day+3)%7 + 7) % 7
}

// dayTime is day number day as a UTC midnight.
func dayTime(day int64) time.Time { return time.Unix(day*86400, 0).UTC() }

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// LinkMonths links every non-empty bar of a Timeline to the page of a
// month, as href names it: a monthly bar to its month, a bar of a week or
// of years to the month of its latest date, as a week may span two months
// and only months with stories have pages.
func LinkMonths(bars []Bar, href func(year int, month time.Month) string) {
	for i := range bars {
		if b := &bars[i]; b.Value > 0 && !b.last.IsZero() {
			b.Href = href(b.last.Year(), b.last.Month())
		}
	}
}
