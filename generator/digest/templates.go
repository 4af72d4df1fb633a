package digest

import (
	"embed"
	"html/template"
	"strings"

	"github.com/attache/attache/generator/site"
)

//go:embed templates/*.html
var templateFS embed.FS

// funcs are the templates' functions; those that speak the language are
// bound to a Writer's strings by (*Writer).templates.
var funcs = template.FuncMap{
	"title":  strings.ToTitle,
	"glance": glance,

	"byline":     func(*site.Article) string { return "" },
	"t":          func(string, ...any) (string, error) { return "", nil },
	"tn":         func(string, int, ...any) (string, error) { return "", nil },
	"lang":       func() string { return "" },
	"region":     func(string) string { return "" },
	"regionPath": func(string) string { return "" },
	"period":     func(site.Period) (string, error) { return "", nil },
	"span":       func(site.Period) string { return "" },
}

// templates returns the page and email templates bound to w's strings.
func (w *Writer) templates() (page, email *template.Template, err error) {
	bound := template.FuncMap{
		"byline":     w.byline,
		"t":          w.tr.String,
		"tn":         w.tr.Plural,
		"lang":       w.tr.Lang,
		"region":     w.tr.Region,
		"regionPath": w.regionPath,
		"period":     w.period,
		"span":       func(p site.Period) string { return w.tr.Span(p.Start, p.Last()) },
	}
	if page, err = pageTemplate.Clone(); err != nil {
		return nil, nil, err
	}
	if email, err = emailTemplate.Clone(); err != nil {
		return nil, nil, err
	}
	return page.Funcs(bound), email.Funcs(bound), nil
}

// regionPath returns the site path of a region's page, "" when it has
// none (such as "International").
func (w *Writer) regionPath(name string) string {
	if r := w.site.Lists().Region(name); r != nil {
		return r.Path
	}
	return ""
}

func parse(name string) *template.Template {
	return template.Must(template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/"+name))
}

// Both templates are parsed once: they are fixed, and a broken one is a
// bug caught by the tests.
var (
	pageTemplate  = parse("page.html")
	emailTemplate = parse("email.html")
)
