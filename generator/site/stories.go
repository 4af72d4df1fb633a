package site

import (
	"fmt"
	"hash/fnv"
	"runtime"
	"sync"
	"time"

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

// features returns the input's words and shingles, worked out once per
// placement, and so kept across builds by a Memo.
func (p *placement) storyFeatures(a *Article) *textsim.Features {
	p.featuresOnce.Do(func() { p.features = textsim.Extract(a.Title, a.Lede, string(a.Body)) })
	return p.features
}

// linkStories groups the articles into threads and picks each one's
// related stories.
func (s *Site) linkStories(placed []*placement) {
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
	for i, picked := range related.Pick(rel, ix, RelatedCount) {
		if len(picked) == 0 {
			continue
		}
		a := s.Articles[i]
		a.Related = make([]*Article, len(picked))
		for k, j := range picked {
			a.Related[k] = s.Articles[j]
		}
	}
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
