package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"time"
)

// tool is one command to measure.
type tool struct {
	Label string
	Clean string // removed before each run, unless empty
	Warm  bool
	Argv  []string
}

// sample is one run of a tool.
type sample struct {
	Wall   time.Duration
	CPU    time.Duration // user + system
	MaxRSS int64         // bytes
}

// result is a tool's samples and their medians.
type result struct {
	Tool    tool
	Samples []sample
	Wall    time.Duration // median
	CPU     time.Duration // median
	MaxRSS  int64         // median, bytes
}

// measure runs every tool runs times, interleaved, and returns one result
// per tool in the order given.
// Folders moved aside go into trashDir, which is left for the caller to
// empty, or else into a folder beside each that is deleted at the end.
func measure(tools []tool, runs int, trashDir string, progress io.Writer) (_ []result, err error) {
	trash := trashCan{parent: trashDir, keep: trashDir != ""}
	defer func() {
		if terr := trash.empty(); err == nil && terr != nil {
			err = terr
		}
	}()
	results := make([]result, len(tools))
	for i, t := range tools {
		results[i].Tool = t
		if t.Warm {
			fmt.Fprintf(progress, "%s: priming run\n", t.Label)
			if _, err := runOnce(t, &trash); err != nil {
				return nil, err
			}
		}
	}
	for r := range runs {
		for i, t := range tools {
			s, err := runOnce(t, &trash)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(progress, "%s: run %d/%d: %.2fs, %.0f MB\n", t.Label, r+1, runs, s.Wall.Seconds(), float64(s.MaxRSS)/(1<<20))
			results[i].Samples = append(results[i].Samples, s)
		}
	}
	for i := range results {
		results[i].summarise()
	}
	return results, nil
}

// runOnce clears the tool's output folder and runs it. Its standard error
// is kept to explain a failure.
func runOnce(t tool, trash *trashCan) (sample, error) {
	if t.Clean != "" {
		if err := trash.discard(t.Clean); err != nil {
			return sample{}, fmt.Errorf("%s: %w", t.Label, err)
		}
	}
	// The previous run's output is still being written back to disk;
	// flushed now, it does not slow this run down.
	syscall.Sync()
	cmd := exec.Command(t.Argv[0], t.Argv[1:]...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		msg := stderr.Bytes()
		if len(msg) > 2000 {
			msg = msg[len(msg)-2000:]
		}
		return sample{}, fmt.Errorf("%s: %w\n%s", t.Label, err, msg)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return sample{}, fmt.Errorf("%s: no rusage on this system", t.Label)
	}
	return sample{
		Wall: wall,
		CPU:  cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(),
		// Linux reports ru_maxrss in kilobytes.
		MaxRSS: ru.Maxrss * 1024,
	}, nil
}

func (r *result) summarise() {
	walls := make([]time.Duration, len(r.Samples))
	cpus := make([]time.Duration, len(r.Samples))
	rss := make([]int64, len(r.Samples))
	for i, s := range r.Samples {
		walls[i], cpus[i], rss[i] = s.Wall, s.CPU, s.MaxRSS
	}
	r.Wall, r.CPU, r.MaxRSS = median(walls), median(cpus), median(rss)
}

// median returns the middle value, or the mean of the two middle values.
func median[T time.Duration | int64](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// trashCan holds the output folders of earlier runs until all runs are
// done. Deleting them between runs would make the runs measure the
// deletions: on an ext4 file system without a journal, such as this
// project's build machine, the kernel will not reuse an inode for a minute
// or more after it was freed and scans past every such inode on each file
// it creates (recently_deleted in fs/ext4/ialloc.c). A build after a
// deleted build then spends most of its time in the kernel, growing with
// every run; perf showed find_inode_bit and recently_deleted taking 35% of
// a writer's samples.
type trashCan struct {
	// parent, if set, is where dir is made, instead of beside the first
	// folder discarded; with keep, empty leaves dir in place.
	parent string
	keep   bool
	dir    string
	n      int
}

// discard moves the folder out of the way, if it exists.
func (c *trashCan) discard(folder string) error {
	if _, err := os.Lstat(folder); os.IsNotExist(err) {
		return nil
	}
	if c.dir == "" {
		parent := c.parent
		if parent == "" {
			parent = filepath.Dir(filepath.Clean(folder))
		} else if err := os.MkdirAll(parent, 0o755); err != nil {
			return err
		}
		dir, err := os.MkdirTemp(parent, ".benchcompare-trash-")
		if err != nil {
			return err
		}
		c.dir = dir
	}
	c.n++
	return os.Rename(folder, filepath.Join(c.dir, fmt.Sprint(c.n)))
}

// empty deletes what was discarded, unless it is to be kept.
func (c *trashCan) empty() error {
	if c.dir == "" || c.keep {
		return nil
	}
	return os.RemoveAll(c.dir)
}
