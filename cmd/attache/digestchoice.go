package main

import (
	"fmt"
	"time"

	"github.com/attache/attache/generator/site"
)

// digestChoice says which period a digest covers and why, for standard
// error: run months after the newest briefing, the default period is far
// from today, and a user should not have to guess which one was written.
// date is the -date flag, kindFlag whether -period chose the length, now
// the day the command runs.
func digestChoice(d *site.Digest, date string, kindFlag bool, now time.Time) string {
	p := d.Period
	what := fmt.Sprintf("attache digest: %s, %s", p.Title(), briefingCount(len(d.Articles)))
	if d.Topic != "" {
		what += " on " + d.Topic
	}
	var why string
	current := site.PeriodOf(p.Kind, now)
	switch {
	case date != "":
		why = fmt.Sprintf("the %s that holds -date %s", p.Kind, date)
	case p == current:
		why = fmt.Sprintf("%s, the latest %s with briefings (no -date given)", thisPeriod(p.Kind), p.Kind)
	case current.Start.After(p.Start):
		why = fmt.Sprintf("the latest %s with briefings (no -date given); %s, %s, has none", p.Kind, thisPeriod(p.Kind), current.Title())
	default:
		why = fmt.Sprintf("the latest %s with briefings (no -date given)", p.Kind)
	}
	source := "config.toml's [digests] period"
	if kindFlag {
		source = "-period"
	}
	return fmt.Sprintf("%s: %s.\nattache digest: a %s from %s; -date YYYY-MM-DD and -period day|week|month choose another.",
		what, why, p.Kind, source)
}

// thisPeriod names the period of kind that holds today.
func thisPeriod(kind site.PeriodKind) string {
	if kind == site.Daily {
		return "today"
	}
	return "this " + string(kind)
}

func briefingCount(n int) string {
	if n == 1 {
		return "1 briefing"
	}
	return fmt.Sprintf("%d briefings", n)
}
