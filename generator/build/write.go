package build

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"path/filepath"
	"sync"

	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/output"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/view"
)

// Write renders every page of s into a staging folder and swaps it in place
// of the destination. On any error the destination is left as it was.
func (p *Project) Write(ctx context.Context, s *site.Site) (Stats, error) {
	return p.write(ctx, s, false)
}

// write is Write. With consume, it may drop what s holds once no page
// left to render needs it, and s is not to be used afterwards: a one-shot
// build frees each article's body once its page is written, so that the
// heap shrinks while the site renders instead of holding every body to the
// end (at 100,000 articles the collector spent a quarter of the build
// keeping the heap under its limit).
func (p *Project) write(ctx context.Context, s *site.Site, consume bool) (Stats, error) {
	if err := p.prepareDestination(); err != nil {
		return Stats{}, err
	}
	st, err := output.Begin(p.Destination)
	if err != nil {
		return Stats{}, err
	}
	pages, err := p.render(ctx, s, new(view.Maker), st, consume, nil)
	if err != nil {
		st.Abort()
		return Stats{}, err
	}
	if err := st.Commit(); err != nil {
		st.Abort()
		return Stats{}, err
	}
	return Stats{
		Articles: len(s.Articles), Pages: pages, Countries: len(s.Countries), Organisations: len(s.Organisations),
		Destination: p.Destination, Warnings: s.Warnings,
	}, nil
}

// prepareDestination refuses a destination whose replacement would destroy
// the site's sources or someone's files (see output.Destination), and
// removes what builds of it that were killed left beside it.
func (p *Project) prepareDestination() error {
	d := output.Destination{
		Dir:    p.Destination,
		Source: p.Options.Source,
		Inputs: []string{p.ContentDir, filepath.Join(p.Options.Source, "templates"), p.Config.File},
		Force:  p.Options.Force,
		Known:  func() bool { return p.Options.CacheDir != "" && hasCache(p) },
	}
	if err := d.Check(); err != nil {
		return contentErr(err)
	}
	return output.Leftovers(p.Destination)
}

// maxTemplateErrors bounds how many page failures a build reports: one
// broken layout fails every page that uses it, with the same message.
const maxTemplateErrors = 10

// render renders every output of s into the staging folder, in parallel.
// record, if not nil, is told of each file written, with data valid only
// during the call; it may be called from several goroutines at once. With
// consume, s loses its articles' bodies (see write). Every build that
// writes the whole site, clean or incremental, goes through here.
func (p *Project) render(ctx context.Context, s *site.Site, views *view.Maker, st *output.Staging, consume bool, record func(o outputFile, data []byte)) (int, error) {
	outs, err := p.outputs(s, views)
	if err != nil {
		return 0, err
	}
	p.Options.Progress.Pages(len(outs))
	if consume {
		// Feeds carry articles' bodies: they go first, and then each
		// article page is the last reader of its article's body.
		var feeds, rest []outputFile
		for _, o := range outs {
			if o.readsBodies {
				feeds = append(feeds, o)
			} else {
				rest = append(rest, o)
			}
		}
		outs, first := append(feeds, rest...), len(feeds)
		if n, err := p.renderOutputs(ctx, outs[:first], st, record, false); err != nil {
			return n, err
		}
		// The feeds' encoded entries are garbage from here.
		clear(outs[:first])
		n, err := p.renderOutputs(ctx, outs[first:], st, record, true)
		return first + n, err
	}
	return p.renderOutputs(ctx, outs, st, record, false)
}

// renderOutputs renders outs into the staging folder, in parallel; with
// consume, it drops each article's body once its page is written.
func (p *Project) renderOutputs(ctx context.Context, outs []outputFile, st *output.Staging, record func(o outputFile, data []byte), consume bool) (int, error) {
	var mu sync.Mutex
	var errs diag.List
	seen := map[string]bool{}
	more := 0
	var bufs sync.Pool
	parallel(ctx, len(outs), p.Options.Workers, func(i int) {
		defer p.Options.Progress.Written()
		var data []byte
		var err error
		if into := outs[i].renderInto; into != nil {
			b, _ := bufs.Get().(*bytes.Buffer)
			if b == nil {
				b = new(bytes.Buffer)
			}
			defer bufs.Put(b)
			b.Reset()
			err = into(b)
			data = b.Bytes()
		} else {
			data, err = outs[i].render()
		}
		if err == nil {
			err = st.WriteFile(outs[i].name, data)
		}
		if err != nil {
			mu.Lock()
			defer mu.Unlock()
			if key := err.Error(); !seen[key] {
				seen[key] = true
				if len(errs) < maxTemplateErrors {
					errs.Add(err)
				} else {
					more++
				}
			}
			return
		}
		if record != nil {
			record(outs[i], data)
		}
		if consume && outs[i].article != nil {
			outs[i].article.Article.Body = ""
			outs[i].view.Body = ""
		}
	})
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if more > 0 {
		// Cut silently, ten errors read as if they were all.
		errs.Add(fmt.Errorf("… and %d more errors, %d in all", more, more+maxTemplateErrors))
	}
	return len(outs), errs.Err()
}

// outputFile is one file of the built site. Every file a build writes is
// listed by outputs, so that a clean build and an incremental one (see
// Builder) write the same files.
type outputFile struct {
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

// signature returns the file's signature given the site-wide data it read
// when last rendered, 0 when it has none.
func (o outputFile) signature(d view.Deps) uint64 {
	if o.sign == nil {
		return 0
	}
	return o.sign(d)
}

// readDeps returns the site-wide data the file read as it rendered.
func (o outputFile) readDeps() view.Deps {
	if o.deps == nil {
		return 0
	}
	return o.deps()
}

// outputs lists the files of the site in a stable order. views makes the
// pages' views; a Builder keeps one from build to build.
func (p *Project) outputs(s *site.Site, views *view.Maker) ([]outputFile, error) {
	assets := p.Renderer.Assets()
	pages := s.Pages()
	pageViews := views.Pages(s, pages)
	outs := make([]outputFile, 0, len(assets)+len(pages))
	for _, a := range assets {
		outs = append(outs, outputFile{name: a.Path, render: func() ([]byte, error) { return a.Data, nil }})
	}
	for i, pg := range pages {
		v := pageViews[i]
		source := "the " + string(pg.Kind) + " page"
		switch {
		case pg.Article != nil:
			source = pg.Article.File
		case pg.Entity != nil:
			source = fmt.Sprintf("the %s %s", pg.Entity.Kind, pg.Entity.ID)
		}
		into := func(b *bytes.Buffer) error {
			if err := p.Renderer.Render(b, v); err != nil {
				return contentErr(fmt.Errorf("render %s: %w", pg.Path, err))
			}
			return nil
		}
		// A page shows its view and nothing else, so the view's hash
		// signs it, whatever the layouts read of it.
		outs = append(outs, outputFile{
			name:    pg.File(),
			source:  source,
			sign:    func(d view.Deps) uint64 { return view.Signature(v, d) },
			deps:    func() view.Deps { return view.DepsOf(v) },
			article: pg.Article,
			view:    v.Article,
			render: func() ([]byte, error) {
				var b bytes.Buffer
				if err := into(&b); err != nil {
					return nil, err
				}
				return b.Bytes(), nil
			},
			renderInto: into,
		})
	}
	// Old URLs of articles, each a page redirecting to the article.
	for _, a := range s.Articles {
		for _, alias := range a.Aliases {
			outs = append(outs, outputFile{
				name:   site.FileOf(alias),
				source: a.File + " (aliases)",
				sign:   noDeps(func() uint64 { return site.ArticlesSignature([]*site.Article{a}) }),
				render: func() ([]byte, error) { return p.Renderer.Redirect(a.Title, a.Path, s.Config.Language), nil },
			})
		}
	}
	// Feeds, sitemap.xml and robots.txt.
	outs = append(outs, feedOutputs(s, pages)...)
	outs = append(outs, searchOutputs(p, s, p.Options.Workers)...)
	return outs, oneSourceEach(outs)
}

// oneSourceEach fails when two outputs would be written at one path, such
// as an article whose URL is a country's page, naming both.
func oneSourceEach(outs []outputFile) error {
	by := make(map[string]string, len(outs))
	var errs diag.List
	for _, o := range outs {
		name := cleanName(o.name)
		if first, ok := by[name]; ok {
			errs.Add(fmt.Errorf("two pages at /%s: %s and %s; change a permalink, a slug or an alias", name, first, o.sourceName()))
			continue
		}
		by[name] = o.sourceName()
	}
	if err := errs.Err(); err != nil {
		return contentErr(err)
	}
	return nil
}

// sourceName says where an output comes from, for errors.
func (o outputFile) sourceName() string {
	if o.source != "" {
		return o.source
	}
	return "the site's " + path.Base(o.name)
}
