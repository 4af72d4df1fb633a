package config

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// keys lists every dotted TOML key of a struct type, tables included.
func keys(t reflect.Type, prefix string) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		name := tomlName(t.Field(i))
		if name == "" {
			continue
		}
		out = append(out, prefix+name)
		if t.Field(i).Type.Kind() == reflect.Struct {
			out = append(out, keys(t.Field(i).Type, prefix+name+".")...)
		}
	}
	return out
}

func TestSampleListsEveryKey(t *testing.T) {
	src := string(Sample(Default()))
	lines := strings.Split(src, "\n")
	for _, key := range keys(reflect.TypeOf(Config{}), "") {
		d := docs[key]
		if d.doc == "" {
			t.Errorf("key %s has no documentation line", key)
			continue
		}
		// The key's comment line is followed by its setting, its table
		// header or its commented example.
		i := indexOf(lines, "# "+d.doc)
		if i < 0 || i+1 >= len(lines) {
			t.Errorf("key %s: comment %q missing from the sample", key, d.doc)
			continue
		}
		name := key[strings.LastIndex(key, ".")+1:]
		next := lines[i+1]
		if !strings.HasPrefix(next, name+" = ") && next != "["+key+"]" && !strings.Contains(next, "["+key+"]") {
			t.Errorf("key %s: after its comment comes %q", key, next)
		}
	}
	for key := range docs {
		if !strings.Contains(src, "# "+docs[key].doc) {
			t.Errorf("documented key %s is not in the sample", key)
		}
	}
}

func indexOf(lines []string, s string) int {
	for i, l := range lines {
		if l == s {
			return i
		}
	}
	return -1
}

func TestSampleParsesToItsValues(t *testing.T) {
	want := Default()
	want.Title = `East "Asia" Desk \ 東亜`
	want.Digests.To = []string{"a@example.org", "b@example.org"}
	got, err := Parse("config.toml", Sample(want))
	if err != nil {
		t.Fatalf("sample does not parse: %v\n%s", err, Sample(want))
	}
	got.File, got.src = "", ""
	// %+v, as empty and nil lists are the same setting.
	if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
		t.Errorf("sample parses to\n%+v\nwant\n%+v", got, want)
	}
}

func TestSampleExamplesParse(t *testing.T) {
	// Uncommenting every example must give a valid config.
	var b strings.Builder
	prev := ""
	for _, line := range strings.Split(string(Sample(Default())), "\n") {
		// A key's description follows a blank line; an example does not.
		example := strings.HasPrefix(line, "# ") && prev != ""
		prev = line
		if example {
			line = strings.TrimPrefix(line, "# ")
		}
		b.WriteString(line + "\n")
	}
	c, err := Parse("config.toml", []byte(b.String()))
	if err != nil {
		t.Fatalf("uncommented sample: %v\n%s", err, b.String())
	}
	if len(c.Entities.Organisations) != 1 || c.Params["owner"] != "Asia desk" || len(c.Entities.CountryAliases["KR"]) != 1 {
		t.Errorf("examples not read: %+v", c)
	}
}

func FuzzSample(f *testing.F) {
	for _, s := range []string{"Briefings", `a "b" \ c`, "東亜 Desk", "\x00\t\n", "'''", "\"\"\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, title string) {
		if !utf8.ValidString(title) || strings.ContainsFunc(title, func(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }) {
			return // TOML files are UTF-8; a config value may not hold control characters
		}
		c := Default()
		c.Title = title
		got, err := Parse("config.toml", Sample(c))
		if err != nil {
			t.Fatalf("title %q: sample does not parse: %v", title, err)
		}
		if got.Title != title {
			t.Fatalf("title %q came back as %q", title, got.Title)
		}
	})
}
