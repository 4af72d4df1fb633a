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
}

// storyFeatures returns the input's words and shingles: the Input's, or
// worked out once per placement, and so kept across builds by a Memo.
func (p *placement) storyFeatures(a *Article) *textsim.Features {
	p.featuresOnce.Do(func() {
		if p.features == nil {
			p.features = StoryFeatures(a.Article)
		}
	})
	return p.features
}

// StoryFeatures returns what threads and related stories compare of an
// article (see Input.Features).
func StoryFeatures(a *article.Article) *textsim.Features {
	return textsim.Extract(a.Title, a.Lede, string(a.Body))
}

// linkStories groups the articles into threads and picks each one's
// related stories. With a memo, it picks related stories only for the
// articles whose span of time changed since the last build (see dirty),
// and keeps the others' lists.
func (s *Site) linkStories(placed []*placement, memo *memoRun) {
	n := len(s.Articles)
	if n == 0 {
		return
	}
	feats := make([]*textsim.Features, n)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				feats[i] = placed[i].storyFeatures(s.Articles[i])
			}
		}()
	}
	wg.Wait()
	times := make([]int64, n)
	stories := make([]thread.Story, n)
	for i, a := range s.Articles {
		times[i] = a.Date.Unix()
		stories[i] = thread.Story{Time: a.Date, Subjects: mainSubjects(a), Features: feats[i]}
	}
	// Weights count the stories up to a day after each story, so that a
	// new story changes the weights of its last day's stories only.
	vectors := textsim.Weigh(feats, times, int64(weighHorizon/time.Second))
	ix := textsim.NewIndex(vectors, times)
	roots := thread.Group(stories, vectors, ix)

	members := map[int][]*Article{}
	for _, i := range oldestFirst(s.Articles) {
		members[roots[i]] = append(members[roots[i]], s.Articles[i])
	}
	threads := map[int]*Thread{}
	for r, as := range members {
		if len(as) > 1 {
			threads[r] = &Thread{ID: threadID(s.Articles[r].Path), Articles: as}
		}
	}
	rel := make([]related.Story, n)
	for i, a := range s.Articles {
		a.Thread = threads[roots[i]]
		rel[i] = related.Story{Time: a.Date, Subjects: stories[i].Subjects, Thread: roots[i]}
	}
	kept := s.keptLinks(memo, roots)
	picked := related.Pick(rel, ix, RelatedCount, func(i int) bool { return kept[i] == nil })
	for i, a := range s.Articles {
		list := picked[i]
		if kept[i] != nil {
			list = kept[i]
		}
		if len(list) > 0 {
			a.Related = make([]*Article, len(list))
			for k, j := range list {
				a.Related[k] = s.Articles[j]
			}
		}
	}
	s.rememberLinks(memo, roots)
}

// linkMemo is what a build remembers of an article's links, by file
// version, for the next: its time, its thread's first story and its
// related stories.
type linkMemo struct {
	time    int64
	root    uint64
	related []uint64
}

// keptLinks returns the related lists, by index, that the last build's
// hold unchanged. An article's list depends on the stories filed from
// Before before it to After after it, on their main subjects and threads,
// and on their word weights, which count every story up to a day after
// each: so a change — a story added, removed or edited, or one that
// changed thread — can change the lists of the stories from After and a
// day before it onwards, and no others. A new story, the newest, leaves
// all but its last few days' lists as they were; an edit of an old story
// has every later list worked out again. The others are nil.
func (s *Site) keptLinks(memo *memoRun, roots []int) [][]int {
	kept := make([][]int, len(s.Articles))
	if memo == nil || memo.oldLinks == nil {
		return kept
	}
	byVersion := make(map[uint64]int, len(s.Articles))
	for i, a := range s.Articles {
		if a.Version == 0 {
			return kept
		}
		if _, dup := byVersion[a.Version]; dup {
			return kept
		}
		byVersion[a.Version] = i
	}
	// The times of every change.
	var changes []int64
	for v, old := range memo.oldLinks {
		if _, ok := byVersion[v]; !ok {
			changes = append(changes, old.time)
		}
	}
	for i, a := range s.Articles {
		old, ok := memo.oldLinks[a.Version]
		if !ok || old.root != s.Articles[roots[i]].Version {
			changes = append(changes, a.Date.Unix())
		}
	}
	if len(changes) == 0 {
		changes = append(changes, math.MaxInt64)
	}
	from := slices.Min(changes) - int64((related.After+weighHorizon)/time.Second)
	for i, a := range s.Articles {
		if a.Date.Unix() >= from {
			continue
		}
		old := memo.oldLinks[a.Version]
		list := make([]int, 0, len(old.related))
		for _, v := range old.related {
			j, ok := byVersion[v]
			if !ok {
				list = nil
				break
			}
			list = append(list, j)
		}
		if list != nil {
			kept[i] = list
		}
	}
	return kept
}

// rememberLinks keeps this build's links for the next.
func (s *Site) rememberLinks(memo *memoRun, roots []int) {
	if memo == nil {
		return
	}
	next := make(map[uint64]linkMemo, len(s.Articles))
	for i, a := range s.Articles {
		if a.Version == 0 {
			return
		}
		m := linkMemo{time: a.Date.Unix(), root: s.Articles[roots[i]].Version}
		for _, r := range a.Related {
			m.related = append(m.related, r.Version)
		}
		next[a.Version] = m
	}
	memo.nextLinks = next
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
