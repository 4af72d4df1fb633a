package main

import (
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/build"
	"github.com/attache/attache/generator/parse"
)

// TestReportLineMatchesWatch keeps reportLine in step with what attache
// watch prints for a rebuild: a line it cannot read would hang the bench.
func TestReportLineMatchesWatch(t *testing.T) {
	r := build.Report{Changed: []string{"content/zz-benchstory/story-0001.md"}, Written: 42, Removed: 1}
	r.Stats.Pages = 24160
	r.Stats.Elapsed = 560 * time.Millisecond
	line := "15:04:05 " + r.String()
	m := reportLine.FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("reportLine does not match %q", line)
	}
	if m[1] != "42" || m[2] != "1" || m[3] != "24160" || m[4] != "560" {
		t.Errorf("reportLine read %q from %q", m[1:], line)
	}
}

// TestStoryParses checks that the bench's story is an article attache
// reads, dated as asked.
func TestStoryParses(t *testing.T) {
	date := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	a, err := parse.New().Parse("content/zz-benchstory/story-0001.md", story(1, date))
	if err != nil {
		t.Fatal(err)
	}
	if !a.Date.Equal(date) || !strings.Contains(a.Title, "round 1") {
		t.Errorf("parsed %q dated %v", a.Title, a.Date)
	}
}
