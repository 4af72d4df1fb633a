package main

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/server"
)

// TestServeBindEverywhere: -bind 0.0.0.0 warns that the preview is open to
// the network and announces an address other machines can use; requests
// for another host name are refused.
func TestServeBindEverywhere(t *testing.T) {
	ext := server.ExternalAddress()
	if ext == "" {
		t.Skip("this machine has no address but the loopback one")
	}
	s := startServe(t, copyDir(t, basicSite), "-bind", "0.0.0.0")
	if !strings.Contains(s.stderr.String(), "warning: -bind 0.0.0.0: the preview is served to every machine that can reach "+ext) {
		t.Errorf("no warning; stderr:\n%s", s.stderr.String())
	}
	u, err := url.Parse(s.url)
	if err != nil || u.Hostname() != ext {
		t.Fatalf("announced %s, want the address %s", s.url, ext)
	}
	if code, _ := get(t, s.url); code != http.StatusOK {
		t.Errorf("GET %s: %d", s.url, code)
	}
	req, _ := http.NewRequest("GET", s.url, nil)
	req.Host = "rebound.example:" + u.Port()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("Host rebound.example: %d, want %d", resp.StatusCode, http.StatusMisdirectedRequest)
	}
}

func TestAnnouncedHost(t *testing.T) {
	for _, bind := range []string{"127.0.0.1", "::1", "localhost", "LOCALHOST", "localhost."} {
		var stderr strings.Builder
		if got := announcedHost(bind, &stderr); got != bind || stderr.Len() > 0 {
			t.Errorf("%s: announced %q, warned %q", bind, got, stderr.String())
		}
	}
	var stderr strings.Builder
	if got := announcedHost("192.0.2.7", &stderr); got != "192.0.2.7" || !strings.Contains(stderr.String(), "warning: -bind 192.0.2.7") {
		t.Errorf("192.0.2.7: announced %q, warned %q", got, stderr.String())
	}
	// "" listens on every interface, as 0.0.0.0 does: pages must not
	// link to "http://:1313/".
	for _, bind := range []string{"0.0.0.0", ""} {
		stderr.Reset()
		if got := announcedHost(bind, &stderr); got == bind || net.ParseIP(got) == nil && got != "localhost" || !strings.Contains(stderr.String(), "warning:") {
			t.Errorf("%q: announced %q, warned %q", bind, got, stderr.String())
		}
	}
}

// TestServeRefusedDestination: serve and watch stop, before serve listens,
// on an output folder that a build refuses (the site's own folder, the
// home folder, someone's files), instead of serving the folder's files
// or failing every rebuild.
func TestServeRefusedDestination(t *testing.T) {
	src := copyDir(t, basicSite)
	others := t.TempDir()
	if err := os.WriteFile(filepath.Join(others, "notes.txt"), []byte("private"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ cmd, dest string }{{"serve", src}, {"serve", others}, {"watch", src}, {"watch", others}} {
		dest := c.dest
		var stdout, stderr syncBuffer
		// Served, the folder would be served until the context ends.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		args := []string{c.cmd, "-source", src, "-destination", dest}
		if c.cmd == "serve" {
			args = append(args, "-port", "0")
		}
		code := run(ctx, args, &stdout, &stderr)
		if code != exitContent || stdout.String() != "" {
			t.Errorf("%s -destination %s: exit %d, stdout %q, stderr %q; want exit %d before anything", c.cmd, dest, code, stdout.String(), stderr.String(), exitContent)
		}
	}
	if b, err := os.ReadFile(filepath.Join(others, "notes.txt")); err != nil || string(b) != "private" {
		t.Errorf("someone's file: %q, %v", b, err)
	}
}
