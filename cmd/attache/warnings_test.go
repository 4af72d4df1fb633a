package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestTerminalText: what input puts in a message reaches the terminal
// escaped, never as a control sequence, a direction override or, in a
// warning, a line of its own.
func TestTerminalText(t *testing.T) {
	tests := []struct {
		in    string
		lines bool
		want  string
	}{
		{"a.md:4: warning: plain", false, "a.md:4: warning: plain"},
		{"x\x1b]0;TITLE\a\x1b[2Jfake", false, `x\x1b]0;TITLE\a\x1b[2Jfake`},
		{"one\nforged.md:1: line", false, `one\nforged.md:1: line`},
		{"one\ntwo", true, "one\ntwo"},
		{"tab\tkept", false, "tab\tkept"},
		{"evil\u202etxt.md", false, `evil\u202etxt.md`},
		{"C1 \u009b31m", false, `C1 \u009b31m`},
		{"Türkiye 停火", false, "Türkiye 停火"},
	}
	for _, tt := range tests {
		if got := terminalText(tt.in, tt.lines); got != tt.want {
			t.Errorf("terminalText(%q, %v) = %q, want %q", tt.in, tt.lines, got, tt.want)
		}
	}
}

// TestWarningsCannotForgeLines builds a site whose file names and front
// matter carry escape sequences and newlines: every warning is one line,
// and no control character reaches the terminal.
func TestWarningsCannotForgeLines(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	src := t.TempDir()
	files := map[string]string{
		"config.toml":                             "title = \"Desk\"\nbaseURL = \"https://example.org/\"\n",
		"content/2024-07-01-k.md":                 "+++\ntitle = \"K\"\ndate = 2024-07-01\n\"\\u001bx\\nforged.md:1: warning: fake\" = 1\n+++\n\nB\n",
		"content/e\x1b[31mRED\nforged.md:1: x.md": "+++\ntitle = \"E\"\ndate = 2024-07-01\ndarft = true\n+++\n\nB\n",
	}
	for name, data := range files {
		if err := writeFile(filepath.Join(src, name), []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"build", "-source", src, "-destination", filepath.Join(t.TempDir(), "public")}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr.String())
	}
	out := stderr.String()
	if strings.ContainsFunc(out, func(r rune) bool { return r < 0x20 && r != '\n' }) {
		t.Errorf("a control character reached the terminal:\n%q", out)
	}
	for line := range strings.Lines(out) {
		if strings.HasPrefix(line, "forged.md") {
			t.Errorf("input forged a line of its own: %q", line)
		}
	}
	if !strings.Contains(out, `(index .Params "\x1bx\nforged.md:1: warning: fake")`) {
		t.Errorf("the odd key is not named as a template reads it:\n%s", out)
	}
}
