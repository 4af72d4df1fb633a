// Package clock is the time a build runs at, and how long what the build
// decided by it holds: a build that compares instants with the time only
// through Now.Before learns the first instant at which any of its answers
// would change, so that a later build, before then and with nothing else
// changed, knows it would decide the same.
package clock

import "time"

// Now is the time of one build and the answers it gave. It is not safe for
// concurrent use.
type Now struct {
	at   time.Time
	next time.Time
}

// At returns a Now for a build running at t.
func At(t time.Time) *Now { return &Now{at: t} }

// Time returns the time of the build.
func (n *Now) Time() time.Time { return n.at }

// Before reports whether the build runs before t, that is whether t is
// still to come. Until t passes the answer stays true; an answer of false
// stays false for good, as time only moves on.
func (n *Now) Before(t time.Time) bool {
	if !t.After(n.at) {
		return false
	}
	if n.next.IsZero() || t.Before(n.next) {
		n.next = t
	}
	return true
}

// Until returns the first instant at which an answer Before gave would
// change, the zero time if none ever would: from Time up to it, every
// answer is the same.
func (n *Now) Until() time.Time { return n.next }

// Holds reports whether a build at t would get every answer a build at
// the time of n got: t is not earlier, and not at or past Until.
func (n *Now) Holds(t time.Time) bool {
	return !t.Before(n.at) && (n.next.IsZero() || t.Before(n.next))
}
