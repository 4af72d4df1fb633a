package build

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestStatAgreesWithOS compares lstat and stat with os.Lstat and os.Stat,
// which the scans used to call, on every kind of path they meet.
func TestStatAgreesWithOS(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "index.html")
	must(t, os.WriteFile(file, []byte("<p>page</p>"), 0o644))
	old := time.Date(2024, 8, 1, 12, 0, 0, 123456789, time.UTC)
	must(t, os.Chtimes(file, old, old))
	link := filepath.Join(dir, "link")
	must(t, os.Symlink(file, link))
	broken := filepath.Join(dir, "broken")
	must(t, os.Symlink(filepath.Join(dir, "nowhere"), broken))
	funcs := []struct {
		name string
		ours func(string) (pathStat, bool)
		os   func(string) (os.FileInfo, error)
	}{{"lstat", lstat, os.Lstat}, {"stat", stat, os.Stat}}
	for _, f := range funcs {
		for _, p := range []string{dir, file, link, broken, filepath.Join(dir, "missing"), filepath.Join(file, "below-a-file")} {
			got, ok := f.ours(p)
			st, err := f.os(p)
			if ok != (err == nil) {
				t.Errorf("%s(%s): found it %v, the os package's error %v", f.name, p, ok, err)
				continue
			}
			if err != nil {
				continue
			}
			want := pathStat{size: st.Size(), mtime: st.ModTime().UnixNano(), regular: st.Mode().IsRegular(), dir: st.IsDir(),
				link: st.Mode()&os.ModeSymlink != 0}
			// The scan of the content and the parse must agree on a
			// file's change time, or every rescan would read it again.
			if max(got.mtime, got.ctime) != changeTime(st) {
				t.Errorf("%s(%s): change time %d, changeTime %d", f.name, p, max(got.mtime, got.ctime), changeTime(st))
			}
			got.ctime = 0
			if got != want {
				t.Errorf("%s(%s): %+v, the os package's %+v", f.name, p, got, want)
			}
		}
	}
}
