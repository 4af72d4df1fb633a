//go:build unix

package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDestinationLink builds a site whose output folder is a symbolic
// link to the folder a host serves (public -> /var/www/html): the site is
// written there, by clean and cached builds alike, and the link stays a
// link (a build swapping its output in by renaming put a folder in the
// link's place and left the served folder empty).
func TestDestinationLink(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("ATTACHE_NOCACHE", "")
	root := t.TempDir()
	site, www := filepath.Join(root, "site"), filepath.Join(root, "www")
	if code, _, errs := runArgs(t, "new", "site", site); code != exitOK {
		t.Fatalf("new site: %s", errs)
	}
	if err := os.Mkdir(www, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(site, "public")
	if err := os.Symlink(www, link); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"-nocache"}, {}, {}} {
		if code, _, errs := runArgs(t, append([]string{"build", "-source", site, "-baseURL", "https://example.org/"}, args...)...); code != exitOK {
			t.Fatalf("build %v: %s", args, errs)
		}
		if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("build %v: public is no longer a link: %v", args, err)
		}
		if _, err := os.Stat(filepath.Join(www, "index.html")); err != nil {
			t.Fatalf("build %v: the folder the link leads to has no home page: %v", args, err)
		}
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 2 {
		t.Errorf("beside the site and www: %d entries, want none left by the builds", len(entries)-2)
	}
}
