//go:build !linux

package build

import "os"

// lstat is os.Lstat for the output scan (see lstat_linux.go).
func lstat(p string) (pathStat, bool) {
	st, err := os.Lstat(p)
	if err != nil {
		return pathStat{}, false
	}
	return pathStat{size: st.Size(), mtime: st.ModTime().UnixNano(), regular: st.Mode().IsRegular(), dir: st.IsDir()}, true
}
