// Package render turns site pages into HTML with a theme's html/template
// layouts, and fingerprints the theme's static assets.
package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/attache/attache/generator/feed"
	"github.com/attache/attache/generator/i18n"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/view"
)

// Asset is a static file of the theme with its fingerprinted output path.
type Asset struct {
	// Name is the file's path under the theme's static/ folder.
	Name string
	// Path is the URL path it is published at, with a content hash in the
	// file name so that hosts may cache it forever: "/assets/css/main.1a2b3c4d5e.css".
	Path string
	Data []byte
}

// Renderer renders pages with one theme. It is safe for concurrent use.
type Renderer struct {
	themeName string
	layouts   map[site.PageKind]*template.Template
	// partials executes partials on their own for partialCached.
	partials *template.Template
	// noFold keeps every action as written (see fold.go), for tests that
	// compare the two.
	noFold bool
	// folded counts the actions folded, for tests.
	folded    int
	assets    []Asset
	assetPath map[string]string
	base      *url.URL
	// lang is the configured language; tr its strings.
	lang string
	tr   *i18n.Table
	// feedWords titles the feeds a page announces in its head, as the
	// feeds title themselves.
	feedWords *feed.Words
	// monthLabels keeps month labels translated (see monthLabel).
	monthLabels sync.Map
	warn        func(string)
	// warnings are what New warned about.
	warnings []string
}

// Option configures a Renderer.
type Option func(*Renderer)

// WithThemeName sets the name used for the theme in error messages.
func WithThemeName(name string) Option { return func(r *Renderer) { r.themeName = name } }

// New loads the theme's layouts and assets. baseURL is the site's absolute
// base URL; every link the templates make carries its path.
func New(theme fs.FS, baseURL string, opts ...Option) (*Renderer, error) {
	base, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("baseURL: %w", err)
	}
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	r := &Renderer{themeName: "theme", base: base, layouts: map[site.PageKind]*template.Template{}, assetPath: map[string]string{}}
	for _, o := range opts {
		o(r)
	}
	if err := r.loadStrings(theme); err != nil {
		return nil, err
	}
	if err := r.loadAssets(theme); err != nil {
		return nil, err
	}
	if err := r.loadLayouts(theme); err != nil {
		return nil, err
	}
	return r, nil
}

// PageKinds lists the kinds every theme must have a layout for.
var PageKinds = []site.PageKind{
	site.HomePage, site.ArticlePage, site.CountriesPage, site.OrganisationsPage,
	site.EntityPage, site.ArchivePage, site.NotFoundPage, site.DigestsPage, site.DigestPage, site.FeedsPage,
	site.RegionsPage, site.RegionPage, site.RelationPage, site.TagPage,
	site.SearchPage,
}

func (r *Renderer) loadLayouts(theme fs.FS) error {
	// Every missing layout is named at once, not one a build.
	var missing []string
	for _, kind := range append([]site.PageKind{"baseof"}, PageKinds...) {
		name := "layouts/" + string(kind) + ".html"
		if _, err := fs.Stat(theme, name); errors.Is(err, fs.ErrNotExist) {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("theme %s: no %s: a theme has a layout for every page kind, and baseof.html, or extends one that has (see Themes in the README)", r.themeName, strings.Join(missing, ", "))
	}
	base := template.New("").Funcs(r.funcs())
	files := []string{"layouts/baseof.html"}
	partials, _ := fs.Glob(theme, "layouts/partials/*.html")
	sort.Strings(partials)
	files = append(files, partials...)
	for _, f := range files {
		if err := parseFile(base, theme, r.themeName, f); err != nil {
			return err
		}
	}
	var err error
	if r.partials, err = base.Clone(); err != nil {
		return err
	}
	for _, kind := range PageKinds {
		t, err := base.Clone()
		if err != nil {
			return err
		}
		if err := parseFile(t, theme, r.themeName, "layouts/"+string(kind)+".html"); err != nil {
			return err
		}
		r.layouts[kind] = t
	}
	if !r.noFold {
		f := newFolder(r.funcs())
		for _, kind := range PageKinds {
			f.foldSet(r.layouts[kind], r.themeName+"/layouts/baseof.html")
		}
		var names []string
		for _, t := range r.partials.Templates() {
			names = append(names, t.Name())
		}
		sort.Strings(names)
		f.foldSet(r.partials, names...)
		r.folded = f.folded
	}
	return nil
}

func parseFile(t *template.Template, theme fs.FS, themeName, name string) error {
	src, err := fs.ReadFile(theme, name)
	if err != nil {
		return fmt.Errorf("theme %s: %w", themeName, err)
	}
	// The template is named by its path so that errors read
	// "template: default/layouts/article.html:12:5: ...".
	if _, err := t.New(themeName + "/" + name).Parse(string(src)); err != nil {
		return err
	}
	return nil
}

func (r *Renderer) loadAssets(theme fs.FS) error {
	files := map[string][]byte{}
	var names []string
	err := fs.WalkDir(theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "static" {
				return fs.SkipDir // a theme without assets
			}
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		files[name] = data
		names = append(names, name)
		return nil
	})
	if err != nil {
		return err
	}
	// A stylesheet names the files it uses by their names in the theme
	// (url(../img/logo.svg)), which the build publishes under names with
	// a hash of their content: the stylesheet gets the published names,
	// and a hash of what it then holds.
	var publish func(name string, using []string) string
	publish = func(name string, using []string) string {
		if out, ok := r.assetPath[name]; ok || slices.Contains(using, name) {
			return out // published, or a stylesheet that uses itself
		}
		data := files[name]
		if path.Ext(name) == ".css" {
			data = cssRefs.ReplaceAllFunc(data, func(m []byte) []byte {
				return rewriteCSSRef(m, name, files, func(target string) string { return publish(target, append(using, name)) })
			})
		}
		sum := sha256.Sum256(data)
		ext := path.Ext(name)
		out := "/assets/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		r.assets = append(r.assets, Asset{Name: name, Path: out, Data: data})
		r.assetPath[name] = out
		return out
	}
	for _, name := range names {
		publish(name, nil)
	}
	slices.SortFunc(r.assets, func(a, b Asset) int { return strings.Compare(a.Name, b.Name) })
	return nil
}

// cssRefs finds the references of a stylesheet: url(…), quoted or not,
// and @import "…".
var cssRefs = regexp.MustCompile(`url\(\s*(?:"[^"]*"|'[^']*'|[^)'"\s]*)\s*\)|@import\s+(?:"[^"]*"|'[^']*')`)

// rewriteCSSRef rewrites one reference m of the stylesheet name to the
// published name of the theme file it leads to, relative to the
// stylesheet, keeping any query or fragment; a reference to anything
// else (another site, a data: URL, a file the theme lacks) is left as it
// is.
func rewriteCSSRef(m []byte, name string, files map[string][]byte, published func(string) string) []byte {
	ref := string(m)
	start := strings.IndexAny(ref, "('\"")
	if start < 0 {
		return m
	}
	inner := strings.TrimSpace(ref[start+1:])
	inner = strings.TrimSuffix(inner, ")")
	inner = strings.TrimSpace(inner)
	inner = strings.Trim(inner, "'\"")
	target, rest := inner, ""
	if i := strings.IndexAny(target, "?#"); i >= 0 {
		target, rest = target[:i], target[i:]
	}
	if target == "" || strings.HasPrefix(target, "/") || strings.Contains(target, ":") {
		return m
	}
	unescaped, err := url.PathUnescape(target)
	if err != nil {
		return m
	}
	file := path.Join(path.Dir(name), unescaped)
	if _, ok := files[file]; !ok || strings.HasPrefix(file, "../") {
		return m
	}
	out := published(file)
	if out == "" {
		return m
	}
	rel := relativePath(path.Dir("/assets/"+name), out)
	return []byte(strings.Replace(ref, inner, (&url.URL{Path: rel}).EscapedPath()+rest, 1))
}

// relativePath returns the path of the file to relative to the folder
// from, both absolute and clean.
func relativePath(from, to string) string {
	f, t := strings.Split(strings.Trim(from, "/"), "/"), strings.Split(strings.TrimPrefix(to, "/"), "/")
	i := 0
	for i < len(f) && i < len(t)-1 && f[i] == t[i] {
		i++
	}
	return strings.Repeat("../", len(f)-i) + strings.Join(t[i:], "/")
}

// Assets returns the theme's static files in a stable order.
func (r *Renderer) Assets() []Asset { return r.assets }

// Render writes the page's HTML to w.
func (r *Renderer) Render(w io.Writer, p *view.Page) error {
	t := r.layouts[site.PageKind(p.Kind)]
	if t == nil {
		return fmt.Errorf("theme %s: no layout for %s pages", r.themeName, p.Kind)
	}
	return t.ExecuteTemplate(w, r.themeName+"/layouts/baseof.html", p)
}

// RenderBytes renders the page into a new slice. Builds render into
// buffers of their own instead (see build.outputFile.renderInto).
func (r *Renderer) RenderBytes(p *view.Page) ([]byte, error) {
	var b bytes.Buffer
	if err := r.Render(&b, p); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// URL returns the root-relative URL of a site path, carrying the base URL's
// path: "/countries/laos/" under https://example.org/briefings/ is
// "/briefings/countries/laos/".
func (r *Renderer) URL(p string) string {
	if r.base.Path == "/" && strings.HasPrefix(p, "/") {
		// A site at the root: the path is its URL, with nothing to
		// allocate, as on most of the links of every page.
		return p
	}
	return r.base.Path + strings.TrimPrefix(p, "/")
}

// AbsURL returns the absolute URL of a site path.
func (r *Renderer) AbsURL(p string) string {
	u := *r.base
	u.Path = r.URL(p)
	return u.String()
}
