package buildcache

import (
	"bufio"
	"bytes"
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
	"path/filepath"
	"runtime"
	"time"

	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/view"
)

// Format changes whenever State's layout or meaning does.
const Format = 6

// fileName is the cache's name in its folder.
const fileName = "build.gob"

// maxAge is how long the cache of a site not built since is kept.
const maxAge = 30 * 24 * time.Hour

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
}

// Path returns the cache file of the site's source and destination.
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

// State is what a cache file holds: the parsed inputs, by content-relative
// file name, and the manifest of the output files, by output-relative name.
// Outputs is nil when the theme, options or destination changed since the
// cache was written: its articles are still good, its outputs are not.
type State struct {
	Inputs  map[string]Input
	Outputs map[string]Output
	// Report is what the build that wrote the outputs said; nil when
	// unknown, and with the outputs when they are not good.
	Report *Report
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

// A cache file is written as a header, the inputs in batches of batchSize
// and a trailer, so that neither writing nor reading holds a second copy of
// every article in memory, and so that a one-shot build can write the
// inputs before it renders and the outputs after.
type header struct {
	Format int
	// InputsKey identifies what parsing and detection depend on besides
	// the file: the program and the configuration.
	InputsKey [32]byte
	Inputs    int
}

type trailer struct {
	// OutputsKey adds to InputsKey what rendering depends on: the theme,
	// the options and the destination.
	OutputsKey [32]byte
	Outputs    map[string]Output
	Report     *Report
}

const batchSize = 256

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
	fmt.Fprintf(h, "attache cache %d\x00%s\x00%s\x00", Format, id, s.ContentDir)
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

// Load reads the cache file. A missing, damaged or foreign file is no
// cache: Load returns nil.
func (c *File) Load() *State {
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
	st, outputsKey := c.decode(body)
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
	if outputsKey != c.outputsKey {
		st.Outputs, st.Report = nil, nil
	}
	return st
}

// decode reads a cache file's gob, with the outputs key it was written
// with; it returns nil if it is not a cache for this site and program.
func (c *File) decode(body io.Reader) (*State, [32]byte) {
	var hd header
	dec := gob.NewDecoder(body)
	if err := dec.Decode(&hd); err != nil || hd.Format != Format || hd.InputsKey != c.inputsKey {
		return nil, [32]byte{}
	}
	st := &State{Inputs: make(map[string]Input, hd.Inputs)}
	for len(st.Inputs) < hd.Inputs {
		var batch []Input
		if err := dec.Decode(&batch); err != nil || len(batch) == 0 {
			return nil, [32]byte{}
		}
		for _, in := range batch {
			st.Inputs[in.Name] = in
		}
	}
	var tr trailer
	if err := dec.Decode(&tr); err != nil {
		return nil, [32]byte{}
	}
	st.Outputs, st.Report = tr.Outputs, tr.Report
	return st, tr.OutputsKey
}

// Save writes the cache file through a temporary file, with a checksum
// after the gob, and forgets the caches of sites not built for a long time.
func (c *File) Save(st *State) error {
	w, err := c.Create(st.Inputs)
	if err != nil {
		return err
	}
	return w.Finish(st.Outputs, st.Report)
}

// Writer is a cache file being written: header and inputs first,
// the trailer when the build is done.
type Writer struct {
	c   *File
	f   *os.File
	h   hash.Hash
	w   *bufio.Writer
	enc *gob.Encoder
}

// Create starts a new cache file with the inputs; Finish adds the outputs
// and puts it in place.
func (c *File) Create(inputs map[string]Input) (*Writer, error) {
	if err := os.MkdirAll(filepath.Dir(c.file), 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(c.file), ".tmp-*")
	if err != nil {
		return nil, err
	}
	cw := &Writer{c: c, f: f, h: sha256.New()}
	cw.w = bufio.NewWriterSize(io.MultiWriter(f, cw.h), 1<<20)
	cw.enc = gob.NewEncoder(cw.w)
	err = cw.enc.Encode(header{Format: Format, InputsKey: c.inputsKey, Inputs: len(inputs)})
	batch := make([]Input, 0, batchSize)
	flush := func() {
		if err == nil && len(batch) > 0 {
			err = cw.enc.Encode(batch)
		}
		batch = batch[:0]
	}
	for _, in := range inputs {
		if batch = append(batch, in); len(batch) == batchSize {
			flush()
		}
	}
	flush()
	if err != nil {
		cw.Abandon()
		return nil, err
	}
	return cw, nil
}

// Finish writes the outputs, the report of the build that wrote them and
// the checksum, and puts the file in place.
func (cw *Writer) Finish(outputs map[string]Output, report *Report) error {
	defer os.Remove(cw.f.Name())
	err := cw.enc.Encode(trailer{OutputsKey: cw.c.outputsKey, Outputs: outputs, Report: report})
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

// Abandon removes the unfinished file.
func (cw *Writer) Abandon() {
	cw.f.Close()
	os.Remove(cw.f.Name())
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
