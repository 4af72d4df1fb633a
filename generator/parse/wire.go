package parse

import (
	"html/template"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/diag"
)

var (
	// dateLineRe matches "date 2024-07-26 Title", also "Date" and "date:".
	// The date is loose here so that a malformed one is reported rather
	// than taken for the title.
	dateLineRe = regexp.MustCompile(`^(?i:date)(?::\s*|\s+)(\d+-\d+-\d+)(?:\s+(.*))?$`)
	// sourceLineRe matches "Xinhua) 14:04, July 26, 2024"; real copy loses the
	// opening parenthesis, so it is optional.
	sourceLineRe = regexp.MustCompile(`^\(?([^():]{1,60})\)\s*(.*)$`)
	// footerRe matches "(Web editor: Zhang Kaiwei, Zhong Wenxing)".
	footerRe = regexp.MustCompile(`^\(\s*(?i:(?:web\s+)?editors?)\s*:\s*(.*?)\s*\)$`)
	// editorSepRe splits a footer's names.
	editorSepRe = regexp.MustCompile(`\s*(?:[,;、/&]|\band\b)\s*`)
)

// parseWire parses wire copy: an optional "date YYYY-MM-DD" line carrying
// the title, an optional source line, paragraphs and an optional editors'
// footer.
func parseWire(name string, src []byte) (*article.Article, error) {
	lines := strings.Split(string(normalize(src)), "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	i := nextNonBlank(lines, 0)
	if i < 0 {
		return nil, diag.Errorf(name, 1, "empty article")
	}
	a := &article.Article{File: name, Format: article.Wire}

	hasDate := false
	if agency, when, ok := sourceLine(lines[i]); ok && isTime(when) {
		// No title line: the copy starts with its source line, and the
		// title comes from the lede once the dateline is split off.
		a.Source, a.PublishedText = agency, when
		a.Published, _ = parsePublished(when)
		a.TitleDerived = true
	} else if m := dateLineRe.FindStringSubmatch(lines[i]); m != nil {
		d, err := time.Parse("2006-1-2", m[1])
		// 0001-01-01 is time.Time's zero, which everywhere else means "no date".
		if err != nil || d.IsZero() {
			return nil, diag.Errorf(name, i+1, "invalid date %q: want YYYY-MM-DD", m[1])
		}
		a.Date, hasDate = d, true
		a.Title = strings.TrimSpace(m[2])
		if a.Title == "" {
			return nil, diag.Errorf(name, i+1, "missing title after the date")
		}
	} else {
		a.Title = lines[i]
	}
	i++

	if j := nextNonBlank(lines, i); j >= 0 && !a.TitleDerived {
		if agency, when, ok := sourceLine(lines[j]); ok {
			a.Source, a.PublishedText = agency, when
			a.Published, _ = parsePublished(when)
			i = j + 1
		}
	}

	body := lines[i:]
	if k := lastNonBlank(body); k >= 0 {
		if m := footerRe.FindStringSubmatch(body[k]); m != nil {
			a.Editors = splitEditors(m[1])
			body = body[:k]
		}
	}
	a.Paragraphs = paragraphs(body)

	if !hasDate {
		switch d, ok := dateFromName(name); {
		case !a.Published.IsZero():
			a.Date = day(a.Published)
		case ok:
			a.Date = d
		default:
			return nil, diag.Errorf(name, 1, "no date: start with a line \"date YYYY-MM-DD title\", give a source line with the time, or prefix the file name with YYYY-MM-DD")
		}
	}

	var html strings.Builder
	for n, p := range a.Paragraphs {
		html.WriteString("<p>")
		if n == 0 {
			if d, ok := parseDateline(p); ok {
				a.Dateline = d.Place
				if a.Source == "" {
					a.Source = d.Agency
				}
				a.Lede = d.Rest
				html.WriteString(`<span class="dateline">`)
				html.WriteString(template.HTMLEscapeString(d.Text))
				html.WriteString("</span> ")
				p = d.Rest
			} else {
				a.Lede = p
			}
		}
		html.WriteString(template.HTMLEscapeString(p))
		html.WriteString("</p>\n")
	}
	a.Body = article.NewBody(template.HTML(html.String()))
	if a.TitleDerived {
		if a.Title = firstSentence(a.Lede); a.Title == "" {
			return nil, diag.Errorf(name, 1, "no title: the copy starts with its source line and has no lede to take a title from")
		}
	}
	if len(a.Paragraphs) > 1 {
		a.Text = strings.Join(a.Paragraphs[1:], "\n\n")
	}
	return a, nil
}

// sourceLine recognises a source line such as "Xinhua) 14:04, July 26, 2024"
// and returns the agency and the time as written. The time part must be
// empty or short and hold a digit, so that a paragraph that happens to end a
// parenthesis early is not taken for a source line.
func sourceLine(line string) (agency, when string, ok bool) {
	if footerRe.MatchString(line) {
		return "", "", false
	}
	m := sourceLineRe.FindStringSubmatch(line)
	if m == nil {
		return "", "", false
	}
	agency, when = strings.TrimSpace(m[1]), strings.TrimSpace(m[2])
	if agency == "" || len(strings.Fields(agency)) > 5 || !strings.ContainsFunc(agency, unicode.IsLetter) {
		return "", "", false
	}
	if when != "" && (len(when) > 60 || !strings.ContainsFunc(when, unicode.IsDigit)) {
		return "", "", false
	}
	return agency, when, true
}

// isTime reports whether the time part of a source line parses, so that
// a first line is taken for a source line only when it plainly is one.
func isTime(when string) bool {
	_, ok := parsePublished(when)
	return ok
}

// maxDerivedTitle bounds a title taken from a lede, in bytes.
const maxDerivedTitle = 140

// firstSentence returns the first sentence of a lede, for a title: up to
// the first full stop, question or exclamation mark that ends a word of two
// or more lower-case letters or digits (so "U.S." and "Mr." do not end
// it) and is followed by a space, cut at a word before maxDerivedTitle.
func firstSentence(lede string) string {
	s := lede
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '!' && c != '?' || i+1 < len(s) && s[i+1] != ' ' {
			continue
		}
		word := s[strings.LastIndexByte(s[:i], ' ')+1 : i]
		if c == '.' && (len(word) < 2 || abbreviations[strings.ToLower(word)] || !endsLower(word)) {
			continue
		}
		s = s[:i]
		break
	}
	s = strings.TrimSpace(s)
	if len(s) > maxDerivedTitle {
		cut := strings.LastIndexByte(s[:maxDerivedTitle], ' ')
		if cut <= 0 {
			cut = maxDerivedTitle
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
		}
		s = strings.TrimRight(s[:cut], " ,;:") + "…"
	}
	return s
}

// endsLower reports whether the word ends in a lower-case letter or digit.
func endsLower(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return unicode.IsLower(r) || unicode.IsDigit(r)
}

// abbreviations end with a full stop inside a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gen": true, "sen": true, "rep": true, "gov": true,
	"lt": true, "col": true, "capt": true, "sgt": true, "jan": true, "feb": true, "aug": true, "sept": true,
	"sep": true, "oct": true, "nov": true, "dec": true, "no": true, "inc": true, "co": true, "corp": true,
	"ltd": true, "vs": true, "jr": true, "sr": true, "prof": true, "approx": true, "est": true, "vol": true,
}

// paragraphs groups trimmed lines into paragraphs. Copy with blank lines
// separates paragraphs by them and joins wrapped lines with a space; copy
// without any blank line has one paragraph per line.
func paragraphs(lines []string) []string {
	first, last := nextNonBlank(lines, 0), lastNonBlank(lines)
	if first < 0 {
		return nil
	}
	lines = lines[first : last+1]
	blank := false
	for _, l := range lines {
		if l == "" {
			blank = true
			break
		}
	}
	var out []string
	if !blank {
		return append(out, lines...)
	}
	var cur []string
	for _, l := range lines {
		if l == "" {
			if len(cur) > 0 {
				out = append(out, strings.Join(cur, " "))
				cur = cur[:0]
			}
			continue
		}
		cur = append(cur, l)
	}
	if len(cur) > 0 {
		out = append(out, strings.Join(cur, " "))
	}
	return out
}

func splitEditors(s string) []string {
	var names []string
	for _, n := range editorSepRe.Split(s, -1) {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	return names
}

func nextNonBlank(lines []string, from int) int {
	for i := from; i < len(lines); i++ {
		if lines[i] != "" {
			return i
		}
	}
	return -1
}

func lastNonBlank(lines []string) int {
	for i := len(lines) - 1; i >= 0; i-- {
		if lines[i] != "" {
			return i
		}
	}
	return -1
}
