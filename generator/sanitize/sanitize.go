// Package sanitize reduces HTML from outside sources, such as agency story
// bodies, to a safe subset, and extracts its text.
//
// Only an allowlist of text elements survives (paragraphs, headings, lists,
// tables, quotes, emphasis, links); every attribute is dropped but a link's
// http, https or mailto href and a table cell's spans. Scripts, styles,
// embedded objects, forms and the document head are dropped with their
// content; any other element is unwrapped, keeping its text. NITF's own
// elements (hl1, hl2, block, …) are mapped to their HTML equivalents. The
// output is well-formed: every element opened is closed.
package sanitize

import (
	"encoding/xml"
	"fmt"
	"html"
	"html/template"
	"io"
	"net/url"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"
)

// MaxDepth bounds the nesting of the output; deeper elements are unwrapped,
// so that hostile input cannot build a page browsers struggle with.
const MaxDepth = 64

// Result is sanitised HTML and its text.
type Result struct {
	// HTML is the safe fragment.
	HTML template.HTML
	// Blocks are the text of the block elements (paragraphs, headings, list
	// items, cells…), in order, white space collapsed, empty ones left out.
	Blocks []string
	// Paragraphs are the text of the <p> elements alone: the first one is a
	// story's lede.
	Paragraphs []string
}

// allowed maps the elements kept to the name written; NITF names map to
// HTML ones.
var allowed = map[string]string{
	"p": "p", "br": "br", "hr": "hr",
	"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h5", "h6": "h6",
	"hl1": "h2", "hl2": "h3",
	"blockquote": "blockquote", "bq": "blockquote", "pre": "pre",
	"ul": "ul", "ol": "ol", "li": "li", "dl": "dl", "dt": "dt", "dd": "dd",
	"em": "em", "strong": "strong", "b": "b", "i": "i", "u": "u", "s": "s",
	"sub": "sub", "sup": "sup", "small": "small", "mark": "mark",
	"q": "q", "cite": "cite", "abbr": "abbr", "code": "code", "kbd": "kbd",
	"a":     "a",
	"table": "table", "caption": "caption", "thead": "thead", "tbody": "tbody",
	"tfoot": "tfoot", "tr": "tr", "th": "th", "td": "td",
	"figcaption": "figcaption",
}

// dropped elements lose their content too: code, styling, embedded media,
// forms and metadata are no reader's text.
var dropped = map[string]bool{
	"script": true, "style": true, "head": true, "title": true, "template": true,
	"iframe": true, "frame": true, "frameset": true, "object": true, "embed": true,
	"applet": true, "noscript": true, "noembed": true, "noframes": true,
	"svg": true, "math": true, "form": true, "select": true, "textarea": true,
	"button": true, "input": true, "option": true, "canvas": true, "audio": true,
	"video": true, "picture": true, "source": true, "track": true, "img": true,
	"map": true, "xmp": true, "plaintext": true, "media": true, "meta": true,
	"link": true, "base": true, "param": true,
	// NITF: the head, editorial notes and metadata are not the story.
	"body.head": true, "body.end": true, "docdata": true, "note": true, "ed-msg": true,
}

var void = map[string]bool{"br": true, "hr": true}

// htmlVoid are HTML's elements without an end tag, which must not be
// waited for.
var htmlVoid = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true,
}

// blocks end a run of text for Result.Blocks.
var blocks = map[string]bool{
	"p": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "dt": true, "dd": true, "th": true, "td": true, "caption": true,
	"pre": true, "blockquote": true, "figcaption": true, "br": true, "hr": true,
}

// HTML sanitises the HTML fragment src.
func HTML(src string) Result {
	z := xhtml.NewTokenizer(strings.NewReader(src))
	var s state
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			// io.EOF, or nothing else a strings.Reader can give.
			s.closeAll()
			return s.result()
		case xhtml.TextToken:
			if s.skip == 0 {
				s.text(string(z.Text()))
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := strings.ToLower(string(name))
			var attrs [][2]string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs = append(attrs, [2]string{strings.ToLower(string(k)), string(v)})
			}
			s.start(tag, attrs, tt == xhtml.SelfClosingTagToken)
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			s.end(strings.ToLower(string(name)))
		}
		// Comments, doctypes and processing instructions are dropped.
	}
}

type open struct {
	src, out string // out is "" for an unwrapped element
}

type state struct {
	out   strings.Builder
	stack []open
	// skip counts the dropped elements we are inside.
	skip int
	// depth counts the elements written and still open, pre those of
	// them that are <pre>: text asks whether it is in one, and a walk of
	// the stack for every text would be quadratic in unclosed tags.
	depth  int
	pre    int
	cur    strings.Builder // text of the current block
	curP   bool            // the current block is a <p>
	blocks []string
	paras  []string
}

func (s *state) start(tag string, attrs [][2]string, selfClosing bool) {
	if htmlVoid[tag] {
		selfClosing = true
	}
	if s.skip > 0 {
		if dropped[tag] && !selfClosing {
			s.skip++
			s.stack = append(s.stack, open{src: tag})
		}
		return
	}
	if dropped[tag] {
		if !selfClosing {
			s.skip++
			s.stack = append(s.stack, open{src: tag})
		}
		return
	}
	out, ok := allowed[tag]
	if ok && s.depth >= MaxDepth && !void[out] {
		ok = false
	}
	if blocks[out] {
		s.flush()
	}
	if !ok {
		if !selfClosing {
			s.stack = append(s.stack, open{src: tag})
		}
		return
	}
	s.out.WriteByte('<')
	s.out.WriteString(out)
	s.attrs(out, attrs)
	s.out.WriteByte('>')
	if void[out] {
		return
	}
	if selfClosing {
		s.out.WriteString("</" + out + ">")
		return
	}
	s.stack = append(s.stack, open{src: tag, out: out})
	s.depth++
	if out == "pre" {
		s.pre++
	}
	if out == "p" {
		s.curP = true
	}
}

func (s *state) attrs(out string, attrs [][2]string) {
	for _, a := range attrs {
		switch {
		case out == "a" && a[0] == "href":
			if u, ok := safeURL(a[1]); ok {
				s.out.WriteString(` href="` + html.EscapeString(u) + `" rel="nofollow noopener"`)
			}
		case (out == "td" || out == "th") && (a[0] == "colspan" || a[0] == "rowspan"):
			if n, err := strconv.Atoi(strings.TrimSpace(a[1])); err == nil && n > 0 && n <= 100 {
				s.out.WriteString(" " + a[0] + `="` + strconv.Itoa(n) + `"`)
			}
		}
	}
}

// safeURL accepts absolute http, https and mailto URLs only: a relative
// link in an agency's copy points into the agency's site, not ours.
func safeURL(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return "", false
		}
	case "mailto":
	default:
		return "", false
	}
	return u.String(), true
}

// maxEndSearch bounds how far an end tag looks down the stack of open
// elements for its start tag.
const maxEndSearch = 64

func (s *state) end(tag string) {
	// Close up to the innermost open element of that name; an end tag
	// that matches nothing open is ignored. The search is bounded: a
	// stray end tag must not cost a walk of thousands of unclosed
	// elements each (quadratic on "<b>"*n + "</p>"*n).
	for i := len(s.stack) - 1; i >= max(0, len(s.stack)-maxEndSearch); i-- {
		if s.stack[i].src != tag {
			continue
		}
		for len(s.stack) > i {
			s.pop()
		}
		return
	}
}

func (s *state) pop() {
	o := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	if dropped[o.src] {
		s.skip--
		return
	}
	if blocks[o.out] || (o.out == "" && blockish(o.src)) {
		s.flush()
	}
	if o.out != "" {
		s.out.WriteString("</" + o.out + ">")
		s.depth--
	}
	if o.out == "pre" {
		s.pre--
	}
}

// blockish reports whether an unwrapped element separates blocks of text,
// such as NITF's <block> or HTML's <div> and <section>.
func blockish(tag string) bool {
	switch tag {
	case "div", "section", "article", "block", "body.content", "body", "html",
		"header", "footer", "aside", "main", "nav", "figure", "address", "center":
		return true
	}
	return false
}

func (s *state) closeAll() {
	for len(s.stack) > 0 {
		s.pop()
	}
	s.flush()
}

func (s *state) text(t string) {
	if t == "" {
		return
	}
	s.cur.WriteString(t)
	if !s.inPre() {
		// Agency XML is indented; the page need not carry it.
		t = collapse(t)
	}
	s.out.WriteString(html.EscapeString(t))
}

func (s *state) inPre() bool { return s.pre > 0 }

// collapse turns every run of white space into one space.
func collapse(t string) string {
	var b strings.Builder
	space := false
	for _, r := range t {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// flush ends the current block of text.
func (s *state) flush() {
	t := strings.Join(strings.Fields(s.cur.String()), " ")
	s.cur.Reset()
	if t != "" {
		s.blocks = append(s.blocks, t)
		if s.curP {
			s.paras = append(s.paras, t)
		}
	}
	s.curP = false
}

func (s *state) result() Result {
	return Result{HTML: template.HTML(strings.TrimSpace(s.out.String())), Blocks: s.blocks, Paragraphs: s.paras}
}

// Text turns plain text into a Result: one paragraph per run of lines
// separated by a blank line, or per line when the text has no blank lines.
func Text(src string) Result {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	chunks := strings.Split(src, "\n\n")
	if len(chunks) == 1 {
		chunks = strings.Split(src, "\n")
	}
	var r Result
	var b strings.Builder
	for _, c := range chunks {
		t := strings.Join(strings.Fields(c), " ")
		if t == "" {
			continue
		}
		r.Blocks = append(r.Blocks, t)
		r.Paragraphs = append(r.Paragraphs, t)
		b.WriteString("<p>" + html.EscapeString(t) + "</p>\n")
	}
	r.HTML = template.HTML(strings.TrimSpace(b.String()))
	return r
}

// XML sanitises an XML body, such as NITF or XHTML, by re-writing it as
// HTML (element local names, escaped text; CDATA becomes text) and
// sanitising that. Namespace prefixes need not be declared, as in a
// fragment cut from a larger document. It fails on XML that is not
// well-formed, naming the line.
func XML(src string) (Result, error) {
	d := xml.NewDecoder(strings.NewReader(src))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	var b strings.Builder
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Result{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth > maxXMLDepth {
				line, _ := d.InputPos()
				return Result{}, fmt.Errorf("line %d: elements nested deeper than %d", line, maxXMLDepth)
			}
			b.WriteString("<" + html.EscapeString(t.Name.Local))
			for _, a := range t.Attr {
				if a.Name.Space != "" {
					continue
				}
				b.WriteString(" " + html.EscapeString(a.Name.Local) + `="` + html.EscapeString(a.Value) + `"`)
			}
			b.WriteString(">")
		case xml.EndElement:
			depth--
			b.WriteString("</" + html.EscapeString(t.Name.Local) + ">")
		case xml.CharData:
			b.WriteString(html.EscapeString(string(t)))
		}
	}
	return HTML(b.String()), nil
}

// maxXMLDepth bounds the nesting XML accepts; deeper elements would be
// unwrapped anyway (MaxDepth).
const maxXMLDepth = 256
