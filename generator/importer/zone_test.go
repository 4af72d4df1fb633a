package importer

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestZoneNames checks that a feed's and an e-mail's dates land on the
// same instant whatever the importing machine's zone: RFC 822's zone names
// at their defined offsets, numeric offsets as written.
func TestZoneNames(t *testing.T) {
	tests := []struct {
		date string
		want time.Time
	}{
		{"Tue, 31 Dec 2024 20:00:00 EST", time.Date(2025, 1, 1, 1, 0, 0, 0, time.UTC)},
		{"Tue, 02 Jul 2024 20:00:00 EDT", time.Date(2024, 7, 3, 0, 0, 0, 0, time.UTC)},
		{"Tue, 31 Dec 2024 20:00:00 CST", time.Date(2025, 1, 1, 2, 0, 0, 0, time.UTC)},
		{"Tue, 31 Dec 2024 17:00:00 PST", time.Date(2025, 1, 1, 1, 0, 0, 0, time.UTC)},
		{"Tue, 31 Dec 2024 20:00:00 GMT", time.Date(2024, 12, 31, 20, 0, 0, 0, time.UTC)},
		{"Tue, 31 Dec 2024 20:00:00 +0800", time.Date(2024, 12, 31, 12, 0, 0, 0, time.UTC)},
		{"Tue, 31 Dec 2024 20:00:00 -0600", time.Date(2025, 1, 1, 2, 0, 0, 0, time.UTC)},
	}
	local := time.Local
	defer func() { time.Local = local }()
	for _, zone := range []string{"UTC", "America/New_York", "Asia/Shanghai", "America/Chicago"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Logf("%s: %v", zone, err)
			continue
		}
		// The parsers read time.Local, which a machine's TZ sets.
		time.Local = loc
		for _, tt := range tests {
			got, err := feedTime(tt.date)
			if err != nil || !got.Equal(tt.want) {
				t.Errorf("TZ=%s: feed date %q = %v, %v; want %v", zone, tt.date, got, err, tt.want)
			}
			msg := fmt.Sprintf("Subject: Talks\r\nMessage-Id: <1@example.org>\r\nDate: %s\r\nFrom: Desk <desk@example.org>\r\nContent-Type: text/plain\r\n\r\nMinisters met.\r\n", tt.date)
			e, err := ParseEML([]byte(msg))
			if err != nil || !e.Date.Equal(tt.want) {
				t.Errorf("TZ=%s: e-mail Date %q = %v, %v; want %v", zone, tt.date, e.Date, err, tt.want)
			}
		}
	}
}

func TestZoneToken(t *testing.T) {
	for date, want := range map[string]string{
		"Tue, 31 Dec 2024 20:00:00 EST":         "EST",
		"Tue, 31 Dec 2024 20:00:00 -0500 (EST)": "-0500",
		"Tue, 31 Dec 2024 20:00:00 -0500":       "-0500",
		" Tue, 31 Dec 2024 20:00:00 GMT  ":      "GMT",
		"31 Dec 2024 20:00 PST (Pacific)":       "PST",
		"":                                      "",
	} {
		if got, _ := zoneToken(date); got != want {
			t.Errorf("zoneToken(%q) = %q, want %q", date, got, want)
		}
	}
}

// TestUnknownZoneNames: a date written with a zone name RFC 822 does not
// define is refused, naming it, rather than read as UTC (JST was 9 hours
// off); UTC itself is read as written.
func TestUnknownZoneNames(t *testing.T) {
	for _, date := range []string{"Tue, 02 Jul 2024 08:00:00 JST", "Tue, 02 Jul 2024 08:00:00 CEST", "Tue, 02 Jul 2024 08:00:00 IST"} {
		zone := date[len(date)-4:]
		if zone[0] == ' ' {
			zone = zone[1:]
		}
		if _, err := feedTime(date); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("zone %q", zone)) {
			t.Errorf("feed date %q: %v, want the zone named", date, err)
		}
		msg := fmt.Sprintf("Subject: Talks\r\nDate: %s (local)\r\nFrom: desk@example.org\r\nContent-Type: text/plain\r\n\r\nMet.\r\n", date)
		if _, err := ParseEML([]byte(msg)); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("zone %q", zone)) {
			t.Errorf("e-mail Date %q: %v, want the zone named", date, err)
		}
	}
	if got, err := feedTime("Tue, 02 Jul 2024 08:00:00 UTC"); err != nil || !got.Equal(time.Date(2024, 7, 2, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("UTC: %v, %v", got, err)
	}
}
