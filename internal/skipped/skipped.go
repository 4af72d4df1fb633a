// Package skipped lets a test package say, once at the end of its run,
// which tests it skipped for want of a tool and the command that installs
// it. go test ./... shows the output of a passing package only with -v, so
// a t.Skip is otherwise silent and a developer never learns that the
// browser checks did not run.
//
// A package declares one Log, skips through it, and reports from TestMain:
//
//	var skips skipped.Log
//
//	func TestMain(m *testing.M) { os.Exit(skips.Main(m)) }
//
//	func TestBrowser(t *testing.T) {
//		if _, err := exec.LookPath("chromium"); err != nil {
//			skips.Skip(t, []string{"chromium"}, "apt-get install -y chromium")
//		}
//		…
//	}
package skipped

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// Log records the tests a package skipped. Its zero value is ready to use
// and it is safe for parallel tests.
type Log struct {
	mu       sync.Mutex
	tests    []string
	missing  []string
	installs []string
}

// Skip records that t cannot run because the tools in missing are not
// installed, install being the shell command that installs them, and
// skips t with a message saying both.
func (l *Log) Skip(t testing.TB, missing []string, install string) {
	t.Helper()
	l.mu.Lock()
	l.tests = appendNew(l.tests, t.Name())
	for _, m := range missing {
		l.missing = appendNew(l.missing, m)
	}
	for _, cmd := range strings.Split(install, " && ") {
		l.installs = appendNew(l.installs, strings.TrimSpace(cmd))
	}
	l.mu.Unlock()
	t.Skipf("needs %s; install: %s", strings.Join(missing, ", "), install)
}

func appendNew(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// Line is the report of the log, one line naming the package, the skipped
// tests, what they lack and how to install it, or "" when nothing was
// skipped.
func (l *Log) Line(pkg string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.tests) == 0 {
		return ""
	}
	return fmt.Sprintf("%s: skipped %s: missing %s; install with: %s\n",
		pkg, strings.Join(l.tests, ", "), strings.Join(l.missing, ", "), strings.Join(l.installs, " && "))
}

// Main runs the package's tests and then writes the log's line where the
// developer sees it (see output), returning the exit code for os.Exit.
func (l *Log) Main(m *testing.M) int {
	code := m.Run()
	if line := l.Line(packagePath()); line != "" {
		w, done := output(testing.Verbose())
		io.WriteString(w, line)
		done()
	}
	return code
}

// output returns where a skip line is seen: with -v (or -json) go test
// shows the test binary's standard output, so there; without it go test
// ./... drops the output of a passing package, so the terminal, when the
// test runs under one, and standard output otherwise (in CI the tools are
// installed, and a missing one fails the test rather than skipping it).
// done closes what output opened.
func output(verbose bool) (w io.Writer, done func()) {
	if !verbose {
		if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
			return tty, func() { tty.Close() }
		}
	}
	return os.Stdout, func() {}
}

// packagePath names the package under test by its folder relative to the
// module root, where go test runs a package's tests: "generator/e2e".
func packagePath() string {
	wd, err := os.Getwd()
	if err != nil {
		return "?"
	}
	for dir := wd; ; {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			if rel, err := filepath.Rel(dir, wd); err == nil {
				return filepath.ToSlash(rel)
			}
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return filepath.Base(wd)
}
