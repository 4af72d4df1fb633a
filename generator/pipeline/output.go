package pipeline

import (
	"bytes"
	"runtime"
	"strings"

	"github.com/attache/attache/generator/output"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/view"
)

// Output is one file of the built site. Every file a build writes is
// listed by Project.Outputs, so that a clean build and an incremental one
// (package build) write the same files.
type Output struct {
	// name is slash-separated and relative to the output folder.
	name string
	// sign returns a hash of everything the file depends on besides the
	// theme and the configuration, given the site-wide data a page read
	// when last rendered; nil means unknown, and the file is rendered on
	// every incremental build. deps, set for pages, tells what the page
	// read in its latest rendering.
	sign   func(view.Deps) uint64
	deps   func() view.Deps
	render func() ([]byte, error)
	// renderInto, if set, renders the same bytes into a buffer that is
	// reused once they are written: pages are most of a build's output,
	// and a fresh slice for each was a tenth of all it allocated.
	renderInto func(*bytes.Buffer) error
	// source names what the file comes from, for errors: an article's
	// file, an entity, a page kind.
	source string
	// article is the article of an article page, the one page that shows
	// its body; readsBodies marks the files that show other articles'
	// bodies, the feeds.
	article     *site.Article
	view        *view.Article
	readsBodies bool
}

// Signature returns the file's signature given the site-wide data it read
// when last rendered, 0 when it has none.
func (o Output) Signature(d view.Deps) uint64 {
	if o.sign == nil {
		return 0
	}
	return o.sign(d)
}

// Deps returns the site-wide data the file read as it rendered.
func (o Output) Deps() view.Deps {
	if o.deps == nil {
		return 0
	}
	return o.deps()
}

// Name returns the file's path relative to the output folder, clean and
// slash-separated: the key a builder records the file under.
func (o Output) Name() string { return cleanName(o.name) }

// Render returns the file's bytes.
func (o Output) Render() ([]byte, error) { return o.render() }

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
