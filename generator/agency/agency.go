// Package agency decides which agency stories a build publishes: the
// agency's word on versions, kills and embargoes is final.
//
// Articles with the same GUID are versions of one story. The version in
// effect is the newest (highest ItemVersion, then newest Updated) whose
// embargo, if any, has passed. If it is canceled or withheld the story is
// killed: no version is published. Otherwise it is published and the
// older versions are superseded. Newer versions still under embargo are
// held until their time. An article without a GUID is a story of its own.
package agency

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/internal/clock"
)

// Action is what a build does with an article.
type Action int

// The actions.
const (
	Publish   Action = iota
	Hold             // under embargo until Decision.Until
	Kill             // canceled or withheld by the agency
	Supersede        // a newer version is published instead
)

// String names the action: "publish", "hold", "kill" or "supersede".
func (a Action) String() string {
	return [...]string{"publish", "hold", "kill", "supersede"}[a]
}

// Decision is what happens to one article, and why.
type Decision struct {
	Article *article.Article
	Action  Action
	// Until is the end of the embargo of a held article.
	Until time.Time
	// By is the version that decided a kill or a supersession; it is the
	// article itself for a story killed by its own status.
	By *article.Article
}

// String says what was decided for the article and why, naming its file,
// as the build's report prints it.
func (d Decision) String() string {
	a := d.Article
	switch d.Action {
	case Hold:
		return fmt.Sprintf("%s: held until %s (embargoed)", a.File, d.Until.UTC().Format("2006-01-02 15:04 MST"))
	case Kill:
		if d.By != a {
			return fmt.Sprintf("%s: not published: %s by %s", a.File, d.By.PubStatus, d.By.File)
		}
		return fmt.Sprintf("%s: not published: %s by the agency", a.File, a.PubStatus)
	case Supersede:
		return fmt.Sprintf("%s: superseded by %s", a.File, d.By.File)
	}
	return a.File + ": published"
}

// Resolve decides, at now, what happens to each article; the decisions
// are in the order of arts. It depends on neither the order of arts nor
// anything but its arguments, and compares times with now only through
// now.Before, so that now knows how long the decisions hold.
func Resolve(arts []*article.Article, now *clock.Now) []Decision {
	out := make([]Decision, len(arts))
	groups := map[string][]int{}
	for i, a := range arts {
		out[i] = Decision{Article: a, Action: Publish}
		if a.GUID == "" {
			// A story of its own, as a group of one would decide it:
			// most of a site's stories, every build.
			switch {
			case !a.Embargoed.IsZero() && now.Before(a.Embargoed):
				out[i].Action, out[i].Until = Hold, a.Embargoed
			case Killed(a.PubStatus):
				out[i].Action, out[i].By = Kill, a
			}
			continue
		}
		groups[a.GUID] = append(groups[a.GUID], i)
	}
	for _, idx := range groups {
		slices.SortFunc(idx, func(i, j int) int { return newer(arts[i], arts[j]) })
		effective := -1
		for k, i := range idx {
			a := arts[i]
			if !a.Embargoed.IsZero() && now.Before(a.Embargoed) {
				out[i].Action, out[i].Until = Hold, a.Embargoed
				continue
			}
			effective = k
			break
		}
		if effective < 0 {
			continue
		}
		eff := arts[idx[effective]]
		killed := Killed(eff.PubStatus)
		for _, i := range idx[effective:] {
			switch {
			case killed:
				out[i].Action, out[i].By = Kill, eff
			case arts[i] != eff:
				out[i].Action, out[i].By = Supersede, eff
			}
		}
	}
	return out
}

// Concerns reports whether Resolve may decide anything but Publish for a:
// it has a GUID, an embargo or a status that removes it.
func Concerns(a *article.Article) bool {
	return a.GUID != "" || !a.Embargoed.IsZero() || Killed(a.PubStatus)
}

// Killed reports whether a publication status removes a story.
func Killed(status string) bool {
	return status == article.StatusCanceled || status == article.StatusWithheld
}

// newer orders versions newest first; equal ones by file name, so that
// the order never depends on the input's.
func newer(a, b *article.Article) int {
	if c := cmp.Compare(b.ItemVersion, a.ItemVersion); c != 0 {
		return c
	}
	if c := b.Updated.Compare(a.Updated); c != 0 {
		return c
	}
	return cmp.Compare(a.File, b.File)
}
