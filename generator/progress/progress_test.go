package progress

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/internal/ptytest"
)

// TestOnlyOnATerminal draws the progress of a build on a real
// pseudo-terminal, and checks that a pipe and a file get nothing.
func TestOnlyOnATerminal(t *testing.T) {
	term := ptytest.Open(t)
	if !IsTerminal(term.TTY) {
		t.Fatal("a pseudo-terminal is not a terminal")
	}
	r := New(term.TTY, WithDelay(0), WithInterval(time.Millisecond))
	if r == nil {
		t.Fatal("New on a terminal returned nil")
	}
	r.Articles(3)
	for range 3 {
		r.Parsed()
	}
	if !term.WaitFor("\rparsed 3 of 3 articles", 5*time.Second) {
		t.Fatalf("terminal shows %q, want the articles parsed", term.Output())
	}
	r.Pages(10)
	for range 4 {
		r.Written()
	}
	want := "\rparsed 3 of 3 articles, wrote 4 of 10 pages"
	if !term.WaitFor(want, 5*time.Second) {
		t.Fatalf("terminal shows %q, want %q", term.Output(), want)
	}
	r.Done()
	blank := "\r" + strings.Repeat(" ", len(want)-1) + "\r"
	if !term.WaitFor(blank, 5*time.Second) {
		t.Errorf("terminal shows %q, want the line cleared at the end", term.Output())
	}
	if strings.Contains(term.Output(), "\n") {
		t.Errorf("progress wrote a new line: %q", term.Output())
	}

	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	file, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	for name, f := range map[string]*os.File{"a pipe": pw, "a file": file} {
		if IsTerminal(f) {
			t.Errorf("%s is taken for a terminal", name)
		}
		if r := New(f, WithDelay(0)); r != nil {
			t.Errorf("New on %s returned a Reporter", name)
		}
	}
}

// TestQuickBuildShowsNothing checks that a build done within the delay
// leaves the terminal untouched.
func TestQuickBuildShowsNothing(t *testing.T) {
	term := ptytest.Open(t)
	r := New(term.TTY, WithDelay(time.Hour))
	r.Articles(10)
	r.Parsed()
	r.Done()
	r.Pages(5) // after Done: nothing
	time.Sleep(20 * time.Millisecond)
	if got := term.Output(); got != "" {
		t.Errorf("terminal shows %q after a quick build, want nothing", got)
	}
}

// TestWarningsClearTheLine checks that a warning printed during a build
// starts at the left margin, not after the progress line.
func TestWarningsClearTheLine(t *testing.T) {
	term := ptytest.Open(t)
	r := New(term.TTY, WithDelay(0), WithInterval(time.Millisecond))
	defer r.Done()
	r.Articles(2)
	if !term.WaitFor("parsed 0 of 2 articles", 5*time.Second) {
		t.Fatalf("terminal shows %q", term.Output())
	}
	w := r.Writer(term.TTY)
	if _, err := w.Write([]byte("content/a.md:1: warning: hello\n")); err != nil {
		t.Fatal(err)
	}
	line := "parsed 0 of 2 articles"
	want := line + "\r" + strings.Repeat(" ", len(line)) + "\rcontent/a.md:1: warning: hello"
	if !term.WaitFor(want, 5*time.Second) {
		t.Errorf("terminal shows %q, want the line cleared before the warning", term.Output())
	}
	if !term.WaitFor("hello\r\n\rparsed 0 of 2 articles", 5*time.Second) {
		t.Errorf("terminal shows %q, want the line drawn again below the warning", term.Output())
	}
}

func TestLine(t *testing.T) {
	var nilReporter *Reporter
	nilReporter.Articles(1)
	nilReporter.Parsed()
	nilReporter.Pages(1)
	nilReporter.Written()
	nilReporter.Done()
	if w := nilReporter.Writer(os.Stderr); w != os.Stderr {
		t.Errorf("a nil Reporter's Writer is %v, want the writer itself", w)
	}
	tests := []struct {
		name                              string
		toParse, parsed, toWrite, written int
		want                              string
	}{
		{"nothing yet", 0, 0, 0, 0, ""},
		{"parsing", 5000, 1234, 0, 0, "parsed 1234 of 5000 articles"},
		{"writing", 5000, 5000, 15017, 300, "parsed 5000 of 5000 articles, wrote 300 of 15017 pages"},
		{"nothing to parse: all from the cache", 0, 0, 20, 3, "wrote 3 of 20 pages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newReporter(nil)
			r.Articles(tt.toParse)
			for range tt.parsed {
				r.Parsed()
			}
			r.Pages(tt.toWrite)
			for range tt.written {
				r.Written()
			}
			if got := r.Line(); got != tt.want {
				t.Errorf("Line() = %q, want %q", got, tt.want)
			}
		})
	}
}
