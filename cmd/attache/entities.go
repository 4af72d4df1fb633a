package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/attache/attache/generator/build"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/parse"
)

// runEntities prints the countries and organisations detected in each
// article file, with mention counts, primary flags and evidence. A file
// that cannot be read or parsed gets an error line and the others are
// still reported; the command then fails.
func runEntities(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("entities", "[-source DIR] [-json] FILE...", stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per file and line")
	source := fs.String("source", ".", "site `folder` whose config.toml adds aliases, organisations and suppressions")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "attache entities: no files")
		fs.Usage()
		return errUsage
	}
	// The site's configuration shapes detection (aliases, extra
	// organisations, suppressions); without a config.toml the defaults
	// apply.
	proj, err := build.Load(build.Options{Source: *source, Evidence: true, DefaultConfig: true})
	if err != nil {
		return err
	}
	d, p := proj.Detector, proj.Parser
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	failed := 0
	for _, name := range fs.Args() {
		if err := ctx.Err(); err != nil {
			return err
		}
		rep, err := entitiesOf(d, p, name)
		if err != nil {
			failed++
			if *asJSON {
				if err := enc.Encode(detect.Report{File: name, Error: err.Error()}); err != nil {
					return err
				}
			}
			fmt.Fprintf(stderr, "attache entities: %v\n", err)
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
		return fmt.Errorf("entities: %d of %d files could not be read", failed, fs.NArg())
	}
	return nil
}

func entitiesOf(d *detect.Detector, p *parse.Parser, name string) (detect.Report, error) {
	src, err := os.ReadFile(name)
	if err != nil {
		return detect.Report{}, err
	}
	a, err := p.Parse(filepath.ToSlash(name), src)
	if err != nil {
		return detect.Report{}, err
	}
	return d.Report(a), nil
}

func printReport(w io.Writer, r detect.Report) {
	fmt.Fprintf(w, "%s: %s\n", r.File, r.Title)
	fmt.Fprintln(w, "  countries:")
	if len(r.Countries) == 0 {
		fmt.Fprintln(w, "    (none)")
	}
	for _, c := range r.Countries {
		fmt.Fprintf(w, "    %s %-24s %2d%s  %s\n", c.Code, c.Name, c.Mentions, primaryMark(c.Primary), evidenceText(c.Evidence))
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
		fmt.Fprintf(w, "    %-10s %-40s %2d%s  %s\n", o.ID, name, o.Mentions, primaryMark(o.Primary), evidenceText(o.Evidence))
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
		parts[i] = fmt.Sprintf("%s@%s:%d", e.Text, e.Field, e.Offset)
	}
	return strings.Join(parts, ", ")
}
