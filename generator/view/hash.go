package view

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"sync"
	"time"

	"github.com/attache/attache/generator/internal/mix"
)

// keyed is a view whose hash is worked out once and reused wherever it is
// listed: an article appears on a dozen pages.
type keyed interface {
	viewKey() uint64
}

var (
	keyedType    = reflect.TypeFor[keyed]()
	timeType     = reflect.TypeFor[time.Time]()
	articlesType = reflect.TypeFor[[]*Article]()
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

type hasher struct{ mix.Hash }

const nilMark = math.MaxUint64

func (h *hasher) u64(v uint64) { h.U64(v) }
func (h *hasher) str(s string) { h.Str(s) }
func (h *hasher) sum() uint64  { return h.Sum() }

func (h *hasher) value(v reflect.Value) {
	if !v.IsValid() {
		h.u64(nilMark)
		return
	}
	planOf(v.Type()).fn(h, v)
}

// plan hashes values of one type. Plans are made once per type and kept:
// every build hashes the views of tens of thousands of pages, and asking
// reflect about a type's fields and methods for every value was most of
// the cost.
type plan struct {
	fn func(h *hasher, v reflect.Value)
}

func (p *plan) run(h *hasher, v reflect.Value) { p.fn(h, v) }

var (
	// plans holds finished plans; planMu serialises making them.
	plans  sync.Map // reflect.Type → *plan
	planMu sync.Mutex
)

func planOf(t reflect.Type) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	planMu.Lock()
	defer planMu.Unlock()
	making := map[reflect.Type]*plan{}
	p := (&planner{making}).plan(t)
	// Published only once all are made: a plan may hold one made after
	// it, for a type that contains itself.
	for t, p := range making {
		plans.Store(t, p)
	}
	return p
}

// planner makes the plans of a type and of the types it contains.
type planner struct {
	making map[reflect.Type]*plan
}

func (pl *planner) plan(t reflect.Type) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	if p := pl.making[t]; p != nil {
		return p
	}
	p := &plan{}
	pl.making[t] = p
	p.fn = pl.makePlan(t)
	return p
}

func (pl *planner) makePlan(t reflect.Type) func(h *hasher, v reflect.Value) {
	if t.Implements(keyedType) {
		generic := pl.makeGeneric(t)
		return func(h *hasher, v reflect.Value) {
			if t.Kind() == reflect.Pointer && v.IsNil() {
				h.u64(nilMark)
				return
			}
			switch {
			case v.CanInterface():
				h.u64(v.Interface().(keyed).viewKey())
			case t.Kind() == reflect.Pointer:
				// Reached through an unexported field: the key still
				// covers what the fields do not, such as an article's
				// body.
				h.u64(reflect.NewAt(t.Elem(), v.UnsafePointer()).Interface().(keyed).viewKey())
			default:
				generic(h, v)
			}
		}
	}
	return pl.makeGeneric(t)
}

func (pl *planner) makeGeneric(t reflect.Type) func(h *hasher, v reflect.Value) {
	if t == timeType {
		// Reading a time's unexported fields would hash its monotonic
		// reading; what a page shows is the instant and its zone.
		return func(h *hasher, v reflect.Value) {
			tm := timeOf(v)
			name, off := tm.Zone()
			h.u64(uint64(tm.UnixNano()))
			h.u64(uint64(off))
			h.str(name)
		}
	}
	switch t.Kind() {
	case reflect.Pointer:
		elem := pl.plan(t.Elem())
		return func(h *hasher, v reflect.Value) {
			if v.IsNil() {
				h.u64(nilMark)
				return
			}
			elem.run(h, v.Elem())
		}
	case reflect.Interface:
		return func(h *hasher, v reflect.Value) {
			if v.IsNil() {
				h.u64(nilMark)
				return
			}
			e := v.Elem()
			h.str(e.Type().String())
			planOf(e.Type()).run(h, e)
		}
	case reflect.Struct:
		type field struct {
			i    int
			plan *plan
		}
		var fields []field
		for i := range t.NumField() {
			if t.Field(i).Tag.Get("hash") != "-" {
				fields = append(fields, field{i, pl.plan(t.Field(i).Type)})
			}
		}
		return func(h *hasher, v reflect.Value) {
			for _, f := range fields {
				f.plan.run(h, v.Field(f.i))
			}
		}
	case reflect.Slice, reflect.Array:
		elem := pl.plan(t.Elem())
		slice := t.Kind() == reflect.Slice
		articles := t == articlesType
		return func(h *hasher, v reflect.Value) {
			if slice && v.IsNil() {
				h.u64(nilMark)
				return
			}
			if articles && v.CanInterface() {
				// An entity's or a region's page lists every story of
				// it: tens of thousands on a large site, whose keys are
				// read here without reflect, as elem would read them.
				as := v.Interface().([]*Article)
				h.u64(uint64(len(as)))
				for _, a := range as {
					if a == nil {
						h.u64(nilMark)
					} else {
						h.u64(a.viewKey())
					}
				}
				return
			}
			n := v.Len()
			h.u64(uint64(n))
			for i := range n {
				elem.run(h, v.Index(i))
			}
		}
	case reflect.Map:
		key, elem := pl.plan(t.Key()), pl.plan(t.Elem())
		return func(h *hasher, v reflect.Value) {
			if v.IsNil() {
				h.u64(nilMark)
				return
			}
			keys := v.MapKeys()
			slices.SortFunc(keys, compareKeys)
			h.u64(uint64(len(keys)))
			for _, k := range keys {
				key.run(h, k)
				elem.run(h, v.MapIndex(k))
			}
		}
	case reflect.String:
		return func(h *hasher, v reflect.Value) { h.str(v.String()) }
	case reflect.Bool:
		return func(h *hasher, v reflect.Value) {
			if v.Bool() {
				h.u64(1)
			} else {
				h.u64(0)
			}
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(h *hasher, v reflect.Value) { h.u64(uint64(v.Int())) }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(h *hasher, v reflect.Value) { h.u64(v.Uint()) }
	case reflect.Float32, reflect.Float64:
		return func(h *hasher, v reflect.Value) { h.u64(math.Float64bits(v.Float())) }
	}
	return func(h *hasher, v reflect.Value) {
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
