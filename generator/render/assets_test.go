package render

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/attache/attache/templates"
)

// TestThemeAssetReferences: a stylesheet's references to the theme's own
// files name them as they are published, with their content's hash, so
// that a theme's fonts and pictures load; anything else is left as
// written; and a file name holding URL syntax is escaped in the asset
// function's URL.
func TestThemeAssetReferences(t *testing.T) {
	siteTemplates := t.TempDir()
	static := filepath.Join(siteTemplates, "default", "static")
	for name, data := range map[string]string{
		"img/logo.svg":  `<svg xmlns="http://www.w3.org/2000/svg"/>`,
		"img/C#.svg":    `<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>`,
		"css/base.css":  `body{margin:0}`,
		"css/theme.css": `@import "base.css";.a{background:url(../img/logo.svg)}.b{background:url('../img/logo.svg?v=1#x')}.c{background:url("../img/C%23.svg")}.d{background:url(https://cdn.example.org/x.png)}.e{background:url(data:image/png;base64,AAA)}.f{background:url(/abs.png)}.g{background:url(../img/missing.png)}`,
	} {
		file := filepath.Join(static, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := siteRenderer(t, siteTemplates, "https://example.org/briefings/")
	byName := map[string]Asset{}
	for _, a := range r.Assets() {
		byName[a.Name] = a
	}
	hashed := func(name string) string { return strings.TrimPrefix(byName[name].Path, "/assets/") }
	css := string(byName["css/theme.css"].Data)
	for _, want := range []string{
		`@import "` + strings.TrimPrefix(hashed("css/base.css"), "css/") + `"`,
		`url(../` + hashed("img/logo.svg") + `)`,
		`url('../` + hashed("img/logo.svg") + `?v=1#x')`,
		`url("../` + strings.Replace(hashed("img/C#.svg"), "#", "%23", 1) + `")`,
		`url(https://cdn.example.org/x.png)`, `url(data:image/png;base64,AAA)`, `url(/abs.png)`, `url(../img/missing.png)`,
	} {
		if !strings.Contains(css, want) {
			t.Errorf("the stylesheet lacks %s:\n%s", want, css)
		}
	}
	if !regexp.MustCompile(`^/assets/css/theme\.[0-9a-f]{10}\.css$`).MatchString(byName["css/theme.css"].Path) {
		t.Errorf("stylesheet published at %s", byName["css/theme.css"].Path)
	}
	u, err := r.funcs()["asset"].(func(string) (string, error))("img/C#.svg")
	if want := "/briefings/assets/" + strings.Replace(hashed("img/C#.svg"), "#", "%23", 1); err != nil || u != want {
		t.Errorf("asset img/C#.svg = %q, %v; want %q", u, err, want)
	}
}

// siteRenderer is the renderer of the default theme under a site's
// templates folder (none for ""), at baseURL.
func siteRenderer(t *testing.T, siteTemplates, baseURL string) *Renderer {
	t.Helper()
	theme, err := Theme(templates.FS, siteTemplates, "default")
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(theme, baseURL)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
