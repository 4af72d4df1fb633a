package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attache/attache/generator/detect"
)

func TestEntitiesJSON(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "2024-07-26-talks.md")
	bad := filepath.Join(dir, "broken.md")
	os.WriteFile(good, []byte("+++\ntitle = \"China and Russia talk in Vientiane\"\n+++\nThe Association of Southeast Asian Nations (ASEAN) met. China said ASEAN matters.\n"), 0o644)
	os.WriteFile(bad, []byte("+++\ntitle = \n+++\n"), 0o644)
	var out, errOut bytes.Buffer
	err := runEntities(context.Background(), []string{"-json", good, bad}, &out, &errOut)
	if err == nil {
		t.Fatal("want an error for the unparsable file")
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 JSON lines, got %d:\n%s", len(lines), out.String())
	}
	var r detect.Report
	if err := json.Unmarshal([]byte(lines[0]), &r); err != nil {
		t.Fatal(err)
	}
	if r.Title != "China and Russia talk in Vientiane" || len(r.Countries) < 3 {
		t.Fatalf("report = %+v", r)
	}
	cn := r.Countries[0]
	if cn.Code != "CN" || cn.Code3 != "CHN" || cn.Slug != "china" || !cn.Primary || cn.Mentions != 2 {
		t.Errorf("first country = %+v", cn)
	}
	if len(r.Organisations) != 1 || r.Organisations[0].ID != "asean" || r.Organisations[0].Acronym != "ASEAN" || r.Organisations[0].Mentions != 3 {
		t.Errorf("organisations = %+v", r.Organisations)
	}
	var e detect.Report
	if err := json.Unmarshal([]byte(lines[1]), &e); err != nil || e.File != bad || e.Error == "" {
		t.Errorf("error line = %s", lines[1])
	}
	if !strings.Contains(errOut.String(), "broken.md") {
		t.Errorf("stderr does not name the file: %q", errOut.String())
	}
}

func TestEntitiesText(t *testing.T) {
	var out, errOut bytes.Buffer
	seed := filepath.Join("..", "..", "generator", "detect", "testdata", "seed-xinhua.txt")
	if err := runEntities(context.Background(), []string{seed}, &out, &errOut); err != nil {
		t.Fatal(err, errOut.String())
	}
	for _, want := range []string{"LA Laos", "VIENTIANE@dateline:0", "cpc", "Communist Party of China (CPC)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
