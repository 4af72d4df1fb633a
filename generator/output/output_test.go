package output

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCleanPath(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"index.html", "index.html", true},
		{"/articles/2024/07/x/index.html", "articles/2024/07/x/index.html", true},
		{"../evil.html", "", false},
		{"a/../../evil.html", "", false},
		{"a/./b.html", "", false},
		{"a//b.html", "", false},
		{`a\..\b.html`, "", false},
		{"", "", false},
		{"/", "", false},
		{"a\x00b", "", false},
	}
	for _, tt := range tests {
		got, err := CleanPath(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("CleanPath(%q) = %q, %v; want %q, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestCommitReplacesAndAbortKeeps(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	must(t, os.MkdirAll(dest, 0o755))
	must(t, os.WriteFile(filepath.Join(dest, "stale.html"), []byte("old"), 0o644))

	st, err := Begin(dest)
	must(t, err)
	must(t, st.WriteFile("a/index.html", []byte("new")))
	must(t, st.Abort())
	if b, err := os.ReadFile(filepath.Join(dest, "stale.html")); err != nil || string(b) != "old" {
		t.Fatalf("abort changed the destination: %q, %v", b, err)
	}

	st, err = Begin(dest)
	must(t, err)
	must(t, st.WriteFile("a/index.html", []byte("new")))
	must(t, st.Commit())
	if _, err := os.Stat(filepath.Join(dest, "stale.html")); !os.IsNotExist(err) {
		t.Errorf("stale file survived the commit: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "a/index.html")); string(b) != "new" {
		t.Errorf("new file = %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("leftovers beside the destination: %v", entries)
	}
}

func TestWriteFileStaysInside(t *testing.T) {
	dir := t.TempDir()
	st, err := Begin(filepath.Join(dir, "public"))
	must(t, err)
	defer st.Abort()
	for _, name := range []string{"../x.html", "a/../../x.html", "/../x.html"} {
		if err := st.WriteFile(name, []byte("x")); err == nil {
			t.Errorf("write to %s succeeded", name)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.html")); err == nil {
		t.Error("file written outside the output folder")
	}
	must(t, st.WriteFile("a/b/c/index.html", []byte("x")))
	must(t, st.WriteFile("a/b/d/index.html", []byte("y")))
	if b, _ := os.ReadFile(filepath.Join(st.Dir(), "a/b/d/index.html")); string(b) != "y" {
		t.Errorf("nested write = %q", b)
	}
}

func TestDestinationCheck(t *testing.T) {
	src := t.TempDir()
	home, _ := os.UserHomeDir()
	content := filepath.Join(src, "content")
	templates := filepath.Join(src, "templates")
	config := filepath.Join(src, "config.toml")
	writeTree(t, src, map[string]string{"content/a.md": "x", "templates/t/layouts/x.html": "x", "config.toml": "",
		"docs/letter.txt": "mine", "old/" + Marker: markerText, "old/index.html": "x", "empty/.keep": ""})
	os.Remove(filepath.Join(src, "empty/.keep"))
	tests := []struct {
		dest, why string
		force     bool
	}{
		{dest: filepath.Join(src, "public")},
		{dest: filepath.Join(src, "old")},
		{dest: filepath.Join(src, "empty")},
		{dest: filepath.Join(src, "docs"), force: true},
		{dest: src, why: "is the source folder"},
		{dest: filepath.Dir(src), why: "contains the source folder"},
		{dest: "/", why: "file-system root"},
		{dest: home, why: "home folder"},
		{dest: content, why: "is the site's"},
		{dest: filepath.Join(content, "out"), why: "lies inside the site's"},
		{dest: templates, why: "is the site's", force: true},
		{dest: config, why: "is the site's"},
		{dest: filepath.Join(src, "docs"), why: "did not write"},
		{dest: filepath.Join(src, "docs", "letter.txt"), why: "is a file"},
	}
	for _, tt := range tests {
		d := Destination{Dir: tt.dest, Source: src, Inputs: []string{content, templates, config}, Force: tt.force}
		err := d.Check()
		if tt.why == "" && err != nil || tt.why != "" && (err == nil || !strings.Contains(err.Error(), tt.why)) {
			t.Errorf("Check(%s, force=%v) = %v, want %q", tt.dest, tt.force, err, tt.why)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// BenchmarkWrite writes a site's worth of pretty-URL pages (a folder and an
// index.html each) into a staging folder and commits it.
func BenchmarkWrite(b *testing.B) {
	page := make([]byte, 12<<10)
	dest := filepath.Join(b.TempDir(), "public")
	const pages = 1000
	for range b.N {
		st, err := Begin(dest)
		if err != nil {
			b.Fatal(err)
		}
		for i := range pages {
			name := fmt.Sprintf("articles/2024/%02d/story-%d/index.html", i%12+1, i)
			if err := st.WriteFile(name, page); err != nil {
				b.Fatal(err)
			}
		}
		if err := st.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*pages), "µs/file")
}

func TestDestinationApart(t *testing.T) {
	src := t.TempDir()
	content, templates, config := filepath.Join(src, "content"), filepath.Join(src, "templates"), filepath.Join(src, "config.toml")
	writeTree(t, src, map[string]string{"content/a.md": "x", "templates/t/layouts/x.html": "x", "config.toml": ""})
	d := Destination{Dir: filepath.Join(src, "public"), Source: src, Inputs: []string{content, templates, config}}
	tests := []struct{ file, why string }{
		{filepath.Join(src, "cpu.prof"), ""},
		{filepath.Join(t.TempDir(), "cpu.prof"), ""},
		{filepath.Join(src, "public"), "lies in the output folder"},
		{filepath.Join(src, "public", "x", "cpu.prof"), "lies in the output folder"},
		{config, "would overwrite the site's"},
		{filepath.Join(content, "a.md"), "would overwrite a file of the site's"},
		{filepath.Join(content, "new.prof"), "lies in the site's"},
		{filepath.Join(src, "templates", "..", "content", "b.prof"), "lies in the site's"},
	}
	for _, tt := range tests {
		err := d.Apart(tt.file)
		if tt.why == "" && err != nil || tt.why != "" && (err == nil || !strings.Contains(err.Error(), tt.why)) {
			t.Errorf("Apart(%s) = %v, want %q", tt.file, err, tt.why)
		}
	}
}
