package build

import (
	"io/fs"
	"syscall"
)

// lstat is os.Lstat for the scans of a cached build, which stat every
// content file and every file and folder of the output, 726,000 paths at
// 100,000 articles: it reads what they need without the os.FileInfo that
// os.Lstat allocates.
func lstat(p string) (pathStat, bool) { return statWith(syscall.Lstat, p) }

// stat is os.Stat as lstat is os.Lstat.
func stat(p string) (pathStat, bool) { return statWith(syscall.Stat, p) }

func statWith(call func(string, *syscall.Stat_t) error, p string) (pathStat, bool) {
	var st syscall.Stat_t
	for {
		err := call(p, &st)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return pathStat{}, false
		}
		break
	}
	return pathStat{
		size:    int64(st.Size),
		mtime:   int64(st.Mtim.Sec)*1e9 + int64(st.Mtim.Nsec),
		ctime:   int64(st.Ctim.Sec)*1e9 + int64(st.Ctim.Nsec),
		regular: st.Mode&syscall.S_IFMT == syscall.S_IFREG,
		dir:     st.Mode&syscall.S_IFMT == syscall.S_IFDIR,
		link:    st.Mode&syscall.S_IFMT == syscall.S_IFLNK,
	}, true
}

// changeTime returns the later of a file's modification time and its
// status-change time, in nanoseconds (see contentStat).
func changeTime(fi fs.FileInfo) int64 {
	m := fi.ModTime().UnixNano()
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return max(m, int64(st.Ctim.Sec)*1e9+int64(st.Ctim.Nsec))
	}
	return m
}
