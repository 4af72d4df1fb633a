// Package article defines the parsed form of one input file, whatever its
// format. It is the value passed from the parsers to entity detection and the
// site model.
package article

import (
	"errors"
	"time"

	"github.com/attache/attache/generator/diag"
)

// Format names the input format an article was written in.
type Format string

// The input formats attache reads.
const (
	Wire     Format = "wire"      // raw wire copy, a .txt file
	Markdown Format = "markdown"  // Markdown with TOML front matter, a .md file
	NewsML   Format = "newsml-g2" // an IPTC NewsML-G2 newsItem, a .xml file
	Ninjs    Format = "ninjs"     // an IPTC ninjs item, a .json file
)

// The agency publication statuses (NewsML-G2 stat:…, ninjs pubstatus).
// Only a usable story is published; the agency's word is final.
const (
	StatusUsable   = "usable"
	StatusWithheld = "withheld"
	StatusCanceled = "canceled"
)

// ErrSkipped marks an input a build reports and leaves out without failing:
// an agency file that holds no story (a picture, a package, an event, a
// JSON file that is not ninjs) or an agency item it cannot read. Agency
// files arrive unattended, and one bad delivery must not stop the desk.
var ErrSkipped = errors.New("skipped")

// Subject is a subject code an agency gave a story, such as the IPTC Media
// Topic "medtop:20000523", with its label where the item carries one.
type Subject struct {
	Code  string `json:",omitempty"`
	Label string `json:",omitempty"`
}

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
	Body Body
	// Text is the body after the lede, as plain text, for entity detection.
	// A build drops it, and Paragraphs, once detection has run.
	Text string

	Tags []string
	// Aliases are old URL paths of the article, such as the one its
	// headline gave it before a correction: each gets a page that
	// redirects to the article.
	Aliases []string
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

	// The fields below come from agency formats (NewsML-G2, ninjs) and
	// imported feeds; other articles leave them zero.

	// GUID identifies a story across its versions: the NewsML-G2 guid or
	// ninjs uri. Articles with the same GUID are versions of one story.
	GUID string `json:",omitempty"`
	// ItemVersion is the agency's version number of the story, 0 when the
	// item gives none. (site.Article's Version is another thing: the
	// build's fingerprint of the input file.)
	ItemVersion int `json:",omitempty"`
	// PubStatus is StatusUsable, StatusWithheld or StatusCanceled; empty
	// means usable.
	PubStatus string `json:",omitempty"`
	// Embargoed is the time before which the story must not be published;
	// zero means no embargo.
	Embargoed time.Time `json:",omitzero"`
	// FirstCreated is when the agency first filed the story and Updated
	// when it created this version (versionCreated); Date is FirstCreated
	// when known, so that a story keeps its date, and its URL, across
	// versions.
	FirstCreated time.Time `json:",omitzero"`
	Updated      time.Time `json:",omitzero"`
	// Language is the story's BCP 47 language tag, such as "nb-NO".
	Language string `json:",omitempty"`
	// Slugline is the agency's short working name for the story; the
	// article's Slug is derived from it, as it survives headline changes.
	Slugline string `json:",omitempty"`
	// Subheadline is the secondary headline, if any.
	Subheadline string `json:",omitempty"`
	// Byline names the story's authors as the agency wrote them.
	Byline string `json:",omitempty"`
	// Subjects are the subject codes and labels the agency gave.
	Subjects []Subject `json:",omitempty"`
	// Places are the places the story is located at or about, by name.
	Places []string `json:",omitempty"`
	// Copyright is the agency's copyright notice.
	Copyright string `json:",omitempty"`
	// Warnings are problems found while parsing that did not stop it, such
	// as an unknown front-matter key or bytes that had to be decoded; they
	// are kept with the article so that every build reports them.
	Warnings []diag.Warning
}
