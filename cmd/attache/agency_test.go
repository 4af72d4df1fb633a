package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// newsItem returns a NewsML-G2 news item; body is NITF paragraphs.
func newsItem(guid string, version int, status, embargo, headline, body string) string {
	emb := ""
	if embargo != "" {
		emb = "<embargoed>" + embargo + "</embargoed>"
	}
	return fmt.Sprintf(`<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid=%q version="%d" standard="NewsML-G2" standardversion="2.35">
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:EXA"/>
    <versionCreated>2026-11-29T1%d:00:00Z</versionCreated>
    <firstCreated>2026-11-29T09:00:00Z</firstCreated>
    %s
    <pubStatus qcode="stat:%s"/>
  </itemMeta>
  <contentMeta><slugline>%s</slugline><headline>%s</headline></contentMeta>
  <contentSet><inlineXML contenttype="application/nitf+xml"><nitf><body><body.content>%s</body.content></body></nitf></inlineXML></contentSet>
</newsItem>
`, guid, version, version, emb, status, guid, headline, body)
}

func ninjsItem(uri string, version int, status, embargo, headline, body string) string {
	return fmt.Sprintf(`{"uri": %q, "type": "text", "version": "%d", "versionCreated": "2026-11-28T1%d:00:00Z", "pubStatus": %q, "embargoed": %q,
  "headlines": [{"role": "main", "value": %q}], "bodies": [{"role": "main", "contentType": "text/html", "value": %q}], "language": "de"}`,
		uri, version, version, status, embargo, headline, body)
}

// agencySite writes a site whose content exercises versions, kills,
// embargoes, a newsMessage and broken files; kill says whether the kill
// notice for the Zebraquokka story has arrived yet.
func agencySite(t *testing.T, dir string, kill bool) {
	t.Helper()
	files := map[string]string{
		"config.toml":    "title = \"Desk\"\nbaseURL = \"https://example.org/\"\n",
		"content/own.md": "+++\ntitle = \"Our own analysis of France\"\ndate = 2026-11-27\n+++\nParis and Berlin disagree.\n",
		"content/agency/minister-v1.xml": newsItem("urn:exa:minister", 1, "usable", "",
			"Minister Zebraquokka resigns", "<p>The minister Zebraquokka of Laos resigned on Sunday.</p><p>Zebraquokka denied wrongdoing.</p>"),
		"content/agency/budget-v1.json": ninjsItem("urn:exa:budget", 1, "usable", "", "Haushalt vorgestellt", "<p>Oldbudgettext aus Berlin.</p>"),
		"content/agency/budget-v2.json": ninjsItem("urn:exa:budget", 2, "usable", "", "Haushalt vorgestellt (aktualisiert)", "<p>Newbudgettext aus Berlin.</p>"),
		"content/agency/embargo.json":   ninjsItem("urn:exa:future", 1, "usable", "2099-01-01T00:00:00Z", "Embargoed report", "<p>Heldbacktext about Japan.</p>"),
		"content/agency/lifted.json":    ninjsItem("urn:exa:past", 1, "usable", "2000-01-01T00:00:00Z", "Lifted report", "<p>Liftedtext about Chile.</p>"),
		"content/agency/withheld.json":  ninjsItem("urn:exa:withheld", 3, "withheld", "", "Withheld report", "<p>Withheldtext about Peru.</p>"),
		"content/agency/message.xml": `<?xml version="1.0"?><newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>` +
			newsItem("urn:exa:m1", 1, "usable", "", "Firstitem headline", "<p>Firstitemtext from Kenya.</p>") +
			newsItem("urn:exa:m2", 1, "usable", "", "Seconditem headline", "<p>Seconditemtext from Ghana.</p>") +
			`</itemSet></newsMessage>`,
		"content/agency/broken.json": "{\n  \"uri\": \"urn:exa:broken\",\n  \"headlines\": [\n}\n",
		"content/agency/picture.xml": `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:exa:pic" version="1"><itemMeta><itemClass qcode="ninat:picture"/><versionCreated>2026-11-29T10:00:00Z</versionCreated></itemMeta></newsItem>`,
	}
	if kill {
		files["content/agency/minister-kill.xml"] = newsItem("urn:exa:minister", 2, "canceled", "", "KILL", "<p>Withdrawn.</p>")
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// outputContains returns the output files that contain word, in any case.
func outputContains(t *testing.T, dir, word string) []string {
	t.Helper()
	var hits []string
	word = strings.ToLower(word)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(bytes.ToLower(b), []byte(word)) {
			rel, _ := filepath.Rel(dir, p)
			hits = append(hits, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

// TestAgencyBuild builds a site of agency copy twice, the kill notice
// arriving between the builds, with and without the build cache: the
// killed story must vanish from every output file, superseded versions
// and embargoed stories never appear, and broken or non-text agency files
// are reported without stopping the build.
func TestAgencyBuild(t *testing.T) {
	for _, nocache := range []bool{true, false} {
		t.Run(fmt.Sprintf("nocache=%v", nocache), func(t *testing.T) {
			t.Setenv("XDG_CACHE_HOME", t.TempDir())
			t.Setenv("ATTACHE_NOCACHE", "")
			src, out := t.TempDir(), filepath.Join(t.TempDir(), "public")
			build := func() string { return buildOK(t, src, out, nocache) }

			agencySite(t, src, false)
			stderr := build()
			if hits := outputContains(t, out, "Zebraquokka"); len(hits) == 0 {
				t.Fatal("before the kill the story is published")
			}
			for _, want := range []string{
				"content/agency/embargo.json: held until 2099-01-01 00:00 UTC (embargoed)",
				"content/agency/withheld.json: not published: withheld by the agency",
				"content/agency/broken.json:4: JSON: invalid character '}'",
				"content/agency/picture.xml:1: newsItem urn:exa:pic is a ninat:picture item, not text (skipped)",
			} {
				if !strings.Contains(stderr, want) {
					t.Errorf("build output lacks %q:\n%s", want, stderr)
				}
			}

			agencySite(t, src, true)
			build()
			if hits := outputContains(t, out, "Zebraquokka"); len(hits) > 0 {
				t.Errorf("the killed story is still in %s", hits)
			}
			for _, gone := range []string{"Oldbudgettext", "Heldbacktext", "Withheldtext"} {
				if hits := outputContains(t, out, gone); len(hits) > 0 {
					t.Errorf("%s is in %s", gone, hits)
				}
			}
			for _, there := range []string{"Newbudgettext", "Liftedtext", "Firstitemtext", "Seconditemtext", "Paris and Berlin"} {
				if hits := outputContains(t, out, there); len(hits) == 0 {
					t.Errorf("%s is in no output file", there)
				}
			}
		})
	}
}

// TestSkippedInFileOrder builds a site of many agency files that are
// skipped with a warning: however the files are shared out among the
// parsing goroutines, the warnings come in the files' order, the same
// from build to build, with and without the build cache.
func TestSkippedInFileOrder(t *testing.T) {
	for _, nocache := range []bool{true, false} {
		t.Run(fmt.Sprintf("nocache=%v", nocache), func(t *testing.T) {
			t.Setenv("XDG_CACHE_HOME", t.TempDir())
			t.Setenv("ATTACHE_NOCACHE", "")
			src, out := t.TempDir(), filepath.Join(t.TempDir(), "public")
			files := map[string]string{"config.toml": "title = \"Wire\"\nbaseURL = \"https://example.org/\"\n"}
			var want []string
			for i := range 60 {
				name := fmt.Sprintf("content/agency/picture-%02d.xml", i)
				files[name] = fmt.Sprintf(`<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:exa:pic%d" version="1"><itemMeta><itemClass qcode="ninat:picture"/><versionCreated>2026-11-29T10:00:00Z</versionCreated></itemMeta></newsItem>`, i)
				want = append(want, name+":1:")
			}
			for name, data := range files {
				if err := writeFile(filepath.Join(src, name), []byte(data)); err != nil {
					t.Fatal(err)
				}
			}
			var got []string
			for line := range strings.Lines(buildOK(t, src, out, nocache)) {
				if i := strings.Index(line, "content/agency/picture-"); i >= 0 && strings.Contains(line, "(skipped)") {
					got = append(got, line[i:i+len(want[0])])
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("skipped files reported in this order:\n%s\nwant the files' order", strings.Join(got, "\n"))
			}
		})
	}
}

// buildOK builds the site in src into out, with the build cache or
// without, and returns what the build printed to its standard error.
func buildOK(t *testing.T, src, out string, nocache bool) string {
	t.Helper()
	args := []string{"build", "-source", src, "-destination", out}
	if nocache {
		args = append(args, "-nocache")
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), args, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr.String())
	}
	return stderr.String()
}
