package site

import (
	"cmp"
	"strings"
)

// coverage is how much a set of articles covered one entity, in the order
// "most covered" lists rank by: the stories it is a main subject of, then
// the stories that mention it only in passing, then its mentions in all of
// them. A country named twice in passing does not outrank the subject of
// a site's stories.
type coverage struct{ primary, passing, mentions int }

// add counts one article's reference to the entity.
func (c *coverage) add(r Ref) {
	if r.Primary {
		c.primary++
	} else {
		c.passing++
	}
	c.mentions += r.Mentions
}

// moreCovered orders entities most covered first; equal coverage falls
// back to name, then ID, so that the order is stable.
func moreCovered(a, b *Entity, ca, cb coverage) int {
	return cmp.Or(cb.primary-ca.primary, cb.passing-ca.passing, cb.mentions-ca.mentions,
		strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
}
