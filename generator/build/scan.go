package build

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"time"

	"github.com/attache/attache/generator/buildcache"
	"github.com/attache/attache/generator/internal/parallel"
	"github.com/attache/attache/generator/output"
)

// A cached build checks that the output folder is as the last build left
// it before trusting the build cache's manifest: every file it lists must
// be there, a regular file of the recorded size and modification time, and
// nothing else may be (a stray, which the build removes). Listing every
// folder was most of a build with nothing to do: at 100,000 articles the
// output has 300,000 files in 130,000 folders, and opening and reading
// each folder cost more than statting each file. A folder's modification
// time changes whenever an entry is added, removed or renamed in it, so a
// folder whose time is the one the cache recorded holds exactly the entries
// it held then, which are the manifest's: only its files are statted, for
// edits in place. The other folders are listed.
//
// A time recorded within folderSettle of the moment it was read is not
// trusted, as Git does not trust a file's time from the same tick as its
// index: an entry added in the same tick of a coarse file-system clock
// would leave the time as it was, and a file edited in that tick would
// keep its time. Such a folder is listed; such a file, recorded with time
// 0, is read and its bytes compared with the hash the manifest records.
const folderSettle = 2 * time.Second

// outputScan is what scanOutput found.
type outputScan struct {
	// manifest is what the cache says the output holds, and matched
	// marks, for each of its folders' files, the ones found as it
	// records them; matched is nil when the output folder could not be
	// scanned.
	manifest buildcache.Manifest
	matched  [][]bool
	// seen are the folders' times as scanned, 0 for a folder missing or
	// under one.
	seen []int64
	// strays are files and folders a clean build would not have, folders
	// reported once and not what they hold.
	strays []string
	// clean is set when the folder is exactly what the manifest says.
	clean bool
	// settled are the times of the files recorded without one whose
	// bytes were found as recorded, by name.
	settled map[string]int64
	// missing and edited are the files the manifest records that were
	// not found as it records them: gone (or not a file), or edited by
	// hand.
	missing, edited []string
}

// folderScan is what the scan found of one of the manifest's folders.
type folderScan struct {
	seen  int64
	found bool
	// listed are its entries, read when its time is not the recorded one.
	listed []fs.DirEntry
	err    error
	files  []listedFile
}

// scanOutput compares the output folder dest with the manifest and its
// folders' recorded times, statting the folders in parallel.
func scanOutput(dest string, m buildcache.Manifest, workers int) outputScan {
	if st, err := os.Lstat(dest); err != nil || !st.IsDir() || len(m) == 0 {
		return outputScan{}
	}
	found := make([]folderScan, len(m))
	files := make([]listedFile, m.Len())
	// Folders are handed out in blocks: at 100,000 articles there are
	// 320,000 of them, most holding one file.
	const block = 256
	first := make([]int, len(m)) // each folder's first file in files
	for i, n := 1, 0; i < len(m); i++ {
		n += len(m[i-1].Files)
		first[i] = n
	}
	parallel.Do(context.Background(), (len(m)+block-1)/block, workers, func(b int) {
		for i := b * block; i < min(len(m), (b+1)*block); i++ {
			f, got := &m[i], &found[i]
			dir := dest
			if f.Name != "." {
				dir = dest + string(filepath.Separator) + filepath.FromSlash(f.Name)
			}
			st, ok := lstat(dir)
			if !ok || !st.dir {
				continue
			}
			got.found, got.seen = true, st.mtime
			if f.Time == 0 || got.seen != f.Time {
				got.listed, got.err = os.ReadDir(dir)
			}
			got.files = files[first[i] : first[i]+len(f.Files)]
			for k, o := range f.Files {
				p := dir + string(filepath.Separator) + o.Name
				l := statFile(p)
				if o.Out.ModTime == 0 && l.regular && l.size == o.Out.Size {
					data, err := os.ReadFile(p)
					l.same = err == nil && buildcache.Sum(data) == o.Out.Sum
				}
				got.files[k] = l
			}
		}
	})
	sc := outputScan{manifest: m, matched: make([][]bool, len(m)), seen: make([]int64, len(m)), clean: true}
	matched := make([]bool, m.Len())
	// A folder that is missing or not a folder hides everything under it:
	// what was statted there went through something else. A folder's
	// subfolders follow it in the manifest.
	gone := ""
	for i := range m {
		f, got := &m[i], &found[i]
		sc.matched[i], matched = matched[:len(f.Files)], matched[len(f.Files):]
		if gone != "" && buildcache.Within(f.Name, gone) {
			sc.missing = append(sc.missing, f.Paths()...)
			continue
		}
		if got.err != nil || !got.found && f.Name == "." {
			return outputScan{} // a folder that cannot be listed
		}
		if !got.found {
			sc.missing = append(sc.missing, f.Paths()...)
			sc.clean = false
			gone = f.Name
			if _, err := os.Lstat(filepath.Join(dest, filepath.FromSlash(f.Name))); err == nil {
				sc.strays = append(sc.strays, f.Name) // a file or link where a folder was
			}
			continue
		}
		sc.seen[i] = got.seen
		for k, o := range f.Files {
			l := got.files[k]
			switch {
			case !l.exists:
				sc.clean = false
				sc.missing = append(sc.missing, f.Path(k))
			case !l.regular:
				sc.strays = append(sc.strays, f.Path(k))
				sc.missing = append(sc.missing, f.Path(k))
			case l.same:
				sc.matched[i][k] = true
				if sc.settled == nil {
					sc.settled = map[string]int64{}
				}
				sc.settled[f.Path(k)] = l.mtime
			case l.size == o.Out.Size && l.mtime == o.Out.ModTime:
				sc.matched[i][k] = true
			default:
				sc.clean = false
				sc.edited = append(sc.edited, f.Path(k))
			}
		}
		if f.Name == "." && got.listed != nil && !slices.ContainsFunc(got.listed, func(e os.DirEntry) bool { return e.Name() == output.Marker && e.Type().IsRegular() }) {
			// The marker went away: the build must write it again (see
			// output.BeginUpdate), or a later build without this cache
			// would take the folder for someone else's.
			sc.clean = false
		}
		for _, e := range got.listed {
			name := e.Name()
			_, isFile := f.File(name)
			rel := path.Join(f.Name, name)
			_, isFolder := m.Folder(rel)
			// A listed file or folder of the wrong kind is found
			// above, by its stat.
			if !isFile && !isFolder && (f.Name != "." || name != output.Marker) {
				sc.strays = append(sc.strays, rel)
			}
		}
	}
	slices.Sort(sc.strays)
	sc.clean = sc.clean && len(sc.strays) == 0
	return sc
}

// written returns the manifest's files found as it records them, by name.
// A file recorded without a time gets the time it was found with, once
// that is old enough to trust. A file edited by hand is recorded as
// nothing a build writes, so that the next build writes it again, or
// removes it when the site no longer has it.
func (sc *outputScan) written() map[string]*outputState {
	w := make(map[string]*outputState, sc.manifest.Len())
	trusted := time.Now().Add(-folderSettle).UnixNano()
	for i := range sc.manifest {
		f := &sc.manifest[i]
		for k, o := range f.Files {
			if sc.matched[i][k] {
				out := o.Out
				name := f.Path(k)
				if t, ok := sc.settled[name]; ok && t <= trusted {
					out.ModTime = t
				}
				w[name] = &outputState{sig: out.Sig, sum: out.Sum, deps: out.Deps, onDisk: &diskStamp{out.Size, out.ModTime}}
			}
		}
	}
	for _, name := range sc.edited {
		w[name] = &outputState{}
	}
	return w
}

// folders returns the times of the folders found, by name.
func (sc *outputScan) folders() map[string]int64 {
	t := make(map[string]int64, len(sc.manifest))
	for i, f := range sc.manifest {
		if sc.seen[i] != 0 {
			t[f.Name] = sc.seen[i]
		}
	}
	return t
}

// listedFile is what the scan found of one file.
type listedFile struct {
	size, mtime     int64
	exists, regular bool
	// same is set for a file recorded without a time whose bytes are
	// the ones recorded.
	same bool
}

func statFile(p string) listedFile {
	st, ok := lstat(p)
	if !ok {
		return listedFile{}
	}
	return listedFile{size: st.size, mtime: st.mtime, exists: true, regular: st.regular}
}

// pathStat is what lstat says of a path: its size, modification time and
// status-change time in nanoseconds, and whether it is a regular file, a
// folder or a symbolic link.
type pathStat struct {
	size, mtime, ctime int64
	regular, dir, link bool
}

// stampFolders sets the times of the manifest's folders for the build
// cache: as scanned for the folders no build has written to since, as
// they are now for the others, and none for a time too recent to trust.
func (b *Builder) stampFolders(ctx context.Context, m buildcache.Manifest) {
	var ask []int
	for i := range m {
		d := m[i].Name
		if t, ok := b.folders[d]; ok && !b.dirty[d] {
			m[i].Time = t
		} else {
			ask = append(ask, i)
		}
	}
	parallel.Do(ctx, len(ask), b.proj.Options.Workers, func(k int) {
		f := &m[ask[k]]
		if st, ok := lstat(filepath.Join(b.dest, filepath.FromSlash(f.Name))); ok && st.dir {
			f.Time = st.mtime
		}
	})
	settled := time.Now().Add(-folderSettle).UnixNano()
	for i := range m {
		if m[i].Time > settled {
			m[i].Time = 0
		}
	}
}

// touched notes the folders whose time a build changed by writing or
// removing name: the folder it is in, and for a new file the folders made
// for it and the one they were made in. A removal may take emptied folders
// with it, so it touches every folder above.
func (b *Builder) touched(name string, how touch) {
	if b.dirty == nil {
		b.dirty = map[string]bool{}
	}
	for d := path.Dir(name); ; d = path.Dir(d) {
		b.dirty[d] = true
		_, existed := b.folders[d]
		if d == "." || how == replaced || how == added && existed {
			return
		}
	}
}

// touch is how a build changed a file.
type touch uint8

const (
	replaced touch = iota
	added
	removed
)
