package buildcache

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"unsafe"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/internal/parallel"
	"github.com/attache/attache/generator/site"
)

// A pack holds the cache's articles: a header (packMagic and the pack's
// random ID), then segments, appended one per build that parsed files
// again. A segment is the bodies of its articles, one after another, then
// its records: a segHeader and packRecords, each an Input without its
// articles' bodies and where those lie (see record.go). The index names
// the live segments with the SHA-256 of their records and, for each input,
// the segment holding its record; a record is dead once its input is gone or
// parsed again into a later segment. A body is read only when a page
// shows it, and checked against its own SHA-256 then: a build renders a
// few of the hundreds of megabytes of bodies a large site's pack holds.
// Nothing in the pack is trusted that the index does not vouch for.
const packMagic = "attache pack 12\n"

const packHeaderLen = int64(len(packMagic)) + 16

// packPrefix and packSuffix frame a pack's file name in the cache folder.
const packPrefix, packSuffix = "articles-", ".pack"

// tmpPrefix starts the names of the files an index or a side file is
// written to before it is put in place.
const tmpPrefix = ".tmp-"

// maxSegments bounds the segments of a pack: past it, the next save
// writes a fresh pack, so that reading the articles stays a few long reads.
// segmentRecords bounds the records of one segment: a save of more
// inputs writes several, which a build decodes in parallel (at 100,000
// articles, decoding them one after another took two seconds).
const (
	maxSegments    = 128
	segmentRecords = 4096
)

// packRef is a pack as an index names it.
type packRef struct {
	// Name is the pack's file name in the cache folder, ID the random
	// bytes its header holds.
	Name string
	ID   [16]byte
	// Segments are the live segments, in the order of their offsets.
	Segments []segment
	// where is each input's record, by name; the index keeps it apart.
	where map[string]record
}

// segment is a part of a pack, from Off for Len bytes: Bodies bytes of
// articles' bodies, then the records, whose SHA-256 is Sum.
type segment struct {
	Off, Len int64
	Sum      [32]byte
	// Records is how many bytes of it are records and their bodies; the
	// rest is the segment's header.
	Records int64
	Bodies  int64
}

// packRecord is how a pack holds an input: its articles without their
// bodies, and where each body lies in the segment.
type packRecord struct {
	Input  Input
	Bodies []bodyRef
}

// bodyRef is where an article's body lies: Len bytes from Off, counted
// from the start of its segment, whose Sum is Sum.
type bodyRef struct {
	Off, Len int64
	Sum      uint64
}

// record is where an input's articles lie: the segment at offset Seg, in
// a record of Len bytes.
type record struct {
	Seg, Len int64
}

// segHeader starts a segment's records: they are of the cache's Format,
// for the inputs key and the pack they were written for, and Records of
// them follow.
type segHeader struct {
	Format    int
	InputsKey [32]byte
	ID        [16]byte
	Records   int
}

func isPackName(name string) bool {
	return strings.HasPrefix(name, packPrefix) && strings.HasSuffix(name, packSuffix) && filepath.Base(name) == name && filepath.IsLocal(name)
}

// valid reports whether the pack as an index names it is well formed:
// its segments in order, apart, after the header, and every record in
// one of them.
func (p packRef) valid(where []record) bool {
	if !isPackName(p.Name) {
		return false
	}
	end := packHeaderLen
	for _, s := range p.Segments {
		if s.Off < end || s.Len <= 0 || s.Records < 0 || s.Records > s.Len || s.Off+s.Len < s.Off || s.Bodies < 0 || s.Bodies >= s.Len {
			return false
		}
		end = s.Off + s.Len
	}
	for _, r := range where {
		if _, ok := p.segment(r.Seg); !ok || r.Len < 0 {
			return false
		}
	}
	return true
}

// segment finds the live segment at offset off.
func (p packRef) segment(off int64) (int, bool) {
	return slices.BinarySearchFunc(p.Segments, off, func(s segment, off int64) int {
		switch {
		case s.Off < off:
			return -1
		case s.Off > off:
			return 1
		}
		return 0
	})
}

// end is where the pack's live segments end: anything after is dead, left
// by a build that failed before it wrote its index.
func (p packRef) end() int64 {
	if len(p.Segments) == 0 {
		return packHeaderLen
	}
	last := p.Segments[len(p.Segments)-1]
	return last.Off + last.Len
}

// packWriter appends a segment to a pack.
type packWriter struct {
	c   *File
	f   *os.File
	ref packRef
	// at is the end of the file, where f stands: the next segment's
	// offset, after any dead segment the index no longer names.
	at int64
	// skip are the inputs whose records the pack already holds.
	skip map[string]bool
}

// newPack starts a fresh pack in the cache folder.
func (c *File) newPack() (*packWriter, error) {
	f, err := os.CreateTemp(filepath.Dir(c.file), packPrefix+"*"+packSuffix)
	if err != nil {
		return nil, err
	}
	pw := &packWriter{c: c, f: f, ref: packRef{Name: filepath.Base(f.Name()), where: map[string]record{}}, at: packHeaderLen}
	rand.Read(pw.ref.ID[:])
	if _, err := f.Write(append([]byte(packMagic), pw.ref.ID[:]...)); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return pw, nil
}

// appendTo opens the pack prev names to append the records of inputs it
// does not hold. It returns nil when a fresh pack is due: the pack is
// gone, foreign or shorter than prev says, or appending would leave it
// more than half dead or with too many segments.
func (c *File) appendTo(prev *State, inputs map[string]Input) *packWriter {
	ref := prev.pack
	if ref.Name == "" || ref.where == nil {
		return nil
	}
	f, err := os.OpenFile(filepath.Join(filepath.Dir(c.file), ref.Name), os.O_RDWR, 0)
	if err != nil {
		return nil
	}
	end := ref.end()
	pw := &packWriter{c: c, f: f, ref: packRef{Name: ref.Name, ID: ref.ID, where: map[string]record{}}, skip: map[string]bool{}, at: end}
	live := map[int64]int64{}
	for name, in := range inputs {
		r, ok := ref.where[name]
		if was, kept := prev.Inputs[name]; ok && kept && was.Version == in.Version {
			pw.ref.where[name], pw.skip[name] = r, true
			live[r.Seg] += r.Len
		}
	}
	dead := end - packHeaderLen
	for _, s := range ref.Segments {
		if live[s.Off] > 0 {
			pw.ref.Segments = append(pw.ref.Segments, s)
			dead -= s.Len - s.Records + live[s.Off]
		}
	}
	head := make([]byte, packHeaderLen)
	info, err := f.Stat()
	if err != nil || info.Size() < end || 2*dead > end-packHeaderLen || len(pw.ref.Segments) >= maxSegments ||
		readFull(f, head) != nil || !bytes.Equal(head, append([]byte(packMagic), ref.ID[:]...)) {
		f.Close()
		return nil
	}
	// Whatever lies past the live segments was left by a failed build.
	if f.Truncate(end) != nil {
		f.Close()
		return nil
	}
	if _, err := f.Seek(end, io.SeekStart); err != nil {
		f.Close()
		return nil
	}
	return pw
}

func readFull(r io.Reader, p []byte) error {
	_, err := io.ReadFull(r, p)
	return err
}

// write appends the records of the inputs the pack does not hold yet, if
// any, at the end of the file, where f stands: a segment for each
// segmentRecords of them.
func (pw *packWriter) write(inputs map[string]Input) error {
	var names []string
	for name := range inputs {
		if !pw.skip[name] {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for chunk := range slices.Chunk(names, segmentRecords) {
		if err := pw.writeSegment(inputs, chunk); err != nil {
			return err
		}
	}
	return nil
}

// writeSegment appends a segment with the records of the named inputs.
func (pw *packWriter) writeSegment(inputs map[string]Input, names []string) error {
	off := pw.at
	var n counter
	bw := bufio.NewWriterSize(io.MultiWriter(pw.f, &n), 1<<20)
	// The bodies first, so that each record can say where its own lie.
	records := make([]packRecord, len(names))
	sizes := make([]int64, len(names))
	var buf []byte
	for i, name := range names {
		in := inputs[name]
		records[i] = packRecord{Input: in, Bodies: make([]bodyRef, len(in.Inputs))}
		for j, a := range in.Inputs {
			if a.Article == nil {
				continue
			}
			body, err := a.Article.Body.HTML()
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			at := n.n + int64(bw.Buffered())
			buf = append(buf[:0], body...)
			if _, err := bw.Write(buf); err != nil {
				return err
			}
			records[i].Bodies[j] = bodyRef{Off: at, Len: int64(len(body)), Sum: Sum(buf)}
			sizes[i] += int64(len(body))
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	seg := segment{Off: off, Bodies: n.n}
	h := sha256.New()
	w := io.MultiWriter(pw.f, h, &n)
	e := encoder{buf: make([]byte, 0, 1<<20)}
	e.segHeader(segHeader{Format: Format, InputsKey: pw.c.inputsKey, ID: pw.ref.ID, Records: len(names)})
	for i, name := range names {
		at := len(e.buf)
		if e.record(&records[i]); e.err != nil {
			return fmt.Errorf("%s: %w", name, e.err)
		}
		size := int64(len(e.buf)-at) + sizes[i]
		pw.ref.where[name] = record{Seg: off, Len: size}
		seg.Records += size
		if len(e.buf) >= 1<<20 {
			if _, err := w.Write(e.buf); err != nil {
				return err
			}
			e.buf = e.buf[:0]
		}
	}
	if _, err := w.Write(e.buf); err != nil {
		return err
	}
	seg.Len, seg.Sum = n.n, [32]byte(h.Sum(nil))
	pw.at += n.n
	pw.ref.Segments = append(pw.ref.Segments, seg)
	return nil
}

type counter struct{ n int64 }

func (c *counter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

// readPack reads the articles of inputs from the live segments of ref's
// pack. It returns nil unless every input's record is there, where ref
// says, with its version, in segments whose checksums hold. The articles'
// bodies stay in the pack until asked for; reread gives a body whose copy
// there fails its checksum, if it can.
func (c *File) readPack(ref packRef, inputs map[string]Input, reread Reread) map[string][]site.Input {
	if !isPackName(ref.Name) {
		return nil
	}
	f, err := os.Open(filepath.Join(filepath.Dir(c.file), ref.Name))
	if err != nil {
		return nil
	}
	head := make([]byte, packHeaderLen)
	// The file is at least as long as the index says, so that a segment's
	// records are not read into more memory than the pack holds.
	info, err := f.Stat()
	if err != nil || info.Size() < ref.end() || readFull(f, head) != nil || !bytes.Equal(head, append([]byte(packMagic), ref.ID[:]...)) {
		f.Close()
		return nil
	}
	pf := &packFile{f: f, name: ref.Name, reread: reread}
	found := make([][]namedInputs, len(ref.Segments))
	ok := make([]bool, len(ref.Segments))
	parallel.Do(context.Background(), len(ref.Segments), runtime.GOMAXPROCS(0), func(i int) {
		found[i], ok[i] = c.readSegment(pf, ref.Segments[i], ref, inputs)
	})
	articles := make(map[string][]site.Input, len(inputs))
	for i := range ref.Segments {
		if !ok[i] {
			f.Close()
			return nil
		}
		for _, n := range found[i] {
			if _, twice := articles[n.name]; twice {
				f.Close()
				return nil
			}
			articles[n.name] = n.inputs
		}
	}
	if len(articles) != len(inputs) {
		f.Close()
		return nil
	}
	// The pack stays open for as long as an article may read its body
	// from it, even after a later build replaced or removed it.
	runtime.AddCleanup(pf, func(f *os.File) { f.Close() }, f)
	return articles
}

// namedInputs are the articles of one input file.
type namedInputs struct {
	name   string
	inputs []site.Input
}

// readSegment checks one segment's checksum and decodes its records,
// returning the articles of those ref places in it. Segments are read in
// parallel.
func (c *File) readSegment(pf *packFile, seg segment, ref packRef, inputs map[string]Input) ([]namedInputs, bool) {
	raw := make([]byte, seg.Len-seg.Bodies)
	if _, err := pf.f.ReadAt(raw, seg.Off+seg.Bodies); err != nil || sha256.Sum256(raw) != seg.Sum {
		return nil, false
	}
	// raw is decoded in place but its strings are copied out, so that the
	// articles do not keep all of it alive: most of it is numbers they
	// hold decoded, and the copies cost little.
	d := &decoder{text: unsafe.String(unsafe.SliceData(raw), len(raw)), clone: true}
	hd := d.segHeader()
	if d.err != nil || hd.Format != Format || hd.InputsKey != c.inputsKey || hd.ID != ref.ID ||
		hd.Records < 0 || int64(hd.Records) > seg.Len {
		return nil, false
	}
	// A name found twice, here or in another segment, fails the pack
	// when the segments' articles are put together.
	var found []namedInputs
	for range hd.Records {
		var rec packRecord
		if !d.record(&rec) {
			return nil, false
		}
		in := rec.Input
		want, ok := inputs[in.Name]
		if !ok || want.Version != in.Version || ref.where[in.Name].Seg != seg.Off {
			continue
		}
		if len(rec.Bodies) != len(in.Inputs) {
			return nil, false
		}
		for i, a := range in.Inputs {
			r := rec.Bodies[i]
			if a.Article == nil || r.Off < 0 || r.Len < 0 || r.Off > seg.Bodies || r.Len > seg.Bodies-r.Off {
				return nil, false
			}
			body := &packBody{pack: pf, off: seg.Off + r.Off, len: r.Len, sum: r.Sum, name: in.Name, version: in.Version, index: i}
			a.Article.Body = article.BodyFrom(body)
			if a.Features == nil {
				// Only the features spare a build the body of every
				// story: without them, it is read now.
				html, err := body.ReadBody()
				if err != nil {
					return nil, false
				}
				a.Article.Body = article.NewBody(html)
			}
		}
		found = append(found, namedInputs{in.Name, in.Inputs})
	}
	return found, d.end()
}

// dropPacks removes the packs in the cache folder other than keep: the
// ones earlier indexes named, and any a failed build left; and the
// temporary files of indexes and side files that a killed build never put
// in place. A build running at the same time loses its cache, never its
// output: an index naming a pack that is gone is no cache.
func (c *File) dropPacks(keep string) {
	dir := filepath.Dir(c.file)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if isPackName(e.Name()) && e.Name() != keep || strings.HasPrefix(e.Name(), tmpPrefix) && e.Type().IsRegular() {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
