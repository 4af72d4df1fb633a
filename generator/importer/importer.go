// Package importer pulls stories into a site's content folder from the
// sources a desk already has: RSS 2.0, Atom and JSON Feed documents, from
// URLs or files, and agency stories received by e-mail (.eml files).
//
// Each entry becomes a Markdown file with TOML front matter, named from
// its GUID alone, so that importing the same entry again rewrites the
// same file: an unchanged entry leaves it alone, a changed one updates
// it. Feeds are fetched with If-None-Match and If-Modified-Since, whose
// validators are kept in a hidden state file in the content folder (which
// builds skip), within a timeout, a size limit and a few redirects.
// Nothing is ever written outside the content folder.
package importer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/attache/attache/generator/parse"
	"github.com/attache/attache/generator/sanitize"
)

// StateFile is the name, in the content folder, of the file keeping each
// feed's ETag and Last-Modified. Its leading dot keeps builds from reading
// it as content.
const StateFile = ".attache-import.json"

// Defaults of the fetcher's limits.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBytes     = 10 << 20
	DefaultMaxRedirects = 5
)

// Importer imports entries into one content folder. Its zero value is not
// usable: make one with New.
type Importer struct {
	content      string
	dir          string
	dryRun       bool
	client       *http.Client
	maxBytes     int64
	maxRedirects int
	userAgent    string
	parser       *parse.Parser
	state        state
	stateChanged bool
}

// Option configures an Importer.
type Option func(*Importer)

// WithDir sets the folder, relative to the content folder, that imported
// files go to; default "imported". It must stay inside the content folder.
func WithDir(dir string) Option { return func(im *Importer) { im.dir = dir } }

// WithDryRun makes the Importer report what it would do without writing.
func WithDryRun(on bool) Option { return func(im *Importer) { im.dryRun = on } }

// WithTimeout bounds each fetch, redirects and body included.
func WithTimeout(d time.Duration) Option { return func(im *Importer) { im.client.Timeout = d } }

// WithMaxBytes refuses a response or file larger than n bytes.
func WithMaxBytes(n int64) Option { return func(im *Importer) { im.maxBytes = n } }

// WithMaxRedirects sets how many redirects a fetch follows.
func WithMaxRedirects(n int) Option { return func(im *Importer) { im.maxRedirects = n } }

// WithParser checks every entry with the site's own parser (see
// pipeline.NewParser) rather than one with the default limits: an entry it
// refuses is reported and not written.
func WithParser(p *parse.Parser) Option { return func(im *Importer) { im.parser = p } }

// WithUserAgent sets the User-Agent header of fetches.
func WithUserAgent(ua string) Option { return func(im *Importer) { im.userAgent = ua } }

// New returns an Importer writing under the content folder content.
func New(content string, opts ...Option) (*Importer, error) {
	im := &Importer{content: content, dir: "imported", maxBytes: DefaultMaxBytes, maxRedirects: DefaultMaxRedirects,
		userAgent: "attache-import", client: &http.Client{Timeout: DefaultTimeout}}
	for _, opt := range opts {
		opt(im)
	}
	if im.parser == nil {
		im.parser = parse.New()
	}
	im.dir = path.Clean(filepath.ToSlash(im.dir))
	// Builds skip hidden folders and those starting with "_", at any
	// depth: stories imported there would never be published.
	if !filepath.IsLocal(filepath.FromSlash(im.dir)) || slices.ContainsFunc(strings.Split(im.dir, "/"), func(part string) bool {
		return strings.HasPrefix(part, ".") || strings.HasPrefix(part, "_")
	}) {
		return nil, fmt.Errorf("import folder %q: want a plain folder inside the content folder", im.dir)
	}
	im.client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > im.maxRedirects {
			return fmt.Errorf("more than %d redirects", im.maxRedirects)
		}
		return nil
	}
	if err := im.loadState(); err != nil {
		return nil, err
	}
	return im, nil
}

// Status says what an import did with an entry.
type Status string

// The statuses.
const (
	Added     Status = "new"
	Updated   Status = "updated"
	Unchanged Status = "unchanged"
)

// Result is one imported entry.
type Result struct {
	Status Status
	// File is the written file, relative to the content folder's parent
	// as a user sees it ("content/imported/…").
	File  string
	Title string
}

// Feed imports the entries of the feed at a URL (http or https) or in a
// file. A feed the server reports unchanged (304) yields no results and
// notModified set.
func (im *Importer) Feed(ctx context.Context, src string) (results []Result, notModified bool, err error) {
	var body []byte
	var seen validators
	if isURL(src) {
		body, seen, notModified, err = im.fetch(ctx, src)
		if err != nil || notModified {
			return nil, notModified, err
		}
	} else if body, err = im.readFile(src); err != nil {
		return nil, false, err
	}
	entries, perr := ParseFeed(body)
	for i := range entries {
		// An entry without a guid is known by its link as written, as
		// it was before links were resolved: its file stays its own.
		if entries[i].GUID == "" {
			entries[i].GUID = entries[i].Link
		}
		entries[i].Link = absoluteLink(entries[i].Link, src)
	}
	results, err = im.write(entries)
	if err = errors.Join(perr, err); isURL(src) {
		// The server is told what was seen only when all of it was
		// imported: an entry refused or not written must come again.
		im.remember(src, seen, err == nil)
	}
	return results, false, err
}

// absoluteLink resolves an entry's link, which a feed may write relative
// to itself, against the feed's URL: a relative link the import cannot
// resolve (a feed read from a file) would lead nowhere from the site, and
// is dropped, as is any link but an http(s) one.
func absoluteLink(link, feed string) string {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || link == "" {
		return ""
	}
	if !u.IsAbs() {
		base, err := url.Parse(feed)
		if err != nil || !isURL(feed) {
			return ""
		}
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return u.String()
}

// remember keeps, or forgets when ok is unset, the validators of a feed.
func (im *Importer) remember(url string, v validators, ok bool) {
	old, had := im.state.Feeds[url]
	switch {
	case !ok && had:
		delete(im.state.Feeds, url)
	case !ok || v == old && had:
		return
	default:
		if im.state.Feeds == nil {
			im.state.Feeds = map[string]validators{}
		}
		im.state.Feeds[url] = v
	}
	im.stateChanged = true
}

// EML imports e-mail messages: a .eml file, or every .eml file in a folder.
func (im *Importer) EML(src string) ([]Result, error) {
	files := []string{src}
	if st, err := os.Stat(src); err == nil && st.IsDir() {
		files = nil
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".eml") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		slices.Sort(files)
	}
	var entries []Entry
	var errs []error
	for _, f := range files {
		b, err := im.readFile(f)
		if err == nil {
			var e Entry
			if e, err = ParseEML(b); err == nil {
				entries = append(entries, e)
				continue
			}
		}
		errs = append(errs, fmt.Errorf("%s: %w", f, err))
	}
	results, err := im.write(entries)
	return results, errors.Join(append(errs, err)...)
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// readFile reads a local source within the size limit.
func (im *Importer) readFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return im.limited(f, name)
}

func (im *Importer) limited(r io.Reader, what string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, im.maxBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > im.maxBytes {
		return nil, fmt.Errorf("%s: larger than the limit of %d bytes", what, im.maxBytes)
	}
	return b, nil
}

// fetch GETs a feed, conditionally on what the last fetch saw, and
// returns it with its validators.
func (im *Importer) fetch(ctx context.Context, url string) ([]byte, validators, bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, validators{}, false, err
	}
	req.Header.Set("User-Agent", im.userAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, application/json;q=0.9, */*;q=0.5")
	v := im.state.Feeds[url]
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := im.client.Do(req)
	if err != nil {
		return nil, validators{}, false, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return nil, v, true, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, validators{}, false, fmt.Errorf("GET %s: %s", url, resp.Status)
	case resp.ContentLength > im.maxBytes:
		return nil, validators{}, false, fmt.Errorf("GET %s: %d bytes, larger than the limit of %d", url, resp.ContentLength, im.maxBytes)
	}
	body, err := im.limited(resp.Body, "GET "+url)
	if err != nil {
		return nil, validators{}, false, err
	}
	return body, validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}, false, nil
}

type validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"lastModified,omitempty"`
}

type state struct {
	Feeds map[string]validators `json:"feeds"`
}

func (im *Importer) loadState() error {
	b, err := os.ReadFile(filepath.Join(im.content, StateFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &im.state); err != nil {
		// A damaged state file costs a full fetch, nothing more.
		im.state = state{}
	}
	return nil
}

// Close saves the feeds' validators, unless this is a dry run.
func (im *Importer) Close() error {
	if im.dryRun || !im.stateChanged {
		return nil
	}
	b, err := json.MarshalIndent(im.state, "", "  ")
	if err != nil {
		return err
	}
	return im.put(StateFile, append(b, '\n'))
}

// write turns entries into files, reporting each one's status.
func (im *Importer) write(entries []Entry) ([]Result, error) {
	var results []Result
	var errs []error
	written := map[string]string{} // titles by guid
	for _, e := range entries {
		if e.GUID == "" {
			e.GUID = e.Link
		}
		if e.GUID == "" || e.Title == "" {
			errs = append(errs, fmt.Errorf("entry %q: no guid, link or title to recognise it by", e.Title))
			continue
		}
		if first, ok := written[e.GUID]; ok {
			// One file per guid: the second would overwrite the first.
			errs = append(errs, fmt.Errorf("entry %q: not imported: its guid %q is entry %q's too", e.Title, e.GUID, first))
			continue
		}
		written[e.GUID] = e.Title
		name := path.Join(im.dir, FileName(e.GUID))
		data, err := e.Markdown()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		// An entry a build would refuse (over the article, front matter
		// or Markdown limits) is reported, not written: written, it would
		// stop every build of the site until someone removed it.
		file := path.Join(filepath.ToSlash(filepath.Base(im.content)), name)
		if _, err := im.parser.Parse(file, data); err != nil {
			errs = append(errs, fmt.Errorf("entry %q: not imported: %w", e.Title, err))
			continue
		}
		status := Added
		old, err := os.ReadFile(filepath.Join(im.content, filepath.FromSlash(name)))
		switch {
		case err == nil && bytes.Equal(old, data):
			status = Unchanged
		case err == nil:
			status = Updated
		}
		if status != Unchanged && !im.dryRun {
			if err := im.put(name, data); err != nil {
				errs = append(errs, err)
				continue
			}
		}
		results = append(results, Result{Status: status, File: file, Title: e.Title})
	}
	return results, errors.Join(errs...)
}

// put writes a file inside the content folder through an os.Root, which
// no name or symbolic link can lead out of, via a temporary file and a
// rename so that a build never reads half a file.
func (im *Importer) put(name string, data []byte) error {
	if err := os.MkdirAll(im.content, 0o755); err != nil {
		return err
	}
	root, err := os.OpenRoot(im.content)
	if err != nil {
		return err
	}
	defer root.Close()
	if dir := path.Dir(name); dir != "." {
		if err := root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	// The temporary name starts with a dot: builds and watchers skip it.
	tmp := path.Join(path.Dir(name), "."+path.Base(name)+".tmp")
	if err := root.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := root.Rename(tmp, name); err != nil {
		_ = root.Remove(tmp)
		return err
	}
	return nil
}

// FileName returns the file an entry with this GUID is written to: a
// readable part from the GUID and a hash of all of it, so that different
// GUIDs never share a file and the same GUID always finds its own.
func FileName(guid string) string {
	sum := sha256.Sum256([]byte(guid))
	readable := guid
	if i := strings.Index(readable, "://"); i >= 0 {
		readable = readable[i+3:]
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(readable) {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= 60 {
				break
			}
			continue
		}
		dash = true
	}
	if b.Len() > 0 {
		b.WriteByte('-')
	}
	return b.String() + hex.EncodeToString(sum[:4]) + ".md"
}

// maxSummaryBytes bounds an imported summary.
const maxSummaryBytes = 2000

// frontMatter is what an imported file's TOML front matter holds. The keys
// attache does not read itself (canonical, guid, author) go under [params],
// where templates find them as .Article.Params and no build warns about
// them as unknown (which would fail attache check and strict builds).
type frontMatter struct {
	Title   string       `toml:"title"`
	Date    time.Time    `toml:"date"`
	Source  string       `toml:"source,omitempty"`
	Summary string       `toml:"summary,omitempty"`
	Params  importParams `toml:"params"`
}

type importParams struct {
	Canonical string `toml:"canonical,omitempty"`
	GUID      string `toml:"guid"`
	Author    string `toml:"author,omitempty"`
}

// Markdown renders the entry as a Markdown file with TOML front matter.
// The body is the entry's text, paragraph by paragraph, escaped so that
// nothing in it reads as Markdown or HTML: attache escapes raw HTML in
// Markdown anyway, and an agency's markup is no author's.
func (e Entry) Markdown() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("+++\n")
	if len(e.Summary) > maxSummaryBytes {
		// A summary is a line for lists and feeds; a feed's whole text
		// in it would pass the front matter's limit.
		cut := strings.LastIndexByte(e.Summary[:maxSummaryBytes], ' ')
		if cut <= 0 {
			cut = maxSummaryBytes
		}
		e.Summary = strings.ToValidUTF8(e.Summary[:cut], "") + " …"
	}
	fm := frontMatter{Title: e.Title, Date: e.Date, Source: e.Source, Summary: e.Summary,
		Params: importParams{Canonical: e.Link, GUID: e.GUID, Author: e.Author}}
	if err := toml.NewEncoder(&b).Encode(fm); err != nil {
		return nil, fmt.Errorf("entry %q: %w", e.Title, err)
	}
	b.WriteString("+++\n")
	var r sanitize.Result
	if e.BodyIsText {
		r = sanitize.Text(e.Body)
	} else {
		r = sanitize.HTML(e.Body)
	}
	for _, p := range r.Blocks {
		b.WriteString("\n" + escapeMarkdown(p) + "\n")
	}
	return b.Bytes(), nil
}

// escapeMarkdown backslash-escapes what Markdown would read as markup.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '&', '!':
			b.WriteByte('\\')
		case '-', '+', '=':
			if i == 0 {
				b.WriteByte('\\')
			}
		case '.', ')':
			// "1." or "1)" at the start of a line makes a list.
			if isDigits(s[:i]) && i > 0 {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
