package main

import "testing"

func TestReadCity(t *testing.T) {
	// name "Kazan" (field 2), country "RU" (field 3), population 1104738 (field 9)
	msg := []byte{0x12, 5, 'K', 'a', 'z', 'a', 'n', 0x1a, 2, 'R', 'U', 0x48, 0xe2, 0xb6, 0x43}
	c, err := readCity(msg)
	if err != nil {
		t.Fatal(err)
	}
	if c.name != "Kazan" || c.country != "RU" || c.population != 1104738 {
		t.Errorf("readCity = %+v", c)
	}
	if _, err := readCity([]byte{0x12, 9, 'K'}); err == nil {
		t.Error("truncated string accepted")
	}
}

func FuzzReadCity(f *testing.F) {
	f.Add([]byte{0x12, 5, 'K', 'a', 'z', 'a', 'n', 0x48, 0xe2, 0xb6, 0x43})
	f.Fuzz(func(t *testing.T, b []byte) {
		readCity(b) // must not panic
	})
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"South Korea": "south-korea", "Türkiye": "turkiye", "Côte d'Ivoire": "cote-divoire", "DR Congo": "dr-congo"} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}
