package deploy

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestClassify(t *testing.T) {
	c := NewClassifier("/articles/:year/:month/:slug/")
	tests := []struct {
		path, ctype, cache string
		tier               Tier
	}{
		{"index.html", "text/html; charset=utf-8", cacheShort, TierPage},
		{"articles/2024/07/asean-meets/index.html", "text/html; charset=utf-8", cacheShort, TierArticle},
		{"countries/laos/index.html", "text/html; charset=utf-8", cacheShort, TierPage},
		{"countries/laos/page/2/index.html", "text/html; charset=utf-8", cacheShort, TierPage},
		{"articles/index.html", "text/html; charset=utf-8", cacheShort, TierPage},
		{"atom.xml", "application/atom+xml; charset=utf-8", cacheShort, TierFeed},
		{"countries/laos/rss.xml", "application/rss+xml; charset=utf-8", cacheShort, TierFeed},
		{"feed.json", "application/feed+json; charset=utf-8", cacheShort, TierFeed},
		{"sitemap.xml", "application/xml; charset=utf-8", cacheShort, TierFeed},
		{"robots.txt", "text/plain; charset=utf-8", cacheShort, TierFeed},
		{"assets/css/main.1a2b3c4d5e.css", "text/css; charset=utf-8", cacheImmutable, TierAsset},
		{"assets/favicon.c111f5459a.svg", "image/svg+xml", cacheImmutable, TierAsset},
		{"assets/logo.svg", "image/svg+xml", cacheHour, TierAsset},
		{"images/map.png", "image/png", cacheHour, TierAsset},
		{"downloads/data", "application/octet-stream", cacheHour, TierAsset},
		// The search index: files named by their content's hash, and the
		// manifest naming them, which goes up after them and is looked
		// at again as pages are.
		{"search/t-1a2b3c4d.json", "application/json; charset=utf-8", cacheImmutable, TierAsset},
		{"search/manifest.json", "application/json; charset=utf-8", cacheShort, TierFeed},
		{"search/index.html", "text/html; charset=utf-8", cacheShort, TierPage},
	}
	for _, tt := range tests {
		f := File{Path: tt.path}
		c.Classify(&f)
		if f.ContentType != tt.ctype || f.CacheControl != tt.cache || f.Tier != tt.tier {
			t.Errorf("%s: %q, %q, %s; want %q, %q, %s", tt.path, f.ContentType, f.CacheControl, f.Tier, tt.ctype, tt.cache, tt.tier)
		}
	}
	// Another permalink pattern moves article pages.
	f := File{Path: "news/2024-07-26/x/index.html"}
	NewClassifier("/news/:year-:month-:day/:slug/").Classify(&f)
	if f.Tier != TierArticle {
		t.Errorf("custom permalink: tier %s", f.Tier)
	}
	// So does one naming articles by their file (wire copy's).
	f = File{Path: "news/2024/xinhua-laos/index.html"}
	NewClassifier("/news/:year/:filename/").Classify(&f)
	if f.Tier != TierArticle {
		t.Errorf(":filename permalink: tier %s", f.Tier)
	}
}

func TestDiff(t *testing.T) {
	files := []File{
		{Key: "p/a.html", SHA256: "1", ContentType: "text/html", CacheControl: "x", Tier: TierPage},
		{Key: "p/b.html", SHA256: "2", ContentType: "text/html", CacheControl: "x", Tier: TierArticle},
		{Key: "p/c.css", SHA256: "3", ContentType: "text/css", CacheControl: "y", Tier: TierAsset},
		{Key: "p/d.xml", SHA256: "4", ContentType: "application/xml", CacheControl: "x", Tier: TierFeed},
		{Key: "p/e.html", SHA256: "5", ContentType: "text/html", CacheControl: "x", Tier: TierPage},
		{Key: "p/f.html", SHA256: "6", ContentType: "text/html", CacheControl: "x", Tier: TierPage},
	}
	remote := Remote{
		ETags: map[string]string{"p/a.html": "ea", "p/b.html": "eb", "p/c.css": "ec", "p/e.html": "ee", "p/f.html": "hand-edited", "p/gone.html": "eg", "p/" + ManifestName: "em"},
		Manifest: Manifest{Version: 1, Objects: map[string]ManifestEntry{
			"p/a.html": {SHA256: "1", ETag: "ea", ContentType: "text/html", CacheControl: "x"},       // unchanged
			"p/b.html": {SHA256: "old", ETag: "eb", ContentType: "text/html", CacheControl: "x"},     // changed
			"p/c.css":  {SHA256: "3", ETag: "ec", ContentType: "text/css", CacheControl: "old"},      // headers
			"p/e.html": {SHA256: "5", ETag: "ee", ContentType: "text/html", CacheControl: "x"},       // unchanged
			"p/f.html": {SHA256: "6", ETag: "ef", ContentType: "text/html", CacheControl: "x"},       // edited by hand
			"p/d.xml":  {SHA256: "4", ETag: "ed", ContentType: "application/xml", CacheControl: "x"}, // deleted by hand
		}},
	}
	p := Diff(files, remote, "p/"+ManifestName, "p", time.Unix(1e9, 0))
	var got []string
	for _, f := range p.Uploads {
		got = append(got, f.Key+":"+f.Reason)
	}
	want := "p/c.css:headers changed p/b.html:changed p/f.html:not as last deployed p/d.xml:new"
	if strings.Join(got, " ") != want {
		t.Errorf("uploads\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
	if strings.Join(p.Deletes, " ") != "p/gone.html" || p.Unchanged != 2 {
		t.Errorf("deletes %v, unchanged %d", p.Deletes, p.Unchanged)
	}
}

// TestRetention: an object named by its content's hash that the output
// stopped using stays in the bucket until it has been out of the output
// for Retention, as a page or search manifest still cached somewhere may
// name it; any other object is deleted at once, and so is such an object
// that no deploy of attache's wrote.
func TestRetention(t *testing.T) {
	files := []File{{Key: "p/index.html", SHA256: "1", ContentType: "text/html", CacheControl: "x"}}
	manifest := func(retired map[string]int64) Manifest {
		return Manifest{Version: 1, Retired: retired, Objects: map[string]ManifestEntry{
			"p/index.html":                     {SHA256: "1", ETag: "e", ContentType: "text/html", CacheControl: "x"},
			"p/search/t-1a2b3c4d.json":         {SHA256: "2", ETag: "e"},
			"p/assets/css/main.0a1b2c3d4e.css": {SHA256: "3", ETag: "e"},
			"p/old.html":                       {SHA256: "4", ETag: "e"},
		}}
	}
	etags := map[string]string{"p/index.html": "e", "p/search/t-1a2b3c4d.json": "e", "p/assets/css/main.0a1b2c3d4e.css": "e",
		"p/old.html": "e", "p/search/t-99999999.json": "e"}
	start := time.Unix(1e9, 0)
	p := Diff(files, Remote{ETags: etags, Manifest: manifest(nil)}, "p/"+ManifestName, "p", start)
	if strings.Join(p.Deletes, " ") != "p/old.html p/search/t-99999999.json" || len(p.Retained) != 2 ||
		p.Retained["p/search/t-1a2b3c4d.json"] != start.Unix() || p.Retained["p/assets/css/main.0a1b2c3d4e.css"] != start.Unix() {
		t.Fatalf("first deploy: deletes %v, retained %v", p.Deletes, p.Retained)
	}
	// Within Retention they stay, timed from when they left the output.
	etags = map[string]string{"p/index.html": "e", "p/search/t-1a2b3c4d.json": "e", "p/assets/css/main.0a1b2c3d4e.css": "e"}
	later := Diff(files, Remote{ETags: etags, Manifest: manifest(p.Retained)}, "p/"+ManifestName, "p", start.Add(Retention-time.Second))
	if len(later.Deletes) != 0 || later.Retained["p/search/t-1a2b3c4d.json"] != start.Unix() {
		t.Errorf("within Retention: deletes %v, retained %v", later.Deletes, later.Retained)
	}
	last := Diff(files, Remote{ETags: etags, Manifest: manifest(p.Retained)}, "p/"+ManifestName, "p", start.Add(Retention))
	if strings.Join(last.Deletes, " ") != "p/assets/css/main.0a1b2c3d4e.css p/search/t-1a2b3c4d.json" || len(last.Retained) != 0 {
		t.Errorf("after Retention: deletes %v, retained %v", last.Deletes, last.Retained)
	}
}

// TestScanRefusesLongKeys: a file whose object name would be over S3's
// limit is refused before anything is uploaded, not after half the site.
func TestScanRefusesLongKeys(t *testing.T) {
	long := strings.Repeat(strings.Repeat("a", 250)+"/", 5) + "index.html"
	out := fstest.MapFS{"index.html": {Data: []byte("x")}, long: {Data: []byte("x")}}
	if _, err := Scan(out, "www", NewClassifier("/a/:slug/")); err == nil || !strings.Contains(err.Error(), "longer than the 1024 that S3 takes") {
		t.Errorf("scan of a long name: %v", err)
	}
}

// TestScanLeavesOutTheMarker: the file a build marks its output folder
// with is not the site's, and is not uploaded.
func TestScanLeavesOutTheMarker(t *testing.T) {
	out := fstest.MapFS{"index.html": {Data: []byte("x")}, ".attache-output": {Data: []byte("attache")}, "a/.attache-output": {Data: []byte("x")}}
	files, err := Scan(out, "", NewClassifier("/a/:slug/"))
	var got []string
	for _, f := range files {
		got = append(got, f.Path)
	}
	if err != nil || strings.Join(got, " ") != "a/.attache-output index.html" {
		t.Errorf("scanned %v, %v; want all but the marker", got, err)
	}
}

func TestScanRefusesSymlinks(t *testing.T) {
	out := fstest.MapFS{"index.html": {Data: []byte("x")}, "link": {Mode: 0o777 | fs.ModeSymlink}}
	if _, err := Scan(out, "", NewClassifier("/a/:slug/")); err == nil || !strings.Contains(err.Error(), "link") {
		t.Errorf("scan of a symbolic link: %v", err)
	}
}

func FuzzClassify(f *testing.F) {
	for _, s := range []string{"index.html", "assets/main.0123456789.css", "a/b/c", ".x", "feed.json", "ATOM.XML", "articles/2024/07/x/index.html"} {
		f.Add(s)
	}
	c := NewClassifier("/articles/:year/:month/:slug/")
	f.Fuzz(func(t *testing.T, p string) {
		file := File{Path: p}
		c.Classify(&file)
		if file.ContentType == "" || file.CacheControl == "" || file.Tier < TierAsset || file.Tier > TierFeed {
			t.Errorf("%q: %+v", p, file)
		}
		if file.CacheControl == cacheImmutable && !strings.HasPrefix(p, "assets/") && !strings.HasPrefix(p, "search/") {
			t.Errorf("%q is immutable outside assets/ and search/", p)
		}
	})
}
