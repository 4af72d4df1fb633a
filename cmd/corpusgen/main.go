// Command corpusgen writes a synthetic corpus of foreign-affairs articles
// for benchmarking attache against Hugo.
//
//	go run ./cmd/corpusgen -n 10000 -out DIR [-format markdown|wire|mixed] [-seed 1] [-clean]
//
// It writes DIR/content/articles/YYYY/*.{md,txt}, DIR/config.toml for
// attache, and DIR/hugo.toml with DIR/layouts/ for Hugo. The corpus depends
// only on N, the seed and the format; article i is the same for every N.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

func main() {
	var (
		n     = flag.Int("n", 1000, "number of articles")
		out   = flag.String("out", "", "site folder to write (required)")
		fmtS  = flag.String("format", "markdown", "input format: markdown, wire or mixed")
		seed  = flag.Uint64("seed", 1, "random seed")
		clean = flag.Bool("clean", false, "remove an existing DIR/content first")
	)
	flag.Parse()
	if err := run(*out, *n, format(*fmtS), *seed, *clean); err != nil {
		fmt.Fprintln(os.Stderr, "corpusgen:", err)
		os.Exit(1)
	}
}

func run(out string, n int, f format, seed uint64, clean bool) error {
	switch {
	case out == "":
		return errors.New("-out is required")
	case n < 0:
		return errors.New("-n must not be negative")
	case f != formatMarkdown && f != formatWire && f != formatMixed:
		return fmt.Errorf("unknown format %q", f)
	}
	content := filepath.Join(out, "content")
	if _, err := os.Stat(content); err == nil {
		if !clean {
			return fmt.Errorf("%s exists; pass -clean to replace it", content)
		}
		if err := os.RemoveAll(content); err != nil {
			return err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := writeSite(out); err != nil {
		return err
	}
	return writeCorpus(content, n, f, seed)
}

// writeCorpus writes n articles under content/articles/YYYY/.
func writeCorpus(content string, n int, f format, seed uint64) error {
	slugs := make(map[string]bool, n)
	dirs := make(map[string]bool)
	for i := range n {
		s := newStory(seed, i, f)
		s.Slug = uniqueSlug(slugs, slugify(s.Title))
		data, ext := s.encode()
		dir := filepath.Join(content, "articles", strconv.Itoa(s.Published.Year()))
		if !dirs[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			dirs[dir] = true
		}
		if err := os.WriteFile(filepath.Join(dir, s.Slug+ext), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// uniqueSlug returns base, or base-2, base-3 ... if taken, and records it.
// It depends only on earlier articles, so article i's slug does not change
// with N.
func uniqueSlug(taken map[string]bool, base string) string {
	s := base
	for k := 2; taken[s]; k++ {
		s = base + "-" + strconv.Itoa(k)
	}
	taken[s] = true
	return s
}
