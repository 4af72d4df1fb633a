package main

import (
	"bytes"
	"context"
	"flag"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestExitCodes(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // regexp
		stderr string // regexp
	}{
		{"no command", nil, exitUsage, "", "Usage"},
		{"unknown command", []string{"frobnicate"}, exitUsage, "", `unknown command "frobnicate"`},
		{"help", []string{"help"}, exitOK, "Commands:", ""},
		{"help build", []string{"help", "build"}, exitOK, "", `-destination`},
		{"bad flag", []string{"build", "-nope"}, exitUsage, "", "flag provided but not defined"},
		{"version with an argument", []string{"version", "extra"}, exitUsage, "", `unexpected argument "extra"`},
		{"a port that is none", []string{"serve", "-port", "99999"}, exitUsage, "", `-port 99999: want a port from 0 to 65535`},
		{"two profiles in one file", []string{"build", "-cpuprofile", "p.out", "-memprofile", "p.out"}, exitContent, "", `the cpu profile and the heap profile would both be written to p.out`},
		{"a file as the site", []string{"build", "-source", "main.go"}, exitContent, "", `source main.go: not a folder`},
		{"stray argument", []string{"build", "extra"}, exitUsage, "", `unexpected argument "extra"`},
		{"version", []string{"version"}, exitOK, `^attache `, ""},
		{"build", []string{"build", "-source", "../../generator/build/testdata/sites/basic", "-destination", out}, exitOK,
			`^built 5 articles, \d+ pages, 6 countries, 4 organisations in \d+ ms\n$`, ""},
		{"broken build", []string{"build", "-source", "../../generator/build/testdata/sites/broken", "-destination", out}, exitContent,
			"", `(?s)bad-toml.md:4:.*no-date.txt:1:.*no-title.md:`},
		// A bad flag is the flag's error, not config.toml's line.
		{"bad baseURL", []string{"build", "-source", "../../generator/build/testdata/sites/basic", "-destination", out, "-baseURL", "ftp://x"}, exitUsage, "",
			`invalid value "ftp://x" for flag -baseURL: "ftp://x": want an absolute http or https URL`},
		{"bad baseURL of check", []string{"check", "-baseURL", "example.org"}, exitUsage, "", `for flag -baseURL: "example.org": want`},
		{"bad baseURL of a digest", []string{"digest", "-baseURL", "https://x/?a=1"}, exitUsage, "", `for flag -baseURL: "https://x/\?a=1": no query or fragment allowed`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr.String())
			}
			if tt.stdout != "" && !regexp.MustCompile(tt.stdout).MatchString(stdout.String()) {
				t.Errorf("stdout %q does not match %q", stdout.String(), tt.stdout)
			}
			if tt.stderr != "" && !regexp.MustCompile(tt.stderr).MatchString(stderr.String()) {
				t.Errorf("stderr %q does not match %q", stderr.String(), tt.stderr)
			}
			if tt.code == exitOK && strings.Contains(stderr.String(), "attache:") {
				t.Errorf("error output on success: %s", stderr.String())
			}
		})
	}
}

// TestParseOperands: flags may come after a command's operands, as users
// type them (attache entities a.md b.md -json), and after "--" every
// argument is an operand.
func TestParseOperands(t *testing.T) {
	for _, tt := range []struct {
		args     []string
		operands string
		json     bool
		source   string
	}{
		{[]string{"a.md", "b.md"}, "a.md b.md", false, "."},
		{[]string{"-json", "a.md"}, "a.md", true, "."},
		{[]string{"a.md", "b.md", "-json"}, "a.md b.md", true, "."},
		{[]string{"a.md", "-source", "site", "b.md"}, "a.md b.md", false, "site"},
		{[]string{"a.md", "--", "-json"}, "a.md -json", false, "."},
	} {
		fs := flag.NewFlagSet("entities", flag.ContinueOnError)
		asJSON := fs.Bool("json", false, "")
		source := fs.String("source", ".", "")
		got, err := parseOperands(fs, tt.args)
		if err != nil || strings.Join(got, " ") != tt.operands || *asJSON != tt.json || *source != tt.source {
			t.Errorf("%q: operands %q, json %v, source %q, %v", tt.args, got, *asJSON, *source, err)
		}
	}
}
