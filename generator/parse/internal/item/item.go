// Package item holds what the agency-format parsers (NewsML-G2, ninjs)
// share: input limits, dates, and filling an article from a sanitised
// body.
package item

import (
	"fmt"
	"strings"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/sanitize"
)

// Limits of one agency file. Real items are tens of kilobytes and nest a
// dozen levels; anything far beyond is a broken or hostile delivery.
const (
	MaxSize  = 4 << 20
	MaxDepth = 100
)

// Skipf returns a located error marked article.ErrSkipped.
func Skipf(file string, line int, format string, args ...any) error {
	return &diag.Error{File: file, Line: line, Err: fmt.Errorf("%s (%w)", fmt.Sprintf(format, args...), article.ErrSkipped)}
}

// CheckSize refuses a file over MaxSize.
func CheckSize(file string, src []byte) error {
	if len(src) > MaxSize {
		return Skipf(file, 0, "%d bytes: agency files are limited to %d MB", len(src), MaxSize>>20)
	}
	return nil
}

// Time parses an agency date-time: RFC 3339, with or without the zone
// (then UTC), or a bare date. The result is in UTC, so that equal
// instants print alike.
func Time(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02T15:04", "2006-01-02", "20060102T150405Z0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("invalid date-time %q: want RFC 3339 (2006-01-02T15:04:05Z)", s)
}

// Status normalises a publication status: "stat:canceled", "Canceled",
// "cancelled" and "ninjs:canceled" all read "canceled".
func Status(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.LastIndexAny(s, ":/"); i >= 0 {
		s = s[i+1:]
	}
	switch s {
	case "cancelled", "canceled", "killed", "kill":
		return article.StatusCanceled
	case "withheld":
		return article.StatusWithheld
	case "", "usable":
		return article.StatusUsable
	}
	return s
}

// Notice reports whether a is a kill or withhold notice of a story the
// agency identified: such a notice may carry nothing but its guid, version
// and status, and still takes every version of the story down, so it is
// kept though it has no headline, text or date to show.
func Notice(a *article.Article) bool {
	return a.GUID != "" && (a.PubStatus == article.StatusCanceled || a.PubStatus == article.StatusWithheld)
}

// Fill sets the article's body, lede and plain text from a sanitised body:
// the lede is the first paragraph, Text every other block, so that entity
// detection sees every word the reader sees. A body without paragraphs
// takes its lede from the first block.
func Fill(a *article.Article, r sanitize.Result) {
	a.Body = article.NewBody(r.HTML)
	lede := ""
	switch {
	case len(r.Paragraphs) > 0:
		lede = r.Paragraphs[0]
	case len(r.Blocks) > 0:
		lede = r.Blocks[0]
	}
	var rest []string
	taken := false
	for _, b := range r.Blocks {
		if !taken && b == lede {
			taken = true
			continue
		}
		rest = append(rest, b)
	}
	a.Lede = lede
	a.Text = strings.Join(rest, "\n\n")
}

// Dates sets the article's dates: Date is when the story was first
// created, so that it keeps its date and URL across versions; Updated is
// this version's.
func Dates(a *article.Article, first, versionCreated, created time.Time) {
	a.FirstCreated, a.Updated = first, versionCreated
	switch {
	case !first.IsZero():
		a.Date = first
	case !created.IsZero():
		a.Date = created
	default:
		a.Date = versionCreated
	}
}

// Clean collapses the white space of a value taken from markup.
func Clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
