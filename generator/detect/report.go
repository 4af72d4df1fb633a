package detect

import (
	"fmt"

	"github.com/attache/attache/generator/article"
)

// Report is the inspectable detection result of one article file, the
// record `attache entities -json` prints per line.
type Report struct {
	File          string          `json:"file"`
	Title         string          `json:"title,omitempty"`
	Countries     []CountryReport `json:"countries"`
	Organisations []OrgReport     `json:"organisations"`
	// Dropped are entities the text names that are not published, each
	// with the reason: suppressed in config, below minMentions or
	// minConfidence, or excluded in front matter.
	Dropped []DroppedReport `json:"dropped,omitempty"`
	// Notes are what else a build would say about the file: front-matter
	// names it does not know, or that it is a draft.
	Notes []string `json:"notes,omitempty"`
	Error string   `json:"error,omitempty"`
}

// DroppedReport is an entity found in an article but not published.
type DroppedReport struct {
	Kind       string           `json:"kind"` // "country" or "organisation"
	ID         string           `json:"id"`   // alpha-2 code or organisation id
	Name       string           `json:"name"`
	Mentions   int              `json:"mentions"`
	Confidence float64          `json:"confidence"`
	Reason     string           `json:"reason"`
	Evidence   []EvidenceReport `json:"evidence"`
}

// CountryReport describes one detected country.
type CountryReport struct {
	Code     string  `json:"code"`
	Code3    string  `json:"code3"`
	Name     string  `json:"name"`
	Slug     string  `json:"slug"`
	Mentions int     `json:"mentions"`
	Primary  bool    `json:"primary"`
	Score    float64 `json:"score"`
	// Confidence is Entity.Confidence, 0 to 1.
	Confidence float64          `json:"confidence"`
	Evidence   []EvidenceReport `json:"evidence"`
}

// OrgReport describes one detected organisation.
type OrgReport struct {
	ID       string  `json:"id"`
	Name     string  `json:"name"`
	Acronym  string  `json:"acronym,omitempty"`
	Mentions int     `json:"mentions"`
	Primary  bool    `json:"primary"`
	Score    float64 `json:"score"`
	// Confidence is Entity.Confidence, 0 to 1.
	Confidence float64          `json:"confidence"`
	Evidence   []EvidenceReport `json:"evidence"`
}

// EvidenceReport is one mention: the field, the byte offset in that
// field's text and the matched text.
type EvidenceReport struct {
	Field  string `json:"field"`
	Offset int    `json:"offset"`
	Text   string `json:"text"`
	// Source says where a decision other than the article's text came
	// from: "config.toml [entities.countryAliases]" for a site's alias,
	// "front matter" for an entity the author named. Empty for text.
	Source string `json:"source,omitempty"`
}

// Report detects the entities of a parsed article and describes them with
// their gazetteer names.
func (d *Detector) Report(a *article.Article) Report {
	return d.Describe(a, d.Detect(InputOf(a)))
}

// Describe describes the detection result r of article a with gazetteer
// names, and what the detector's options dropped with the reason.
func (d *Detector) Describe(a *article.Article, r Result) Report {
	rep := Report{File: a.File, Title: a.Title, Countries: []CountryReport{}, Organisations: []OrgReport{}}
	for _, e := range r.Countries {
		rep.Countries = append(rep.Countries, d.CountryReport(e))
	}
	for _, e := range r.Organisations {
		rep.Organisations = append(rep.Organisations, d.OrgReport(e))
	}
	for _, x := range r.Dropped {
		dr := DroppedReport{Kind: "country", ID: x.ID, Mentions: x.Mentions, Confidence: x.Confidence,
			Reason: d.reason(x), Evidence: evidenceReports(x.Evidence)}
		if x.Organisation {
			dr.Kind = "organisation"
			if o := d.g.Organisation(x.ID); o != nil {
				dr.Name = o.Name
			}
		} else if c := d.g.Country(x.ID); c != nil {
			dr.Name = c.Name
		}
		rep.Dropped = append(rep.Dropped, dr)
	}
	return rep
}

// reason writes why an entity was dropped, naming the setting.
func (d *Detector) reason(x Dropped) string {
	switch x.Reason {
	case "suppressed":
		if x.Organisation {
			return "suppressed by config.toml [entities] suppressOrganisations"
		}
		return "suppressed by config.toml [entities] suppressCountries"
	case "minConfidence":
		return fmt.Sprintf("confidence %.2f below [entities] minConfidence %g", x.Confidence, d.minConfidence)
	case "minMentions":
		return fmt.Sprintf("%d mention(s), not a main subject, below [entities] minMentions %d", x.Mentions, d.minMentions)
	}
	return x.Reason
}

// CountryReport describes a detected country with its gazetteer names.
func (d *Detector) CountryReport(e Entity) CountryReport {
	cr := CountryReport{Code: e.ID, Mentions: e.Mentions, Primary: e.Primary, Score: e.Score, Confidence: e.Confidence,
		Evidence: evidenceReports(e.Evidence)}
	if c := d.g.Country(e.ID); c != nil {
		cr.Code3, cr.Name, cr.Slug = c.Code3, c.Name, c.Slug
	}
	return cr
}

// OrgReport describes a detected organisation with its gazetteer names.
func (d *Detector) OrgReport(e Entity) OrgReport {
	or := OrgReport{ID: e.ID, Mentions: e.Mentions, Primary: e.Primary, Score: e.Score, Confidence: e.Confidence,
		Evidence: evidenceReports(e.Evidence)}
	if o := d.g.Organisation(e.ID); o != nil {
		or.Name, or.Acronym = o.Name, o.Acronym
	}
	return or
}

func evidenceReports(es []Evidence) []EvidenceReport {
	out := make([]EvidenceReport, len(es))
	for i, e := range es {
		out[i] = EvidenceReport{Field: e.Field.String(), Offset: e.Offset, Text: e.Text}
	}
	return out
}
