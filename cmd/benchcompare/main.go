// Command benchcompare runs build commands side by side and reports the
// median wall time and peak resident memory of each, with ratios to the
// first.
//
//	benchcompare [-runs 3] [-format markdown|tsv] [-trash DIR] -- TOOL [--- TOOL]...
//
// where each TOOL is
//
//	[-label NAME] [-clean DIR] [-warm] COMMAND [ARG]...
//
// Before each timed run benchcompare syncs the file system and moves the
// -clean folder aside, so every run is a clean build; what it moved is
// deleted once all runs are done, or left in the -trash folder for the
// caller. With -warm it keeps the folder and runs the command once untimed
// first, to measure a rebuild with nothing changed. Runs of the tools are
// interleaved so that drift in machine load hits all alike.
//
// Peak RSS comes from wait4's rusage (ru_maxrss), which covers the command
// and the children it waited for; no /usr/bin/time is needed.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	runs := flag.Int("runs", 3, "timed runs of each tool; the median is reported")
	format := flag.String("format", "markdown", "output: markdown or tsv")
	trash := flag.String("trash", "", "move -clean folders into this `folder` and leave them there, for the caller to delete when no more runs follow (default: beside each, deleted after the last run)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: benchcompare [-runs N] [-format markdown|tsv] [-trash DIR] -- [-label NAME] [-clean DIR] [-warm] COMMAND [ARG]... [--- ...]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if err := run(os.Stdout, os.Stderr, *runs, *format, *trash, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "benchcompare:", err)
		os.Exit(1)
	}
}

func run(stdout, progress io.Writer, runs int, format, trash string, args []string) error {
	if runs < 1 {
		return errors.New("-runs must be at least 1")
	}
	if format != "markdown" && format != "tsv" {
		return fmt.Errorf("unknown format %q", format)
	}
	tools, err := parseTools(args)
	if err != nil {
		return err
	}
	results, err := measure(tools, runs, trash, progress)
	if err != nil {
		return err
	}
	if format == "tsv" {
		writeTSV(stdout, results)
	} else {
		writeMarkdown(stdout, results)
	}
	return nil
}

// parseTools splits args at "---" and parses each part as a tool.
func parseTools(args []string) ([]tool, error) {
	var tools []tool
	for len(args) > 0 {
		part := args
		rest := []string(nil)
		for i, a := range args {
			if a == "---" {
				part, rest = args[:i], args[i+1:]
				break
			}
		}
		t, err := parseTool(part, len(tools))
		if err != nil {
			return nil, err
		}
		tools = append(tools, t)
		args = rest
	}
	if len(tools) == 0 {
		return nil, errors.New("no command given")
	}
	return tools, nil
}

func parseTool(args []string, i int) (tool, error) {
	fs := flag.NewFlagSet(fmt.Sprintf("tool %d", i+1), flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var t tool
	fs.StringVar(&t.Label, "label", "", "name in the report")
	fs.StringVar(&t.Clean, "clean", "", "folder to move aside before each run (deleted after the last)")
	fs.BoolVar(&t.Warm, "warm", false, "keep the output and run once untimed first")
	if err := fs.Parse(args); err != nil {
		return t, fmt.Errorf("tool %d: %w", i+1, err)
	}
	t.Argv = fs.Args()
	if len(t.Argv) == 0 {
		return t, fmt.Errorf("tool %d: no command", i+1)
	}
	if t.Label == "" {
		t.Label = t.Argv[0]
	}
	if t.Warm && t.Clean != "" {
		return t, fmt.Errorf("tool %d (%s): -warm and -clean exclude each other", i+1, t.Label)
	}
	if t.Clean != "" && strings.Trim(t.Clean, "/.") == "" {
		return t, fmt.Errorf("tool %d (%s): refusing to remove %q", i+1, t.Label, t.Clean)
	}
	return t, nil
}
