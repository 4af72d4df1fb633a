package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/attache/attache/generator/progress"
)

// newProgress returns the reporter of a build's progress on stderr: nil,
// which shows nothing, unless stderr is a terminal. $ATTACHE_PROGRESS set
// to a duration says how long a build runs before its progress shows
// (default one second), and "off" turns it off.
func newProgress(stderr io.Writer) *progress.Reporter {
	delay := time.Second
	switch v := os.Getenv("ATTACHE_PROGRESS"); v {
	case "":
	case "off":
		return nil
	default:
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			fmt.Fprintf(stderr, "warning: ATTACHE_PROGRESS=%q: want a duration such as 2s, or off; showing progress after %v\n", v, delay)
			break
		}
		delay = d
	}
	return progress.New(stderr, progress.WithDelay(delay))
}
