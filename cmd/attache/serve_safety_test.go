package main

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

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
	for _, bind := range []string{"127.0.0.1", "::1", "localhost"} {
		var stderr strings.Builder
		if got := announcedHost(bind, &stderr); got != bind || stderr.Len() > 0 {
			t.Errorf("%s: announced %q, warned %q", bind, got, stderr.String())
		}
	}
	var stderr strings.Builder
	if got := announcedHost("192.0.2.7", &stderr); got != "192.0.2.7" || !strings.Contains(stderr.String(), "warning: -bind 192.0.2.7") {
		t.Errorf("192.0.2.7: announced %q, warned %q", got, stderr.String())
	}
	stderr.Reset()
	if got := announcedHost("0.0.0.0", &stderr); got == "0.0.0.0" || net.ParseIP(got) == nil && got != "localhost" || !strings.Contains(stderr.String(), "warning:") {
		t.Errorf("0.0.0.0: announced %q, warned %q", got, stderr.String())
	}
}
