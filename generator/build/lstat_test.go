package build

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestLstatAgreesWithOS compares lstat with os.Lstat, which the output
// scan used to call, on every kind of path the scan meets.
func TestLstatAgreesWithOS(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "index.html")
	must(t, os.WriteFile(file, []byte("<p>page</p>"), 0o644))
	old := time.Date(2024, 8, 1, 12, 0, 0, 123456789, time.UTC)
	must(t, os.Chtimes(file, old, old))
	link := filepath.Join(dir, "link")
	must(t, os.Symlink(file, link))
	for _, p := range []string{dir, file, link, filepath.Join(dir, "missing"), filepath.Join(file, "below-a-file")} {
		got, ok := lstat(p)
		st, err := os.Lstat(p)
		if ok != (err == nil) {
			t.Errorf("%s: lstat found it %v, os.Lstat's error %v", p, ok, err)
			continue
		}
		if err != nil {
			continue
		}
		want := pathStat{size: st.Size(), mtime: st.ModTime().UnixNano(), regular: st.Mode().IsRegular(), dir: st.IsDir()}
		if got != want {
			t.Errorf("%s: lstat %+v, os.Lstat %+v", p, got, want)
		}
	}
}
