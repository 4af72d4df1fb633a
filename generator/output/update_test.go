package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tree reads every file below dir into a map of slash paths to contents,
// with symbolic links as "-> target".
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&os.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out[rel] = "-> " + target
		case d.IsDir():
			out[rel+"/"] = ""
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[rel] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte(data), 0o644))
	}
}

func TestUpdate(t *testing.T) {
	tests := []struct {
		name    string
		before  map[string]string
		setup   func(t *testing.T, parent, dest string)
		write   map[string]string
		remove  []string
		want    map[string]string // nil: the update fails and dest is unchanged
		wantErr string
	}{
		{
			name:   "writes, replaces and removes",
			before: map[string]string{"index.html": "old", "a/x/index.html": "gone", "b/index.html": "keep"},
			write:  map[string]string{"index.html": "new", "c/d/index.html": "added"},
			remove: []string{"a/x/index.html", "missing.html"},
			want:   map[string]string{Marker: markerText, "index.html": "new", "b/": "", "b/index.html": "keep", "c/": "", "c/d/": "", "c/d/index.html": "added"},
		},
		{
			name:   "a stale folder removed where a new file goes",
			before: map[string]string{"a/x/index.html": "old", "a/x/extra.html": "stale"},
			write:  map[string]string{"a/x/index.html": "new"},
			remove: []string{"a/x"},
			want:   map[string]string{Marker: markerText, "a/": "", "a/x/": "", "a/x/index.html": "new"},
		},
		{
			name:   "a symbolic link to a folder outside is refused before anything changes",
			before: map[string]string{"index.html": "old"},
			setup: func(t *testing.T, parent, dest string) {
				must(t, os.MkdirAll(filepath.Join(parent, "elsewhere"), 0o755))
				must(t, os.Symlink(filepath.Join(parent, "elsewhere"), filepath.Join(dest, "countries")))
			},
			write:   map[string]string{"index.html": "new", "countries/china/index.html": "x"},
			wantErr: "symbolic link",
		},
		{
			name:   "a link in a file's place is replaced, not followed",
			before: map[string]string{"index.html": "old"},
			setup: func(t *testing.T, parent, dest string) {
				must(t, os.WriteFile(filepath.Join(parent, "secret"), []byte("secret"), 0o644))
				must(t, os.Symlink(filepath.Join(parent, "secret"), filepath.Join(dest, "feed.json")))
			},
			write: map[string]string{"feed.json": "{}"},
			want:  map[string]string{Marker: markerText, "index.html": "old", "feed.json": "{}"},
		},
		{
			name:    "a folder where a file belongs is refused",
			before:  map[string]string{"index.html": "old", "x.html/inner": "i"},
			write:   map[string]string{"index.html": "new", "x.html": "file"},
			wantErr: "a folder stands where a file belongs",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			must(t, os.MkdirAll(dest, 0o755))
			writeTree(t, dest, tt.before)
			if tt.setup != nil {
				tt.setup(t, parent, dest)
			}
			before := tree(t, dest)
			u, err := BeginUpdate(dest)
			must(t, err)
			for name, data := range tt.write {
				must(t, u.WriteFile(name, []byte(data)))
			}
			for _, name := range tt.remove {
				must(t, u.Remove(name))
			}
			err = u.Commit()
			got := tree(t, dest)
			if tt.want == nil {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Commit() = %v, want an error containing %q", err, tt.wantErr)
				}
				if !equalTrees(got, before) {
					t.Errorf("a failed update changed the output:\nbefore %v\nafter  %v", before, got)
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				if !equalTrees(got, tt.want) {
					t.Errorf("output = %v, want %v", got, tt.want)
				}
			}
			if b, err := os.ReadFile(filepath.Join(parent, "secret")); err == nil && string(b) != "secret" {
				t.Errorf("the update wrote through a link: %q", b)
			}
			entries, _ := os.ReadDir(parent)
			for _, e := range entries {
				if strings.Contains(e.Name(), ".attache-") {
					t.Errorf("temporary folder left beside the output: %s", e.Name())
				}
			}
		})
	}
}

// TestUpdateUndo fails a commit half way, after some files were already
// swapped in, and checks every step is undone.
func TestUpdateUndo(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	writeTree(t, dest, map[string]string{"a/index.html": "a", "b/index.html": "b", "z": "z"})
	before := tree(t, dest)
	u, err := BeginUpdate(dest)
	must(t, err)
	must(t, u.WriteFile("a/index.html", []byte("A")))
	must(t, u.WriteFile("new/deep/index.html", []byte("N")))
	must(t, u.WriteFile("zz/index.html", []byte("Z")))
	must(t, u.Remove("b/index.html"))
	// Passing preflight, then failing at the last file: "zz" turns into a
	// file after the check, as a concurrent writer might make it.
	u.afterPreflight = func() { os.WriteFile(filepath.Join(dest, "zz"), []byte("blocker"), 0o644) }
	if err := u.Commit(); err == nil {
		t.Fatal("Commit succeeded over a file standing where a folder belongs")
	}
	got := tree(t, dest)
	delete(got, "zz")
	if !equalTrees(got, before) {
		t.Errorf("a failed commit was not undone:\nbefore %v\nafter  %v", before, got)
	}
}

// TestUpdateStagesFlat checks that files deep in the tree are staged
// without a folder for each of their parents, and that a name staged
// twice is placed once, with its last bytes.
func TestUpdateStagesFlat(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	writeTree(t, dest, map[string]string{"countries/laos/2024/07/index.html": "old", Marker: markerText})
	u, err := BeginUpdate(dest)
	must(t, err)
	must(t, u.WriteFile("countries/laos/2024/07/index.html", []byte("first")))
	must(t, u.WriteFile("countries/laos/2024/08/index.html", []byte("new")))
	must(t, u.WriteFile("countries/laos/2024/07/index.html", []byte("second")))
	u.afterPreflight = func() {
		entries, err := os.ReadDir(u.stage.Dir())
		must(t, err)
		for _, e := range entries {
			if !e.Type().IsRegular() {
				t.Errorf("staging folder holds %s, not a file", e.Name())
			}
		}
	}
	must(t, u.Commit())
	want := map[string]string{"countries/": "", "countries/laos/": "", "countries/laos/2024/": "", "countries/laos/2024/07/": "",
		"countries/laos/2024/07/index.html": "second", "countries/laos/2024/08/": "", "countries/laos/2024/08/index.html": "new", Marker: markerText}
	if got := tree(t, dest); !equalTrees(got, want) {
		t.Errorf("after the update %v, want %v", got, want)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("the update left %d entries beside the output", len(entries)-1)
	}
}

func TestLeftovers(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	must(t, os.MkdirAll(dest, 0o755))
	dead := filepath.Join(parent, ".public.attache-new-999999999-1")
	legacy := filepath.Join(parent, ".public.attache-new-12345")
	live := filepath.Join(parent, tempPrefix(dest, "new")+"1")
	other := filepath.Join(parent, ".other.attache-new-999999999-1")
	for _, d := range []string{dead, legacy, live, other} {
		must(t, os.MkdirAll(filepath.Join(d, "x"), 0o755))
	}
	must(t, Leftovers(dest))
	for _, c := range []struct {
		dir  string
		want bool
	}{{dead, false}, {legacy, false}, {live, true}, {other, true}, {dest, true}} {
		if _, err := os.Stat(c.dir); (err == nil) != c.want {
			t.Errorf("%s exists = %v, want %v", filepath.Base(c.dir), err == nil, c.want)
		}
	}
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
