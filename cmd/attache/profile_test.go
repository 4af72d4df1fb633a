package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestBuildProfiles builds a site twice with -cpuprofile, -memprofile and
// -trace: each file is written, and the second build's trace, from the
// build cache, marks the stages a user reads it for.
func TestBuildProfiles(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("ATTACHE_NOCACHE", "")
	src := copyDir(t, basicSite)
	dest := filepath.Join(t.TempDir(), "public")
	dir := t.TempDir()
	cpu, mem, tr := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "mem.prof"), filepath.Join(dir, "build.trace")
	for range 2 {
		var stdout, stderr bytes.Buffer
		args := []string{"build", "-source", src, "-destination", dest, "-cpuprofile", cpu, "-memprofile", mem, "-trace", tr}
		if code := run(context.Background(), args, &stdout, &stderr); code != exitOK {
			t.Fatalf("build exited %d: %s", code, stderr.String())
		}
	}
	for _, f := range []string{cpu, mem} {
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("%s: not written (%v)", filepath.Base(f), err)
		}
	}
	data, err := os.ReadFile(tr)
	if err != nil {
		t.Fatal(err)
	}
	for _, stage := range []string{"read cache", "scan output", "read content"} {
		if !bytes.Contains(data, []byte(stage)) {
			t.Errorf("the trace of a cached build has no %q region", stage)
		}
	}
}

// TestProfileFileErrors names the file a profile cannot be written to.
func TestProfileFileErrors(t *testing.T) {
	src := copyDir(t, basicSite)
	missing := filepath.Join(t.TempDir(), "no", "such", "folder", "build.trace")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"build", "-nocache", "-source", src, "-destination", filepath.Join(t.TempDir(), "public"), "-trace", missing}, &stdout, &stderr)
	if code == exitOK || !bytes.Contains(stderr.Bytes(), []byte("trace:")) || !bytes.Contains(stderr.Bytes(), []byte(missing)) {
		t.Errorf("exit %d, stderr %q: want a failure naming the trace file", code, stderr.String())
	}
}

// TestProfilesKeptApart refuses profile files that the build would remove
// or that would overwrite the site's sources, before anything is written:
// the file named is left as it was, and so is the output.
func TestProfilesKeptApart(t *testing.T) {
	src := copyDir(t, basicSite)
	dest := filepath.Join(t.TempDir(), "public")
	article := firstArticle(t, src)
	tests := []struct {
		flag, file, why string
	}{
		{"-cpuprofile", filepath.Join(dest, "cpu.prof"), "lies in the output folder"},
		{"-trace", dest, "lies in the output folder"},
		{"-memprofile", filepath.Join(src, "config.toml"), "would overwrite the site's"},
		{"-trace", article, "would overwrite a file of the site's"},
		{"-cpuprofile", filepath.Join(src, "content", "cpu.prof"), "lies in the site's"},
		{"-trace", filepath.Join(src, "templates", "build.trace"), "lies in the site's"},
	}
	for _, tt := range tests {
		before, _ := os.ReadFile(tt.file)
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"build", "-nocache", "-source", src, "-destination", dest, tt.flag, tt.file}, &stdout, &stderr)
		if code == exitOK || !bytes.Contains(stderr.Bytes(), []byte(tt.why)) {
			t.Errorf("%s %s: exit %d, stderr %q; want a refusal saying %q", tt.flag, tt.file, code, stderr.String(), tt.why)
		}
		if after, _ := os.ReadFile(tt.file); !bytes.Equal(before, after) {
			t.Errorf("%s %s: the file changed", tt.flag, tt.file)
		}
		if _, err := os.Stat(dest); err == nil {
			t.Errorf("%s %s: the build ran", tt.flag, tt.file)
		}
	}
	beside := filepath.Join(src, "cpu.prof")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"build", "-nocache", "-source", src, "-destination", dest, "-cpuprofile", beside}, &stdout, &stderr); code != exitOK {
		t.Errorf("a profile in the site folder, outside its inputs: exit %d, %s", code, stderr.String())
	}
}

// firstArticle returns the path of one of the site's articles.
func firstArticle(t *testing.T, src string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(src, "content", "*.md"))
	if len(files) == 0 {
		files, _ = filepath.Glob(filepath.Join(src, "content", "*", "*.md"))
	}
	if len(files) == 0 {
		t.Fatalf("no article in %s", src)
	}
	return files[0]
}
