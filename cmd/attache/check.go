package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/attache/attache/generator/check"
	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/pipeline"
)

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o pipeline.Options
	var dir string
	fs := newFlags("check", "", stderr)
	siteFlags(fs, &o)
	fs.Var(baseURLFlag{&o.BaseURL}, "baseURL", "override the config's baseURL with this `URL`")
	fs.StringVar(&dir, "dir", "", "check this already built `DIR` instead of building the site (content checks still read -source)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "attache check: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	o.Logger = slog.New(slog.DiscardHandler) // warnings are reported as problems
	p, err := pipeline.Load(o)
	if err != nil {
		return err
	}
	if w := p.Config.BaseURLWarning(); w != "" {
		fmt.Fprintln(stderr, w)
	}
	for _, w := range p.Renderer.Warnings() {
		fmt.Fprintln(stderr, diag.Warnf(p.Config.File, p.Config.KeyLine("language"), "%s", w))
	}
	var r check.Report
	if dir == "" {
		r, err = check.Run(ctx, p)
	} else {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			if err == nil {
				err = errors.New("not a folder")
			}
			return fmt.Errorf("-dir %s: %w", dir, err)
		}
		s, merr := p.Model(ctx)
		if merr != nil {
			return merr
		}
		r, err = check.Output(os.DirFS(dir), p.Config.BaseURL, check.WithSources(check.Sources(s)), check.WithConfig(p.Config))
		r.Problems = append(check.Model(s), r.Problems...)
	}
	if err != nil {
		return err
	}
	for _, pr := range r.Problems {
		fmt.Fprintln(stdout, pr)
	}
	if len(r.Problems) > 0 {
		return fmt.Errorf("check: %s", r)
	}
	fmt.Fprintln(stdout, r)
	return nil
}
