package parse

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/diag"
)

const fmDelim = "+++"

// frontMatter is the decoded TOML front matter of a Markdown article.
type frontMatter struct {
	file  string
	lines []string // the TOML lines; lines[0] is line 2 of the file
	data  map[string]any

	keyLines map[string]int // built on first use by keyLine
}

// fmFirstLine is the file line of the first TOML line, just after "+++".
const fmFirstLine = 2

// splitFrontMatter separates the "+++"-delimited TOML front matter from the
// Markdown body and decodes it. src has been normalized.
func splitFrontMatter(name string, src []byte) (*frontMatter, []byte, error) {
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t")) != fmDelim {
		return nil, nil, diag.Errorf(name, 1, "front matter: first line must be %q", fmDelim)
	}
	var lines []string
	for {
		line, after, found := bytes.Cut(rest, []byte("\n"))
		if string(bytes.TrimRight(line, " \t")) == fmDelim {
			if err := checkTOML(name, lines); err != nil {
				return nil, nil, err
			}
			fm := &frontMatter{file: name, lines: lines}
			if err := fm.decode(); err != nil {
				return nil, nil, err
			}
			return fm, after, nil
		}
		lines = append(lines, string(line))
		if !found {
			break
		}
		rest = after
	}
	return nil, nil, diag.Errorf(name, 1, "front matter: no closing %q line", fmDelim)
}

func (fm *frontMatter) decode() error {
	fm.data = map[string]any{}
	_, err := toml.Decode(strings.Join(fm.lines, "\n"), &fm.data)
	if err == nil {
		return nil
	}
	var perr toml.ParseError
	if errors.As(err, &perr) {
		return &diag.Error{
			File: fm.file,
			Line: fmFirstLine - 1 + perr.Position.Line,
			Col:  perr.Position.Col,
			Err:  fmt.Errorf("front matter: %s", perr.Message),
		}
	}
	return diag.Errorf(fm.file, 1, "front matter: %w", err)
}

// keyLineRe matches the start of a top-level key/value line: a bare,
// dotted or quoted key followed by "=".
var keyLineRe = regexp.MustCompile(`^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*[.=]`)

// keyLine returns the file line on which top-level key is set, or 1 when
// it cannot tell. BurntSushi/toml does not expose key positions, so it looks
// for "key =" before the first table header, and for table headers.
func (fm *frontMatter) keyLine(key string) int {
	if fm.keyLines == nil {
		fm.keyLines = map[string]int{}
		inTable := false
		for i, l := range fm.lines {
			if t := strings.TrimSpace(l); strings.HasPrefix(t, "[") {
				// A table header sets its first key; the key/value lines
				// after it belong to the table.
				inTable = true
				l = strings.Replace(strings.TrimLeft(t, "["), "]", "=", 1)
			} else if inTable {
				continue
			}
			if m := keyLineRe.FindStringSubmatch(l); m != nil {
				k := strings.Trim(m[1], `"'`)
				if _, seen := fm.keyLines[k]; !seen {
					fm.keyLines[k] = fmFirstLine + i
				}
			}
		}
	}
	if line, ok := fm.keyLines[key]; ok {
		return line
	}
	return 1
}

func (fm *frontMatter) errorf(key, format string, args ...any) error {
	return diag.Errorf(fm.file, fm.keyLine(key), "front matter: "+format, args...)
}

// apply sets a's fields from the front matter and keeps unknown keys in
// a.Params.
func (fm *frontMatter) apply(a *article.Article) error {
	strs := map[string]*string{
		"title": &a.Title, "slug": &a.Slug, "summary": &a.Summary,
		"source": &a.Source, "dateline": &a.Dateline,
	}
	lists := map[string]*[]string{
		"countries": &a.Countries, "organisations": &a.Organisations,
		"exclude_countries": &a.ExcludeCountries, "exclude_organisations": &a.ExcludeOrganisations,
		"tags": &a.Tags,
	}
	// Keys are visited in file order so that the first mistake is reported.
	keys := make([]string, 0, len(fm.data))
	for k := range fm.data {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y string) int {
		return cmp.Or(cmp.Compare(fm.keyLine(x), fm.keyLine(y)), strings.Compare(x, y))
	})
	for _, key := range keys {
		v := fm.data[key]
		if p, ok := strs[key]; ok {
			s, ok := v.(string)
			if !ok {
				return fm.errorf(key, "%s must be a string, not %s", key, tomlType(v))
			}
			*p = strings.TrimSpace(s)
			continue
		}
		if p, ok := lists[key]; ok {
			l, err := stringList(v)
			if err == nil && key == "tags" {
				err = pagesUnderLimit(l)
			}
			if err != nil {
				return fm.errorf(key, "%s %w", key, err)
			}
			*p = l
			continue
		}
		switch key {
		case "aliases":
			l, err := stringList(v)
			if err == nil {
				err = pagesUnderLimit(l)
			}
			if err == nil {
				l, err = cleanAliases(l)
			}
			if err != nil {
				return fm.errorf(key, "aliases %w", err)
			}
			a.Aliases = l
		case "draft":
			b, ok := v.(bool)
			if !ok {
				return fm.errorf(key, "draft must be true or false, not %s", tomlType(v))
			}
			a.Draft = b
		case "date":
			d, err := fmDate(v)
			if err == nil && d.IsZero() {
				err = errors.New("0001-01-01 is not a usable date")
			}
			if err != nil {
				return fm.errorf(key, "date %w", err)
			}
			a.Date = d
		case "params":
			if err := fm.applyParams(a, v); err != nil {
				return err
			}
		default:
			if err := fm.unknownKey(a, key); err != nil {
				return err
			}
			setParam(a, key, v)
		}
	}
	if a.Title == "" {
		return fm.errorf("title", "missing title")
	}
	if a.Date.IsZero() {
		d, ok := dateFromName(a.File)
		if !ok {
			return fm.errorf("date", "missing date: set date = YYYY-MM-DD or prefix the file name with it")
		}
		a.Date = d
	}
	return nil
}

// pagesUnderLimit refuses a list of more than MaxPagesPerArticle names
// that each make a page.
func pagesUnderLimit(l []string) error {
	if len(l) > MaxPagesPerArticle {
		return fmt.Errorf("are %d, over the limit of %d per article", len(l), MaxPagesPerArticle)
	}
	return nil
}

// stringList accepts an array of strings or, for convenience, one string.
func stringList(v any) ([]string, error) {
	switch v := v.(type) {
	case string:
		if s := strings.TrimSpace(v); s != "" {
			return []string{s}, nil
		}
		return nil, nil
	case []any:
		out := make([]string, 0, len(v))
		for i, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("must be an array of strings; item %d is %s", i+1, tomlType(e))
			}
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("must be an array of strings, not %s", tomlType(v))
}

// fmDate accepts TOML dates and datetimes, and strings in the forms
// 2006-01-02 and RFC 3339. Dates and datetimes without a zone are UTC, like
// wire dates.
func fmDate(v any) (time.Time, error) {
	switch v := v.(type) {
	case time.Time:
		if v.Location().String() == "time-local" {
			return time.Time{}, errors.New("must be a date, not a time of day")
		}
		return utcLocal(v).(time.Time), nil
	case string:
		s := strings.TrimSpace(v)
		for _, layout := range []string{time.DateOnly, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
			if t, err := time.Parse(layout, s); err == nil {
				return t, nil
			}
		}
		return time.Time{}, fmt.Errorf("%q is not a date: want YYYY-MM-DD or RFC 3339", v)
	}
	return time.Time{}, fmt.Errorf("must be a date, not %s", tomlType(v))
}

// utcLocal turns TOML local dates and datetimes anywhere in v into UTC
// times with the same wall clock. BurntSushi/toml gives them the machine's
// zone offset, which would make output depend on where a site is built.
func utcLocal(v any) any {
	switch v := v.(type) {
	case time.Time:
		switch v.Location().String() {
		case "date-local", "datetime-local", "time-local":
			return time.Date(v.Year(), v.Month(), v.Day(), v.Hour(), v.Minute(), v.Second(), v.Nanosecond(), time.UTC)
		}
	case []any:
		for i := range v {
			v[i] = utcLocal(v[i])
		}
	case []map[string]any:
		for _, m := range v {
			utcLocal(m)
		}
	case map[string]any:
		for k := range v {
			v[k] = utcLocal(v[k])
		}
	}
	return v
}

// tomlType names v's TOML type for error messages.
func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case time.Time:
		return "a datetime"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// maxSegment is the longest file name most file systems take, in bytes.
const maxSegment = 255

// cleanAliases accepts old URL paths of an article: clean paths from the
// site root, such as "/articles/2024/07/old-headline/" or "/old.html",
// which cannot name anything outside the output folder or another host.
// A path naming neither a folder nor an .html file is taken as a folder.
func cleanAliases(paths []string) ([]string, error) {
	out := make([]string, len(paths))
	for i, p := range paths {
		bad := !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\%?#") || p == "/"
		for seg := range strings.SplitSeq(strings.Trim(p, "/"), "/") {
			if seg == "" || seg == "." || seg == ".." {
				bad = true
			}
			switch {
			case strings.HasPrefix(seg, ".") && !bad:
				// Hidden on every host, and the output's own marker
				// (.attache-output) is one.
				return nil, fmt.Errorf("%q: %q: a segment may not start with a dot", p, seg)
			case len(seg) > maxSegment:
				return nil, fmt.Errorf("%q: a segment of %d bytes, longer than a file name can be (%d)", p, len(seg), maxSegment)
			}
		}
		for _, r := range p {
			if r < 0x20 || r == 0x7f {
				bad = true
			}
		}
		if bad {
			return nil, fmt.Errorf("%q: want a clean path from the site root, such as \"/articles/2024/07/old-headline/\"", p)
		}
		if !strings.HasSuffix(p, "/") && !strings.HasSuffix(p, ".html") {
			p += "/"
		}
		out[i] = p
	}
	return out, nil
}
