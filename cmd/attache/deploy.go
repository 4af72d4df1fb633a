package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/attache/attache/generator/deploy"
	"github.com/attache/attache/generator/pipeline"
)

func runDeploy(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var source, dir string
	var dryRun bool
	fs := newFlags("deploy", "[-source DIR] [-dir FOLDER] [-dry-run] [-maxDeletes N] [-workers N]", stderr)
	fs.StringVar(&source, "source", ".", "site `DIR` holding config.toml, whose [deploy] table names the bucket")
	fs.StringVar(&dir, "dir", "", "built `FOLDER` to publish (default: the config's publishDir, public/)")
	fs.BoolVar(&dryRun, "dry-run", false, "print what would be uploaded and deleted, and change nothing")
	maxDeletes := fs.Int("maxDeletes", deploy.DefaultMaxDeletes, "refuse a deploy that would delete more than `N` objects (a guard against an empty build; -1: no limit)")
	workers := fs.Int("workers", 8, "`N` uploads at once")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "attache deploy: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	cfg, err := siteConfig(source)
	if err != nil {
		return err
	}
	if dir == "" {
		dir = pipeline.InSite(source, cfg.PublishDir)
	}
	// An output without a home page is a build that did not happen or
	// went wrong: publishing it would replace the site.
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		return fmt.Errorf("%s: no index.html: run attache build first", dir)
	}
	if w := cfg.BaseURLWarning(); w != "" {
		fmt.Fprintln(stderr, w)
	}
	start := time.Now()
	d, err := deploy.New(cfg.Deploy,
		deploy.WithMaxDeletes(*maxDeletes),
		deploy.WithWorkers(*workers),
		deploy.WithArticlePermalink(cfg.Permalinks.Article),
		deploy.WithProgress(func(done, total int, f deploy.File) {
			fmt.Fprintf(stdout, "uploaded %s (%d/%d)\n", f.Key, done, total)
		}))
	if err != nil {
		return fmt.Errorf("%s: %w", cfg.File, err)
	}
	out := os.DirFS(dir)
	plan, err := d.Plan(ctx, out)
	if err != nil {
		return err
	}
	if dryRun {
		plan.Print(stdout)
		fmt.Fprintf(stdout, "dry run: nothing was changed in %s\n", d.Target())
		// The dry run says what the deploy would do, refusing too.
		return d.Check(plan)
	}
	if err := d.Apply(ctx, out, plan); err != nil {
		return err
	}
	for _, k := range plan.Deletes {
		fmt.Fprintf(stdout, "deleted %s\n", k)
	}
	fmt.Fprintf(stdout, "deployed to %s: %s in %d ms\n", d.Target(), plan.Done(), time.Since(start).Milliseconds())
	return nil
}
