//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package progress

import "os"

// IsTerminal reports false here: on these systems builds show no
// progress.
func IsTerminal(*os.File) bool { return false }

func termWidth(*os.File) int { return 0 }
