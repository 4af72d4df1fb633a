package pipeline

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/attache/attache/generator/diag"
)

// ContentReader reads articles through an os.Root on the site folder (or
// on the content folder, when that lies elsewhere): a symbolic link in
// content/ may lead anywhere inside the site, but no link can make a build
// publish a file from outside it, such as /etc/shadow.
type ContentReader struct {
	root *os.Root
	// prefix is the content folder's path in root.
	prefix string
	// top is root's folder, resolved; dir is the content folder and shown
	// its name in messages.
	top, dir, shown string
}

// OpenContent opens the reader of the project's content folder. Close it
// when done.
func (p *Project) OpenContent() (*ContentReader, error) {
	site, err := filepath.Abs(p.Options.Source)
	if err != nil {
		return nil, err
	}
	dir, err := filepath.Abs(p.ContentDir)
	if err != nil {
		return nil, err
	}
	if site, err = filepath.EvalSymlinks(site); err != nil {
		return nil, err
	}
	if dir, err = filepath.EvalSymlinks(dir); err != nil {
		return nil, err
	}
	top, prefix := site, "."
	if rel, err := filepath.Rel(site, dir); err == nil && filepath.IsLocal(rel) {
		prefix = rel
	} else {
		top = dir
	}
	root, err := os.OpenRoot(top)
	if err != nil {
		return nil, err
	}
	return &ContentReader{root: root, prefix: prefix, top: top, dir: p.ContentDir, shown: p.Config.ContentDir}, nil
}

// Close closes the reader.
func (c *ContentReader) Close() error { return c.root.Close() }

// Skipped is a content file left out with a warning, such as a symbolic
// link that leads out of the site.
type Skipped struct{ diag.Warning }

// Read returns the bytes and file information of the content file name
// (content-relative, slash-separated). A link out of the site, to nothing
// or to a folder is a *Skipped error; a file that is gone is
// fs.ErrNotExist; any other failure to read is the build's error.
func (c *ContentReader) Read(name string) ([]byte, fs.FileInfo, error) {
	shown := filepath.ToSlash(filepath.Join(c.shown, name))
	f, err := c.open(filepath.Join(c.prefix, filepath.FromSlash(name)))
	if err != nil {
		link := filepath.Join(c.dir, filepath.FromSlash(name))
		if st, lerr := os.Lstat(link); lerr == nil && st.Mode()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(link)
			resolved, rerr := filepath.EvalSymlinks(link)
			if rerr == nil {
				// os.Root follows no absolute link; one that leads
				// inside the site is read by the path it resolves to.
				if rel, err := filepath.Rel(c.top, resolved); err == nil && filepath.IsLocal(rel) {
					if f, err = c.open(rel); err == nil {
						return c.readOpen(f, shown)
					}
				}
			}
			switch {
			case errors.Is(rerr, fs.ErrNotExist):
				return nil, nil, &Skipped{diag.Warnf(shown, 0, "symbolic link to %s, which does not exist; Skipped", target)}
			case rerr != nil:
				// A loop of links: nothing to read, and nothing to
				// publish in its place.
				return nil, nil, diag.Errorf(shown, 0, "symbolic link to %s: %v", target, unwrapPath(rerr))
			}
			return nil, nil, &Skipped{diag.Warnf(shown, 0, "symbolic link to %s leads outside the site folder; Skipped", target)}
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, err
		}
		return nil, nil, diag.Errorf(shown, 0, "%v", unwrapPath(err))
	}
	return c.readOpen(f, shown)
}

// open opens a content file without blocking: opening a named pipe named
// like an article would wait for a writer, and the build with it, deaf to
// Ctrl-C. A regular file reads as ever.
func (c *ContentReader) open(name string) (*os.File, error) {
	return c.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// readOpen reads an opened content file and closes it.
func (c *ContentReader) readOpen(f *os.File, shown string) ([]byte, fs.FileInfo, error) {
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, diag.Errorf(shown, 0, "%v", unwrapPath(err))
	}
	if st.IsDir() {
		return nil, nil, &Skipped{diag.Warnf(shown, 0, "symbolic link to a folder; not followed")}
	}
	if !st.Mode().IsRegular() {
		return nil, nil, &Skipped{diag.Warnf(shown, 0, "not a regular file (%s); Skipped", fileKind(st.Mode()))}
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, nil, diag.Errorf(shown, 0, "%v", unwrapPath(err))
	}
	return data, st, nil
}

// unwrapPath drops the path a *fs.PathError repeats, as messages name the
// file already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// fileKind names what a file that is not a regular file or folder is.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "an irregular file"
}
