//go:build !unix

package buildcache

import "os"

// lockFile does not lock where flock is missing: concurrent builds of one
// site there are not kept apart.
func lockFile(f *os.File, waiting func()) error { return nil }
