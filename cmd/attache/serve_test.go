package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	neturl "net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attache/attache/generator/server"
)

// syncBuffer collects a command's output while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor polls until cond holds, failing the test after a generous limit;
// it measures nothing.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// serving is a running `attache serve`.
type serving struct {
	url            string
	dest           string
	stdout, stderr *syncBuffer
	stop           func()
}

// startServe runs `attache serve` on a free port until the test ends.
func startServe(t testing.TB, source string, extra ...string) *serving {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &serving{dest: filepath.Join(t.TempDir(), "public"), stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	args := append([]string{"serve", "-port", "0", "-source", source, "-destination", s.dest}, extra...)
	done := make(chan int, 1)
	go func() { done <- run(ctx, args, s.stdout, s.stderr) }()
	s.stop = func() {
		cancel()
		select {
		case code := <-done:
			if code != exitOK {
				t.Errorf("serve exited %d; stderr:\n%s", code, s.stderr.String())
			}
		case <-time.After(30 * time.Second):
			t.Errorf("serve did not stop on cancel")
		}
	}
	t.Cleanup(func() { s.stop() })
	re := regexp.MustCompile(`serving \S+ at (\S+)`)
	waitFor(t, "the server to start", func() bool { return re.MatchString(s.stdout.String()) })
	s.url = re.FindStringSubmatch(s.stdout.String())[1]
	// "watching" comes after the first build, once the watches are in
	// place: an edit made before then would go unseen.
	waitFor(t, "the first build and the watcher", func() bool { return strings.Contains(s.stdout.String(), "watching") })
	return s
}

// events is a client of the live-reload stream.
type events struct {
	resp *http.Response
	c    chan string
}

func listen(t testing.TB, url string) *events {
	t.Helper()
	u, err := neturl.Parse(url)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = server.EventsPath
	resp, err := http.Get(u.String())
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream served as %q", ct)
	}
	e := &events{resp: resp, c: make(chan string, 100)}
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				e.c <- d
			}
		}
		close(e.c)
	}()
	t.Cleanup(func() { resp.Body.Close() })
	<-e.c // the version on connecting
	return e
}

func (e *events) next(t testing.TB) string {
	t.Helper()
	select {
	case d, ok := <-e.c:
		if !ok {
			t.Fatal("event stream closed")
		}
		return d
	case <-time.After(60 * time.Second):
		t.Fatal("no reload event")
	}
	return ""
}

func get(t testing.TB, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// save replaces file's content as an editor that saves atomically does:
// one rename, one change. An in-place write is two changes, a truncation
// and a write, that a loaded machine may space widely enough to become two
// rebuilds, the first of an empty file; these tests count reload events.
// The watcher's own tests cover in-place writes.
func save(t testing.TB, file string, data []byte) {
	t.Helper()
	// A hidden .tmp name, which the watcher ignores.
	tmp := filepath.Join(filepath.Dir(file), "."+filepath.Base(file)+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
}

// copyDir copies a fixture site so that a test may edit it.
func copyDir(t testing.TB, from string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

const basicSite = "../../generator/build/testdata/sites/basic"

// TestServeLiveReload edits an article under a running server: the page
// changes, a reload event arrives, and the script rides on served HTML only.
func TestServeLiveReload(t *testing.T) {
	src := copyDir(t, basicSite)
	s := startServe(t, src)
	ev := listen(t, s.url)
	page := s.url + "articles/2024/07/asean-ministers-meet-in-vientiane-as-laos-chairs-the-bloc/"
	code, body := get(t, page)
	if code != 200 || !strings.Contains(body, "ASEAN ministers meet") || !strings.Contains(body, "/__attache/events") {
		t.Fatalf("article page: %d, script injected: %v", code, strings.Contains(body, "/__attache/events"))
	}
	onDisk, err := os.ReadFile(filepath.Join(s.dest, "articles/2024/07/asean-ministers-meet-in-vientiane-as-laos-chairs-the-bloc/index.html"))
	if err != nil || bytes.Contains(onDisk, []byte("__attache")) {
		t.Fatalf("the file on disk carries the live-reload script or is missing: %v", err)
	}
	if !strings.Contains(string(onDisk), s.url) {
		t.Errorf("links on disk do not point at the preview server %s", s.url)
	}
	file := filepath.Join(src, "content", "2024-07-20-asean-talks.md")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	save(t, file, bytes.Replace(data, []byte("Foreign ministers"), []byte("Sleepy ministers"), 1))
	ev.next(t)
	if _, body := get(t, page); !strings.Contains(body, "Sleepy ministers") {
		t.Fatalf("page not updated after the reload event")
	}
}

// TestServeBrokenRebuild breaks an article: the overlay names file:line and
// the last good page is still served; fixing it clears the overlay.
func TestServeBrokenRebuild(t *testing.T) {
	src := copyDir(t, basicSite)
	s := startServe(t, src)
	ev := listen(t, s.url)
	page := s.url + "articles/2024/07/asean-ministers-meet-in-vientiane-as-laos-chairs-the-bloc/"
	file := filepath.Join(src, "content", "2024-07-20-asean-talks.md")
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	broken := bytes.Replace(good, []byte("date = 2024-07-20"), []byte("date = <2024>"), 1)
	save(t, file, broken)
	ev.next(t)
	code, body := get(t, page)
	if code != 200 || !strings.Contains(body, "ASEAN ministers meet") {
		t.Fatalf("the last good page is not served during the failure: %d", code)
	}
	overlay := regexp.MustCompile(`id="attache-error"[^>]*>.*content/2024-07-20-asean-talks\.md:3`)
	if !overlay.MatchString(body) {
		t.Fatalf("no overlay naming content/2024-07-20-asean-talks.md:3 in:\n%s", body[strings.LastIndex(body, "<footer"):])
	}
	if strings.Contains(body, "date = <2024>") {
		t.Errorf("the overlay does not escape the message")
	}
	save(t, file, good)
	ev.next(t)
	if _, body := get(t, page); strings.Contains(body, "attache-error") {
		t.Fatalf("the overlay stayed after the fix")
	}
}

var corpusN = flag.Int("corpus", 10000, "articles in the benchmark's generated site")

// BenchmarkSaveToReload measures, on a generated site, the time from an
// article's save to the reload event, which is sent after the updated page
// is on disk. It reports the median and 95th percentile.
func BenchmarkSaveToReload(b *testing.B) {
	src := os.Getenv("ATTACHE_BENCH_SITE")
	if src == "" {
		src = b.TempDir()
		out, err := exec.Command("go", "run", "../corpusgen", "-n", fmt.Sprint(*corpusN), "-out", src).CombinedOutput()
		if err != nil {
			b.Fatalf("corpusgen: %v\n%s", err, out)
		}
	}
	files, err := filepath.Glob(filepath.Join(src, "content", "articles", "*", "*.md"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no articles in %s", src)
	}
	s := startServe(b, src)
	ev := listen(b, s.url)
	titleRE := regexp.MustCompile(`(?m)^title = "(.*)"$`)
	var lat []time.Duration
	b.ResetTimer()
	for i := range b.N {
		file := files[(i*7919)%len(files)]
		data, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		edited := titleRE.ReplaceAll(data, []byte(fmt.Sprintf(`title = "$1 (edit %d)"`, i)))
		start := time.Now()
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		ev.next(b)
		lat = append(lat, time.Since(start))
		b.StopTimer()
		os.WriteFile(file, data, 0o644)
		ev.next(b)
		b.StartTimer()
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*95/100)].Microseconds())/1000, "ms-p95")
	b.Logf("%s", lastLines(s.stdout.String(), 3))
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// TestServeBaseURLEdited edits the site's baseURL to another path while
// it is served: the site moves to the new path, its links with it, and
// the old path no longer serves it.
func TestServeBaseURLEdited(t *testing.T) {
	src := copyDir(t, basicSite)
	s := startServe(t, src)
	ev := listen(t, s.url)
	config := filepath.Join(src, "config.toml")
	data, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	edited := regexp.MustCompile(`(?m)^baseURL = .*$`).ReplaceAll(data, []byte(`baseURL = "https://example.org/brief/"`))
	save(t, config, edited)
	ev.next(t)
	u, err := neturl.Parse(s.url)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/brief/"
	moved := u.String()
	waitFor(t, "the new address", func() bool { return strings.Contains(s.stdout.String(), "at "+moved) })
	code, body := get(t, moved)
	if code != 200 || !strings.Contains(body, `href="`+moved) {
		t.Errorf("%s: %d; links to the new address: %v", moved, code, strings.Contains(body, `href="`+moved))
	}
	if code, _ := get(t, s.url+"articles/"); code != 404 {
		t.Errorf("the old path still serves the site: %d", code)
	}
}
