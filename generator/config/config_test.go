package config

import (
	"slices"
	"strings"
	"testing"
)

func TestParseDefaults(t *testing.T) {
	c, err := Parse("config.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Paginate != 10 || c.Theme != "default" || c.Permalinks.Article != "/articles/:year/:month/:slug/" || c.Digests.Period != "week" ||
		c.Entities.MinConfidence != DefaultMinConfidence {
		t.Errorf("defaults = %+v", c)
	}
}

func TestParse(t *testing.T) {
	c, err := Parse("config.toml", []byte(`
title = "East Asia Desk"
baseURL = "https://example.org/briefings"
paginate = 5
[params]
owner = "desk"
[entities]
minConfidence = 0.7
[entities.countryAliases]
KR = ["the South"]
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "https://example.org/briefings/" {
		t.Errorf("BaseURL = %q, want a trailing slash added", c.BaseURL)
	}
	if c.Title != "East Asia Desk" || c.Paginate != 5 || c.Params["owner"] != "desk" {
		t.Errorf("config = %+v", c)
	}
	if c.Entities.MinConfidence != 0.7 {
		t.Errorf("minConfidence = %g, want 0.7", c.Entities.MinConfidence)
	}
	if got := c.Entities.CountryAliases["KR"]; len(got) != 1 || got[0] != "the South" {
		t.Errorf("country aliases = %v", got)
	}
	if !slices.Equal(c.Feeds.Formats, []string{"atom", "rss", "json"}) || !slices.Equal(c.Feeds.ListFormats, []string{"rss"}) {
		t.Errorf("feed formats = %q, list formats %q: want the defaults", c.Feeds.Formats, c.Feeds.ListFormats)
	}
}

// TestFeedFormats checks that a configured list of feed formats replaces
// the default, in its order, and that an empty one publishes none.
func TestFeedFormats(t *testing.T) {
	for _, tc := range []struct {
		src            string
		formats, lists []string
	}{
		{"[feeds]\nformats = [\"json\"]\n", []string{"json"}, []string{"rss"}},
		{"[feeds]\nlistFormats = [\"json\", \"atom\"]\n", []string{"atom", "rss", "json"}, []string{"json", "atom"}},
		{"[feeds]\nformats = []\nlistFormats = []\n", []string{}, []string{}},
	} {
		c, err := Parse("config.toml", []byte(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(c.Feeds.Formats, tc.formats) || !slices.Equal(c.Feeds.ListFormats, tc.lists) {
			t.Errorf("%q: formats %q, list formats %q; want %q and %q", tc.src, c.Feeds.Formats, c.Feeds.ListFormats, tc.formats, tc.lists)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // each must appear in the error
	}{
		{"unknown key", "title = \"x\"\n\npagesize = 3\n", []string{"config.toml:3:", `unknown key "pagesize"`}},
		{"unknown nested key", "[permalinks]\narticle = \"/a/:slug/\"\nauthor = \"/x/\"\n", []string{"config.toml:3:", `"permalinks.author"`}},
		{"two unknown keys", "foo = 1\nbar = 2\n", []string{"config.toml:1:", "config.toml:2:"}},
		{"wrong type", "title = \"x\"\npaginate = \"ten\"\n", []string{"config.toml:2:", "incompatible types"}},
		{"syntax", "title = \"x\"\npaginate = = 3\n", []string{"config.toml:2:"}},
		{"bad baseURL", "baseURL = \"example.org\"\n", []string{"config.toml:1:", "absolute"}},
		{"bad paginate", "\npaginate = 0\n", []string{"config.toml:2:", "paginate"}},
		{"permalink without slug", "[permalinks]\narticle = \"/a/:year/\"\n", []string{"config.toml:2:", ":slug"}},
		{"permalink escaping", "[permalinks]\narticle = \"/../:slug/\"\n", []string{"config.toml:2:", `".."`}},
		{"filename for a country", "[permalinks]\ncountry = \"/c/:filename/\"\n", []string{"config.toml:2:", ":slug"}},
		{"bad period", "[digests]\nperiod = \"fortnight\"\n", []string{"config.toml:2:", "fortnight"}},
		{"unknown feed format", "[feeds]\nitems = 5\nformats = [\"atom\", \"rdf\"]\n", []string{"config.toml:3:", `feeds.formats: unknown format "rdf"`, "atom, rss or json"}},
		{"feed format twice", "[feeds]\nlistFormats = [\"rss\", \"rss\"]\n", []string{"config.toml:2:", `feeds.listFormats: "rss" named twice`}},
		{"theme path", "theme = \"../x\"\n", []string{"config.toml:1:", "theme"}},
		{"minConfidence above 1", "[entities]\nminConfidence = 1.5\n", []string{"config.toml:2:", "minConfidence", "0 to 1"}},
		{"minConfidence negative", "[entities]\nminConfidence = -0.1\n", []string{"config.toml:2:", "minConfidence"}},
		{"baseURL with a password", "baseURL = \"https://user:s3cret@example.org/\"\n", []string{"config.toml:1:", "no user name or password", "user:xxxxx@"}},
		{"baseURL with dot-dot", "baseURL = \"https://example.org/sub/../x/\"\n", []string{"config.toml:1:", "may not hold . or .. segments"}},
		{"minConfidence not a number", "[entities]\nminConfidence = nan\n", []string{"config.toml:2:", "minConfidence", "0 to 1"}},
		{"language as a path", "language = \"../x\"\n", []string{"config.toml:1:", `language "../x"`, "language tag"}},
		{"secret in deploy", "[deploy]\nbucket = \"site\"\nsecretAccessKey = \"abc\"\n", []string{"config.toml:3:", "credentials never go in config.toml", "AWS_SECRET_ACCESS_KEY"}},
		{"access key in deploy", "[deploy]\naccessKeyID = \"AKIA\"\n", []string{"config.toml:2:", "credentials never go"}},
		{"bad bucket", "[deploy]\nbucket = \"My_Bucket\"\n", []string{"config.toml:2:", "deploy.bucket"}},
		{"prefix escaping", "[deploy]\nprefix = \"../x\"\n", []string{"config.toml:2:", "deploy.prefix"}},
		{"prefix a dot", "[deploy]\nprefix = \".\"\n", []string{"config.toml:2:", "deploy.prefix \".\": want a clean folder path"}},
		{"endpoint with path", "[deploy]\nendpoint = \"https://s3.example.org/bucket\"\n", []string{"config.toml:2:", "deploy.endpoint"}},
		{"endpoint with user", "[deploy]\nendpoint = \"https://key:secret@s3.example.org\"\n", []string{"config.toml:2:", "deploy.endpoint"}},
		{"bad from", "[digests]\nfrom = \"not an address\"\n", []string{"config.toml:2:", "digests.from"}},
		{"bad to", "[digests]\nto = [\"a@example.org\", \"nope\"]\n", []string{"config.toml:2:", "digests.to \"nope\""}},
		{"bad unsubscribe URL", "[digests]\nunsubscribeURL = \"/unsubscribe\"\n", []string{"config.toml:2:", "unsubscribeURL"}},
		{"unsubscribe URL that extends the header", "[digests]\nunsubscribeURL = \"https://lists.example.org/u>, <mailto:x@example.net\"\n", []string{"config.toml:2:", "unsubscribeURL", "want an absolute https URL"}},
		{"bad unsubscribe address", "[digests]\nunsubscribeEmail = \"x\"\n", []string{"config.toml:2:", "unsubscribeEmail"}},
		{"zero budget", "[digests]\nbudgetKB = 0\n", []string{"config.toml:2:", "budgetKB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("config.toml", []byte(tt.src))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}
