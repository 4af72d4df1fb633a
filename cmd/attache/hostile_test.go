//go:build unix

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/attache/attache/internal/golden"

	"github.com/attache/attache/internal/cputime"
)

// The hostile site (testdata/hostile/site) carries markup in every field,
// paths that try to leave their folder and files in bad encodings; the test
// adds files with hostile names and crafted bombs that are too big to keep
// in the repository. SECURITY.md documents what happens to each; the golden
// files hold the exact warnings and errors.

// bombsUnder are crafted files just under attache's limits: the build takes
// them, quickly.
func bombsUnder() map[string][]byte {
	var list strings.Builder
	for range 20 {
		for i := range 32 {
			list.WriteString(strings.Repeat("  ", i) + "- item\n")
		}
		list.WriteString("\n")
	}
	md := func(title, body string) []byte {
		return []byte("+++\ntitle = \"" + title + "\"\ndate = 2024-07-10\n+++\n" + body)
	}
	return map[string][]byte{
		"content/2024-07-10-toml-15-deep.md": []byte("+++\ntitle = \"Deep TOML\"\ndate = 2024-07-10\nx = " +
			strings.Repeat("[", 15) + strings.Repeat("]", 15) + "\n+++\nBody.\n"),
		"content/2024-07-10-links.md":                    md("Many links", strings.Repeat(strings.Repeat("[a](", 16)+"x\n\n", 300)),
		"content/2024-07-10-lists.md":                    md("Nested lists", list.String()),
		"content/2024-07-10-emph.md":                     md("Emphasis", strings.Repeat(strings.Repeat("*a", 1000)+"\n\n", 8)),
		"content/2024-07-10-3-mb.txt":                    []byte("date 2024-07-10 Three megabytes of wire copy\n\n" + strings.Repeat("PARIS, July 10 (AFP) -- A long paragraph about France.\n\n", 3<<20/57)),
		`content/2024-07-11-"><svg onload=alert(30)>.md`: md("Hostile file name", "Body.\n"),
		"content/2024-07-11-<b>..md":                     md("Another hostile file name", "Body.\n"),
	}
}

// bombsOver are crafted files over the limits, each reproducing a report
// of issue 12, and files that are not text: each is an error.
func bombsOver() map[string][]byte {
	var list strings.Builder
	for i := 0; list.Len() < 4<<20-100_000; i++ {
		list.WriteString(strings.Repeat("  ", i%1400) + "- x\n")
	}
	fm := "+++\ntitle = \"Bomb\"\ndate = 2024-07-12\n"
	return map[string][]byte{
		"content/bomb-toml-nested.md": []byte(fm + "a = " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n+++\n"),
		"content/bomb-dotted-key.md":  []byte(fm + strings.Repeat("a.", 10000) + "b = 1\n+++\n"),
		"content/bomb-links.md":       []byte(fm + "+++\n" + strings.Repeat("[a](", 100000)),
		"content/bomb-nested-list.md": []byte(fm + "+++\n" + list.String()),
		"content/binary.txt":          {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0},
		"content/utf16-no-bom.txt":    []byte("d\x00a\x00t\x00e\x00 \x002\x000\x002\x004\x00-\x000\x007\x00-\x000\x001\x00 \x00X\x00\n\x00"),
	}
}

func copySite(t *testing.T, from, to string, extra ...map[string][]byte) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return writeFile(filepath.Join(to, rel), data)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, files := range extra {
		for name, data := range files {
			if err := writeFile(filepath.Join(to, filepath.FromSlash(name)), data); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func writeFile(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// dangerous lists markup that would run script or load something in a
// page, in lower case: it must never appear in HTML attache writes,
// whatever the input. (Plain searches: a case-insensitive regexp over every
// file took most of the test's time under the race detector.)
var dangerous = []string{
	"<script>alert", "<img src=x", "<svg onload", "<iframe", "<b onmouseover", "<b onclick",
	`="javascript:`, `="vbscript:`, `="data:text`, `=" javascript:`,
}

func findDangerous(s string) (string, int) {
	lower := strings.ToLower(s)
	for _, d := range dangerous {
		if i := strings.Index(lower, d); i >= 0 {
			return d, i
		}
	}
	return "", -1
}

// checkOutput fails t for any output file holding invalid UTF-8, control
// characters, or dangerous markup: in HTML as it is, in XML feeds also
// after one level of unescaping (Atom content is escaped HTML), and in
// every JSON string.
func checkOutput(t *testing.T, out string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		if !utf8.Valid(data) {
			t.Errorf("%s: invalid UTF-8", rel)
		}
		for i, b := range data {
			if b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f {
				t.Errorf("%s: control character %#x at byte %d", rel, b, i)
				break
			}
		}
		texts := []string{string(data)}
		switch filepath.Ext(p) {
		case ".xml":
			// HTML carried as escaped text: Atom's html content, and RSS
			// descriptions, which readers take for HTML.
			for _, m := range htmlInXML.FindAllStringSubmatch(string(data), -1) {
				texts = append(texts, html.UnescapeString(m[1]+m[2]))
			}
		case ".json":
			var v any
			if err := json.Unmarshal(data, &v); err != nil {
				t.Errorf("%s: %v", rel, err)
			}
			texts = append(texts, jsonHTML(v)...)
		}
		for _, s := range texts {
			if m, i := findDangerous(s); i >= 0 {
				t.Errorf("%s: unescaped %q in …%s…", rel, m, s[max(0, i-80):min(len(s), i+80)])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// htmlInXML finds the elements of feeds whose text is HTML.
var htmlInXML = regexp.MustCompile(`(?s)<content type="html">(.*?)</content>|<description>(.*?)</description>`)

// jsonHTML returns the HTML strings of a JSON feed: its content_html.
func jsonHTML(v any) []string {
	var out []string
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			out = append(out, jsonHTML(e)...)
		}
	case map[string]any:
		for k, e := range v {
			if s, ok := e.(string); ok && k == "content_html" {
				out = append(out, s)
			}
			out = append(out, jsonHTML(e)...)
		}
	}
	return out
}

func TestHostileSite(t *testing.T) {
	// run sets a soft memory limit from the site's size for the rest of
	// the process; the bombs are made before it, and the limit undone.
	t.Cleanup(func() { debug.SetMemoryLimit(math.MaxInt64) })
	over := bombsOver()
	start := cputime.Used()
	// Builds: markup everywhere, bad encodings, bombs under the limits.
	src := filepath.Join(t.TempDir(), "site")
	copySite(t, "testdata/hostile/site", src, bombsUnder())
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"build", "-source", src, "-destination", out, "-nocache"}, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr.String())
	}
	t.Logf("built in %v of CPU", cputime.Used()-start)
	if !regexp.MustCompile(`^built 15 articles, \d+ pages, \d+ countries, 0 organisations in \d+ ms\n$`).MatchString(stdout.String()) {
		t.Errorf("stdout = %q", stdout.String())
	}
	golden.Check(t, "hostile/builds.stderr", stderr.String())
	if n := checkOutput(t, out); n < 40 {
		t.Errorf("only %d files written", n)
	}
	// Nothing left the output folder: its parent holds it alone.
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("the output folder's parent holds %v", entries)
	}
	if _, err := os.Stat(filepath.Join(out, "articles/2024/07/tmp-attache-pwned/index.html")); err != nil {
		t.Errorf("the traversal slug did not become a plain one: %v", err)
	}

	// Fails: the same with bombs over the limits and files that are not
	// text; every one is reported, and the previous output stays.
	copySite(t, "testdata/hostile/site", src, over)
	// A 50 MB article: wire copy at the start, the rest a hole in the file,
	// which is quick to write and read and over the size limit all the same.
	if err := writeFile(filepath.Join(src, "content", "bomb-50-mb.txt"), []byte("date 2024-07-12 Fifty megabytes\n\nAll work and no play.\n")); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(filepath.Join(src, "content", "bomb-50-mb.txt"), 50<<20); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	stderr.Reset()
	code = run(context.Background(), []string{"build", "-source", src, "-destination", out, "-nocache"}, &stdout, &stderr)
	t.Logf("failed in %v of CPU in all", cputime.Used()-start)
	if code != exitContent {
		t.Fatalf("exit %d, want %d:\n%s", code, exitContent, stderr.String())
	}
	golden.Check(t, "hostile/fails.stderr", stderr.String())
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("a failed build removed the previous output: %v", err)
	}
	limit := 10 * time.Second
	if raceEnabled {
		limit *= 3 // the race detector slows goldmark about tenfold
	}
	// CPU time, not the wall clock: CI machines are shared.
	if took := cputime.Used() - start; took > limit {
		t.Errorf("took %v of CPU, want under %v", took, limit)
	}
}
