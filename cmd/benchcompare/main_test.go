package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary stand in for a build command: with
// BENCHCOMPARE_ALLOC=N it touches N MiB, writes a file into the folder
// BENCHCOMPARE_OUT and counts its runs there.
func TestMain(m *testing.M) {
	if os.Getenv("BENCHCOMPARE_ALLOC") != "" {
		mib, _ := strconv.Atoi(os.Getenv("BENCHCOMPARE_ALLOC"))
		buf := make([]byte, mib<<20)
		for i := range buf {
			buf[i] = byte(i)
		}
		if out := os.Getenv("BENCHCOMPARE_OUT"); out != "" {
			os.MkdirAll(out, 0o755)
			f, _ := os.OpenFile(filepath.Join(out, "runs"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
			f.WriteString("x")
			f.Close()
		}
		runtime.KeepAlive(buf)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestMeasuresPeakRSSAndCleans(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	t.Setenv("BENCHCOMPARE_ALLOC", "96")
	t.Setenv("BENCHCOMPARE_OUT", out)
	self := os.Args[0]
	var stdout bytes.Buffer
	err := run(&stdout, io.Discard, 3, "tsv", "", []string{
		"-label", "big", "-clean", out, self,
	})
	if err != nil {
		t.Fatal(err)
	}
	fields := strings.Split(strings.TrimSpace(stdout.String()), "\t")
	if len(fields) != 5 || fields[0] != "big" || fields[1] != "3" {
		t.Fatalf("tsv line %q", stdout.String())
	}
	kib, _ := strconv.Atoi(fields[4])
	if kib < 96<<10 || kib > 400<<10 {
		t.Errorf("peak RSS %d KiB for a command touching 96 MiB", kib)
	}
	// Each run starts from an empty folder, so the count never exceeds one.
	if data, _ := os.ReadFile(filepath.Join(out, "runs")); string(data) != "x" {
		t.Errorf("after clean runs the folder holds %q, want one run's output", data)
	}
	// Earlier runs' folders were kept aside until the end, then deleted.
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".benchcompare-trash-*")); len(left) > 0 {
		t.Errorf("trash left behind: %q", left)
	}
}

func TestWarmKeepsOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	t.Setenv("BENCHCOMPARE_ALLOC", "1")
	t.Setenv("BENCHCOMPARE_OUT", out)
	if err := run(io.Discard, io.Discard, 2, "markdown", "", []string{"-warm", os.Args[0]}); err != nil {
		t.Fatal(err)
	}
	// One priming run plus two timed runs, none cleared.
	if data, _ := os.ReadFile(filepath.Join(out, "runs")); string(data) != "xxx" {
		t.Errorf("warm runs left %q, want three runs' output", data)
	}
}

func TestFailingCommandIsAnError(t *testing.T) {
	err := run(io.Discard, io.Discard, 1, "markdown", "", []string{"sh", "-c", "echo broken >&2; exit 3"})
	if err == nil || !strings.Contains(err.Error(), "broken") {
		t.Errorf("err = %v, want the command's standard error", err)
	}
}

func TestParseTools(t *testing.T) {
	tools, err := parseTools(strings.Fields("-label hugo -clean /tmp/h hugo --quiet --- -warm ./attache build -source x"))
	if err != nil {
		t.Fatal(err)
	}
	if len(tools) != 2 {
		t.Fatalf("got %d tools", len(tools))
	}
	if h := tools[0]; h.Label != "hugo" || h.Clean != "/tmp/h" || strings.Join(h.Argv, " ") != "hugo --quiet" {
		t.Errorf("first tool %+v", h)
	}
	if a := tools[1]; a.Label != "./attache" || !a.Warm || strings.Join(a.Argv, " ") != "./attache build -source x" {
		t.Errorf("second tool %+v", a)
	}
	for _, bad := range []string{"", "-label x", "-clean / rm", "-warm -clean /tmp/x cmd", "-nosuch cmd"} {
		if _, err := parseTools(strings.Fields(bad)); err == nil {
			t.Errorf("parseTools(%q) succeeded", bad)
		}
	}
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []time.Duration
		want time.Duration
	}{
		{[]time.Duration{3, 1, 2}, 2},
		{[]time.Duration{9, 1, 2, 4}, 3},
		{[]time.Duration{5}, 5},
	} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestMarkdownRatios(t *testing.T) {
	rs := []result{
		{Tool: tool{Label: "hugo"}, Samples: []sample{{Wall: 10 * time.Second}}, Wall: 10 * time.Second, MaxRSS: 1000 << 20},
		{Tool: tool{Label: "attache"}, Samples: []sample{{Wall: time.Second}}, Wall: time.Second, MaxRSS: 100 << 20},
	}
	var b bytes.Buffer
	writeMarkdown(&b, rs)
	if !strings.Contains(b.String(), "| attache | 1 | 1.00 s | 1.00–1.00 s | 0.00 s | 100 MB | 0.10 | 0.10 |") {
		t.Errorf("table:\n%s", b.String())
	}
}

// TestTrashIsKept checks that with -trash the folders moved aside stay
// there for the caller, who deletes them once no more runs follow.
func TestTrashIsKept(t *testing.T) {
	dir := t.TempDir()
	out, trash := filepath.Join(dir, "out"), filepath.Join(dir, "trash")
	t.Setenv("BENCHCOMPARE_ALLOC", "1")
	t.Setenv("BENCHCOMPARE_OUT", out)
	if err := run(io.Discard, io.Discard, 3, "tsv", trash, []string{"-clean", out, os.Args[0]}); err != nil {
		t.Fatal(err)
	}
	// Three runs: the second and third each moved the last one's aside.
	kept, _ := filepath.Glob(filepath.Join(trash, ".benchcompare-trash-*", "*", "runs"))
	if len(kept) != 2 {
		t.Errorf("trash holds %q, want the output of two runs", kept)
	}
}
