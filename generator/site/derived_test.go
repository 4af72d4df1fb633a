package site

import (
	"sync"
	"testing"
)

// TestDerivedKeepsFirstStored checks that racing goroutines all get the
// one value stored first, and that keys stay apart.
func TestDerivedKeepsFirstStored(t *testing.T) {
	var d Derived
	type key struct{ name string }
	got := make([]any, 16)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() { got[i] = d.LoadOrStore(key{"summary"}, i) })
	}
	wg.Wait()
	for _, v := range got {
		if v != got[0] {
			t.Fatalf("LoadOrStore gave %v and %v for one key", got[0], v)
		}
	}
	if v, ok := d.Load(key{"summary"}); !ok || v != got[0] {
		t.Errorf("Load = %v, %v; want %v, true", v, ok, got[0])
	}
	if _, ok := d.Load(key{"other"}); ok {
		t.Error("Load found a key never stored")
	}
	if v := d.LoadOrStore("summary", "string key"); v != "string key" {
		t.Errorf("a string key took the struct key's value %v", v)
	}
}
