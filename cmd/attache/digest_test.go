package main

import (
	"bytes"
	"context"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const fixtureSite = "../../generator/check/testdata/site"

func runCmd(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestDigestCommand(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		out  string // in stdout, or in stderr when code != 0
	}{
		{"latest week by default", []string{"-format", "text"}, 0, "Week 32, 2024"},
		{"a date picks its week", []string{"-format", "markdown", "-date", "2024-07-26"}, 0, "# Week 30, 2024 (22–28 July)"},
		{"monthly", []string{"-format", "text", "-period", "month", "-date", "2024-07-26"}, 0, "July 2024"},
		{"filtered by organisation", []string{"-format", "text", "-organisation", "asean"}, 0, "ASEAN · Week 30, 2024"},
		{"html is the default", []string{}, 0, "<!DOCTYPE html>"},
		{"unknown country", []string{"-country", "atlantis"}, 1, `country "atlantis"`},
		{"empty period", []string{"-date", "2024-07-15"}, 1, "no articles in Week 29, 2024"},
		{"unknown format", []string{"-format", "pdf"}, 2, `format "pdf"`},
		{"unknown period", []string{"-period", "fortnight"}, 2, `period "fortnight"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCmd(append([]string{"digest", "-source", fixtureSite}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.code, errs)
			}
			got := out
			if code != 0 {
				got = errs
			}
			if !strings.Contains(got, tt.out) {
				t.Errorf("output lacks %q:\n%s", tt.out, got)
			}
		})
	}

	// -o with the email format writes the plain-text companion too.
	html := filepath.Join(dir, "digest.html")
	if code, _, errs := runCmd("digest", "-source", fixtureSite, "-format", "email", "-o", html); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, f := range []string{html, filepath.Join(dir, "digest.txt")} {
		if b, err := os.ReadFile(f); err != nil || !bytes.Contains(b, []byte("https://example.org/briefings/")) {
			t.Errorf("%s: %v, %.80q", f, err, b)
		}
	}
}

func TestDigestReadyToSend(t *testing.T) {
	// The sample site's baseURL is localhost: a digest of it is an error
	// unless -baseURL gives a public address.
	code, _, errs := runCmd("digest", "-source", "../..", "-format", "text")
	if code != exitContent || !strings.Contains(errs, "baseURL http://localhost:1313/") || !strings.Contains(errs, "-baseURL") {
		t.Errorf("digest with a localhost baseURL: exit %d: %s", code, errs)
	}
	for _, local := range []string{"http://localhost:1313/", "http://192.168.1.10/"} {
		if code, _, errs := runCmd("digest", "-source", "../..", "-format", "text", "-baseURL", local); code == exitOK || !strings.Contains(errs, "-baseURL "+local) {
			t.Errorf("digest -baseURL %s: exit %d: %s", local, code, errs)
		}
	}
	// A display name may hold a comma.
	if code, out, errs := runCmd("digest", "-source", fixtureSite, "-format", "eml", "-from", "desk@example.org", "-to", `"Smith, Jane" <jane@example.org>, b@example.org`); code != exitOK || !strings.Contains(out, `To: "Smith, Jane" <jane@example.org>`) {
		t.Errorf("digest -to with a comma in a name: exit %d: %s%.300s", code, errs, out)
	}
	code, out, errs := runCmd("digest", "-source", "../..", "-format", "text", "-baseURL", "https://briefings.example.org/")
	if code != exitOK || !strings.Contains(out, "https://briefings.example.org/articles/") {
		t.Errorf("digest with -baseURL: exit %d: %s", code, errs)
	}
	// An eml needs addresses.
	code, _, errs = runCmd("digest", "-source", fixtureSite, "-format", "eml")
	if code != exitContent || !strings.Contains(errs, "no From address") || !strings.Contains(errs, "no To address") {
		t.Errorf("eml without addresses: exit %d: %s", code, errs)
	}
	code, out, errs = runCmd("digest", "-source", fixtureSite, "-format", "eml", "-from", "desk@example.org", "-to", "a@example.org,b@example.org")
	if code != exitOK {
		t.Fatalf("eml: exit %d: %s", code, errs)
	}
	msg, err := mail.ReadMessage(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if to, err := msg.Header.AddressList("To"); err != nil || len(to) != 2 {
		t.Errorf("To = %v, %v", to, err)
	}
	if msg.Header.Get("Message-ID") == "" || msg.Header.Get("Date") == "" {
		t.Errorf("headers %v", msg.Header)
	}
	if !strings.Contains(errs, "warning: ") || !strings.Contains(errs, "no unsubscribe address") {
		t.Errorf("eml without unsubscribe address: stderr %q", errs)
	}
}

func TestCheckCommand(t *testing.T) {
	code, out, errs := runCmd("check", "-source", fixtureSite)
	if code != 1 || !strings.Contains(out, `country "Atlantis": no such country`) || !strings.Contains(errs, "1 problems") {
		t.Errorf("check of the fixture: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	code, out, _ = runCmd("check", "-source", "../..")
	if code != 0 || !strings.HasPrefix(out, "ok: ") {
		t.Errorf("check of the sample site: exit %d: %s", code, out)
	}
	missing := filepath.Join(t.TempDir(), "public")
	if code, _, errs := runCmd("check", "-source", "../..", "-dir", missing); code == 0 || !strings.Contains(errs, "-dir "+missing+": ") {
		t.Errorf("check -dir of a missing folder: exit %d: %s", code, errs)
	}

	// A site publishing its feeds in one format is checked as it is
	// configured, built by check or beforehand.
	site := filepath.Join(t.TempDir(), "site")
	if code, _, errs := runCmd("new", "site", site); code != 0 {
		t.Fatalf("new site: %s", errs)
	}
	cfg, err := os.ReadFile(filepath.Join(site, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	one := bytes.Replace(cfg, []byte(`formats = ["atom", "rss", "json"]`), []byte(`formats = ["rss"]`), 1)
	if bytes.Equal(one, cfg) {
		t.Fatalf("the new site's config.toml sets no [feeds] formats:\n%s", cfg)
	}
	cfg = one
	if err := os.WriteFile(filepath.Join(site, "config.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(t.TempDir(), "public")
	if code, _, errs := runCmd("build", "-source", site, "-destination", public, "-baseURL", "https://example.org/"); code != 0 {
		t.Fatalf("build: %s", errs)
	}
	for _, args := range [][]string{{"check", "-source", site, "-baseURL", "https://example.org/"}, {"check", "-source", site, "-baseURL", "https://example.org/", "-dir", public}} {
		if code, out, errs := runCmd(args...); code != 0 {
			t.Errorf("%v: exit %d\nstdout: %s\nstderr: %s", args, code, out, errs)
		}
	}
}

// TestDigestNeverOverASource: digest -o, and the plain-text companion
// of -format email, refuse to land on the site's config.toml or in its
// content folder, whose files a build reads (a digest over config.toml
// lost the configuration; one beside a wire story replaced it).
func TestDigestNeverOverASource(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	site := filepath.Join(t.TempDir(), "site")
	if code, _, errs := runArgs(t, "new", "site", site); code != exitOK {
		t.Fatalf("new site: %s", errs)
	}
	wire, _ := filepath.Glob(filepath.Join(site, "content", "*.txt"))
	if len(wire) != 1 {
		t.Fatalf("the new site's wire story: %v", wire)
	}
	before := map[string][]byte{}
	for _, f := range []string{filepath.Join(site, "config.toml"), wire[0]} {
		before[f], _ = os.ReadFile(f)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-o", filepath.Join(site, "config.toml")}, "would overwrite the site's"},
		{[]string{"-format", "email", "-o", strings.TrimSuffix(wire[0], ".txt") + ".html"}, "lies in the site's"},
		{[]string{"-format", "markdown", "-o", wire[0]}, "would overwrite a file of the site's"},
	} {
		args := append([]string{"digest", "-source", site, "-baseURL", "https://example.org/"}, tt.args...)
		if code, _, errs := runArgs(t, args...); code == exitOK || !strings.Contains(errs, tt.want) {
			t.Errorf("digest %v: exit %d: %s", tt.args, code, errs)
		}
	}
	for f, data := range before {
		if now, _ := os.ReadFile(f); !bytes.Equal(now, data) {
			t.Errorf("%s was written over", f)
		}
	}
}
