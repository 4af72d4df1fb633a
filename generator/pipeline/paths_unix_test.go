//go:build unix

package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestFoldersElsewhere: a site may keep its content and its output
// outside its folder, named by absolute paths or reached through a
// symbolic link. The content is read and watched where it is, the output
// written where it is named, and a link to a folder inside the content
// folder is reported, not followed.
func TestFoldersElsewhere(t *testing.T) {
	root := t.TempDir()
	site, wire, www := filepath.Join(root, "site"), filepath.Join(root, "wire"), filepath.Join(root, "www")
	for _, dir := range []string{site, filepath.Join(wire, "2025"), filepath.Join(root, "more")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(path, data string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	story := "+++\ntitle = \"T\"\ndate = 2025-06-01\n+++\n\nText.\n"
	write(filepath.Join(wire, "2025", "a.md"), story)
	write(filepath.Join(root, "more", "b.md"), story)
	if err := os.Symlink(filepath.Join(root, "more"), filepath.Join(wire, "more")); err != nil {
		t.Fatal(err)
	}
	config := "title = \"Desk\"\nbaseURL = \"https://example.org/\"\ncontentDir = %q\npublishDir = %q\n"
	for _, tc := range []struct {
		name, contentDir string
	}{
		{"absolute paths", wire},
		{"a link to the content folder", "content"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.Remove(filepath.Join(site, "content"))
			if tc.contentDir == "content" {
				if err := os.Symlink(wire, filepath.Join(site, "content")); err != nil {
					t.Fatal(err)
				}
			}
			write(filepath.Join(site, ConfigFile), fmt.Sprintf(config, tc.contentDir, www))
			p, err := Load(Options{Source: site})
			if err != nil {
				t.Fatal(err)
			}
			if p.Destination != www {
				t.Errorf("destination %s, want %s", p.Destination, www)
			}
			files, links, err := ContentFiles(p.ContentDir)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(files, []string{"2025/a.md"}) || !slices.Equal(links, []string{"more"}) {
				t.Errorf("content files %q, links to folders %q; want [2025/a.md] and [more]", files, links)
			}
			if ws := p.NotFollowed(links); len(ws) != 1 || ws[0].Error() != filepath.ToSlash(filepath.Join(tc.contentDir, "more"))+": warning: symbolic link to a folder; not followed" {
				t.Errorf("warnings %v", ws)
			}
			if roots := WatchRoots(site); !slices.Equal(roots, []string{site, wire}) {
				t.Errorf("watched %q, want the site and %s", roots, wire)
			}
		})
	}
}
