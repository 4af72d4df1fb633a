package build

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/attache/attache/generator/buildcache"
	"github.com/attache/attache/generator/output"
)

// TestScanOutput checks what a cached build finds of its output folder:
// every change by hand is found, in a folder whose time is the recorded
// one as in any other, and a folder with its recorded time is not listed.
func TestScanOutput(t *testing.T) {
	// "a-b" sorts between "a" and "a/b".
	files := []string{"index.html", "a/index.html", "a/b/index.html", "a-b/index.html", "c/index.html", "c/feed.xml"}
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	tests := []struct {
		name string
		// change alters the output after the manifest was recorded.
		change      func(t *testing.T, dest string)
		wantStrays  []string
		wantMissing []string
		clean       bool
	}{
		{"nothing changed", func(*testing.T, string) {}, nil, nil, true},
		{"file added", func(t *testing.T, dest string) { write(t, dest, "a/b/extra.html", "x") }, []string{"a/b/extra.html"}, nil, false},
		{"folder added", func(t *testing.T, dest string) { write(t, dest, "c/d/index.html", "x") }, []string{"c/d"}, nil, false},
		{"file removed", func(t *testing.T, dest string) { must(t, os.Remove(filepath.Join(dest, "c/feed.xml"))) }, nil, []string{"c/feed.xml"}, false},
		{"file edited in place", func(t *testing.T, dest string) {
			f, err := os.OpenFile(filepath.Join(dest, "a/b/index.html"), os.O_WRONLY|os.O_APPEND, 0)
			must(t, err)
			f.WriteString("edited")
			f.Close()
		}, nil, []string{"a/b/index.html"}, false},
		{"folder replaced by a link", func(t *testing.T, dest string) {
			must(t, os.RemoveAll(filepath.Join(dest, "a")))
			must(t, os.Symlink(t.TempDir(), filepath.Join(dest, "a")))
		}, []string{"a"}, []string{"a/b/index.html", "a/index.html"}, false},
		{"file replaced by a folder", func(t *testing.T, dest string) {
			must(t, os.Remove(filepath.Join(dest, "c/feed.xml")))
			must(t, os.Mkdir(filepath.Join(dest, "c/feed.xml"), 0o755))
		}, []string{"c/feed.xml"}, []string{"c/feed.xml"}, false},
		// A file added within the tick of a folder's recorded time leaves
		// the time as it was, which is why a recent time is not recorded:
		// such a folder is not listed.
		{"file added, folder time kept", func(t *testing.T, dest string) {
			write(t, dest, "a/b/extra.html", "x")
			must(t, os.Chtimes(filepath.Join(dest, "a/b"), old, old))
		}, nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := t.TempDir()
			manifest := map[string]buildcache.Output{}
			for _, f := range files {
				write(t, dest, f, "<p>"+f+"</p>")
				st, err := os.Stat(filepath.Join(dest, f))
				must(t, err)
				manifest[f] = buildcache.Output{Sig: 1, Sum: 2, Size: st.Size(), ModTime: st.ModTime().UnixNano()}
			}
			stamps := map[string]int64{}
			for _, d := range []string{".", "a", "a/b", "a-b", "c"} {
				must(t, os.Chtimes(filepath.Join(dest, d), old, old))
				stamps[d] = old.UnixNano()
			}
			tt.change(t, dest)
			m := buildcache.NewManifest(len(manifest), maps.All(manifest))
			for i, f := range m {
				m[i].Time = stamps[f.Name]
			}
			sc := scanOutput(dest, m, 2)
			if sc.matched == nil {
				t.Fatal("the scan gave up")
			}
			written := sc.written()
			if !slices.Equal(sc.strays, tt.wantStrays) {
				t.Errorf("strays %q, want %q", sc.strays, tt.wantStrays)
			}
			// A file edited by hand is recorded as nothing a build
			// writes, so that the build writes or removes it.
			var missing []string
			for _, f := range files {
				if w := written[f]; w == nil || w.onDisk == nil {
					missing = append(missing, f)
					if w != nil && w.sig != 0 {
						t.Errorf("%s, not as recorded, keeps its signature", f)
					}
				}
			}
			slices.Sort(missing)
			if !slices.Equal(missing, tt.wantMissing) {
				t.Errorf("files not as recorded %q, want %q", missing, tt.wantMissing)
			}
			// The scan names them, for the manifest the next save patches.
			named := slices.Sorted(slices.Values(append(slices.Clone(sc.missing), sc.edited...)))
			if !slices.Equal(named, tt.wantMissing) {
				t.Errorf("the scan names %q as gone or edited, want %q", named, tt.wantMissing)
			}
			if sc.clean != tt.clean {
				t.Errorf("clean = %v, want %v", sc.clean, tt.clean)
			}
		})
	}
}

func write(t *testing.T, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	must(t, os.MkdirAll(filepath.Dir(p), 0o755))
	must(t, os.WriteFile(p, []byte(data), 0o644))
}

// TestScanOutputRacyFiles checks that a file recorded without a time, as
// one written within folderSettle of the save is, is trusted only if its
// bytes are the ones recorded, whatever its time and size say, and then
// gets its time once that is old enough.
func TestScanOutputRacyFiles(t *testing.T) {
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	tests := []struct {
		name    string
		content string
		want    bool
	}{
		{"bytes as recorded", "<p>page</p>", true},
		{"edited in the same tick, same size and time", "<p>PAGE</p>", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := t.TempDir()
			write(t, dest, output.Marker, "")
			write(t, dest, "a/index.html", "<p>page</p>")
			recorded := buildcache.Output{Sig: 1, Sum: buildcache.Sum([]byte("<p>page</p>")), Size: int64(len("<p>page</p>"))}
			write(t, dest, "a/index.html", tt.content)
			must(t, os.Chtimes(filepath.Join(dest, "a/index.html"), old, old))
			m := buildcache.NewManifest(1, maps.All(map[string]buildcache.Output{"a/index.html": recorded}))
			sc := scanOutput(dest, m, 2)
			w := sc.written()["a/index.html"]
			if trusted := w != nil && w.onDisk != nil; trusted != tt.want || sc.clean != tt.want {
				t.Fatalf("trusted = %v, clean = %v, want %v", trusted, sc.clean, tt.want)
			}
			if w != nil && w.onDisk != nil && w.onDisk.mtime != old.UnixNano() {
				t.Errorf("a settled file keeps no time: %d", w.onDisk.mtime)
			}
		})
	}
}
