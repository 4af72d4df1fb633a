package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// recorder runs a Watcher and keeps the batches it reports.
type recorder struct {
	mu      sync.Mutex
	batches [][]string
	stop    func()
}

func start(t *testing.T, roots []string, opts ...Option) *recorder {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &recorder{}
	ready := make(chan struct{})
	w := New(roots, append(opts, WithReady(func() { close(ready) }))...)
	done := make(chan error, 1)
	go func() {
		done <- w.Run(ctx, func(b []string) {
			r.mu.Lock()
			r.batches = append(r.batches, b)
			r.mu.Unlock()
		})
	}()
	r.stop = func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}
	t.Cleanup(r.stop)
	// Changes made before the watches are in place would go unseen.
	select {
	case <-ready:
	case err := <-done:
		done <- err // for r.stop
		t.Fatalf("Run ended before watching: %v", err)
	}
	return r
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.batches)
}

// waitBatch waits for batch number n (from 1) and returns it.
func (r *recorder) waitBatch(t *testing.T, n int) []string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for r.count() < n {
		if time.Now().After(deadline) {
			t.Fatalf("no batch %d; got %v", n, r.batches)
		}
		time.Sleep(5 * time.Millisecond)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.batches[n-1]
}

// settle waits long enough after the last expected batch that an extra,
// unwanted batch would have arrived.
func (r *recorder) settle(t *testing.T, want int, quiet time.Duration) {
	t.Helper()
	time.Sleep(10*quiet + 300*time.Millisecond)
	if got := r.count(); got != want {
		t.Fatalf("%d batches, want %d: %v", got, want, r.batches)
	}
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func modes() map[string][]Option {
	return map[string][]Option{
		"fsnotify": nil,
		"poll":     {WithPoll(20 * time.Millisecond)},
	}
}

// TestSaves covers the ways files change: edit in place, rename over,
// delete, delete-then-create, a new folder with files, Vim's probe files.
func TestSaves(t *testing.T) {
	for mode, extra := range modes() {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			content := filepath.Join(dir, "content")
			a := filepath.Join(content, "a.md")
			write(t, a, "one")
			write(t, filepath.Join(dir, "config.toml"), "x")
			// One step's events must fall within quiet of each other even
			// when a loaded machine pauses the test between two writes.
			quiet := 150 * time.Millisecond
			r := start(t, []string{content, filepath.Join(dir, "config.toml")}, append([]Option{WithQuiet(quiet)}, extra...)...)
			steps := []struct {
				name string
				do   func()
				want []string
			}{
				{"edit in place", func() { write(t, a, "two") }, []string{a}},
				{"rename over", func() {
					write(t, a+".tmp", "three!")
					os.Rename(a+".tmp", a)
				}, []string{a}},
				{"vim probe and swap", func() {
					write(t, filepath.Join(content, "4913"), "")
					os.Remove(filepath.Join(content, "4913"))
					write(t, filepath.Join(content, ".a.md.swp"), "x")
					write(t, filepath.Join(content, "a.md~"), "x")
					write(t, a, "four")
				}, []string{a}},
				{"delete then create", func() {
					os.Remove(a)
					write(t, a, "fives")
				}, []string{a}},
				{"new folder with files", func() {
					write(t, filepath.Join(content, "new", "deep", "b.md"), "b")
					write(t, filepath.Join(content, "new", "c.md"), "c")
				}, []string{filepath.Join(content, "new", "c.md"), filepath.Join(content, "new", "deep", "b.md")}},
				{"edit in new folder", func() { write(t, filepath.Join(content, "new", "deep", "b.md"), "bb") }, []string{filepath.Join(content, "new", "deep", "b.md")}},
				// A touch is how a user asks for a story whose embargo
				// has passed to be published.
				{"touch", func() {
					later := time.Now().Add(time.Minute)
					os.Chtimes(filepath.Join(content, "new", "c.md"), later, later)
				}, []string{filepath.Join(content, "new", "c.md")}},
				// Editors' temporary names are file names: a folder so
				// named holds articles like any other.
				{"folder named like a temporary file", func() { write(t, filepath.Join(content, "2025.tmp", "d.md"), "d") }, []string{filepath.Join(content, "2025.tmp", "d.md")}},
				{"edit in that folder", func() { write(t, filepath.Join(content, "2025.tmp", "d.md"), "dd") }, []string{filepath.Join(content, "2025.tmp", "d.md")}},
				{"delete", func() { os.Remove(a) }, []string{a}},
				{"config", func() { write(t, filepath.Join(dir, "config.toml"), "yy") }, []string{filepath.Join(dir, "config.toml")}},
			}
			for i, st := range steps {
				st.do()
				got := r.waitBatch(t, i+1)
				for _, w := range st.want {
					if !slices.Contains(got, w) {
						t.Fatalf("%s: batch %v lacks %s", st.name, got, w)
					}
				}
				for _, g := range got {
					if st, err := os.Stat(g); err == nil && st.IsDir() {
						continue
					}
					if base := filepath.Base(g); Ignored(base) {
						t.Errorf("%s: reported editor file %s", st.name, g)
					}
				}
				r.settle(t, i+1, quiet)
			}
		})
	}
}

// TestBurst writes 500 files, as a git checkout does: one batch.
func TestBurst(t *testing.T) {
	for mode, extra := range modes() {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			// Generous: a pause longer than quiet between two of the 500
			// writes, which a loaded machine can cause, splits the batch.
			quiet := 500 * time.Millisecond
			r := start(t, []string{dir}, append([]Option{WithQuiet(quiet), WithMaxWait(time.Minute)}, extra...)...)
			for i := range 500 {
				write(t, filepath.Join(dir, fmt.Sprintf("d%d", i%7), fmt.Sprintf("f%03d.md", i)), "x")
			}
			got := r.waitBatch(t, 1)
			r.settle(t, 1, quiet)
			files := 0
			for _, p := range got {
				if filepath.Ext(p) == ".md" {
					files++
				}
			}
			if files != 500 {
				t.Fatalf("batch names %d files, want 500", files)
			}
		})
	}
}

// TestExcludedOutput writes into the output folder inside the watched one:
// nothing is reported.
func TestExcludedOutput(t *testing.T) {
	for mode, extra := range modes() {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			out := filepath.Join(dir, "public")
			write(t, filepath.Join(out, "index.html"), "x")
			quiet := 30 * time.Millisecond
			r := start(t, []string{dir}, append([]Option{WithQuiet(quiet), WithExclude(out)}, extra...)...)
			write(t, filepath.Join(out, "index.html"), "y")
			write(t, filepath.Join(out, "new", "index.html"), "y")
			write(t, filepath.Join(dir, ".git", "index"), "y")
			r.settle(t, 0, quiet)
			write(t, filepath.Join(dir, "a.md"), "y")
			if got := r.waitBatch(t, 1); !slices.Equal(got, []string{filepath.Join(dir, "a.md")}) {
				t.Fatalf("batch %v, want only a.md", got)
			}
		})
	}
}

// TestMissingRootAppears watches a templates folder that does not exist
// yet.
func TestMissingRootAppears(t *testing.T) {
	dir := t.TempDir()
	tpl := filepath.Join(dir, "templates")
	r := start(t, []string{tpl}, WithQuiet(150*time.Millisecond))
	write(t, filepath.Join(tpl, "default", "layouts", "home.html"), "x")
	r.waitBatch(t, 1)
	write(t, filepath.Join(tpl, "default", "layouts", "home.html"), "y")
	if got := r.waitBatch(t, 2); !slices.Contains(got, filepath.Join(tpl, "default", "layouts", "home.html")) {
		t.Fatalf("edit in the new folder not seen: %v", got)
	}
}

// TestReady edits a file from the ready callback, before Run goes on: the
// edit is reported, so announcing readiness from the callback is safe.
func TestReady(t *testing.T) {
	for mode, extra := range modes() {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			a := filepath.Join(dir, "a.md")
			write(t, a, "one")
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			batches := make(chan []string, 10)
			readies := 0
			w := New([]string{dir}, append([]Option{WithReady(func() {
				readies++
				write(t, a, "two, longer")
			})}, extra...)...)
			done := make(chan error, 1)
			go func() { done <- w.Run(ctx, func(b []string) { batches <- b }) }()
			select {
			case b := <-batches:
				if !slices.Equal(b, []string{a}) {
					t.Errorf("batch %v, want [%s]", b, a)
				}
			case err := <-done:
				t.Fatalf("Run ended: %v", err)
			case <-time.After(60 * time.Second):
				t.Fatal("the edit made when the watcher became ready was not reported")
			}
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
			if readies != 1 {
				t.Errorf("ready called %d times, want 1", readies)
			}
		})
	}
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"a.md": false, "4913": true, ".a.md.swp": true, ".a.md.swx": true, "a.md~": true, ".#a.md": true,
		"#a.md#": true, "a.tmp": true, ".DS_Store": true, "a.md___jb_tmp___": true, "a.md___jb_old___": true,
		"49130": false, "#notes": false, "config.toml": false,
	} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestWatchAddsRoots gives a running watcher a folder and a file outside
// its roots, as the link of a template or content folder made while it
// runs: edits there are reported from then on, and what the folder held
// already is not reported as changed.
func TestWatchAddsRoots(t *testing.T) {
	for mode, opts := range modes() {
		t.Run(mode, func(t *testing.T) {
			dir := t.TempDir()
			site, elsewhere, layout := filepath.Join(dir, "site"), filepath.Join(dir, "elsewhere"), filepath.Join(dir, "layout.html")
			write(t, filepath.Join(site, "a.md"), "a")
			write(t, filepath.Join(elsewhere, "old.md"), "old")
			write(t, layout, "x")
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			ready := make(chan struct{})
			var mu sync.Mutex
			var seen []string
			w := New([]string{site}, append(opts, WithQuiet(30*time.Millisecond), WithReady(func() { close(ready) }))...)
			done := make(chan error, 1)
			go func() {
				done <- w.Run(ctx, func(b []string) {
					mu.Lock()
					seen = append(seen, b...)
					mu.Unlock()
				})
			}()
			<-ready
			w.Watch(site, elsewhere, layout)
			has := func(p string) bool {
				mu.Lock()
				defer mu.Unlock()
				return slices.Contains(seen, p)
			}
			for _, p := range []string{filepath.Join(elsewhere, "new.md"), layout} {
				deadline := time.Now().Add(30 * time.Second)
				for i := 0; !has(p); i++ {
					if time.Now().After(deadline) {
						t.Fatalf("%s: edits not reported; saw %v", p, seen)
					}
					write(t, p, fmt.Sprint(i))
					time.Sleep(100 * time.Millisecond)
				}
			}
			if has(filepath.Join(elsewhere, "old.md")) {
				t.Errorf("a file the new root held already was reported: %v", seen)
			}
			cancel()
			if err := <-done; err != nil {
				t.Error(err)
			}
		})
	}
}
