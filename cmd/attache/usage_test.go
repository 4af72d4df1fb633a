package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
)

// flagLine finds the flags PrintDefaults lists, which is every flag of the
// set: the help's own record of the real flags.
var flagLine = regexp.MustCompile(`(?m)^  -([A-Za-z0-9-]+)`)

// readmeCommands returns the rows of the README's Commands table, by
// command name.
func readmeCommands(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "| `attache "); ok {
			name, _, _ := strings.Cut(rest, " ")
			rows[strings.TrimSuffix(name, "`")] = line
		}
	}
	return rows
}

// TestHelpMatchesFlags runs every command registered in commands() with
// -h and checks that each of its flags is in its usage line, in `attache
// help COMMAND` and in the README's Commands table: help written by hand
// had drifted (digest -from, serve -nextport, check -drafts).
func TestHelpMatchesFlags(t *testing.T) {
	readme := readmeCommands(t)
	for _, c := range commands() {
		if c.run == nil {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), []string{c.name, "-h"}, &stdout, &stderr); code != exitOK {
				t.Fatalf("attache %s -h: exit %d\n%s", c.name, code, stderr.String())
			}
			help := stderr.String()
			var viaHelp bytes.Buffer
			run(context.Background(), []string{"help", c.name}, io.Discard, &viaHelp)
			if viaHelp.String() != help {
				t.Errorf("attache help %s differs from attache %s -h:\n%s\n---\n%s", c.name, c.name, viaHelp.String(), help)
			}
			usage, defaults, _ := strings.Cut(help, "\nFlags:\n")
			if !strings.HasPrefix(usage, "Usage: attache "+c.name) {
				t.Fatalf("help does not start with the usage line:\n%s", help)
			}
			row, ok := readme[c.name]
			if !ok {
				t.Errorf("README: no row for attache %s in the Commands table", c.name)
			}
			for _, m := range flagLine.FindAllStringSubmatch(defaults, -1) {
				flag := regexp.MustCompile(`\[-` + m[1] + `[ \]]`)
				if !flag.MatchString(usage) {
					t.Errorf("-%s is not in the usage line:\n%s", m[1], usage)
				}
				if ok && !flag.MatchString(strings.ReplaceAll(row, `\|`, "|")) {
					t.Errorf("README: -%s is not in the Commands row: %s", m[1], row)
				}
			}
		})
	}
}

// TestHelpSummaries checks the command list of `attache help`: every
// command, and check said to build where it does.
func TestHelpSummaries(t *testing.T) {
	var stdout bytes.Buffer
	if code := run(context.Background(), []string{"help"}, &stdout, io.Discard); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, c := range commands() {
		if !regexp.MustCompile(`(?m)^\t` + c.name + ` +\S`).MatchString(stdout.String()) {
			t.Errorf("attache help does not list %s:\n%s", c.name, stdout.String())
		}
	}
	check := regexp.MustCompile(`(?m)^\tcheck .*$`).FindString(stdout.String())
	if !strings.Contains(check, "temporary folder") || strings.Contains(check, "in memory") {
		t.Errorf("check's summary: %q, want it to say it builds in a temporary folder", check)
	}
}

func TestUsageLine(t *testing.T) {
	fs := flag.NewFlagSet("deploy", flag.ContinueOnError)
	fs.String("to", "", "upload to this `URL`")
	fs.Bool("dry-run", false, "say what would change")
	fs.Duration("timeout", 0, "give up after this long")
	tests := []struct{ operands, want string }{
		{"", "attache deploy [-dry-run] [-timeout duration] [-to URL]"},
		{"DIR", "attache deploy [-dry-run] [-timeout duration] [-to URL] DIR"},
		// A synopsis written by hand keeps only its operands.
		{"[-to URL] [-dry-run] DIR", "attache deploy [-dry-run] [-timeout duration] [-to URL] DIR"},
		{"[-to URL [-x]] [FILE...]", "attache deploy [-dry-run] [-timeout duration] [-to URL] [FILE...]"},
	}
	for _, tt := range tests {
		if got := synopsis(fs, tt.operands); got != tt.want {
			t.Errorf("synopsis(%q) = %q, want %q", tt.operands, got, tt.want)
		}
	}
}

func TestUsageWraps(t *testing.T) {
	fs := flag.NewFlagSet("digest", flag.ContinueOnError)
	for _, name := range []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india"} {
		fs.String(name, "", "a `VALUE`")
	}
	var b bytes.Buffer
	fs.SetOutput(&b)
	printUsage(&b, fs, "FILE...")
	usage, _, _ := strings.Cut(b.String(), "\n\n")
	lines := strings.Split(usage, "\n")
	if len(lines) < 2 {
		t.Fatalf("a long usage line was not wrapped:\n%s", usage)
	}
	for i, l := range lines {
		if len(l) > usageWidth {
			t.Errorf("line %d is %d bytes: %q", i+1, len(l), l)
		}
		if i > 0 && !strings.HasPrefix(l, "       [") && !strings.HasPrefix(l, "       FILE") {
			t.Errorf("line %d is not indented under the command: %q", i+1, l)
		}
		if strings.Count(l, "[") != strings.Count(l, "]") {
			t.Errorf("line %d splits a flag from its value: %q", i+1, l)
		}
	}
}
