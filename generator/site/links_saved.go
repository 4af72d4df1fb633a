package site

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/attache/attache/generator/config"
	"github.com/attache/attache/generator/gazetteer"
	"github.com/attache/attache/generator/textsim"
)

// A Memo's threads and related stories can outlive the process, so that a
// one-shot build after a new story picks the related stories of the last
// few days and not of the whole archive again (see linkState.span). What
// is kept is what no story's words give back: each story's version and
// time, its thread's root and its related stories. Words, their counts and
// weights are worked out again from the articles of the stories a build
// keeps, which the build cache holds.

// savedLinksMagic starts the encoding; its digit changes with the format.
const savedLinksMagic = "attache links 1\n"

// savedLinks is a linkState without its words.
type savedLinks struct {
	versions []uint64
	times    []int64
	roots    []int32
	related  [][]int32
}

// SavedLinks returns the threads and related stories of the last New with
// this Memo, encoded for RestoreLinks; nil when it has none.
func (m *Memo) SavedLinks() []byte {
	m.mu.Lock()
	st := m.links
	m.mu.Unlock()
	if st == nil {
		return nil
	}
	return (&savedLinks{versions: st.versions, times: st.times, roots: st.roots, related: st.related}).encode()
}

// encode writes the saved links for decodeLinks.
func (sv *savedLinks) encode() []byte {
	n := len(sv.versions)
	b := make([]byte, 0, len(savedLinksMagic)+n*24)
	b = append(b, savedLinksMagic...)
	b = binary.AppendUvarint(b, uint64(n))
	var last int64
	for k := range n {
		b = binary.LittleEndian.AppendUint64(b, sv.versions[k])
		b = binary.AppendVarint(b, sv.times[k]-last) // times ascend
		last = sv.times[k]
		b = binary.AppendVarint(b, int64(k)-int64(sv.roots[k]))
		b = binary.AppendUvarint(b, uint64(len(sv.related[k])))
		for _, j := range sv.related[k] {
			b = binary.AppendVarint(b, int64(k)-int64(j))
		}
	}
	return b
}

// RestoreLinks gives the Memo, made for the configuration and gazetteer a
// later New is called with, the threads and related stories SavedLinks
// encoded, for that New to start from. It returns an error, and restores
// nothing, when data is not such an encoding.
func (m *Memo) RestoreLinks(cfg *config.Config, gaz *gazetteer.Gazetteer, data []byte) error {
	sv, err := decodeLinks(data)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.cfg, m.gaz, m.saved, m.links = cfg, gaz, sv, nil
	return nil
}

// decodeLinks reads SavedLinks's encoding, checking every field.
func decodeLinks(data []byte) (*savedLinks, error) {
	if len(data) < len(savedLinksMagic) || string(data[:len(savedLinksMagic)]) != savedLinksMagic {
		return nil, errors.New("saved links: not an encoding of this format")
	}
	r := reader{b: data[len(savedLinksMagic):]}
	n := r.uvarint()
	// A story takes at least 11 bytes.
	if r.err != nil || n > uint64(len(r.b))/11 {
		return nil, errors.New("saved links: bad story count")
	}
	sv := &savedLinks{versions: make([]uint64, n), times: make([]int64, n), roots: make([]int32, n), related: make([][]int32, n)}
	var last int64
	for k := range int(n) {
		sv.versions[k] = r.u64()
		step := r.varint()
		if k > 0 && (step < 0 || last+step < last) {
			return nil, fmt.Errorf("saved links: story %d: bad time", k)
		}
		last += step
		sv.times[k] = last
		root := int64(k) - r.varint()
		if root < 0 || root >= int64(n) {
			return nil, fmt.Errorf("saved links: story %d: bad thread", k)
		}
		sv.roots[k] = int32(root)
		count := r.uvarint()
		if count > RelatedCount {
			return nil, fmt.Errorf("saved links: story %d: %d related stories", k, count)
		}
		for range count {
			j := int64(k) - r.varint()
			if j < 0 || j >= int64(n) || j == int64(k) {
				return nil, fmt.Errorf("saved links: story %d: bad related story", k)
			}
			sv.related[k] = append(sv.related[k], int32(j))
		}
		if r.err != nil {
			return nil, fmt.Errorf("saved links: story %d: %v", k, r.err)
		}
	}
	if len(r.b) != 0 {
		return nil, errors.New("saved links: trailing bytes")
	}
	return sv, nil
}

// state makes the saved links a linkState for stories of the given
// versions and features, in time order: one holding the words of the
// stories both hold in the same places, as a Memo's holds them once a New
// has taken out the others (see linkStories).
func (sv *savedLinks) state(versions []uint64, feats func(k int) *textsim.Features) *linkState {
	same := 0
	for same < len(versions) && same < len(sv.versions) && versions[same] != 0 && versions[same] == sv.versions[same] {
		same++
	}
	st := &linkState{versions: sv.versions, times: sv.times, roots: sv.roots, related: sv.related,
		feats: make([]*textsim.Features, same), counts: textsim.NewCounts(len(versions))}
	for k := range same {
		st.feats[k] = feats(k)
	}
	// Weighed among themselves, the stories kept weigh as among all but
	// for the last horizon before the first story not kept, which a New
	// weighs again.
	st.vectors = st.counts.WeighFrom(st.feats, sv.times[:same], int64(weighHorizon/time.Second), 0)
	return st
}

// reader reads the encoding, noting the first error.
type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errors.New("truncated")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errors.New("truncated")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) u64() uint64 {
	if r.err != nil {
		return 0
	}
	if len(r.b) < 8 {
		r.err = errors.New("truncated")
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}
