package buildcache

import (
	"encoding/binary"
	"errors"
	"math"
	"strings"

	"github.com/attache/attache/generator/view"
)

// The index and the pack's records (see record.go) are encoded by hand
// rather than with encoding/gob: at 100,000 articles the index lists
// 100,000 inputs and 300,000 output files and the records hold every
// article, and gob, which finds every field by reflection and allocates
// every string, took most of a second to read the index and more to read
// the records, in a build whose whole budget is two. Numbers are varints,
// hashes and floats fixed 4, 8 or 32 bytes, strings a length and their
// bytes, slices and maps a length.

// encoder appends the parts of an index or of a pack's records to buf. It
// keeps the first value it could not encode in err.
type encoder struct {
	buf []byte
	err error
}

func (e *encoder) uvarint(x uint64) { e.buf = binary.AppendUvarint(e.buf, x) }
func (e *encoder) varint(x int64)   { e.buf = binary.AppendVarint(e.buf, x) }
func (e *encoder) u32(x uint32)     { e.buf = binary.LittleEndian.AppendUint32(e.buf, x) }
func (e *encoder) u64(x uint64)     { e.buf = binary.LittleEndian.AppendUint64(e.buf, x) }
func (e *encoder) raw(b []byte)     { e.buf = append(e.buf, b...) }

func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

func (e *encoder) bool(b bool) {
	if b {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}

// size appends the length of a slice or map, one more than it so that a
// nil one, 0, survives too.
func (e *encoder) size(n int, isNil bool) {
	if isNil {
		e.uvarint(0)
		return
	}
	e.uvarint(uint64(n) + 1)
}

// indexSize returns about how many bytes ix encodes to, at least as many
// for an index of short names: growing a buffer of 40 MB by doubling cost
// more than encoding into it.
func indexSize(ix *index) int {
	n := 256 + 60*len(ix.Pack.Segments)
	for _, in := range ix.Inputs {
		n += len(in.Name) + 40
	}
	for _, f := range ix.Outputs {
		n += len(f.Name) + 16
		for _, o := range f.Files {
			n += len(o.Name) + 48
		}
	}
	if r := ix.Report; r != nil {
		for _, l := range r.Log {
			n += len(l.Message) + 16
		}
		for _, w := range r.Warnings {
			n += len(w) + 8
		}
	}
	return n
}

func (e *encoder) index(ix *index) {
	e.uvarint(uint64(ix.Format))
	e.raw(ix.InputsKey[:])
	e.raw(ix.OutputsKey[:])
	e.str(ix.Pack.Name)
	e.raw(ix.Pack.ID[:])
	e.uvarint(uint64(len(ix.Pack.Segments)))
	for _, s := range ix.Pack.Segments {
		e.varint(s.Off)
		e.varint(s.Len)
		e.raw(s.Sum[:])
		e.varint(s.Records)
		e.varint(s.Bodies)
	}
	e.uvarint(uint64(len(ix.Inputs)))
	for i, in := range ix.Inputs {
		e.str(in.Name)
		e.varint(in.Size)
		e.varint(in.ModTime)
		e.u64(in.Version)
		e.varint(ix.Where[i].Seg)
		e.varint(ix.Where[i].Len)
	}
	e.manifest(ix.Outputs)
	e.report(ix.Report)
}

func (e *encoder) manifest(m Manifest) {
	e.size(len(m), m == nil)
	for _, f := range m {
		e.str(f.Name)
		e.varint(f.Time)
		e.uvarint(uint64(len(f.Files)))
		for _, o := range f.Files {
			e.str(o.Name)
			e.u64(o.Out.Sig)
			e.u64(o.Out.Sum)
			e.uvarint(uint64(o.Out.Deps))
			e.varint(o.Out.Size)
			e.varint(o.Out.ModTime)
		}
	}
}

func (e *encoder) report(r *Report) {
	if r == nil {
		e.uvarint(0)
		return
	}
	e.uvarint(1)
	e.varint(r.At)
	e.varint(r.Until)
	e.uvarint(uint64(len(r.Log)))
	for _, l := range r.Log {
		e.varint(int64(l.Level))
		e.str(l.Message)
	}
	for _, n := range []int{r.Articles, r.Pages, r.Countries, r.Organisations} {
		e.varint(int64(n))
	}
	e.uvarint(uint64(len(r.Warnings)))
	for _, w := range r.Warnings {
		e.str(w)
	}
}

// errMalformed is any index or record that does not decode: damaged,
// truncated or of another layout.
var errMalformed = errors.New("build cache: malformed index or record")

// decoder reads an index or a pack's records from text, keeping the first
// error: every read after it returns zero values. Its strings are
// substrings of text, or copies when clone is set.
type decoder struct {
	text  string
	off   int
	err   error
	clone bool
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errMalformed
	}
	d.off = len(d.text)
}

// end reports whether all went well and nothing is left of text.
func (d *decoder) end() bool {
	if d.off != len(d.text) {
		d.fail()
	}
	return d.err == nil
}

func (d *decoder) uvarint() uint64 {
	var v uint64
	for i, shift := d.off, uint(0); i < len(d.text); i, shift = i+1, shift+7 {
		b := d.text[i]
		if shift == 63 && b > 1 {
			break // more than 64 bits
		}
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			d.off = i + 1
			return v
		}
	}
	d.fail()
	return 0
}

func (d *decoder) varint() int64 {
	u := d.uvarint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

// int reads a non-negative varint that fits an int.
func (d *decoder) int() int {
	x := d.varint()
	if x < 0 || x > math.MaxInt32 {
		d.fail()
		return 0
	}
	return int(x)
}

// sint reads a varint that fits an int.
func (d *decoder) sint() int {
	x := d.varint()
	if int64(int(x)) != x {
		d.fail()
		return 0
	}
	return int(x)
}

// count reads a number of things that take at least min bytes each,
// refusing more than the rest of text could hold.
func (d *decoder) count(min int) int {
	n := d.uvarint()
	if n > uint64(len(d.text)-d.off)/uint64(min) {
		d.fail()
		return 0
	}
	return int(n)
}

// size reads what encoder.size wrote: -1 for nil, else a count.
func (d *decoder) size(min int) int {
	switch n := d.uvarint(); {
	case n == 0:
		return -1
	case n-1 > uint64(len(d.text)-d.off)/uint64(min):
		d.fail()
		return -1
	default:
		return int(n - 1)
	}
}

func (d *decoder) bool() bool {
	if d.off == len(d.text) || d.text[d.off] > 1 {
		d.fail()
		return false
	}
	d.off++
	return d.text[d.off-1] == 1
}

// u32 and u64 read little-endian numbers by hand: the decoder reads a
// string, which binary.LittleEndian, taking byte slices, would copy.
func (d *decoder) u32() uint32 {
	if len(d.text)-d.off < 4 {
		d.fail()
		return 0
	}
	b := d.text[d.off : d.off+4]
	d.off += 4
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

func (d *decoder) u64() uint64 {
	if len(d.text)-d.off < 8 {
		d.fail()
		return 0
	}
	b := d.text[d.off : d.off+8]
	d.off += 8
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

func (d *decoder) raw(dst []byte) {
	if len(d.text)-d.off < len(dst) {
		d.fail()
		return
	}
	d.off += copy(dst, d.text[d.off:])
}

func (d *decoder) str() string {
	n := d.uvarint()
	if n > uint64(len(d.text)-d.off) {
		d.fail()
		return ""
	}
	s := d.text[d.off : d.off+int(n)]
	d.off += int(n)
	if d.clone {
		return strings.Clone(s)
	}
	return s
}

// decodeIndex reads an index that encoder.index wrote into text.
func decodeIndex(text string) (*index, error) {
	d := &decoder{text: text}
	ix := &index{}
	if f := d.uvarint(); f != Format {
		return nil, errMalformed
	}
	ix.Format = Format
	d.raw(ix.InputsKey[:])
	d.raw(ix.OutputsKey[:])
	ix.Pack.Name = d.str()
	d.raw(ix.Pack.ID[:])
	if n := d.count(36); n > 0 {
		ix.Pack.Segments = make([]segment, n)
		for i := range ix.Pack.Segments {
			s := &ix.Pack.Segments[i]
			s.Off, s.Len = d.varint(), d.varint()
			d.raw(s.Sum[:])
			s.Records, s.Bodies = d.varint(), d.varint()
		}
	}
	n := d.count(13)
	ix.Inputs, ix.Where = make([]Input, n), make([]record, n)
	for i := range n {
		in := &ix.Inputs[i]
		in.Name = d.str()
		in.Size, in.ModTime = d.varint(), d.varint()
		in.Version = d.u64()
		ix.Where[i] = record{Seg: d.varint(), Len: d.varint()}
	}
	ix.Outputs = d.manifest()
	ix.Report = d.report()
	if !d.end() {
		return nil, d.err
	}
	return ix, nil
}

func (d *decoder) manifest() Manifest {
	n := d.size(3)
	if n < 0 {
		return nil
	}
	m := make(Manifest, n)
	for i := range m {
		f := &m[i]
		f.Name = d.str()
		f.Time = d.varint()
		if k := d.count(20); k > 0 {
			f.Files = make([]OutputFile, k)
			for j := range f.Files {
				o := &f.Files[j]
				o.Name = d.str()
				o.Out.Sig, o.Out.Sum = d.u64(), d.u64()
				deps := d.uvarint()
				if deps > math.MaxUint32 {
					d.fail()
				}
				o.Out.Deps = view.Deps(deps)
				o.Out.Size, o.Out.ModTime = d.varint(), d.varint()
			}
		}
	}
	return m
}

func (d *decoder) report() *Report {
	switch d.uvarint() {
	case 0:
		return nil
	case 1:
	default:
		d.fail()
		return nil
	}
	r := &Report{At: d.varint(), Until: d.varint()}
	if n := d.count(2); n > 0 {
		r.Log = make([]LogRecord, n)
		for i := range r.Log {
			r.Log[i] = LogRecord{Level: int(d.varint()), Message: d.str()}
		}
	}
	r.Articles, r.Pages, r.Countries, r.Organisations = d.int(), d.int(), d.int(), d.int()
	if n := d.count(1); n > 0 {
		r.Warnings = make([]string, n)
		for i := range r.Warnings {
			r.Warnings[i] = d.str()
		}
	}
	return r
}
