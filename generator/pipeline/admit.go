package pipeline

import (
	"cmp"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/internal/clock"
	"github.com/attache/attache/generator/internal/suggest"
	"github.com/attache/attache/generator/parse"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/templates"
)

// NewParser returns the parser a build of a site with configuration cfg
// reads its articles with: what it refuses, a build refuses.
func NewParser(cfg *config.Config, now func() time.Time) *parse.Parser {
	return parse.New(parserOptions(cfg, now)...)
}

// parserOptions are the parse options a site's configuration asks for.
func parserOptions(cfg *config.Config, now func() time.Time) []parse.Option {
	return []parse.Option{
		parse.WithUnsafeHTML(cfg.UnsafeHTML),
		parse.WithUnsafeLinks(cfg.UnsafeLinks),
		parse.WithStrict(cfg.Strict),
		parse.WithMaxArticleBytes(cfg.Limits.ArticleBytes),
		// Which dates look like typos depends on the year: the build
		// cache's inputs are keyed by it (Project.Cache).
		parse.WithClock(now),
	}
}

// admit decides which parsed articles a build publishes. It reports every
// article's parse warnings (each build, so a cached article's typo stays
// loud), leaves out drafts unless cfg.BuildDrafts, and holds back articles
// dated after now unless cfg.BuildFuture, saying how many. Clean and
// incremental builds both call it on the inputs they assemble the site from.
//
// reported, when not nil, holds what the previous build of a Builder
// reported; a warning in it is not repeated, so that a watch session does
// not print every typo of the site again on each save. admit replaces its
// contents with this build's warnings, so a warning that went away and
// came back is reported again.
func admit(inputs []site.Input, cfg *config.Config, now *clock.Now, log *slog.Logger, reported *map[diag.Warning]bool) []site.Input {
	future := 0
	var warns []diag.Warning
	out := slices.DeleteFunc(inputs, func(in site.Input) bool {
		warns = append(warns, in.Article.Warnings...)
		switch {
		case in.Article.Draft && !cfg.BuildDrafts:
			return true
		case !cfg.BuildFuture && now.Before(in.Article.Date):
			future++
			return true
		}
		return false
	})
	// An incremental build's inputs come in no set order.
	slices.SortStableFunc(warns, func(a, b diag.Warning) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	if future > 0 {
		warns = append(warns, diag.Warning{Message: fmt.Sprintf("%d %s dated in the future held back; build with -future (or buildFuture = true) to publish",
			future, plural(future, "article", "articles"))})
	}
	current := make(map[diag.Warning]bool, len(warns))
	for _, w := range warns {
		if reported == nil || !(*reported)[w] {
			log.Warn(w.Error())
		}
		current[w] = true
	}
	if reported != nil {
		*reported = current
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// CheckContentDir reports a content folder that does not exist as an
// error naming config.toml: a typo in contentDir used to build an empty
// site, exit 0.
func (p *Project) CheckContentDir() error {
	cfg, dir := p.Config, p.ContentDir
	st, err := os.Stat(dir)
	switch {
	case err == nil && st.IsDir():
		return nil
	case err == nil:
		return ContentError(diag.Errorf(cfg.File, cfg.KeyLine("contentDir"), "contentDir %q: not a folder", cfg.ContentDir))
	case os.IsNotExist(err):
		return ContentError(diag.Errorf(cfg.File, cfg.KeyLine("contentDir"), "contentDir %q: folder %s does not exist", cfg.ContentDir, dir))
	}
	return err
}

// themeHint lists the themes that exist, with the nearest to a theme name
// that does not, for the error about it.
func themeHint(source, name string) string {
	var names []string
	if entries, err := fs.ReadDir(templates.FS, "."); err == nil {
		for _, e := range entries {
			if e.IsDir() {
				names = append(names, e.Name())
			}
		}
	}
	if entries, err := os.ReadDir(filepath.Join(source, "templates")); err == nil {
		for _, e := range entries {
			if e.IsDir() && !slices.Contains(names, e.Name()) {
				names = append(names, e.Name())
			}
		}
	}
	slices.Sort(names)
	return fmt.Sprintf("%s; themes: %v", suggest.Hint(name, names), names)
}
