package buildcache

import (
	"runtime"
	"testing"
	"time"
)

// TestLock checks that a second build of one site waits for the first to
// release the cache, and says that it waits.
func TestLock(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no flock here")
	}
	c := Open(testSite(t))
	if c == nil {
		t.Skip("the test binary cannot be identified")
	}
	unlock, err := c.Lock(func() { t.Error("the first Lock waited") })
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan func())
	waited := make(chan bool, 1)
	go func() {
		second, err := c.Lock(func() { waited <- true })
		if err != nil {
			t.Error(err)
		}
		got <- second
	}()
	select {
	case <-got:
		t.Fatal("a second Lock did not wait for the first")
	case <-time.After(200 * time.Millisecond):
	}
	select {
	case <-waited:
	default:
		t.Error("a second Lock waited without saying so")
	}
	unlock()
	select {
	case second := <-got:
		second()
	case <-time.After(10 * time.Second):
		t.Fatal("a second Lock still waits after the first was released")
	}
}
