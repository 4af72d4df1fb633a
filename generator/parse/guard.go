package parse

import (
	"bytes"
	"strings"

	"github.com/attache/attache/generator/diag"
)

// Limits on what an article may contain. goldmark and BurntSushi/toml, both
// fixed dependencies, take time that grows with the square of some shapes of
// input (10,000 nested TOML arrays took 56 s; 20,000 "[a](" in one
// paragraph, 9 s; a list nested 1,000 deep, 7 s), so their input is checked
// against these first. Real articles stay far below them; each is an error
// naming the file and the line where it is passed.
const (
	// DefaultMaxArticleBytes is the default size limit of one article file.
	DefaultMaxArticleBytes = 4 << 20
	// MaxFrontMatterBytes bounds the TOML front matter of one article.
	MaxFrontMatterBytes = 64 << 10
	// MaxFrontMatterDepth bounds the nesting of TOML arrays and inline
	// tables, and the number of parts of a dotted key or table name.
	MaxFrontMatterDepth = 16
	// MaxMarkdownDepth bounds the nesting of block quotes and lists.
	MaxMarkdownDepth = 32
	// MaxOpenBrackets bounds the "[" not yet closed in one paragraph.
	MaxOpenBrackets = 64
	// MaxLinkTargetsPerWord bounds the "](" in one run of characters without
	// white space: goldmark reads a link target from each to the next space.
	MaxLinkTargetsPerWord = 16
	// MaxEmphasisPerParagraph bounds the "*", "_" and "~" of one paragraph.
	MaxEmphasisPerParagraph = 2000
	// MaxMarksPerArticle bounds the markup of a whole article: "[", "*",
	// "_", "~", "<", "`" and table cells' "|" outside code, headings,
	// paragraphs, and the depth of every line in lists and block quotes. Each costs goldmark a node, a delimiter or a
	// visit; a briefing has a few hundred at most, and a megabyte of
	// nothing else took goldmark seconds even without any quadratic shape.
	MaxMarksPerArticle = 20000
	// MaxPagesPerArticle bounds an article's tags and its aliases: each
	// is a page of its own (a tag's list with its feeds, an alias's
	// redirect), and 8,000 tags in 63 KB of front matter wrote 40,000
	// files.
	MaxPagesPerArticle = 100
)

// checkTOML checks front matter (lines, the first being file line
// fmFirstLine) against MaxFrontMatterBytes and MaxFrontMatterDepth before
// the TOML decoder sees it. It follows TOML's strings and comments so that
// brackets and dots inside them do not count.
func checkTOML(name string, lines []string) error {
	size := 0
	for i, l := range lines {
		size += len(l) + 1
		if size > MaxFrontMatterBytes {
			return diag.Errorf(name, fmFirstLine+i, "front matter is over the limit of %s", byteSize(MaxFrontMatterBytes))
		}
	}
	depth, dots := 0, 0
	var quote string // the open string's delimiter, "" outside strings
	for i, l := range lines {
		line := fmFirstLine + i
		if quote == `"` || quote == `'` {
			quote = "" // single-line strings end with their line
		}
		for j := 0; j < len(l); j++ {
			c := l[j]
			if quote != "" {
				switch {
				case c == '\\' && quote[0] == '"':
					j++
				case strings.HasPrefix(l[j:], quote):
					j += len(quote) - 1
					quote = ""
				}
				continue
			}
			switch c {
			case '"', '\'':
				quote = string(c)
				if j+2 < len(l) && l[j+1] == c && l[j+2] == c {
					quote = l[j : j+3]
					j += 2
				}
			case '#':
				j = len(l)
			case '[', '{':
				depth++
				dots = 0
				if depth > MaxFrontMatterDepth {
					return diag.Errorf(name, line, "front matter: arrays and tables nested more than %d deep", MaxFrontMatterDepth)
				}
			case ']', '}':
				depth = max(depth-1, 0)
				dots = 0
			case '.':
				dots++
				if dots >= MaxFrontMatterDepth {
					return diag.Errorf(name, line, "front matter: a dotted key of more than %d parts", MaxFrontMatterDepth)
				}
			case '=', ',':
				dots = 0
			}
		}
		dots = 0
	}
	return nil
}

// checkMarkdown checks a Markdown body, whose first line is file line first,
// against the Markdown limits before goldmark sees it. Fenced code is
// skipped: goldmark does not parse inside it.
func checkMarkdown(name string, body []byte, first int) error {
	var (
		fence      []byte // the open code fence, nil outside code
		open, emph int    // per paragraph
		marks      int    // per article
		blank      = true // the line before was blank, or there was none
	)
	for n := 0; len(body) > 0; n++ {
		line, rest, _ := bytes.Cut(body, []byte("\n"))
		body = rest
		at := first + n
		trimmed := bytes.TrimLeft(line, " \t>")
		if fence != nil {
			if bytes.HasPrefix(trimmed, fence) {
				fence = nil
			}
			continue
		}
		// Only what goldmark takes for a fence skips the checks: at most
		// three columns of indentation, outside block quotes (a quote's
		// fence ends with the quote, so lines after it are not code), and
		// a backtick fence without backticks in its info string.
		if isFence(line) {
			fence = trimmed[:3]
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			open, emph = 0, 0
			blank = true
			continue
		}
		if blank {
			marks++ // a paragraph, or a block of another kind
			blank = false
		}
		d := blockDepth(line)
		if d > MaxMarkdownDepth {
			return diag.Errorf(name, at, "Markdown: block quotes and lists nested %d deep, over the limit of %d", d, MaxMarkdownDepth)
		}
		// goldmark visits every open container on each line.
		marks += d
		// Headings: goldmark gives each an id, checked against the ids so
		// far (a megabyte of "# h" lines took 1.6 s).
		if len(trimmed) > 0 && (trimmed[0] == '#' || trimmed[0] == '=') {
			marks++
		}
		targets := 0
		escaped := false
		for i, c := range line {
			// A backslash-escaped mark is text to goldmark, which opens
			// nothing for it (and the importer escapes every mark of a
			// feed's text).
			if escaped {
				escaped = false
				continue
			}
			if c == '\\' {
				escaped = i+1 < len(line) && isASCIIPunct(line[i+1])
				continue
			}
			switch c {
			case '[', '*', '_', '~', '<', '`', '|':
				marks++
			}
			switch c {
			case '[':
				open++
				if open > MaxOpenBrackets {
					return diag.Errorf(name, at, "Markdown: more than %d unclosed %q in one paragraph", MaxOpenBrackets, "[")
				}
			case ']':
				open = max(open-1, 0)
				if i+1 < len(line) && line[i+1] == '(' {
					targets++
					if targets > MaxLinkTargetsPerWord {
						return diag.Errorf(name, at, "Markdown: more than %d links %q in one word", MaxLinkTargetsPerWord, "](")
					}
				}
			case '*', '_', '~':
				emph++
				if emph > MaxEmphasisPerParagraph {
					return diag.Errorf(name, at, "Markdown: more than %d emphasis marks (*, _, ~) in one paragraph", MaxEmphasisPerParagraph)
				}
			case ' ', '\t':
				targets = 0
			}
		}
		if marks > MaxMarksPerArticle {
			return diag.Errorf(name, at, "Markdown: more than %d marks of markup ([, *, _, ~, <, `, |, headings, paragraphs, list and quote levels) in one article", MaxMarksPerArticle)
		}
	}
	return nil
}

// blockDepth estimates how deep line is nested in block quotes and lists:
// one level per ">" and list marker at its start, and one per two columns of
// indentation before a list marker, the indentation that nests a list.
func blockDepth(line []byte) int {
	depth, col := 0, 0
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ':
			col++
			i++
		case c == '\t':
			col += 4
			i++
		case c == '>':
			// A quote's marker and the one space after it start its
			// content afresh: spaces before it nest no list.
			depth++
			col = 0
			i++
			if i < len(line) && line[i] == ' ' {
				i++
			}
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			depth += 1 + col/2
			col = 0
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				depth += 1 + col/2
				col = 0
				i = j + 2
				continue
			}
			return depth
		default:
			return depth
		}
	}
	return depth
}

// isASCIIPunct reports whether c is ASCII punctuation, which a backslash
// escapes in Markdown.
func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// isFence reports whether line opens a fenced code block that stays open
// past the lines of any container: three or more backticks or tildes after
// at most three spaces, a backtick fence's info string free of backticks.
// Fences inside block quotes and list items are checked like other lines,
// which errs on the side of checking.
func isFence(line []byte) bool {
	indent := 0
	for indent < len(line) && line[indent] == ' ' {
		indent++
	}
	if indent > 3 {
		return false
	}
	rest := line[indent:]
	for _, f := range []string{"```", "~~~"} {
		if !bytes.HasPrefix(rest, []byte(f)) {
			continue
		}
		if f == "```" && bytes.IndexByte(bytes.TrimLeft(rest, "`"), '`') >= 0 {
			return false
		}
		return true
	}
	return false
}
