package buildcache

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/detect"
	"github.com/attache/attache/generator/diag"
	"github.com/attache/attache/generator/site"
	"github.com/attache/attache/generator/textsim"
)

// A segment's records are its header, then each packRecord: every field
// of the input and its articles in the order the types declare them,
// except the articles' bodies, which lie before the records. Slices and
// maps keep nil apart from empty, and maps are written in the order of
// their keys, so that equal records encode alike.

// The fewest bytes each part of a record takes, which bound the counts a
// decoder believes.
const (
	minRecord   = 13            // name, size, time, version (8), inputs, bodies
	minInput    = 13            // article, 3 entity lists, version (8), features
	minEntity   = 20            // ID, mentions, primary, score (8), confidence (8), evidence
	minDropped  = minEntity + 2 // an entity, organisation, reason
	minEvidence = 3
	minBodyRef  = 10
	minWarning  = 3
	minSubject  = 2
	minParam    = 2 // a key and a tag
)

// maxDepth bounds the nesting of arrays and tables in Params: the parser
// refuses front matter nested more than 16 deep, and a decoder that
// recursed as deep as damaged bytes say would exhaust its stack.
const maxDepth = 64

// The tags of the values Params holds, those TOML front matter makes.
const (
	tagNil = iota
	tagString
	tagInt
	tagFloat
	tagFalse
	tagTrue
	tagTime
	tagArray
	tagTable
)

// each appends s, its length first, with put for each element.
func each[T any](e *encoder, s []T, put func(*encoder, T)) {
	e.size(len(s), s == nil)
	for _, x := range s {
		put(e, x)
	}
}

// list reads what each wrote, with get for each element, which takes at
// least min bytes.
func list[T any](d *decoder, min int, get func(*decoder) T) []T {
	n := d.size(min)
	if n < 0 {
		return nil
	}
	s := make([]T, n)
	for i := range s {
		s[i] = get(d)
	}
	return s
}

func (e *encoder) segHeader(h segHeader) {
	e.uvarint(uint64(h.Format))
	e.raw(h.InputsKey[:])
	e.raw(h.ID[:])
	e.uvarint(uint64(h.Records))
}

func (d *decoder) segHeader() segHeader {
	h := segHeader{Format: Format}
	if d.uvarint() != Format {
		d.fail() // of another layout
	}
	d.raw(h.InputsKey[:])
	d.raw(h.ID[:])
	h.Records = d.count(minRecord)
	return h
}

// record appends r with its articles' bodies left out: the writer puts
// them before the records, where Bodies says.
func (e *encoder) record(r *packRecord) {
	in := &r.Input
	e.str(in.Name)
	e.varint(in.Size)
	e.varint(in.ModTime)
	e.u64(in.Version)
	each(e, in.Inputs, (*encoder).input)
	each(e, r.Bodies, (*encoder).bodyRef)
}

// record reads a record into r and reports whether it could.
func (d *decoder) record(r *packRecord) bool {
	r.Input = Input{Name: d.str(), Size: d.varint(), ModTime: d.varint(), Version: d.u64(),
		Inputs: list(d, minInput, (*decoder).input)}
	r.Bodies = list(d, minBodyRef, (*decoder).bodyRef)
	return d.err == nil
}

func (e *encoder) bodyRef(b bodyRef) {
	e.varint(b.Off)
	e.varint(b.Len)
	e.u64(b.Sum)
}

func (d *decoder) bodyRef() bodyRef { return bodyRef{Off: d.varint(), Len: d.varint(), Sum: d.u64()} }

func (e *encoder) input(in site.Input) {
	e.bool(in.Article != nil)
	if in.Article != nil {
		e.article(in.Article)
	}
	e.entities(in.Detected.Countries)
	e.entities(in.Detected.Organisations)
	each(e, in.Detected.Dropped, (*encoder).dropped)
	e.u64(in.Version)
	e.bool(in.Features != nil)
	if f := in.Features; f != nil {
		each(e, f.Terms, (*encoder).u32)
		each(e, f.Counts, func(e *encoder, n uint16) { e.uvarint(uint64(n)) })
		for _, x := range f.Sketch {
			e.u32(x)
		}
	}
}

func (d *decoder) input() site.Input {
	var in site.Input
	if d.bool() {
		in.Article = d.article()
	}
	in.Detected.Countries = d.entities()
	in.Detected.Organisations = d.entities()
	in.Detected.Dropped = list(d, minDropped, (*decoder).dropped)
	in.Version = d.u64()
	if d.bool() {
		f := &textsim.Features{Terms: list(d, 4, (*decoder).u32), Counts: list(d, 1, (*decoder).u16)}
		for i := range f.Sketch {
			f.Sketch[i] = d.u32()
		}
		in.Features = f
	}
	return in
}

func (d *decoder) u16() uint16 {
	x := d.uvarint()
	if x > math.MaxUint16 {
		d.fail()
	}
	return uint16(x)
}

func (e *encoder) entities(s []detect.Entity) { each(e, s, (*encoder).entity) }

func (d *decoder) entities() []detect.Entity { return list(d, minEntity, (*decoder).entity) }

func (e *encoder) entity(x detect.Entity) {
	e.str(x.ID)
	e.varint(int64(x.Mentions))
	e.bool(x.Primary)
	e.u64(math.Float64bits(x.Score))
	e.u64(math.Float64bits(x.Confidence))
	each(e, x.Evidence, (*encoder).evidence)
}

func (d *decoder) entity() detect.Entity {
	return detect.Entity{ID: d.str(), Mentions: d.sint(), Primary: d.bool(),
		Score: math.Float64frombits(d.u64()), Confidence: math.Float64frombits(d.u64()),
		Evidence: list(d, minEvidence, (*decoder).evidence)}
}

func (e *encoder) evidence(v detect.Evidence) {
	e.varint(int64(v.Field))
	e.varint(int64(v.Offset))
	e.str(v.Text)
}

func (d *decoder) evidence() detect.Evidence {
	return detect.Evidence{Field: detect.Field(d.sint()), Offset: d.sint(), Text: d.str()}
}

func (e *encoder) dropped(x detect.Dropped) {
	e.entity(x.Entity)
	e.bool(x.Organisation)
	e.str(x.Reason)
}

func (d *decoder) dropped() detect.Dropped {
	return detect.Dropped{Entity: d.entity(), Organisation: d.bool(), Reason: d.str()}
}

func (e *encoder) strs(s []string) { each(e, s, (*encoder).str) }

func (d *decoder) strs() []string { return list(d, 1, (*decoder).str) }

// article appends a without its body.
func (e *encoder) article(a *article.Article) {
	e.str(a.File)
	e.str(string(a.Format))
	e.str(a.Title)
	e.bool(a.TitleDerived)
	e.time(a.Date)
	e.bool(a.Draft)
	e.str(a.Slug)
	e.str(a.Summary)
	e.str(a.Source)
	e.str(a.PublishedText)
	e.time(a.Published)
	e.str(a.Dateline)
	e.strs(a.Editors)
	e.str(a.Lede)
	e.strs(a.Paragraphs)
	e.str(a.Text)
	e.strs(a.Tags)
	e.strs(a.Aliases)
	e.strs(a.Countries)
	e.strs(a.Organisations)
	e.strs(a.ExcludeCountries)
	e.strs(a.ExcludeOrganisations)
	e.table(a.Params, 0)
	e.str(a.GUID)
	e.varint(int64(a.ItemVersion))
	e.str(a.PubStatus)
	e.time(a.Embargoed)
	e.time(a.FirstCreated)
	e.time(a.Updated)
	e.str(a.Language)
	e.str(a.Slugline)
	e.str(a.Subheadline)
	e.str(a.Byline)
	each(e, a.Subjects, (*encoder).subject)
	e.strs(a.Places)
	e.str(a.Copyright)
	each(e, a.Warnings, (*encoder).warning)
}

func (d *decoder) article() *article.Article {
	return &article.Article{
		File:                 d.str(),
		Format:               article.Format(d.str()),
		Title:                d.str(),
		TitleDerived:         d.bool(),
		Date:                 d.time(),
		Draft:                d.bool(),
		Slug:                 d.str(),
		Summary:              d.str(),
		Source:               d.str(),
		PublishedText:        d.str(),
		Published:            d.time(),
		Dateline:             d.str(),
		Editors:              d.strs(),
		Lede:                 d.str(),
		Paragraphs:           d.strs(),
		Text:                 d.str(),
		Tags:                 d.strs(),
		Aliases:              d.strs(),
		Countries:            d.strs(),
		Organisations:        d.strs(),
		ExcludeCountries:     d.strs(),
		ExcludeOrganisations: d.strs(),
		Params:               d.table(0),
		GUID:                 d.str(),
		ItemVersion:          d.sint(),
		PubStatus:            d.str(),
		Embargoed:            d.time(),
		FirstCreated:         d.time(),
		Updated:              d.time(),
		Language:             d.str(),
		Slugline:             d.str(),
		Subheadline:          d.str(),
		Byline:               d.str(),
		Subjects:             list(d, minSubject, (*decoder).subject),
		Places:               d.strs(),
		Copyright:            d.str(),
		Warnings:             list(d, minWarning, (*decoder).warning),
	}
}

func (e *encoder) subject(s article.Subject) {
	e.str(s.Code)
	e.str(s.Label)
}

func (d *decoder) subject() article.Subject { return article.Subject{Code: d.str(), Label: d.str()} }

func (e *encoder) warning(w diag.Warning) {
	e.str(w.File)
	e.varint(int64(w.Line))
	e.str(w.Message)
}

func (d *decoder) warning() diag.Warning {
	return diag.Warning{File: d.str(), Line: d.sint(), Message: d.str()}
}

// time appends t in MarshalBinary's bytes, as encoding/gob would: its
// instant and its zone's offset, not the zone's name. The zero Time takes
// none.
func (e *encoder) time(t time.Time) {
	// The zero Time itself, not the zero instant in some zone, which
	// keeps its zone.
	if t == (time.Time{}) {
		e.uvarint(0)
		return
	}
	at := len(e.buf)
	e.buf = append(e.buf, 0)
	var err error
	if e.buf, err = t.AppendBinary(e.buf); err != nil && e.err == nil {
		e.err = err
	}
	e.buf[at] = byte(len(e.buf) - at - 1)
}

// time reads a time as UnmarshalBinary does, which gives it the local zone
// when the offset is the local one, and refuses bytes that MarshalBinary
// would not write, so that a time reads back as it was written.
func (d *decoder) time() time.Time {
	var t time.Time
	s := d.str()
	if s == "" {
		return t
	}
	var b, again [16]byte
	if len(s) > len(b) || t.UnmarshalBinary(b[:copy(b[:], s)]) != nil {
		d.fail()
		return time.Time{}
	}
	if enc, err := t.AppendBinary(again[:0]); err != nil || string(enc) != s || t == (time.Time{}) {
		d.fail()
		return time.Time{}
	}
	return t
}

// table appends a table of Params, within depth arrays and tables, its
// keys in order. It fails on values TOML does not make (see Cacheable)
// and on nesting the decoder would refuse.
func (e *encoder) table(m map[string]any, depth int) {
	e.size(len(m), m == nil)
	for _, k := range slices.Sorted(maps.Keys(m)) {
		e.str(k)
		e.value(m[k], depth)
	}
}

func (d *decoder) table(depth int) map[string]any {
	n := d.size(minParam)
	if n < 0 {
		return nil
	}
	m := make(map[string]any, n)
	last := ""
	for i := range n {
		k := d.str()
		if i > 0 && k <= last {
			d.fail() // out of order, or twice
		}
		m[k], last = d.value(depth), k
	}
	return m
}

func (e *encoder) value(v any, depth int) {
	switch v := v.(type) {
	case nil:
		e.uvarint(tagNil)
	case string:
		e.uvarint(tagString)
		e.str(v)
	case int64:
		e.uvarint(tagInt)
		e.varint(v)
	case float64:
		e.uvarint(tagFloat)
		e.u64(math.Float64bits(v))
	case bool:
		if v {
			e.uvarint(tagTrue)
		} else {
			e.uvarint(tagFalse)
		}
	case time.Time:
		e.uvarint(tagTime)
		e.time(v)
	case []any:
		e.uvarint(tagArray)
		if e.deep(depth) {
			return
		}
		e.size(len(v), v == nil)
		for _, x := range v {
			e.value(x, depth+1)
		}
	case map[string]any:
		e.uvarint(tagTable)
		if !e.deep(depth) {
			e.table(v, depth+1)
		}
	default:
		if e.err == nil {
			e.err = fmt.Errorf("cannot keep a front-matter value of type %T", v)
		}
	}
}

// deep reports whether an array or table within depth arrays and tables
// is too deep to keep.
func (e *encoder) deep(depth int) bool {
	if depth < maxDepth {
		return false
	}
	if e.err == nil {
		e.err = fmt.Errorf("cannot keep front matter nested more than %d deep", maxDepth)
	}
	return true
}

func (d *decoder) value(depth int) any {
	tag := d.uvarint()
	if (tag == tagArray || tag == tagTable) && depth >= maxDepth {
		d.fail()
		return nil
	}
	switch tag {
	case tagNil:
		return nil
	case tagString:
		return d.str()
	case tagInt:
		return d.varint()
	case tagFloat:
		return math.Float64frombits(d.u64())
	case tagFalse, tagTrue:
		return tag == tagTrue
	case tagTime:
		return d.time()
	case tagArray:
		return list(d, 1, func(d *decoder) any { return d.value(depth + 1) })
	case tagTable:
		return d.table(depth + 1)
	}
	d.fail()
	return nil
}
