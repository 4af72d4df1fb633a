package digest

import (
	"strings"
	"testing"
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
