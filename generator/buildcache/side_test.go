package buildcache

import (
	"bytes"
	"crypto/sha256"
	"os"
	"testing"
)

func TestSideSaveLoad(t *testing.T) {
	s := testSite(t)
	sd := OpenSide(s, "side.bin")
	if sd == nil {
		t.Skip("the test binary cannot be identified")
	}
	if sd.Load() != nil {
		t.Fatal("data before any was saved")
	}
	for _, data := range [][]byte{[]byte("first"), {}, bytes.Repeat([]byte{0, 1, 2}, 1000)} {
		if err := sd.Save(data); err != nil {
			t.Fatal(err)
		}
		if got := OpenSide(s, "side.bin").Load(); !bytes.Equal(got, data) || got == nil {
			t.Fatalf("loaded %q, want %q", got, data)
		}
	}
	if entries, _ := os.ReadDir(s.Dir); len(entries) != 1 {
		t.Errorf("cache folder holds %d entries, want the site's folder alone", len(entries))
	}
}

func TestSideNames(t *testing.T) {
	s := testSite(t)
	if Open(s) == nil {
		t.Skip("the test binary cannot be identified")
	}
	for _, name := range []string{"", ".", "..", "../x", "a/b", "/x", fileName, "articles-123.pack"} {
		if OpenSide(s, name) != nil {
			t.Errorf("OpenSide(%q) is a file, want nil", name)
		}
	}
}

func TestSideLoadRejects(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, s *Site, path string)
	}{
		{"configuration changed", func(t *testing.T, s *Site, _ string) {
			os.WriteFile(s.Config, []byte("title = \"y\"\n"), 0o644)
		}},
		{"content folder moved", func(t *testing.T, s *Site, _ string) { s.ContentDir += "2" }},
		{"file damaged", func(t *testing.T, _ *Site, path string) {
			data, _ := os.ReadFile(path)
			data[len(data)/2] ^= 0xff
			os.WriteFile(path, data, 0o644)
		}},
		{"file truncated", func(t *testing.T, _ *Site, path string) {
			data, _ := os.ReadFile(path)
			os.WriteFile(path, data[:len(data)-1], 0o644)
		}},
		{"file emptied", func(t *testing.T, _ *Site, path string) { os.WriteFile(path, nil, 0o644) }},
		{"another format", func(t *testing.T, _ *Site, path string) {
			data, _ := os.ReadFile(path)
			os.WriteFile(path, bytes.Replace(data, []byte(sideMagic), []byte("attache side 0\n"), 1), 0o644)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testSite(t)
			sd := OpenSide(s, "side.bin")
			if sd == nil {
				t.Skip("the test binary cannot be identified")
			}
			if err := sd.Save([]byte("some data")); err != nil {
				t.Fatal(err)
			}
			tt.change(t, &s, sd.file)
			if got := OpenSide(s, "side.bin").Load(); got != nil {
				t.Errorf("loaded %q, want nothing", got)
			}
		})
	}
}

// TestSideOtherProgram stands for a file written by another attache: its
// key differs, as the program's bytes are part of it.
func TestSideOtherProgram(t *testing.T) {
	s := testSite(t)
	sd := OpenSide(s, "side.bin")
	if sd == nil {
		t.Skip("the test binary cannot be identified")
	}
	other := *sd
	other.key[0] ^= 1
	if err := other.Save([]byte("theirs")); err != nil {
		t.Fatal(err)
	}
	if got := sd.Load(); got != nil {
		t.Errorf("loaded another program's %q", got)
	}
}

// FuzzSideOpen checks that no bytes make a side file's check crash, and
// that what it accepts is what a Save of the same data wrote.
func FuzzSideOpen(f *testing.F) {
	sd := &Side{key: [32]byte{1, 2, 3}}
	f.Add([]byte(sideMagic))
	f.Add([]byte{})
	valid := append([]byte(sideMagic), sd.key[:]...)
	valid = append(valid, "data"...)
	sum := sha256.Sum256(valid)
	f.Add(append(valid, sum[:]...))
	f.Fuzz(func(t *testing.T, raw []byte) {
		data := sd.open(raw)
		if data == nil {
			return
		}
		sd.file = t.TempDir() + "/side.bin"
		if err := sd.Save(data); err != nil {
			t.Fatal(err)
		}
		if saved, _ := os.ReadFile(sd.file); !bytes.Equal(saved, raw) {
			t.Fatalf("accepted %q, which Save writes as %q", raw, saved)
		}
	})
}
