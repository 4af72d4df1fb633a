//go:build !linux

package build

import (
	"io/fs"
	"os"
)

// lstat is os.Lstat for the scans of a cached build (see stat_linux.go).
func lstat(p string) (pathStat, bool) { return statWith(os.Lstat, p) }

// stat is os.Stat as lstat is os.Lstat.
func stat(p string) (pathStat, bool) { return statWith(os.Stat, p) }

func statWith(call func(string) (fs.FileInfo, error), p string) (pathStat, bool) {
	st, err := call(p)
	if err != nil {
		return pathStat{}, false
	}
	return pathStat{size: st.Size(), mtime: st.ModTime().UnixNano(), ctime: st.ModTime().UnixNano(), regular: st.Mode().IsRegular(), dir: st.IsDir(),
		link: st.Mode()&fs.ModeSymlink != 0}, true
}

// changeTime is the modification time where the system's status-change
// time is not at hand (see stat_linux.go).
func changeTime(fi fs.FileInfo) int64 { return fi.ModTime().UnixNano() }
