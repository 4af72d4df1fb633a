package main

import (
	"fmt"
	"io"
)

// writeMarkdown prints a table with one row per tool; the ratio columns
// compare each tool with the first.
func writeMarkdown(w io.Writer, rs []result) {
	base := rs[0]
	fmt.Fprintf(w, "| tool | runs | wall (median) | wall min–max | CPU | peak RSS | time ÷ %s | RSS ÷ %s |\n", base.Tool.Label, base.Tool.Label)
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range rs {
		lo, hi := r.Samples[0].Wall, r.Samples[0].Wall
		for _, s := range r.Samples {
			lo, hi = min(lo, s.Wall), max(hi, s.Wall)
		}
		label := r.Tool.Label
		if r.Tool.Warm {
			label += " (warm)"
		}
		fmt.Fprintf(w, "| %s | %d | %.2f s | %.2f–%.2f s | %.2f s | %.0f MB | %s | %s |\n",
			label, len(r.Samples), r.Wall.Seconds(), lo.Seconds(), hi.Seconds(), r.CPU.Seconds(),
			float64(r.MaxRSS)/(1<<20), ratio(float64(r.Wall), float64(base.Wall)), ratio(float64(r.MaxRSS), float64(base.MaxRSS)))
	}
}

// writeTSV prints one line per tool for scripts: label, runs, median wall
// seconds, median CPU seconds, median peak RSS in KiB.
func writeTSV(w io.Writer, rs []result) {
	for _, r := range rs {
		fmt.Fprintf(w, "%s\t%d\t%.3f\t%.3f\t%d\n", r.Tool.Label, len(r.Samples), r.Wall.Seconds(), r.CPU.Seconds(), r.MaxRSS/1024)
	}
}

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", a/b)
}
