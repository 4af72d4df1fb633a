package buildcache

import (
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestNewManifest(t *testing.T) {
	out := func(sig uint64) Output { return Output{Sig: sig} }
	outputs := map[string]Output{
		"index.html":           out(1),
		"a/b/c/index.html":     out(2),
		"a/index.html":         out(3),
		"a-b/index.html":       out(4),
		"-x/index.html":        out(8),
		"a/feed.xml":           out(5),
		"sitemaps/2024-08.xml": out(6),
		"sitemaps/2024-07.xml": out(7),
	}
	got := NewManifest(len(outputs), maps.All(outputs))
	got[0].Time, got[3].Time = 10, 11
	want := Manifest{
		{Name: ".", Time: 10, Files: []OutputFile{{"index.html", out(1)}}},
		{Name: "-x", Files: []OutputFile{{"index.html", out(8)}}},
		{Name: "a", Files: []OutputFile{{"feed.xml", out(5)}, {"index.html", out(3)}}},
		// A folder with no files of its own is listed, for its time.
		{Name: "a/b", Time: 11},
		{Name: "a/b/c", Files: []OutputFile{{"index.html", out(2)}}},
		// after what "a" holds, though "-" sorts before "/"
		{Name: "a-b", Files: []OutputFile{{"index.html", out(4)}}},
		{Name: "sitemaps", Files: []OutputFile{{"2024-07.xml", out(7)}, {"2024-08.xml", out(6)}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("NewManifest =\n%+v\nwant\n%+v", got, want)
	}
	if !got.valid() {
		t.Error("a manifest NewManifest made is not valid")
	}
	if n := got.Len(); n != 8 {
		t.Errorf("Len = %d, want 8", n)
	}
	if i, ok := got.Folder("a/b/c"); !ok || got[i].Path(0) != "a/b/c/index.html" {
		t.Errorf("Folder(a/b/c) = %d, %v", i, ok)
	}
	if _, ok := got.Folder("a/c"); ok {
		t.Error("Folder found a folder the manifest does not list")
	}
	if k, ok := got[2].File("index.html"); !ok || k != 1 {
		t.Errorf("File(index.html) = %d, %v", k, ok)
	}
}

// TestManifestValid checks that a manifest that could lead a build out of
// its output folder, or that the scan would misread, is refused.
func TestManifestValid(t *testing.T) {
	files := func(names ...string) []OutputFile {
		var fs []OutputFile
		for _, n := range names {
			fs = append(fs, OutputFile{Name: n})
		}
		return fs
	}
	tests := []struct {
		name string
		m    Manifest
		want bool
	}{
		{"root only", Manifest{{Name: "."}}, true},
		{"empty", Manifest{}, false},
		{"no root", Manifest{{Name: "a"}}, false},
		{"folders out of order", Manifest{{Name: "."}, {Name: "b"}, {Name: "a"}}, false},
		{"a folder twice", Manifest{{Name: "."}, {Name: "a"}, {Name: "a"}}, false},
		{"parent missing", Manifest{{Name: "."}, {Name: "a/b"}}, false},
		{"folder leaving the output", Manifest{{Name: "."}, {Name: ".."}}, false},
		{"folder not clean", Manifest{{Name: "."}, {Name: "a"}, {Name: "a/../a"}}, false},
		{"absolute folder", Manifest{{Name: "."}, {Name: "/etc"}}, false},
		{"file with a slash", Manifest{{Name: ".", Files: files("a/b")}}, false},
		{"file named ..", Manifest{{Name: ".", Files: files("..")}}, false},
		{"empty file name", Manifest{{Name: ".", Files: files("")}}, false},
		{"files out of order", Manifest{{Name: ".", Files: files("b", "a")}}, false},
		{"a file twice", Manifest{{Name: ".", Files: files("a", "a")}}, false},
		{"subfolders apart from their parent", Manifest{{Name: "."}, {Name: "a"}, {Name: "a-b"}, {Name: "a/b"}}, false},
		{"a parent after its folder", Manifest{{Name: "."}, {Name: "a/b"}, {Name: "a"}}, false},
		{"nested in walk order", Manifest{{Name: "."}, {Name: "-x"}, {Name: "a"}, {Name: "a/b"}, {Name: "a/b/c"}, {Name: "a-b"}, {Name: "b"}}, true},
		{"files in order", Manifest{{Name: ".", Files: files("a", "b")}, {Name: "x", Files: files("index.html")}}, true},
	}
	for _, tt := range tests {
		if got := tt.m.valid(); got != tt.want {
			t.Errorf("%s: valid = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestLoadRejectsInvalidManifest checks that an index whose manifest is not
// one a build writes is no cache, checksum or not.
func TestLoadRejectsInvalidManifest(t *testing.T) {
	s := testSite(t)
	c := Open(s)
	if c == nil {
		t.Skip("the test binary cannot be identified")
	}
	st := sample()
	st.Outputs = Manifest{{Name: "."}, {Name: "../outside", Files: []OutputFile{{Name: "index.html"}}}}
	if err := c.Save(st); err != nil {
		t.Fatal(err)
	}
	if got := Open(s).Load(); got != nil {
		t.Fatalf("loaded a cache whose manifest leaves the output folder: %+v", got.Outputs)
	}
}

// TestManifestPatch patches random manifests with random changes: the
// result is NewManifest's of the files so changed, with the times of the
// folders that were there before.
func TestManifestPatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	segments := []string{"a", "a-b", "b", "-x", "index.html", "c"}
	randomName := func() string {
		parts := make([]string, 1+rng.IntN(4))
		for i := range parts {
			parts[i] = segments[rng.IntN(len(segments))]
		}
		return strings.Join(parts, "/")
	}
	for round := range 500 {
		files := map[string]Output{}
		for range rng.IntN(12) {
			files[randomName()] = Output{Sig: rng.Uint64()}
		}
		// A name cannot be both a file and a folder.
		consistent := func(files map[string]Output) bool {
			for name := range files {
				for d := name; d != "."; {
					d, _ = split(d)
					if _, clash := files[d]; clash {
						return false
					}
				}
			}
			return true
		}
		if !consistent(files) {
			continue
		}
		m := NewManifest(len(files), maps.All(files))
		for i := range m {
			m[i].Time = int64(i + 1)
		}
		changes := map[string]*Output{}
		after := maps.Clone(files)
		for name := range files {
			if rng.IntN(3) == 0 {
				changes[name] = nil
				delete(after, name)
			}
		}
		for range rng.IntN(6) {
			name := randomName()
			if rng.IntN(4) == 0 {
				changes[name] = nil
				delete(after, name)
				continue
			}
			out := Output{Sig: rng.Uint64()}
			changes[name] = &out
			after[name] = out
		}
		if !consistent(after) {
			continue
		}
		before := slices.Clone(m)
		got := m.Patch(changes)
		want := NewManifest(len(after), maps.All(after))
		for i := range want {
			if k, ok := m.Folder(want[i].Name); ok {
				want[i].Time = m[k].Time
			}
		}
		if !reflect.DeepEqual(normalised(got), normalised(want)) {
			t.Fatalf("round %d: %v patched with %v =\n%+v\nwant\n%+v", round, files, changes, got, want)
		}
		if !reflect.DeepEqual(m, before) {
			t.Fatalf("round %d: Patch changed the manifest it patched", round)
		}
		if !got.valid() {
			t.Fatalf("round %d: the patched manifest is not valid: %+v", round, got)
		}
	}
}

// normalised makes empty file lists nil, which NewManifest and Patch leave
// either way.
func normalised(m Manifest) Manifest {
	out := slices.Clone(m)
	for i := range out {
		if len(out[i].Files) == 0 {
			out[i].Files = nil
		}
	}
	return out
}
