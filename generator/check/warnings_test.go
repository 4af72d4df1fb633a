package check

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestParseWarningsAreProblems: wire copy in Windows-1252 and a typo in
// front matter build, with warnings; check does not call the site clean.
func TestParseWarningsAreProblems(t *testing.T) {
	src := t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "config.toml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"content/2024-07-03-cp1252.txt": "date 2024-07-03 C\xf4te d'Ivoire talks\n\nABIDJAN, July 3 (AFP) -- Ministers met.\n",
		"content/2024-07-04-typo.md":    "+++\ntitle = \"Typo\"\ndate = 2024-07-04\ndarft = true\n+++\nBody.\n",
	}
	for name, body := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := Run(context.Background(), load(t, src))
	if err != nil {
		t.Fatal(err)
	}
	want := "content/2024-07-03-cp1252.txt:1: warning: not UTF-8: decoded as Windows-1252 (Latin-1); save the file as UTF-8 to silence this\n" +
		"content/2024-07-04-typo.md:4: warning: front matter: unknown key \"darft\" (did you mean \"draft\"?); kept for templates as .Params.darft\n"
	if got := messages(r); got != want {
		t.Errorf("problems:\n%swant:\n%s", got, want)
	}
}
