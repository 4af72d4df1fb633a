package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/attache/attache/generator/build"
	"github.com/attache/attache/generator/buildcache"
	"github.com/attache/attache/generator/pipeline"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o pipeline.Options
	fs := newFlags("build", "", stderr)
	siteFlags(fs, &o)
	fs.StringVar(&o.Destination, "destination", "", "output `DIR` (default: the config's publishDir, public/)")
	fs.BoolVar(&o.Force, "force", false, "replace the destination even if it holds files attache did not write")
	fs.Var(baseURLFlag{&o.BaseURL}, "baseURL", "override the config's baseURL with this `URL`")
	nocache := fs.Bool("nocache", os.Getenv("ATTACHE_NOCACHE") != "", "build everything afresh, without reading or writing the build cache (also $ATTACHE_NOCACHE)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `FILE`, for go tool pprof")
	memProfile := fs.String("memprofile", "", "write a heap profile taken at the end of the build to `FILE`")
	traceFile := fs.String("trace", "", "write an execution trace of the build, its stages marked as regions, to `FILE`, for go tool trace")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "attache build: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	// Warnings go through the progress line, which they clear.
	o.Progress = newProgress(stderr)
	o.Logger = newWarningLogger(o.Progress.Writer(stderr))
	if !*nocache {
		// Without a cache folder the build is slower, not wrong.
		o.CacheDir, _ = buildcache.DefaultDir()
	}
	o.ContentSize = limitMemory
	warnBaseURL(o, stderr)
	stop, err := startProfiles(profiles{cpu: *cpuProfile, mem: *memProfile, trace: *traceFile}, o)
	if err != nil {
		return err
	}
	stats, err := build.Run(ctx, o)
	o.Progress.Done()
	if perr := stop(); err == nil {
		err = perr
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, stats)
	return nil
}
