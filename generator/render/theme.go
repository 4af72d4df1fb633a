package render

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"

	"github.com/BurntSushi/toml"
)

// Theme returns the files of the named theme: the site's own
// templates/<name>/ laid over the bundled theme of that name, so that a site
// can replace a single layout, partial or asset without copying the rest.
// siteTemplates may be "" for a site without its own templates folder.
//
// A theme whose theme.toml says extends = "other" is laid, the same way,
// over the theme it extends: it holds only the files it changes.
func Theme(bundled fs.FS, siteTemplates, name string) (fs.FS, error) {
	var layers overlay
	for seen := map[string]bool{}; name != ""; {
		if seen[name] {
			return nil, fmt.Errorf("theme %q extends itself", name)
		}
		seen[name] = true
		own, err := themeLayers(bundled, siteTemplates, name)
		if err != nil {
			return nil, err
		}
		layers = append(layers, own...)
		if name, err = extends(own, name); err != nil {
			return nil, err
		}
	}
	return layers, nil
}

// themeLayers returns the folders that make up one theme, the site's first.
func themeLayers(bundled fs.FS, siteTemplates, name string) (overlay, error) {
	var layers overlay
	if siteTemplates != "" {
		dir := path.Join(siteTemplates, name)
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			layers = append(layers, layer{FS: os.DirFS(dir), name: dir, site: true})
		}
	}
	if st, err := fs.Stat(bundled, name); err == nil && st.IsDir() {
		sub, err := fs.Sub(bundled, name)
		if err != nil {
			return nil, err
		}
		layers = append(layers, layer{FS: sub, name: name})
	}
	if len(layers) == 0 {
		return nil, fmt.Errorf("theme %q not found", name)
	}
	return layers, nil
}

// themeFile is a theme's theme.toml.
type themeFile struct {
	// Extends names the theme this one is built on.
	Extends string `toml:"extends"`
}

// extends reads the theme.toml of a theme's layers, if it has one.
func extends(layers overlay, name string) (string, error) {
	src, err := fs.ReadFile(layers, "theme.toml")
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	var tf themeFile
	md, err := toml.Decode(string(src), &tf)
	if err != nil {
		return "", fmt.Errorf("theme %s: theme.toml: %w", name, err)
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		return "", fmt.Errorf("theme %s: theme.toml: unknown key %q", name, keys[0].String())
	}
	return tf.Extends, nil
}

// layer is one folder of a theme, with the name its files are shown by in
// errors: the site's folder, or the bundled theme's name.
type layer struct {
	fs.FS
	name string
	// site marks a folder of the site's own templates.
	site bool
}

// overlay is a read-only union of file systems: a file comes from the first
// layer that has it, and a folder lists the union of its entries.
type overlay []fs.FS

func (o overlay) Open(name string) (fs.File, error) {
	var firstErr error
	for _, l := range o {
		f, err := l.Open(name)
		if err == nil {
			return f, nil
		}
		if firstErr == nil || !errors.Is(err, fs.ErrNotExist) {
			firstErr = err
		}
	}
	return nil, firstErr
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]bool{}
	var out []fs.DirEntry
	found := false
	for _, l := range o {
		entries, err := fs.ReadDir(l, name)
		if err != nil {
			continue
		}
		found = true
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return slices.Clip(out), nil
}
