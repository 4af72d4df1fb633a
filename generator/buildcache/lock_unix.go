//go:build unix

package buildcache

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive lock on f, waiting for it, and calling
// waiting first, if not nil, when it is held.
func lockFile(f *os.File, waiting func()) error {
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err == nil {
		return nil
	} else if err == syscall.EWOULDBLOCK && waiting != nil {
		waiting()
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			return err
		}
	}
}
