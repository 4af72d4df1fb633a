package article

import (
	"encoding/json"
	"errors"
	"html/template"
)

// Body is an article's body as HTML. A parser makes it with NewBody and
// holds it; a build cache, which keeps hundreds of megabytes of bodies
// when only the few a build renders are needed, makes one with BodyFrom
// that reads it when first asked for. The zero Body is an empty body.
type Body struct {
	html template.HTML
	from BodySource
}

// BodySource reads a body kept elsewhere. ReadBody must be safe to call
// from several goroutines, and return the same body every time or fail.
type BodySource interface {
	ReadBody() (template.HTML, error)
}

// NewBody returns a body that holds h.
func NewBody(h template.HTML) Body { return Body{html: h} }

// BodyFrom returns a body that src reads when asked for.
func BodyFrom(src BodySource) Body { return Body{from: src} }

// HTML returns the body, reading it if it is kept elsewhere. A body read
// is not kept: most are read once, by the page that shows them.
func (b Body) HTML() (template.HTML, error) {
	if b.from == nil {
		return b.html, nil
	}
	return b.from.ReadBody()
}

// Held returns the body when it is held and not read from elsewhere, as
// a parser's always is, and false for one a build cache reads on demand.
func (b Body) Held() (template.HTML, bool) { return b.html, b.from == nil }

// IsEmpty reports whether the body is held and empty.
func (b Body) IsEmpty() bool { return b.from == nil && b.html == "" }

// errUnread is the error of encoding a body that could not be read.
var errUnread = errors.New("article body: cannot encode a body that could not be read")

// MarshalJSON encodes the body as its HTML, a JSON string.
func (b Body) MarshalJSON() ([]byte, error) {
	h, err := b.HTML()
	if err != nil {
		return nil, errors.Join(errUnread, err)
	}
	return json.Marshal(string(h))
}

// UnmarshalJSON decodes a body encoded by MarshalJSON.
func (b *Body) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	*b = NewBody(template.HTML(s))
	return nil
}
