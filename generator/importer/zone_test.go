package importer

import (
	"fmt"
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
		if got := zoneToken(date); got != want {
			t.Errorf("zoneToken(%q) = %q, want %q", date, got, want)
		}
	}
}
