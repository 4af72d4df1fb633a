// Command benchstory measures what the operation that matters most costs: a
// new story arriving on a site that is already built. It runs the real
// attache binary on a site (one written by cmd/corpusgen), with its build
// cache in a folder of its own:
//
//   - a priming `attache build`, which writes the whole output and cache;
//   - `attache watch` started from that cache, timed to its "watching"
//     line; it adds stories one at a time (the newest, about three
//     countries and two organisations), a few seconds apart as on a desk,
//     so that watch saves its cache between them, then deletes one and
//     re-dates one, and reports for each the time from writing the file
//     to watch's report that the output is up to date, and the files
//     written; and watch's peak RSS;
//   - then a cached `attache build` after one new story, and one with
//     nothing changed, with wall time and peak RSS.
//
// It prints a Markdown table. The stories are removed at the end.
//
//	benchstory -attache /tmp/attache -site /tmp/c100k [-stories 10] [-gap 3s]
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	bin := flag.String("attache", "attache", "the attache `binary` to measure")
	siteDir := flag.String("site", "", "the site `DIR` (required), e.g. one written by cmd/corpusgen")
	stories := flag.Int("stories", 10, "new stories to add under watch")
	gap := flag.Duration("gap", 3*time.Second, "time between one story's rebuild and the next story")
	flag.Parse()
	if *siteDir == "" || *stories < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(context.Background(), os.Stdout, os.Stderr, *bin, *siteDir, *stories, *gap); err != nil {
		fmt.Fprintln(os.Stderr, "benchstory:", err)
		os.Exit(1)
	}
}

// rebuild is one measured rebuild.
type rebuild struct {
	elapsed time.Duration
	written int
}

// reportLine matches watch's line for a rebuild: "15:04:05 WHAT: N written,
// M removed of P files in X ms".
var reportLine = regexp.MustCompile(`: (\d+) written, (\d+) removed of (\d+) files in (\d+) ms$`)

func run(ctx context.Context, stdout, log io.Writer, bin, siteDir string, n int, gap time.Duration) error {
	dir := filepath.Join(siteDir, "content", "zz-benchstory")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	out, err := os.MkdirTemp("", "benchstory-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(out)
	dest := filepath.Join(out, "public")
	cacheDir := filepath.Join(out, "cache")
	build := func() (time.Duration, int64, error) {
		return runTimed(ctx, cacheDir, bin, "build", "-source", siteDir, "-destination", dest)
	}
	fmt.Fprintln(log, "priming build")
	primed, rssPrimed, err := build()
	if err != nil {
		return fmt.Errorf("priming build: %w", err)
	}

	w, err := startWatch(ctx, cacheDir, bin, siteDir, dest, log)
	if err != nil {
		return err
	}
	defer w.stop()
	base := time.Now().UTC().Truncate(time.Minute).Add(-time.Duration(n+2) * time.Minute)
	var added []rebuild
	for i := range n {
		c, err := w.apply(gap, func() error {
			return os.WriteFile(storyFile(dir, i), story(i, base.Add(time.Duration(i)*time.Minute)), 0o644)
		})
		if err != nil {
			return fmt.Errorf("story %d: %w", i, err)
		}
		fmt.Fprintf(log, "new story %d: %v, %d files written\n", i, c.elapsed.Round(time.Millisecond), c.written)
		added = append(added, c)
	}
	deleted, err := w.apply(gap, func() error { return os.Remove(storyFile(dir, n/2)) })
	if err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	redated, err := w.apply(gap, func() error {
		return os.WriteFile(storyFile(dir, n-1), story(n-1, base.AddDate(-1, 0, 0)), 0o644)
	})
	if err != nil {
		return fmt.Errorf("re-date: %w", err)
	}
	rssWatch := w.stop()

	// A cached one-shot build after one new story, then with nothing
	// changed.
	if err := os.WriteFile(storyFile(dir, n), story(n, base.Add(time.Duration(n+1)*time.Minute)), 0o644); err != nil {
		return err
	}
	oneNew, rssNew, err := build()
	if err != nil {
		return err
	}
	unchanged, rssSame, err := build()
	if err != nil {
		return err
	}

	times := make([]time.Duration, len(added))
	files := make([]int, len(added))
	for i, c := range added {
		times[i], files[i] = c.elapsed, c.written
	}
	slices.Sort(times)
	slices.Sort(files)
	ms := func(d time.Duration) string { return fmt.Sprintf("%d ms", d.Milliseconds()) }
	mb := func(kb int64) string { return fmt.Sprintf("%d MB", kb/1024) }
	fmt.Fprintf(stdout, "| %s, %d new stories | median | worst |\n|---|---|---|\n", siteDir, n)
	fmt.Fprintf(stdout, "| priming `attache build` (the whole output and cache) | %s, %s peak RSS | |\n", ms(primed), mb(rssPrimed))
	fmt.Fprintf(stdout, "| `attache watch` started from the cache → watching | %s | |\n", ms(w.started))
	fmt.Fprintf(stdout, "| watch: new story, file saved → output up to date | %s | %s |\n", ms(times[len(times)/2]), ms(times[len(times)-1]))
	fmt.Fprintf(stdout, "| watch: files written per new story | %d | %d |\n", files[len(files)/2], files[len(files)-1])
	fmt.Fprintf(stdout, "| watch: story deleted | %s (%d files) | |\n", ms(deleted.elapsed), deleted.written)
	fmt.Fprintf(stdout, "| watch: story re-dated a year back | %s (%d files) | |\n", ms(redated.elapsed), redated.written)
	fmt.Fprintf(stdout, "| watch: peak RSS | %s | |\n", mb(rssWatch))
	fmt.Fprintf(stdout, "| cached `attache build` after one new story | %s, %s peak RSS | |\n", ms(oneNew), mb(rssNew))
	fmt.Fprintf(stdout, "| cached `attache build`, nothing changed | %s, %s peak RSS | |\n", ms(unchanged), mb(rssSame))
	return nil
}

func storyFile(dir string, i int) string {
	return filepath.Join(dir, fmt.Sprintf("story-%04d.md", i))
}

// story is a new briefing about three countries and two organisations.
func story(i int, date time.Time) []byte {
	return fmt.Appendf(nil, "+++\ntitle = \"Ministers meet for round %d of regional talks\"\ndate = %s\n+++\n\n"+
		"Foreign ministers of China, Russia and Laos met on Monday under ASEAN auspices, with observers from the "+
		"Shanghai Cooperation Organisation. China and Russia said round %d went well; Laos said ASEAN would host "+
		"the next one.\n", i, date.Format(time.RFC3339), i)
}

// watcher is a running `attache watch`.
type watcher struct {
	cmd   *exec.Cmd
	lines chan string
	log   io.Writer
	// started is the time from its start to its "watching" line.
	started time.Duration
}

func startWatch(ctx context.Context, cacheDir, bin, siteDir, dest string, log io.Writer) (*watcher, error) {
	cmd := exec.CommandContext(ctx, bin, "watch", "-source", siteDir, "-destination", dest)
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+cacheDir)
	cmd.Stderr = log
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	w := &watcher{cmd: cmd, lines: make(chan string, 16), log: log}
	go func() {
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			w.lines <- sc.Text()
		}
		close(w.lines)
	}()
	fmt.Fprintln(log, "attache watch: first build")
	for line := range w.lines {
		fmt.Fprintln(log, line)
		if strings.HasPrefix(line, "watching ") {
			w.started = time.Since(start)
			return w, nil
		}
	}
	w.stop()
	return nil, errors.New("attache watch stopped before watching")
}

// apply makes a change and waits for watch's report of the rebuild, then
// lets gap pass, so that the next change is a batch of its own.
func (w *watcher) apply(gap time.Duration, change func() error) (rebuild, error) {
	start := time.Now()
	if err := change(); err != nil {
		return rebuild{}, err
	}
	timeout := time.After(10 * time.Minute)
	for {
		select {
		case line, ok := <-w.lines:
			if !ok {
				return rebuild{}, errors.New("attache watch stopped")
			}
			m := reportLine.FindStringSubmatch(line)
			if m == nil {
				fmt.Fprintln(w.log, line)
				continue
			}
			elapsed := time.Since(start)
			written, _ := strconv.Atoi(m[1])
			time.Sleep(gap)
			return rebuild{elapsed: elapsed, written: written}, nil
		case <-timeout:
			return rebuild{}, errors.New("no rebuild within 10 minutes")
		}
	}
}

// stop stops watch, which saves its cache as it stops, and returns its
// peak RSS in kilobytes.
func (w *watcher) stop() int64 {
	if w.cmd.Process != nil && w.cmd.ProcessState == nil {
		w.cmd.Process.Signal(os.Interrupt)
		w.cmd.Wait()
	}
	if w.cmd.ProcessState == nil {
		return 0
	}
	if ru, ok := w.cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss
	}
	return 0
}

// runTimed runs the attache binary with its cache under cacheDir and returns
// its wall time and peak RSS in kilobytes.
func runTimed(ctx context.Context, cacheDir, bin string, args ...string) (time.Duration, int64, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+cacheDir)
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, 0, fmt.Errorf("attache %s: %w", strings.Join(args, " "), err)
	}
	elapsed := time.Since(start)
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	return elapsed, rss, nil
}
