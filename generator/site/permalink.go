package site

import (
	"fmt"
	"strings"
	"time"
)

// expandPermalink fills a permalink pattern's placeholders. The config
// package has checked the pattern; slug is already a safe slug.
func expandPermalink(pattern, slug string, date time.Time) string {
	r := strings.NewReplacer(
		":year", fmt.Sprintf("%04d", date.Year()),
		":month", fmt.Sprintf("%02d", int(date.Month())),
		":day", fmt.Sprintf("%02d", date.Day()),
		":slug", slug,
	)
	return r.Replace(pattern)
}
