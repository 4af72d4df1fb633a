package importer

import (
	"strings"
	"time"
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

// withNamedZone returns t, parsed from a date that named its zone, at the
// offset RFC 822 gives that name, its written day and time kept; a time
// whose zone has another name is returned as it is. t must come from a
// date that named its zone: a time parsed in the machine's zone from a
// numeric offset may carry that zone's name for it.
func withNamedZone(t time.Time) time.Time {
	name, _ := t.Zone()
	offset, ok := zoneOffsets[name]
	if !ok {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone(name, offset))
}

// zoneToken returns the zone of an e-mail Date header as written: its last
// word, a trailing comment such as "(EST)" left out. A numeric offset
// comes back as it is, and names no zone of zoneOffsets.
func zoneToken(date string) string {
	date = strings.TrimSpace(date)
	if strings.HasSuffix(date, ")") {
		if i := strings.LastIndexByte(date, '('); i >= 0 {
			date = strings.TrimSpace(date[:i])
		}
	}
	if i := strings.LastIndexAny(date, " \t"); i >= 0 {
		date = date[i+1:]
	}
	return date
}
