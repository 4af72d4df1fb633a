package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/attache/attache/generator/importer"
	"github.com/attache/attache/generator/pipeline"
)

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := newFlags("import", "[-dir FOLDER] [-dry-run] [-format FORMAT] [-max-bytes BYTES] [-source DIR] [-timeout duration] FEED_URL|FILE|DIR...", stderr)
	source := flags.String("source", ".", "site `DIR` holding config.toml and content/")
	format := flags.String("format", "feed", "`FORMAT` of the arguments: feed (RSS 2.0, Atom, JSON Feed; URLs or files) or eml (e-mail files or folders of them)")
	dir := flags.String("dir", "imported", "`FOLDER` inside content/ that imported stories are written to")
	dryRun := flags.Bool("dry-run", false, "list what would be new, updated and unchanged without writing")
	timeout := flags.Duration("timeout", importer.DefaultTimeout, "time limit of each fetch")
	maxBytes := flags.Int64("max-bytes", importer.DefaultMaxBytes, "largest feed or message accepted, in `BYTES`")
	sources, err := parseOperands(flags, args)
	if err != nil {
		return err
	}
	if len(sources) == 0 || (*format != "feed" && *format != "eml") {
		fmt.Fprintln(stderr, "attache import: give one or more feed URLs or files, or -format eml and e-mail files or folders")
		flags.Usage()
		return errUsage
	}
	cfg, err := siteConfig(*source)
	if err != nil {
		return err
	}
	contentDir := pipeline.InSite(*source, cfg.ContentDir)
	im, err := importer.New(contentDir, importer.WithDir(*dir), importer.WithDryRun(*dryRun), importer.WithParser(pipeline.NewParser(cfg, time.Now)),
		importer.WithTimeout(*timeout), importer.WithMaxBytes(*maxBytes), importer.WithUserAgent(userAgent()))
	if err != nil {
		return err
	}
	counts := map[importer.Status]int{}
	var errs []error
	for _, src := range sources {
		var results []importer.Result
		var notModified bool
		if *format == "eml" {
			results, err = im.EML(src)
		} else {
			results, notModified, err = im.Feed(ctx, src)
		}
		if notModified {
			fmt.Fprintf(stdout, "%-9s  %s\n", "unchanged", src+" (not modified)")
		}
		for _, r := range results {
			counts[r.Status]++
			fmt.Fprintf(stdout, "%-9s  %s  %s\n", r.Status, r.File, r.Title)
		}
		switch {
		case err != nil && *format == "eml":
			errs = append(errs, err) // each names its message file
		case err != nil:
			errs = append(errs, fmt.Errorf("%s: %w", src, err))
		}
	}
	if err := im.Close(); err != nil {
		errs = append(errs, err)
	}
	what := "imported"
	if *dryRun {
		what = "would import (dry run)"
	}
	fmt.Fprintf(stdout, "%s: %d new, %d updated, %d unchanged\n", what, counts[importer.Added], counts[importer.Updated], counts[importer.Unchanged])
	return errors.Join(errs...)
}

// userAgent names attache and its version to the servers it fetches from.
func userAgent() string {
	if version != "" {
		return "attache/" + version
	}
	return "attache"
}
