package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/pipeline"
	"github.com/attache/attache/generator/site"
)

// TestDigestSaysWhichPeriod runs attache digest as issue 18 did, long after
// the newest briefing, and expects standard error to name the period
// written and why it was chosen; standard output stays the document.
func TestDigestSaysWhichPeriod(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string // in stderr
	}{
		{"latest week", []string{"-format", "text"}, []string{
			"attache digest: Week 32, 2024 (5–11 August), 1 briefing: the latest week with briefings (no -date given); this week, ",
			"a week from config.toml's [digests] period; -date YYYY-MM-DD and -period day|week|month choose another."}},
		{"a date", []string{"-format", "text", "-date", "2024-07-26"}, []string{
			"attache digest: Week 30, 2024 (22–28 July), 2 briefings: the week that holds -date 2024-07-26.\n"}},
		{"a month by flag", []string{"-format", "text", "-period", "month", "-date", "2024-07-26"}, []string{
			"attache digest: July 2024, ", "the month that holds -date 2024-07-26", "a month from -period"}},
		{"a region by its short form", []string{"-format", "text", "-region", "East Asia"}, []string{
			"1 briefing on Eastern Asia: the latest week with briefings"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCmd(append([]string{"digest", "-source", fixtureSite}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
			if strings.Contains(out, "attache digest:") {
				t.Errorf("the explanation went to standard output:\n%s", out)
			}
		})
	}
}

// TestDigestChoiceToday explains the same digest on a day in its week, on
// a day long after it and on a day before it (an article dated ahead).
func TestDigestChoiceToday(t *testing.T) {
	p, err := pipeline.Load(pipeline.Options{Source: fixtureSite})
	if err != nil {
		t.Fatal(err)
	}
	s, err := p.Model(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	d, err := s.DigestAt(site.Weekly, site.DigestFilter{}, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		now  string
		want string
	}{
		{"2024-08-07", "Week 32, 2024 (5–11 August), 1 briefing: this week, the latest week with briefings (no -date given)."},
		{"2026-11-30", "the latest week with briefings (no -date given); this week, Week 49, 2026 (30 November – 6 December), has none."},
		{"2024-08-01", "the latest week with briefings (no -date given)."},
	} {
		now, _ := time.Parse("2006-01-02", tt.now)
		if got := digestChoice(d, "", false, now); !strings.Contains(got, tt.want) {
			t.Errorf("on %s:\n%s\nwant it to contain %q", tt.now, got, tt.want)
		}
	}
}
