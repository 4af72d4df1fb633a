// Package browserlock serialises attache's headless-browser tests across
// processes. `go test ./...` runs packages in parallel, and two Chromiums
// rendering at once on a small, loaded machine starve each other's
// compositor: screenshots fail and pages miss their deadlines. Every test
// that starts a browser holds the lock while the browser runs.
package browserlock

import (
	"os"
	"path/filepath"
)

// Name is the lock file's name in os.TempDir().
const Name = "attache-browser.lock"

// Path returns the lock file's path.
func Path() string { return filepath.Join(os.TempDir(), Name) }

// Lock blocks until no other process holds the browser lock, then takes
// it. The returned function releases it; the lock is also released if the
// process dies, so a crashed test never blocks the next run.
func Lock() (unlock func(), err error) {
	return lock(Path())
}
