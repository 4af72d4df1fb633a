package search

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// corpusQueries are the queries whose first page TestCorpusFigures counts:
// bench/search.sh's five and the two-word queries issue 16 names.
var corpusQueries = []string{"space exploration", "maritime security", "Nigeria", `"joint exercises"`, "sanctions",
	"climate finance", "trade agreement", "ceasefire talks", "human rights", `"regional security"`, "humanitarian aid",
	"defence ministries", "talks"}

// TestCorpusFigures measures the index of a corpusgen site's stories
// through Cache, as README's Search section reports them: its size, what
// a new story costs, what a new process costs to restore it, and the
// requests and bytes of each query's first page as the browser fetches
// them (the script included). $ATTACHE_SEARCH_OUT, if set, receives the
// index.
//
//	ATTACHE_SEARCH_CORPUS=/tmp/attache-bench/site-10000/content go test -run CorpusFigures -v ./generator/search/
func TestCorpusFigures(t *testing.T) {
	dir := os.Getenv("ATTACHE_SEARCH_CORPUS")
	if dir == "" {
		t.Skip("ATTACHE_SEARCH_CORPUS is not set")
	}
	script, err := os.ReadFile("../../templates/default/static/js/search.js")
	if err != nil {
		t.Fatal(err)
	}
	docs := readCorpus(dir)
	an := NewAnalyser()
	as := analyseAll(an, docs)
	n := len(as) - 10
	var c Cache
	c0 := cpuTime()
	last := map[string]bool{}
	for _, f := range c.Build(an, as[:n]) {
		last[f.Name] = true
	}
	t.Logf("a clean index of %d stories: CPU %v", n, cpuTime()-c0)
	var cpu time.Duration
	files, bytes := 0, 0
	var got []File
	for i := n + 1; i <= len(as); i++ {
		c0 := cpuTime()
		got = c.Build(an, as[:i])
		cpu += cpuTime() - c0
		now := map[string]bool{}
		for _, f := range got {
			now[f.Name] = true
			if !last[f.Name] || f.Name == Dir+ManifestName {
				files++
				bytes += len(f.Data)
			}
		}
		last = now
	}
	t.Logf("10 new stories, one build each: CPU %v, %d files, %d bytes a story", cpu/10, files/10, bytes/10)
	byName := map[string][]byte{}
	size, kinds := 0, map[string]int{}
	for _, f := range got {
		size += len(f.Data)
		byName[f.Name] = f.Data
		kinds[f.Name[len(Dir):len(Dir)+1]] += len(f.Data)
	}
	t.Logf("index: %d files, %d bytes; bytes by kind %v", len(got), size, kinds)
	if out := os.Getenv("ATTACHE_SEARCH_OUT"); out != "" {
		if err := os.MkdirAll(filepath.Join(out, Dir), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range got {
			if err := os.WriteFile(filepath.Join(out, f.Name), f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, q := range corpusQueries {
		// count reads the first page as the browser does, early (before
		// the words' postings, where the query has such a page) or not.
		count := func(early bool) (requests, size int, kinds string, hits int) {
			seen := map[string]bool{}
			size = len(script)
			r, err := NewReader(func(name string) ([]byte, error) {
				if !seen[name] { // the browser asks for a file once
					seen[name] = true
					kinds += name[len(Dir) : len(Dir)+1]
					size += len(byName[name])
				}
				return byName[name], nil
			})
			if err != nil {
				t.Fatal(err)
			}
			var page []int
			if early {
				if page, err = r.FirstPage(ParseQuery(q, false)); err != nil || page == nil {
					return 0, 0, "", 0
				}
			} else {
				found, err := r.Search(ParseQuery(q, false))
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range found[:min(TopRecords, len(found))] {
					page = append(page, h.Doc)
				}
				hits = len(found)
			}
			if _, err := r.Records(page); err != nil {
				t.Fatal(err)
			}
			return len(kinds) + 1, size, kinds, hits
		}
		n, size, kinds, hits := count(false)
		line := fmt.Sprintf("%-22s %6d hits: %2d requests, %6.1f KB with the script (%s)", q, hits, n, float64(size)/1024, kinds)
		if n, size, kinds, _ := count(true); n > 0 {
			line += fmt.Sprintf("; shown before the postings: %d requests, %.1f KB (%s)", n, float64(size)/1024, kinds)
		}
		t.Log(line)
	}
	// A new process: the state encoded, the analyses kept, both read
	// back by a new Analyser, and a new story appended.
	keys := make([]string, len(as))
	kept := make([]Kept, len(as))
	for i, a := range as {
		keys[i] = fmt.Sprint(i)
		kept[i] = Kept{Path: keys[i], Version: 1, Analysis: a}
	}
	c0 = cpuTime()
	state := c.EncodeState(keys)
	t.Logf("state: %d bytes, encoded in CPU %v", len(state), cpuTime()-c0)
	an2 := NewAnalyser()
	back, err := an2.DecodeKept(an.EncodeKept(kept[:len(kept)-1]))
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]*Analysis{}
	docs2 := make([]*Analysis, 0, len(back)+1)
	for _, k := range back {
		byKey[k.Path] = k.Analysis
		docs2 = append(docs2, k.Analysis)
	}
	c.Build(an, as[:len(as)-1])
	state = c.EncodeState(keys[:len(keys)-1])
	c0 = cpuTime()
	restored, err := RestoreCache(an2, state, func(k string) *Analysis { return byKey[k] })
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("a new process restores the index: CPU %v", cpuTime()-c0)
	docs2 = append(docs2, an2.Analyse(docs[len(docs)-1]))
	c0 = cpuTime()
	appended := restored.Build(an2, docs2)
	t.Logf("and appends a new story: CPU %v", cpuTime()-c0)
	c0 = cpuTime()
	clean := Build(an2, docs2)
	t.Logf("where a clean index takes CPU %v", cpuTime()-c0)
	if !slices.EqualFunc(appended, clean, func(x, y File) bool { return x.Name == y.Name }) {
		t.Error("the restored index with a new story differs from a clean one")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// readCorpus reads a corpusgen site's stories (Markdown with TOML front
// matter, under dir) as Docs, oldest first: the lede is the first
// paragraph, the body the whole text; a country's region is made up.
func readCorpus(dir string) []Doc {
	var docs []Doc
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, _ := os.ReadFile(p)
		parts := strings.SplitN(string(data), "+++", 3)
		if len(parts) < 3 {
			return nil
		}
		doc := Doc{Path: "/" + strings.TrimSuffix(filepath.Base(p), ".md") + "/"}
		for _, line := range strings.Split(parts[1], "\n") {
			k, v, ok := strings.Cut(line, " = ")
			if !ok {
				continue
			}
			s := strings.Trim(v, `"`)
			switch k {
			case "title":
				doc.Title = s
			case "source":
				doc.Source = s
			case "dateline":
				doc.Dateline = s
			case "date":
				doc.Date, _ = time.Parse(time.RFC3339, v)
			case "countries":
				for _, c := range strings.Split(strings.Trim(v, "[]"), ",") {
					c = strings.Trim(strings.TrimSpace(c), `"`)
					if c != "" {
						doc.Countries = append(doc.Countries, Value{Slug: Slug(c), Name: c, Path: "/countries/" + Slug(c) + "/", Region: "R" + c[:1]})
					}
				}
			}
		}
		text := strings.TrimSpace(parts[2])
		lede, _, _ := strings.Cut(text, "\n\n")
		doc.Lede, doc.Body = lede, text
		docs = append(docs, doc)
		return nil
	})
	slices.SortStableFunc(docs, func(a, b Doc) int { return compareDocs(a, b) })
	return docs
}

func compareDocs(a, b Doc) int {
	if c := a.Date.Compare(b.Date); c != 0 {
		return c
	}
	return strings.Compare(a.Path, b.Path)
}
