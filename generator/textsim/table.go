package textsim

// counter counts word hashes: an open-addressing table, several times
// faster than a map on the millions of words a large site's weights count.
// Key 0 is the empty slot; Extract never yields it.
type counter struct {
	keys []uint32
	vals []int32
	n    int
}

func newCounter(hint int) *counter {
	size := 1024
	for size < 2*hint {
		size *= 2
	}
	return &counter{keys: make([]uint32, size), vals: make([]int32, size)}
}

// slot returns where k is, or the empty slot where it would go.
func (c *counter) slot(k uint32) int {
	mask := len(c.keys) - 1
	// Hashes are already mixed; their low bits spread well.
	for i := int(k) & mask; ; i = (i + 1) & mask {
		if c.keys[i] == k || c.keys[i] == 0 {
			return i
		}
	}
}

func (c *counter) add(k uint32) {
	i := c.slot(k)
	if c.keys[i] == 0 {
		if 2*(c.n+1) > len(c.keys) {
			c.grow()
			i = c.slot(k)
		}
		c.keys[i] = k
		c.n++
	}
	c.vals[i]++
}

func (c *counter) get(k uint32) int32 {
	return c.vals[c.slot(k)]
}

func (c *counter) grow() {
	old := *c
	c.keys, c.vals = make([]uint32, 2*len(old.keys)), make([]int32, 2*len(old.keys))
	for i, k := range old.keys {
		if k != 0 {
			j := c.slot(k)
			c.keys[j], c.vals[j] = k, old.vals[i]
		}
	}
}
