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

// Begin creates an empty staging folder beside dest.
func Begin(dest string) (*Staging, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".attache-new-")
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
		tmp, err := os.MkdirTemp(filepath.Dir(s.dest), "."+filepath.Base(s.dest)+".attache-old-")
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

// CheckDestination refuses output folders whose replacement would destroy
// the sources or more: the source folder itself, a folder containing it, the
// file-system root and the home folder.
func CheckDestination(source, dest string) error {
	src, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	dst, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	src, dst = resolve(src), resolve(dst)
	if home, err := os.UserHomeDir(); err == nil && dst == resolve(home) {
		return fmt.Errorf("destination %s is the home folder", dest)
	}
	if dst == filepath.Dir(dst) {
		return fmt.Errorf("destination %s is the file-system root", dest)
	}
	if dst == src {
		return fmt.Errorf("destination %s is the source folder", dest)
	}
	if rel, err := filepath.Rel(dst, src); err == nil && filepath.IsLocal(rel) {
		return fmt.Errorf("destination %s contains the source folder %s", dest, source)
	}
	return nil
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
