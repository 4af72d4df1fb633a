//go:build !unix

package cputime

import "time"

var start = time.Now()

// Used is the time since the process started, where the system does not
// say how much CPU time it used.
func Used() time.Duration { return time.Since(start) }
