package parse

import (
	"path"
	"regexp"
	"strings"
	"time"
)

// publishedLayouts are the ways wire source lines write a publication time.
// They are tried after normalizePublished has tidied the text.
var publishedLayouts = []string{
	"15:04, January 2, 2006",
	"15:04, Jan 2, 2006",
	"15:04 January 2, 2006",
	"15:04, January 2 2006",
	"15:04, 2 January 2006",
	"January 2, 2006, 15:04",
	"January 2, 2006 15:04",
	"Jan 2, 2006, 15:04",
	"Jan 2, 2006 15:04",
	"2 January 2006 15:04",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	time.RFC3339,
	"2006-01-02T15:04:05",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"2006-01-02",
}

var abbrevDot = regexp.MustCompile(`\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.`)

func normalizePublished(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = abbrevDot.ReplaceAllString(s, "$1")
	return strings.ReplaceAll(s, "Sept ", "Sep ")
}

// parsePublished parses a source line's time. Wire times carry no zone and
// are taken as UTC.
func parsePublished(s string) (time.Time, bool) {
	s = normalizePublished(s)
	for _, layout := range publishedLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

var namePrefixRe = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})(?:$|[^0-9])`)

// dateFromName returns the date of a YYYY-MM-DD prefix of name's base, as
// in "2024-07-26-talks.md".
func dateFromName(name string) (time.Time, bool) {
	m := namePrefixRe.FindStringSubmatch(path.Base(name))
	if m == nil {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, m[1])
	return t, err == nil
}

func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
