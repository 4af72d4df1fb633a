package output

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// TestMain lets the test binary stand in for a build that commits an
// update and is killed while it does (see TestKilledCommit).
func TestMain(m *testing.M) {
	if dest := os.Getenv("ATTACHE_TEST_COMMIT"); dest != "" {
		n, _ := strconv.Atoi(os.Getenv("ATTACHE_TEST_FILES"))
		u, err := BeginUpdate(dest)
		if err == nil {
			for i := range n {
				if err = u.WriteFile(fmt.Sprintf("d%03d/f%04d/index.html", i%50, i), []byte("new")); err != nil {
					break
				}
			}
		}
		if err == nil {
			os.WriteFile(dest+".staged", nil, 0o644) // tell the parent the commit starts now
			err = u.Commit()
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestKilledCommit kills a process at random moments while it commits an
// update of 400 files — after a random number of the steps its journal
// records, so that the kills land inside the commit — then runs what the
// next build runs first (Leftovers), and checks that the output is exactly
// as it was before the update, or exactly as the finished update left it,
// never a mix, and that no temporary file or folder is left.
func TestKilledCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes")
	}
	const files = 400
	rng := rand.New(rand.NewPCG(7, 7))
	mixed := 0
	for round := range 6 {
		parent := t.TempDir()
		dest := filepath.Join(parent, "public")
		old := map[string]string{}
		for i := 0; i < files; i += 2 {
			old[fmt.Sprintf("d%03d/f%04d/index.html", i%50, i)] = "old"
		}
		old["keep.html"] = "keep"
		writeTree(t, dest, old)
		before := tree(t, dest)
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "ATTACHE_TEST_COMMIT="+dest, "ATTACHE_TEST_FILES="+strconv.Itoa(files))
		must(t, cmd.Start())
		// Kill after a random number of journalled steps: each file is a
		// backup, a place and maybe a folder.
		steps := 1 + rng.IntN(2*files)
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			if journalLines(t, parent) >= steps {
				break
			}
			if cmd.ProcessState != nil {
				break
			}
			time.Sleep(100 * time.Microsecond)
		}
		cmd.Process.Kill()
		cmd.Wait()
		os.Remove(dest + ".staged")
		if after := tree(t, dest); !equalTrees(after, before) && after["d049/f0399/index.html"] != "new" {
			mixed++ // killed inside the commit: a mix, which the journal must undo
		}
		must(t, Leftovers(dest))
		got := tree(t, dest)
		done := len(got) > len(before)
		if !done && !equalTrees(got, before) {
			t.Fatalf("round %d: after the kill and Leftovers the output is neither as before nor updated", round)
		}
		if done && (got["d001/f0001/index.html"] != "new" || got["keep.html"] != "keep" || got["d000/f0000/index.html"] != "new") {
			t.Fatalf("round %d: a finished update is incomplete", round)
		}
		entries, _ := os.ReadDir(parent)
		if len(entries) != 1 {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Fatalf("round %d: left beside the output: %v", round, names)
		}
	}
	t.Logf("%d of 6 kills landed inside the commit and were undone", mixed)
	if mixed == 0 {
		t.Error("no kill landed inside a commit: the test did not test recovery")
	}
}

// journalLines counts the lines of the journal in parent, 0 if none.
func journalLines(t *testing.T, parent string) int {
	matches, _ := filepath.Glob(filepath.Join(parent, ".public.attache-jnl-*"))
	if len(matches) == 0 {
		return 0
	}
	data, _ := os.ReadFile(matches[0])
	return bytes.Count(data, []byte("\n"))
}
