package main

import (
	"io/fs"
	"os"
	"path/filepath"

	"github.com/attache/attache/bench"
)

// The site title and address are shared by both configurations so that the
// two tools write the same links.
const (
	siteTitle = "Foreign Affairs Briefing (synthetic corpus)"
	siteURL   = "https://briefing.example.org/"
)

// attacheConfig is DIR/config.toml.
const attacheConfig = `# attache configuration written by corpusgen.
title = "` + siteTitle + `"
baseURL = "` + siteURL + `"
language = "en"
paginate = 10
`

// hugoConfig is DIR/hugo.toml, for Hugo 0.111. It keeps Hugo's RSS feeds and
// sitemap because attache writes feeds and a sitemap too; the two taxonomies
// replace Hugo's default tags and categories. Permalinks match attache's
// /articles/YYYY/MM/slug/.
const hugoConfig = `# Hugo configuration written by corpusgen, for Hugo 0.111.
title = "` + siteTitle + `"
baseURL = "` + siteURL + `"
languageCode = "en"
paginate = 10
disableKinds = []

[taxonomies]
  country = "countries"
  organisation = "organisations"

[permalinks]
  articles = "/articles/:year/:month/:slug/"
`

// writeSite writes both configurations and the Hugo layouts into out.
func writeSite(out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "config.toml"), []byte(attacheConfig), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "hugo.toml"), []byte(hugoConfig), 0o644); err != nil {
		return err
	}
	layouts, err := fs.Sub(bench.HugoLayouts, "hugo/layouts")
	if err != nil {
		return err
	}
	dst := filepath.Join(out, "layouts")
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	return fs.WalkDir(layouts, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dst, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(layouts, p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
