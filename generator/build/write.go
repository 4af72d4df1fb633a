package build

import (
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
	pages, err := p.render(ctx, s, st)
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

func (p *Project) render(ctx context.Context, s *site.Site, st *output.Staging) (int, error) {
	for _, a := range p.Renderer.Assets() {
		if err := st.WriteFile(a.Path, a.Data); err != nil {
			return 0, err
		}
	}
	pages := s.Pages()
	var mu sync.Mutex
	var errs diag.List
	seen := map[string]bool{}
	parallel(ctx, len(pages), p.Options.Workers, func(i int) {
		pg := pages[i]
		html, err := p.Renderer.RenderBytes(pg)
		if err == nil {
			err = st.WriteFile(pg.File(), html)
		} else {
			err = contentErr(fmt.Errorf("render %s: %w", pg.Path, err))
		}
		if err != nil {
			mu.Lock()
			defer mu.Unlock()
			if key := err.Error(); !seen[key] && len(errs) < maxTemplateErrors {
				seen[key] = true
				errs.Add(err)
			}
		}
	})
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return len(pages) + len(p.Renderer.Assets()), errs.Err()
}
