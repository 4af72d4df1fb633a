//go:build unix

package output

import (
	"errors"
	"syscall"
)

// alive reports whether a process with the ID pid runs. EPERM means it
// runs under another user.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
