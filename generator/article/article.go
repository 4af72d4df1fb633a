// Package article defines the parsed form of one input file, whatever its
// format. It is the value passed from the parsers to entity detection and the
// site model.
package article

import (
	"html/template"
	"time"
)

// Format names the input format an article was written in.
type Format string

// The input formats attache reads.
const (
	Wire     Format = "wire"     // raw wire copy, a .txt file
	Markdown Format = "markdown" // Markdown with TOML front matter, a .md file
)

// Article is one parsed input file. Fields an input does not set are zero.
type Article struct {
	// File is the path of the source file relative to the content folder,
	// with forward slashes.
	File   string
	Format Format

	Title string
	// TitleDerived is true when the input had no title and Title was taken
	// from the lede's first sentence (wire copy that starts with its
	// source line).
	TitleDerived bool
	// Date is the article's date. Wire dates carry no zone and are UTC.
	Date  time.Time
	Draft bool
	// Slug is the slug the author asked for, if any; the site model derives
	// one from the title otherwise.
	Slug    string
	Summary string

	// Source is the agency or outlet, such as "Xinhua" or "AP".
	Source string
	// PublishedText is the publication time as written on the source line,
	// such as "14:04, July 26, 2024".
	PublishedText string
	// Published is PublishedText parsed, zero when it was absent or unparsable.
	Published time.Time
	// Dateline is the place the story was filed from, as written ("VIENTIANE").
	Dateline string
	Editors  []string

	// Lede is the first paragraph as plain text, without its dateline.
	Lede string
	// Paragraphs holds a wire story's paragraphs as plain text, the first one
	// including its dateline. Markdown articles leave it empty.
	Paragraphs []string
	// Body is the article body rendered to HTML.
	Body template.HTML
	// Text is the body after the lede, as plain text, for entity detection.
	// A build drops it, and Paragraphs, once detection has run.
	Text string

	Tags []string
	// Countries and Organisations list entities the author named in front
	// matter, by name, code or slug; they add to what detection finds.
	Countries     []string
	Organisations []string
	// ExcludeCountries and ExcludeOrganisations list entities the author removed from
	// detection's findings for this article.
	ExcludeCountries     []string
	ExcludeOrganisations []string

	// Params keeps front-matter keys attache does not know, for templates.
	Params map[string]any
}
