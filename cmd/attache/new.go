package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/pipeline"
	"github.com/attache/attache/generator/scaffold"
)

func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	usage := func() {
		fmt.Fprintln(stderr, "Usage: attache new site [-title TITLE] DIR\n       attache new article [-format markdown|wire] [-source DIR] \"Title\"")
		fmt.Fprintln(stderr, "\nRun 'attache new site -h' or 'attache new article -h' for their flags.")
	}
	if len(args) == 0 {
		usage()
		return errUsage
	}
	switch args[0] {
	case "site":
		return runNewSite(args[1:], stdout, stderr)
	case "article":
		return runNewArticle(args[1:], stdout, stderr)
	case "-h", "-help", "--help":
		usage()
		return flag.ErrHelp
	}
	fmt.Fprintf(stderr, "attache new: unknown kind %q: want site or article\n\n", args[0])
	usage()
	return errUsage
}

// parseInterspersed parses flags before and after the one positional
// argument, so that `attache new article "Title" -format wire` works too.
func parseInterspersed(fs *flag.FlagSet, args []string) (string, error) {
	if err := parseFlags(fs, args); err != nil {
		return "", err
	}
	if fs.NArg() == 0 {
		return "", nil
	}
	arg := fs.Arg(0)
	if err := parseFlags(fs, fs.Args()[1:]); err != nil {
		return "", err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "attache %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return "", errUsage
	}
	return arg, nil
}

func runNewSite(args []string, stdout, stderr io.Writer) error {
	var title string
	fs := newFlags("new site", "[-title TITLE] DIR", stderr)
	fs.StringVar(&title, "title", "", "site `TITLE` (default: "+config.Default().Title+")")
	dir, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if dir == "" {
		fmt.Fprintln(stderr, "attache new site: name the folder to create, such as: attache new site mysite")
		fs.Usage()
		return errUsage
	}
	written, err := scaffold.NewSite(dir, title, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created a site in %s:\n", dir)
	for _, f := range written {
		fmt.Fprintf(stdout, "  %s\n", filepath.Join(dir, filepath.FromSlash(f)))
	}
	fmt.Fprintf(stdout, "\nNext: cd %s && attache serve\nSet title and baseURL in config.toml before you publish.\n", dir)
	return nil
}

func runNewArticle(args []string, stdout, stderr io.Writer) error {
	var source, format string
	fs := newFlags("new article", "[-source DIR] [-format markdown|wire] \"Title\"", stderr)
	fs.StringVar(&source, "source", ".", "site `DIR` holding config.toml; the article goes into its contentDir")
	fs.StringVar(&format, "format", "markdown", "input format, `markdown|wire`: markdown has front matter and is a draft; wire is plain wire copy")
	title, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if strings.TrimSpace(title) == "" {
		fmt.Fprintln(stderr, "attache new article: give the article's title, such as: attache new article \"Ministers meet in Nairobi\"")
		fs.Usage()
		return errUsage
	}
	f, err := scaffold.ParseFormat(format)
	if err != nil {
		fmt.Fprintf(stderr, "attache new article: %v\n", err)
		fs.Usage()
		return errUsage
	}
	cfg, err := siteConfig(source)
	if err != nil {
		return err
	}
	path, err := scaffold.NewArticle(pipeline.InSite(source, cfg.ContentDir), scaffold.Article{
		Title: title, Format: f, Date: time.Now().Truncate(time.Second),
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, path)
	if f == scaffold.Wire {
		fmt.Fprintln(stderr, "wire copy has no draft flag: the leading _ keeps this file out of builds; remove it to publish")
	} else {
		fmt.Fprintln(stderr, "a draft: attache serve -drafts shows it; delete the draft line to publish")
	}
	return nil
}
