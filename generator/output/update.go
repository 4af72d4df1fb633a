package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Update is a set of changes to a published folder — files to write and
// paths to remove — applied all together or not at all. New files are
// staged in a folder beside the destination, never inside it, so that a
// failure while writing them (a full disk, a killed build) leaves nothing
// in the published folder; Commit then moves the old files aside and the
// new ones in by renames, and undoes every step it took if one fails.
// The staging and backup folders are flat, each file under a number, so
// that a change of a few files deep in the tree costs no folders made and
// removed beside it: on a disk slow to create entries, those were most
// of the cost of a new story.
//
// Every change goes through an os.Root opened on the destination's parent
// folder, so a symbolic link placed in the output can neither lead a write
// elsewhere nor be followed: Commit refuses to start when one stands on
// the way of a change.
type Update struct {
	stage *Staging
	root  *os.Root
	base  string // the destination's name in root
	bak   string // the backup folder's name in root
	// files are the names of the files staged, by their number in the
	// staging folder.
	files   []string
	removes []string
	// afterPreflight, when set by a test, runs between the checks and the
	// first change.
	afterPreflight func()
}

// BeginUpdate starts an update of the existing folder dest.
func BeginUpdate(dest string) (*Update, error) {
	dest = filepath.Clean(dest)
	st, err := os.Lstat(dest)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("destination %s: not a folder", dest)
	}
	stage, err := begin(dest)
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(filepath.Dir(dest))
	if err != nil {
		stage.Abort()
		return nil, err
	}
	u := &Update{stage: stage, root: root, base: filepath.Base(dest)}
	if _, err := root.Lstat(path.Join(u.base, Marker)); err != nil {
		// An output written before markers existed gets one.
		if err := u.WriteFile(Marker, []byte(markerText)); err != nil {
			u.Abort()
			return nil, err
		}
	}
	return u, nil
}

// WriteFile stages data to replace or create name, a slash-separated path
// relative to the destination. Nothing in the destination changes until
// Commit. A name staged twice keeps the last data. WriteFile is not safe
// for concurrent use.
func (u *Update) WriteFile(name string, data []byte) error {
	clean, err := CleanPath(name)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(u.stage.Dir(), strconv.Itoa(len(u.files))), data, 0o644); err != nil {
		return err
	}
	u.files = append(u.files, clean)
	return nil
}

// Remove marks name, a file or folder relative to the destination, for
// removal at Commit, with the folders it leaves empty. A name that does not
// exist is ignored. Remove is not safe for concurrent use.
func (u *Update) Remove(name string) error {
	clean, err := CleanPath(name)
	if err != nil {
		return err
	}
	u.removes = append(u.removes, clean)
	return nil
}

// step is one change Commit made, in the order made, for undoing.
type step struct {
	kind     int // stepBackup, stepPlace, stepMkdir
	from, to string
}

const (
	stepBackup = iota // moved from (in the destination) to (in the backup)
	stepPlace         // moved from (in the stage) to (in the destination)
	stepMkdir         // created folder to
)

// Commit applies the update. On error the destination is as it was before
// and every temporary folder is gone.
func (u *Update) Commit() (err error) {
	defer u.root.Close()
	defer u.stage.Abort()
	stageName := filepath.Base(u.stage.Dir())
	files := u.staged()
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = u.files[f]
	}
	if err := u.preflight(names); err != nil {
		return err
	}
	if u.afterPreflight != nil {
		u.afterPreflight()
	}
	bakDir, err := os.MkdirTemp(filepath.Dir(u.stage.Dir()), tempPrefix(filepath.Join(filepath.Dir(u.stage.Dir()), u.base), "old"))
	if err != nil {
		return err
	}
	u.bak = filepath.Base(bakDir)
	// The journal lets a later build undo this commit if the process is
	// killed half way (see Leftovers); an error here is undone now.
	jnl, err := createJournal(filepath.Dir(u.stage.Dir()), u.base, stageName, u.bak)
	if err != nil {
		os.RemoveAll(bakDir)
		return err
	}
	var done []step
	var emptied []string // folders removals may have left empty
	record := func(s step) error {
		done = append(done, s)
		return jnl.add(s)
	}
	defer func() {
		if err != nil {
			if uerr := u.undo(done); uerr != nil {
				// The backups are the only copy of the files moved out
				// of the output, and the journal says where they go:
				// both stay for the next build (Leftovers) to finish
				// the undo.
				jnl.f.Close()
				err = fmt.Errorf("%w; undoing it failed too (%v): the backups and the journal stay beside the output, for the next attache process that builds it to put the output back", err, uerr)
				return
			}
		} else if err = jnl.commit(); err == nil {
			// Only once nothing is to be undone: a removed folder is not
			// put back.
			for _, name := range emptied {
				u.removeEmptyParents(name)
			}
		}
		os.RemoveAll(bakDir)
		jnl.remove()
	}()
	backups := 0
	backup := func(name string) (bool, error) {
		dst := path.Join(u.base, name)
		if _, err := u.root.Lstat(dst); errors.Is(err, fs.ErrNotExist) {
			return false, nil
		} else if err != nil {
			return false, err
		}
		to := path.Join(u.bak, strconv.Itoa(backups))
		backups++
		if err := record(step{kind: stepBackup, from: dst, to: to}); err != nil {
			return false, err
		}
		if err := u.root.Rename(dst, to); err != nil {
			return false, err
		}
		return true, nil
	}
	// Removals first: a folder removed as stale may be where a new file
	// goes, and must not take it along.
	for _, name := range u.removes {
		moved, err := backup(name)
		if err != nil {
			return fmt.Errorf("remove %s: %w", name, err)
		}
		if moved {
			emptied = append(emptied, name)
		}
	}
	for _, f := range files {
		name := u.files[f]
		if _, err := backup(name); err != nil {
			return fmt.Errorf("update %s: %w", name, err)
		}
		if err := u.mkdirs(u.base, path.Dir(name), record); err != nil {
			return fmt.Errorf("update %s: %w", name, err)
		}
		from, to := path.Join(stageName, strconv.Itoa(f)), path.Join(u.base, name)
		if err := record(step{kind: stepPlace, from: from, to: to}); err != nil {
			return fmt.Errorf("update %s: %w", name, err)
		}
		if err := u.root.Rename(from, to); err != nil {
			return fmt.Errorf("update %s: %w", name, err)
		}
	}
	return nil
}

// Abort drops the update; the destination was never touched.
func (u *Update) Abort() error {
	u.root.Close()
	return u.stage.Abort()
}

// staged returns the numbers of the files to place, in the lexical order
// of their names: of a name staged twice, the last.
func (u *Update) staged() []int {
	last := make(map[string]int, len(u.files))
	for i, name := range u.files {
		last[name] = i
	}
	files := make([]int, 0, len(last))
	for _, i := range last {
		files = append(files, i)
	}
	slices.SortFunc(files, func(a, b int) int { return strings.Compare(u.files[a], u.files[b]) })
	return files
}

// preflight checks, before anything changes, that no symbolic link and no
// file stands where a change needs a folder, and that no folder stands
// where a file is to be written. A link in a file's place is fine: the
// rename replaces the link itself, never what it points to.
func (u *Update) preflight(files []string) error {
	checked := map[string]bool{}
	var dirOK func(dir string) error
	dirOK = func(dir string) error {
		if dir == "." || checked[dir] {
			return nil
		}
		if err := dirOK(path.Dir(dir)); err != nil {
			return err
		}
		st, err := u.root.Lstat(path.Join(u.base, dir))
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return err
		case st.Mode()&fs.ModeSymlink != 0:
			return fmt.Errorf("output %s: a symbolic link stands in the output folder; remove it or build afresh (-nocache)", dir)
		case !st.IsDir():
			return fmt.Errorf("output %s: a file stands where a folder belongs; remove it or build afresh (-nocache)", dir)
		}
		checked[dir] = true
		return nil
	}
	for _, name := range append(slices.Clone(files), u.removes...) {
		if err := dirOK(path.Dir(name)); err != nil {
			return err
		}
	}
	for _, name := range files {
		st, err := u.root.Lstat(path.Join(u.base, name))
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return err
		case st.IsDir() && st.Mode()&fs.ModeSymlink == 0:
			return fmt.Errorf("output %s: a folder stands where a file belongs; remove it or build afresh (-nocache)", name)
		}
	}
	return nil
}

// mkdirs creates the folders of dir below top, recording each it makes
// when record is set.
func (u *Update) mkdirs(top, dir string, record func(step) error) error {
	if dir == "." {
		return nil
	}
	if err := u.mkdirs(top, path.Dir(dir), record); err != nil {
		return err
	}
	p := path.Join(top, dir)
	if _, err := u.root.Lstat(p); err == nil {
		return nil
	}
	if record != nil {
		if err := record(step{kind: stepMkdir, to: p}); err != nil {
			return err
		}
	}
	if err := u.root.Mkdir(p, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return nil
}

// removeEmptyParents removes the folders above name that a removal left
// empty, as a clean build would not have them; removing a folder is not
// undone, and an empty folder never matters to a reader.
func (u *Update) removeEmptyParents(name string) {
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		if u.root.Remove(path.Join(u.base, dir)) != nil {
			break // not empty
		}
	}
}

// undo reverses steps, newest first.
func (u *Update) undo(steps []step) error { return undoSteps(u.root, steps) }

// undoSteps reverses steps, newest first. A step may have been recorded
// without being made (a process killed between the two), so each is
// undone only where it shows: a file placed is gone from the stage, a file
// backed up is in the backup folder.
func undoSteps(root *os.Root, steps []step) error {
	var errs []error
	for i := len(steps) - 1; i >= 0; i-- {
		s := steps[i]
		switch s.kind {
		case stepPlace:
			if _, err := root.Lstat(s.from); errors.Is(err, fs.ErrNotExist) {
				root.Remove(s.to)
			}
		case stepBackup:
			if _, err := root.Lstat(s.to); err == nil {
				root.Remove(s.from)
				root.MkdirAll(path.Dir(s.from), 0o755)
				if err := root.Rename(s.to, s.from); err != nil {
					errs = append(errs, err)
				}
			}
		case stepMkdir:
			root.Remove(s.to)
		}
	}
	return errors.Join(errs...)
}

// Leftovers removes the temporary folders that builds of dest killed before
// they finished left beside it. A folder is a leftover when the process
// that made it, named in the folder's name, no longer runs.
func Leftovers(dest string) error {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	entries, err := os.ReadDir(parent)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	prefix := "." + filepath.Base(dest) + ".attache-"
	var errs []error
	// Journals first: a commit cut short is undone while its backup and
	// stage folders are still there.
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasPrefix(name, prefix+"jnl-") {
			continue
		}
		if pid, ok := tempOwner(name[len(prefix):]); ok && alive(pid) {
			continue
		}
		if err := recoverJournal(parent, name); err != nil {
			errs = append(errs, fmt.Errorf("undo the build killed while it updated %s: %w", dest, err))
			continue
		}
	}
	if len(errs) > 0 {
		// The backups of an undo that failed are the only copy of the
		// files it moved out: every folder stays for another try.
		return errors.Join(errs...)
	}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, prefix) {
			continue
		}
		if pid, ok := tempOwner(name[len(prefix):]); ok && alive(pid) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(parent, name)); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
