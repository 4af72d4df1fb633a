package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"iter"
	"path"
	"path/filepath"
	"sync"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/internal/parallel"
	"github.com/attache/attache/generator/output"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/view"
)

// Write renders every page of s into a staging folder and swaps it in place
// of the destination. On any error the destination is left as it was.
func (p *Project) Write(ctx context.Context, s *site.Site) (Stats, error) {
	return p.write(ctx, s, false)
}

// WriteConsuming is Write for a build that is done with s once it is
// written: it drops each article's body once no file left to render needs
// it, so that the heap shrinks while the site renders instead of holding
// every body to the end (at 100,000 articles the collector spent a quarter
// of the build keeping the heap under its limit). s is not to be used
// afterwards.
func (p *Project) WriteConsuming(ctx context.Context, s *site.Site) (Stats, error) {
	return p.write(ctx, s, true)
}

func (p *Project) write(ctx context.Context, s *site.Site, consume bool) (Stats, error) {
	if err := p.PrepareDestination(); err != nil {
		return Stats{}, err
	}
	st, err := output.Begin(p.Destination)
	if err != nil {
		return Stats{}, err
	}
	views := new(view.Maker)
	views.OneBuild()
	pages, err := p.RenderAll(ctx, s, views, st, consume, nil)
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

// PrepareDestination refuses a destination whose replacement would destroy
// the site's sources or someone's files (see output.Destination), and
// removes what builds of it that were killed left beside it.
func (p *Project) PrepareDestination() error {
	if err := p.CheckDestination(); err != nil {
		return err
	}
	return output.Leftovers(p.Destination)
}

// CheckDestination refuses a destination whose replacement would destroy
// the site's sources or someone's files (see output.Destination).
func (p *Project) CheckDestination() error {
	d := destination(p.Options, p.Config, p.ContentDir, p.Destination)
	d.Known = func() bool { return p.Options.CacheDir != "" && p.Cache().Exists() }
	if err := d.Check(); err != nil {
		return ContentError(err)
	}
	return nil
}

// DestinationOf returns the output folder a build with opts writes, with
// the site's inputs, reading the configuration only: a command checks the
// files it writes beside a build, such as profiles, against it
// (output.Destination.Apart) before the build starts.
func DestinationOf(opts Options) (output.Destination, error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	cfg, err := loadConfig(opts.Source, opts.DefaultConfig)
	if err != nil {
		return output.Destination{}, ContentError(err)
	}
	contentDir, dest := paths(opts, cfg)
	return destination(opts, cfg, contentDir, dest), nil
}

func destination(opts Options, cfg *config.Config, contentDir, dest string) output.Destination {
	return output.Destination{
		Dir:    dest,
		Source: opts.Source,
		Inputs: []string{contentDir, filepath.Join(opts.Source, "templates"), cfg.File},
		Force:  opts.Force,
	}
}

// MaxErrors bounds how many page failures a build reports: one
// broken layout fails every page that uses it, with the same message.
const MaxErrors = 10

// RenderAll renders every output of s into the staging folder, in parallel.
// record, if not nil, is told of each file written, with data valid only
// during the call; it may be called from several goroutines at once. With
// consume, s loses its articles' bodies (see WriteConsuming). Every build that
// writes the whole site, clean or incremental, goes through here.
func (p *Project) RenderAll(ctx context.Context, s *site.Site, views *view.Maker, st *output.Staging, consume bool, record func(o Output, data []byte)) (int, error) {
	outs, err := p.Outputs(s)
	if err != nil {
		return 0, err
	}
	total := len(outs)
	p.Options.Progress.Pages(total)
	var errs renderErrors
	if consume {
		// Feeds carry articles' bodies: they go first, and then each
		// article page is the last reader of its article's body. The
		// search index, made whole before anything is written, goes
		// first too, so that its bytes are not held while pages render.
		var first, rest []Output
		for _, o := range outs {
			if o.readsBodies || o.holdsBytes {
				first = append(first, o)
			} else {
				rest = append(rest, o)
			}
		}
		p.renderOutputs(ctx, first, st, record, false, &errs)
		if err := errs.err(ctx); err != nil {
			return 0, err
		}
		// The feeds' encoded entries and the index are garbage from here.
		clear(first)
		outs = rest
	}
	// The pages' views are made a chunk at a time, and those rendered
	// let go of, unless views keeps them for another build.
	err = MakeViews(s, views, outs, renderChunk, func(lo, hi int) error {
		p.renderOutputs(ctx, outs[lo:hi], st, record, consume, &errs)
		for i := lo; i < hi; i++ {
			outs[i].DropView()
		}
		return ctx.Err()
	})
	if err == nil {
		err = errs.err(ctx)
	}
	if err != nil {
		return 0, err
	}
	return total, nil
}

// renderChunk is how many outputs a full build makes the views of at once.
const renderChunk = 16 << 10

// renderErrors gathers the errors of rendering a site's outputs: each
// message once, and at most MaxErrors of them.
type renderErrors struct {
	mu   sync.Mutex
	errs diag.List
	seen map[string]bool
	more int
}

func (r *renderErrors) add(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	key := err.Error()
	if r.seen[key] {
		return
	}
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	r.seen[key] = true
	if len(r.errs) < MaxErrors {
		r.errs.Add(err)
	} else {
		r.more++
	}
}

// err returns the errors gathered, if any, or ctx's.
func (r *renderErrors) err(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.more > 0 {
		// Cut silently, ten errors read as if they were all.
		r.errs.Add(fmt.Errorf("… and %d more errors, %d in all", r.more, r.more+MaxErrors))
		r.more = 0
	}
	return r.errs.Err()
}

// renderOutputs renders outs into the staging folder, in parallel, adding
// its failures to errs; with consume, it drops each article's body once
// its page is written.
func (p *Project) renderOutputs(ctx context.Context, outs []Output, st *output.Staging, record func(o Output, data []byte), consume bool, errs *renderErrors) {
	var bufs sync.Pool
	parallel.Do(ctx, len(outs), p.Options.Workers, func(i int) {
		defer p.Options.Progress.Written()
		var data []byte
		var err error
		if outs[i].of != nil {
			b, _ := bufs.Get().(*bytes.Buffer)
			if b == nil {
				b = new(bytes.Buffer)
			}
			defer bufs.Put(b)
			b.Reset()
			err = outs[i].renderInto(b)
			data = b.Bytes()
		} else {
			data, err = outs[i].render()
		}
		if err == nil {
			err = st.WriteFile(outs[i].Name(), data)
		}
		if err != nil {
			errs.add(err)
			return
		}
		if record != nil {
			record(outs[i], data)
		}
		if consume && outs[i].page != nil && outs[i].page.Article != nil {
			// An article page is the last reader of its article's body.
			outs[i].of.Article.Parsed.Body = article.Body{}
			view.DropBody(outs[i].page.Article)
		}
	})
}

// Outputs lists the files of the site in a stable order, its pages without
// their views, which MakeViews makes. It fails when two would be written at
// one path, such as an article whose URL is a country's page, naming both.
func (p *Project) Outputs(s *site.Site) ([]Output, error) {
	outs, err := p.ListOutputs(s)
	if err != nil {
		return nil, err
	}
	return outs, oneSourceEach(outs)
}

// ListOutputs is Outputs without the check that no two outputs share a
// path, for a caller that looks up every output's name anyway and reports
// those that do with SamePath.
func (p *Project) ListOutputs(s *site.Site) ([]Output, error) {
	assets := p.Renderer.Assets()
	pages := s.Pages()
	// A site of 100,000 articles has 300,000 outputs: the list is made at
	// its size, not grown (and copied) as the feeds and the index join it.
	feeds := feedOutputs(s, pages, p.Renderer.Strings())
	index, err := searchOutputs(p, s, p.Options.Workers)
	if err != nil {
		return nil, err
	}
	aliases := 0
	for _, a := range s.Articles {
		aliases += len(a.Parsed.Aliases)
	}
	outs := make([]Output, 0, len(assets)+len(pages)+aliases+len(feeds)+len(index))
	for _, a := range assets {
		outs = append(outs, Output{name: a.Path, render: func() ([]byte, error) { return a.Data, nil }})
	}
	for _, pg := range pages {
		outs = append(outs, Output{name: pg.File(), of: pg, renderer: p.Renderer})
	}
	// Old URLs of articles, each a page redirecting to the article.
	for _, a := range s.Articles {
		for _, alias := range a.Parsed.Aliases {
			outs = append(outs, Output{
				name:   site.FileOf(alias),
				source: a.Parsed.File + " (aliases)",
				sign:   func() uint64 { return site.ArticlesSignature([]*site.Article{a}) },
				render: func() ([]byte, error) { return p.Renderer.Redirect(a.Parsed.Title, a.Path, s.Config.Language), nil },
			})
		}
	}
	// Feeds, sitemap.xml and robots.txt, and the search index.
	outs = append(outs, feeds...)
	outs = append(outs, index...)
	// Names are cleaned once: every incremental build looks every one up.
	for i := range outs {
		outs[i].name, outs[i].clean = outs[i].Name(), true
	}
	return outs, nil
}

// MakeViews makes the views of the pages among outs, all of site s's
// outputs as Outputs lists them, at most chunk outputs at a time, and
// calls each, if not nil, with the bounds of each chunk once its views are
// made: each may drop the views of pages it will not render (DropView),
// so that a build holds those of one chunk, not of every page. views
// keeps what it keeps from build to build (a Builder keeps one).
func MakeViews(s *site.Site, views *view.Maker, outs []Output, chunk int, each func(lo, hi int) error) error {
	v := views.Start(s)
	for lo := 0; lo < len(outs); lo += max(chunk, 1) {
		hi := min(len(outs), lo+max(chunk, 1))
		makeViews(v, outs[lo:hi])
		if each != nil {
			if err := each(lo, hi); err != nil {
				return err
			}
		}
	}
	v.Done()
	return nil
}

// SignViews is MakeViews for a caller that only signs the pages: sign
// runs for each chunk on another goroutine while the views of the next
// chunk are made, which one goroutine does. sign must read nothing but
// its chunk's outputs and their views, and may drop those (DropView).
func SignViews(s *site.Site, views *view.Maker, outs []Output, chunk int, sign func(lo, hi int) error) error {
	v := views.Start(s)
	var signed chan error // the last chunk's signing, when it runs
	wait := func() error {
		if signed == nil {
			return nil
		}
		err := <-signed
		signed = nil
		return err
	}
	for lo := 0; lo < len(outs); lo += max(chunk, 1) {
		hi := min(len(outs), lo+max(chunk, 1))
		makeViews(v, outs[lo:hi])
		if err := wait(); err != nil {
			return err
		}
		signed = make(chan error, 1)
		go func(lo, hi int) { signed <- sign(lo, hi) }(lo, hi)
	}
	if err := wait(); err != nil {
		return err
	}
	v.Done()
	return nil
}

// makeViews makes the views of the pages among outs.
func makeViews(v *view.Views, outs []Output) {
	for i := range outs {
		if outs[i].of != nil {
			outs[i].page = v.Page(outs[i].of)
		}
	}
}

// oneSourceEach fails when two outputs would be written at one path.
func oneSourceEach(outs []Output) error {
	by := make(map[string]int, len(outs))
	var clashes [][2]int
	for i, o := range outs {
		name := o.Name()
		if first, ok := by[name]; ok {
			clashes = append(clashes, [2]int{first, i})
			continue
		}
		by[name] = i
	}
	if err := SamePath(outs, clashes); err != nil {
		return err
	}
	return FileAsFolder(outs, func(yield func(int) bool) {
		for i := range outs {
			if !yield(i) {
				return
			}
		}
	}, func(name string) int {
		if i, ok := by[name]; ok {
			return i
		}
		return -1
	})
}

// FileAsFolder returns the error of the outputs, of those check lists, whose
// path runs through another output's file — an alias /rss.xml/ under the
// feed rss.xml — naming both; nil when there are none. index returns the
// output at a path, -1 for none.
func FileAsFolder(outs []Output, check iter.Seq[int], index func(string) int) error {
	var errs diag.List
	for i := range check {
		name := outs[i].Name()
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			if j := index(d); j >= 0 {
				errs.Add(fmt.Errorf("/%s is a file, %s, and the folder of /%s, %s; change a permalink, a slug or an alias", d, outs[j].sourceName(), name, outs[i].sourceName()))
				break
			}
		}
	}
	if err := errs.Err(); err != nil {
		return ContentError(err)
	}
	return nil
}

// SamePath returns the error of the pairs of outputs that share a path,
// each pair's first the one listed first, nil when there are none.
func SamePath(outs []Output, clashes [][2]int) error {
	var errs diag.List
	for _, c := range clashes {
		first, o := outs[c[0]], outs[c[1]]
		errs.Add(fmt.Errorf("two pages at /%s: %s and %s; change a permalink, a slug or an alias", o.Name(), first.sourceName(), o.sourceName()))
	}
	if err := errs.Err(); err != nil {
		return ContentError(err)
	}
	return nil
}
