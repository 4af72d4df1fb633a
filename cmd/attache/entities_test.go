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

// TestEntitiesPublished checks that `attache entities DIR` reports what a
// build publishes: config aliases and suppression, front-matter additions
// and exclusions, each with its source, and the folder walked as a build
// walks it.
func TestEntitiesPublished(t *testing.T) {
	site := t.TempDir()
	os.WriteFile(filepath.Join(site, "config.toml"), []byte(`
[entities]
suppressCountries = ["Japan"]
[entities.countryAliases]
KR = ["the South"]
`), 0o644)
	content := filepath.Join(site, "content")
	os.MkdirAll(filepath.Join(content, "asia"), 0o755)
	os.MkdirAll(filepath.Join(content, "_drafts"), 0o755)
	os.WriteFile(filepath.Join(content, "asia", "2024-07-26-talks.md"), []byte(`+++
title = "Talks in Seoul"
countries = ["Mongolia"]
exclude_countries = ["China"]
organisations = ["asean"]
+++
Officials from the South met Japanese and Chinese envoys in Seoul. China said little.
`), 0o644)
	os.WriteFile(filepath.Join(content, "asia", "notes.txt.bak"), []byte("not an article"), 0o644)
	os.WriteFile(filepath.Join(content, "_drafts", "x.md"), []byte("+++\ntitle = \"x\"\n+++\nx\n"), 0o644)
	os.WriteFile(filepath.Join(content, "wire.txt"), []byte("(Xinhua) 09:15, May 12, 2025\n\nNAIROBI, May 12 (Xinhua) -- Kenya cut rates on Monday. Markets rose.\n"), 0o644)

	var out, errOut bytes.Buffer
	if err := runEntities(context.Background(), []string{"-json", "-source", site, content}, &out, &errOut); err != nil {
		t.Fatal(err, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 reports (the _drafts folder and non-articles skipped), got %d:\n%s", len(lines), out.String())
	}
	var r detect.Report
	if err := json.Unmarshal([]byte(lines[0]), &r); err != nil {
		t.Fatal(err)
	}
	got := map[string]detect.CountryReport{}
	for _, c := range r.Countries {
		got[c.Code] = c
	}
	if len(got) != 2 || got["KR"].Code == "" || got["MN"].Code == "" {
		t.Fatalf("published countries = %+v, want KR and MN", r.Countries)
	}
	if kr := got["KR"]; !hasEvidence(kr.Evidence, "South", "config.toml [entities.countryAliases]") || kr.Confidence <= 0 {
		t.Errorf("KR = %+v, want the config alias as a source and a confidence", kr)
	}
	if mn := got["MN"]; !mn.Primary || !hasEvidence(mn.Evidence, "countries: Mongolia", "front matter") {
		t.Errorf("MN = %+v, want primary from front matter", mn)
	}
	reasons := map[string]string{}
	for _, x := range r.Dropped {
		reasons[x.ID] = x.Reason
	}
	if !strings.Contains(reasons["JP"], "suppressCountries") || !strings.Contains(reasons["CN"], "exclude_countries") {
		t.Errorf("dropped = %+v, want JP suppressed and CN excluded", r.Dropped)
	}
	if len(r.Organisations) != 1 || r.Organisations[0].ID != "asean" || !r.Organisations[0].Primary {
		t.Errorf("organisations = %+v, want asean from front matter", r.Organisations)
	}
	var w detect.Report
	if err := json.Unmarshal([]byte(lines[1]), &w); err != nil {
		t.Fatal(err)
	}
	if w.Title != "Kenya cut rates on Monday" || len(w.Notes) == 0 || len(w.Countries) != 1 || w.Countries[0].Code != "KE" {
		t.Errorf("wire report = %+v, want a derived title noted and Kenya", w)
	}

	out.Reset()
	if err := runEntities(context.Background(), []string{"-source", site, content}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"not published:", "JP Japan: suppressed", "front matter countries: Mongolia", "(config.toml [entities.countryAliases])"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("text output lacks %q:\n%s", want, out.String())
		}
	}
}

func hasEvidence(ev []detect.EvidenceReport, text, source string) bool {
	for _, e := range ev {
		if e.Text == text && e.Source == source {
			return true
		}
	}
	return false
}
