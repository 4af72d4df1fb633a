package importer

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// zoneOffsets are the offsets of the zone names that RFC 822 (and so RSS
// and e-mail) defines, in seconds east of UTC. Go's parser gives a zone
// name the offset the machine's own zone has for it, or none: the same
// feed would land on another day on another desk.
var zoneOffsets = map[string]int{
	"UT": 0, "GMT": 0, "Z": 0,
	"EST": -5 * 3600, "EDT": -4 * 3600,
	"CST": -6 * 3600, "CDT": -5 * 3600,
	"MST": -7 * 3600, "MDT": -6 * 3600,
	"PST": -8 * 3600, "PDT": -7 * 3600,
}

// withNamedZone returns t, parsed in UTC from a date, at the offset RFC
// 822 gives the zone name it was written with, its written day and time
// kept. A time of a numeric offset, or in UTC, is returned as it is. Any
// other zone name is an error: Go reads one it does not know (JST, CEST)
// as UTC, and many are ambiguous (IST is India's, Ireland's and Israel's).
func withNamedZone(t time.Time) (time.Time, error) {
	name, _ := t.Zone()
	if name == "" || name == "UTC" {
		return t, nil
	}
	offset, ok := zoneOffsets[name]
	if !ok {
		return time.Time{}, fmt.Errorf("zone %q: not one of the zone names RFC 822 defines (GMT, EST, PDT …); the feed should write its offset (+0900)", name)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone(name, offset)), nil
}

// numericZone returns an e-mail Date header with the zone name it ends
// with (see zoneToken) written as the offset RFC 822 gives it, so that no
// parser reads the name in the machine's zone; a header that ends with an
// offset is returned as it is, and a zone name RFC 822 does not define is
// an error (see withNamedZone).
func numericZone(date string) (string, error) {
	zone, at := zoneToken(date)
	if zone == "" || strings.IndexFunc(zone, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
		return date, nil
	}
	offset, ok := zoneOffsets[zone]
	if !ok && zone != "UTC" {
		return "", fmt.Errorf("zone %q: not one of the zone names RFC 822 defines (GMT, EST, PDT …); the message should write its offset (+0900)", zone)
	}
	sign := '+'
	if offset < 0 {
		sign, offset = '-', -offset
	}
	return fmt.Sprintf("%s%c%02d%02d", date[:at], sign, offset/3600, offset%3600/60), nil
}

// zoneToken returns the zone of an e-mail Date header as written, and
// where it starts: its last word, a trailing comment such as "(EST)" left
// out. A numeric offset comes back as it is, and names no zone of
// zoneOffsets.
func zoneToken(date string) (string, int) {
	end := len(strings.TrimRight(date, " \t"))
	if strings.HasSuffix(date[:end], ")") {
		if i := strings.LastIndexByte(date[:end], '('); i >= 0 {
			end = len(strings.TrimRight(date[:i], " \t"))
		}
	}
	start := strings.LastIndexAny(date[:end], " \t") + 1
	return date[start:end], start
}
