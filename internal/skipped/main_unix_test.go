//go:build unix

package skipped

import (
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

// TestMainReports runs this package's test binary as go test ./... would,
// without -v, on a test that skips, detached from any terminal, and
// expects the skip line at the end of its output.
func TestMainReports(t *testing.T) {
	if os.Getenv("SKIPPED_HELPER") != "" {
		t.Skip("the helper run itself")
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^TestHelperSkips$")
	cmd.Env = append(os.Environ(), "SKIPPED_HELPER=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // no /dev/tty: the line goes to stdout
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := "internal/skipped: skipped TestHelperSkips: missing chromium, java; install with: apt-get install -y chromium default-jre-headless"
	if got := lastLine(string(out)); got != want {
		t.Errorf("last line:\n%q\nwant:\n%q\nin:\n%s", got, want, out)
	}
	if !strings.HasPrefix(string(out), "PASS") && !strings.Contains(string(out), "PASS\n") {
		t.Errorf("the skip failed the run:\n%s", out)
	}
}
