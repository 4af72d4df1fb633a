// Package bench holds the Hugo side of the attache-versus-Hugo benchmark:
// the layouts that cmd/corpusgen copies into every generated site. The
// scripts that run the benchmark live beside it; see README.md.
package bench

import "embed"

// HugoLayouts holds hugo/layouts (with "all:" so that _default is kept), plain HTML templates comparable to what
// attache renders: article pages, paginated term pages, term lists, the
// home page and a 404 page.
//
//go:embed all:hugo/layouts
var HugoLayouts embed.FS
