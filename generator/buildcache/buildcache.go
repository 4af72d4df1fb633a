package buildcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc64"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"
	"unsafe"

	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/view"
)

// Format changes whenever State's layout or meaning does.
const Format = 12

// fileName is the cache's name in its folder.
const fileName = "build.gob"

// maxAge is how long the cache of a site not built since is kept.
const maxAge = 30 * 24 * time.Hour

// DefaultDir returns the folder of build caches in the user's cache folder:
// attache's output folder is published, so its cache lives elsewhere.
func DefaultDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "attache"), nil
}

// Site names what a cache belongs to and what its contents depend on.
type Site struct {
	// Dir is the folder of caches, such as DefaultDir.
	Dir string
	// Source is the site folder, ContentDir its articles, Config its
	// configuration file and Templates its own layouts.
	Source, ContentDir, Config, Templates string
	// Destination is the output folder; BaseURL, Drafts and Future are
	// the build options that change the output.
	Destination, BaseURL string
	Drafts, Future       bool
	// Year is the year of the build's clock, which parsing compares
	// article dates with (a date after next year is a typo): articles
	// parsed in another year are not kept.
	Year int
}

// Path returns the index file of the cache of the site's source and
// destination; the pack of its articles lies beside it.
func (s Site) Path() string {
	src, dest := absPath(s.Source), absPath(s.Destination)
	where := sha256.Sum256([]byte(src + "\x00" + dest))
	return filepath.Join(s.Dir, hex.EncodeToString(where[:12]), fileName)
}

// Exists reports whether a cache records the site's destination as an
// output, whichever attache wrote it.
func (s Site) Exists() bool {
	_, err := os.Stat(s.Path())
	return err == nil
}

// State is what a cache holds: the parsed inputs, by content-relative
// file name, and the manifest of the output files, by output-relative name.
// Outputs is nil when the theme, options or destination changed since the
// cache was written: its articles are still good, its outputs are not.
//
// Load gives each Input its name, size, time and version but not its
// articles, which are most of the cache: a build that finds nothing
// changed needs no more. LoadArticles reads them.
type State struct {
	Inputs map[string]Input
	// Outputs are the files the build wrote, by folder, with the
	// folders' times as the build left them, so that the next build need
	// not list a folder whose entries did not change; nil when unknown.
	Outputs Manifest
	// Report is what the build that wrote the outputs said; nil when
	// unknown, and with the outputs when they are not good.
	Report *Report
	// pack is where the inputs' articles lie, as the index read or
	// written names them, so that LoadArticles reads that index's
	// articles and no later one's, and Append keeps what did not change.
	pack packRef
}

// Report is what a build said and how long it holds, so that a later
// build of the same inputs into the same output, while the report holds,
// can say it again instead of building.
type Report struct {
	// At is when the build ran and Until the first instant at which its
	// site would differ (see clock.Now), zero for never; Unix nanoseconds.
	At, Until int64
	// Log is what the build logged once the project was loaded, in order.
	Log []LogRecord
	// What the build made, and the warnings it returned.
	Articles, Pages, Countries, Organisations int
	Warnings                                  []string
}

// LogRecord is one message a build logged.
type LogRecord struct {
	Level   int
	Message string
}

// A cache is two files in the site's cache folder. The pack (see pack.go)
// holds the articles, in segments appended one per build; the index
// (fileName) holds each input's name, size, time and version and where its
// articles lie in the pack, every live segment's place and SHA-256, the
// outputs' manifest and the report, followed by its own SHA-256. The index
// is small and replaced whole, through a temporary file, after the pack is
// written: whatever a crash leaves past the segments it names is ignored,
// and cut off by the next append. A build that finds nothing changed reads
// the index alone.
type index struct {
	Format int
	// InputsKey identifies what parsing and detection depend on besides
	// the file: the program and the configuration.
	InputsKey [32]byte
	Inputs    []Input
	// Where holds, for each of Inputs in order, where its articles lie.
	Where []record
	Pack  packRef
	// OutputsKey adds to InputsKey what rendering depends on: the theme,
	// the options and the destination.
	OutputsKey [32]byte
	Outputs    Manifest
	Report     *Report
}

// indexMagic starts the index; its digit is Format's.
const indexMagic = "attache cache 12\n"

// maxIndex bounds the index a Load reads into memory: at 100,000 articles
// and 300,000 outputs it is about 45 MB.
const maxIndex = 1 << 30

// Input is what the cache keeps of one content file.
type Input struct {
	Name    string
	Size    int64
	ModTime int64
	// Version is the hash of the file's name and bytes.
	Version uint64
	// Inputs are the file's articles: one, or several for a NewsML-G2
	// newsMessage, or none for an agency file that held no story.
	Inputs []site.Input
}

// Output is what the cache keeps of one output file.
type Output struct {
	// Sig is the file's signature, Sum the hash of its bytes.
	Sig, Sum uint64
	// Deps are the site-wide data the page's layouts read.
	Deps    view.Deps
	Size    int64
	ModTime int64
}

// File is the cache of one source and destination.
type File struct {
	file                  string
	inputsKey, outputsKey [32]byte
}

// Open finds the cache of the site and works out its keys. It returns nil
// when the program cannot be identified: a build without a cache is
// slower, never wrong.
func Open(s Site) *File {
	id, err := programID()
	if err != nil {
		return nil
	}
	c := &File{file: s.Path()}

	h := sha256.New()
	fmt.Fprintf(h, "attache cache %d\x00%s\x00%s\x00%d\x00", Format, id, s.ContentDir, s.Year)
	cfg, err := os.ReadFile(s.Config)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	h.Write(cfg)
	h.Sum(c.inputsKey[:0])

	h.Reset()
	h.Write(c.inputsKey[:])
	fmt.Fprintf(h, "\x00%s\x00%s\x00%t\x00%t\x00", absPath(s.Destination), s.BaseURL, s.Drafts, s.Future)
	if err := hashTree(h, s.Templates); err != nil {
		return nil
	}
	h.Sum(c.outputsKey[:0])
	return c
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
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

// Load reads the cache's index: the inputs without their articles, the
// outputs and the report. A missing, damaged or foreign index is no cache:
// Load returns nil.
func (c *File) Load() *State {
	f, err := os.Open(c.file)
	if err != nil {
		return nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.Size() > maxIndex || fi.Size() < int64(len(indexMagic)+sha256.Size) {
		return nil
	}
	raw := make([]byte, fi.Size())
	if _, err := io.ReadFull(f, raw); err != nil {
		return nil
	}
	body, sum := raw[:len(raw)-sha256.Size], raw[len(raw)-sha256.Size:]
	if want := sha256.Sum256(body); !bytes.Equal(sum, want[:]) || string(body[:len(indexMagic)]) != indexMagic {
		return nil
	}
	// The index's strings are substrings of raw, which nothing writes to
	// once read: copying 45 MB into a string cost more than decoding it
	// (fresh pages are slow to fault in on a virtual machine).
	text := body[len(indexMagic):]
	ix, err := decodeIndex(unsafe.String(unsafe.SliceData(text), len(text)))
	if err != nil || ix.InputsKey != c.inputsKey || !ix.Pack.valid(ix.Where) {
		return nil
	}
	if ix.Outputs != nil && !ix.Outputs.valid() {
		return nil
	}
	st := &State{Inputs: make(map[string]Input, len(ix.Inputs)), Outputs: ix.Outputs, Report: ix.Report, pack: ix.Pack}
	st.pack.where = make(map[string]record, len(ix.Inputs))
	for i, in := range ix.Inputs {
		in.Inputs = nil
		st.Inputs[in.Name] = in
		st.pack.where[in.Name] = ix.Where[i]
	}
	if len(st.Inputs) != len(ix.Inputs) {
		return nil // a name twice
	}
	if ix.OutputsKey != c.outputsKey {
		st.Outputs, st.Report = nil, nil
	}
	return st
}

// LoadArticles reads the articles of the inputs st lists, from the pack
// segments the index st was loaded from names, into st.Inputs. It reports
// false, leaving st's inputs as they were, when the pack no longer holds
// them: damaged, truncated, or replaced since; the next Append from st
// then writes a fresh pack. The articles' bodies are read from the pack
// when asked for (article.Body), or with reread, if not nil, when the
// pack's copy was damaged since.
func (c *File) LoadArticles(st *State, reread Reread) bool {
	articles := c.readPack(st.pack, st.Inputs, reread)
	if articles == nil {
		// Nothing more is appended to a pack found wanting.
		st.pack = packRef{}
		return false
	}
	for name, arts := range articles {
		in := st.Inputs[name]
		in.Inputs = arts
		st.Inputs[name] = in
	}
	return true
}

// Save writes the cache afresh: a new pack with every input's articles,
// then the index. It forgets the caches of sites not built for a long
// time.
func (c *File) Save(st *State) error {
	return c.Append(nil, st)
}

// Append writes st as the cache, appending to the pack that prev (the
// state last loaded or saved) names only the articles of the inputs whose
// version prev does not hold, so that a build that changed k files writes
// O(k) bytes of articles. When prev is nil or its pack is gone, or when
// dead articles would make up more than half the pack or it has too many
// segments, it writes a fresh pack instead. On success st names where its
// articles lie, for the next Append.
func (c *File) Append(prev, st *State) error {
	dir := filepath.Dir(c.file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var pw *packWriter
	if prev != nil {
		pw = c.appendTo(prev, st.Inputs)
	}
	fresh := pw == nil
	if fresh {
		var err error
		if pw, err = c.newPack(); err != nil {
			return err
		}
	}
	err := pw.write(st.Inputs)
	if err == nil {
		err = c.writeIndex(st.Inputs, pw.ref, st.Outputs, st.Report)
	}
	if cerr := pw.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if fresh {
			os.Remove(pw.f.Name())
		}
		return err
	}
	st.pack = pw.ref
	// After an append too: a build killed before its index was written
	// left a whole pack, which no later append would remove.
	c.dropPacks(pw.ref.Name)
	c.prune()
	return nil
}

// Writer is a cache being written: the articles first, the index when the
// build is done.
type Writer struct {
	c      *File
	pw     *packWriter
	inputs map[string]Input
}

// Create starts a new cache with the inputs, writing their articles to a
// fresh pack; Finish adds the outputs and puts the cache in place. It
// keeps inputs, whose articles the caller may drop once Create returns,
// for their names, sizes, times and versions.
func (c *File) Create(inputs map[string]Input) (*Writer, error) {
	if err := os.MkdirAll(filepath.Dir(c.file), 0o755); err != nil {
		return nil, err
	}
	pw, err := c.newPack()
	if err != nil {
		return nil, err
	}
	cw := &Writer{c: c, pw: pw, inputs: make(map[string]Input, len(inputs))}
	if err := pw.write(inputs); err != nil {
		cw.Abandon()
		return nil, err
	}
	for name, in := range inputs {
		in.Inputs = nil
		cw.inputs[name] = in
	}
	return cw, nil
}

// Finish writes the index — the inputs, the outputs and the report of the
// build that wrote them — and so puts the cache in place.
func (cw *Writer) Finish(outputs Manifest, report *Report) error {
	err := cw.c.writeIndex(cw.inputs, cw.pw.ref, outputs, report)
	if cerr := cw.pw.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(cw.pw.f.Name())
		return err
	}
	cw.c.dropPacks(cw.pw.ref.Name)
	cw.c.prune()
	return nil
}

// Abandon removes the unfinished pack.
func (cw *Writer) Abandon() {
	cw.pw.f.Close()
	os.Remove(cw.pw.f.Name())
}

// writeIndex replaces the index, through a temporary file, with one naming
// the inputs, in ref's pack, and the outputs.
func (c *File) writeIndex(inputs map[string]Input, ref packRef, outputs Manifest, report *Report) error {
	ix := index{Format: Format, InputsKey: c.inputsKey, Inputs: make([]Input, 0, len(inputs)), Where: make([]record, 0, len(inputs)),
		Pack: ref, OutputsKey: c.outputsKey, Outputs: outputs, Report: report}
	for name, in := range inputs {
		in.Inputs = nil
		ix.Inputs = append(ix.Inputs, in)
		ix.Where = append(ix.Where, ref.where[name])
	}
	f, err := os.CreateTemp(filepath.Dir(c.file), tmpPrefix+"*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	e := encoder{buf: append(make([]byte, 0, len(indexMagic)+indexSize(&ix)+sha256.Size), indexMagic...)}
	e.index(&ix)
	sum := sha256.Sum256(e.buf)
	_, err = f.Write(append(e.buf, sum[:]...))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(f.Name(), c.file)
}

// prune removes the caches of other sites not built for maxAge, so
// that builds of many temporary folders do not fill the cache folder.
func (c *File) prune() {
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
		st, err := os.Stat(filepath.Join(dir, fileName))
		if err == nil && time.Since(st.ModTime()) < maxAge {
			continue
		}
		if err != nil {
			if st, err := os.Stat(dir); err == nil && time.Since(st.ModTime()) < maxAge {
				continue // perhaps being written
			}
		}
		os.RemoveAll(dir)
	}
}

// Cacheable reports whether the article's Params hold only types the cache
// can store; others are parsed again on every build.
func Cacheable(v any) bool {
	switch v := v.(type) {
	case nil, string, int64, float64, bool, time.Time:
		return true
	case []any:
		for _, x := range v {
			if !Cacheable(x) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, x := range v {
			if !Cacheable(x) {
				return false
			}
		}
		return true
	}
	return false
}

// Sum hashes bytes the same way in every process, for output files
// and article versions kept in the cache. CRC-64 is for telling a changed
// file from an unchanged one, not for defending against anyone; it hashes
// the quarter gigabyte of a 10,000-article site several times faster than
// a cryptographic hash.
func Sum(parts ...[]byte) uint64 {
	table := crc64.MakeTable(crc64.ECMA) // built once by the package
	var sum uint64
	for _, p := range parts {
		sum = crc64.Update(sum, table, p)
	}
	return sum
}
