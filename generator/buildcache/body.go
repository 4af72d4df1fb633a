package buildcache

import (
	"fmt"
	"html/template"
	"os"
)

// Reread returns the body of article index of the content file name at
// version, parsed again from the file, for a body whose copy in the cache
// fails its checksum; it fails if the file no longer has that version.
type Reread func(name string, version uint64, index int) (template.HTML, error)

// packFile is a pack open for reading bodies.
type packFile struct {
	f      *os.File
	name   string
	reread Reread
}

// packBody is an article's body kept in a pack, read when asked for.
type packBody struct {
	pack     *packFile
	off, len int64
	sum      uint64
	// name, version and index say whose body it is, for errors and
	// Reread.
	name    string
	version uint64
	index   int
}

// ReadBody reads the body from the pack and checks it; a body the pack
// lost is parsed again from its file where that is still the same.
func (b *packBody) ReadBody() (template.HTML, error) {
	buf := make([]byte, b.len)
	_, err := b.pack.f.ReadAt(buf, b.off)
	if err == nil && Sum(buf) == b.sum {
		return template.HTML(buf), nil
	}
	if err == nil {
		err = fmt.Errorf("checksum mismatch at offset %d", b.off)
	}
	err = fmt.Errorf("build cache: the body of %s in %s: %w", b.name, b.pack.name, err)
	if b.pack.reread == nil {
		return "", err
	}
	html, rerr := b.pack.reread(b.name, b.version, b.index)
	if rerr != nil {
		return "", fmt.Errorf("%w; parsing it again: %w", err, rerr)
	}
	return html, nil
}
