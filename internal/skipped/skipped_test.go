package skipped

import (
	"os"
	"strings"
	"testing"
)

// helperLog is the log of this package's own run, so that
// TestMainReports can watch Main report a skip from a real test binary.
var helperLog Log

func TestMain(m *testing.M) { os.Exit(helperLog.Main(m)) }

// TestHelperSkips skips only when TestMainReports runs it.
func TestHelperSkips(t *testing.T) {
	if os.Getenv("SKIPPED_HELPER") == "" {
		return
	}
	helperLog.Skip(t, []string{"chromium", "java"}, "apt-get install -y chromium default-jre-headless")
}

func TestLine(t *testing.T) {
	var l Log
	if got := l.Line("pkg"); got != "" {
		t.Errorf("nothing skipped, yet a line: %q", got)
	}
	t.Run("browser", func(t *testing.T) {
		l.Skip(t, []string{"chromium", "node_modules"}, "apt-get install -y chromium && npm ci --prefix web")
	})
	t.Run("reload", func(t *testing.T) {
		l.Skip(t, []string{"chromium"}, "apt-get install -y chromium")
	})
	want := "pkg: skipped TestLine/browser, TestLine/reload: missing chromium, node_modules; install with: apt-get install -y chromium && npm ci --prefix web\n"
	if got := l.Line("pkg"); got != want {
		t.Errorf("line:\n%q\nwant:\n%q", got, want)
	}
}

func TestPackagePath(t *testing.T) {
	if got := packagePath(); got != "internal/skipped" {
		t.Errorf("packagePath() = %q", got)
	}
	if w, done := output(true); w != os.Stdout {
		t.Errorf("with -v the line goes to %v, not standard output", w)
	} else {
		done()
	}
}

// lastLine is the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}
