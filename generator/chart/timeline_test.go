package chart

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// referenceTimeline counts dates as Timeline is documented to, with a
// time.Time and a map per date.
func referenceTimeline(w Words, dates []time.Time) []Bar {
	if len(dates) == 0 {
		return nil
	}
	day := func(t time.Time) time.Time {
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	monday := func(d time.Time) time.Time { return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7)) }
	month := func(d time.Time) time.Time { return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC) }
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
	period, next, label := month, func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }, w.month
	if last.Sub(first) < weeklyUnder {
		period, next, label = monday, func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }, w.week
	}
	index := map[time.Time]int{}
	var bars []Bar
	for t := period(first); !t.After(period(last)); t = next(t) {
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

// TestTimelineMatchesReference checks Timeline's day arithmetic against
// the calendar's, on random dates in several locations, over spans that
// give weekly and monthly bars, across leap years and before 1970.
func TestTimelineMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	zones := []*time.Location{time.UTC, time.FixedZone("east", 13*3600), time.FixedZone("west", -11*3600)}
	if ny, err := time.LoadLocation("America/New_York"); err == nil {
		zones = append(zones, ny)
	}
	starts := []time.Time{
		time.Date(2024, 2, 20, 0, 0, 0, 0, time.UTC),
		time.Date(1969, 12, 25, 0, 0, 0, 0, time.UTC),
		time.Date(1900, 2, 27, 0, 0, 0, 0, time.UTC),
		time.Date(2000, 12, 31, 23, 0, 0, 0, time.UTC),
	}
	spans := []time.Duration{0, 24 * time.Hour, 139 * 24 * time.Hour, 141 * 24 * time.Hour, 5 * 365 * 24 * time.Hour}
	for k := range 400 {
		start, span := starts[k%len(starts)], spans[(k/len(starts))%len(spans)]
		dates := make([]time.Time, 1+r.IntN(40))
		for i := range dates {
			d := start.Add(time.Duration(r.Int64N(int64(span) + 1)))
			dates[i] = d.In(zones[r.IntN(len(zones))])
		}
		got, want := Timeline(dates), referenceTimeline(Words{}, dates)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("dates %v:\n got %+v\nwant %+v", dates, got, want)
		}
	}
}

// TestTimelineFarApart checks that dates decades or centuries apart — a
// long archive, or a typo's year 1024 — give at most maxBars bars, in years
// or decades, each date counted once.
func TestTimelineFarApart(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	june := func(years ...int) []time.Time {
		var out []time.Time
		for _, y := range years {
			out = append(out, day(y, 6, 1))
		}
		return out
	}
	for _, tt := range []struct {
		dates       []time.Time
		n           int
		first, last string
	}{
		{[]time.Time{day(2005, 1, 3), day(2024, 12, 30)}, 20 * 12, "Jan 2005", "Dec 2024"},
		{june(2000, 2010, 2024), 25, "2000", "2024"},
		{june(1700, 2024), 33, "1700–1709", "2020–2029"},
		{june(1024, 2024, 2024), 101, "1020–1029", "2020–2029"},
		{june(1, 9999), 100, "0–99", "9900–9999"},
	} {
		bars := Timeline(tt.dates)
		total := 0
		for _, b := range bars {
			total += b.Value
		}
		if len(bars) != tt.n || bars[0].Label != tt.first || bars[len(bars)-1].Label != tt.last || total != len(tt.dates) {
			t.Errorf("%v: %d bars from %q to %q counting %d, want %d from %q to %q counting %d",
				tt.dates, len(bars), bars[0].Label, bars[len(bars)-1].Label, total, tt.n, tt.first, tt.last, len(tt.dates))
		}
	}
}

// BenchmarkTimeline charts 100,000 stories over ten years, as a large
// archive's home page does.
func BenchmarkTimeline(b *testing.B) {
	dates := make([]time.Time, 100_000)
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range dates {
		dates[i] = start.Add(time.Duration(i) * 53 * time.Minute)
	}
	b.Run("days", func(b *testing.B) {
		for b.Loop() {
			Timeline(dates)
		}
	})
	b.Run("reference", func(b *testing.B) {
		for b.Loop() {
			referenceTimeline(Words{}, dates)
		}
	})
}
