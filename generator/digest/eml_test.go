package digest

import (
	"io"
	"net/mail"
	"strings"
	"testing"
	"time"
)

// TestSubjectLines: a subject is folded so that no header line passes 78
// characters where its words allow, and never RFC 5322's 998, ASCII or
// not; unfolded, it reads as it was.
func TestSubjectLines(t *testing.T) {
	for _, subject := range []string{
		"Weekly digest, week 30",
		strings.Repeat("Ministers meet for talks ", 60),
		strings.Repeat("x", 1200),
		strings.Repeat("Türkiye talks ", 80),
	} {
		header := "Subject: " + encodeSubject(subject)
		for i, line := range strings.Split(header, "\r\n") {
			if len(line) > 78 {
				t.Errorf("%.30q…: line %d is %d characters", subject, i+1, len(line))
			}
		}
		if !strings.Contains(header, "=?") {
			if unfolded := strings.ReplaceAll(header, "\r\n", ""); unfolded != "Subject: "+subject {
				t.Errorf("unfolded %q, want %q", unfolded, "Subject: "+subject)
			}
		}
	}
}

// TestAddressLines: a long display name in From or To is folded so that
// no header line passes 78 characters where its words allow, and reads
// back as it was; one with a word past RFC 5322's 998 is refused.
func TestAddressLines(t *testing.T) {
	s := fixture(t)
	d := week30(t, s)
	for _, name := range []string{
		"Desk",
		strings.Repeat("Ministry of Foreign Affairs ", 8) + "Press Office",
		strings.Repeat("Ministère des Affaires étrangères ", 6),
		strings.Repeat("Türkiye", 40),
		strings.Repeat("Foreign  Affairs  ", 6) + "Desk", // runs of spaces read back as they were
		"Desk" + strings.Repeat(" ", 90) + "Office",
	} {
		from := (&mail.Address{Name: name, Address: "desk@example.org"}).String()
		to := (&mail.Address{Name: name, Address: "list@example.org"}).String()
		// The first address, with its name, is as long as a line after
		// "To: " holds; its comma must not push the line past 78.
		first := (&mail.Address{Name: "Press Office", Address: "x@example.org"}).String()
		first = (&mail.Address{Name: "Press Office " + strings.Repeat("x", 78-len("To: ")-len(first)-1), Address: "x@example.org"}).String()
		raw := write(t, New(s, WithFrom(from), WithTo(first, to), WithDate(time.Date(2024, 7, 29, 7, 0, 0, 0, time.UTC))), d, EML)
		head, _, _ := strings.Cut(raw, "\r\n\r\n")
		for i, line := range strings.Split(head, "\r\n") {
			// A run of spaces is never folded (readers may collapse it),
			// so a name whose words are all apart by runs is one word.
			if len(line) > 78 && !strings.Contains(name, "  ") {
				t.Errorf("%.20q…: header line %d is %d characters: %q", name, i+1, len(line), line)
			}
			if strings.HasSuffix(line, " ") || strings.TrimSpace(line) == "" {
				t.Errorf("%.20q…: header line %d ends in a space or holds nothing else: %q", name, i+1, line)
			}
		}
		msg, err := mail.ReadMessage(strings.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		if got, err := mail.ParseAddress(msg.Header.Get("From")); err != nil || got.Name != name || got.Address != "desk@example.org" {
			t.Errorf("From read back as %+v, %v; want %q", got, err, name)
		}
		list, err := mail.ParseAddressList(msg.Header.Get("To"))
		if err != nil || len(list) != 2 || list[1].Name != name {
			t.Errorf("To read back as %v, %v; want %q second", list, err, name)
		}
	}
	long := (&mail.Address{Name: strings.Repeat("x", 1000), Address: "desk@example.org"}).String()
	err := New(s, WithFrom(long), WithTo("a@example.org")).Write(io.Discard, d, EML)
	if err == nil || !strings.Contains(err.Error(), "longer than an e-mail header line may be") {
		t.Errorf("a 1,000-character word in From: %v", err)
	}
}
