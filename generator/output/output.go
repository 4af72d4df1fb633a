// Package output writes a build into a staging folder beside the destination
// and swaps it in only when the whole build succeeded, so that a failed build
// leaves the previous site untouched and a successful one leaves nothing
// stale.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// Staging is an output folder being filled. Its methods are safe for
// concurrent use: each writes its own file.
type Staging struct {
	dest string
	dir  string
	// made records the folders already created: a site of 10,000 articles
	// writes some 15,000 files into a few thousand folders, and asking the
	// kernel for every parent of every file costs more than the writes.
	made sync.Map
}

// Begin creates a staging folder beside dest, holding only the Marker.
func Begin(dest string) (*Staging, error) {
	st, err := begin(dest)
	if err != nil {
		return nil, err
	}
	if err := st.WriteFile(Marker, []byte(markerText)); err != nil {
		st.Abort()
		return nil, err
	}
	return st, nil
}

func begin(dest string) (*Staging, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, tempPrefix(dest, "new"))
	if err != nil {
		return nil, err
	}
	// MkdirTemp makes the folder 0700; a published site is world-readable.
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &Staging{dest: dest, dir: dir}, nil
}

// Dir returns the staging folder's path.
func (s *Staging) Dir() string { return s.dir }

// CleanPath checks that name, a slash-separated path from a page URL or an
// asset, names a file inside the output folder, and returns it cleaned.
func CleanPath(name string) (string, error) {
	clean := path.Clean("/" + name)[1:]
	if clean == "" || clean != strings.TrimPrefix(name, "/") || !filepath.IsLocal(filepath.FromSlash(clean)) || strings.Contains(name, "\\") || strings.ContainsRune(name, 0) {
		return "", fmt.Errorf("output path %q: not a clean path inside the output folder", name)
	}
	return clean, nil
}

// WriteFile writes data to name, creating parent folders. name is
// slash-separated and relative to the output folder; a name that would leave
// it is an error. The staging folder is new and only attache writes into it,
// so no symbolic link can stand on the way.
func (s *Staging) WriteFile(name string, data []byte) error {
	clean, err := CleanPath(name)
	if err != nil {
		return err
	}
	if err := s.mkdirAll(path.Dir(clean)); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(s.dir, filepath.FromSlash(clean)), data, 0o644)
}

// mkdirAll creates the folder dir of the staging folder and its parents,
// each once.
func (s *Staging) mkdirAll(dir string) error {
	if dir == "." {
		return nil
	}
	if _, ok := s.made.Load(dir); ok {
		return nil
	}
	if err := s.mkdirAll(path.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(filepath.Join(s.dir, filepath.FromSlash(dir)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	s.made.Store(dir, true)
	return nil
}

// Commit replaces the destination with the staging folder.
func (s *Staging) Commit() error {
	old := ""
	if _, err := os.Lstat(s.dest); err == nil {
		tmp, err := os.MkdirTemp(filepath.Dir(s.dest), tempPrefix(s.dest, "old"))
		if err != nil {
			return err
		}
		old = filepath.Join(tmp, "site")
		if err := os.Rename(s.dest, old); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("move previous output aside: %w", err)
		}
		defer os.RemoveAll(tmp)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(s.dir, s.dest); err != nil {
		if old != "" {
			os.Rename(old, s.dest)
		}
		return fmt.Errorf("swap in new output: %w", err)
	}
	return nil
}

// Abort removes the staging folder, leaving the destination as it was.
func (s *Staging) Abort() error {
	return os.RemoveAll(s.dir)
}

// Marker is the file every build leaves in its output folder, so that a
// later build knows the folder is attache's to replace.
const Marker = ".attache-output"

// markerText is the Marker file's content.
const markerText = "This folder is written by attache; each build replaces what is in it.\n"

// Destination describes an output folder to check before a build replaces
// it.
type Destination struct {
	// Dir is the output folder.
	Dir string
	// Source is the site folder; Inputs are the files and folders the
	// site reads (content, templates, config.toml).
	Source string
	Inputs []string
	// Force allows replacing an existing folder that holds files but no
	// Marker.
	Force bool
	// Known reports whether attache wrote the folder although it lacks a
	// Marker (an output recorded in a build cache); nil means never.
	Known func() bool
}

// Check refuses output folders whose replacement would destroy the sources
// or someone's files: the source folder itself or a folder containing it,
// a folder that is, holds or lies inside an input of the site, the
// file-system root, the home folder, and a folder with files in it that
// attache did not write (unless Force).
func (d Destination) Check() error {
	dst, err := filepath.Abs(d.Dir)
	if err != nil {
		return err
	}
	dst = resolve(dst)
	if home, err := os.UserHomeDir(); err == nil && dst == resolve(home) {
		return fmt.Errorf("destination %s is the home folder", d.Dir)
	}
	if dst == filepath.Dir(dst) {
		return fmt.Errorf("destination %s is the file-system root", d.Dir)
	}
	if d.Source != "" {
		src, err := filepath.Abs(d.Source)
		if err != nil {
			return err
		}
		src = resolve(src)
		if dst == src {
			return fmt.Errorf("destination %s is the source folder", d.Dir)
		}
		if within(src, dst) {
			return fmt.Errorf("destination %s contains the source folder %s", d.Dir, d.Source)
		}
	}
	for _, in := range d.Inputs {
		abs, err := filepath.Abs(in)
		if err != nil {
			return err
		}
		abs = resolve(abs)
		switch {
		case abs == dst:
			return fmt.Errorf("destination %s is the site's %s: a build would replace it", d.Dir, in)
		case within(abs, dst):
			return fmt.Errorf("destination %s contains the site's %s: a build would delete it", d.Dir, in)
		case within(dst, abs):
			return fmt.Errorf("destination %s lies inside the site's %s: the output would mix with the sources", d.Dir, in)
		}
	}
	if d.Force {
		return nil
	}
	st, err := os.Lstat(dst)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !st.IsDir():
		return fmt.Errorf("destination %s is a file, not a folder; remove it or use -force", d.Dir)
	}
	entries, err := os.ReadDir(dst)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Lstat(filepath.Join(dst, Marker)); err == nil {
		return nil
	}
	if d.Known != nil && d.Known() {
		return nil
	}
	return fmt.Errorf("destination %s holds files that attache did not write (it has no %s); a build would delete them: choose another folder, or use -force to replace it", d.Dir, Marker)
}

// Apart refuses a file a command writes beside the build, such as a
// profile, where the build or the file would destroy the other's work:
// in the output folder, which a build replaces or prunes, or on or inside
// the site's sources, which the file would overwrite.
func (d Destination) Apart(file string) error {
	abs, err := filepath.Abs(file)
	if err != nil {
		return err
	}
	abs = resolve(abs)
	dst, err := filepath.Abs(d.Dir)
	if err != nil {
		return err
	}
	if dst = resolve(dst); abs == dst || within(abs, dst) {
		return fmt.Errorf("%s lies in the output folder %s, which a build replaces", file, d.Dir)
	}
	for _, in := range d.Inputs {
		p, err := filepath.Abs(in)
		if err != nil {
			return err
		}
		switch p = resolve(p); {
		case abs == p:
			return fmt.Errorf("%s would overwrite the site's %s", file, in)
		case within(abs, p):
			if _, err := os.Lstat(abs); err == nil {
				return fmt.Errorf("%s would overwrite a file of the site's %s", file, in)
			}
			return fmt.Errorf("%s lies in the site's %s, which a build reads", file, in)
		}
	}
	return nil
}

// within reports whether p lies strictly inside dir.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && filepath.IsLocal(rel)
}

// resolve follows symbolic links as far as the path exists.
func resolve(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	if dir := filepath.Dir(p); dir != p {
		return filepath.Join(resolve(dir), filepath.Base(p))
	}
	return p
}
