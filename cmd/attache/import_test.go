package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestImportCommand imports a feed served on 127.0.0.1 and a folder of
// e-mail into a new site, twice, and builds it: the second import changes
// nothing, and the stories are published.
func TestImportCommand(t *testing.T) {
	rss, err := os.ReadFile("../../generator/importer/testdata/rss.xml")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"1"`)
		_, _ = w.Write(rss)
	}))
	defer srv.Close()
	site := t.TempDir()
	if err := os.WriteFile(filepath.Join(site, "config.toml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	mail := t.TempDir()
	for _, f := range []string{"plain.eml", "html-latin1.eml"} {
		b, err := os.ReadFile(filepath.Join("../../generator/importer/testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(mail, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		args   []string
		code   int
		stdout string
	}{
		{[]string{"import", "-source", site, "-dry-run", srv.URL}, exitOK, `(?s)^new .*would import \(dry run\): 2 new, 0 updated, 0 unchanged\n$`},
		{[]string{"import", "-source", site, srv.URL}, exitOK, `(?s)new +content/imported/mfa-2026-1130-01-[0-9a-f]{8}\.md +Foreign Minister meets ASEAN counterparts\n.*imported: 2 new, 0 updated, 0 unchanged\n$`},
		{[]string{"import", "-source", site, srv.URL}, exitOK, `(?s)unchanged .*\(not modified\)\nimported: 0 new, 0 updated, 0 unchanged\n$`},
		{[]string{"import", "-source", site, "-format", "eml", mail}, exitOK, `imported: 2 new, 0 updated, 0 unchanged\n$`},
		{[]string{"import", "-source", site, "-format", "eml", mail}, exitOK, `imported: 0 new, 0 updated, 2 unchanged\n$`},
		{[]string{"import", "-nope", srv.URL}, exitUsage, ""},
		{[]string{"import", "-source", site, "-format", "pdf", srv.URL}, exitUsage, ""},
		{[]string{"import", "-source", site, srv.URL + "/a", "missing.xml"}, exitContent, ""},
		{[]string{"import", "-source", site}, exitUsage, ""},
		{[]string{"import", "-source", site, "-dir", "../outside", srv.URL}, exitContent, ""},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), tt.args, &stdout, &stderr); code != tt.code {
			t.Fatalf("%s: exit %d, want %d\n%s", strings.Join(tt.args, " "), code, tt.code, stderr.String())
		}
		if tt.stdout != "" && !regexp.MustCompile(tt.stdout).MatchString(stdout.String()) {
			t.Errorf("%s: stdout\n%s\ndoes not match %s", strings.Join(tt.args, " "), stdout.String(), tt.stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "outside")); err == nil {
		t.Error("-dir ../outside wrote outside content/")
	}
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"build", "-source", site, "-destination", out, "-nocache"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("build: %s", stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "built 4 articles") {
		t.Errorf("build: %s", stdout.String())
	}
	for _, want := range []string{"Lake Turkana", "South China Sea", "Déclaration de Paris"} {
		if len(outputContains(t, out, want)) == 0 {
			t.Errorf("%q is in no output file", want)
		}
	}
}
