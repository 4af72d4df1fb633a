// Package mix is the 64-bit hash attache signs outputs with. It mixes
// eight bytes at a time into its state rather than buffering for FNV, as
// a build hashes every page; it is the same in every process, so hashes
// can be kept on disk between builds. It is not a cryptographic hash.
package mix

import (
	"encoding/binary"
	"time"
)

// Hash accumulates a hash. Its zero value is ready.
type Hash struct{ h uint64 }

const (
	init64 = 0x243f6a8885a308d3
	mulA   = 0xbf58476d1ce4e5b9
	mulB   = 0x94d049bb133111eb
)

// U64 mixes v in.
func (h *Hash) U64(v uint64) {
	x := (h.h ^ v) * mulA
	x ^= x >> 29
	h.h = x*mulB + init64
}

// Str mixes in s and its length, so that "ab","c" and "a","bc" differ.
func (h *Hash) Str(s string) {
	h.U64(uint64(len(s)))
	for len(s) >= 8 {
		h.U64(binary.LittleEndian.Uint64([]byte(s[:8])))
		s = s[8:]
	}
	if len(s) > 0 {
		var tail [8]byte
		copy(tail[:], s)
		h.U64(binary.LittleEndian.Uint64(tail[:]))
	}
}

// Time mixes in t's instant and its zone's offset: what a date written
// with its offset (RFC 3339) shows of it. Two times at one instant in two
// zones differ.
func (h *Hash) Time(t time.Time) {
	_, offset := t.Zone()
	h.U64(uint64(t.UnixNano()))
	h.U64(uint64(int64(offset)))
}

// Sum returns the hash of what was mixed in.
func (h *Hash) Sum() uint64 {
	x := h.h ^ h.h>>31
	x *= mulA
	return x ^ x>>32
}
