package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/internal/ptytest"
)

// TestBuildProgressOnlyOnATerminal builds a site of 400 articles with its
// stderr on a real pseudo-terminal, then on a pipe: the terminal shows
// the articles parsed and the pages written on one line, cleared at the
// end; the pipe gets nothing of it.
func TestBuildProgressOnlyOnATerminal(t *testing.T) {
	src := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(src, "config.toml"), []byte("title = \"Desk\"\nbaseURL = \"https://example.org/\"\n"), 0o644))
	must(os.MkdirAll(filepath.Join(src, "content"), 0o755))
	countries := []string{"Laos", "Kenya", "Japan", "Chile", "Ghana", "Peru", "Nepal", "Fiji"}
	for i := range 400 {
		body := fmt.Sprintf("+++\ntitle = \"Talks %d\"\ndate = 2024-%02d-%02d\n+++\n\nMinisters of %s and %s met for talks.\n",
			i, i%12+1, i%28+1, countries[i%len(countries)], countries[(i/8)%len(countries)])
		must(os.WriteFile(filepath.Join(src, "content", fmt.Sprintf("a%03d.md", i)), []byte(body), 0o644))
	}
	// Progress from the start, so that a quick build shows it too.
	t.Setenv("ATTACHE_PROGRESS", "0s")
	args := []string{"build", "-nocache", "-source", src, "-destination", filepath.Join(t.TempDir(), "public")}

	term := ptytest.Open(t)
	var stdout bytes.Buffer
	if code := run(context.Background(), args, &stdout, term.TTY); code != exitOK {
		t.Fatalf("exit %d; terminal:\n%s", code, term.Output())
	}
	if !strings.HasPrefix(stdout.String(), "built 400 articles") {
		t.Errorf("stdout = %q", stdout.String())
	}
	line := regexp.MustCompile(`\rparsed (\d+) of 400 articles(, wrote \d+ of \d+ pages)?`)
	// Done cleared the line before run returned; the reader may not have
	// read it yet.
	cleared := regexp.MustCompile(`\r +\r$`)
	for end := time.Now().Add(5 * time.Second); !cleared.MatchString(term.Output()) && time.Now().Before(end); {
		time.Sleep(5 * time.Millisecond)
	}
	out := term.Output()
	shown := line.FindAllString(out, -1)
	if len(shown) == 0 {
		t.Fatalf("terminal shows %q, want the progress line", out)
	}
	t.Logf("%d progress lines, the last %q", len(shown), shown[len(shown)-1])
	last := shown[len(shown)-1]
	if !strings.HasSuffix(out, "\r"+strings.Repeat(" ", len(last)-1)+"\r") {
		t.Errorf("terminal shows %q, want the line cleared at the end", out)
	}
	if strings.Contains(out, "\n") {
		t.Errorf("terminal shows %q: progress is one line, and the build printed nothing else", out)
	}

	pr, pw, err := os.Pipe()
	must(err)
	defer pr.Close()
	stdout.Reset()
	code := run(context.Background(), args, &stdout, pw)
	pw.Close()
	var piped bytes.Buffer
	piped.ReadFrom(pr)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, piped.String())
	}
	if piped.Len() != 0 {
		t.Errorf("stderr on a pipe got %q, want nothing", piped.String())
	}
}
