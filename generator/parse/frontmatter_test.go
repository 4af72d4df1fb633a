package parse

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/diag"
)

func TestFrontMatterDates(t *testing.T) {
	tests := []struct {
		name, file, date string
		want             time.Time
	}{
		{"local date", "a.md", `date = 2024-07-26`, time.Date(2024, 7, 26, 0, 0, 0, 0, time.UTC)},
		{"local datetime", "a.md", `date = 2024-07-26T14:04:00`, time.Date(2024, 7, 26, 14, 4, 0, 0, time.UTC)},
		{"offset datetime", "a.md", `date = 2024-07-26T14:04:00+08:00`, time.Date(2024, 7, 26, 6, 4, 0, 0, time.UTC)},
		{"string date", "a.md", `date = "2024-07-26"`, time.Date(2024, 7, 26, 0, 0, 0, 0, time.UTC)},
		{"string RFC 3339", "a.md", `date = "2024-07-26T14:04:00Z"`, time.Date(2024, 7, 26, 14, 4, 0, 0, time.UTC)},
		{"file name", "x/2024-07-26-talks.md", ``, time.Date(2024, 7, 26, 0, 0, 0, 0, time.UTC)},
		{"front matter beats file name", "2020-01-01-x.markdown", `date = 2024-07-26`, time.Date(2024, 7, 26, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New().Parse(tt.file, []byte("+++\ntitle = \"T\"\n"+tt.date+"\n+++\nBody.\n"))
			if err != nil {
				t.Fatal(err)
			}
			if !a.Date.Equal(tt.want) {
				t.Errorf("Date = %v, want %v", a.Date, tt.want)
			}
		})
	}
}

func TestFrontMatterFields(t *testing.T) {
	src := `+++
title = "  Summit  "
date = 2024-07-26
draft = true
slug = "summit"
summary = "Short."
countries = "CN"
organisations = ["ASEAN", "SCO"]
exclude_countries = ["Niger"]
exclude_organisations = ["AU"]
tags = []
aliases = ["/articles/2024/07/old-headline/", "/old.html", "/a/b"]
reviewed = 2024-07-27T10:00:00
weight = 3
[extra]
countries = "not a top-level key"
+++
Body.
`
	a, err := New().Parse("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Summit" || !a.Draft || a.Slug != "summit" || a.Summary != "Short." {
		t.Errorf("Title, Draft, Slug, Summary = %q, %v, %q, %q", a.Title, a.Draft, a.Slug, a.Summary)
	}
	if !slices.Equal(a.Countries, []string{"CN"}) || !slices.Equal(a.Organisations, []string{"ASEAN", "SCO"}) {
		t.Errorf("Countries, Organisations = %q, %q", a.Countries, a.Organisations)
	}
	if !slices.Equal(a.ExcludeCountries, []string{"Niger"}) || !slices.Equal(a.ExcludeOrganisations, []string{"AU"}) {
		t.Errorf("ExcludeCountries, ExcludeOrganisations = %q, %q", a.ExcludeCountries, a.ExcludeOrganisations)
	}
	if len(a.Tags) != 0 {
		t.Errorf("Tags = %q", a.Tags)
	}
	if want := []string{"/articles/2024/07/old-headline/", "/old.html", "/a/b/"}; !slices.Equal(a.Aliases, want) {
		t.Errorf("Aliases = %q, want %q", a.Aliases, want)
	}
	if got := a.Params["weight"]; got != int64(3) {
		t.Errorf("Params[weight] = %#v, want int64(3)", got)
	}
	if got, ok := a.Params["reviewed"].(time.Time); !ok || !got.Equal(time.Date(2024, 7, 27, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("Params[reviewed] = %#v, want a UTC time", a.Params["reviewed"])
	}
	if got, ok := a.Params["extra"].(map[string]any); !ok || got["countries"] != "not a top-level key" {
		t.Errorf("Params[extra] = %#v", a.Params["extra"])
	}
	if _, ok := a.Params["title"]; ok {
		t.Error("known key title leaked into Params")
	}
}

// TestFrontMatterErrors checks that each mistake is reported at the file
// line an author must fix; front matter starts at line 2.
func TestFrontMatterErrors(t *testing.T) {
	tests := []struct {
		name, file, src string
		line            int
		msg             string
	}{
		{"empty file", "e.md", "", 1, "first line must be"},
		{"no front matter", "e.md", "# Title\n\nBody.\n", 1, "first line must be"},
		{"YAML front matter", "e.md", "---\ntitle: T\n---\n", 1, "first line must be"},
		{"unclosed", "e.md", "+++\ntitle = \"T\"\ndate = 2024-07-26\n\nBody.\n", 1, "no closing"},
		{"missing title", "e.md", "+++\ndate = 2024-07-26\n+++\n", 1, "missing title"},
		{"empty title", "e.md", "+++\ndate = 2024-07-26\ntitle = \"  \"\n+++\n", 3, "missing title"},
		{"missing date", "e.md", "+++\ntitle = \"T\"\n+++\n", 1, "missing date"},
		{"title not a string", "e.md", "+++\ndate = 2024-07-26\n\ntitle = 5\n+++\n", 4, "title must be a string, not an integer"},
		{"quoted key", "e.md", "+++\ndate = 2024-07-26\n\"title\" = true\n+++\n", 3, "title must be a string, not a boolean"},
		{"draft not bool", "e.md", "+++\ntitle = \"T\"\ndate = 2024-07-26\ndraft = \"yes\"\n+++\n", 4, "draft must be true or false"},
		{"countries number", "e.md", "+++\ntitle = \"T\"\ndate = 2024-07-26\ncountries = 3\n+++\n", 4, "countries must be an array of strings"},
		{"tags mixed", "e.md", "+++\ntitle = \"T\"\ndate = 2024-07-26\n\n\ntags = [\"a\", 2]\n+++\n", 6, "item 2 is an integer"},
		{"bad date string", "e.md", "+++\ntitle = \"T\"\ndate = \"26/07/2024\"\n+++\n", 3, `"26/07/2024" is not a date`},
		{"time of day", "e.md", "+++\ntitle = \"T\"\ndate = 14:04:00\n+++\n", 3, "not a time of day"},
		{"zero date", "e.md", "+++\ntitle = \"T\"\ndate = 0001-01-01\n+++\n", 3, "not a usable date"},
		{"date number", "e.md", "+++\ntitle = \"T\"\ndate = 2024\n+++\n", 3, "date must be a date"},
		{"toml syntax", "e.md", "+++\ntitle = \"T\"\ndate = 2024-07-26\ncountries = [\"CN\"\n+++\n", 4, "front matter:"},
		{"toml bad value", "e.md", "+++\ntitle = \"T\"\n\nslug = nope\n+++\n", 4, "front matter:"},
		{"duplicate key", "e.md", "+++\ntitle = \"T\"\ntitle = \"U\"\n+++\n", 3, "front matter:"},
		{"first error in file order", "e.md", "+++\ntitle = \"T\"\ndate = 2024-07-26\ntags = 1\ndraft = 1\nslug = 1\n+++\n", 4, "tags must be"},
		{"alias to another host", "e.md", "+++\ntitle = \"T\"\ndate = 2024-07-26\naliases = [\"//evil.example/x/\"]\n+++\n", 4, "want a clean path from the site root"},
		{"alias leaving the output", "e.md", "+++\ntitle = \"T\"\ndate = 2024-07-26\naliases = [\"/a/../../x/\"]\n+++\n", 4, "want a clean path"},
		{"alias with encoded dots", "e.md", "+++\ntitle = \"T\"\ndate = 2024-07-26\naliases = [\"/%2e%2e/x/\"]\n+++\n", 4, "want a clean path"},
		{"relative alias", "e.md", "+++\ntitle = \"T\"\ndate = 2024-07-26\naliases = \"old/\"\n+++\n", 4, "want a clean path"},
		{"alias on the output's marker", "e.md", "+++\ntitle = \"T\"\ndate = 2024-07-26\naliases = [\"/.attache-output/\"]\n+++\n", 4, "a segment may not start with a dot"},
		{"hidden alias", "e.md", "+++\ntitle = \"T\"\ndate = 2024-07-26\naliases = [\"/a/.git\"]\n+++\n", 4, "a segment may not start with a dot"},
		{"alias longer than a file name", "e.md", "+++\ntitle = \"T\"\ndate = 2024-07-26\naliases = [\"/" + strings.Repeat("b", 256) + "/\"]\n+++\n", 4, "a segment of 256 bytes, longer than a file name can be (255)"},
		{"BOM and CRLF keep lines", "e.md", "\uFEFF+++\r\ntitle = \"T\"\r\ndate = 2024-07-26\r\ndraft = 1\r\n+++\r\n", 4, "draft must be"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New().Parse(tt.file, []byte(tt.src))
			if err == nil {
				t.Fatalf("no error; parsed %+v", a)
			}
			var de *diag.Error
			if !errors.As(err, &de) {
				t.Fatalf("error %v is %T, not *diag.Error", err, err)
			}
			if de.File != tt.file || de.Line != tt.line {
				t.Errorf("error %q at %s:%d, want %s:%d", err, de.File, de.Line, tt.file, tt.line)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not say %q", err, tt.msg)
			}
			if prefix := tt.file + ":" + strconv.Itoa(tt.line); !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("error %q does not start with %q", err, prefix)
			}
		})
	}
}
