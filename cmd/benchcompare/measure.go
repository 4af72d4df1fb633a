package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
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
func measure(tools []tool, runs int, progress io.Writer) ([]result, error) {
	results := make([]result, len(tools))
	for i, t := range tools {
		results[i].Tool = t
		if t.Warm {
			fmt.Fprintf(progress, "%s: priming run\n", t.Label)
			if _, err := runOnce(t); err != nil {
				return nil, err
			}
		}
	}
	for r := range runs {
		for i, t := range tools {
			s, err := runOnce(t)
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
func runOnce(t tool) (sample, error) {
	if t.Clean != "" {
		if err := os.RemoveAll(t.Clean); err != nil {
			return sample{}, fmt.Errorf("%s: %w", t.Label, err)
		}
	}
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
