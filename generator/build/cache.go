package build

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"hash/crc64"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"github.com/attache/attache/generator/output"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/view"
)

// The build cache lets a one-shot build skip what the last one did: it
// keeps every parsed and analysed article, keyed by its file's size,
// modification time and content hash, and a manifest of the output files
// with their signatures, content hashes, sizes and modification times. It
// lives outside the output folder, which is published, in the user's cache
// folder. Whatever it holds, the output is what a clean build writes: keys
// tie it to the program, configuration and theme, a checksum rejects a
// damaged file, and the manifest is checked against the destination
// before it is trusted.

// cacheFormat changes whenever cacheState's layout or meaning does.
const cacheFormat = 5

// cacheFile is the cache's name in its folder.
const cacheFile = "build.gob"

// cacheMaxAge is how long the cache of a site not built since is kept.
const cacheMaxAge = 30 * 24 * time.Hour

func init() {
	// The types TOML front matter can hold in Params.
	gob.Register(map[string]any{})
	gob.Register([]any{})
	gob.Register(time.Time{})
	gob.Register(int64(0))
	gob.Register(float64(0))
	gob.Register("")
	gob.Register(false)
}

// cacheState is what a cache file holds. It is written as a cacheHeader,
// the inputs in batches of cacheBatch and a cacheTrailer, so that neither
// writing nor reading holds a second copy of every article in memory, and
// so that a one-shot build can write the inputs before it renders (see
// Builder.Build) and the outputs after.
type cacheState struct {
	cacheHeader
	cacheTrailer
	Inputs map[string]cachedInput
}

type cacheHeader struct {
	Format int
	// InputsKey identifies what parsing and detection depend on besides
	// the file: the program and the configuration.
	InputsKey [32]byte
	Inputs    int
}

type cacheTrailer struct {
	// OutputsKey adds to InputsKey what rendering depends on: the theme,
	// the options and the destination.
	OutputsKey [32]byte
	Outputs    map[string]cachedOutput
}

const cacheBatch = 256

type cachedInput struct {
	Name    string
	Size    int64
	ModTime int64
	Version uint64
	// Inputs are the file's articles (see entry.inputs).
	Inputs []site.Input
}

type cachedOutput struct {
	Sig, Sum uint64
	// Deps are the site-wide data the page's layouts read.
	Deps    view.Deps
	Size    int64
	ModTime int64
}

// diskCache is the cache of one source and destination.
type diskCache struct {
	file                  string
	inputsKey, outputsKey [32]byte
	// loaded is what the cache held when the build started, nil if
	// nothing usable.
	loaded *cacheState
	// clean is set when the loaded cache matched the input and output
	// exactly, so that a build changing nothing need not save it.
	clean bool
}

// openCache finds the cache of the project's site and works out its keys.
// It returns nil when the program cannot be identified: a build without a cache is slower, never wrong.
func openCache(p *Project) *diskCache {
	id, err := programID()
	if err != nil {
		return nil
	}
	c := &diskCache{file: cacheFileOf(p)}
	dest := absPath(p.Destination)

	h := sha256.New()
	fmt.Fprintf(h, "attache cache %d\x00%s\x00%s\x00", cacheFormat, id, p.ContentDir)
	cfg, err := os.ReadFile(filepath.Join(p.Options.Source, ConfigFile))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	h.Write(cfg)
	h.Sum(c.inputsKey[:0])

	h.Reset()
	h.Write(c.inputsKey[:])
	fmt.Fprintf(h, "\x00%s\x00%s\x00%t\x00", dest, p.Options.BaseURL, p.Options.Drafts)
	if err := hashTree(h, filepath.Join(p.Options.Source, "templates")); err != nil {
		return nil
	}
	h.Sum(c.outputsKey[:0])
	return c
}

// cacheFileOf returns the path of the cache of the project's source and
// destination.
func cacheFileOf(p *Project) string {
	src, dest := absPath(p.Options.Source), absPath(p.Destination)
	where := sha256.Sum256([]byte(src + "\x00" + dest))
	return filepath.Join(p.Options.CacheDir, hex.EncodeToString(where[:12]), cacheFile)
}

// hasCache reports whether a build cache records the project's
// destination as an output, whichever attache wrote it.
func hasCache(p *Project) bool {
	_, err := os.Stat(cacheFileOf(p))
	return err == nil
}

// programID identifies the running program by its bytes, so that a
// rebuilt attache (whose parser, gazetteer or bundled themes may differ)
// does not reuse an older one's cache.
func programID() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return runtime.Version() + "-" + hex.EncodeToString(h.Sum(nil)), nil
}

// hashTree hashes the names and contents of the files under dir; a missing
// folder hashes as empty.
func hashTree(w io.Writer, dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(w, "%s\x00%d\x00", filepath.ToSlash(rel), len(data))
		w.Write(data)
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// load reads the cache file. A missing, damaged or foreign file is no
// cache.
func (c *diskCache) load() *cacheState {
	f, err := os.Open(c.file)
	if err != nil {
		return nil
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || info.Size() < sha256.Size {
		return nil
	}
	// The file is decoded as it is read and checked at the end, rather
	// than read whole first: at 100,000 articles it is half a gigabyte.
	h := sha256.New()
	body := io.TeeReader(bufio.NewReaderSize(io.LimitReader(f, info.Size()-sha256.Size), 1<<20), h)
	st := c.decode(body)
	if st == nil {
		return nil
	}
	// Whatever the gob left unread counts too.
	if _, err := io.Copy(h, body); err != nil {
		return nil
	}
	sum := make([]byte, sha256.Size)
	if _, err := io.ReadFull(f, sum); err != nil || !bytes.Equal(h.Sum(nil), sum) {
		return nil
	}
	return st
}

// decode reads a cache file's gob; it returns nil if it is not a cache
// for this site and program.
func (c *diskCache) decode(body io.Reader) *cacheState {
	var st cacheState
	dec := gob.NewDecoder(body)
	if err := dec.Decode(&st.cacheHeader); err != nil || st.Format != cacheFormat || st.InputsKey != c.inputsKey {
		return nil
	}
	st.Inputs = make(map[string]cachedInput, st.cacheHeader.Inputs)
	for len(st.Inputs) < st.cacheHeader.Inputs {
		var batch []cachedInput
		if err := dec.Decode(&batch); err != nil || len(batch) == 0 {
			return nil
		}
		for _, in := range batch {
			st.Inputs[in.Name] = in
		}
	}
	if err := dec.Decode(&st.cacheTrailer); err != nil {
		return nil
	}
	return &st
}

// save writes the cache file through a temporary file, with a checksum
// after the gob, and forgets the caches of sites not built for a long time.
func (c *diskCache) save(st *cacheState) error {
	w, err := c.create(st.Inputs)
	if err != nil {
		return err
	}
	return w.finish(st.cacheTrailer)
}

// cacheWriter is a cache file being written: header and inputs first,
// the trailer when the build is done.
type cacheWriter struct {
	c   *diskCache
	f   *os.File
	h   hash.Hash
	w   *bufio.Writer
	enc *gob.Encoder
}

// create starts a new cache file with the inputs.
func (c *diskCache) create(inputs map[string]cachedInput) (*cacheWriter, error) {
	if err := os.MkdirAll(filepath.Dir(c.file), 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(c.file), ".tmp-*")
	if err != nil {
		return nil, err
	}
	cw := &cacheWriter{c: c, f: f, h: sha256.New()}
	cw.w = bufio.NewWriterSize(io.MultiWriter(f, cw.h), 1<<20)
	cw.enc = gob.NewEncoder(cw.w)
	err = cw.enc.Encode(cacheHeader{Format: cacheFormat, InputsKey: c.inputsKey, Inputs: len(inputs)})
	batch := make([]cachedInput, 0, cacheBatch)
	flush := func() {
		if err == nil && len(batch) > 0 {
			err = cw.enc.Encode(batch)
		}
		batch = batch[:0]
	}
	for _, in := range inputs {
		if batch = append(batch, in); len(batch) == cacheBatch {
			flush()
		}
	}
	flush()
	if err != nil {
		cw.abandon()
		return nil, err
	}
	return cw, nil
}

// finish writes the trailer and the checksum and puts the file in place.
func (cw *cacheWriter) finish(tr cacheTrailer) error {
	defer os.Remove(cw.f.Name())
	err := cw.enc.Encode(tr)
	if err == nil {
		err = cw.w.Flush()
	}
	if err == nil {
		_, err = cw.f.Write(cw.h.Sum(nil))
	}
	if cerr := cw.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(cw.f.Name(), cw.c.file); err != nil {
		return err
	}
	cw.c.prune()
	return nil
}

// abandon removes the unfinished file.
func (cw *cacheWriter) abandon() {
	cw.f.Close()
	os.Remove(cw.f.Name())
}

// prune removes the caches of other sites not built for cacheMaxAge, so
// that builds of many temporary folders do not fill the cache folder.
func (c *diskCache) prune() {
	root := filepath.Dir(filepath.Dir(c.file))
	entries, err := os.ReadDir(root)
	if err != nil {
		return
	}
	for _, e := range entries {
		dir := filepath.Join(root, e.Name())
		if !e.IsDir() || dir == filepath.Dir(c.file) {
			continue
		}
		st, err := os.Stat(filepath.Join(dir, cacheFile))
		if err == nil && time.Since(st.ModTime()) < cacheMaxAge {
			continue
		}
		if err != nil {
			if st, err := os.Stat(dir); err == nil && time.Since(st.ModTime()) < cacheMaxAge {
				continue // perhaps being written
			}
		}
		os.RemoveAll(dir)
	}
}

// cacheable reports whether the article's Params hold only types the cache
// can store; others are parsed again on every build.
func cacheable(v any) bool {
	switch v := v.(type) {
	case nil, string, int64, float64, bool, time.Time:
		return true
	case []any:
		for _, x := range v {
			if !cacheable(x) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, x := range v {
			if !cacheable(x) {
				return false
			}
		}
		return true
	}
	return false
}

// restore fills a Builder that has just loaded its project from the cache:
// the parsed inputs, and what it knows of the output once that is checked
// against the destination.
func (b *Builder) restore() {
	c := b.disk
	// Listing the output folder and decoding the cache take about as long
	// as each other; neither needs the other.
	listed := make(chan outputListing, 1)
	go func() { listed <- listOutput(b.dest) }()
	st := c.load()
	out := <-listed
	c.loaded, c.clean = st, false
	if st == nil {
		return
	}
	for name, in := range st.Inputs {
		b.files[name] = &entry{size: in.Size, mtime: time.Unix(0, in.ModTime), version: in.Version, inputs: in.Inputs}
	}
	if st.OutputsKey != c.outputsKey {
		return
	}
	written, strays, clean := out.verify(st.Outputs)
	if written == nil {
		return
	}
	b.written, b.strays = written, strays
	c.clean = clean
}

// outputListing is what the output folder holds: its files, with size and
// modification time, and its folders, by slash-separated relative path.
// files is nil when the folder could not be listed.
type outputListing struct {
	files map[string]listedFile
	dirs  []string
}

type listedFile struct {
	size, mtime int64
	regular     bool
}

// listOutput lists the output folder, its top-level folders in parallel:
// on a warm rebuild with nothing to do, listing fifteen thousand files was
// half the time.
func listOutput(dest string) outputListing {
	if st, err := os.Lstat(dest); err != nil || !st.IsDir() {
		return outputListing{}
	}
	top, err := os.ReadDir(dest)
	if err != nil {
		return outputListing{}
	}
	parts := make([]outputListing, len(top))
	errs := make([]error, len(top))
	parallel(context.Background(), len(top), runtime.GOMAXPROCS(0), func(i int) {
		parts[i], errs[i] = listFolder(dest, top[i])
	})
	out := outputListing{files: map[string]listedFile{}}
	for i, p := range parts {
		if errs[i] != nil {
			return outputListing{}
		}
		for name, f := range p.files {
			out.files[name] = f
		}
		out.dirs = append(out.dirs, p.dirs...)
	}
	return out
}

// listFolder lists one entry of the output folder and, if it is a folder,
// everything under it.
func listFolder(dest string, top fs.DirEntry) (outputListing, error) {
	out := outputListing{files: map[string]listedFile{}}
	err := filepath.WalkDir(filepath.Join(dest, top.Name()), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dest, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			out.dirs = append(out.dirs, rel)
			return nil
		}
		f := listedFile{regular: d.Type().IsRegular()}
		if f.regular {
			info, err := d.Info()
			if err != nil {
				return err
			}
			f.size, f.mtime = info.Size(), info.ModTime().UnixNano()
		}
		out.files[rel] = f
		return nil
	})
	return out, err
}

// verify compares the listing with the manifest. It returns what is known
// of the files that are as the manifest says, the files and folders that a
// clean build would not have, and whether everything matched. It returns
// nil when the folder could not be listed.
func (l outputListing) verify(manifest map[string]cachedOutput) (map[string]*outputState, []string, bool) {
	if l.files == nil {
		return nil, nil, false
	}
	dirs := map[string]bool{}
	for name := range manifest {
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			if dirs[d] {
				break
			}
			dirs[d] = true
		}
	}
	written := make(map[string]*outputState, len(manifest))
	var strays []string
	// A stray folder is reported once, not with everything under it.
	strayDir := map[string]bool{}
	under := func(name string) bool {
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			if strayDir[d] {
				return true
			}
		}
		return false
	}
	slices.Sort(l.dirs)
	for _, d := range l.dirs {
		if !dirs[d] && !under(d) {
			strayDir[d] = true
			strays = append(strays, d)
		}
	}
	for name, f := range l.files {
		if under(name) || name == output.Marker {
			continue
		}
		m, ok := manifest[name]
		if !ok || !f.regular {
			strays = append(strays, name)
			continue
		}
		if f.size == m.Size && f.mtime == m.ModTime {
			written[name] = &outputState{sig: m.Sig, sum: m.Sum, deps: m.Deps}
		}
	}
	slices.Sort(strays)
	return written, strays, len(strays) == 0 && len(written) == len(manifest)
}

// persist saves the Builder's state after a successful build, unless the
// build changed nothing the cache records.
func (b *Builder) persist(ctx context.Context, r Rebuild) error {
	c := b.disk
	if c.clean && r.Parsed == 0 && r.Written == 0 && r.Removed == 0 && len(b.files) == len(c.loaded.Inputs) {
		return nil
	}
	st := &cacheState{cacheHeader: cacheHeader{Format: cacheFormat, InputsKey: c.inputsKey},
		cacheTrailer: b.manifest(ctx), Inputs: b.cachedInputs()}
	c.loaded, c.clean = st, true
	return c.save(st)
}

// cachedInputs returns what the cache keeps of the parsed articles.
func (b *Builder) cachedInputs() map[string]cachedInput {
	inputs := make(map[string]cachedInput, len(b.files))
	for name, e := range b.files {
		if e.err == nil && !slices.ContainsFunc(e.inputs, func(in site.Input) bool { return !cacheable(in.Article.Params) }) {
			inputs[name] = cachedInput{Name: name, Size: e.size, ModTime: e.mtime.UnixNano(), Version: e.version, Inputs: e.inputs}
		}
	}
	return inputs
}

// manifest returns what the cache keeps of the files written.
func (b *Builder) manifest(ctx context.Context) cacheTrailer {
	tr := cacheTrailer{OutputsKey: b.disk.outputsKey, Outputs: make(map[string]cachedOutput, len(b.written))}
	names := make([]string, 0, len(b.written))
	for name := range b.written {
		names = append(names, name)
	}
	infos := make([]os.FileInfo, len(names))
	parallel(ctx, len(names), b.proj.Options.Workers, func(i int) {
		infos[i], _ = os.Lstat(filepath.Join(b.dest, filepath.FromSlash(names[i])))
	})
	for i, name := range names {
		if infos[i] == nil {
			continue // the next build writes it again
		}
		w := b.written[name]
		tr.Outputs[name] = cachedOutput{Sig: w.sig, Sum: w.sum, Deps: w.deps, Size: infos[i].Size(), ModTime: infos[i].ModTime().UnixNano()}
	}
	return tr
}

// contentSum hashes bytes the same way in every process, for output files
// and article versions kept in the cache. CRC-64 is for telling a changed
// file from an unchanged one, not for defending against anyone; it hashes
// the quarter gigabyte of a 10,000-article site several times faster than
// a cryptographic hash.
func contentSum(parts ...[]byte) uint64 {
	table := crc64.MakeTable(crc64.ECMA) // built once by the package
	var sum uint64
	for _, p := range parts {
		sum = crc64.Update(sum, table, p)
	}
	return sum
}
