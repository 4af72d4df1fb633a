package sanitize

import (
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/internal/cputime"
	xhtml "golang.org/x/net/html"
)

func TestHTML(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"paragraphs", "<p>One</p><p>Two &amp; three</p>", "<p>One</p><p>Two &amp; three</p>"},
		{"script dropped with content", "<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"},
		{"event attributes dropped", `<p onclick="x()" class="c" style="color:red">a</p>`, "<p>a</p>"},
		{"javascript link", `<a href="javascript:alert(1)">x</a>`, "<a>x</a>"},
		{"data link", `<a href="data:text/html,<script>">x</a>`, "<a>x</a>"},
		{"relative link", `<a href="/x">x</a>`, "<a>x</a>"},
		{"entity-obfuscated scheme", `<a href="jav&#x61;script:alert(1)">x</a>`, "<a>x</a>"},
		{"http link", `<a href="https://example.com/a?b=1&amp;c=2" onmouseover="x">x</a>`, `<a href="https://example.com/a?b=1&amp;c=2" rel="nofollow noopener">x</a>`},
		{"unknown unwrapped", "<div><section><p>a <span>b</span></p></section></div>", "<p>a b</p>"},
		{"unclosed closed", "<p><em>a", "<p><em>a</em></p>"},
		{"stray end tag", "a</p></em>b", "ab"},
		{"nitf headings", "<hl2>Sub</hl2><block><p>x</p></block>", "<h3>Sub</h3><p>x</p>"},
		{"h1 demoted", "<h1>T</h1>", "<h2>T</h2>"},
		{"img and iframe dropped", `<p><img src="x" onerror="y">a<iframe src="z">q</iframe></p>`, "<p>a</p>"},
		{"style dropped", "<style>p{}</style><p>a</p>", "<p>a</p>"},
		{"head dropped", "<html><head><title>T</title></head><body><p>a</p></body></html>", "<p>a</p>"},
		{"svg dropped", `<svg><script>x</script><a href="https://e.com">l</a></svg><p>a</p>`, "<p>a</p>"},
		{"table spans", `<table><tr><td colspan="2" bgcolor="x">a</td><td rowspan="x">b</td></tr></table>`, `<table><tr><td colspan="2">a</td><td>b</td></tr></table>`},
		{"text escaped", "1 < 2 &lt;script&gt;", "1 &lt; 2 &lt;script&gt;"},
		{"comment dropped", "<!-- x --><p>a</p><?xml version='1.0'?>", "<p>a</p>"},
		{"br", "a<br/>b<br>c", "a<br>b<br>c"},
		{"self-closing p", "<p/>a", "<p></p>a"},
		{"mailto", `<a href="mailto:desk@example.com">m</a>`, `<a href="mailto:desk@example.com" rel="nofollow noopener">m</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(HTML(tt.in).HTML); got != tt.want {
				t.Errorf("HTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestBlocks(t *testing.T) {
	r := HTML("<h2>Head</h2><p>First  para\n graph.</p><ul><li>one</li><li>two</li></ul><block><p>Second</p></block>")
	want := []string{"Head", "First para graph.", "one", "two", "Second"}
	if strings.Join(r.Blocks, "|") != strings.Join(want, "|") {
		t.Errorf("Blocks = %q, want %q", r.Blocks, want)
	}
	if strings.Join(r.Paragraphs, "|") != "First para graph.|Second" {
		t.Errorf("Paragraphs = %q", r.Paragraphs)
	}
}

func TestDepth(t *testing.T) {
	in := strings.Repeat("<blockquote>", 10000) + "x"
	out := string(HTML(in).HTML)
	if n := strings.Count(out, "<blockquote>"); n != MaxDepth {
		t.Errorf("%d nested elements written, want %d", n, MaxDepth)
	}
	if strings.Count(out, "</blockquote>") != MaxDepth {
		t.Error("unbalanced output")
	}
}

func TestText(t *testing.T) {
	r := Text("Line <one>\nstill one\n\nTwo & more\n")
	if got := string(r.HTML); got != "<p>Line &lt;one&gt; still one</p>\n<p>Two &amp; more</p>" {
		t.Errorf("HTML = %q", got)
	}
	if len(r.Paragraphs) != 2 {
		t.Errorf("Paragraphs = %q", r.Paragraphs)
	}
	if got := Text("a\nb").Paragraphs; len(got) != 2 {
		t.Errorf("one paragraph per line without blank lines: %q", got)
	}
}

// FuzzHTML checks that whatever goes in, only allowed elements and safe
// attributes come out, and the output is balanced.
func FuzzHTML(f *testing.F) {
	for _, s := range []string{
		"<p>a</p>", `<a href="javascript:x">`, "<script>x</script>", `<p onclick=x>`, "<svg><p>",
		`<a href=" https://e.com ">`, "<table><td colspan=3>", "<hl1>x</hl1>", "<p><p><p>", "</p>",
		`<a href="//evil.com">`, "<textarea><p>x</textarea>", "<plaintext><p>",
	} {
		f.Add(s)
	}
	outNames := map[string]bool{}
	for _, v := range allowed {
		outNames[v] = true
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := string(HTML(in).HTML)
		z := xhtml.NewTokenizer(strings.NewReader(out))
		var stack []string
		for {
			tt := z.Next()
			if tt == xhtml.ErrorToken {
				break
			}
			switch tt {
			case xhtml.CommentToken, xhtml.DoctypeToken, xhtml.SelfClosingTagToken:
				t.Fatalf("unexpected token %v in %q", tt, out)
			case xhtml.StartTagToken:
				tok := z.Token()
				if !outNames[tok.Data] {
					t.Fatalf("element %q in %q", tok.Data, out)
				}
				for _, a := range tok.Attr {
					switch a.Key {
					case "href":
						if !strings.HasPrefix(a.Val, "http://") && !strings.HasPrefix(a.Val, "https://") && !strings.HasPrefix(a.Val, "mailto:") {
							t.Fatalf("href %q in %q", a.Val, out)
						}
					case "rel", "colspan", "rowspan":
					default:
						t.Fatalf("attribute %q in %q", a.Key, out)
					}
				}
				if !void[tok.Data] {
					stack = append(stack, tok.Data)
				}
			case xhtml.EndTagToken:
				tok := z.Token()
				if len(stack) == 0 || stack[len(stack)-1] != tok.Data {
					t.Fatalf("unbalanced </%s> in %q", tok.Data, out)
				}
				stack = stack[:len(stack)-1]
			}
		}
		if len(stack) != 0 {
			t.Fatalf("unclosed %q in %q", stack, out)
		}
	})
}

func TestXML(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"nitf", `<nitf:body xmlns:nitf="x"><body.head><hedline><hl1>H</hl1></hedline></body.head><body.content><hl2>S</hl2><p>a <em>b</em></p><media><media-reference source="x.jpg"/></media></body.content></nitf:body>`, "<h3>S</h3><p>a <em>b</em></p>"},
		{"cdata", `<p><![CDATA[<script>x</script>]]></p>`, "<p>&lt;script&gt;x&lt;/script&gt;</p>"},
		{"entities", `<p>a &amp; b &nbsp;&lt;i&gt;</p>`, "<p>a &amp; b \u00a0&lt;i&gt;</p>"},
		{"xhtml attributes", `<p xmlns="http://www.w3.org/1999/xhtml"><a href="https://e.com" onclick="x">l</a></p>`, `<p><a href="https://e.com" rel="nofollow noopener">l</a></p>`},
		{"several roots", `<p>a</p><p>b</p>`, "<p>a</p><p>b</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := XML(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(r.HTML); got != tt.want {
				t.Errorf("XML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
	if _, err := XML("<p>a</b>"); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("malformed XML: err = %v, want a located error", err)
	}
	if _, err := XML(strings.Repeat("<b>", 1000)); err == nil || !strings.Contains(err.Error(), "deeper") {
		t.Errorf("deep XML: err = %v", err)
	}
}

// TestStrayEndTags: end tags that match no open element cost no walk of
// every element left open, which made agency HTML of thousands of unclosed
// elements and stray end tags take half a minute.
func TestStrayEndTags(t *testing.T) {
	in := "<p>France said.</p>" + strings.Repeat("<b>", 40000) + strings.Repeat("</p>", 40000)
	start := cputime.Used()
	out := string(HTML(in).HTML)
	if took := cputime.Used() - start; took > 3*time.Second {
		t.Errorf("took %v of CPU on %d bytes", took, len(in))
	}
	if !strings.HasPrefix(out, "<p>France said.</p>") || strings.Count(out, "<b>") != strings.Count(out, "</b>") {
		t.Errorf("output %.200q… is not the paragraph then balanced elements", out)
	}
}

// TestUnclosedTagsWithText: text inside thousands of unclosed elements
// costs no walk of them each, which made 960 KB of "<x>a" in an agency's
// HTML take 21 s to build.
func TestUnclosedTagsWithText(t *testing.T) {
	for _, tag := range []string{"<x>", "<b>", "<pre>"} {
		in := strings.Repeat(tag+"a", 200000)
		start := cputime.Used()
		out := string(HTML(in).HTML)
		if took := cputime.Used() - start; took > 3*time.Second {
			t.Errorf("%s: took %v of CPU on %d bytes", tag, took, len(in))
		}
		if strings.Count(out, "a") < 200000 {
			t.Errorf("%s: text lost: %d of 200000 letters", tag, strings.Count(out, "a"))
		}
	}
}
