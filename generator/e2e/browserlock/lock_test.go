//go:build unix

package browserlock

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// TestLockExcludesOtherProcesses takes the lock, then has another process,
// flock(1), try the same file without blocking: it must be refused until
// the lock is released.
func TestLockExcludesOtherProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), Name)
	if _, err := exec.LookPath("flock"); err != nil {
		t.Skip("flock(1) not installed (Debian package: util-linux)")
	}
	try := func() bool { return exec.Command("flock", "-n", path, "true").Run() == nil }
	unlock, err := lock(path)
	if err != nil {
		t.Fatal(err)
	}
	if try() {
		t.Fatal("another process took the lock while it was held")
	}
	unlock()
	if !try() {
		t.Fatal("another process could not take the lock after release")
	}
	unlock2, err := lock(path)
	if err != nil {
		t.Fatal(err)
	}
	unlock2()
}
