package pipeline

import (
	"bytes"
	"fmt"
	"path"
	"runtime"
	"strings"

	"github.com/attache/attache/generator/output"
	"github.com/attache/attache/generator/render"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/view"
)

// Output is one file of the built site. Every file a build writes is
// listed by Project.Outputs, so that a clean build and an incremental one
// (package build) write the same files.
type Output struct {
	// name is slash-separated and relative to the output folder; clean
	// once Outputs has cleaned it, which every incremental build would
	// otherwise do again several times for every output.
	name  string
	clean bool
	// A page is its view, rendered by the project's layouts: it shows
	// its view and nothing else, so the view's hash signs it, whatever
	// the layouts read of it. A page is most of a build's files, so it
	// is made of values, not closures. of is set for a page, page once
	// its view is made (MakeViews).
	page     *view.Page
	of       *site.Page
	renderer *render.Renderer
	// Other files: sign returns a hash of everything the file depends on
	// besides the theme and the configuration; nil means unknown, and the
	// file is rendered on every incremental build.
	sign   func() uint64
	render func() ([]byte, error)
	// source names what a file other than a page comes from, for errors.
	source string
	// readsBodies marks the files that show articles' bodies, the feeds;
	// holdsBytes those whose bytes are made before any is written, the
	// search index's.
	readsBodies, holdsBytes bool
}

// Signature returns the file's signature given the site-wide data it read
// when last rendered (see Deps), 0 when it has none.
func (o Output) Signature(d view.Deps) uint64 {
	switch {
	case o.page != nil:
		return view.Signature(o.page, d)
	case o.of != nil:
		return 0 // a page whose view was not made
	case o.sign != nil:
		return o.sign()
	}
	return 0
}

// Deps returns the site-wide data the file read as it rendered.
func (o Output) Deps() view.Deps {
	if o.page == nil {
		return 0
	}
	return view.DepsOf(o.page)
}

// Name returns the file's path relative to the output folder, clean and
// slash-separated: the key a builder records the file under.
func (o Output) Name() string {
	if o.clean {
		return o.name
	}
	return cleanName(o.name)
}

// DropView lets go of a page's view, once its signature says it need not
// be rendered: a build then holds the views of the pages it renders, not
// of every page.
func (o *Output) DropView() { o.page = nil }

// Render returns the file's bytes.
func (o Output) Render() ([]byte, error) {
	if o.of == nil {
		return o.render()
	}
	var b bytes.Buffer
	if err := o.renderInto(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// renderInto renders a page into b.
func (o Output) renderInto(b *bytes.Buffer) error {
	if o.page == nil {
		return fmt.Errorf("render %s: the page's view was not made", o.of.Path)
	}
	if err := o.renderer.Render(b, o.page); err != nil {
		return ContentError(fmt.Errorf("render %s: %w", o.of.Path, err))
	}
	return nil
}

// sourceName says where an output comes from, for errors.
func (o Output) sourceName() string {
	switch {
	case o.of != nil && o.of.Article != nil:
		return o.of.Article.Parsed.File
	case o.of != nil && o.of.Entity != nil:
		return fmt.Sprintf("the %s %s", o.of.Entity.Kind, o.of.Entity.ID)
	case o.of != nil:
		return "the " + string(o.of.Kind) + " page"
	case o.source != "":
		return o.source
	}
	return "the site's " + path.Base(o.name)
}

func cleanName(name string) string {
	if c, ok := plainName(name); ok {
		return c
	}
	if c, err := output.CleanPath(name); err == nil {
		return c
	}
	return name
}

// plainName recognises, without path.Clean, the names output.CleanPath
// returns unchanged but for a leading slash: every incremental build
// cleans the name of every output. It answers false when unsure.
func plainName(name string) (string, bool) {
	n := strings.TrimPrefix(name, "/")
	if n == "" || n[len(n)-1] == '/' || runtime.GOOS == "windows" {
		// Windows reserves names such as NUL in every folder.
		return "", false
	}
	segStart := true
	for i := 0; i < len(n); i++ {
		c := n[i]
		switch {
		case c == '/':
			if segStart {
				return "", false
			}
			segStart = true
			continue
		case c == '.' && segStart:
			return "", false
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.':
		default:
			return "", false
		}
		segStart = false
	}
	return n, true
}
