package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/parse"
	"github.com/attache/attache/generator/pipeline"
	"github.com/attache/attache/generator/site"
)

// runEntities prints, for each article file (or each article under a
// folder), the countries and organisations a build publishes for it, with
// mention counts, primary flags, confidence and evidence: detection, then
// the site's config (aliases, suppression, thresholds) and the article's
// front matter (countries, organisations, exclude_*), each decision
// marked with its source. A file that cannot be read or parsed gets an
// error line and the others are still reported; the command then fails.
func runEntities(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("entities", "FILE|DIR...", stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per file and line")
	source := fs.String("source", ".", "site `DIR` whose config.toml adds aliases, organisations and suppressions")
	files, err := parseOperands(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "attache entities: no files")
		fs.Usage()
		return errUsage
	}
	// The site's configuration shapes detection (aliases, extra
	// organisations, suppressions); without a config.toml the defaults
	// apply.
	proj, err := pipeline.Load(pipeline.Options{Source: *source, Evidence: true, DefaultConfig: true})
	if err != nil {
		return err
	}
	names, walkErrs := articleFiles(files)
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	failed := 0
	fail := func(name string, err error) error {
		failed++
		fmt.Fprintf(stderr, "attache entities: %v\n", err)
		if *asJSON {
			return enc.Encode(detect.Report{File: name, Error: err.Error()})
		}
		return nil
	}
	for _, we := range walkErrs {
		if err := fail(we.name, we.err); err != nil {
			return err
		}
	}
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return err
		}
		rep, err := entitiesOf(proj, name)
		if err != nil {
			if err := fail(name, err); err != nil {
				return err
			}
			continue
		}
		if *asJSON {
			if err := enc.Encode(rep); err != nil {
				return err
			}
			continue
		}
		printReport(stdout, rep)
	}
	if failed > 0 {
		return fmt.Errorf("entities: %d of %d files could not be read", failed, len(names)+len(walkErrs))
	}
	return nil
}

type walkError struct {
	name string
	err  error
}

// articleFiles expands the arguments: a file stands for itself, a folder
// for the article files under it that a build reads (no hidden or "_"
// names), in lexical order.
func articleFiles(args []string) ([]string, []walkError) {
	var names []string
	var errs []walkError
	for _, arg := range args {
		st, err := os.Stat(arg)
		if err != nil || !st.IsDir() {
			names = append(names, arg) // reading it reports the error
			continue
		}
		err = filepath.WalkDir(arg, func(path string, d iofs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, walkError{path, err})
				return nil
			}
			base := d.Name()
			if path != arg && (strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_")) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && parse.IsArticle(base) {
				names = append(names, path)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, walkError{arg, err})
		}
	}
	return names, errs
}

func entitiesOf(proj *pipeline.Project, name string) (detect.Report, error) {
	// A named pipe would wait for a writer: only regular files are read.
	if st, err := os.Stat(name); err == nil && !st.Mode().IsRegular() {
		return detect.Report{}, fmt.Errorf("%s: not a regular file", name)
	}
	src, err := os.ReadFile(name)
	if err != nil {
		return detect.Report{}, err
	}
	a, err := proj.Parser.Parse(filepath.ToSlash(name), src)
	if err != nil {
		return detect.Report{}, err
	}
	return published(proj, a, proj.Detector.Detect(detect.InputOf(a))), nil
}

// published describes what a build publishes for article a given its
// detection result r. The front matter is applied by the site model itself
// (site.New), so that the report cannot drift from a build; the report
// then says where each decision came from.
func published(proj *pipeline.Project, a *article.Article, r detect.Result) detect.Report {
	d, gaz, cfg := proj.Detector, proj.Gaz, proj.Config
	rep := d.Describe(a, r)
	s := site.New(cfg, gaz, []site.Input{{Article: a, Detected: r}})
	sa := s.Articles[0]
	for _, w := range s.Warnings {
		rep.Notes = append(rep.Notes, w.Error())
	}
	if a.Draft && !cfg.BuildDrafts {
		rep.Notes = append(rep.Notes, "draft: a build leaves it out unless run with -drafts")
	}
	if a.TitleDerived {
		rep.Notes = append(rep.Notes, "no title line: the title is the lede's first sentence")
	}
	aliases := configAliases(gaz, cfg)
	country := func(n string) string {
		if c, ok := gaz.LookupCountry(n); ok {
			return c.Code
		}
		return ""
	}
	org := func(n string) string {
		if o, ok := gaz.LookupOrganisation(n); ok {
			return o.ID
		}
		return ""
	}
	var dropped []detect.DroppedReport
	rep.Countries, dropped = publish(rep.Countries, sa.Countries, entityKind[detect.CountryReport]{
		kind: "country", list: "countries",
		named: frontMatter(a.Countries, country), excluded: frontMatter(a.ExcludeCountries, country), aliases: aliases,
		id: func(c *detect.CountryReport) string { return c.Code },
		fresh: func(id string) detect.CountryReport {
			return d.CountryReport(detect.Entity{ID: id, Confidence: 1}) // the author's word
		},
		fields: func(c *detect.CountryReport) (*bool, *[]detect.EvidenceReport, string, int, float64) {
			return &c.Primary, &c.Evidence, c.Name, c.Mentions, c.Confidence
		},
	})
	rep.Dropped = append(rep.Dropped, dropped...)
	rep.Organisations, dropped = publish(rep.Organisations, sa.Organisations, entityKind[detect.OrgReport]{
		kind: "organisation", list: "organisations",
		named: frontMatter(a.Organisations, org), excluded: frontMatter(a.ExcludeOrganisations, org), aliases: aliases,
		id: func(o *detect.OrgReport) string { return o.ID },
		fresh: func(id string) detect.OrgReport {
			return d.OrgReport(detect.Entity{ID: id, Confidence: 1})
		},
		fields: func(o *detect.OrgReport) (*bool, *[]detect.EvidenceReport, string, int, float64) {
			return &o.Primary, &o.Evidence, o.Name, o.Mentions, o.Confidence
		},
	})
	rep.Dropped = append(rep.Dropped, dropped...)
	return rep
}

// entityKind is what publish needs to know of one kind of entity report.
type entityKind[R any] struct {
	kind, list      string            // "country", "countries"
	named, excluded map[string]string // front matter: id -> name as written
	aliases         map[string]aliasSet
	id              func(*R) string
	fresh           func(id string) R
	// fields exposes the report's primary flag and evidence for update,
	// and its name, mentions and confidence.
	fields func(*R) (primary *bool, ev *[]detect.EvidenceReport, name string, mentions int, confidence float64)
}

// publish orders the detected reports as the site's refs, adds those the
// front matter named, sets primary as the site did, marks the sources of
// the evidence, and returns the detected reports the site left out.
func publish[R any](detected []R, refs []site.Ref, k entityKind[R]) ([]R, []detect.DroppedReport) {
	byID := map[string]int{}
	for i := range detected {
		byID[k.id(&detected[i])] = i
	}
	out := []R{}
	for _, ref := range refs {
		var r R
		if i, ok := byID[ref.Entity.ID]; ok {
			r = detected[i]
			delete(byID, ref.Entity.ID)
		} else {
			r = k.fresh(ref.Entity.ID)
		}
		primary, ev, _, _, _ := k.fields(&r)
		*primary = ref.Primary
		*ev = marked(*ev, k.aliases[k.kind+":"+ref.Entity.ID], k.named[ref.Entity.ID], k.list)
		out = append(out, r)
	}
	var dropped []detect.DroppedReport
	for i := range detected {
		r := &detected[i]
		id := k.id(r)
		if _, ok := byID[id]; !ok {
			continue
		}
		_, ev, name, mentions, confidence := k.fields(r)
		dropped = append(dropped, detect.DroppedReport{Kind: k.kind, ID: id, Name: name, Mentions: mentions,
			Confidence: confidence, Reason: notPublished(k.excluded[id], "exclude_"+k.list), Evidence: *ev})
	}
	return out, dropped
}

// frontMatter maps the entities a front-matter list names, by id, to the
// name as the author wrote it.
func frontMatter(names []string, id func(string) string) map[string]string {
	out := map[string]string{}
	for _, n := range names {
		if k := id(n); k != "" {
			out[k] = n
		}
	}
	return out
}

func notPublished(excludedAs, key string) string {
	if excludedAs != "" {
		return fmt.Sprintf("excluded by front matter %s (%q)", key, excludedAs)
	}
	return "not published"
}

// configAliases maps "country:CODE" and "organisation:ID" to the site's
// config for that entity: the aliases it adds (lower case) and, for an
// organisation config.toml defines, that fact.
type aliasSet struct {
	names   map[string]bool
	defined bool
}

func configAliases(gaz *gazetteer.Gazetteer, cfg *config.Config) map[string]aliasSet {
	out := map[string]aliasSet{}
	add := func(key string, names []string, defined bool) {
		set := out[key]
		if set.names == nil {
			set.names = map[string]bool{}
		}
		for _, n := range names {
			// detection matches "the South" as "South"
			n = strings.ToLower(strings.TrimSpace(n))
			set.names[strings.TrimPrefix(n, "the ")] = true
		}
		set.defined = set.defined || defined
		out[key] = set
	}
	for k, names := range cfg.Entities.CountryAliases {
		if c, ok := gaz.LookupCountry(k); ok {
			add("country:"+c.Code, names, false)
		}
	}
	for k, names := range cfg.Entities.OrganisationAliases {
		if o, ok := gaz.LookupOrganisation(k); ok {
			add("organisation:"+o.ID, names, false)
		}
	}
	for _, o := range cfg.Entities.Organisations {
		add("organisation:"+o.ID, nil, true)
	}
	return out
}

// marked sets the source of evidence that a site's config or the front
// matter decided, and adds the front-matter entry.
func marked(ev []detect.EvidenceReport, set aliasSet, frontName, key string) []detect.EvidenceReport {
	for i := range ev {
		switch {
		case set.defined:
			ev[i].Source = "config.toml [[entities.organisations]]"
		case set.names[strings.ToLower(ev[i].Text)]:
			if key == "countries" {
				ev[i].Source = "config.toml [entities.countryAliases]"
			} else {
				ev[i].Source = "config.toml [entities.organisationAliases]"
			}
		}
	}
	if frontName != "" {
		ev = append(ev, detect.EvidenceReport{Field: "front matter", Text: key + ": " + frontName, Source: "front matter"})
	}
	if ev == nil {
		ev = []detect.EvidenceReport{}
	}
	return ev
}

func printReport(w io.Writer, r detect.Report) {
	fmt.Fprintf(w, "%s: %s\n", r.File, r.Title)
	for _, n := range r.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
	fmt.Fprintln(w, "  countries:")
	if len(r.Countries) == 0 {
		fmt.Fprintln(w, "    (none)")
	}
	for _, c := range r.Countries {
		fmt.Fprintf(w, "    %s %-24s %2d%s %.2f  %s\n", c.Code, c.Name, c.Mentions, primaryMark(c.Primary), c.Confidence, evidenceText(c.Evidence))
	}
	fmt.Fprintln(w, "  organisations:")
	if len(r.Organisations) == 0 {
		fmt.Fprintln(w, "    (none)")
	}
	for _, o := range r.Organisations {
		name := o.Name
		if o.Acronym != "" && o.Acronym != o.Name {
			name += " (" + o.Acronym + ")"
		}
		fmt.Fprintf(w, "    %-10s %-40s %2d%s %.2f  %s\n", o.ID, name, o.Mentions, primaryMark(o.Primary), o.Confidence, evidenceText(o.Evidence))
	}
	if len(r.Dropped) > 0 {
		fmt.Fprintln(w, "  not published:")
	}
	for _, x := range r.Dropped {
		fmt.Fprintf(w, "    %s %s: %s  %s\n", x.ID, x.Name, x.Reason, evidenceText(x.Evidence))
	}
}

func primaryMark(p bool) string {
	if p {
		return " primary"
	}
	return "        "
}

func evidenceText(es []detect.EvidenceReport) string {
	parts := make([]string, len(es))
	for i, e := range es {
		switch {
		case e.Source == "front matter":
			parts[i] = "front matter " + e.Text
		case e.Source != "":
			parts[i] = fmt.Sprintf("%s@%s:%d (%s)", e.Text, e.Field, e.Offset, e.Source)
		default:
			parts[i] = fmt.Sprintf("%s@%s:%d", e.Text, e.Field, e.Offset)
		}
	}
	return strings.Join(parts, ", ")
}
