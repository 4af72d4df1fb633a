package view

import (
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"slices"
	"time"
)

// keyed is a view whose hash is worked out once and reused wherever it is
// listed: an article appears on a dozen pages.
type keyed interface {
	viewKey() uint64
}

var (
	keyedType = reflect.TypeFor[keyed]()
	timeType  = reflect.TypeFor[time.Time]()
)

// Hash returns a 64-bit hash of everything reachable from v: every field
// of every struct, exported or not (methods templates may call compute
// from them), except those tagged `hash:"-"`, which hold caches. Two
// values with the same hash render the same with the same layouts. It is
// the same in every process, so that hashes can be kept between builds.
//
// v may hold structs, pointers, slices, arrays, maps, interfaces, strings,
// numbers, booleans and time.Time; a function or channel panics, as a view
// must not hold one.
func Hash(v any) uint64 {
	var h hasher
	h.value(reflect.ValueOf(v))
	return h.sum()
}

type hasher struct{ h uint64 }

const (
	hashInit = 0x243f6a8885a308d3
	hashMulA = 0xbf58476d1ce4e5b9
	hashMulB = 0x94d049bb133111eb
	nilMark  = math.MaxUint64
)

func (h *hasher) u64(v uint64) {
	x := (h.h ^ v) * hashMulA
	x ^= x >> 29
	h.h = x*hashMulB + hashInit
}

func (h *hasher) str(s string) {
	h.u64(uint64(len(s)))
	for len(s) >= 8 {
		h.u64(binary.LittleEndian.Uint64([]byte(s[:8])))
		s = s[8:]
	}
	if len(s) > 0 {
		var tail [8]byte
		copy(tail[:], s)
		h.u64(binary.LittleEndian.Uint64(tail[:]))
	}
}

func (h *hasher) sum() uint64 {
	x := h.h ^ h.h>>31
	x *= hashMulA
	return x ^ x>>32
}

func (h *hasher) value(v reflect.Value) {
	if !v.IsValid() {
		h.u64(nilMark)
		return
	}
	t := v.Type()
	if t.Implements(keyedType) && v.CanInterface() {
		if t.Kind() == reflect.Pointer && v.IsNil() {
			h.u64(nilMark)
			return
		}
		h.u64(v.Interface().(keyed).viewKey())
		return
	}
	if t == timeType {
		// Reading a time's unexported fields would hash its monotonic
		// reading; what a page shows is the instant and its zone.
		tm := timeOf(v)
		name, off := tm.Zone()
		h.u64(uint64(tm.UnixNano()))
		h.u64(uint64(off))
		h.str(name)
		return
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			h.u64(nilMark)
			return
		}
		if t.Kind() == reflect.Interface {
			h.str(v.Elem().Type().String())
		}
		h.value(v.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if t.Field(i).Tag.Get("hash") == "-" {
				continue
			}
			h.value(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && v.IsNil() {
			h.u64(nilMark)
			return
		}
		h.u64(uint64(v.Len()))
		for i := range v.Len() {
			h.value(v.Index(i))
		}
	case reflect.Map:
		if v.IsNil() {
			h.u64(nilMark)
			return
		}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int {
			return compareKeys(a, b)
		})
		h.u64(uint64(len(keys)))
		for _, k := range keys {
			h.value(k)
			h.value(v.MapIndex(k))
		}
	case reflect.String:
		h.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			h.u64(1)
		} else {
			h.u64(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.u64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		h.u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		h.u64(math.Float64bits(v.Float()))
	default:
		panic(fmt.Sprintf("view.Hash: cannot hash a %s", t))
	}
}

// timeOf reads a time.Time. Views keep times in exported fields only.
func timeOf(v reflect.Value) time.Time {
	if !v.CanInterface() {
		panic("view.Hash: a time in an unexported field")
	}
	return v.Interface().(time.Time)
}

// compareKeys orders map keys of the kinds Hash accepts.
func compareKeys(a, b reflect.Value) int {
	switch a.Kind() {
	case reflect.String:
		return cmpOrdered(a.String(), b.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return cmpOrdered(a.Int(), b.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return cmpOrdered(a.Uint(), b.Uint())
	}
	return cmpOrdered(fmt.Sprint(a), fmt.Sprint(b))
}

func cmpOrdered[T int64 | uint64 | string](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
