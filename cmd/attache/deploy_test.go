package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/attache/attache/generator/deploy/s3test"
)

// deploySite makes a new site whose [deploy] table points at srv.
func deploySite(t *testing.T, endpoint string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := runArgs(t, "new", "site", dir); code != exitOK {
		t.Fatalf("new site: %s", stderr)
	}
	path := filepath.Join(dir, "config.toml")
	cfg, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(cfg), "bucket = \"\"", "bucket = \"www\"", 1)
	s = strings.Replace(s, "endpoint = \"\"", "endpoint = \""+endpoint+"\"", 1)
	s = strings.Replace(s, "baseURL = \"http://localhost:1313/\"", "baseURL = \"https://briefings.example.org/\"", 1)
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// noCredentials makes sure no test reads the user's own credentials.
func noCredentials(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_ACCESS_KEY", "")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "")
	t.Setenv("AWS_SECRET_KEY", "")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("HOME", t.TempDir())
}

func TestDeployCommand(t *testing.T) {
	srv := s3test.Start(t)
	srv.Bucket(t, "www")
	noCredentials(t)
	t.Setenv("AWS_ACCESS_KEY_ID", s3test.AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", s3test.SecretKey)
	dir := deploySite(t, srv.Endpoint)
	if code, _, stderr := runArgs(t, "deploy", "-source", dir); code != exitContent || !strings.Contains(stderr, "run attache build first") {
		t.Errorf("deploy before a build: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runArgs(t, "build", "-source", dir, "-nocache"); code != exitOK {
		t.Fatalf("build: %s", stderr)
	}
	code, stdout, stderr := runArgs(t, "deploy", "-source", dir, "-dry-run")
	if code != exitOK || !regexp.MustCompile(`(?m)^upload index\.html \(new, page, `).MatchString(stdout) || !strings.Contains(stdout, "dry run: nothing was changed in s3://www/") {
		t.Fatalf("dry run: exit %d\n%s%s", code, stdout, stderr)
	}
	if objs := srv.Objects(t, "www"); len(objs) != 0 {
		t.Errorf("a dry run stored %d objects", len(objs))
	}
	code, stdout, stderr = runArgs(t, "deploy", "-source", dir)
	if code != exitOK || !regexp.MustCompile(`(?m)^deployed to s3://www/: \d+ uploaded \(.*\), 0 deleted, 0 unchanged in \d+ ms$`).MatchString(stdout) {
		t.Fatalf("deploy: exit %d\n%s%s", code, stdout, stderr)
	}
	if o := srv.Objects(t, "www")["index.html"]; o.ContentType != "text/html; charset=utf-8" || !strings.Contains(o.Body, "<html") {
		t.Errorf("index.html in the bucket: %s", o)
	}
	code, stdout, _ = runArgs(t, "deploy", "-source", dir)
	if code != exitOK || !regexp.MustCompile(`(?m)^deployed to s3://www/: 0 uploaded \(0 B\), 0 deleted, \d+ unchanged`).MatchString(stdout) {
		t.Errorf("second deploy: exit %d\n%s", code, stdout)
	}
	// The delete guard from the command line.
	welcome, _ := filepath.Glob(filepath.Join(dir, "content", "*-welcome.md"))
	if len(welcome) != 1 || os.Remove(welcome[0]) != nil {
		t.Fatalf("welcome example: %v", welcome)
	}
	if code, _, stderr := runArgs(t, "build", "-source", dir, "-nocache"); code != exitOK {
		t.Fatalf("build: %s", stderr)
	}
	code, _, stderr = runArgs(t, "deploy", "-source", dir, "-maxDeletes", "0")
	if code != exitContent || !strings.Contains(stderr, "more than the 0 allowed") {
		t.Errorf("deploy over -maxDeletes: exit %d: %s", code, stderr)
	}
	// A dry run says so too, rather than list deletions the deploy refuses.
	code, _, stderr = runArgs(t, "deploy", "-source", dir, "-maxDeletes", "0", "-dry-run")
	if code != exitContent || !strings.Contains(stderr, "more than the 0 allowed") {
		t.Errorf("dry run over -maxDeletes: exit %d: %s", code, stderr)
	}
}

func TestDeployErrors(t *testing.T) {
	noCredentials(t)
	dir := deploySite(t, "http://127.0.0.1:9")
	if code, _, stderr := runArgs(t, "build", "-source", dir, "-nocache"); code != exitOK {
		t.Fatalf("build: %s", stderr)
	}
	code, _, stderr := runArgs(t, "deploy", "-source", dir)
	if code != exitContent || !strings.Contains(stderr, "no storage credentials: set AWS_ACCESS_KEY_ID") {
		t.Errorf("deploy without credentials: exit %d: %s", code, stderr)
	}
	// Credentials in config.toml are refused, with where they go.
	path := filepath.Join(dir, "config.toml")
	cfg, _ := os.ReadFile(path)
	bad := strings.Replace(string(cfg), "bucket = \"www\"", "bucket = \"www\"\nsecret_access_key = \"abc\"", 1)
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runArgs(t, "deploy", "-source", dir)
	if code != exitContent || !strings.Contains(stderr, "credentials never go in config.toml") {
		t.Errorf("deploy with a secret in config.toml: exit %d: %s", code, stderr)
	}
	// No bucket.
	noBucket := strings.Replace(string(cfg), "bucket = \"www\"", "bucket = \"\"", 1)
	if err := os.WriteFile(path, []byte(noBucket), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AWS_ACCESS_KEY_ID", "x")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "y")
	if code, _, stderr := runArgs(t, "deploy", "-source", dir); code != exitContent || !strings.Contains(stderr, "no bucket") {
		t.Errorf("deploy without a bucket: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runArgs(t, "deploy", "extra"); code != exitUsage || !strings.Contains(stderr, `unexpected argument "extra"`) {
		t.Errorf("deploy extra: exit %d: %s", code, stderr)
	}
}
