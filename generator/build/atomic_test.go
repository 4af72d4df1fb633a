package build

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFailedInPlaceBuildKeepsOutput makes cached, in-place builds fail in
// the ways a machine fails — a symbolic link in the output, a template that
// breaks on one page, an article that cannot be read, a full disk — and
// checks after each that the output is byte for byte what it was, with no
// temporary file inside or beside it, and that the next good build equals
// a clean one.
func TestFailedInPlaceBuildKeepsOutput(t *testing.T) {
	tests := []struct {
		name string
		// setup runs before the first build; fail breaks the site or the
		// output; fix mends it again.
		setup, fail, fix func(t *testing.T, src, dest string)
		want             string
	}{
		{
			name: "symbolic link in the output",
			fail: func(t *testing.T, src, dest string) {
				elsewhere := t.TempDir()
				must(t, os.RemoveAll(filepath.Join(dest, "countries")))
				must(t, os.Symlink(elsewhere, filepath.Join(dest, "countries")))
			},
			fix: func(t *testing.T, src, dest string) {
				must(t, os.Remove(filepath.Join(dest, "countries")))
			},
			want: "symbolic link",
		},
		{
			name: "template error on one page",
			setup: func(t *testing.T, src, dest string) {
				p := filepath.Join(src, "templates", "default", "layouts", "article.html")
				must(t, os.MkdirAll(filepath.Dir(p), 0o755))
				must(t, os.WriteFile(p, []byte(`{{define "main"}}<h1>{{.Article.Title}}</h1>{{if eq .Article.Title "BREAK"}}{{.Nope}}{{end}}{{end}}`), 0o644))
			},
			fail: func(t *testing.T, src, dest string) {
				must(t, os.WriteFile(filepath.Join(src, "content", "2024", "break.md"), []byte("+++\ntitle = \"BREAK\"\ndate = 2024-02-02\n+++\nBody.\n"), 0o644))
			},
			fix: func(t *testing.T, src, dest string) {
				must(t, os.Remove(filepath.Join(src, "content", "2024", "break.md")))
			},
			want: "Nope",
		},
		{
			name: "article that cannot be read",
			fail: func(t *testing.T, src, dest string) {
				loop := filepath.Join(src, "content", "2024", "loop.md")
				must(t, os.Symlink("loop.md", loop))
			},
			fix: func(t *testing.T, src, dest string) {
				must(t, os.Remove(filepath.Join(src, "content", "2024", "loop.md")))
			},
			want: "content/2024/loop.md",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(11, 3))
			src := writeFixture(t, rng, 8)
			dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
			if tt.setup != nil {
				tt.setup(t, src, dest)
			}
			must(t, cachedBuild(t, src, dest, cache))
			must(t, os.WriteFile(filepath.Join(src, "content", "2024", "a001.md"), fixtureArticle(rng, 100), 0o644))
			tt.fail(t, src, dest)
			before := fullTree(t, dest)
			err := cachedBuild(t, src, dest, cache)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("build = %v, want an error naming %q", err, tt.want)
			}
			if after := fullTree(t, dest); !mapsEqual(before, after) {
				t.Fatal("a failed build changed the output")
			}
			noTemporaries(t, dest)
			tt.fix(t, src, dest)
			must(t, cachedBuild(t, src, dest, cache))
			sameTree(t, "after the fix", dest, cleanBuild(t, src))
			noTemporaries(t, dest)
		})
	}
}

// TestFullDiskKeepsOutput fills a small tmpfs during an in-place build.
func TestFullDiskKeepsOutput(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("mounting a small tmpfs needs root; CI runs as root")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", mnt).Run() })
	rng := rand.New(rand.NewPCG(12, 4))
	src := writeFixture(t, rng, 8)
	dest, cache := filepath.Join(mnt, "public"), t.TempDir()
	must(t, cachedBuild(t, src, dest, cache))
	before := fullTree(t, dest)
	// A story whose page and feeds do not fit in what is left.
	big := strings.Repeat("Ministers of Laos met again. ", 60000)
	must(t, os.WriteFile(filepath.Join(src, "content", "2024", "big.md"),
		[]byte("+++\ntitle = \"A long one\"\ndate = 2025-01-02\n+++\n\n"+big+"\n"), 0o644))
	err := cachedBuild(t, src, dest, cache)
	if err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("build = %v, want no space left on device", err)
	}
	if after := fullTree(t, dest); !mapsEqual(before, after) {
		t.Fatal("a build that ran out of space changed the output")
	}
	noTemporaries(t, dest)
	must(t, os.Remove(filepath.Join(src, "content", "2024", "big.md")))
	must(t, os.WriteFile(filepath.Join(src, "content", "2024", "a002.md"), fixtureArticle(rng, 102), 0o644))
	must(t, cachedBuild(t, src, dest, cache))
	sameTree(t, "after freeing space", dest, cleanBuild(t, src))
}

// noTemporaries fails if a build left a temporary file inside dest or a
// temporary folder beside it.
func noTemporaries(t *testing.T, dest string) {
	t.Helper()
	for name := range fullTree(t, dest) {
		if strings.Contains(name, "attache-tmp") || strings.Contains(name, "attache-new") {
			t.Errorf("temporary file inside the output: %s", name)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".attache-") {
			t.Errorf("temporary folder beside the output: %s", e.Name())
		}
	}
}
