// Package config loads a site's config.toml.
//
// A zero Config is not useful on its own; Default returns the configuration
// of a site whose config.toml is empty, and Load overlays a file on it.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/internal/suggest"
	"github.com/attache/attache/generator/internal/tomlline"
)

// Config is a site's configuration. Field names are the TOML keys.
type Config struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	// BaseURL is the absolute URL the site is served from, with a trailing
	// slash; a subpath such as https://example.org/briefings/ is allowed.
	BaseURL  string `toml:"baseURL"`
	Language string `toml:"language"`
	Theme    string `toml:"theme"`
	// Paginate is the number of articles on one index page.
	Paginate int `toml:"paginate"`
	// ContentDir and PublishDir are relative to the site folder.
	ContentDir string `toml:"contentDir"`
	PublishDir string `toml:"publishDir"`
	// UnsafeHTML lets raw HTML in Markdown through. Off by default.
	UnsafeHTML bool `toml:"unsafeHTML"`
	// UnsafeLinks, with UnsafeHTML, lets javascript:, vbscript: and data:
	// link targets in Markdown through as well.
	UnsafeLinks bool `toml:"unsafeLinks"`
	// BuildDrafts includes articles marked draft.
	BuildDrafts bool `toml:"buildDrafts"`
	// BuildFuture includes articles dated after the build's time.
	BuildFuture bool `toml:"buildFuture"`
	// Strict makes warnings, such as unknown front-matter keys, errors.
	Strict bool `toml:"strict"`
	// Limits bounds what one article may be.
	Limits Limits `toml:"limits"`

	Permalinks Permalinks `toml:"permalinks"`
	Entities   Entities   `toml:"entities"`
	Digests    Digests    `toml:"digests"`
	Feeds      Feeds      `toml:"feeds"`
	Relations  Relations  `toml:"relations"`
	Search     Search     `toml:"search"`
	Deploy     Deploy     `toml:"deploy"`
	// Params are free-form values for templates.
	Params map[string]any `toml:"params"`

	// File is the path the config was loaded from, for error messages.
	File string `toml:"-"`
	// src keeps the file's text to locate keys in later validation errors.
	src string
}

// Permalinks are URL patterns. Placeholders: :year, :month, :day, :slug,
// and for articles :filename (the file's name without its date prefix and
// extension, which no headline correction changes).
// Every pattern must end in a slash: pages are written as index.html.
type Permalinks struct {
	Article      string `toml:"article"`
	Country      string `toml:"country"`
	Organisation string `toml:"organisation"`
}

// DefaultMinConfidence is entities.minConfidence when config.toml does not
// set it: it keeps off index pages only a reading that population alone
// chose between near-equal namesakes ("Newcastle" with nothing to say
// which), while every entity of the detection test sets scores above 0.8.
const DefaultMinConfidence = 0.5

// Entities tunes entity detection for the whole site.
type Entities struct {
	// MinMentions is how many mentions put an article on an entity's index
	// page when the entity is not one of the article's subjects.
	MinMentions int `toml:"minMentions"`
	// MinConfidence, 0 to 1, keeps entities detected with less confidence
	// (detect.Entity.Confidence) off the article's entities and so off
	// index pages: a place name shared by several states that only
	// population decided. 0 keeps every entity.
	MinConfidence float64 `toml:"minConfidence"`
	// Suppress lists countries (by name or code) and organisations (by id
	// or acronym) never to report.
	SuppressCountries     []string `toml:"suppressCountries"`
	SuppressOrganisations []string `toml:"suppressOrganisations"`
	// CountryAliases and OrganisationAliases add names: the key names an
	// existing entity, the values are extra names that refer to it.
	CountryAliases      map[string][]string `toml:"countryAliases"`
	OrganisationAliases map[string][]string `toml:"organisationAliases"`
	// Organisations adds organisations the embedded gazetteer lacks.
	Organisations []Organisation `toml:"organisations"`
}

// Organisation is a site-defined organisation.
type Organisation struct {
	ID      string   `toml:"id"`
	Name    string   `toml:"name"`
	Acronym string   `toml:"acronym"`
	Kind    string   `toml:"kind"`
	Aliases []string `toml:"aliases"`
	Members []string `toml:"members"`
}

// Digests configures periodic digests.
type Digests struct {
	// Period is "day", "week" (ISO week) or "month".
	Period string `toml:"period"`
	// From and To address email digests when the command line does not.
	From string   `toml:"from"`
	To   []string `toml:"to"`
	// UnsubscribeURL and UnsubscribeEmail give email digests their
	// List-Unsubscribe header and unsubscribe line; large senders must
	// offer one-click unsubscribe.
	UnsubscribeURL   string `toml:"unsubscribeURL"`
	UnsubscribeEmail string `toml:"unsubscribeEmail"`
	// BudgetKB is the size past which an email digest is trimmed to
	// headlines: Gmail clips messages over about 102 KB.
	BudgetKB int `toml:"budgetKB"`
}

// Feeds configures feeds.
type Feeds struct {
	// Items is how many entries a feed carries.
	Items int `toml:"items"`
	// Formats are the formats of the site's and the digests' feeds, of
	// "atom", "rss" and "json" (JSON Feed); an empty list publishes none.
	Formats []string `toml:"formats"`
	// ListFormats are the formats of each country's, organisation's,
	// region's, country pair's and tag's feed. One is enough for a feed
	// reader, and each more is a file more for every list a new story
	// joins.
	ListFormats []string `toml:"listFormats"`
}

// FeedFormats are the feed formats a configuration can name, in the order
// a site's pages offer them when it names them all.
func FeedFormats() []string { return []string{"atom", "rss", "json"} }

// Relations configures the pages of country pairs.
type Relations struct {
	// MinStories is how many stories two countries must both be main
	// subjects of to get a page of their own (/relations/china-russia/).
	MinStories int `toml:"minStories"`
}

// Search configures the search page and its index (package search).
type Search struct {
	// Enabled writes the index and the search page, and puts a search box
	// in every page's header. It is off by default while the index costs
	// every build time linear in the archive (see README, Search).
	Enabled bool `toml:"enabled"`
}

// Limits bounds the input a build accepts.
type Limits struct {
	// ArticleBytes is the size limit of one article file.
	ArticleBytes int `toml:"articleBytes"`
	// FeedEntryBytes is the size beyond which a feed entry carries the
	// article's summary instead of its full text.
	FeedEntryBytes int `toml:"feedEntryBytes"`
}

// Default returns the configuration of a site with an empty config.toml.
func Default() *Config {
	return &Config{
		Title:      "Briefings",
		BaseURL:    "http://localhost:1313/",
		Language:   "en",
		Theme:      "default",
		Paginate:   10,
		ContentDir: "content",
		PublishDir: "public",
		Permalinks: Permalinks{
			Article:      "/articles/:year/:month/:slug/",
			Country:      "/countries/:slug/",
			Organisation: "/organisations/:slug/",
		},
		Entities:  Entities{MinMentions: 1, MinConfidence: DefaultMinConfidence},
		Digests:   Digests{Period: "week", BudgetKB: 90},
		Feeds:     Feeds{Items: 20, Formats: FeedFormats(), ListFormats: []string{"rss"}},
		Relations: Relations{MinStories: 3},
		Limits:    Limits{ArticleBytes: 4 << 20, FeedEntryBytes: 64 << 10},
	}
}

// Load reads the config file at path. A missing file is an error; use
// Parse with empty input for a site without one.
func Load(path string) (*Config, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, src)
}

var lineInMessage = regexp.MustCompile(`^toml: line (\d+)(?: \(last key "[^"]*"\))?: `)

// Parse parses config text; file names it in errors. Unknown keys are an
// error naming the key and its line, and so are values of the wrong type.
func Parse(file string, src []byte) (*Config, error) {
	c := Default()
	c.File = file
	c.src = string(src)
	md, err := toml.Decode(c.src, c)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, &diag.Error{File: file, Line: perr.Position.Line, Err: errors.New(perr.Message)}
		}
		msg := err.Error()
		if m := lineInMessage.FindStringSubmatch(msg); m != nil {
			line, _ := strconv.Atoi(m[1])
			return nil, &diag.Error{File: file, Line: line, Err: errors.New(strings.TrimPrefix(msg, m[0]))}
		}
		return nil, &diag.Error{File: file, Err: errors.New(strings.TrimPrefix(msg, "toml: "))}
	}
	var errs diag.List
	for _, k := range md.Undecoded() {
		if len(k) > 1 && k[0] == "params" {
			continue
		}
		if len(k) > 2 && k[0] == "entities" && (k[1] == "countryAliases" || k[1] == "organisationAliases") {
			continue
		}
		if len(k) == 2 && k[0] == "deploy" && credentialKey(k[1]) {
			errs.Add(c.errorAt(k, "deploy.%s: credentials never go in config.toml; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment or use ~/.aws/credentials", k[1]))
			continue
		}
		errs.Add(c.errorAt(k, "unknown key %q%s", k.String(), suggest.Hint(k[len(k)-1], knownKeys(k[:len(k)-1]))))
	}
	errs.Add(c.validate())
	errs.Add(c.checkText())
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// errorAt returns an error located at the line that sets key.
func (c *Config) errorAt(key toml.Key, format string, args ...any) error {
	return diag.Errorf(c.File, tomlline.KeyLine(c.src, key), format, args...)
}

// languageTag is the shape of a BCP 47 language tag: it names a theme's
// strings file (i18n/LANG.toml), so it must name no other.
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// CheckBaseURL reports what is wrong with a site's base URL, as given by
// baseURL in config.toml or by a command's -baseURL: it must be an
// absolute http or https URL, without query, fragment or credentials,
// which every page, feed and sitemap would publish. The error reads after
// the name of what gave it: "baseURL \"x\": want …".
func CheckBaseURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return fmt.Errorf("%q: %v", s, errors.Unwrap(err))
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "":
		return fmt.Errorf("%q: want an absolute http or https URL", s)
	case u.RawQuery != "" || u.Fragment != "":
		return fmt.Errorf("%q: no query or fragment allowed", s)
	case u.User != nil:
		return fmt.Errorf("%s: no user name or password allowed", u.Redacted())
	case slices.ContainsFunc(strings.Split(u.Path, "/"), func(seg string) bool { return seg == "." || seg == ".." }):
		// Every canonical link and feed would carry it.
		return fmt.Errorf("%q: its path may not hold . or .. segments", s)
	}
	return nil
}

func (c *Config) validate() error {
	var errs diag.List
	if err := CheckBaseURL(c.BaseURL); err != nil {
		errs.Add(c.errorAt(toml.Key{"baseURL"}, "baseURL %v", err))
	} else if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	if !languageTag.MatchString(c.Language) {
		errs.Add(c.errorAt(toml.Key{"language"}, "language %q: want a language tag such as en, fr or pt-BR", c.Language))
	}
	if c.Paginate < 1 {
		errs.Add(c.errorAt(toml.Key{"paginate"}, "paginate = %d: want 1 or more", c.Paginate))
	}
	if c.Theme == "" || strings.ContainsAny(c.Theme, `/\`) || c.Theme == "." || c.Theme == ".." {
		errs.Add(c.errorAt(toml.Key{"theme"}, "theme %q: want a theme name", c.Theme))
	}
	for _, p := range []struct {
		key, value string
	}{
		{"article", c.Permalinks.Article},
		{"country", c.Permalinks.Country},
		{"organisation", c.Permalinks.Organisation},
	} {
		if err := checkPermalink(p.value, p.key == "article"); err != nil {
			errs.Add(c.errorAt(toml.Key{"permalinks", p.key}, "permalinks.%s: %v", p.key, err))
		}
	}
	switch c.Digests.Period {
	case "day", "week", "month":
	default:
		errs.Add(c.errorAt(toml.Key{"digests", "period"}, "digests.period %q: want day, week or month", c.Digests.Period))
	}
	if c.Feeds.Items < 1 {
		errs.Add(c.errorAt(toml.Key{"feeds", "items"}, "feeds.items = %d: want 1 or more", c.Feeds.Items))
	}
	errs.Add(c.validateFeedFormats("formats", c.Feeds.Formats))
	errs.Add(c.validateFeedFormats("listFormats", c.Feeds.ListFormats))
	if c.Limits.ArticleBytes < 1 {
		errs.Add(c.errorAt(toml.Key{"limits", "articleBytes"}, "limits.articleBytes = %d: want 1 or more", c.Limits.ArticleBytes))
	}
	if c.Limits.FeedEntryBytes < 1 {
		errs.Add(c.errorAt(toml.Key{"limits", "feedEntryBytes"}, "limits.feedEntryBytes = %d: want 1 or more", c.Limits.FeedEntryBytes))
	}
	if c.Relations.MinStories < 1 {
		errs.Add(c.errorAt(toml.Key{"relations", "minStories"}, "relations.minStories = %d: want 1 or more", c.Relations.MinStories))
	}
	if c.Entities.MinMentions < 1 {
		errs.Add(c.errorAt(toml.Key{"entities", "minMentions"}, "entities.minMentions = %d: want 1 or more", c.Entities.MinMentions))
	}
	if !(c.Entities.MinConfidence >= 0 && c.Entities.MinConfidence <= 1) { // NaN too
		errs.Add(c.errorAt(toml.Key{"entities", "minConfidence"}, "entities.minConfidence = %g: want 0 to 1", c.Entities.MinConfidence))
	}
	errs.Add(c.validateDigests())
	errs.Add(c.validateDeploy())
	for i, o := range c.Entities.Organisations {
		if o.ID == "" || o.Name == "" {
			errs.Add(c.errorAt(toml.Key{"entities", "organisations"}, "entities.organisations[%d]: id and name are required", i))
		}
	}
	return errs.Err()
}

// validateFeedFormats checks a list of feed formats, feeds.key.
func (c *Config) validateFeedFormats(key string, formats []string) error {
	var errs diag.List
	seen := map[string]bool{}
	for _, f := range formats {
		switch {
		case !slices.Contains(FeedFormats(), f):
			errs.Add(c.errorAt(toml.Key{"feeds", key}, "feeds.%s: unknown format %q: want atom, rss or json", key, f))
		case seen[f]:
			errs.Add(c.errorAt(toml.Key{"feeds", key}, "feeds.%s: %q named twice", key, f))
		}
		seen[f] = true
	}
	return errs.Err()
}

var placeholder = regexp.MustCompile(`:[a-z]+`)

// checkPermalink checks a URL pattern; article patterns may name the
// article by its file (:filename) instead of its slug.
func checkPermalink(p string, article bool) error {
	if !strings.HasPrefix(p, "/") || !strings.HasSuffix(p, "/") {
		return fmt.Errorf("%q: want a path starting and ending with /", p)
	}
	switch {
	case article && !strings.Contains(p, ":slug") && !strings.Contains(p, ":filename"):
		return fmt.Errorf("%q: must contain :slug or :filename", p)
	case !article && !strings.Contains(p, ":slug"):
		return fmt.Errorf("%q: must contain :slug", p)
	}
	for _, ph := range placeholder.FindAllString(p, -1) {
		switch {
		case ph == ":year", ph == ":month", ph == ":day", ph == ":slug", ph == ":filename" && article:
		default:
			return fmt.Errorf("%q: unknown placeholder %s", p, ph)
		}
	}
	return checkCleanPath(p)
}

// KeyLine returns the line of the config file that sets a top-level key,
// or 0 when it does not set it.
func (c *Config) KeyLine(key string) int { return tomlline.KeyLine(c.src, toml.Key{key}) }

// Revalidate checks the config again after a caller changed fields, such as
// a command-line flag overriding baseURL.
func (c *Config) Revalidate() error { return c.validate() }
