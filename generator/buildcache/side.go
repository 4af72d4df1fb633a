package buildcache

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
)

// sideMagic starts every side file; its digit is the side files' format.
const sideMagic = "attache side 1\n"

// Side is a file of its own kept in a site's cache folder beside the
// build cache, for a part of the build that keeps data between processes
// in a format of its own (the search index's analyses: see
// pipeline/search.go). Like the cache's inputs, it is tied to the program,
// the configuration and the content folder: a file written by another
// attache or for another configuration is no file. Its data is written
// whole, through a temporary file, after a checksum-guarded header.
type Side struct {
	file string
	key  [32]byte
}

// OpenSide returns the side file called name of the site's cache, or nil
// when the program cannot be identified or name is not a plain file name
// other than the build cache's own files.
func OpenSide(s Site, name string) *Side {
	c := Open(s)
	if c == nil {
		return nil
	}
	return c.Side(name)
}

// Side returns the side file called name beside the cache, as OpenSide
// does, without identifying the program again.
func (c *File) Side(name string) *Side {
	if name != filepath.Base(name) || !filepath.IsLocal(name) || name == "." || name == fileName || name == lockName || isPackName(name) {
		return nil
	}
	// The name is part of the key: one side file is never read as another.
	return &Side{file: filepath.Join(filepath.Dir(c.file), name), key: sha256.Sum256([]byte(string(c.inputsKey[:]) + name))}
}

// Load returns the data last saved, or nil when there is none or the file
// is damaged, truncated or foreign.
func (sd *Side) Load() []byte {
	raw, err := os.ReadFile(sd.file)
	if err != nil {
		return nil
	}
	return sd.open(raw)
}

// open checks a side file's bytes and returns its data.
func (sd *Side) open(raw []byte) []byte {
	head := len(sideMagic) + len(sd.key)
	if len(raw) < head+sha256.Size {
		return nil
	}
	body, sum := raw[:len(raw)-sha256.Size], raw[len(raw)-sha256.Size:]
	if string(body[:len(sideMagic)]) != sideMagic || !bytes.Equal(body[len(sideMagic):head], sd.key[:]) {
		return nil
	}
	if want := sha256.Sum256(body); !bytes.Equal(sum, want[:]) {
		return nil
	}
	return body[head:]
}

// Save replaces the file's data, atomically: a reader sees the old data
// or the new, never a mix.
func (sd *Side) Save(data []byte) error {
	dir := filepath.Dir(sd.file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, tmpPrefix+"*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	h := sha256.New()
	for _, part := range [][]byte{[]byte(sideMagic), sd.key[:], data} {
		h.Write(part)
		if _, err = f.Write(part); err != nil {
			break
		}
	}
	if err == nil {
		_, err = f.Write(h.Sum(nil))
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(f.Name(), sd.file)
}
