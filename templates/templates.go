// Package templates embeds attache's bundled themes. Each theme is a folder
// holding layouts/ (html/template files: baseof.html, one file per page
// kind, partials/) and static/ (assets copied to the output, fingerprinted).
package templates

import "embed"

// FS holds the bundled themes, one folder each.
//
//go:embed all:default all:situation
var FS embed.FS
