package detect

import (
	"github.com/attache/attache/generator/article"
)

// Report is the inspectable detection result of one article file, the
// record `attache entities -json` prints per line.
type Report struct {
	File          string          `json:"file"`
	Title         string          `json:"title,omitempty"`
	Countries     []CountryReport `json:"countries"`
	Organisations []OrgReport     `json:"organisations"`
	Error         string          `json:"error,omitempty"`
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
}

// Report detects the entities of a parsed article and describes them with
// their gazetteer names.
func (d *Detector) Report(a *article.Article) Report {
	r := d.Detect(InputOf(a))
	rep := Report{File: a.File, Title: a.Title, Countries: []CountryReport{}, Organisations: []OrgReport{}}
	for _, e := range r.Countries {
		cr := CountryReport{Code: e.ID, Mentions: e.Mentions, Primary: e.Primary, Score: e.Score, Confidence: e.Confidence,
			Evidence: evidenceReports(e.Evidence)}
		if c := d.g.Country(e.ID); c != nil {
			cr.Code3, cr.Name, cr.Slug = c.Code3, c.Name, c.Slug
		}
		rep.Countries = append(rep.Countries, cr)
	}
	for _, e := range r.Organisations {
		or := OrgReport{ID: e.ID, Mentions: e.Mentions, Primary: e.Primary, Score: e.Score, Confidence: e.Confidence,
			Evidence: evidenceReports(e.Evidence)}
		if o := d.g.Organisation(e.ID); o != nil {
			or.Name, or.Acronym = o.Name, o.Acronym
		}
		rep.Organisations = append(rep.Organisations, or)
	}
	return rep
}

func evidenceReports(es []Evidence) []EvidenceReport {
	out := make([]EvidenceReport, len(es))
	for i, e := range es {
		out[i] = EvidenceReport{Field: e.Field.String(), Offset: e.Offset, Text: e.Text}
	}
	return out
}
