package parse

import (
	"strings"
	"testing"

	"github.com/attache/attache/generator/article"
)

func mustParse(t *testing.T, p *Parser, name, src string) string {
	t.Helper()
	a, err := p.Parse(name, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return bodyText(a)
}

const fm = "+++\ntitle = \"T\"\ndate = 2024-07-26\n+++\n"

func TestMarkdownRawHTML(t *testing.T) {
	tests := []struct {
		name, body string
		safe       []string // must appear by default
		unsafe     []string // must appear with WithUnsafeHTML(true)
	}{
		{
			name:   "script block",
			body:   "<script>alert(1)</script>\n",
			safe:   []string{"&lt;script&gt;alert(1)&lt;/script&gt;"},
			unsafe: []string{"<script>alert(1)</script>"},
		},
		{
			name:   "inline script",
			body:   "Hello <script>alert(1)</script> there.\n",
			safe:   []string{"Hello &lt;script&gt;alert(1)&lt;/script&gt; there."},
			unsafe: []string{"Hello <script>alert(1)</script> there."},
		},
		{
			name:   "inline tag",
			body:   "An <abbr title=\"x\">UN</abbr> body.\n",
			safe:   []string{"An &lt;abbr title=&#34;x&#34;&gt;UN&lt;/abbr&gt; body."},
			unsafe: []string{`An <abbr title="x">UN</abbr> body.`},
		},
		{
			name: "javascript link",
			body: "[click](javascript:alert(1)) and <javascript:alert(2)>\n",
			safe: []string{`<a href="">click</a>`},
			// unsafeHTML alone still neutralises dangerous targets.
			unsafe: []string{`<a href="">click</a>`, `javascript:alert(2)`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			safe := mustParse(t, New(), "a.md", fm+tt.body)
			for _, want := range tt.safe {
				if !strings.Contains(safe, want) {
					t.Errorf("default Body lacks %q:\n%s", want, safe)
				}
			}
			for _, bad := range []string{"<script", `href="javascript`, "<abbr"} {
				if strings.Contains(safe, bad) {
					t.Errorf("default Body contains %q:\n%s", bad, safe)
				}
			}
			if strings.Contains(safe, "raw HTML omitted") {
				t.Errorf("default Body drops the HTML instead of showing it:\n%s", safe)
			}
			unsafe := mustParse(t, New(WithUnsafeHTML(true)), "a.md", fm+tt.body)
			for _, want := range tt.unsafe {
				if !strings.Contains(unsafe, want) {
					t.Errorf("unsafe Body lacks %q:\n%s", want, unsafe)
				}
			}
		})
	}
	// Only the second, explicit option lets dangerous targets through.
	links := mustParse(t, New(WithUnsafeHTML(true), WithUnsafeLinks(true)), "a.md", fm+"[click](javascript:alert(1))\n")
	if !strings.Contains(links, `<a href="javascript:alert(1)">click</a>`) {
		t.Errorf("WithUnsafeLinks(true) empties the link: %s", links)
	}
	// An explicit false is the default.
	if got := mustParse(t, New(WithUnsafeHTML(false)), "a.md", fm+"<script>x</script>\n"); strings.Contains(got, "<script") {
		t.Errorf("WithUnsafeHTML(false) lets a script through: %s", got)
	}
}

func TestMarkdownFeatures(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"table", "| A | B |\n|---|---|\n| 1 | 2 |\n", "<td>1</td>"},
		{"strikethrough", "~~old~~ new\n", "<del>old</del> new"},
		{"autolink", "See https://example.org now.\n", `<a href="https://example.org">https://example.org</a>`},
		{"task list", "- [x] done\n", `<input checked="" disabled="" type="checkbox"> done`},
		{"footnote", "Claim[^1].\n\n[^1]: Source.\n", `<li id="fn:1">`},
		{"smart quotes", "\"Peace\" and 'calm'\n", "&ldquo;Peace&rdquo; and &lsquo;calm&rsquo;"},
		{"dashes", "A -- B --- C\n", "A &ndash; B &mdash; C"},
		{"heading id", "## Security Council vote\n", `<h2 id="security-council-vote">Security Council vote</h2>`},
	}
	p := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mustParse(t, p, "a.md", fm+tt.body); !strings.Contains(got, tt.want) {
				t.Errorf("Body lacks %q:\n%s", tt.want, got)
			}
		})
	}
}

func TestMarkdownLedeAndText(t *testing.T) {
	tests := []struct {
		name, src                    string
		lede, text, dateline, source string
	}{
		{
			name: "plain lede from AST",
			src:  fm + "The **UN** met `today` in [Geneva](https://x.org) &amp; \"agreed\".\n\nMore.\n",
			lede: "The UN met today in Geneva & “agreed”.", text: "More.",
		},
		{
			name: "soft break is a space",
			src:  fm + "One\ntwo.\n",
			lede: "One two.",
		},
		{
			name: "dateline stripped from lede",
			src:  fm + "VIENTIANE, July 25 (Xinhua) -- Ministers met.\n\nMore.\n",
			lede: "Ministers met.", text: "More.", dateline: "VIENTIANE", source: "Xinhua",
		},
		{
			name: "front matter dateline and source win",
			src:  "+++\ntitle = \"T\"\ndate = 2024-07-26\ndateline = \"Vientiane, Laos\"\nsource = \"Attache\"\n+++\nVIENTIANE, July 25 (Xinhua) -- Ministers met.\n",
			lede: "Ministers met.", dateline: "Vientiane, Laos", source: "Attache",
		},
		{
			name: "text has headings, lists, tables, footnotes",
			src:  fm + "Lede.\n\n## Kenya\n\n- Chad\n- Mali\n\n| Peru | Chile |\n|---|---|\n| Fiji | Tonga |\n\nNote[^n].\n\n[^n]: Samoa.\n",
			lede: "Lede.", text: "Kenya\n\nChad\n\nMali\n\nPeru\n\nChile\n\nFiji\n\nTonga\n\nNote.\n\nSamoa.",
		},
		{
			name: "heading before lede stays in text",
			src:  fm + "# Brief\n\nLede.\n\nRest.\n",
			lede: "Lede.", text: "Brief\n\nRest.",
		},
		{
			name: "dateline of a lede with a hard line break",
			src:  fm + "GENEVA (AFP) -- Talks resumed.\\\nDelegates arrived late.\n",
			lede: "Talks resumed.\nDelegates arrived late.", dateline: "GENEVA", source: "AFP",
		},
		{
			name: "raw HTML is not text",
			src:  fm + "A <b>bold</b> move.\n\n<div>hidden</div>\n",
			lede: "A bold move.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New().Parse("a.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if a.Lede != tt.lede {
				t.Errorf("Lede = %q, want %q", a.Lede, tt.lede)
			}
			if a.Text != tt.text {
				t.Errorf("Text = %q, want %q", a.Text, tt.text)
			}
			if a.Dateline != tt.dateline {
				t.Errorf("Dateline = %q, want %q", a.Dateline, tt.dateline)
			}
			if a.Source != tt.source {
				t.Errorf("Source = %q, want %q", a.Source, tt.source)
			}
			if a.Paragraphs != nil {
				t.Errorf("Markdown sets Paragraphs: %q", a.Paragraphs)
			}
		})
	}
}

// bodyText returns the body a parser holds.
func bodyText(a *article.Article) string {
	body, _ := a.Body.Held()
	return string(body)
}
