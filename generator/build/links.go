package build

import (
	"os"
	"path/filepath"
)

// A content file may be a symbolic link to another file of the site (see
// pipeline.Project.OpenContent). An edit of its target is an edit of the
// article, but the watcher reports the target's path, which lies outside
// the content folder: the Builder keeps, for each link, the file it leads
// to, and takes a report of that file for one of the link.

// noteLink records whether the content file rel (slash-separated) is a
// symbolic link, and where it leads.
func (b *Builder) noteLink(rel string, link bool) {
	if !link {
		delete(b.links, rel)
		return
	}
	file := filepath.Join(b.content, filepath.FromSlash(rel))
	target, err := filepath.EvalSymlinks(file)
	if err != nil {
		// Dangling: the build skips it, with a warning, until the file
		// it leads to is made, which the watcher reports by that path.
		to, err := os.Readlink(file)
		if err != nil {
			delete(b.links, rel)
			return
		}
		if !filepath.IsAbs(to) {
			to = filepath.Join(filepath.Dir(file), to)
		}
		target = resolved(to)
	}
	if b.links == nil {
		b.links = map[string]string{}
	}
	b.links[rel] = target
}

// linksTo returns the content files, as absolute paths, that are links to
// the file at the absolute path p.
func (b *Builder) linksTo(p string) []string {
	if len(b.links) == 0 {
		return nil
	}
	target := resolved(p)
	var out []string
	for rel, t := range b.links {
		if t == target {
			out = append(out, filepath.Join(b.content, filepath.FromSlash(rel)))
		}
	}
	return out
}

// resolved is p with its symbolic links resolved, those of its folder if
// p itself is gone.
func resolved(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
		return filepath.Join(dir, filepath.Base(p))
	}
	return p
}

// isLink reports whether p is a symbolic link.
func isLink(p string) bool {
	st, err := os.Lstat(p)
	return err == nil && st.Mode()&os.ModeSymlink != 0
}
