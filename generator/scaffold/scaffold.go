// Package scaffold writes the files a user starts from: a new site (a
// documented config.toml, one example article per input format, a README
// for the site's owner) and new articles with their front matter.
//
// Nothing here ever overwrites: a site goes only into a missing or empty
// folder, and an article only to a name that is free.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/site"
)

//go:embed files
var files embed.FS

// funcs are the scaffold templates' functions: toml quotes a value for
// front matter, as titles may hold quotes and backslashes.
var funcs = template.FuncMap{"toml": config.Quote}

// Format is the input format of a new article.
type Format string

// The input formats of an article.
const (
	Markdown Format = "markdown"
	Wire     Format = "wire"
)

// ParseFormat checks a format name; "md" and "txt" are accepted too.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "markdown", "md":
		return Markdown, nil
	case "wire", "txt":
		return Wire, nil
	}
	return "", fmt.Errorf("format %q: want markdown or wire", s)
}

// NewSite writes a site into dir, which must be missing or empty, and
// returns the files written, relative to dir. title becomes the site's
// title ("" keeps the default); now dates the example articles.
func NewSite(dir, title string, now time.Time) ([]string, error) {
	if err := emptyOrMissing(dir); err != nil {
		return nil, err
	}
	cfg := config.Default()
	if title != "" {
		cfg.Title = title
	}
	data := struct {
		Title, Today, Day, Wire string
		Config                  *config.Config
	}{cfg.Title, now.Format(time.DateOnly), now.Format("January 2"), now.Format("15:04, January 2, 2006"), cfg}
	out := map[string][]byte{"config.toml": config.Sample(cfg)}
	err := fs.WalkDir(files, "files/site", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		var b bytes.Buffer
		t, err := template.New(p).Delims("[[", "]]").Funcs(funcs).Parse(string(src))
		if err == nil {
			err = t.Execute(&b, data)
		}
		if err != nil {
			return fmt.Errorf("scaffold %s: %w", p, err)
		}
		name := strings.TrimPrefix(p, "files/site/")
		// The examples carry today's date, so that the first build's
		// digest and home page are current.
		name = strings.ReplaceAll(name, "DATE", data.Today)
		// Embedded names cannot start with a dot or underscore.
		name = strings.ReplaceAll(name, "dot-", ".")
		out[name] = b.Bytes()
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var written []string
	for _, name := range sortedKeys(out) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return written, err
		}
		if err := createFile(path, out[name]); err != nil {
			return written, err
		}
		written = append(written, name)
	}
	return written, nil
}

// emptyOrMissing refuses a folder that holds anything, so that a site is
// never written over someone's files.
func emptyOrMissing(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case len(entries) > 0:
		return fmt.Errorf("%s: folder is not empty; choose a new or empty folder", dir)
	}
	return nil
}

// Article describes a new article.
type Article struct {
	Title  string
	Format Format
	// Date is the article's date and time; its day names the file.
	Date time.Time
}

// NewArticle writes a new article into contentDir and returns its path. A
// Markdown article gets front matter with draft = true. Wire copy has no
// front matter, so a new wire story is a draft by its name: attache skips
// files whose names start with "_", and removing it publishes the story.
func NewArticle(contentDir string, a Article) (string, error) {
	title := strings.TrimSpace(a.Title)
	if title == "" {
		return "", errors.New("an article needs a title")
	}
	if strings.ContainsAny(title, "\r\n") {
		return "", errors.New("a title is one line")
	}
	slug := site.Slugify(title)
	// A title without Latin letters or digits (Cyrillic, Arabic, Chinese)
	// has no slug: such articles are numbered, article, article-2, ..., so
	// that more than one a day can be started.
	numbered := slug == ""
	if numbered {
		slug = "article"
	}
	day := a.Date.Format(time.DateOnly)
	var name, tmpl string
	switch a.Format {
	case Markdown, "":
		name, tmpl = day+"-"+slug+".md", "files/article.md"
	case Wire:
		name, tmpl = "_"+day+"-"+slug+".txt", "files/article.txt"
	default:
		return "", fmt.Errorf("format %q: want markdown or wire", a.Format)
	}
	src, err := files.ReadFile(tmpl)
	if err != nil {
		return "", err
	}
	t, err := template.New(tmpl).Delims("[[", "]]").Funcs(funcs).Parse(string(src))
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	err = t.Execute(&b, struct {
		Title, Day, Time, Wire string
		Date                   time.Time
	}{
		Title: title, Day: day, Date: a.Date,
		Time: a.Date.Format(time.RFC3339),
		Wire: a.Date.Format("15:04, January 2, 2006"),
	})
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(contentDir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(contentDir, name)
	err = createFile(path, b.Bytes())
	for n := 2; numbered && errors.Is(err, fs.ErrExist) && n <= 999; n++ {
		ext := filepath.Ext(name)
		path = filepath.Join(contentDir, strings.TrimSuffix(name, ext)+"-"+strconv.Itoa(n)+ext)
		err = createFile(path, b.Bytes())
	}
	return path, err
}

// createFile writes a new file and fails if one exists, even one created
// a moment earlier by another process.
func createFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return existsError(path)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// existsError is the refusal to write over a file; it is fs.ErrExist.
type existsError string

func (e existsError) Error() string {
	return string(e) + ": already exists; attache never overwrites a file"
}

func (existsError) Is(target error) bool { return target == fs.ErrExist }

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
