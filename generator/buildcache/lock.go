package buildcache

import (
	"os"
	"path/filepath"
)

// lockName is the lock file in a site's cache folder.
const lockName = "lock"

// Lock waits until no other build of the same source and destination
// holds the cache, and holds it until the returned function is called;
// waiting, if not nil, is called first when it must wait. Two builds
// writing one output at once could otherwise undo each other's files: one
// rolling back a failed update puts back files the other had replaced,
// and the other's manifest then vouches for them.
func (c *File) Lock(waiting func()) (unlock func(), err error) {
	dir := filepath.Dir(c.file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f, waiting); err != nil {
		f.Close()
		return nil, err
	}
	// Closing the file releases the lock, as does the process's end.
	return func() { f.Close() }, nil
}
