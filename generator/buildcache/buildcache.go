package buildcache

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
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
const Format = 7

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
//
// Load gives each Input its name, size, time and version but not its
// articles, which are most of the file: a build that finds nothing
// changed needs no more. LoadArticles reads them.
type State struct {
	Inputs  map[string]Input
	Outputs map[string]Output
	// Folders are the output's folders with their modification times,
	// Unix nanoseconds, as the build left them, so that the next build
	// need not list a folder whose entries did not change; a folder is
	// missing when its time was too recent to trust (see package build).
	Folders map[string]int64
	// Report is what the build that wrote the outputs said; nil when
	// unknown, and with the outputs when they are not good.
	Report *Report
	// articles locate the articles' part of the file the State was
	// loaded from, and name its checksum, so that LoadArticles reads
	// that file's articles and no later one's.
	articles section
}

// section is a checksummed part of a cache file.
type section struct {
	Len int64
	Sum [32]byte
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

// A cache file has two parts, each followed by its SHA-256: the articles
// (a header, then the inputs in batches of batchSize, so that neither
// writing nor reading holds a second copy of every article in memory),
// and the index (each input's name, size, time and version, the outputs'
// manifest and the report). A footer gives the index's offset. A one-shot
// build writes the articles before it renders and the index after; a build
// that finds nothing changed reads the index alone.
type header struct {
	Format int
	// InputsKey identifies what parsing and detection depend on besides
	// the file: the program and the configuration.
	InputsKey [32]byte
	Inputs    int
}

type index struct {
	Format    int
	InputsKey [32]byte
	// Articles is the articles' part: its length, checksum included,
	// and its checksum.
	Articles section
	Inputs   []Input
	// OutputsKey adds to InputsKey what rendering depends on: the theme,
	// the options and the destination.
	OutputsKey [32]byte
	Outputs    map[string]Output
	Folders    map[string]int64
	Report     *Report
}

// footer ends a cache file: magic, then the index's offset, little-endian.
const footerMagic = "attache\x07"

const footerLen = len(footerMagic) + 8

// maxIndex bounds the index a Load reads into memory: at 100,000 articles
// and 300,000 outputs it is about 30 MB.
const maxIndex = 1 << 30

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

// Load reads the cache file's index: the inputs without their articles,
// the outputs and the report. A missing, damaged or foreign file is no
// cache: Load returns nil.
func (c *File) Load() *State {
	f, err := os.Open(c.file)
	if err != nil {
		return nil
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || info.Size() < int64(footerLen+2*sha256.Size) {
		return nil
	}
	foot := make([]byte, footerLen)
	if _, err := f.ReadAt(foot, info.Size()-int64(footerLen)); err != nil || string(foot[:len(footerMagic)]) != footerMagic {
		return nil
	}
	at := int64(binary.LittleEndian.Uint64(foot[len(footerMagic):]))
	end := info.Size() - int64(footerLen)
	if at < sha256.Size || at > end-sha256.Size || end-at > maxIndex {
		return nil
	}
	raw := make([]byte, end-at)
	if _, err := f.ReadAt(raw, at); err != nil {
		return nil
	}
	body, sum := raw[:len(raw)-sha256.Size], raw[len(raw)-sha256.Size:]
	if want := sha256.Sum256(body); !bytes.Equal(sum, want[:]) {
		return nil
	}
	var ix index
	if err := gob.NewDecoder(bytes.NewReader(body)).Decode(&ix); err != nil || ix.Format != Format ||
		ix.InputsKey != c.inputsKey || ix.Articles.Len != at {
		return nil
	}
	st := &State{Inputs: make(map[string]Input, len(ix.Inputs)), Outputs: ix.Outputs, Folders: ix.Folders, Report: ix.Report, articles: ix.Articles}
	for _, in := range ix.Inputs {
		st.Inputs[in.Name] = in
	}
	if ix.OutputsKey != c.outputsKey {
		st.Outputs, st.Folders, st.Report = nil, nil, nil
	}
	return st
}

// LoadArticles reads the articles of the inputs st lists, from the file
// Load read st from, into st.Inputs. It reports false, leaving st as it
// was, when the file no longer holds them: damaged, or replaced since.
func (c *File) LoadArticles(st *State) bool {
	f, err := os.Open(c.file)
	if err != nil {
		return false
	}
	defer f.Close()
	if st.articles.Len < sha256.Size {
		return false
	}
	// The articles are decoded as they are read and checked at the end,
	// rather than read whole first: at 100,000 articles they are half a
	// gigabyte.
	h := sha256.New()
	body := io.TeeReader(bufio.NewReaderSize(io.LimitReader(f, st.articles.Len-sha256.Size), 1<<20), h)
	articles := c.decode(body, len(st.Inputs))
	if articles == nil {
		return false
	}
	// Whatever the gob left unread counts too.
	if _, err := io.Copy(h, body); err != nil || !bytes.Equal(h.Sum(nil), st.articles.Sum[:]) {
		return false
	}
	for name, in := range articles {
		if kept, ok := st.Inputs[name]; !ok || kept.Version != in.Version {
			return false
		}
	}
	if len(articles) != len(st.Inputs) {
		return false
	}
	for name, in := range articles {
		st.Inputs[name] = in
	}
	return true
}

// decode reads the articles' part of a cache file; it returns nil if it is
// not the part of a cache of n inputs for this site and program.
func (c *File) decode(body io.Reader, n int) map[string]Input {
	var hd header
	dec := gob.NewDecoder(body)
	if err := dec.Decode(&hd); err != nil || hd.Format != Format || hd.InputsKey != c.inputsKey || hd.Inputs != n {
		return nil
	}
	inputs := make(map[string]Input, hd.Inputs)
	for len(inputs) < hd.Inputs {
		var batch []Input
		if err := dec.Decode(&batch); err != nil || len(batch) == 0 {
			return nil
		}
		for _, in := range batch {
			inputs[in.Name] = in
		}
	}
	return inputs
}

// Save writes the cache file through a temporary file, with a checksum
// after the gob, and forgets the caches of sites not built for a long time.
func (c *File) Save(st *State) error {
	w, err := c.Create(st.Inputs)
	if err != nil {
		return err
	}
	return w.Finish(st.Outputs, st.Folders, st.Report)
}

// Writer is a cache file being written: the articles first, the index
// when the build is done.
type Writer struct {
	c *File
	f *os.File
	// w writes to f through h, counting the bytes in n.
	h   hash.Hash
	w   *bufio.Writer
	n   counter
	enc *gob.Encoder
	// inputs are the index's, without their articles.
	inputs []Input
}

type counter struct{ n int64 }

func (c *counter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
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
	cw.w = bufio.NewWriterSize(io.MultiWriter(f, cw.h, &cw.n), 1<<20)
	cw.enc = gob.NewEncoder(cw.w)
	err = cw.enc.Encode(header{Format: Format, InputsKey: c.inputsKey, Inputs: len(inputs)})
	batch := make([]Input, 0, batchSize)
	flush := func() {
		if err == nil && len(batch) > 0 {
			err = cw.enc.Encode(batch)
		}
		batch = batch[:0]
	}
	cw.inputs = make([]Input, 0, len(inputs))
	for _, in := range inputs {
		if batch = append(batch, in); len(batch) == batchSize {
			flush()
		}
		in.Inputs = nil
		cw.inputs = append(cw.inputs, in)
	}
	flush()
	if err == nil {
		err = cw.w.Flush()
	}
	if err != nil {
		cw.Abandon()
		return nil, err
	}
	return cw, nil
}

// Finish writes the index — the inputs, the outputs, their folders and the
// report of the build that wrote them — and the footer, and puts the file
// in place.
func (cw *Writer) Finish(outputs map[string]Output, folders map[string]int64, report *Report) error {
	defer os.Remove(cw.f.Name())
	articles := section{Sum: [32]byte(cw.h.Sum(nil))}
	_, err := cw.w.Write(articles.Sum[:])
	if err == nil {
		err = cw.w.Flush()
	}
	articles.Len = cw.n.n
	cw.h.Reset()
	if err == nil {
		// A gob stream of its own, so that Load can decode it alone.
		err = gob.NewEncoder(cw.w).Encode(index{Format: Format, InputsKey: cw.c.inputsKey, Articles: articles, Inputs: cw.inputs,
			OutputsKey: cw.c.outputsKey, Outputs: outputs, Folders: folders, Report: report})
	}
	if err == nil {
		err = cw.w.Flush()
	}
	if err == nil {
		foot := binary.LittleEndian.AppendUint64(append(cw.h.Sum(nil), footerMagic...), uint64(articles.Len))
		_, err = cw.f.Write(foot)
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
