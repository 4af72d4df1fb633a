package config

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// keyDoc is the one line a sample config.toml says about a key; example,
// for keys without a useful default (maps and arrays of tables), is a
// commented example of their use.
type keyDoc struct {
	doc, example string
}

// docs describes every key of Config, by dotted TOML name. Sample panics on
// a key missing here, and the tests build a sample, so a new key cannot be
// added without its line.
var docs = map[string]keyDoc{
	"title":                          {doc: "Site title, in the masthead, page titles, feeds and digests."},
	"description":                    {doc: "One sentence about the site, for search engines and link previews."},
	"baseURL":                        {doc: "Public address of the site (a subpath works). Feeds, the sitemap and digests link here: set it before publishing."},
	"language":                       {doc: "Language of the pages: lang, interface strings and dates (en, fr, es bundled)."},
	"theme":                          {doc: "Theme: a bundled one (default, situation) or a folder under templates/."},
	"paginate":                       {doc: "Newest articles on the front page of a country or organisation."},
	"contentDir":                     {doc: "Folder of articles (.txt wire copy, .md Markdown), relative to this file or absolute; watch and serve watch it wherever it is."},
	"publishDir":                     {doc: "Output folder, relative to this file or absolute (attache build -destination overrides it)."},
	"unsafeHTML":                     {doc: "Let raw HTML in Markdown through; off, it is shown as text."},
	"unsafeLinks":                    {doc: "With unsafeHTML, let javascript:, vbscript:, file: and data: link targets through too."},
	"buildDrafts":                    {doc: "Build articles marked draft = true (attache build -drafts sets it for one build)."},
	"buildFuture":                    {doc: "Build articles dated after now (attache build -future sets it for one build)."},
	"strict":                         {doc: "Make every warning an error."},
	"limits":                         {doc: "Resource limits on untrusted input."},
	"limits.articleBytes":            {doc: "Size limit of one article file, in bytes."},
	"limits.feedEntryBytes":          {doc: "Articles whose HTML is larger appear in feeds with their summary only."},
	"permalinks":                     {doc: "URL patterns; placeholders :year, :month, :day, :slug, and for articles :filename (the file name without date prefix and extension, stable across headline corrections); each starts and ends with /."},
	"permalinks.article":             {doc: "URL of an article page."},
	"permalinks.country":             {doc: "URL of a country's index."},
	"permalinks.organisation":        {doc: "URL of an organisation's index."},
	"entities":                       {doc: "Detection of the countries and organisations each article is about."},
	"entities.minMentions":           {doc: "Mentions that put an article on an entity's index when the entity is not one of its main subjects."},
	"entities.minConfidence":         {doc: "Confidence (0 to 1) below which a detected entity is left off the article and the indexes."},
	"entities.suppressCountries":     {doc: "Countries never to report (names or codes)."},
	"entities.suppressOrganisations": {doc: "Organisations never to report (ids or acronyms)."},
	"entities.countryAliases":        {doc: "Extra names for countries: code or name = [names].", example: `KR = ["the South"]`},
	"entities.organisationAliases":   {doc: "Extra names for organisations: id = [names].", example: `asean = ["the bloc"]`},
	"entities.organisations": {doc: "Organisations the built-in gazetteer lacks, one [[entities.organisations]] table each.",
		example: "[[entities.organisations]]\nid = \"mekong\"\nname = \"Mekong River Commission\"\nacronym = \"MRC\"\nkind = \"regional\"\naliases = [\"the commission\"]\nmembers = [\"KH\", \"LA\", \"TH\", \"VN\"]"},
	"digests":                  {doc: "Digests: the /digests/ pages and `attache digest`."},
	"digests.period":           {doc: "Period of a digest: day, week (ISO week) or month."},
	"digests.from":             {doc: "From address of email digests, such as \"Briefings <desk@example.org>\" (attache digest -from overrides)."},
	"digests.to":               {doc: "To addresses of email digests (attache digest -to overrides)."},
	"digests.unsubscribeURL":   {doc: "One-click unsubscribe URL for email digests (List-Unsubscribe); large mailbox providers require one."},
	"digests.unsubscribeEmail": {doc: "Address that unsubscribes a reader who writes to it (List-Unsubscribe mailto)."},
	"digests.budgetKB":         {doc: "Size in KB past which an email digest is trimmed to headlines (Gmail clips messages over about 102 KB)."},
	"feeds":                    {doc: "Atom, RSS and JSON feeds."},
	"feeds.items":              {doc: "Entries per feed."},
	"feeds.formats":            {doc: "Formats of the site's and the digests' feeds: atom, rss, json (JSON Feed)."},
	"feeds.listFormats":        {doc: "Formats of each country's, organisation's, region's, pair's and tag's feed; each more is a file more for every list a new story joins."},
	"relations":                {doc: "Pages of country pairs: /relations/china-russia/."},
	"relations.minStories":     {doc: "Stories two countries must both be main subjects of to get a page of their own."},
	"search":                   {doc: "The search page and its index."},
	"search.enabled":           {doc: "Write the index and the search page, with a search box in every header (off by default: the index adds to every build, see README)."},
	"deploy":                   {doc: "Where attache deploy publishes public/: an S3-compatible bucket. Credentials never go here: attache reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or ~/.aws/credentials."},
	"deploy.bucket":            {doc: "Bucket name."},
	"deploy.prefix":            {doc: "Folder inside the bucket, empty for its root."},
	"deploy.region":            {doc: "Region of the bucket (\"auto\" for Cloudflare R2; empty means us-east-1 or the endpoint's own)."},
	"deploy.endpoint":          {doc: "Storage service URL; empty for AWS S3, https://ACCOUNT_ID.r2.cloudflarestorage.com for R2."},
	"params":                   {doc: "Free-form values for templates: .Site.Config.Params.", example: `owner = "Asia desk"`},
}

// Sample returns a config.toml that sets every key to its value in c, each
// after a comment saying what it does: the file `attache new site` writes.
// Keys without a default (aliases, extra organisations, params) get a
// commented example instead.
func Sample(c *Config) []byte {
	var b bytes.Buffer
	b.WriteString("# attache site configuration: every key with its default value. Delete the keys you do not change.\n")
	writeTable(&b, reflect.ValueOf(c).Elem(), "")
	return b.Bytes()
}

// writeTable writes the scalar keys of a struct, then its sub-tables, in
// field order, as TOML requires keys before tables.
func writeTable(b *bytes.Buffer, v reflect.Value, prefix string) {
	t := v.Type()
	var tables []int
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := tomlName(f)
		if name == "" {
			continue
		}
		key := prefix + name
		d := lookupDoc(key)
		fv := v.Field(i)
		switch {
		case f.Type.Kind() == reflect.Struct, f.Type.Kind() == reflect.Map,
			f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct:
			tables = append(tables, i)
			continue
		}
		fmt.Fprintf(b, "\n# %s\n%s = %s\n", d.doc, name, tomlValue(fv))
	}
	for _, i := range tables {
		f := t.Field(i)
		key := prefix + tomlName(f)
		d := lookupDoc(key)
		switch f.Type.Kind() {
		case reflect.Struct:
			fmt.Fprintf(b, "\n# %s\n[%s]\n", d.doc, key)
			writeTable(b, v.Field(i), key+".")
		case reflect.Map:
			fmt.Fprintf(b, "\n# %s\n[%s]\n", d.doc, key)
			writeExample(b, d.example)
		case reflect.Slice:
			fmt.Fprintf(b, "\n# %s\n", d.doc)
			writeExample(b, d.example)
		}
	}
}

func writeExample(b *bytes.Buffer, ex string) {
	for _, line := range strings.Split(ex, "\n") {
		fmt.Fprintf(b, "# %s\n", line)
	}
}

func lookupDoc(key string) keyDoc {
	d, ok := docs[key]
	if !ok || d.doc == "" {
		panic("config: no documentation for key " + key)
	}
	return d
}

func tomlName(f reflect.StructField) string {
	tag := f.Tag.Get("toml")
	if tag == "" || tag == "-" || !f.IsExported() {
		return ""
	}
	return strings.Split(tag, ",")[0]
}

// tomlValue writes a scalar or a list of strings as TOML.
func tomlValue(v reflect.Value) string {
	switch v.Kind() {
	case reflect.String:
		return Quote(v.String())
	case reflect.Bool:
		return fmt.Sprint(v.Bool())
	case reflect.Int, reflect.Int64:
		return fmt.Sprint(v.Int())
	case reflect.Float64:
		// A TOML float needs a decimal point: 0.5, 1.0.
		f := strconv.FormatFloat(v.Float(), 'f', -1, 64)
		if !strings.Contains(f, ".") {
			f += ".0"
		}
		return f
	case reflect.Slice:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = tomlValue(v.Index(i))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	panic("config: no TOML form for " + v.Kind().String())
}

// Quote returns s as a TOML basic string, for files that write config or
// front matter.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
