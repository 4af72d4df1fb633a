// Package check verifies a site: that every article has what a page needs,
// that front matter names only known entities, and that the built output
// holds together — every internal link and asset reference resolves under
// the base URL, and feeds and the sitemap are well-formed with absolute
// URLs.
package check

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/pipeline"
	"github.com/attache/attache/generator/site"
)

// Report is the outcome of a check.
type Report struct {
	// Problems are sorted by file and line; empty means the site is clean.
	Problems diag.List
	// Files and Links count what was examined, so that a clean report can
	// say how much it covered.
	Files, Links int
}

// String sums the report up: the files and links checked, and how many
// problems were found.
func (r Report) String() string {
	if len(r.Problems) == 0 {
		return fmt.Sprintf("ok: %d files, %d links checked", r.Files, r.Links)
	}
	return fmt.Sprintf("%d problems in %d files, %d links checked", len(r.Problems), r.Files, r.Links)
}

// Run builds the project into a temporary folder, checks the model and the
// output, and removes the folder. It builds with the build package's own
// writer rather than a copy of its logic, so that it checks exactly what
// attache build publishes.
func Run(ctx context.Context, p *pipeline.Project) (Report, error) {
	s, err := p.Model(ctx)
	if err != nil {
		return Report{}, err
	}
	tmp, err := os.MkdirTemp("", "attache-check-")
	if err != nil {
		return Report{}, err
	}
	defer os.RemoveAll(tmp)
	q := *p
	q.Destination = filepath.Join(tmp, "public")
	if _, err := q.Write(ctx, s); err != nil {
		return Report{}, err
	}
	r, err := Output(os.DirFS(q.Destination), p.Config.BaseURL, WithSources(Sources(s)), WithConfig(p.Config))
	if err != nil {
		return Report{}, err
	}
	r.Problems = append(Model(s), r.Problems...)
	return r, nil
}

// Model reports what is wrong with the site's content: articles without a
// title or a date, each article's parse warnings (bytes decoded from
// Windows-1252, unknown front-matter keys, unlikely dates), and the site
// model's warnings, such as a front-matter country that names no known
// country.
func Model(s *site.Site) diag.List {
	var l diag.List
	for _, a := range s.Articles {
		if a.Parsed.Title == "" {
			l.Add(diag.Errorf(a.Parsed.File, 0, "article has no title"))
		}
		if a.Date.IsZero() {
			l.Add(diag.Errorf(a.Parsed.File, 0, "article has no date"))
		}
		// What the parser had to decode, remove or guess at: a build
		// publishes it, a check must not call the site clean.
		for _, w := range a.Parsed.Warnings {
			l.Add(w)
		}
	}
	for _, w := range s.Warnings {
		l.Add(w)
	}
	l.Sort()
	return l
}

// Sources maps the absolute URL of every article page of s to the file the
// article was read from, for WithSources.
func Sources(s *site.Site) map[string]string {
	m := make(map[string]string, len(s.Articles))
	for _, a := range s.Articles {
		m[s.AbsURL(a.Path)] = a.Parsed.File
	}
	return m
}
