package build

import (
	"bytes"
	"context"
	"fmt"
	"sync"

	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/output"
	"github.com/attache/attache/generator/site"
)

// Write renders every page of s into a staging folder and swaps it in place
// of the destination. On any error the destination is left as it was.
func (p *Project) Write(ctx context.Context, s *site.Site) (Stats, error) {
	if err := output.CheckDestination(p.Options.Source, p.Destination); err != nil {
		return Stats{}, err
	}
	st, err := output.Begin(p.Destination)
	if err != nil {
		return Stats{}, err
	}
	pages, err := p.render(ctx, s, st, nil)
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

// maxTemplateErrors bounds how many page failures a build reports: one
// broken layout fails every page that uses it, with the same message.
const maxTemplateErrors = 10

// render renders every output of s into the staging folder, in parallel.
// record, if not nil, is told of each file written, with data valid only
// during the call; it may be called from several goroutines at once. Every build that writes the whole site, clean
// or incremental, goes through here.
func (p *Project) render(ctx context.Context, s *site.Site, st *output.Staging, record func(o outputFile, data []byte)) (int, error) {
	outs := p.outputs(s)
	var mu sync.Mutex
	var errs diag.List
	seen := map[string]bool{}
	var bufs sync.Pool
	parallel(ctx, len(outs), p.Options.Workers, func(i int) {
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
			if key := err.Error(); !seen[key] && len(errs) < maxTemplateErrors {
				seen[key] = true
				errs.Add(err)
			}
			return
		}
		if record != nil {
			record(outs[i], data)
		}
	})
	if err := ctx.Err(); err != nil {
		return 0, err
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
	// theme and the configuration; nil means unknown, and the file is
	// rendered on every incremental build.
	sign   func() uint64
	render func() ([]byte, error)
	// renderInto, if set, renders the same bytes into a buffer that is
	// reused once they are written: pages are most of a build's output,
	// and a fresh slice for each was a tenth of all it allocated.
	renderInto func(*bytes.Buffer) error
}

// outputs lists the files of the site in a stable order.
func (p *Project) outputs(s *site.Site) []outputFile {
	assets := p.Renderer.Assets()
	pages := s.Pages()
	outs := make([]outputFile, 0, len(assets)+len(pages))
	for _, a := range assets {
		outs = append(outs, outputFile{name: a.Path, render: func() ([]byte, error) { return a.Data, nil }})
	}
	for _, pg := range pages {
		outs = append(outs, outputFile{
			name: pg.File(),
			sign: pg.Signature,
			render: func() ([]byte, error) {
				html, err := p.Renderer.RenderBytes(pg)
				if err != nil {
					return nil, contentErr(fmt.Errorf("render %s: %w", pg.Path, err))
				}
				return html, nil
			},
			renderInto: func(b *bytes.Buffer) error {
				if err := p.Renderer.Render(b, pg); err != nil {
					return contentErr(fmt.Errorf("render %s: %w", pg.Path, err))
				}
				return nil
			},
		})
	}
	// Feeds, sitemap.xml and robots.txt.
	outs = append(outs, feedOutputs(s, pages)...)
	return outs
}
