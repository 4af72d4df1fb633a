package check

import (
	"bytes"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/site"
)

// output is a built site being checked.
type output struct {
	fsys  fs.FS
	base  *url.URL
	files map[string]bool
	// broken groups link problems by message, so that a broken link in a
	// partial is reported once rather than on every page.
	broken map[string]*brokenLink
	order  []string
	links  int
	probs  diag.List
	// sources names the source file of the page at each absolute URL,
	// so that a broken feed item names the article it came from.
	sources map[string]string
	// siteFeeds are the files of the site's feeds, which the output must
	// have.
	siteFeeds []string
	// sitemapLocs names the sitemap file that first listed each URL.
	sitemapLocs map[string]string
	// ids are the ids of each page's elements, and fragments the links to
	// them, checked once every page is read.
	ids       map[string]map[string]bool
	fragments []fragment
}

// fragment is a link to an element of a page: #id, or page#id.
type fragment struct {
	from string
	line int
	ref  string
	page string // the linked page's file in the output
	id   string
}

// Option configures Output.
type Option func(*output)

// WithSources names the source file of each article page, keyed by the
// page's absolute URL, as Sources makes them: a problem in a feed item is
// then reported with the file the item came from.
func WithSources(sources map[string]string) Option {
	return func(o *output) { o.sources = sources }
}

// item names the i-th item (1-based) of a feed in a problem: by its source
// file where that is known, else by its URL, which leads to the article.
func (o *output) item(kind string, i int, url string) string {
	switch src := o.sources[url]; {
	case src != "":
		return fmt.Sprintf("%s %d (from %s)", kind, i, src)
	case url != "":
		return fmt.Sprintf("%s %d (%s)", kind, i, url)
	}
	return fmt.Sprintf("%s %d", kind, i)
}

type brokenLink struct {
	first *diag.Error
	more  int
}

// WithConfig checks the output as the site configured by cfg publishes
// it: its own feeds at the root in the formats [feeds] formats names, not
// all three as by default.
func WithConfig(cfg *config.Config) Option {
	var files []string
	for _, f := range site.FeedFormatsOf(cfg, "/") {
		files = append(files, f.File)
	}
	return func(o *output) { o.siteFeeds = files }
}

// Output checks a built site: fsys is its output folder and baseURL the
// absolute URL it is served from.
func Output(fsys fs.FS, baseURL string, opts ...Option) (Report, error) {
	base, err := url.Parse(baseURL)
	if err != nil {
		return Report{}, fmt.Errorf("baseURL: %w", err)
	}
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	o := &output{fsys: fsys, base: base, files: map[string]bool{}, broken: map[string]*brokenLink{},
		siteFeeds: []string{site.AtomFile, site.RSSFile, site.JSONFile}, ids: map[string]map[string]bool{}}
	for _, opt := range opts {
		opt(o)
	}
	var names []string
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			o.files[p] = true
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return Report{}, err
	}
	for _, req := range append([]string{"index.html", "404.html", "sitemap.xml", "robots.txt"}, o.siteFeeds...) {
		if !o.files[req] {
			o.probs.Add(diag.Errorf(req, 0, "missing"))
		}
	}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return Report{}, err
		}
		switch {
		case strings.HasSuffix(name, ".html"):
			o.html(name, data)
		case strings.HasSuffix(name, ".css"):
			o.css(name, data)
		case path.Base(name) == "atom.xml":
			o.atom(name, data)
		case path.Base(name) == "rss.xml":
			o.rss(name, data)
		case path.Base(name) == "feed.json":
			o.jsonFeed(name, data)
		case name == "sitemap.xml" || strings.HasPrefix(name, "sitemaps/"):
			o.sitemap(name, data)
		case name == "robots.txt":
			o.robots(name, data)
		case strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".svg"):
			if err := wellFormed(data); err != nil {
				o.probs.Add(diag.Errorf(name, 0, "not well-formed XML: %v", err))
			}
		}
	}
	for _, f := range o.fragments {
		// "#top" is the top of any page, element or not (HTML's
		// "scroll to the fragment").
		if !o.ids[f.page][f.id] && !strings.EqualFold(f.id, "top") {
			o.report(f.from, f.line, fmt.Sprintf("link %q: no element with id %q in %s", f.ref, f.id, f.page))
		}
	}
	for _, k := range o.order {
		b := o.broken[k]
		if b.more > 0 {
			b.first.Err = fmt.Errorf("%w (and %d more)", b.first.Err, b.more)
		}
		o.probs.Add(b.first)
	}
	o.probs.Sort()
	return Report{Problems: o.probs, Files: len(names), Links: o.links}, nil
}

// attrRef finds URL-valued attributes in HTML. Themes are html/template
// output, so attributes are quoted.
var attrRef = regexp.MustCompile(`(?is)\s(href|src|poster|action|content|srcset)\s*=\s*("([^"]*)"|'([^']*)')`)

// metaURL tells the meta elements whose content is a URL.
var metaURL = regexp.MustCompile(`(?i)(property|name)\s*=\s*["'](og:url|og:image|twitter:image)["']`)

var tagStart = regexp.MustCompile(`<[a-zA-Z][^>]*>`)

// idAttr finds the ids a link's fragment may name: an element's id, an
// anchor's name.
var idAttr = regexp.MustCompile(`(?is)^<(?:[a-z][a-z0-9-]*\s(?:[^>]*\s)?id|a\s(?:[^>]*\s)?name)\s*=\s*("([^"]*)"|'([^']*)')`)

// html checks every link, image and stylesheet reference of a page, and
// notes the ids of its elements.
func (o *output) html(name string, data []byte) {
	ids := map[string]bool{}
	o.ids[name] = ids
	for _, loc := range tagStart.FindAllIndex(data, -1) {
		tag := data[loc[0]:loc[1]]
		if m := idAttr.FindSubmatch(tag); m != nil {
			ids[html.UnescapeString(string(m[2])+string(m[3]))] = true
		}
		for _, m := range attrRef.FindAllSubmatchIndex(tag, -1) {
			attr := strings.ToLower(string(tag[m[2]:m[3]]))
			var val []byte
			if m[6] >= 0 {
				val = tag[m[6]:m[7]]
			} else {
				val = tag[m[8]:m[9]]
			}
			if attr == "content" && !metaURL.Match(tag) {
				continue
			}
			ref := html.UnescapeString(string(val))
			line := 1 + bytes.Count(data[:loc[0]], []byte("\n"))
			if attr == "srcset" {
				for _, c := range strings.Split(ref, ",") {
					if f := strings.Fields(c); len(f) > 0 {
						o.ref(name, line, f[0])
					}
				}
				continue
			}
			o.ref(name, line, ref)
		}
	}
}

var cssURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)`)

func (o *output) css(name string, data []byte) {
	for _, m := range cssURL.FindAllSubmatchIndex(data, -1) {
		var ref string
		for i := 2; i < 8; i += 2 {
			if m[i] >= 0 {
				ref = string(data[m[i]:m[i+1]])
			}
		}
		o.ref(name, 1+bytes.Count(data[:m[0]], []byte("\n")), ref)
	}
}

// pageURL returns the URL a file of the output is served at.
func (o *output) pageURL(name string) *url.URL {
	u := *o.base
	u.Path = o.base.Path + strings.TrimSuffix(name, "index.html")
	return &u
}

// ref checks one reference found in file name at line.
func (o *output) ref(name string, line int, ref string) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return
	}
	if strings.HasPrefix(ref, "#") {
		if id, err := url.PathUnescape(ref[1:]); err == nil && id != "" && path.Ext(name) == ".html" {
			o.fragments = append(o.fragments, fragment{from: name, line: line, ref: ref, page: name, id: id})
		}
		return
	}
	u, err := url.Parse(ref)
	if err != nil {
		o.report(name, line, fmt.Sprintf("link %q: %v", ref, err))
		return
	}
	switch u.Scheme {
	case "", "http", "https":
	default:
		return // mailto:, data:, tel:
	}
	o.links++
	internal := u.Host == "" || strings.EqualFold(u.Host, o.base.Host)
	if !internal {
		return
	}
	if u.Host == "" && !strings.HasPrefix(ref, "/") {
		u = o.pageURL(name).ResolveReference(u)
	}
	p := u.Path
	if !strings.HasPrefix(p, o.base.Path) {
		if u.Host != "" {
			return // another site on the same host
		}
		o.report(name, line, fmt.Sprintf("link %q: outside the base path %s; make it with the url or absURL template function", ref, o.base.Path))
		return
	}
	file := strings.TrimPrefix(p, o.base.Path)
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	if o.files[file+"/index.html"] {
		file += "/index.html"
	}
	if !o.files[file] {
		o.report(name, line, fmt.Sprintf("link %q: no such file in the output", ref))
		return
	}
	if u.Fragment != "" && path.Ext(file) == ".html" {
		o.fragments = append(o.fragments, fragment{from: name, line: line, ref: ref, page: file, id: u.Fragment})
	}
}

func (o *output) report(name string, line int, msg string) {
	if b := o.broken[msg]; b != nil {
		b.more++
		return
	}
	o.broken[msg] = &brokenLink{first: diag.Errorf(name, line, "%s", msg)}
	o.order = append(o.order, msg)
}

// absolute checks a URL that must be absolute and inside the site, as
// every URL in feeds and sitemaps must, and that it resolves.
func (o *output) absolute(name, what, ref string) {
	u, err := url.Parse(ref)
	if err != nil || !u.IsAbs() || u.Host == "" {
		o.probs.Add(diag.Errorf(name, 0, "%s %q: not an absolute URL", what, ref))
		return
	}
	// Feeds and sitemaps name only the site's own pages: a URL on another
	// host, scheme or base path (a build made for another baseURL) would
	// send every reader and crawler elsewhere.
	if !strings.EqualFold(u.Scheme, o.base.Scheme) || !strings.EqualFold(u.Host, o.base.Host) || !strings.HasPrefix(u.Path, o.base.Path) {
		o.probs.Add(diag.Errorf(name, 0, "%s %q: not under baseURL %s", what, ref, o.base))
		return
	}
	o.ref(name, 0, ref)
}
