// Package templates embeds attache's bundled themes. Each theme is a folder
// holding layouts/ (html/template files: baseof.html, one file per page
// kind, partials/) and static/ (assets copied to the output, fingerprinted).
package templates

import (
	"embed"

	"github.com/attache/attache/generator/i18n"
)

// FS holds the bundled themes, one folder each.
//
//go:embed all:default all:situation
var FS embed.FS

// Strings returns the strings of a language of the bundled default theme,
// without a site's overrides: for what speaks to readers outside a page's
// layouts (feeds, digests) when no site's theme is at hand.
func Strings(lang string) (*i18n.Table, error) {
	return i18n.Load(lang, func(file string) ([]i18n.Source, error) {
		name := "default/i18n/" + file
		data, err := FS.ReadFile(name)
		if err != nil {
			return nil, nil // no such language
		}
		return []i18n.Source{{Name: name, Data: data}}, nil
	})
}

// English returns the bundled default theme's English strings. The
// bundled tables are checked by the tests, so it cannot fail.
func English() *i18n.Table {
	tr, err := Strings(i18n.Reference)
	if err != nil {
		panic("templates: bundled English strings: " + err.Error())
	}
	return tr
}
