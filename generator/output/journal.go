package output

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// journal records an Update's commit step by step, each before it is
// made, so that a build killed half way through can be undone by the
// next (recoverJournal). It lives beside the destination, named like the
// temporary folders, and is removed once the commit is done or undone.
// Writes are not synced: a killed process loses nothing the kernel was
// given.
type journal struct {
	f *os.File
}

// createJournal starts the journal of an update of the folder base in
// parent, staged in stage, backed up to bak (both folders of parent).
func createJournal(parent, base, stage, bak string) (*journal, error) {
	f, err := os.CreateTemp(parent, tempPrefix(filepath.Join(parent, base), "jnl"))
	if err != nil {
		return nil, err
	}
	if _, err := fmt.Fprintf(f, "attache journal 1\n%s\n%s\n", strconv.Quote(stage), strconv.Quote(bak)); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &journal{f: f}, nil
}

func (j *journal) add(s step) error {
	_, err := fmt.Fprintf(j.f, "%d %s %s\n", s.kind, strconv.Quote(s.from), strconv.Quote(s.to))
	return err
}

// commit marks the update done: nothing is to be undone.
func (j *journal) commit() error {
	_, err := j.f.WriteString("commit\n")
	return err
}

func (j *journal) remove() {
	j.f.Close()
	os.Remove(j.f.Name())
}

// recoverJournal undoes the update the journal name in parent records,
// unless it was committed, and removes the journal.
func recoverJournal(parent, name string) error {
	data, err := os.ReadFile(filepath.Join(parent, name))
	if err != nil {
		return err
	}
	steps, committed, err := parseJournal(string(data))
	if err != nil {
		return fmt.Errorf("journal %s: %w", name, err)
	}
	if !committed {
		root, err := os.OpenRoot(parent)
		if err != nil {
			return err
		}
		err = undoSteps(root, steps)
		root.Close()
		if err != nil {
			return err // the journal and the backups stay for another try
		}
	}
	return os.Remove(filepath.Join(parent, name))
}

// parseJournal reads a journal's steps. A last line cut short by the kill
// is a step that was never made, and is dropped.
func parseJournal(data string) (steps []step, committed bool, err error) {
	lines := strings.Split(data, "\n")
	if len(lines) < 3 || lines[0] != "attache journal 1" {
		return nil, false, fmt.Errorf("not a journal")
	}
	for _, line := range lines[3:] {
		if line == "commit" {
			return steps, true, nil
		}
		kind, rest, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		k, err := strconv.Atoi(kind)
		if err != nil {
			continue
		}
		from, rest, err := unquotePrefix(rest)
		if err != nil {
			continue
		}
		to, _, err := unquotePrefix(strings.TrimPrefix(rest, " "))
		if err != nil {
			continue
		}
		steps = append(steps, step{kind: k, from: from, to: to})
	}
	return steps, false, nil
}

// unquotePrefix reads one Go-quoted string from the start of s.
func unquotePrefix(s string) (string, string, error) {
	q, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", "", err
	}
	u, err := strconv.Unquote(q)
	return u, s[len(q):], err
}
