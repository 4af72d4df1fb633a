package pipeline

import (
	"errors"
	"log/slog"
	"slices"

	"github.com/attache/attache/generator/agency"
	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/internal/clock"
	"github.com/attache/attache/generator/site"
)

// AnalyseAll parses a file that may hold several articles (a NewsML-G2
// newsMessage) and detects their entities. What an agency file Skipped
// (see article.ErrSkipped) is returned apart, for the caller to log as a
// warning: a build goes on without it, unless the site is strict. Files
// are analysed in parallel, so the caller logs them in file order.
func (p *Project) AnalyseAll(name string, src []byte) (inputs []site.Input, skipped []error, err error) {
	arts, err := p.Parser.ParseAll(name, src)
	if err != nil {
		var fatal diag.List
		for _, e := range flattenErr(err) {
			// A strict site fails on what others skip with a warning.
			if errors.Is(e, article.ErrSkipped) && !p.Config.Strict {
				skipped = append(skipped, e)
				continue
			}
			fatal.Add(e)
		}
		if err := fatal.Err(); err != nil {
			return nil, nil, err
		}
	}
	inputs = make([]site.Input, len(arts))
	for i, a := range arts {
		inputs[i] = site.Input{Article: a, Detected: p.Detector.Detect(detect.InputOf(a)), Features: site.StoryFeatures(a)}
		// See Analyse.
		a.Text, a.Paragraphs = "", nil
	}
	return inputs, skipped, nil
}

// WarnAll logs each file's warnings, in the files' order.
func WarnAll(log *slog.Logger, perFile [][]error) {
	for _, ws := range perFile {
		for _, w := range ws {
			log.Warn(w.Error())
		}
	}
}

func flattenErr(err error) []error {
	var l diag.List
	if errors.As(err, &l) {
		return l
	}
	return []error{err}
}

// publishable applies the agencies' versions, kills and embargoes (package
// agency) at now to inputs, and logs what it held back or removed.
func publishable(inputs []site.Input, now *clock.Now, log *slog.Logger) []site.Input {
	// Most sites have no agency copy: their stories are all published,
	// and every build need not copy them to say so.
	if !slices.ContainsFunc(inputs, func(in site.Input) bool { return agency.Concerns(in.Article) }) {
		return inputs
	}
	arts := make([]*article.Article, len(inputs))
	for i, in := range inputs {
		arts[i] = in.Article
	}
	out := inputs[:0:0]
	for i, d := range agency.Resolve(arts, now) {
		switch d.Action {
		case agency.Publish:
			out = append(out, inputs[i])
		case agency.Supersede:
			log.Info(d.String())
		default:
			log.Warn(d.String())
		}
	}
	return out
}
