package htmlesc

import (
	"bytes"
	"html/template"
	"testing"
)

// FuzzEscapeMatchesTemplate checks the escaping of text and URLs against
// html/template's.
func FuzzEscapeMatchesTemplate(f *testing.F) {
	for _, s := range []string{`Tom & Jerry's "deal" <b>not bold</b> ]]> end`, "https://example.org/a b/ü/'x'(y)+&z%41%g", "javascript:alert(1)", "HTTP://x/", "/rel?a=1&b=2",
		"a?b:c", "mailto:x@y", "\x00<>", "data:text/html,x"} {
		f.Add(s)
	}
	tmpl := template.Must(template.New("").Parse(`<a href="{{.}}">{{.}}</a>`))
	f.Fuzz(func(t *testing.T, s string) {
		var want, got bytes.Buffer
		if err := tmpl.Execute(&want, s); err != nil {
			t.Skip()
		}
		got.WriteString(`<a href="`)
		Write(&got, URL(s))
		got.WriteString(`">`)
		Write(&got, s)
		got.WriteString("</a>")
		if got.String() != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", s, got.String(), want.String())
		}
	})
}
