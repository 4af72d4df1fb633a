package buildcache

import (
	"maps"
	"reflect"
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
