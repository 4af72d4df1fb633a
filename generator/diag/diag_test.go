package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestWarningText(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{Warnf("content/a.md", 4, "unknown key %q", "darft"), `content/a.md:4: warning: unknown key "darft"`},
		{Warnf("content/a.md", 0, "no line"), "content/a.md: warning: no line"},
		{fmt.Errorf("wrapped: %w", Warnf("a.txt", 2, "x")), "a.txt:2: warning: x"},
		{&Error{File: "a.md", Line: 3, Col: 7, Err: errors.New("country \"X\": no such country")}, `a.md:3:7: warning: country "X": no such country`},
		{errors.New("plain"), "warning: plain"},
	} {
		if got := WarningText(tc.err); got != tc.want {
			t.Errorf("WarningText(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
	if got := Warnf("a.md", 4, "m").AsError().Error(); got != "a.md:4: m" {
		t.Errorf("AsError = %q", got)
	}
}

// TestFileNameQuoted: a file name holding a control character is quoted
// in messages, so that it cannot end the line or drive the terminal.
func TestFileNameQuoted(t *testing.T) {
	for _, tt := range []struct{ file, want string }{
		{"content/a.md", "content/a.md:4: warning: w"},
		{"content/a\nb.md:1: x.md", `"content/a\nb.md:1: x.md":4: warning: w`},
		{"content/\x1b[2J.md", `"content/\x1b[2J.md":4: warning: w`},
	} {
		if got := Warnf(tt.file, 4, "w").Error(); got != tt.want {
			t.Errorf("%q: %q, want %q", tt.file, got, tt.want)
		}
	}
}
