package digest

import (
	"embed"
	"html/template"
	"strings"
)

//go:embed templates/*.html
var templateFS embed.FS

var funcs = template.FuncMap{
	"byline":    byline,
	"briefings": briefings,
	"title":     strings.ToTitle,
	"glance":    glance,
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
