package build

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
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
// would leave the time as it was.
const folderSettle = 2 * time.Second

// outputScan is what scanOutput found.
type outputScan struct {
	// written are the manifest's files found as it records them; nil
	// when the output folder could not be scanned.
	written map[string]*outputState
	// strays are files and folders a clean build would not have, folders
	// reported once and not what they hold.
	strays []string
	// folders are the folders' times as scanned.
	folders map[string]int64
	// clean is set when the folder is exactly what the manifest says.
	clean bool
}

// folderIndex is what the manifest puts in one folder.
type folderIndex struct {
	files []manifestFile
	// stamp is what the folder's time was when the cache was saved, 0 if
	// unknown; seen is what the scan found, with found set when it is a
	// folder.
	stamp, seen int64
	found       bool
	// listed are its entries, read when its time is not the stamp.
	listed []fs.DirEntry
	err    error
}

// scanOutput compares the output folder dest with the manifest and the
// folders' recorded times, statting the folders in parallel.
func scanOutput(dest string, manifest map[string]buildcache.Output, stamps map[string]int64, workers int) outputScan {
	if st, err := os.Lstat(dest); err != nil || !st.IsDir() {
		return outputScan{}
	}
	index := map[string]*folderIndex{".": {}}
	for name, out := range manifest {
		d := dirOf(name)
		ix := index[d]
		if ix == nil {
			ix = &folderIndex{}
			index[d] = ix
			for d = dirOf(d); index[d] == nil; d = dirOf(d) {
				index[d] = &folderIndex{}
			}
		}
		ix.files = append(ix.files, manifestFile{name, out})
	}
	names := make([]string, 0, len(index))
	for d, ix := range index {
		ix.stamp = stamps[d]
		names = append(names, d)
	}
	// Parents sort before their children.
	slices.Sort(names)
	files := make([][]listedFile, len(names))
	parallel.Do(context.Background(), len(names), workers, func(i int) {
		ix := index[names[i]]
		dir := filepath.Join(dest, filepath.FromSlash(names[i]))
		st, err := os.Lstat(dir)
		if err != nil || !st.IsDir() {
			return
		}
		ix.found, ix.seen = true, st.ModTime().UnixNano()
		if ix.stamp == 0 || ix.seen != ix.stamp {
			ix.listed, ix.err = os.ReadDir(dir)
		}
		files[i] = make([]listedFile, len(ix.files))
		for k, f := range ix.files {
			files[i][k] = statFile(filepath.Join(dest, filepath.FromSlash(f.name)))
		}
	})
	sc := outputScan{written: make(map[string]*outputState, len(manifest)), folders: make(map[string]int64, len(index))}
	// A folder that is missing or not a folder hides everything under it:
	// what was statted there went through something else.
	var gone []string
	under := func(d string) bool {
		for _, g := range gone {
			if g == "." || d == g || strings.HasPrefix(d, g+"/") {
				return true
			}
		}
		return false
	}
	for i, d := range names {
		ix := index[d]
		if under(d) {
			continue
		}
		if ix.err != nil || !ix.found && d == "." {
			return outputScan{} // a folder that cannot be listed
		}
		if !ix.found {
			gone = append(gone, d)
			if _, err := os.Lstat(filepath.Join(dest, filepath.FromSlash(d))); err == nil {
				sc.strays = append(sc.strays, d) // a file or link where a folder was
			}
			continue
		}
		sc.folders[d] = ix.seen
		for k, mf := range ix.files {
			name, f, m := mf.name, files[i][k], mf.out
			switch {
			case !f.exists:
			case !f.regular:
				sc.strays = append(sc.strays, name)
			case f.size == m.Size && f.mtime == m.ModTime:
				sc.written[name] = &outputState{sig: m.Sig, sum: m.Sum, deps: m.Deps, onDisk: &diskStamp{f.size, f.mtime}}
			}
		}
		for _, e := range ix.listed {
			rel := path.Join(d, e.Name())
			_, isFile := manifest[rel]
			_, isFolder := index[rel]
			// A listed file or folder of the wrong kind is found
			// above, by its stat.
			if !isFile && !isFolder && (d != "." || e.Name() != output.Marker) {
				sc.strays = append(sc.strays, rel)
			}
		}
	}
	slices.Sort(sc.strays)
	sc.clean = len(sc.strays) == 0 && len(sc.written) == len(manifest)
	return sc
}

// manifestFile is a file the manifest lists, by slash-separated name.
type manifestFile struct {
	name string
	out  buildcache.Output
}

// dirOf is path.Dir of a clean, relative name, without cleaning it again.
func dirOf(name string) string {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		return name[:i]
	}
	return "."
}

// listedFile is what the scan found of one file.
type listedFile struct {
	size, mtime     int64
	exists, regular bool
}

func statFile(p string) listedFile {
	st, err := os.Lstat(p)
	if err != nil {
		return listedFile{}
	}
	return listedFile{size: st.Size(), mtime: st.ModTime().UnixNano(), exists: true, regular: st.Mode().IsRegular()}
}

// folderStamps returns the times of the folders of outputs for the build
// cache: as scanned for the folders no build has written to since, as they
// are now for the others, and none for a time too recent to trust.
func (b *Builder) folderStamps(ctx context.Context, outputs map[string]buildcache.Output) map[string]int64 {
	dirs := map[string]bool{".": true}
	for name := range outputs {
		for d := path.Dir(name); !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	stamps := make(map[string]int64, len(dirs))
	var ask []string
	for d := range dirs {
		if t, ok := b.folders[d]; ok && !b.dirty[d] {
			stamps[d] = t
		} else {
			ask = append(ask, d)
		}
	}
	times := make([]int64, len(ask))
	parallel.Do(ctx, len(ask), b.proj.Options.Workers, func(i int) {
		if st, err := os.Lstat(filepath.Join(b.dest, filepath.FromSlash(ask[i]))); err == nil && st.IsDir() {
			times[i] = st.ModTime().UnixNano()
		}
	})
	for i, d := range ask {
		if times[i] != 0 {
			stamps[d] = times[i]
		}
	}
	settled := time.Now().Add(-folderSettle).UnixNano()
	for d, t := range stamps {
		if t > settled {
			delete(stamps, d)
		}
	}
	return stamps
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
