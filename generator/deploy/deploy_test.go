package deploy

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/attache/attache/generator/build"
	"github.com/attache/attache/generator/deploy/s3test"
	"github.com/attache/attache/generator/output"
	"github.com/attache/attache/generator/pipeline"
)

const fixtureSite = "../build/testdata/sites/basic"

// site is a fixture site copied to a temporary folder, built into out.
type site struct {
	src, out string
}

func newSite(t *testing.T) *site {
	t.Helper()
	src := t.TempDir()
	if err := os.CopyFS(src, os.DirFS(fixtureSite)); err != nil {
		t.Fatal(err)
	}
	s := &site{src: src, out: filepath.Join(t.TempDir(), "public")}
	s.build(t)
	return s
}

func (s *site) build(t *testing.T) {
	t.Helper()
	if _, err := build.Run(context.Background(), pipeline.Options{Source: s.src, Destination: s.out, Workers: 2}); err != nil {
		t.Fatal(err)
	}
}

// files returns every output file's content by slash path.
func (s *site) files(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(s.out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(s.out, p)
		if rel != output.Marker { // the build's, not the site's
			out[filepath.ToSlash(rel)] = string(b)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// deploy plans and applies, returning the plan and the keys uploaded in
// the order they went up.
func deploy(t *testing.T, d *Deployer, s *site) (*Plan, []File, error) {
	t.Helper()
	var mu sync.Mutex
	var order []File
	d.progress = func(_, _ int, f File) {
		mu.Lock()
		order = append(order, f)
		mu.Unlock()
	}
	out := os.DirFS(s.out)
	p, err := d.Plan(context.Background(), out)
	if err != nil {
		t.Fatal(err)
	}
	return p, order, d.Apply(context.Background(), out, p)
}

// mirrors checks that the bucket under prefix holds exactly the output,
// plus the manifest.
func mirrors(t *testing.T, srv *s3test.Server, bucket, prefix string, s *site) {
	t.Helper()
	objs := srv.Objects(t, bucket)
	files := s.files(t)
	for path, body := range files {
		o, ok := objs[Key(prefix, path)]
		if !ok {
			t.Errorf("%s is not in the bucket", path)
			continue
		}
		if o.Body != body {
			t.Errorf("%s differs in the bucket", path)
		}
	}
	for key := range objs {
		rel := strings.TrimPrefix(key, prefix+"/")
		if prefix == "" {
			rel = key
		}
		if _, ok := files[rel]; !ok && rel != ManifestName && strings.HasPrefix(key, prefix) {
			t.Errorf("the bucket holds %s, which is not in the output", key)
		}
	}
}

func TestDeploy(t *testing.T) {
	srv := s3test.Start(t)
	srv.Bucket(t, "briefings")
	// An object outside the prefix is never touched.
	srv.Put(t, "briefings", "other/keep.txt", "keep")
	s := newSite(t)
	d := deployer(t, srv, "briefings", "site")

	// First deploy: everything goes up, in tier order, with its headers.
	p, order, err := deploy(t, d, s)
	if err != nil {
		t.Fatal(err)
	}
	files := s.files(t)
	if len(p.Uploads) != len(files) || len(order) != len(files) || len(p.Deletes) != 0 {
		t.Fatalf("first deploy: %s; uploaded %d of %d files", p.Summary(), len(order), len(files))
	}
	mirrors(t, srv, "briefings", "site", s)
	assertOrder(t, order)
	objs := srv.Objects(t, "briefings")
	for key, want := range map[string]s3test.Object{
		"site/index.html":    {ContentType: "text/html; charset=utf-8", CacheControl: cacheShort},
		"site/atom.xml":      {ContentType: "application/atom+xml; charset=utf-8", CacheControl: cacheShort},
		"site/feed.json":     {ContentType: "application/feed+json; charset=utf-8", CacheControl: cacheShort},
		"site/sitemap.xml":   {ContentType: "application/xml; charset=utf-8", CacheControl: cacheShort},
		"site/" + css(files): {ContentType: "text/css; charset=utf-8", CacheControl: cacheImmutable},
	} {
		got := objs[key]
		if got.ContentType != want.ContentType || got.CacheControl != want.CacheControl {
			t.Errorf("%s: %s, %s; want %s, %s", key, got.ContentType, got.CacheControl, want.ContentType, want.CacheControl)
		}
	}
	if objs["other/keep.txt"].Body != "keep" {
		t.Error("an object outside the prefix was changed")
	}

	// Nothing changed: nothing uploaded, nothing deleted.
	p, order, err = deploy(t, d, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Uploads) != 0 || len(order) != 0 || len(p.Deletes) != 0 || p.Unchanged != len(files) {
		t.Errorf("second deploy of the same build: %s, %d uploaded", p.Summary(), len(order))
	}

	// One new story: only the files whose bytes changed go up.
	before := s.files(t)
	story := filepath.Join(s.src, "content", "2024-07-30-new-story.md")
	if err := os.WriteFile(story, []byte("+++\ntitle = \"Kenya and Ethiopia sign a border trade deal\"\ndate = 2024-07-30\n+++\n\nKenya and Ethiopia signed a border trade deal in Nairobi.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.build(t)
	after := s.files(t)
	var changed []string
	for path, body := range after {
		if before[path] != body {
			changed = append(changed, "site/"+path)
		}
	}
	p, order, err = deploy(t, d, s)
	if err != nil {
		t.Fatal(err)
	}
	if got := keys(order); !slices.Equal(got, sorted(changed)) {
		t.Errorf("new story uploaded %d files %v,\nwant the %d changed %v", len(got), got, len(changed), sorted(changed))
	}
	if len(p.Deletes) != 0 {
		t.Errorf("a new story deleted %v", p.Deletes)
	}
	t.Logf("a new story: %d of %d files changed and went up", len(order), len(after))
	if len(changed) >= len(after)/2 {
		t.Errorf("a new story changed %d of %d files: the test proves little", len(changed), len(after))
	}
	assertOrder(t, order)
	mirrors(t, srv, "briefings", "site", s)

	// A deletion: the story's page goes, after the pages that linked it.
	if err := os.Remove(story); err != nil {
		t.Fatal(err)
	}
	s.build(t)
	p, _, err = deploy(t, d, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Deletes) == 0 || !slices.ContainsFunc(p.Deletes, func(k string) bool { return strings.Contains(k, "border-trade-deal") }) {
		t.Errorf("deleted story: deletes %v", p.Deletes)
	}
	mirrors(t, srv, "briefings", "site", s)

	// An object edited in the bucket by hand is put back.
	srv.Put(t, "briefings", "site/index.html", "defaced")
	p, _, err = deploy(t, d, s)
	if err != nil || len(p.Uploads) != 1 || p.Uploads[0].Key != "site/index.html" {
		t.Errorf("after a hand edit: %v, %v", err, p.Uploads)
	}
	mirrors(t, srv, "briefings", "site", s)
}

func TestDeleteGuard(t *testing.T) {
	srv := s3test.Start(t)
	srv.Bucket(t, "guarded")
	s := newSite(t)
	if _, _, err := deploy(t, deployer(t, srv, "guarded", ""), s); err != nil {
		t.Fatal(err)
	}
	before := srv.Objects(t, "guarded")
	// An almost empty build, as a broken content folder gives: the guard
	// refuses it before anything is uploaded or deleted.
	if err := os.RemoveAll(filepath.Join(s.src, "content")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(s.src, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	s.build(t)
	p, order, err := deploy(t, deployer(t, srv, "guarded", "", WithMaxDeletes(3)), s)
	if !errors.Is(err, ErrTooManyDeletes) || !strings.Contains(err.Error(), "-maxDeletes") {
		t.Fatalf("guarded deploy: err = %v (%s)", err, p.Summary())
	}
	if len(order) != 0 {
		t.Errorf("a refused deploy uploaded %d files", len(order))
	}
	if after := srv.Objects(t, "guarded"); !maps.Equal(after, before) {
		t.Error("a refused deploy changed the bucket")
	}
	// Allowed explicitly, it goes through.
	if _, _, err := deploy(t, deployer(t, srv, "guarded", "", WithMaxDeletes(len(p.Deletes))), s); err != nil {
		t.Fatal(err)
	}
	mirrors(t, srv, "guarded", "", s)
}

func TestInterruptedDeploy(t *testing.T) {
	srv := s3test.Start(t)
	srv.Bucket(t, "interrupted")
	s := newSite(t)
	out := os.DirFS(s.out)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var done int
	d := deployer(t, srv, "interrupted", "", WithWorkers(1), WithProgress(func(n, _ int, _ File) {
		done = n
		if n == 5 {
			cancel() // as Ctrl-C would
		}
	}))
	p, err := d.Plan(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Apply(ctx, out, p); err == nil {
		t.Fatal("an interrupted deploy reported success")
	}
	if done < 5 || done >= len(p.Uploads) {
		t.Fatalf("interrupted after %d of %d uploads", done, len(p.Uploads))
	}
	// The next deploy finishes the job, without uploading again what the
	// interrupted one recorded.
	p2, order, err := deploy(t, deployer(t, srv, "interrupted", ""), s)
	if err != nil {
		t.Fatal(err)
	}
	if len(order) > len(p.Uploads)-5 || len(order) == 0 {
		t.Errorf("after an interruption at 5 of %d, the next deploy uploaded %d (%s)", len(p.Uploads), len(order), p2.Summary())
	}
	mirrors(t, srv, "interrupted", "", s)
	if p3, order, err := deploy(t, deployer(t, srv, "interrupted", ""), s); err != nil || len(order) != 0 {
		t.Errorf("third deploy: %v, %s", err, p3.Summary())
	}
}

// assertOrder checks that uploads went up tier by tier: assets, articles,
// other pages, feeds.
func assertOrder(t *testing.T, order []File) {
	t.Helper()
	for i := 1; i < len(order); i++ {
		if order[i].Tier < order[i-1].Tier {
			t.Errorf("%s (%s) went up after %s (%s)", order[i].Key, order[i].Tier, order[i-1].Key, order[i-1].Tier)
			return
		}
	}
}

func css(files map[string]string) string {
	for p := range files {
		if strings.HasPrefix(p, "assets/") && strings.HasSuffix(p, ".css") {
			return p
		}
	}
	return "assets/none.css"
}

func keys(files []File) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.Key
	}
	return sorted(out)
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
