// Command attache builds foreign-affairs briefing sites from wire copy and
// Markdown.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/pipeline"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1 // a content, config or template error, or a failed check
	exitUsage   = 2 // a bad command line
)

// errUsage marks a bad command line; the command has printed its usage.
var errUsage = errors.New("usage")

// command is one subcommand: one file each, like litestream's.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"new", "start a site (new site DIR) or an article (new article \"Title\")", runNew},
		{"build", "build the site into the output folder", runBuild},
		{"digest", "write one digest as a document for sending", runDigest},
		{"deploy", "publish the built site to S3-compatible storage", runDeploy},
		{"entities", "print the countries and organisations a build publishes for articles or folders", runEntities},
		{"check", "build in a temporary folder and verify links, assets, feeds and content", runCheck},
		{"watch", "build, then rebuild on every change", runWatch},
		{"import", "pull stories from feeds and e-mail into content/", runImport},
		{"serve", "preview the site with live reload", runServe},
		{"version", "print the version", runVersion},
		{"help", "show help for a command", nil},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			return run(ctx, []string{rest[0], "-h"}, stdout, stderr)
		}
		usage(stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return exitCode(c.run(ctx, rest, stdout, stderr), stderr)
		}
	}
	fmt.Fprintf(stderr, "attache: unknown command %q\n\n", name)
	usage(stderr)
	return exitUsage
}

func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage):
		return exitUsage
	}
	fmt.Fprintf(stderr, "attache: %s\n", terminalText(err.Error(), true))
	return exitContent
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "attache builds foreign-affairs briefing sites from wire copy and Markdown.")
	fmt.Fprintln(w, "\nUsage:\n\n\tattache <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "\t%-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'attache help <command>' or 'attache <command> -h' for a command's flags.")
}

// newFlags returns a flag set that reports errors as usage errors rather
// than exiting, so that main owns the exit code. Its usage line is made
// from the flags defined on it (see printUsage); operands names what
// follows the flags, such as "FILE...", and any flags written in it are
// ignored.
func newFlags(name, operands string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { printUsage(stderr, fs, operands) }
	return fs
}

// parseFlags parses args, mapping failures to errUsage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

// baseURLFlag is a -baseURL flag, checked as it is parsed: a bad one is a
// usage error naming the flag, not the line of config.toml it overrides.
type baseURLFlag struct{ url *string }

func (f baseURLFlag) String() string {
	if f.url == nil {
		return ""
	}
	return *f.url
}

func (f baseURLFlag) Set(s string) error {
	if err := config.CheckBaseURL(s); err != nil {
		return err
	}
	*f.url = s
	return nil
}

// parseOperands parses flags anywhere among a command's operands, as
// users type them (attache entities a.md b.md -json), and returns the
// operands; after "--" every argument is one.
func parseOperands(fs *flag.FlagSet, args []string) ([]string, error) {
	var operands []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(operands, rest...), nil
		}
		if len(rest) == 0 {
			return operands, nil
		}
		operands = append(operands, rest[0])
		args = rest[1:]
	}
}

// siteFlags are the flags of every command that reads a site.
func siteFlags(fs *flag.FlagSet, o *pipeline.Options) {
	fs.StringVar(&o.Source, "source", ".", "site `DIR` holding config.toml, content/ and templates/")
	fs.BoolVar(&o.Drafts, "drafts", false, "include articles marked draft")
	fs.BoolVar(&o.Future, "future", false, "include articles dated in the future")
}
