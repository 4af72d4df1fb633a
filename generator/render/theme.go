package render

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/internal/tomlline"
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
	var chain []string
	var from *diag.Error // the extends line that named the theme, if any
	for name != "" {
		chain = append(chain, name)
		if slices.Contains(chain[:len(chain)-1], name) {
			from.Err = fmt.Errorf("themes extend each other: %s", strings.Join(chain, " extends "))
			return nil, from
		}
		own, err := themeLayers(bundled, siteTemplates, name)
		if err != nil {
			if from != nil {
				from.Err = fmt.Errorf("extends %q: %w", name, err)
				return nil, from
			}
			return nil, err
		}
		layers = append(layers, own...)
		if name, from, err = extends(own); err != nil {
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

// extends reads the theme.toml of a theme's layers, if it has one, and
// returns the theme it extends with a located error for its extends line,
// whose message the caller sets when that theme is wrong.
func extends(layers overlay) (string, *diag.Error, error) {
	var file string
	for _, l := range layers {
		if _, err := fs.Stat(l, "theme.toml"); err == nil {
			file = l.(layer).shown("theme.toml")
			break
		}
	}
	src, err := fs.ReadFile(layers, "theme.toml")
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, err
	}
	var tf themeFile
	md, err := toml.Decode(string(src), &tf)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return "", nil, diag.Errorf(file, pe.Position.Line, "%s", pe.Message)
		}
		return "", nil, diag.Errorf(file, 0, "%v", err)
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		k := keys[0].String()
		return "", nil, diag.Errorf(file, tomlline.KeyLine(string(src), keys[0]), "unknown key %q (theme.toml has extends)", k)
	}
	at := diag.Errorf(file, tomlline.KeyLine(string(src), toml.Key{"extends"}), "")
	if name := tf.Extends; name != "" && !plainName(name) {
		at.Err = fmt.Errorf("extends %q: want the name of a theme, a folder of templates/", name)
		return "", nil, at
	}
	return tf.Extends, at, nil
}

// plainName reports whether a theme's name is a folder's name, which
// cannot lead out of templates/.
func plainName(name string) bool {
	return name != "." && name != ".." && !strings.ContainsAny(name, `/\`) && strings.TrimSpace(name) == name
}

// layer is one folder of a theme, with the name its files are shown by in
// errors: the site's folder, or the bundled theme's name.
type layer struct {
	fs.FS
	name string
	// site marks a folder of the site's own templates.
	site bool
}

// shown names a file of the layer for messages.
func (l layer) shown(file string) string {
	if l.site {
		return path.Join(l.name, file)
	}
	return "the bundled theme " + l.name + "'s " + file
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
