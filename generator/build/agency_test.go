package build

import (
	"context"
	"fmt"
	"github.com/attache/attache/generator/pipeline"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func agencyItem(guid string, version int, status, headline, text string) string {
	return fmt.Sprintf(`<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid=%q version="%d"><itemMeta><itemClass qcode="ninat:text"/>`+
		`<versionCreated>2026-11-29T1%d:00:00Z</versionCreated><firstCreated>2026-11-29T08:00:00Z</firstCreated><pubStatus qcode="stat:%s"/></itemMeta>`+
		`<contentMeta><headline>%s</headline></contentMeta><contentSet><inlineXML><p>%s</p></inlineXML></contentSet></newsItem>`,
		guid, version, version, status, headline, text)
}

func message(items ...string) string {
	return `<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>` + strings.Join(items, "") + `</itemSet></newsMessage>`
}

// TestBuilderAgency drives a long-lived Builder, as watch and serve do,
// through agency deliveries: a newsMessage of two stories, a new version,
// a kill, and an item dropped from the message. After every rebuild the
// output must be a clean build's, and the words of superseded, killed and
// dropped stories must be in no file.
func TestBuilderAgency(t *testing.T) {
	ctx := context.Background()
	src := t.TempDir()
	must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), []byte("title = \"Desk\"\nbaseURL = \"https://example.org/\"\n"), 0o644))
	content := filepath.Join(src, "content")
	must(t, os.MkdirAll(content, 0o755))
	write := func(name, body string) string {
		p := filepath.Join(content, name)
		must(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	dest := filepath.Join(t.TempDir(), "public")
	b := NewBuilder(pipeline.Options{Source: src, Destination: dest, Workers: 2})

	steps := []struct {
		name          string
		edit          func() []string
		present, gone []string
	}{
		{"first build", func() []string {
			write("message.xml", message(
				agencyItem("urn:a", 1, "usable", "Alpha story", "Alphaword from Laos."),
				agencyItem("urn:b", 1, "usable", "Beta story", "Betaword from Peru.")))
			write("gamma-1.xml", agencyItem("urn:g", 1, "usable", "Gamma story", "Gammaold from Chile."))
			return nil
		}, []string{"Alphaword", "Betaword", "Gammaold"}, nil},
		{"new version", func() []string {
			return []string{write("gamma-2.xml", agencyItem("urn:g", 2, "usable", "Gamma story updated", "Gammanew from Chile."))}
		}, []string{"Gammanew"}, []string{"Gammaold"}},
		{"kill", func() []string {
			return []string{write("alpha-kill.xml", agencyItem("urn:a", 2, "canceled", "KILL", "Withdrawn."))}
		}, []string{"Betaword", "Gammanew"}, []string{"Alphaword", "Withdrawn"}},
		{"item dropped from the message", func() []string {
			return []string{write("message.xml", message(agencyItem("urn:a", 1, "usable", "Alpha story", "Alphaword from Laos.")))}
		}, []string{"Gammanew"}, []string{"Betaword", "Alphaword"}},
		{"kill by the status's URI", func() []string {
			return []string{write("gamma-3.xml", strings.Replace(agencyItem("urn:g", 3, "usable", "Gamma", "Gammakill."),
				`<pubStatus qcode="stat:usable"/>`, `<pubStatus uri="http://cv.iptc.org/newscodes/pubstatusg2/canceled"/>`, 1))}
		}, nil, []string{"Gammanew", "Gammakill"}},
		{"two more stories", func() []string {
			return []string{
				write("delta-1.xml", agencyItem("urn:d", 1, "usable", "Delta story", "Deltaword from Kenya.")),
				write("epsilon-1.json", `{"uri":"urn:e","version":"1","type":"text","versionCreated":"2026-11-29T10:00:00Z","headlines":[{"value":"Epsilon story"}],"body_text":"Epsilonword from Kenya."}`),
			}
		}, []string{"Deltaword", "Epsilonword"}, nil},
		{"their kill notices, with nothing but guid, version and status", func() []string {
			return []string{
				write("delta-2.xml", `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:d" version="2"><itemMeta><itemClass qcode="ninat:text"/><pubStatus qcode="stat:canceled"/></itemMeta></newsItem>`),
				write("epsilon-2.json", `{"uri":"urn:e","version":"2","pubStatus":"withheld"}`),
			}
		}, nil, []string{"Deltaword", "Epsilonword"}},
		{"a picture, by its class's URI", func() []string {
			return []string{write("picture.xml", strings.Replace(agencyItem("urn:p", 1, "usable", "Picture", "Pictureword."),
				`<itemClass qcode="ninat:text"/>`, `<itemClass uri="http://cv.iptc.org/newscodes/ninature/picture"/>`, 1))}
		}, nil, []string{"Pictureword"}},
	}
	for _, step := range steps {
		changed := step.edit()
		if _, err := b.Update(ctx, changed); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		clean := filepath.Join(t.TempDir(), "public")
		if _, err := Run(ctx, pipeline.Options{Source: src, Destination: clean}); err != nil {
			t.Fatal(err)
		}
		sameTree(t, step.name, dest, clean)
		tree := fullTree(t, dest)
		for _, word := range step.present {
			if !treeHas(tree, word) {
				t.Errorf("%s: %s is in no output file", step.name, word)
			}
		}
		for _, word := range step.gone {
			if treeHas(tree, word) {
				t.Errorf("%s: %s is still in the output", step.name, word)
			}
		}
	}
}

func treeHas(tree map[string]string, word string) bool {
	for _, body := range tree {
		if strings.Contains(body, word) {
			return true
		}
	}
	return false
}

// TestAgencyArticlePage checks what an article page shows of an agency's
// later version, in both bundled themes: when it was updated, its byline,
// and its subjects' labels.
func TestAgencyArticlePage(t *testing.T) {
	for _, theme := range []string{"default", "situation"} {
		t.Run(theme, func(t *testing.T) {
			src := t.TempDir()
			must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), []byte("theme = \""+theme+"\"\n"), 0o644))
			must(t, os.MkdirAll(filepath.Join(src, "content"), 0o755))
			item := strings.Replace(agencyItem("urn:s", 3, "usable", "Summit in Vientiane", "Ministers of Laos met."),
				"<headline>", `<by>Jane Reporter</by><subject qcode="medtop:20000638"><name>diplomacy</name></subject><headline>`, 1)
			must(t, os.WriteFile(filepath.Join(src, "content", "summit.xml"), []byte(item), 0o644))
			dest := filepath.Join(t.TempDir(), "public")
			if _, err := Run(context.Background(), pipeline.Options{Source: src, Destination: dest}); err != nil {
				t.Fatal(err)
			}
			var page string
			for name, data := range fullTree(t, dest) {
				if strings.HasPrefix(name, "articles/") && strings.HasSuffix(name, "index.html") {
					page = data
				}
			}
			for _, want := range []string{"Updated", `datetime="2026-11-29"`, "Jane Reporter", "diplomacy"} {
				if !strings.Contains(page, want) {
					t.Errorf("article page lacks %q", want)
				}
			}
		})
	}
}

// TestStrictSiteFailsOnSkippedAgencyFiles: what other sites skip with a
// warning (an agency file that cannot be read) fails a strict site's
// build, naming the file, as every other warning does.
func TestStrictSiteFailsOnSkippedAgencyFiles(t *testing.T) {
	for _, strict := range []bool{false, true} {
		src := t.TempDir()
		cfg := "title = \"Desk\"\nbaseURL = \"https://example.org/\"\n"
		if strict {
			cfg = "strict = true\n" + cfg
		}
		must(t, os.WriteFile(filepath.Join(src, pipeline.ConfigFile), []byte(cfg), 0o644))
		must(t, os.MkdirAll(filepath.Join(src, "content"), 0o755))
		must(t, os.WriteFile(filepath.Join(src, "content", "good.xml"), []byte(agencyItem("urn:g", 1, "usable", "Good story", "From Chile.")), 0o644))
		must(t, os.WriteFile(filepath.Join(src, "content", "broken.xml"), []byte("<newsItem><unclosed>"), 0o644))
		_, err := Run(context.Background(), pipeline.Options{Source: src, Destination: filepath.Join(t.TempDir(), "public")})
		if failed := err != nil && strings.Contains(err.Error(), "broken.xml"); failed != strict {
			t.Errorf("strict = %v: build error %v", strict, err)
		}
	}
}
