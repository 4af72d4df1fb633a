package chart

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/internal/golden"

	"github.com/attache/attache/generator/internal/xmltree"
)

// parseXML fails the test unless s is well-formed XML with one root.
func parseXML(t *testing.T, s string) *xmltree.Node {
	t.Helper()
	n, err := xmltree.Parse(s)
	if err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, s)
	}
	return n
}

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func dates(ss ...string) []time.Time {
	out := make([]time.Time, len(ss))
	for i, s := range ss {
		out[i] = date(s)
	}
	return out
}

func TestTimeline(t *testing.T) {
	tests := []struct {
		name  string
		dates []time.Time
		want  []Bar
	}{
		{"none", nil, nil},
		{"one day", dates("2024-07-26"), []Bar{{Label: "22–28 Jul 2024", Value: 1}}},
		{"week 1 of 2024 starts on 1 January", dates("2023-12-31", "2024-01-01", "2024-01-07"),
			[]Bar{{Label: "25–31 Dec 2023", Value: 1}, {Label: "1–7 Jan 2024", Value: 2}}},
		{"2020 has a week 53 reaching into 2021", dates("2020-12-28", "2021-01-03", "2021-01-04"),
			[]Bar{{Label: "28 Dec 2020 – 3 Jan 2021", Value: 2}, {Label: "4–10 Jan 2021", Value: 1}}},
		{"week 1 of 2025 starts in December 2024", dates("2024-12-29", "2024-12-30"),
			[]Bar{{Label: "23–29 Dec 2024", Value: 1}, {Label: "30 Dec 2024 – 5 Jan 2025", Value: 1}}},
		{"empty weeks are zero bars", dates("2024-03-04", "2024-03-25"),
			[]Bar{{Label: "4–10 Mar 2024", Value: 1}, {Label: "11–17 Mar 2024"}, {Label: "18–24 Mar 2024"}, {Label: "25–31 Mar 2024", Value: 1}}},
		{"order does not matter", dates("2024-03-25", "2024-03-04", "2024-03-05"),
			[]Bar{{Label: "4–10 Mar 2024", Value: 2}, {Label: "11–17 Mar 2024"}, {Label: "18–24 Mar 2024"}, {Label: "25–31 Mar 2024", Value: 1}}},
		{"months across a year boundary", dates("2023-11-30", "2024-01-15", "2024-04-01", "2024-04-30"),
			[]Bar{{Label: "Nov 2023", Value: 1}, {Label: "Dec 2023"}, {Label: "Jan 2024", Value: 1}, {Label: "Feb 2024"}, {Label: "Mar 2024"}, {Label: "Apr 2024", Value: 2}}},
		{"just under 20 weeks is weekly", dates("2024-01-01", "2024-05-19"), nil},
		{"20 weeks is monthly", dates("2024-01-01", "2024-05-20"),
			[]Bar{{Label: "Jan 2024", Value: 1}, {Label: "Feb 2024"}, {Label: "Mar 2024"}, {Label: "Apr 2024"}, {Label: "May 2024", Value: 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Timeline(tt.dates)
			if tt.name == "just under 20 weeks is weekly" {
				if len(got) != 20 || got[0].Label != "1–7 Jan 2024" || got[4].Label != "29 Jan – 4 Feb 2024" || got[19].Label != "13–19 May 2024" {
					t.Fatalf("got %d bars %v", len(got), got)
				}
				return
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if g, w := got[i], tt.want[i]; g.Label != w.Label || g.Value != w.Value || g.Href != w.Href {
					t.Errorf("bar %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestTimelineUsesLocalDay(t *testing.T) {
	// 23:30 on Sunday in New York is Monday in UTC; the article is dated
	// Sunday where it was written.
	ny := time.FixedZone("EST", -5*3600)
	got := Timeline([]time.Time{time.Date(2024, 1, 7, 23, 30, 0, 0, ny)})
	if len(got) != 1 || got[0].Label != "1–7 Jan 2024" {
		t.Fatalf("got %v, want one bar 1–7 Jan 2024", got)
	}
}

func TestBarsEmpty(t *testing.T) {
	if got := Bars("x", nil); got != "" {
		t.Errorf("Bars(nil) = %q, want empty", got)
	}
	if got := Ranked("x", nil); got != "" {
		t.Errorf("Ranked(nil) = %q, want empty", got)
	}
}

func TestBarsAccessible(t *testing.T) {
	bars := []Bar{{Label: "Jan 2024", Value: 2}, {Label: "Feb 2024"}, {Label: "Mar 2024", Value: 5}, {Label: "Apr 2024", Value: 5}, {Label: "Jul 2024", Value: 0}}
	root := parseXML(t, string(Bars("Coverage of France", bars)))
	if root.Attr["role"] != "img" {
		t.Errorf("role = %q, want img for a chart without links", root.Attr["role"])
	}
	ids := strings.Fields(root.Attr["aria-labelledby"])
	if len(ids) != 2 {
		t.Fatalf("aria-labelledby = %q", root.Attr["aria-labelledby"])
	}
	title, desc := root.Child("title"), root.Child("desc")
	if title == nil || title.Attr["id"] != ids[0] || title.Text != "Coverage of France" {
		t.Errorf("title = %+v, want id %s", title, ids[0])
	}
	const wantDesc = "12 articles from Jan 2024 to Jul 2024; peak 5 in Mar 2024"
	if desc == nil || desc.Attr["id"] != ids[1] || desc.Text != wantDesc {
		t.Errorf("desc = %+v, want %q", desc, wantDesc)
	}
	rects := root.All("rect")
	if len(rects) != len(bars) {
		t.Fatalf("%d bars drawn, want %d", len(rects), len(bars))
	}
	var tips []string
	for _, g := range root.All("g") {
		if tt := g.Child("title"); tt != nil {
			tips = append(tips, tt.Text)
		}
	}
	if len(tips) != len(bars) || tips[0] != "Jan 2024: 2 articles" || tips[1] != "Feb 2024: 0 articles" {
		t.Errorf("bar titles = %q", tips)
	}
	var texts []string
	for _, x := range root.All("text") {
		texts = append(texts, x.Text)
	}
	if strings.Join(texts, "|") != "Jan 2024|Jul 2024|5 in Mar 2024" {
		t.Errorf("labels = %q, want first, last and peak", texts)
	}
}

func TestBarsSingleAndZero(t *testing.T) {
	root := parseXML(t, string(Bars("t", []Bar{{Label: "2024-W30", Value: 0}})))
	if got := root.Child("desc").Text; got != "0 articles in 2024-W30" {
		t.Errorf("desc = %q", got)
	}
	if n := len(root.All("text")); n != 1 {
		t.Errorf("%d text labels, want just the period (no peak when all are zero)", n)
	}
}

func TestBarsLinksAndEscaping(t *testing.T) {
	bars := []Bar{{Label: "A & <B>", Value: 1, Href: "/x?a=1&b=2"}, {Label: "C", Value: 3, Href: "/c/"}}
	for name, out := range map[string]string{"Bars": string(Bars(`Title "<&>"`, bars)), "Ranked": string(Ranked(`Title "<&>"`, bars))} {
		t.Run(name, func(t *testing.T) {
			root := parseXML(t, out)
			if root.Attr["role"] != "group" {
				t.Errorf("role = %q, want group so links stay reachable", root.Attr["role"])
			}
			if got := root.Child("title").Text; got != `Title "<&>"` {
				t.Errorf("title = %q", got)
			}
			links := root.All("a")
			if len(links) != 2 || links[0].Attr["href"] != "/x?a=1&b=2" || links[1].Attr["href"] != "/c/" {
				t.Fatalf("links = %+v", links)
			}
			if tt := links[0].Child("title"); tt == nil || !strings.HasPrefix(tt.Text, "A & <B>: 1") {
				t.Errorf("link title = %+v", tt)
			}
		})
	}
}

func TestRanked(t *testing.T) {
	bars := []Bar{{Label: "United States of America and more", Value: 12}, {Label: "France", Value: 3}}
	root := parseXML(t, string(Ranked("Mentioned with Germany", bars)))
	if got := root.Child("desc").Text; got != "United States of America and more 12, France 3." {
		t.Errorf("desc = %q", got)
	}
	texts := root.All("text")
	if len(texts) != 4 || texts[0].Text != "United States of A…" || texts[1].Text != "12" || texts[2].Text != "France" {
		t.Errorf("texts = %v", texts)
	}
	rects := root.All("rect")
	if rects[0].Attr["width"] == rects[1].Attr["width"] {
		t.Errorf("bars of 12 and 3 have the same width %s", rects[0].Attr["width"])
	}
}

func TestGolden(t *testing.T) {
	tl := Timeline(dates("2024-01-03", "2024-01-04", "2024-02-20", "2024-03-01", "2024-03-02", "2024-03-03", "2024-06-30", "2024-07-01"))
	golden.Check(t, "timeline.svg", string(Bars("Coverage of Kenya", tl)))
	golden.Check(t, "ranked.svg", string(Ranked("Mentioned with Kenya", []Bar{{Label: "Ethiopia", Value: 9, Href: "/countries/et/"}, {Label: "Somalia", Value: 4, Href: "/countries/so/"}, {Label: "African Union", Value: 2, Href: "/organisations/au/"}})))
}

func TestLinkMonths(t *testing.T) {
	href := func(y int, m time.Month) string { return fmt.Sprintf("/archive/%d/%02d/", y, int(m)) }
	monthly := Timeline(dates("2024-01-03", "2024-03-01", "2024-07-01"))
	LinkMonths(monthly, href)
	var got []string
	for _, b := range monthly {
		got = append(got, b.Label+"="+b.Href)
	}
	if want := "Jan 2024=/archive/2024/01/ Feb 2024= Mar 2024=/archive/2024/03/ Apr 2024= May 2024= Jun 2024= Jul 2024=/archive/2024/07/"; strings.Join(got, " ") != want {
		t.Errorf("monthly links = %s, want %s (empty months link nowhere)", strings.Join(got, " "), want)
	}
	// ISO week 2024-W31 runs from Monday 29 July to 4 August: with a
	// story on 30 July only, it links to July, whose page exists.
	weekly := Timeline(dates("2024-07-30", "2024-08-10"))
	LinkMonths(weekly, href)
	if weekly[0].Href != "/archive/2024/07/" || weekly[1].Href != "/archive/2024/08/" {
		t.Errorf("weekly links = %+v, want July then August", weekly)
	}
}

func TestDeterministic(t *testing.T) {
	bars := Timeline(dates("2024-01-03", "2024-05-20"))
	if first, second := Bars("t", bars), Bars("t", bars); first != second {
		t.Error("Bars output differs between calls")
	}
	if Bars("a", bars) == Bars("b", bars) {
		t.Error("charts with different titles share element ids")
	}
}

func BenchmarkBars(b *testing.B) {
	var ds []time.Time
	for i := range 400 {
		ds = append(ds, date("2022-01-01").AddDate(0, 0, i*2))
	}
	bars := Timeline(ds)
	b.ReportAllocs()
	for b.Loop() {
		Bars("Coverage", bars)
	}
}
