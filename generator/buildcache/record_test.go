package buildcache

import (
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/site"
)

// How filler fills the slices and maps of values that are not structs, and
// the pointers.
const (
	full  = iota // two elements each, every field set
	empty        // empty, not nil; pointers set
	nils         // nil; pointers set
)

// filler sets every exported field of a value, found by reflection, so
// that a field added to a record's types and not encoded fails
// TestRecordRoundTrip.
type filler struct {
	t    testing.TB
	mode int
	n    int // makes each value differ from the last
}

func (f *filler) fill(v reflect.Value) {
	f.n++
	switch v.Type() {
	case reflect.TypeFor[time.Time]():
		if f.mode == full {
			v.Set(reflect.ValueOf(inZone(time.Date(2024, 7, 26, 14, 4, 5, f.n, time.UTC))))
		}
		return
	case reflect.TypeFor[article.Body]():
		return // kept apart from the records
	case reflect.TypeFor[map[string]any]():
		switch f.mode {
		case full:
			v.Set(reflect.ValueOf(sampleParams()))
		case empty:
			v.Set(reflect.ValueOf(map[string]any{}))
		}
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				f.fill(v.Field(i))
			}
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		f.fill(v.Elem())
	case reflect.Array:
		for i := range v.Len() {
			f.fill(v.Index(i))
		}
	case reflect.Slice:
		n := 2
		if k := v.Type().Elem().Kind(); f.mode != full && k != reflect.Struct && k != reflect.Pointer {
			if f.mode == nils {
				return
			}
			n = 0
		}
		v.Set(reflect.MakeSlice(v.Type(), n, n))
		for i := range n {
			f.fill(v.Index(i))
		}
	case reflect.String:
		if f.mode == full {
			v.SetString("ünïcode " + strings.Repeat("x", f.n%7) + string(rune('a'+f.n%26)))
		}
	case reflect.Bool:
		v.SetBool(f.mode == full)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if f.mode == full {
			x := int64(f.n) * 1000003 * int64(1-2*(f.n%2))
			if v.OverflowInt(x) {
				x = int64(f.n)
			}
			v.SetInt(x)
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if f.mode == full {
			x := math.MaxUint64 - uint64(f.n)
			for v.OverflowUint(x) {
				x >>= 8
			}
			v.SetUint(x)
		}
	case reflect.Float32, reflect.Float64:
		if f.mode == full {
			v.SetFloat(float64(f.n) + 0.1)
		}
	default:
		f.t.Fatalf("filler: a field of type %s; teach the record codec and the filler", v.Type())
	}
}

// inZone returns t at an offset of +02:00, or another when that is the
// local one there: a time at the local offset reads back in time.Local
// (see decoder.time).
func inZone(t time.Time) time.Time {
	for _, off := range []int{2 * 3600, -(3*3600 + 30*60), 5*3600 + 45*60} {
		if _, local := t.In(time.Local).Zone(); local != off {
			return t.In(time.FixedZone("", off))
		}
	}
	panic("unreachable")
}

// sampleParams holds every kind of value TOML front matter gives.
func sampleParams() map[string]any {
	when := time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC)
	return map[string]any{
		"string": "ünïcode", "int": int64(-1 << 40), "float": -2.5, "yes": true, "no": false,
		"utc": when, "zoned": inZone(when), "zero": time.Time{}, "nothing": nil,
		"array":       []any{"a", int64(1), 1.5, true, when, []any{"nested"}, map[string]any{"k": "v"}},
		"empty array": []any{}, "nil array": []any(nil),
		"table":       map[string]any{"z": "last", "a": map[string]any{"deeper": []any{int64(3)}}},
		"empty table": map[string]any{}, "nil table": map[string]any(nil), "": "empty key",
	}
}

// sampleRecords returns records with every field set, with every slice
// and map empty, and with every one nil, and some with nil pointers.
func sampleRecords(t testing.TB) map[string]packRecord {
	recs := map[string]packRecord{
		"zero":              {},
		"nil article":       {Input: Input{Name: "a.xml", Inputs: []site.Input{{}}}, Bodies: []bodyRef{{}}},
		"zero article":      {Input: Input{Inputs: []site.Input{{Article: &article.Article{}}}}, Bodies: []bodyRef{}},
		"empty params only": {Input: Input{Inputs: []site.Input{{Article: &article.Article{Params: map[string]any{}}}}}},
	}
	for name, mode := range map[string]int{"full": full, "empty": empty, "nils": nils} {
		var r packRecord
		(&filler{t: t, mode: mode}).fill(reflect.ValueOf(&r).Elem())
		recs[name] = r
	}
	return recs
}

// encodeRecords encodes recs as a segment's records.
func encodeRecords(t testing.TB, recs ...packRecord) string {
	e := encoder{}
	e.segHeader(segHeader{Format: Format, InputsKey: [32]byte{1}, ID: [16]byte{2}, Records: len(recs)})
	for i := range recs {
		e.record(&recs[i])
	}
	if e.err != nil {
		t.Fatal(e.err)
	}
	return string(e.buf)
}

// decodeRecords decodes a segment's records as readSegment does.
func decodeRecords(text string) (segHeader, []packRecord, bool) {
	d := &decoder{text: text, clone: true}
	h := d.segHeader()
	var recs []packRecord
	for range h.Records {
		var r packRecord
		if !d.record(&r) {
			return h, nil, false
		}
		recs = append(recs, r)
	}
	return h, recs, d.end()
}

// TestRecordRoundTrip checks that every field of a record survives its
// encoding, nil and empty slices and maps apart, and that each cut of the
// encoding, and anything after it, is refused.
func TestRecordRoundTrip(t *testing.T) {
	for name, r := range sampleRecords(t) {
		t.Run(name, func(t *testing.T) {
			text := encodeRecords(t, r, r)
			h, got, ok := decodeRecords(text)
			if !ok || h.InputsKey != [32]byte{1} || h.ID != [16]byte{2} || len(got) != 2 {
				t.Fatalf("does not decode: %v %+v", ok, h)
			}
			if !reflect.DeepEqual(got[1], r) {
				t.Errorf("\ngot  %#v\nwant %#v", got[1], r)
			}
			for i, in := range got[0].Input.Inputs {
				if a := in.Article; a != nil {
					was := r.Input.Inputs[i].Article
					if a.Date.Format(time.RFC3339Nano) != was.Date.Format(time.RFC3339Nano) {
						t.Errorf("date %s, written %s", a.Date.Format(time.RFC3339Nano), was.Date.Format(time.RFC3339Nano))
					}
					if !a.Body.IsEmpty() {
						t.Error("a body in a record")
					}
				}
			}
			for n := range len(text) {
				if _, _, ok := decodeRecords(text[:n]); ok {
					t.Fatalf("cut at %d of %d bytes, decodes", n, len(text))
				}
			}
			if _, _, ok := decodeRecords(text + "\x00"); ok {
				t.Error("decodes with a byte after it")
			}
		})
	}
}

// TestRecordLeavesBodyOut checks that an article's body is not written
// into its record: the pack keeps bodies apart, read on demand.
func TestRecordLeavesBodyOut(t *testing.T) {
	a := article.Article{Title: "T"}
	with := a
	with.Body = article.NewBody("<p>a body</p>")
	rec := func(a article.Article) packRecord {
		return packRecord{Input: Input{Inputs: []site.Input{{Article: &a}}}}
	}
	if encodeRecords(t, rec(a)) != encodeRecords(t, rec(with)) {
		t.Error("the body changes the record")
	}
}

// TestRecordMinSizes checks that nothing in a record is shorter than the
// decoder allows for, which would refuse good records.
func TestRecordMinSizes(t *testing.T) {
	tests := []struct {
		name string
		min  int
		put  func(e *encoder)
	}{
		{"record", minRecord, func(e *encoder) { e.record(&packRecord{}) }},
		{"input", minInput, func(e *encoder) { e.input(site.Input{}) }},
		{"entity", minEntity, func(e *encoder) { e.entity(detect.Entity{}) }},
		{"dropped", minDropped, func(e *encoder) { e.dropped(detect.Dropped{}) }},
		{"evidence", minEvidence, func(e *encoder) { e.evidence(detect.Evidence{}) }},
		{"body", minBodyRef, func(e *encoder) { e.bodyRef(bodyRef{}) }},
		{"warning", minWarning, func(e *encoder) { e.warning(diag.Warning{}) }},
		{"subject", minSubject, func(e *encoder) { e.subject(article.Subject{}) }},
		{"param", minParam, func(e *encoder) { e.str(""); e.value(nil, 0) }},
	}
	for _, tt := range tests {
		var e encoder
		tt.put(&e)
		if len(e.buf) < tt.min {
			t.Errorf("%s: %d bytes, decoder counts on %d", tt.name, len(e.buf), tt.min)
		}
	}
}

// TestRecordRefuses checks that the decoder refuses what the encoder never
// writes, and that the encoder refuses what the decoder would not read.
func TestRecordRefuses(t *testing.T) {
	nested := func(depth int) any {
		var v any = "leaf"
		for range depth {
			v = []any{v}
		}
		return v
	}
	when := time.Date(2024, 7, 26, 14, 4, 0, 0, time.UTC)
	bin := func(t time.Time, edit func([]byte) []byte) string {
		b, _ := t.MarshalBinary()
		return string(edit(b))
	}
	tests := []struct {
		name string
		// put writes a Params table.
		put func(e *encoder)
		// ok is whether it decodes.
		ok bool
	}{
		{"nested as deep as allowed", func(e *encoder) { e.table(map[string]any{"k": nested(maxDepth)}, 0) }, true},
		{"nested too deep", func(e *encoder) {
			e.size(1, false)
			e.str("k")
			for range maxDepth + 1 {
				e.uvarint(tagArray)
				e.size(1, false)
			}
			e.uvarint(tagNil)
		}, false},
		{"nested 65,536 deep", func(e *encoder) {
			e.size(1, false)
			e.str("k")
			for range 1 << 16 {
				e.uvarint(tagTable)
				e.size(1, false)
				e.str("k")
			}
			e.uvarint(tagNil)
		}, false},
		{"keys out of order", func(e *encoder) {
			e.size(2, false)
			e.str("b")
			e.value("x", 0)
			e.str("a")
			e.value("y", 0)
		}, false},
		{"a key twice", func(e *encoder) {
			e.size(2, false)
			e.str("a")
			e.value("x", 0)
			e.str("a")
			e.value("y", 0)
		}, false},
		{"an unknown tag", func(e *encoder) {
			e.size(1, false)
			e.str("a")
			e.uvarint(tagTable + 1)
		}, false},
		{"more values than bytes", func(e *encoder) { e.size(1<<40, false) }, false},
		{"a time", func(e *encoder) { e.table(map[string]any{"t": when}, 0) }, true},
		{"the zero time in bytes", func(e *encoder) {
			e.size(1, false)
			e.str("t")
			e.uvarint(tagTime)
			e.str(bin(time.Time{}, func(b []byte) []byte { return b }))
		}, false},
		{"a time of an unknown version", func(e *encoder) {
			e.size(1, false)
			e.str("t")
			e.uvarint(tagTime)
			e.str(bin(when, func(b []byte) []byte { b[0] = 9; return b }))
		}, false},
		{"a time with a zone's seconds it need not have", func(e *encoder) {
			e.size(1, false)
			e.str("t")
			e.uvarint(tagTime)
			e.str(bin(when.In(time.FixedZone("", 3600)), func(b []byte) []byte { b[0] = 2; return append(b, 0) }))
		}, false},
		{"a time with nanoseconds past a second", func(e *encoder) {
			e.size(1, false)
			e.str("t")
			e.uvarint(tagTime)
			e.str(bin(when, func(b []byte) []byte { b[9] = 0x7f; return b }))
		}, false},
		{"a time longer than any", func(e *encoder) {
			e.size(1, false)
			e.str("t")
			e.uvarint(tagTime)
			e.str(strings.Repeat("\x01", 17))
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e encoder
			tt.put(&e)
			if e.err != nil {
				t.Fatal(e.err)
			}
			d := &decoder{text: string(e.buf)}
			d.table(0)
			if ok := d.end(); ok != tt.ok {
				t.Errorf("decodes: %v, want %v", ok, tt.ok)
			}
		})
	}
	for _, bad := range []any{int(1), int32(1), uint64(1), []string{"a"}, map[string]string{}, struct{}{},
		nested(maxDepth + 1), map[string]any{"x": []any{complex(1, 1)}}, time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("", -60))} {
		var e encoder
		e.table(map[string]any{"k": bad}, 0)
		if e.err == nil {
			t.Errorf("%#v encodes", bad)
		}
	}
	if d := (&decoder{text: "\x02"}); d.bool() || d.end() {
		t.Error("a bool of 2 decodes")
	}
}

// TestSaveRefusesParams checks that a cache whose front matter holds a
// value the pack cannot keep is not saved, and leaves no pack behind.
func TestSaveRefusesParams(t *testing.T) {
	s := testSite(t)
	c := Open(s)
	if c == nil {
		t.Skip("the test binary cannot be identified")
	}
	st := sample()
	st.Inputs["a.md"].Inputs[0].Article.Params["bad"] = []string{"a"}
	if err := c.Save(st); err == nil || !strings.Contains(err.Error(), "a.md") {
		t.Errorf("Save = %v, want an error naming a.md", err)
	}
	if packs, _ := filepath.Glob(filepath.Join(filepath.Dir(s.Path()), packPrefix+"*")); len(packs) != 0 {
		t.Errorf("packs left: %v", packs)
	}
}

// FuzzDecodeRecords checks that no bytes make the record decoder crash,
// hang or allocate more than they could describe, and that records that
// decode encode back to themselves. The segment's checksum keeps damaged
// packs away from the decoder; this is the decoder's own defence.
func FuzzDecodeRecords(f *testing.F) {
	recs := sampleRecords(f)
	for _, r := range recs {
		f.Add(encodeRecords(f, r))
	}
	f.Add(encodeRecords(f, recs["full"], recs["nils"]))
	f.Fuzz(func(t *testing.T, text string) {
		h, recs, ok := decodeRecords(text)
		if !ok {
			return
		}
		again := encodeRecords(t, recs...)
		h2, recs2, ok := decodeRecords(again)
		if !ok || h2.Records != h.Records || encodeRecords(t, recs2...) != again {
			t.Fatalf("decoded, encoded and decoded again: %v", ok)
		}
		// Floats that are not a number are not equal to themselves:
		// decoding twice tells records holding one.
		if _, twice, _ := decodeRecords(text); reflect.DeepEqual(twice, recs) && !reflect.DeepEqual(recs2, recs) {
			t.Fatalf("decoded, encoded and decoded again:\n%#v\n%#v", recs2, recs)
		}
	})
}
