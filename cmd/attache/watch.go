package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/attache/attache/generator/build"
	"github.com/attache/attache/generator/buildcache"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/output"
	"github.com/attache/attache/generator/pipeline"
	"github.com/attache/attache/generator/watch"
)

func runWatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o pipeline.Options
	fs := newFlags("watch", "", stderr)
	siteFlags(fs, &o)
	fs.StringVar(&o.Destination, "destination", "", "output `DIR` (default: the config's publishDir, public/)")
	fs.BoolVar(&o.Force, "force", false, "replace the destination even if it holds files attache did not write")
	poll := fs.Duration("poll", 0, "poll for changes every `DURATION` (e.g. 1s) instead of using file-system notification")
	nocache := fs.Bool("nocache", os.Getenv("ATTACHE_NOCACHE") != "", "build everything afresh at the start, without reading or writing the build cache (also $ATTACHE_NOCACHE)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of watch, until it stops, to `FILE`, for go tool pprof (rebuilds are labelled build=rebuild)")
	traceFile := fs.String("trace", "", "write an execution trace of watch, until it stops, its builds' stages marked as regions, to `FILE`, for go tool trace")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !*nocache {
		// Started from the build cache, the first build renders only
		// what changed since the last one; without a cache folder it is
		// slower, not wrong.
		o.CacheDir, _ = buildcache.DefaultDir()
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "attache watch: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	if err := checkDestination(o); err != nil {
		return err
	}
	stop, err := startProfiles(profiles{cpu: *cpuProfile, trace: *traceFile}, o)
	if err != nil {
		return err
	}
	err = preview(ctx, o, *poll, stdout, stderr, nil)
	if perr := stop(); err == nil {
		err = perr
	}
	return err
}

// preview builds the site, then rebuilds it on every change under the
// source folder until ctx is done, printing one line per rebuild. notify,
// if set, hears the outcome of every build that did something.
func preview(ctx context.Context, o pipeline.Options, poll time.Duration, stdout, stderr io.Writer, notify func(error)) error {
	// The first build, which may take a while, shows its progress on a
	// terminal; rebuilds, which print a line each, do not.
	o.Progress = newProgress(stderr)
	defer o.Progress.Done()
	logger := newWarningLogger(o.Progress.Writer(stderr))
	o.Logger = logger
	if o.Source == "" {
		o.Source = "."
	}
	b := build.NewBuilder(o)
	if o.CacheDir != "" {
		b = build.NewCachedBuilder(o)
		defer b.Close()
	}
	saver := newIdleSaver(b, saveIdle)
	saver.collectAfter(collectIdle, func() { collectGarbage() })
	defer saver.Flush()
	report := func(r build.Report, err error) {
		if err == nil && r.Idle {
			return
		}
		stamp := time.Now().Format("15:04:05")
		if err != nil {
			fmt.Fprintf(stderr, "%s rebuild failed: %v\n", stamp, err)
		} else {
			fmt.Fprintf(stdout, "%s %s\n", stamp, r)
		}
		if notify != nil {
			notify(err)
		}
	}
	// The watch begins before the first build, so that an edit saved while
	// it runs (seconds, on a large site) is not lost: the batches it sees
	// wait for the first build, then rebuild. The whole source folder is
	// watched so that a content folder or theme configured anew is seen
	// too; the builder ignores the rest. A content folder kept elsewhere
	// is watched as well.
	wctx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	ready, first := make(chan struct{}), make(chan struct{})
	w := watch.New(pipeline.WatchRoots(o.Source), watch.WithExclude(destination(o, b)), watch.WithPoll(poll), watch.WithLogger(logger),
		watch.WithReady(func() { close(ready) }))
	watched := make(chan error, 1)
	go func() {
		watched <- w.Run(wctx, func(changes []string) {
			select {
			case <-first:
			case <-wctx.Done():
				return
			}
			if ctx.Err() == nil {
				saver.Hold()
				var r build.Report
				var err error
				// Labelled, so that a profile can leave out the first build:
				// go tool pprof -tagfocus=build=rebuild.
				pprof.Do(ctx, pprof.Labels("build", "rebuild"), func(ctx context.Context) { r, err = b.Update(ctx, changes) })
				saver.Release()
				report(r, err)
				// A link made in content/ or templates/ may lead
				// outside the source folder.
				w.Watch(pipeline.WatchRoots(o.Source)...)
			}
		})
	}()
	select {
	case <-ready:
	case err := <-watched:
		return err
	}
	saver.Hold()
	r, err := b.Update(ctx, nil)
	saver.Release()
	o.Progress.Done()
	if err != nil && !errors.Is(err, pipeline.ErrContent) {
		stopWatch()
		<-watched
		if ctx.Err() != nil {
			return nil // stopped (Ctrl-C) during the first build
		}
		return err // the machine's fault, such as an unwritable output folder
	}
	report(r, err)
	// Announced once the first build is done; edits made since the watch
	// began, before the line, are rebuilt next.
	fmt.Fprintf(stdout, "watching %s for changes; press Ctrl-C to stop\n", o.Source)
	close(first)
	return <-watched
}

// checkDestination refuses, before anything starts, an output folder given
// by -destination that every build would refuse (the source folder, the
// home folder, the root, a folder of someone's files): watch would
// otherwise fail every rebuild, and serve would serve the folder's files.
// The configuration's publishDir is left to the builds, which say why
// once it is fixed.
func checkDestination(o pipeline.Options) error {
	if o.Destination == "" {
		return nil
	}
	d := output.Destination{Dir: o.Destination, Source: o.Source, Force: o.Force}
	if full, err := pipeline.DestinationOf(o); err == nil {
		d = full
	}
	if err := d.Check(); err != nil {
		return pipeline.ContentError(err)
	}
	return nil
}

// destination is the output folder, which must never be watched, even
// when the first build failed before the builder knew it.
func destination(o pipeline.Options, b *build.Builder) string {
	if d := b.Destination(); d != "" {
		return d
	}
	if o.Destination != "" {
		return o.Destination
	}
	dir := "public"
	// A broken or missing config leaves the default as the best guess.
	if cfg, err := config.Load(filepath.Join(o.Source, pipeline.ConfigFile)); err == nil {
		dir = cfg.PublishDir
	}
	return pipeline.InSite(o.Source, dir)
}
