package parse

import (
	"regexp"
	"strings"
)

// dateline is the wire-copy opening of a first paragraph, such as
// "VIENTIANE, July 25 (Xinhua) -- ".
type dateline struct {
	Place  string // "VIENTIANE", "WASHINGTON, D.C."
	Agency string // "Xinhua"; empty when the dateline names none
	Text   string // the dateline as written, up to and including the dash
	Rest   string // the paragraph after the dateline
}

const monthPattern = `(?i:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)`

// datelineRe matches up to three comma-separated place parts, an optional
// date, an optional agency in parentheses and a dash. Place parts hold no
// digits or commas, so the date cannot be mistaken for a place. It stops at
// the first character of the text after the dash: matching on to the end of
// the paragraph made it cost as much as the rest of parsing a lede.
var datelineRe = regexp.MustCompile(`^(` +
	`\p{Lu}[\p{L}\p{M}.'’ -]{0,40}?(?:, \p{Lu}[\p{L}\p{M}.'’ -]{0,40}?){0,2}` +
	`)` +
	`(, (?:` + monthPattern + ` \d{1,2}|\d{1,2} ` + monthPattern + `)(?:,? \d{4})?)?` +
	`(?:\s*\(([^()]{1,40})\))?` +
	`(?:\s*(?:--|—|–)\s*|\s+-\s+)` +
	`(\S)`)

// parseDateline splits a wire dateline from the start of paragraph. A
// dateline without a date or agency must be all capitals ("MOSCOW -- "), so
// that an ordinary sentence with a dash is not taken for one.
func parseDateline(paragraph string) (dateline, bool) {
	m := datelineRe.FindStringSubmatchIndex(paragraph)
	if m == nil {
		return dateline{}, false
	}
	d := dateline{
		Place: strings.TrimSpace(paragraph[m[2]:m[3]]),
		Text:  strings.TrimSpace(paragraph[:m[8]]),
		Rest:  paragraph[m[8]:],
	}
	if m[6] >= 0 {
		d.Agency = strings.TrimSpace(paragraph[m[6]:m[7]])
	}
	if m[4] < 0 && d.Agency == "" && d.Place != strings.ToUpper(d.Place) {
		return dateline{}, false
	}
	return d, true
}
