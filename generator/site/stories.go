package site

import (
	"fmt"
	"hash/fnv"
	"math"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/attache/attache/generator/article"
	"github.com/attache/attache/generator/related"
	"github.com/attache/attache/generator/textsim"
	"github.com/attache/attache/generator/thread"
)

// weighHorizon is how far past a story the stories its word weights count
// reach (textsim.Weigh).
const weighHorizon = 24 * time.Hour

// RelatedCount is the number of related stories an article shows.
const RelatedCount = 5

// Thread is a group of stories about one event: one agency's successive
// versions and other agencies' reports of it.
type Thread struct {
	// ID names the thread from its oldest story's URL path, so that a
	// newer report joining it never renames it.
	ID string
	// Articles are the thread's stories, oldest first.
	Articles []*Article
	keyOnce  sync.Once
	key      uint64
}

// Key identifies the thread by its ID and its stories' keys (see
// Article.Key), worked out once however many of its stories ask.
func (t *Thread) Key() uint64 {
	t.keyOnce.Do(func() {
		var h sig
		h.Str(t.ID)
		h.int(len(t.Articles))
		for _, a := range t.Articles {
			h.U64(a.sigKey)
		}
		t.key = h.Sum()
	})
	return t.key
}

// storyFeatures returns the input's words and shingles: the Input's, or
// worked out once per placement, and so kept across builds by a Memo.
func (p *placement) storyFeatures(a *Article) *textsim.Features {
	p.featuresOnce.Do(func() {
		if p.features == nil {
			p.features = StoryFeatures(a.Parsed)
		}
	})
	return p.features
}

// StoryFeatures returns what threads and related stories compare of an
// article (see Input.Features).
func StoryFeatures(a *article.Article) *textsim.Features {
	// The build cache keeps the features of every body it does not hold,
	// so a body read here is one a parser holds, which cannot fail.
	body, _ := a.Body.HTML()
	return textsim.Extract(a.Title, a.Lede, string(body))
}

// linkStories groups the articles into threads and picks each one's
// related stories. With a memo, it works out again only what the changes
// since the last build can reach, and keeps the rest (see linkState.span).
func (s *Site) linkStories(placed []*placement, memo *memoRun) {
	n := len(s.Articles)
	// Story k, in time order, is s.Articles[n-1-k]: the state is kept
	// oldest first, so that what a build keeps of it is a prefix.
	versions, seconds := make([]uint64, n), make([]int64, n)
	for k := range n {
		a := s.Articles[n-1-k]
		versions[k], seconds[k] = a.Version, a.Date.Unix()
	}
	feats := func(k int) *textsim.Features { return placed[n-1-k].storyFeatures(s.Articles[n-1-k]) }
	var old *linkState
	switch {
	case memo == nil:
	case memo.oldLinks != nil:
		old = memo.oldLinks
	case memo.saved != nil:
		old = memo.saved.state(versions, feats)
	}
	if old == nil {
		old = &linkState{counts: textsim.NewCounts(n)}
	}
	next := &linkState{versions: versions, times: seconds, counts: old.counts}
	sp := old.span(next.versions, next.times)

	// Words: the counts lose the stories that are not the same, and
	// only those get their words.
	for k := sp.same; k < len(old.feats); k++ {
		next.counts.Remove(old.feats[k])
	}
	next.feats = append(old.feats[:sp.same], make([]*textsim.Features, n-sp.same)...)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := sp.same + w; k < n; k += workers {
				next.feats[k] = feats(k)
			}
		}()
	}
	wg.Wait()
	next.vectors = append(old.vectors[:sp.weigh],
		next.counts.WeighFrom(next.feats, next.times, int64(weighHorizon/time.Second), sp.weigh)...)

	// Threads and related lists are worked out over the stories from
	// sp.index on: the newest m, site indexes 0 to m-1, which the index
	// and the stories below use, so that they compare and break ties as
	// over the whole site.
	m := n - sp.index
	vectors := make([]textsim.Vector, m)
	times := make([]int64, m)
	stories := make([]thread.Story, m)
	for i := range m {
		k := n - 1 - i
		vectors[i], times[i] = next.vectors[k], next.times[k]
		stories[i] = thread.Story{Time: s.Articles[i].Date, Subjects: mainSubjects(s.Articles[i]), Features: next.feats[k]}
	}
	ix := textsim.NewIndex(vectors, times)
	// Threads from sp.group on; older stories keep theirs.
	roots := make([]int32, n-sp.group)
	if sp.group < n {
		grouped := thread.GroupSince(stories, vectors, ix, s.Articles[n-1-sp.group].Date)
		for k := sp.group; k < n; k++ {
			roots[k-sp.group] = int32(n - 1 - grouped[n-1-k])
		}
	}
	// A story whose thread changed changes the related lists around it
	// as a changed story does.
	changed := sp.changed
	for k := sp.group; k < sp.same; k++ {
		if old.versions[old.roots[k]] != next.versions[roots[k-sp.group]] {
			changed = min(changed, next.times[k])
			break
		}
	}
	next.roots = append(old.roots[:sp.group], roots...)
	pick := sp.pickFrom(changed, next.times)
	rel := make([]related.Story, m)
	for i := range m {
		rel[i] = related.Story{Time: s.Articles[i].Date, Subjects: stories[i].Subjects, Thread: n - 1 - int(next.roots[n-1-i])}
	}
	picked := related.Pick(rel, ix, RelatedCount, func(i int) bool { return n-1-i >= pick })
	next.related = old.related[:pick]
	for k := pick; k < n; k++ {
		var list []int32
		for _, j := range picked[n-1-k] {
			list = append(list, int32(n-1-j))
		}
		next.related = append(next.related, list)
	}
	s.setLinks(next)
	if memo != nil {
		memo.nextLinks = next
	}
}

// setLinks gives the articles their threads and related stories.
func (s *Site) setLinks(st *linkState) {
	n := len(s.Articles)
	root := func(i int) int { return n - 1 - int(st.roots[n-1-i]) }
	size := make([]int32, n)
	for i := range n {
		size[root(i)]++
	}
	threads := make([]*Thread, n)
	for _, i := range oldestFirst(s.Articles) {
		r := root(i)
		if size[r] < 2 {
			continue
		}
		t := threads[r]
		if t == nil {
			t = &Thread{ID: threadID(s.Articles[r].Path), Articles: make([]*Article, 0, size[r])}
			threads[r] = t
		}
		t.Articles = append(t.Articles, s.Articles[i])
		s.Articles[i].Thread = t
	}
	for i, a := range s.Articles {
		if list := st.related[n-1-i]; len(list) > 0 {
			a.Related = make([]*Article, len(list))
			for k, j := range list {
				a.Related[k] = s.Articles[n-1-int(j)]
			}
		}
	}
}

// linkState is what a build keeps of its threads and related stories for
// the next, with a Memo: per story, oldest first (by file name descending
// among stories of one time, the reverse of the site's order), its file
// version, time, words, weights, thread's first story and related stories
// (by place in this order), and the word counts of all.
type linkState struct {
	versions []uint64
	times    []int64
	feats    []*textsim.Features
	vectors  []textsim.Vector
	roots    []int32
	related  [][]int32
	counts   *textsim.Counts
}

// linkSpan says which stories, in time order, a build keeps from the
// last: the first same keep their place and file version; the first weigh
// their weights; the first group their threads; the index of words
// starts at index. changed is the earliest time a change can be at.
type linkSpan struct {
	same, weigh, group, index int
	changed                   int64
}

// span works out what a build keeps from the last, whose state is st,
// for stories of the given versions and times, oldest first. One rule
// gives all: a change — a story added, removed or edited — at time c
// changes the weights of the stories up to weighHorizon before c (they
// count the stories up to a day after them), so the threads of stories up
// to thread.Window before those (which compare a story with the next two
// days'), so the related lists of stories up to related.After before any
// story whose weights or thread changed. Everything older is as the last
// build had it. A new story, the newest, costs its last few days.
func (st *linkState) span(versions []uint64, times []int64) linkSpan {
	n := len(versions)
	var sp linkSpan
	// The stories both builds hold in the same places, oldest first: a
	// story not among them is a change (a version 0 is unknown).
	for sp.same < n && sp.same < len(st.versions) && versions[sp.same] != 0 && versions[sp.same] == st.versions[sp.same] {
		sp.same++
	}
	// Every change is at or after the earlier time at the first place
	// the builds differ.
	sp.changed = math.MaxInt64
	if sp.same < n {
		sp.changed = times[sp.same]
	}
	if sp.same < len(st.times) {
		sp.changed = min(sp.changed, st.times[sp.same])
	}
	horizon := int64(weighHorizon / time.Second)
	sp.weigh = atOrAfter(times[:sp.same], sp.changed-horizon)
	// The stories grouped again: those whose pairs of stories may have
	// changed, and back to where no thread of the last build crosses
	// from older stories (so that the older keep theirs) at a change of
	// time (so that the index holds every story of a time).
	g := atOrAfter(times[:sp.weigh], sp.changed-horizon-int64(thread.Window/time.Second))
	k := len(st.roots)
	for {
		for g > 0 && g < n && times[g-1] == times[g] {
			g--
		}
		for k > g {
			k--
			g = min(g, int(st.roots[k]))
		}
		if g == 0 || g >= n || times[g-1] < times[g] {
			break
		}
	}
	sp.group = g
	// The index holds what the related lists from the earliest possible
	// change (a thread changed from sp.group on) read.
	earliest := sp.changed
	if g < n {
		earliest = min(earliest, times[g])
	}
	sp.index = min(g, sp.spanStart(sp.pickFrom(earliest, times), times))
	return sp
}

// pickFrom returns the first story, in time order, whose related list a
// change at the given time can reach.
func (linkSpan) pickFrom(changed int64, times []int64) int {
	return atOrAfter(times, changed-int64((related.After+weighHorizon)/time.Second))
}

// spanStart returns the first story the related lists of the stories
// from the k-th on read: related.Before before it, or at most
// related.MostBefore stories, at a change of time.
func (linkSpan) spanStart(k int, times []int64) int {
	if k >= len(times) {
		return len(times)
	}
	return atOrAfter(times, max(times[k]-int64(related.Before/time.Second), times[max(0, k-related.MostBefore)]))
}

// atOrAfter returns the first of times, which ascend, at or after t.
func atOrAfter(times []int64, t int64) int {
	i, _ := slices.BinarySearch(times, t)
	return i
}

// mainSubjects number the article's main-subject entities (by their
// place among the site's, which relate sets).
func mainSubjects(a *Article) []int32 {
	var out []int32
	for _, refs := range [][]Ref{a.Countries, a.Organisations} {
		for _, r := range refs {
			if r.Primary {
				out = append(out, int32(r.Entity.index))
			}
		}
	}
	return out
}

func threadID(path string) string {
	h := fnv.New64a()
	h.Write([]byte(path))
	return fmt.Sprintf("t%012x", h.Sum64()>>16)
}
