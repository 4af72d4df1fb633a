package build

import (
	"github.com/attache/attache/generator/pipeline"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestStoryLinksOnPages builds the thread evaluation site in both themes:
// an article page names the reports of its event and its related
// briefings, and the home page shows one card per event.
func TestStoryLinksOnPages(t *testing.T) {
	eval := "../thread/testdata/eval/content"
	files, err := os.ReadDir(eval)
	if err != nil {
		t.Fatal(err)
	}
	for _, theme := range []string{"default", "situation"} {
		t.Run(theme, func(t *testing.T) {
			src := t.TempDir()
			must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), []byte("title = \"Eval\"\nbaseURL = \"https://example.org/\"\ntheme = \""+theme+"\"\n"), 0o644))
			must(t, os.MkdirAll(filepath.Join(src, "content"), 0o755))
			for _, f := range files {
				data, err := os.ReadFile(filepath.Join(eval, f.Name()))
				must(t, err)
				must(t, os.WriteFile(filepath.Join(src, "content", f.Name()), data, 0o644))
			}
			out, _ := buildSite(t, src, pipeline.Options{})
			page := read(t, out, "articles/2025/03/philippine-resupply-boat-and-chinese-coast-guard-ship-collide-at-second-thomas/index.html")
			for _, want := range []string{
				`<h2 id="thread-h">3 reports of this story</h2>`,
				`<span aria-current="page">Philippine resupply boat and Chinese coast guard ship collide at Second Thomas Shoal</span>`,
				`href="/articles/2025/03/chinese-coast-guard-says-philippine-vessel-rammed-its-ship-near-renai-jiao/">Chinese coast guard says Philippine vessel rammed its ship near Ren&#39;ai Jiao</a>`,
				`<h2 id="related-h">Related briefings</h2>`,
			} {
				if !strings.Contains(page, want) {
					t.Errorf("article page lacks %s", want)
				}
			}
			related := regexp.MustCompile(`(?s)<ul class="related-list">(.*?)</ul>`).FindStringSubmatch(page)
			if related == nil || strings.Contains(related[1], "Ren&#39;ai Jiao") || strings.Count(related[1], "<li>") > 5 {
				t.Errorf("related briefings hold a report of the same event, or more than five: %v", related)
			}
			home := read(t, out, "index.html")
			// The newest day has two events of three reports each: two
			// cards, each naming its agencies.
			if n := strings.Count(home, "3 reports of this story · Reported by Yonhap, Kyodo"); n != 2 {
				t.Errorf("home page shows %d cards naming Yonhap and Kyodo, want 2", n)
			}
			if strings.Contains(home, "UPDATE: S. Korea condemns") && strings.Contains(home, "N. Korea fires ballistic missile into East Sea") {
				t.Error("home page shows two reports of one event")
			}
		})
	}
}
