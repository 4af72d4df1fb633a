package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/attache/attache/generator/e2e/browserlock"
)

// TestSearchBrowser builds the fixture site with each theme and drives its
// search page in Chromium (browser/search.mjs): known queries find known
// stories first, facets narrow with matching counts, a URL restores the
// state, prefix and phrase queries, Russian and Chinese, the empty state,
// the keyboard, axe-core at 360 and 1280 px. The page's HTML goes through
// the Nu HTML Checker with every other page in TestBrowser.
func TestSearchBrowser(t *testing.T) {
	tl := need(t)
	type site struct {
		Theme  string `json:"theme"`
		Search string `json:"search"`
	}
	var plan struct {
		Chromium string `json:"chromium"`
		Sites    []site `json:"sites"`
	}
	plan.Chromium = tl.chromium
	root := t.TempDir()
	for _, theme := range themes {
		dir := filepath.Join(root, theme)
		buildTheme(t, theme, dir)
		plan.Sites = append(plan.Sites, site{theme, serve(t, filepath.Join(dir, "public")) + prefix + "search/"})
	}
	unlock, err := browserlock.Lock()
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	planFile := filepath.Join(t.TempDir(), "plan.json")
	data, _ := json.Marshal(plan)
	if err := os.WriteFile(planFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(tl.node, "search.mjs", planFile)
	cmd.Dir = tl.browserDir
	out, err := cmd.CombinedOutput()
	t.Logf("browser/search.mjs:\n%s", out)
	if err != nil {
		t.Fatalf("search checks failed: %v", err)
	}
}
