package search

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// keepMagic starts encoded analyses; its number is their format, which
// changes whenever the encoding or what an Analysis means does (its
// weights, its pairs, its record).
const keepMagic = "attache analyses 1\n"

// Kept is a story's analysis with what it was made from, as a build keeps
// it between processes.
type Kept struct {
	Path     string
	Version  uint64
	Analysis *Analysis
}

// EncodeKept encodes analyses made by an for DecodeKept in another
// process. Numbers in an Analysis are the Analyser's, so the encoding
// carries the words they stand for: those the analyses use, numbered in
// the Analyser's order, so that sorted numbers stay sorted.
func (an *Analyser) EncodeKept(kept []Kept) []byte {
	an.mu.RLock()
	defer an.mu.RUnlock()
	used := make([]bool, len(an.words))
	for _, k := range kept {
		for _, t := range k.Analysis.Terms {
			used[t>>8] = true
		}
		for _, s := range k.Analysis.Surfaces {
			used[s], used[an.stems[s]] = true, true
		}
	}
	num := make([]int32, len(an.words)) // the Analyser's number → the file's
	var ids []int32
	for id, u := range used {
		if u {
			num[id] = int32(len(ids))
			ids = append(ids, int32(id))
		}
	}
	b := []byte(keepMagic)
	b = binary.AppendUvarint(b, uint64(len(ids)))
	for _, id := range ids {
		b = appendString(b, an.words[id])
		// The word's stem, plus one; zero when unknown or not kept.
		if st := an.stems[id]; st >= 0 && used[st] {
			b = binary.AppendUvarint(b, uint64(num[st])+1)
		} else {
			b = binary.AppendUvarint(b, 0)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(kept)))
	for _, k := range kept {
		a := k.Analysis
		b = appendString(b, k.Path)
		b = binary.AppendUvarint(b, k.Version)
		b = binary.AppendVarint(b, int64(a.Month))
		b = binary.AppendUvarint(b, uint64(len(a.Terms)))
		prev := int32(-1)
		for _, t := range a.Terms {
			n := num[t>>8]
			b = binary.AppendUvarint(b, uint64(n-prev))
			b = append(b, byte(t))
			prev = n
		}
		b = binary.AppendUvarint(b, uint64(len(a.Surfaces)))
		prev = -1
		for _, s := range a.Surfaces {
			b = binary.AppendUvarint(b, uint64(num[s]-prev))
			prev = num[s]
		}
		b = binary.AppendUvarint(b, uint64(len(a.Pairs)))
		for i, h := range a.Pairs {
			b = binary.LittleEndian.AppendUint32(b, h)
			b = append(b, a.PairWeights[i])
		}
		b = appendString(b, string(a.Record))
		b = appendString(b, a.facets.Source)
		for _, vs := range [][]Value{a.facets.Countries, a.facets.Organisations} {
			b = binary.AppendUvarint(b, uint64(len(vs)))
			for _, v := range vs {
				b = appendString(appendString(appendString(appendString(b, v.Slug), v.Name), v.Path), v.Region)
			}
		}
	}
	return b
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// errDamaged is the error of every encoding DecodeKept cannot read.
var errDamaged = errors.New("damaged analyses")

// keptReader reads an encoding of EncodeKept, remembering the first
// error: once it has failed, every read returns zero.
type keptReader struct {
	b   []byte
	err error
}

func (r *keptReader) fail() {
	if r.err == nil {
		r.err = errDamaged
	}
	r.b = nil
}

func (r *keptReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a number of items of at least min bytes each, which the
// rest of the encoding must be able to hold: a damaged count must not
// make DecodeKept allocate without bound.
func (r *keptReader) count(min int) int {
	n := r.uvarint()
	if n > uint64(len(r.b)/min) {
		r.fail()
		return 0
	}
	return int(n)
}

// next reads the gap to the next of an increasing list of numbers below
// n, and returns that number, or -1.
func (r *keptReader) next(prev, n int) int {
	gap := r.uvarint()
	if gap == 0 || gap > uint64(n-prev-1) {
		r.fail()
		return -1
	}
	return prev + int(gap)
}

func (r *keptReader) bytes(n int) []byte {
	if n < 0 || n > len(r.b) {
		r.fail()
		return nil
	}
	v := r.b[:n:n]
	r.b = r.b[n:]
	return v
}

func (r *keptReader) string() string {
	return string(r.bytes(r.count(1)))
}

// DecodeKept reads analyses encoded by EncodeKept, numbering their words
// as an does (an may know words already: their numbers are kept). Each
// analysis equals the one Analyse gives of the same story. An encoding of
// another format or a damaged one gives an error and leaves an as it was.
func (an *Analyser) DecodeKept(data []byte) ([]Kept, error) {
	r := &keptReader{b: data}
	if string(r.bytes(len(keepMagic))) != keepMagic {
		return nil, fmt.Errorf("analyses: not of format %q", keepMagic[:len(keepMagic)-1])
	}
	words := make([]string, r.count(2))
	stems := make([]int32, len(words)) // -1 when unknown
	for i := range words {
		words[i] = r.string()
		st := r.uvarint()
		if st > uint64(len(words)) {
			r.fail()
		}
		stems[i] = int32(st) - 1
	}
	kept := make([]Kept, r.count(8))
	// Stories' numbers share arrays of many stories each: a build reads
	// thousands.
	var terms []uint32
	var surfaces []int32
	for i := range kept {
		k := &kept[i]
		k.Path = r.string()
		k.Version = r.uvarint()
		month, n := binary.Varint(r.b)
		if n <= 0 {
			r.fail()
		} else {
			r.b = r.b[n:]
		}
		a := &Analysis{Month: int(month)}
		k.Analysis = a
		n = r.count(2)
		terms = reserve(terms, n)
		start, id := len(terms), -1
		for range n {
			id = r.next(id, len(words))
			w := r.bytes(1)
			if id < 0 || len(w) == 0 || w[0] == 0 || w[0] > maxWeight {
				r.fail()
				break
			}
			terms = append(terms, uint32(id)<<8|uint32(w[0]))
		}
		a.Terms = terms[start:len(terms):len(terms)]
		n = r.count(1)
		surfaces = reserve(surfaces, n)
		start, id = len(surfaces), -1
		for range n {
			if id = r.next(id, len(words)); id < 0 || stems[id] < 0 {
				r.fail() // a surface's stem is what the index files it under
				break
			}
			surfaces = append(surfaces, int32(id))
		}
		a.Surfaces = surfaces[start:len(surfaces):len(surfaces)]
		if n = r.count(5); n > 0 {
			a.Pairs, a.PairWeights = make([]uint32, n), make([]uint8, n)
			for j := range n {
				p := r.bytes(5)
				if p == nil || p[4] == 0 || p[4] > maxWeight {
					r.fail()
					break
				}
				a.Pairs[j], a.PairWeights[j] = binary.LittleEndian.Uint32(p), p[4]
			}
		}
		a.Record = slices.Clone(r.bytes(r.count(1))) // not the whole file's bytes
		if !json.Valid(a.Record) {
			r.fail() // the index holds it as it is
		}
		a.facets.Source = r.string()
		for _, vs := range []*[]Value{&a.facets.Countries, &a.facets.Organisations} {
			if n := r.count(4); n > 0 {
				*vs = make([]Value, n)
				for j := range *vs {
					(*vs)[j] = Value{Slug: r.string(), Name: r.string(), Path: r.string(), Region: r.string()}
				}
			}
		}
		if r.err != nil {
			break
		}
	}
	if r.err == nil && len(r.b) > 0 {
		r.fail()
	}
	if r.err != nil {
		return nil, r.err
	}
	an.adopt(words, stems, kept)
	return kept, nil
}

// reserve returns s, or a new block for many stories if s has no room for
// n more numbers: one story's numbers are in one block, and no block is
// copied as it grows.
func reserve[T any](s []T, n int) []T {
	if cap(s)-len(s) >= n {
		return s
	}
	return make([]T, 0, max(n, 1<<16))
}

// adopt numbers decoded words as the Analyser does and renumbers the
// analyses that use them.
func (an *Analyser) adopt(words []string, stems []int32, kept []Kept) {
	an.mu.Lock()
	num := make([]int32, len(words))
	for i, w := range words {
		num[i] = an.add(w)
	}
	for i, st := range stems {
		if st >= 0 && an.stems[num[i]] < 0 {
			an.stems[num[i]] = num[st]
		}
	}
	an.mu.Unlock()
	for _, k := range kept {
		a := k.Analysis
		for j, t := range a.Terms {
			a.Terms[j] = uint32(num[t>>8])<<8 | t&0xff
		}
		for j, s := range a.Surfaces {
			a.Surfaces[j] = num[s]
		}
		// The Analyser's numbers may not follow the file's order.
		slices.Sort(a.Terms)
		slices.Sort(a.Surfaces)
	}
}
