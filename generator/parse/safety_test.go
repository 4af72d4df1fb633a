package parse

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/attache/attache/generator/diag"

	"github.com/attache/attache/internal/cputime"
)

func utf16(t *testing.T, bigEndian bool, s string) []byte {
	t.Helper()
	order := unicode.LittleEndian
	if bigEndian {
		order = unicode.BigEndian
	}
	b, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func cp1252(t *testing.T, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// encoded is s in enc.
func encoded(t *testing.T, enc *charmap.Charmap, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// newsItem is a NewsML-G2 item declaring encoding, with headline and a
// paragraph of it.
func newsItem(encoding, headline string) string {
	return `<?xml version="1.0" encoding="` + encoding + `"?>` + "\n" +
		`<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x" version="1"><itemMeta><itemClass qcode="ninat:text"/>` +
		`<versionCreated>2024-05-02T10:00:00Z</versionCreated></itemMeta><contentMeta><headline>` + headline + `</headline></contentMeta>` +
		`<contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body><p>` + headline + `.</p></body></html></inlineXML></contentSet></newsItem>`
}

const wireText = "date 2024-07-26 Élysée talks: “progress” on Côte d'Ivoire\n\nPARIS, July 26 (AFP) -- Ministers met.\n"

// TestEncodings: what a file's bytes become, and what the user is told.
func TestEncodings(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		src       []byte
		title     string // "" when parsing must fail
		warning   string // in the one warning expected, "" for none
		warnLine  int
		errSubstr string
	}{
		{name: "utf-8", file: "a.txt", src: []byte(wireText), title: "Élysée talks: “progress” on Côte d'Ivoire"},
		{name: "utf-8 with BOM", file: "a.txt", src: append([]byte("\uFEFF"), wireText...), title: "Élysée talks: “progress” on Côte d'Ivoire"},
		{name: "utf-16le wire", file: "a.txt", src: utf16(t, false, wireText), title: "Élysée talks: “progress” on Côte d'Ivoire"},
		{name: "utf-16be wire", file: "a.txt", src: utf16(t, true, wireText), title: "Élysée talks: “progress” on Côte d'Ivoire"},
		{name: "utf-16le markdown", file: "a.md", src: utf16(t, false, "+++\ntitle = \"Zürich\"\ndate = 2024-07-26\n+++\nBody.\n"), title: "Zürich"},
		{name: "windows-1252 wire", file: "a.txt", src: cp1252(t, wireText), title: "Élysée talks: “progress” on Côte d'Ivoire", warning: "decoded as Windows-1252", warnLine: 1},
		{name: "latin-1 wire", file: "a.txt", src: []byte("date 2024-07-26 S\xe3o Tom\xe9 vote\n\nBody here.\n"), title: "São Tomé vote", warning: "decoded as Windows-1252", warnLine: 1},
		{name: "utf-8 with stray bytes", file: "a.txt", src: []byte("date 2024-07-26 Élysée\n\nBad \xff\xfe byte, then é and ü.\n"), title: "Élysée", warning: "replaced with U+FFFD", warnLine: 3},
		{name: "control characters", file: "a.txt", src: []byte("date 2024-07-26 Wire \x01\x02 title\n\nBody.\n"), title: "Wire  title", warning: "removed 2 control characters", warnLine: 1},
		{name: "binary", file: "a.txt", src: []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00"), errSubstr: "binary file"},
		{name: "binary without NUL", file: "a.md", src: bytes.Repeat([]byte{0x01, 0x8f, 0x13, 0xd2, 0x07, 0x45, 0x1e, 0x99}, 64), errSubstr: "binary file"},
		{name: "utf-16 without BOM", file: "a.txt", src: utf16(t, false, wireText)[2:], errSubstr: "UTF-16 without a byte order mark"},
		{name: "xml declared windows-1251", file: "a.xml", src: encoded(t, charmap.Windows1251, newsItem("windows-1251", "Лавров провёл переговоры в Москве")), title: "Лавров провёл переговоры в Москве"},
		{name: "xml declared koi8-r", file: "a.xml", src: encoded(t, charmap.KOI8R, newsItem("KOI8-R", "Переговоры в Киеве")), title: "Переговоры в Киеве"},
		{name: "xml declared iso-8859-2", file: "a.xml", src: encoded(t, charmap.ISO8859_2, newsItem("ISO-8859-2", "Rozmowy w Łodzi")), title: "Rozmowy w Łodzi"},
		{name: "xml declaring an unknown encoding", file: "a.xml", src: cp1252(t, newsItem("x-unknown", "Café talks")), title: "Café talks", warning: "decoded as Windows-1252", warnLine: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New().Parse(tt.file, tt.src)
			if tt.errSubstr != "" {
				var de *diag.Error
				if err == nil || !strings.Contains(err.Error(), tt.errSubstr) || !errors.As(err, &de) || de.File != tt.file {
					t.Fatalf("err = %v, want a located error with %q", err, tt.errSubstr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.title {
				t.Errorf("Title = %q, want %q", a.Title, tt.title)
			}
			if !utf8.ValidString(bodyText(a)) || hasControls([]byte(bodyText(a))) {
				t.Errorf("Body is not clean text: %q", bodyText(a))
			}
			if tt.warning == "" {
				if len(a.Warnings) != 0 {
					t.Errorf("unexpected warnings %v", a.Warnings)
				}
				return
			}
			if len(a.Warnings) != 1 || !strings.Contains(a.Warnings[0].Message, tt.warning) || a.Warnings[0].File != tt.file || a.Warnings[0].Line != tt.warnLine {
				t.Errorf("warnings = %v, want one at %s:%d with %q", a.Warnings, tt.file, tt.warnLine, tt.warning)
			}
		})
	}
}

func TestControlWarningsPerLine(t *testing.T) {
	src := "date 2024-07-26 T\n\n"
	for range 15 {
		src += "a line of text with a bell\x07 in it\n"
	}
	a, err := New().Parse("a.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Warnings) != maxControlWarnings+1 || a.Warnings[0].Line != 3 || a.Warnings[1].Line != 4 {
		t.Fatalf("warnings = %v", a.Warnings)
	}
	if last := a.Warnings[maxControlWarnings].Message; !strings.Contains(last, "5 more lines") {
		t.Errorf("last warning %q does not count the rest", last)
	}
	if got := a.Warnings[0].Error(); got != "a.txt:3: warning: removed 1 control character" {
		t.Errorf("warning text = %q", got)
	}
}

// TestEscapedControls: TOML escapes and HTML character references produce
// characters the file did not hold; they are removed too.
func TestEscapedControls(t *testing.T) {
	a, err := New().Parse("a.md", []byte("+++\ntitle = \"A\\u0001B\"\ndate = 2024-07-26\nnote = \"x\\u001by\"\n+++\nC&#1;D &#x85; E\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "AB" || a.Params["note"] != "xy" {
		t.Errorf("Title = %q, note = %q", a.Title, a.Params["note"])
	}
	if hasControls([]byte(bodyText(a))) || hasControls([]byte(a.Lede)) {
		t.Errorf("Body = %q, Lede = %q", bodyText(a), a.Lede)
	}
}

// timeLimit is how much CPU time rejecting or building one crafted file
// may take.
func timeLimit() time.Duration {
	if raceEnabled {
		return 10 * time.Second
	}
	return time.Second
}

// TestLimits: crafted files that stalled the build are rejected quickly,
// with the file and line; files just under the limits build quickly.
func TestLimits(t *testing.T) {
	nestedList := func(depth, total int) string {
		var b strings.Builder
		for b.Len() < total {
			for i := range depth {
				b.WriteString(strings.Repeat("  ", i) + "- x\n")
			}
			b.WriteString("\n")
		}
		return b.String()
	}
	// paragraphs repeats para up to just under the article's markup limit,
	// or to a megabyte.
	paragraphs := func(para string, total int) string {
		n := total / (len(para) + 2)
		// Each paragraph is a mark too.
		marks := 1 + strings.Count(para, "[") + strings.Count(para, "*")
		n = min(n, (MaxMarksPerArticle-1)/marks)
		return strings.Repeat(para+"\n\n", n)
	}
	tests := []struct {
		name, src string
		err       string // "" when it must parse
		line      int
	}{
		{name: "toml nested 10,000 deep", src: "+++\ntitle = \"T\"\na = " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n+++\n", err: "nested more than 16 deep", line: 3},
		{name: "toml inline tables", src: "+++\ntitle = \"T\"\na = " + strings.Repeat("{b=", 100) + "1" + strings.Repeat("}", 100) + "\n+++\n", err: "nested more than 16 deep", line: 3},
		{name: "toml dotted key 10,000 deep", src: "+++\ntitle = \"T\"\n" + strings.Repeat("a.", 10000) + "b = 1\n+++\n", err: "dotted key", line: 3},
		{name: "toml table 10,000 deep", src: "+++\ntitle = \"T\"\n[" + strings.Repeat("a.", 10000) + "b]\n+++\n", err: "dotted key", line: 3},
		{name: "toml brackets in strings", src: "+++\ntitle = \"[[[[[[[[[[[[[[[[[[[[.....................\"\ndate = 2024-07-26\nx = '''\n" + strings.Repeat("[", 100) + "\n'''\n+++\nBody.\n"},
		{name: "tags", src: "+++\ntitle = \"T\"\ntags = [" + strings.Repeat(`"t",`, MaxPagesPerArticle+1) + "]\n+++\n", err: "front matter: tags are 101, over the limit of 100 per article", line: 3},
		{name: "aliases", src: "+++\ntitle = \"T\"\ndate = 2024-07-26\naliases = [" + strings.Repeat(`"/a/",`, MaxPagesPerArticle+1) + "]\n+++\n", err: "front matter: aliases are 101, over the limit", line: 4},
		{name: "tags under the limit", src: "+++\ntitle = \"T\"\ndate = 2024-07-26\ntags = [" + strings.Repeat(`"t",`, MaxPagesPerArticle) + "]\n+++\n"},
		{name: "front matter size", src: "+++\ntitle = \"T\"\n" + strings.Repeat("# comment\n", 10000) + "+++\n", err: "front matter is over the limit", line: 6555},
		{name: "link targets", src: fm + strings.Repeat("[a](", 100000), err: "links \"](\" in one word", line: 5},
		{name: "link targets under the limit", src: fm + paragraphs(strings.Repeat("[a](", 16)+"x", 1<<20)},
		{name: "open brackets", src: fm + "text\n" + strings.Repeat("[", 50000) + "x" + strings.Repeat("]", 50000), err: "unclosed \"[\"", line: 6},
		{name: "open brackets under the limit", src: fm + paragraphs(strings.Repeat("[", 64)+"x"+strings.Repeat("]", 64), 1<<20)},
		{name: "emphasis", src: fm + strings.Repeat("*a", 500000), err: "emphasis marks", line: 5},
		{name: "escaped emphasis marks are text", src: fm + strings.Repeat("ENTITY\\_n ", 5000)},
		{name: "emphasis under the limit", src: fm + paragraphs(strings.Repeat("*a", 2000), 1<<20)},
		{name: "nested list 4 MB", src: fm + nestedList(2000, 1), err: "nested 33 deep", line: 37},
		{name: "nested lists over the marks", src: fm + nestedList(32, 1<<20), err: "marks of markup", line: 1254},
		{name: "nested lists under the limits", src: fm + nestedList(32, 35000)},
		{name: "quotes and a list 23 deep", src: fm + strings.Repeat("> ", 22) + "- point\n"},
		{name: "quotes and a list 33 deep", src: fm + strings.Repeat("> ", 32) + "- point\n", err: "nested 33 deep", line: 5},
		{name: "block quotes", src: fm + strings.Repeat(">", 100) + " x\n", err: "nested 100 deep", line: 5},
		{name: "marks over the article limit", src: fm + strings.Repeat("[link](http://example.org/) and *more* words\n\n", MaxMarksPerArticle/4+1), err: "marks of markup", line: 5 + 2*(MaxMarksPerArticle/4)},
		{name: "a megabyte of headings", src: fm + strings.Repeat("# h\n", 1<<18), err: "marks of markup", line: 4 + MaxMarksPerArticle},
		{name: "headings under the limit", src: fm + strings.Repeat("# h\n", MaxMarksPerArticle-2)},
		{name: "a table of 12,000 columns", src: fm + "|" + strings.Repeat("a|", 12000) + "\n|" + strings.Repeat("-|", 12000) + "\n", err: "marks of markup", line: 6},
		{name: "a megabyte of paragraphs", src: fm + strings.Repeat("a\n\n", 300000), err: "marks of markup", line: 5 + 2*MaxMarksPerArticle},
		{name: "a table under the limit", src: fm + "|" + strings.Repeat("a|", 10) + "\n|" + strings.Repeat("-|", 10) + "\n" + strings.Repeat("|"+strings.Repeat("b|", 10)+"\n", 1500)},
		{name: "fenced code is not counted", src: fm + "```\n" + strings.Repeat("[", 1000) + strings.Repeat("  ", 100) + "- x\n```\n"},
		{name: "a fence indented three spaces is code", src: fm + "   ~~~\n" + strings.Repeat("[a](", 1000) + "\n   ~~~\n"},
		// What goldmark does not take for a fence opens none for the checks.
		{name: "a fence in a block quote", src: fm + "> ```\n\n" + strings.Repeat("[a](", 100000), err: "links \"](\" in one word", line: 7},
		{name: "a fence indented four spaces", src: fm + "text\n    ```\n" + strings.Repeat("[a](", 100000), err: "links \"](\" in one word", line: 7},
		{name: "a backtick in a fence's info string", src: fm + "```a`b\n" + strings.Repeat("[a](", 100000), err: "links \"](\" in one word", line: 6},
		{name: "article over the size limit", src: fm + strings.Repeat("word ", 1<<20), err: "over the limit of 4.0 MB per article", line: 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := cputime.Used()
			_, err := New().Parse("big.md", []byte(tt.src))
			if took := cputime.Used() - start; took > timeLimit() {
				t.Errorf("took %v of CPU on %d bytes", took, len(tt.src))
			}
			if tt.err == "" {
				if err != nil {
					t.Fatalf("rejected: %v", err)
				}
				return
			}
			var de *diag.Error
			if err == nil || !strings.Contains(err.Error(), tt.err) || !errors.As(err, &de) || de.File != "big.md" || de.Line != tt.line {
				t.Fatalf("err = %v, want big.md:%d: …%s…", err, tt.line, tt.err)
			}
		})
	}
}

func TestMaxArticleBytes(t *testing.T) {
	src := []byte("date 2024-07-26 T\n\nline two\nline three\n")
	if _, err := New(WithMaxArticleBytes(len(src))).Parse("a.txt", src); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
	_, err := New(WithMaxArticleBytes(25)).Parse("a.txt", src)
	if err == nil || err.Error() != "a.txt:3: article is 39 bytes, over the limit of 25 bytes per article (limits.articleBytes in config.toml); the limit is passed on this line" {
		t.Fatalf("err = %v", err)
	}
}

func TestFrontMatterTypos(t *testing.T) {
	clock := WithClock(func() time.Time { return time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC) })
	tests := []struct {
		name, src string
		strict    bool
		warnings  []string // Error() of each warning
		err       string
	}{
		{name: "draft typo", src: "+++\ntitle = \"T\"\ndate = 2024-07-26\ndarft = true\n+++\n",
			warnings: []string{`a.md:4: warning: front matter: unknown key "darft" (did you mean "draft"?); kept for templates as .Params.darft`}},
		{name: "countries typo", src: "+++\ntitle = \"T\"\ndate = 2024-07-26\ncountires = [\"FR\"]\n+++\n",
			warnings: []string{`a.md:4: warning: front matter: unknown key "countires" (did you mean "countries"?); kept for templates as .Params.countires`}},
		{name: "own key", src: "+++\ntitle = \"T\"\ndate = 2024-07-26\ndesk = \"Asia\"\n+++\n",
			warnings: []string{`a.md:4: warning: front matter: unknown key "desk"; kept for templates as .Params.desk`}},
		{name: "params table", src: "+++\ntitle = \"T\"\ndate = 2024-07-26\n[params]\ndesk = \"Asia\"\n+++\n"},
		{name: "stray key beside params", src: "+++\ntitle = \"T\"\ndate = 2024-07-26\ndarft = true\n[params]\ndesk = \"Asia\"\n+++\n",
			err: `a.md:4: front matter: unknown key "darft" (did you mean "draft"?); this file keeps its own keys under [params]`},
		{name: "strict", src: "+++\ntitle = \"T\"\ndate = 2024-07-26\ndarft = true\n+++\n", strict: true,
			err: `a.md:4: front matter: unknown key "darft" (did you mean "draft"?); kept for templates as .Params.darft`},
		{name: "year zero", src: "+++\ntitle = \"T\"\ndate = 0000-01-01\n+++\n",
			err: "a.md:3: date 0000-01-01T00:00:00Z is out of range: the year must be from 1 to 9999, as written and in UTC"},
		{name: "year one", src: "+++\ntitle = \"T\"\ndate = 0001-06-01\n+++\n",
			warnings: []string{"a.md:3: warning: date 0001-06-01 is before 1900 or after next year: a typo?"}},
		{name: "year typo", src: "+++\ntitle = \"T\"\ndate = 0224-08-05\n+++\n",
			warnings: []string{"a.md:3: warning: date 0224-08-05 is before 1900 or after next year: a typo?"}},
		{name: "far future", src: "+++\ntitle = \"T\"\ndate = 2042-08-05\n+++\n",
			warnings: []string{"a.md:3: warning: date 2042-08-05 is before 1900 or after next year: a typo?"}},
		{name: "next year is fine", src: "+++\ntitle = \"T\"\ndate = 2027-08-05\n+++\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New(clock, WithStrict(tt.strict)).Parse("a.md", []byte(tt.src))
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("err = %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range a.Warnings {
				got = append(got, w.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.warnings, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.warnings, "\n"))
			}
		})
	}
	a, err := New().Parse("a.md", []byte("+++\ntitle = \"T\"\ndate = 2024-07-26\ndarft = true\n[params]\nx = 1\n+++\n"))
	if err == nil {
		t.Fatalf("a draft typo beside [params] built: %+v", a)
	}
	a, err = New().Parse("a.md", []byte("+++\ntitle = \"T\"\ndate = 2024-07-26\n[params]\ndesk = \"Asia\"\n+++\n"))
	if err != nil || a.Params["desk"] != "Asia" {
		t.Errorf("[params] keys do not reach .Params: %v %v", a.Params, err)
	}
}

func TestWireDateWarning(t *testing.T) {
	a, err := New().Parse("a.txt", []byte("\ndate 0224-08-05 Typo year\n\nBody.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Warnings) != 1 || a.Warnings[0].Line != 2 {
		t.Errorf("warnings = %v", a.Warnings)
	}
}

// TestUnsafeLinks: unsafeHTML lets HTML through but still empties
// javascript:, vbscript: and data: targets; only WithUnsafeLinks keeps them.
func TestUnsafeLinks(t *testing.T) {
	for _, target := range []string{"javascript:alert(1)", "JavaScript:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd"} {
		body := "[link](" + target + ") ![img](" + target + ") <" + target + ">\n"
		for _, opts := range [][]Option{nil, {WithUnsafeHTML(true)}, {WithUnsafeLinks(true)}} {
			got := mustParse(t, New(opts...), "a.md", fm+body)
			if strings.Contains(strings.ToLower(got), `="`+strings.ToLower(target)) {
				t.Errorf("%d options: %s kept in %s", len(opts), target, got)
			}
		}
		got := mustParse(t, New(WithUnsafeHTML(true), WithUnsafeLinks(true)), "a.md", fm+body)
		if !strings.Contains(got, `href="`+target) {
			t.Errorf("both options: %s emptied in %s", target, got)
		}
	}
	// Safe targets are untouched.
	got := mustParse(t, New(WithUnsafeHTML(true)), "a.md", fm+"[a](https://example.org/) ![b](data:image/png;base64,AAAA) <https://example.org/x>\n")
	for _, want := range []string{`href="https://example.org/"`, `src="data:image/png;base64,AAAA"`, `href="https://example.org/x"`} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %s: %s", want, got)
		}
	}
}

// FuzzDecode: whatever the bytes, decoding gives valid UTF-8 without control
// characters, or a located error.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("date 2024-07-26 \xc9lys\xe9e\n"))
	f.Add([]byte("\xff\xfe\x00d\x00a"))
	f.Add([]byte("\xfe\xff\x00d"))
	f.Add([]byte("a\x01\x02\xc2\x85b"))
	f.Add([]byte("\xef\xbb\xbf\x00"))
	f.Fuzz(func(t *testing.T, src []byte) {
		out, warns, err := decode("f.txt", src)
		if err != nil {
			var de *diag.Error
			if !errors.As(err, &de) || de.File != "f.txt" {
				t.Fatalf("error %v is not located", err)
			}
			return
		}
		if !utf8.Valid(out) || hasControls(out) {
			t.Fatalf("decode(%q) = %q", src, out)
		}
		for _, w := range warns {
			if w.File != "f.txt" {
				t.Fatalf("warning %v does not name the file", w)
			}
		}
	})
}

// FuzzGuards: the guards never panic, and what they accept goes through
// the TOML decoder and goldmark.
func FuzzGuards(f *testing.F) {
	f.Add("a = [[1]]\nb.c = 2", "- x\n  - y\n\n[a](b) *c*")
	f.Add(`s = "[[[\"" # [[[`, "```\n[[[\n```")
	f.Add("'''\n[\n'''", "> > 1. x")
	f.Fuzz(func(t *testing.T, toml, md string) {
		if checkTOML("f.md", strings.Split(toml, "\n")) != nil {
			return
		}
		if checkMarkdown("f.md", []byte(md), 1) != nil {
			return
		}
		src := "+++\ntitle = \"T\"\ndate = 2024-07-26\n" + toml + "\n+++\n" + md
		start := cputime.Used()
		_, _ = New().Parse("f.md", []byte(src))
		if took := cputime.Used() - start; took > timeLimit() {
			t.Fatalf("took %v", took)
		}
	})
}

// TestAgencyFieldsWithoutControls: every text an agency's item holds —
// byline, sub-headline, subjects, places, copyright — loses the control
// characters its JSON escapes or XML references produce, as the title
// and body do.
func TestAgencyFieldsWithoutControls(t *testing.T) {
	files := map[string]string{
		"a.json": `{"uri":"urn:x:1","type":"text","versionCreated":"2024-05-01T10:00:00Z","headlines":[{"role":"main","value":"Kenya talks"},{"role":"sub","value":"Sub\u0001head"}],"by":"Jo\u0001hn \u0007Doe","located":"NAI\u0002ROBI","copyrightnotice":"\u0003 Agency","bodies":[{"contentType":"text/plain","value":"Kenya and Ethiopia met."}],"subjects":[{"name":"pol\u0004itics","uri":"http://cv.iptc.org/newscodes/mediatopic/11000000"}]}`,
		"b.xml": `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:2" version="1"><itemMeta><itemClass qcode="ninat:text"/><versionCreated>2024-05-02T10:00:00Z</versionCreated></itemMeta>` +
			`<contentMeta><headline>Ethiopia talks</headline><headline role="sub">Sub&#x85;head&#x7f;</headline><by>Jo&#x7f;hn &#x9f;Doe</by><slugline>ETH&#x7f;IOPIA</slugline>` +
			`<subject qcode="medtop:11000000"><name>pol&#x7f;itics</name></subject></contentMeta>` +
			`<contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Ethiopia and Kenya met.</p></body></html></inlineXML></contentSet></newsItem>`,
	}
	for name, src := range files {
		arts, err := New().ParseAll(name, []byte(src))
		if err != nil || len(arts) != 1 {
			t.Fatalf("%s: %d articles, %v", name, len(arts), err)
		}
		a := arts[0]
		var fields []string
		fields = append(fields, a.Title, a.Subheadline, a.Byline, a.Slugline, a.Copyright)
		fields = append(fields, a.Places...)
		for _, s := range a.Subjects {
			fields = append(fields, s.Label, s.Code)
		}
		for _, f := range fields {
			if hasControls([]byte(f)) {
				t.Errorf("%s: %q holds a control character", name, f)
			}
		}
		// U+0085, a line break, reads as a space.
		if a.Byline != "John Doe" || a.Subheadline != "Subhead" && a.Subheadline != "Sub head" {
			t.Errorf("%s: byline %q, sub-headline %q", name, a.Byline, a.Subheadline)
		}
	}
}
