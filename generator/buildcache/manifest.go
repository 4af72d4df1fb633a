package buildcache

import (
	"cmp"
	"iter"
	"path"
	"slices"
	"strings"
)

// Manifest is what a build left in the output folder: its folders, each
// with the files the build wrote there, the output folder first and every
// other folder right after its parent and its parent's earlier
// subfolders, with everything in them (see compareFolders). It is kept by folder, not as one map of
// every file, because a build that finds nothing changed walks it folder by
// folder: at 100,000 articles a map of 300,000 files took longer to build
// than statting them.
type Manifest []Folder

// Folder is one folder of the output and the files a build wrote in it.
type Folder struct {
	// Name is slash-separated and relative to the output folder, "." for
	// the output folder itself.
	Name string
	// Time is the folder's modification time, Unix nanoseconds, as the
	// build left it; 0 when it was too recent to trust (see package
	// build).
	Time int64
	// Files are sorted by name.
	Files []OutputFile
}

// OutputFile is a file a build wrote, by its name in its folder.
type OutputFile struct {
	Name string
	Out  Output
}

// NewManifest groups outputs, n of them, by slash-separated name relative
// to the output folder, into their folders. Every folder above a file is
// listed, files or not. The folders' times are left 0, for the caller to
// set.
func NewManifest(n int, outputs iter.Seq2[string, Output]) Manifest {
	folders := make(map[string]int, n/2+1)
	m := make(Manifest, 0, n/2+1)
	folder := func(d string) int {
		i, ok := folders[d]
		if !ok {
			i = len(m)
			folders[d] = i
			m = append(m, Folder{Name: d})
		}
		return i
	}
	folder(".")
	for name, out := range outputs {
		d, base := split(name)
		i, ok := folders[d]
		if !ok {
			i = folder(d)
			for d != "." {
				d, _ = split(d)
				if _, ok := folders[d]; ok {
					break
				}
				folder(d)
			}
		}
		m[i].Files = append(m[i].Files, OutputFile{Name: base, Out: out})
	}
	for i := range m {
		slices.SortFunc(m[i].Files, func(a, b OutputFile) int { return strings.Compare(a.Name, b.Name) })
	}
	// Sorted by a key per folder that strings.Compare orders as
	// compareFolders does, '/' made the lowest byte: comparing by
	// compareFolders was most of the sort's time at 100,000 articles.
	keys := make([]string, len(m))
	order := make([]int, len(m))
	for i, f := range m {
		order[i] = i
		if f.Name != "." {
			keys[i] = strings.ReplaceAll(f.Name, "/", "\x00")
		}
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
	sorted := make(Manifest, len(m))
	for k, i := range order {
		sorted[k] = m[i]
	}
	return sorted
}

// Patch returns the manifest of m's files with the named files changed:
// recorded as their Output, or removed where changes maps them to nil. It
// is what NewManifest makes of the files so changed, but for the folders'
// times: a folder m lists keeps its time, for the caller to set again
// where the changes touched it, and a new folder has none. Its cost is
// that of the changes and a copy of m's folders, not of sorting every
// file again. m is not modified; the result shares its files where a
// folder did not change.
func (m Manifest) Patch(changes map[string]*Output) Manifest {
	if len(m) == 0 {
		return NewManifest(len(changes), func(yield func(string, Output) bool) {
			for name, out := range changes {
				if out != nil && !yield(name, *out) {
					return
				}
			}
		})
	}
	type change struct {
		base string
		out  *Output
	}
	byFolder := map[string][]change{}
	for name, out := range changes {
		d, base := split(name)
		byFolder[d] = append(byFolder[d], change{base, out})
		if out == nil {
			continue
		}
		// A new file may need new folders above it.
		for d != "." {
			if _, ok := m.Folder(d); ok {
				break
			}
			d, _ = split(d)
			if _, ok := byFolder[d]; !ok {
				byFolder[d] = nil
			}
		}
	}
	dirs := make([]string, 0, len(byFolder))
	for d, cs := range byFolder {
		dirs = append(dirs, d)
		slices.SortFunc(cs, func(a, b change) int { return strings.Compare(a.base, b.base) })
	}
	slices.SortFunc(dirs, compareFolders)
	merge := func(files []OutputFile, cs []change) []OutputFile {
		out := make([]OutputFile, 0, len(files)+len(cs))
		i := 0
		for _, c := range cs {
			for i < len(files) && files[i].Name < c.base {
				out = append(out, files[i])
				i++
			}
			if i < len(files) && files[i].Name == c.base {
				i++
			}
			if c.out != nil {
				out = append(out, OutputFile{Name: c.base, Out: *c.out})
			}
		}
		return append(out, files[i:]...)
	}
	patched := make(Manifest, 0, len(m)+len(dirs))
	i := 0
	for _, d := range dirs {
		for i < len(m) && compareFolders(m[i].Name, d) < 0 {
			patched = append(patched, m[i])
			i++
		}
		if i < len(m) && m[i].Name == d {
			patched = append(patched, Folder{Name: d, Time: m[i].Time, Files: merge(m[i].Files, byFolder[d])})
			i++
			continue
		}
		patched = append(patched, Folder{Name: d, Files: merge(nil, byFolder[d])})
	}
	patched = append(patched, m[i:]...)
	return patched.pruned()
}

// pruned leaves out the folders that hold no file, themselves or below,
// which NewManifest does not list; the output folder stays.
func (m Manifest) pruned() Manifest {
	keep := make([]bool, len(m))
	keep[0] = true
	var open []int // the folders holding the one at hand, innermost last
	for i, f := range m {
		for len(open) > 0 && !Within(f.Name, m[open[len(open)-1]].Name) {
			open = open[:len(open)-1]
		}
		open = append(open, i)
		if len(f.Files) > 0 {
			for k := len(open) - 1; k >= 0 && !keep[open[k]]; k-- {
				keep[open[k]] = true
			}
		}
	}
	if !slices.Contains(keep, false) {
		return m
	}
	out := m[:0:0]
	for i, f := range m {
		if keep[i] {
			out = append(out, f)
		}
	}
	return out
}

// compareFolders orders folder names as a walk of the tree visits them:
// "." first, then by name with '/' below every other byte, so that a
// folder's subfolders follow it together ("a", "a/b", "a-b", not "a",
// "a-b", "a/b").
func compareFolders(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == ".":
		return -1
	case b == ".":
		return 1
	}
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		ca, cb := a[i], b[i]
		switch {
		case ca == cb:
			continue
		case ca == '/':
			return -1
		case cb == '/':
			return 1
		}
		return cmp.Compare(ca, cb)
	}
	return cmp.Compare(len(a), len(b))
}

// Within reports whether the folder d is the folder dir or inside it.
func Within(d, dir string) bool {
	return dir == "." || d == dir || len(d) > len(dir) && d[len(dir)] == '/' && d[:len(dir)] == dir
}

// split is path.Split of a clean, relative name, with "." for a name in
// the output folder itself.
func split(name string) (dir, base string) {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		return name[:i], name[i+1:]
	}
	return ".", name
}

// Len returns the number of files.
func (m Manifest) Len() int {
	n := 0
	for _, f := range m {
		n += len(f.Files)
	}
	return n
}

// Folder returns the index of the folder named name, and whether there is
// one.
func (m Manifest) Folder(name string) (int, bool) {
	return slices.BinarySearchFunc(m, name, func(f Folder, name string) int { return compareFolders(f.Name, name) })
}

// File returns the index in f.Files of the file named name, and whether
// there is one.
func (f *Folder) File(name string) (int, bool) {
	return slices.BinarySearchFunc(f.Files, name, func(o OutputFile, name string) int { return strings.Compare(o.Name, name) })
}

// Path returns the slash-separated name of the folder's k-th file,
// relative to the output folder.
func (f *Folder) Path(k int) string {
	if f.Name == "." {
		return f.Files[k].Name
	}
	return f.Name + "/" + f.Files[k].Name
}

// Paths returns the slash-separated names of the folder's files, relative
// to the output folder.
func (f *Folder) Paths() []string {
	paths := make([]string, len(f.Files))
	for k := range f.Files {
		paths[k] = f.Path(k)
	}
	return paths
}

// valid reports whether m is a manifest NewManifest could have made: the
// output folder first, folders and files in order and each named once,
// names local and clean, each folder's parent listed.
func (m Manifest) valid() bool {
	if len(m) == 0 || m[0].Name != "." {
		return false
	}
	// The folders that hold the one at hand, innermost last.
	open := []string{"."}
	for i, f := range m {
		if i > 0 {
			if compareFolders(m[i-1].Name, f.Name) >= 0 || !clean(f.Name) {
				return false
			}
			for !Within(f.Name, open[len(open)-1]) {
				open = open[:len(open)-1]
			}
			if parent, _ := split(f.Name); parent != open[len(open)-1] {
				return false
			}
			open = append(open, f.Name)
		}
		for k, o := range f.Files {
			if o.Name == "" || o.Name == "." || o.Name == ".." || strings.IndexByte(o.Name, '/') >= 0 ||
				k > 0 && cmp.Compare(f.Files[k-1].Name, o.Name) >= 0 {
				return false
			}
		}
	}
	return true
}

// clean reports whether name is slash-separated, relative and clean.
func clean(name string) bool {
	return name != "" && name != "." && name != ".." && path.Clean(name) == name && !strings.HasPrefix(name, "/") &&
		!strings.HasPrefix(name, "../")
}
