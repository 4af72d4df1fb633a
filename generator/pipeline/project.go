// Package pipeline holds the stages of a build: it loads a site's
// configuration, parses and analyses articles in parallel, assembles the
// site model, lists every output file with its signature, and renders a
// whole site into a staging folder swapped into place. Package build drives
// these stages, incrementally.
package pipeline

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/attache/attache/generator/buildcache"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/parse"
	"github.com/attache/attache/generator/progress"
	"github.com/attache/attache/generator/render"
	"github.com/attache/attache/templates"
)

// ConfigFile is the name of a site's configuration file.
const ConfigFile = "config.toml"

// Options says what to build. The zero value builds the site in the current
// folder with its configured settings.
type Options struct {
	// Source is the site folder holding config.toml, content/ and an
	// optional templates/. Empty means the current folder.
	Source string
	// Destination overrides the config's publishDir; relative paths are
	// taken from the current folder, as a user typing a flag expects.
	Destination string
	// BaseURL overrides the config's baseURL.
	BaseURL string
	// PreviewAt, when set, is the scheme and host of a preview server
	// ("http://127.0.0.1:1313"): the site is built for it, under the path
	// of the config's baseURL, whatever that path becomes as the config
	// is edited.
	PreviewAt string
	// Drafts includes articles marked draft.
	Drafts bool
	// Force lets the build replace an existing destination folder that
	// holds files attache did not write.
	Force bool
	// Future includes articles dated after the time of the build.
	Future bool
	// Workers bounds parallelism; 0 means one per CPU.
	Workers int
	// Logger receives warnings; nil discards them.
	Logger *slog.Logger
	// Evidence keeps what detection matched in each article, for
	// commands that show it; a build has no use for it.
	Evidence bool
	// CacheDir is the folder of build caches (see buildcache.DefaultDir),
	// which let a build skip the articles and pages that did not change
	// since the last build of the same source and destination; empty means
	// no cache.
	CacheDir string
	// DefaultConfig lets a source without config.toml load with the
	// default configuration, for commands that read loose files rather
	// than build a site (attache entities); a build needs the file.
	DefaultConfig bool
	// Progress, if not nil, is told of articles parsed and pages written,
	// to show on a terminal.
	Progress *progress.Reporter
	// ContentSize, if not nil, is told the total size in bytes of the
	// content files once they are listed and before they are parsed, for
	// a caller that sizes its memory from it (attache build sets its soft
	// memory limit).
	ContentSize func(bytes int64)
	// Clock, if not nil, is the time the build runs at, which decides
	// what is held back until its date or embargo; nil is time.Now.
	Clock func() time.Time
}

// Now returns the time the build runs at.
func (o Options) Now() time.Time {
	if o.Clock != nil {
		return o.Clock()
	}
	return time.Now()
}

// Stats summarises a successful build.
type Stats struct {
	Articles, Pages, Countries, Organisations int
	// Destination is the output folder written.
	Destination string
	Elapsed     time.Duration
	// Warnings are problems that did not stop the build.
	Warnings []error
}

// String is the line attache build prints: articles, pages, entities and
// the time taken.
func (s Stats) String() string {
	return fmt.Sprintf("built %d articles, %d pages, %d countries, %d organisations in %d ms",
		s.Articles, s.Pages, s.Countries, s.Organisations, s.Elapsed.Milliseconds())
}

// ErrContent marks errors in the site's own files (articles, config,
// templates), as opposed to failures of the machine such as a full disk.
var ErrContent = errors.New("content error")

// Project is a loaded site: its configuration and the tools configured from
// it. Loading is separate from building so that commands such as check and
// entities can reuse the stages.
type Project struct {
	Options  Options
	Config   *config.Config
	Gaz      *gazetteer.Gazetteer
	Detector *detect.Detector
	Parser   *parse.Parser
	Renderer *render.Renderer
	// ContentDir and Destination are resolved paths.
	ContentDir, Destination string
	// search keeps the search index's analyses of stories between
	// builds; copies of the project share it.
	search *searchCache
}

// Load reads the site's configuration and prepares the parser, detector and
// renderer.
func Load(opts Options) (*Project, error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	cfg, err := loadConfig(opts.Source, opts.DefaultConfig)
	if err != nil {
		return nil, ContentError(err)
	}
	switch {
	case opts.BaseURL != "":
		cfg.BaseURL = opts.BaseURL
	case opts.PreviewAt != "":
		cfg.BaseURL = strings.TrimSuffix(opts.PreviewAt, "/") + BasePath(cfg.BaseURL)
	}
	if opts.BaseURL != "" || opts.PreviewAt != "" {
		if err := cfg.Revalidate(); err != nil {
			return nil, ContentError(err)
		}
	}
	if opts.Drafts {
		cfg.BuildDrafts = true
	}
	if opts.Future {
		cfg.BuildFuture = true
	}
	p := &Project{Options: opts, Config: cfg, search: new(searchCache)}
	p.ContentDir, p.Destination = paths(opts, cfg)
	if p.Gaz, err = gazetteer.Default().With(extension(cfg)); err != nil {
		return nil, ContentError(diag.Errorf(cfg.File, 0, "entities: %v", err))
	}
	dopts := []detect.Option{
		detect.WithSuppressed(resolveCountries(p.Gaz, cfg.Entities.SuppressCountries), resolveOrganisations(p.Gaz, cfg.Entities.SuppressOrganisations)),
		detect.WithMinMentions(cfg.Entities.MinMentions),
		detect.WithMinConfidence(cfg.Entities.MinConfidence),
	}
	if !opts.Evidence {
		dopts = append(dopts, detect.WithoutEvidence())
	}
	p.Detector = detect.New(p.Gaz, dopts...)
	p.Parser = NewParser(cfg, opts.Now)
	theme, err := render.Theme(templates.FS, filepath.Join(opts.Source, "templates"), cfg.Theme)
	if de := (*diag.Error)(nil); errors.As(err, &de) {
		return nil, ContentError(err) // a theme.toml's, at its line
	} else if err != nil {
		return nil, ContentError(diag.Errorf(cfg.File, cfg.KeyLine("theme"), "%v%s", err, themeHint(opts.Source, cfg.Theme)))
	}
	if p.Renderer, err = render.New(theme, cfg.BaseURL, render.WithThemeName(cfg.Theme), render.WithLanguage(cfg.Language),
		render.WithWarnings(func(msg string) { opts.Logger.Warn(diag.Warnf(cfg.File, cfg.KeyLine("language"), "%s", msg).Error()) })); err != nil {
		return nil, ContentError(err)
	}
	return p, nil
}

// BasePath returns the path of a baseURL, where the site lives on its
// host: "/" or "/briefings/".
func BasePath(baseURL string) string {
	p := "/"
	if u, err := url.Parse(baseURL); err == nil && u.Path != "" {
		p = u.Path
	}
	if p = "/" + strings.Trim(p, "/") + "/"; p == "//" {
		p = "/"
	}
	return p
}

// paths resolves the site's content folder and the build's destination.
// A destination that is a symbolic link (public -> /var/www/html) is the
// folder it leads to: a build swaps its new output in by renaming, which
// would otherwise put a folder in the link's place and leave the folder
// the host serves as it was.
func paths(opts Options, cfg *config.Config) (contentDir, dest string) {
	dest = opts.Destination
	if dest == "" {
		dest = InSite(opts.Source, cfg.PublishDir)
	}
	if st, err := os.Lstat(dest); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		if r, err := filepath.EvalSymlinks(dest); err == nil {
			dest = r
		}
	}
	return InSite(opts.Source, cfg.ContentDir), dest
}

// InSite resolves a folder the configuration names: relative to the site
// folder, or as it is when absolute.
func InSite(source, dir string) string {
	if filepath.IsAbs(dir) {
		return filepath.Clean(dir)
	}
	return filepath.Join(source, dir)
}

// WatchRoots returns the folders (and files) a watcher of the site at
// source must watch, as its configuration and templates are now: the site
// folder, and the content folder and what links in the templates lead to
// when they lie outside it, whose edits a watch of the site folder would
// not see.
func WatchRoots(source string) []string {
	roots := []string{source}
	cfg, err := loadConfig(source, true)
	if err != nil {
		return roots
	}
	site, err := filepath.Abs(source)
	if err != nil {
		return roots
	}
	content, err := filepath.Abs(InSite(source, cfg.ContentDir))
	if err != nil {
		return roots
	}
	if r, err := filepath.EvalSymlinks(content); err == nil {
		content = r
	}
	if r, err := filepath.EvalSymlinks(site); err == nil {
		site = r
	}
	for _, dir := range append([]string{content}, TemplateLinks(filepath.Join(source, "templates"))...) {
		if rel, err := filepath.Rel(site, dir); (err != nil || !filepath.IsLocal(rel)) && !slices.Contains(roots, dir) {
			roots = append(roots, dir)
		}
	}
	return roots
}

// TemplateLinks returns where the symbolic links in the templates folder
// dir lead, resolved: a theme or a layout kept elsewhere and linked in,
// whose edits are edits of the templates.
func TemplateLinks(dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type()&fs.ModeSymlink != 0 {
			if r, err := filepath.EvalSymlinks(p); err == nil && !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
		return nil
	})
	slices.Sort(out)
	return out
}

func loadConfig(source string, orDefault bool) (*config.Config, error) {
	if st, err := os.Stat(source); err == nil && !st.IsDir() {
		return nil, fmt.Errorf("source %s: not a folder; pass the site's folder, which holds config.toml", source)
	}
	path := filepath.Join(source, ConfigFile)
	cfg, err := config.Load(path)
	if errors.Is(err, fs.ErrNotExist) {
		if st, serr := os.Stat(source); serr != nil || !st.IsDir() {
			return nil, fmt.Errorf("source %s: not a folder", source)
		}
		if orDefault {
			cfg = config.Default()
			cfg.File = path
			return cfg, nil
		}
		// Building with defaults would publish a site titled "Briefings"
		// at localhost from whatever folder the user happened to be in.
		return nil, fmt.Errorf("%s: no such file: this folder is not an attache site; start one with 'attache new site DIR', or pass -source DIR", path)
	}
	return cfg, err
}

func extension(cfg *config.Config) gazetteer.Extension {
	ext := gazetteer.Extension{
		CountryAliases:      cfg.Entities.CountryAliases,
		OrganisationAliases: cfg.Entities.OrganisationAliases,
	}
	for _, o := range cfg.Entities.Organisations {
		ext.Organisations = append(ext.Organisations, gazetteer.Organisation{
			ID: o.ID, Name: o.Name, Acronym: o.Acronym, Kind: o.Kind, Aliases: o.Aliases, Members: o.Members,
		})
	}
	return ext
}

// resolveCountries maps what a user wrote in config to country codes,
// keeping unknown names as they are so that they suppress nothing.
func resolveCountries(g *gazetteer.Gazetteer, names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if c, ok := g.LookupCountry(n); ok {
			out = append(out, c.Code)
		}
	}
	return out
}

func resolveOrganisations(g *gazetteer.Gazetteer, names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if o, ok := g.LookupOrganisation(n); ok {
			out = append(out, o.ID)
		}
	}
	return out
}

// ContentError marks err as the site's fault, for the exit code: errors.Is
// reports it as ErrContent.
func ContentError(err error) error {
	return fmt.Errorf("%w%w", contentMark{}, err)
}

type contentMark struct{}

func (contentMark) Error() string   { return "" }
func (contentMark) Is(t error) bool { return t == ErrContent }

// Cache names the project's build cache and what its contents depend on.
func (p *Project) Cache() buildcache.Site {
	return buildcache.Site{
		Dir:         p.Options.CacheDir,
		Source:      p.Options.Source,
		ContentDir:  p.ContentDir,
		Config:      filepath.Join(p.Options.Source, ConfigFile),
		Templates:   filepath.Join(p.Options.Source, "templates"),
		Destination: p.Destination,
		BaseURL:     cmp.Or(p.Options.BaseURL, p.Options.PreviewAt),
		Drafts:      p.Options.Drafts,
		Future:      p.Options.Future,
		Year:        p.Options.Now().Year(),
	}
}
