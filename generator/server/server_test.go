package server

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// site writes a small output folder, with a secret beside it that a
// symbolic link inside points to.
func site(t *testing.T) string {
	t.Helper()
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	files := map[string]string{
		"index.html":                "<!DOCTYPE html><html><body><h1>Home</h1></body></html>",
		"404.html":                  "<html><body><h1>Not here</h1></body></html>",
		"countries/laos/index.html": "<html><BODY><h1>Laos</h1></BODY></html>",
		"assets/css/main.abc.css":   "body{color:red}",
		"atom.xml":                  "<feed/>",
		"feed.json":                 "{}",
		"countries/laos/rss.xml":    "<rss/>",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(parent, "secret.txt"), []byte("SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(parent, "secret.txt"), filepath.Join(dir, "leak.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(parent, filepath.Join(dir, "up")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestServe(t *testing.T) {
	dir := site(t)
	for _, base := range []string{"/", "/briefings/"} {
		ts := httptest.NewServer(New(dir, WithBasePath(base)))
		defer ts.Close()
		client := ts.Client()
		client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		tests := []struct {
			path, ctype string
			status      int
			body        string // substring
			location    string
		}{
			{"", "text/html; charset=utf-8", 200, "<h1>Home</h1>", ""},
			{"countries/laos/", "text/html; charset=utf-8", 200, "<h1>Laos</h1>", ""},
			{"countries/laos", "", 301, "", base + "countries/laos/"},
			{"assets/css/main.abc.css", "text/css; charset=utf-8", 200, "body{color:red}", ""},
			{"atom.xml", "text/xml; charset=utf-8", 200, "<feed/>", ""},
			{"feed.json", "application/json", 200, "{}", ""},
			{"nope/", "text/html; charset=utf-8", 404, "Not here", ""},
			{"../secret.txt", "text/html; charset=utf-8", 404, "Not here", ""},
			{"%2e%2e/secret.txt", "text/html; charset=utf-8", 404, "Not here", ""},
			{"countries/%2E%2E/%2e%2e/secret.txt", "text/html; charset=utf-8", 404, "Not here", ""},
			{"countries/..%2f..%2fsecret.txt", "text/html; charset=utf-8", 404, "Not here", ""},
			{"leak.txt", "text/html; charset=utf-8", 404, "Not here", ""},
			{"up/secret.txt", "text/html; charset=utf-8", 404, "Not here", ""},
		}
		for _, tt := range tests {
			req, _ := http.NewRequest("GET", ts.URL+base+tt.path, nil)
			req.URL.Opaque = base + tt.path // send the path exactly as written
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status {
				t.Errorf("%s%s: status %d, want %d", base, tt.path, resp.StatusCode, tt.status)
			}
			if tt.ctype != "" && resp.Header.Get("Content-Type") != tt.ctype {
				t.Errorf("%s%s: Content-Type %q, want %q", base, tt.path, resp.Header.Get("Content-Type"), tt.ctype)
			}
			if !strings.Contains(string(body), tt.body) || strings.Contains(string(body), "SECRET") {
				t.Errorf("%s%s: body %q, want it to contain %q", base, tt.path, body, tt.body)
			}
			if tt.location != "" && resp.Header.Get("Location") != tt.location {
				t.Errorf("%s%s: Location %q, want %q", base, tt.path, resp.Header.Get("Location"), tt.location)
			}
			isHTML := strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html")
			if injected := strings.Contains(string(body), EventsPath); injected != (isHTML && resp.StatusCode != 301) {
				t.Errorf("%s%s: live-reload script injected = %v", base, tt.path, injected)
			}
		}
	}
	on, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil || strings.Contains(string(on), EventsPath) {
		t.Errorf("the script reached the file on disk")
	}
}

func TestScriptBeforeBody(t *testing.T) {
	s := New(t.TempDir())
	got := string(s.inject([]byte("<html><BODY>x</BODY></html>")))
	if !strings.HasSuffix(got, "</script></BODY></html>") {
		t.Errorf("script not placed before </BODY>: %s", got)
	}
	got = string(s.inject([]byte("fragment")))
	if !strings.HasPrefix(got, "fragment<script>") {
		t.Errorf("script not appended to a page without </body>: %s", got)
	}
}

// TestOverlay fails a rebuild: pages keep their content and gain an escaped
// overlay until the next Reload.
func TestOverlay(t *testing.T) {
	s := New(site(t))
	ts := httptest.NewServer(s)
	defer ts.Close()
	s.Fail(errors.New(`content/a.md:3: date: "<script>" is not a date`))
	_, body := fetch(t, ts.URL+"/")
	if !strings.Contains(body, "<h1>Home</h1>") || !strings.Contains(body, `id="`+OverlayID+`"`) {
		t.Fatalf("page during a failure: %s", body)
	}
	if !strings.Contains(body, `content/a.md:3: date: &#34;&lt;script&gt;&#34; is not a date`) {
		t.Errorf("overlay message missing or unescaped: %s", body)
	}
	s.Reload()
	if _, body := fetch(t, ts.URL+"/"); strings.Contains(body, OverlayID) {
		t.Errorf("overlay stayed after Reload")
	}
}

// TestNotBuilt: before any build has written the output, pages say so, show
// why the first build failed once it has, and carry the live-reload
// script, so that fixing the file brings the site up.
func TestNotBuilt(t *testing.T) {
	s := New(filepath.Join(t.TempDir(), "public"))
	ts := httptest.NewServer(s)
	defer ts.Close()
	code, body := fetch(t, ts.URL+"/countries/")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "not built yet") || !strings.Contains(body, EventsPath) {
		t.Errorf("before the first build: %d %s", code, body)
	}
	s.Fail(errors.New(`config.toml:3: baseURL: "<x>" is not a URL`))
	if _, body := fetch(t, ts.URL+"/"); !strings.Contains(body, `id="`+OverlayID+`"`) || !strings.Contains(body, `config.toml:3: baseURL: &#34;&lt;x&gt;&#34; is not a URL`) {
		t.Errorf("after a failed first build: %s", body)
	}
}

func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestEvents receives the version on connecting and a reload event after
// each change; Close ends the stream.
func TestEvents(t *testing.T) {
	s := New(site(t))
	ts := httptest.NewServer(s)
	defer ts.Close()
	resp, err := http.Get(ts.URL + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	data := func() string {
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					return "<closed>"
				}
				if d, ok := strings.CutPrefix(l, "data: "); ok {
					return d
				}
			case <-time.After(60 * time.Second): // a limit for a loaded machine
				t.Fatal("no event")
			}
		}
	}
	if d := data(); d != "0" {
		t.Fatalf("first event data %q, want version 0", d)
	}
	s.Reload()
	if d := data(); d != "1" {
		t.Fatalf("after Reload: %q, want 1", d)
	}
	s.Fail(errors.New("x"))
	if d := data(); d != "2" {
		t.Fatalf("after Fail: %q, want 2", d)
	}
	s.Close()
	if d := data(); d != "<closed>" {
		t.Fatalf("stream not closed by Close: %q", d)
	}
}

func TestListenPortInUse(t *testing.T) {
	ln, err := Listen(t.Context(), "127.0.0.1", 0, false)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	if _, err := Listen(t.Context(), "127.0.0.1", port, false); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("second listen on a taken port: %v", err)
	}
	next, err := Listen(t.Context(), "127.0.0.1", port, true)
	if err != nil {
		t.Fatalf("next free port: %v", err)
	}
	defer next.Close()
	if p := next.Addr().(*net.TCPAddr).Port; p <= port {
		t.Errorf("next free port %d, want above %d", p, port)
	}
}
