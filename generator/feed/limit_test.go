package feed

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/site"
)

// TestEntryLimit: an article over limits.feedEntryBytes is in every feed
// with its summary but without its full text, so a huge article is not
// copied into a dozen files.
func TestEntryLimit(t *testing.T) {
	big := strings.Repeat("<p>HUGEBODY words words words</p>\n", 5000)
	for _, limit := range []int{0, 1000, 1 << 20} {
		cfg := config.Default()
		cfg.Limits.FeedEntryBytes = limit
		mk := func(file, title, body string) site.Input {
			in := site.Input{Article: &article.Article{File: file, Title: title, Date: time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC),
				Lede: "Lede of " + title, Body: article.NewBody(template.HTML(body))}}
			in.Detected.Countries = []detect.Entity{{ID: "LA", Mentions: 2, Primary: true}}
			return in
		}
		s := site.New(cfg, gazetteer.Default(), []site.Input{mk("big.md", "Big", big), mk("small.md", "Small", "<p>SMALLBODY</p>")})
		total := 0
		for path, data := range files(t, s) {
			total += len(data)
			if strings.HasSuffix(path, "sitemap.xml") || strings.Contains(path, "digests/") || strings.HasSuffix(path, "robots.txt") {
				continue
			}
			// RSS entries carry the summary only.
			if !strings.HasSuffix(path, "rss.xml") && !bytes.Contains(data, []byte("SMALLBODY")) {
				t.Errorf("limit %d: %s lacks the small article's body", limit, path)
			}
			if !bytes.Contains(data, []byte("Lede of Big")) {
				t.Errorf("limit %d: %s lacks the big article's summary", limit, path)
			}
		}
		if limit == 1<<20 && total < 2*len(big) {
			t.Errorf("limit %d, above this body: feeds total %d bytes, want the body in each JSON and Atom feed", limit, total)
		}
		// The default, 64 KB, is below this body.
		if limit != 1<<20 && total > len(big) {
			t.Errorf("limit %d: feeds total %d bytes, more than one copy of the body (%d)", limit, total, len(big))
		}
	}
}
