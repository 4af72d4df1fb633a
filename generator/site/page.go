package site

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// PageKind names a type of page; it is also the name of the layout that
// renders it.
type PageKind string

// The page kinds of a site.
const (
	HomePage          PageKind = "home"
	ArticlePage       PageKind = "article"
	CountriesPage     PageKind = "countries"
	OrganisationsPage PageKind = "organisations"
	EntityPage        PageKind = "entity"
	ArchivePage       PageKind = "archive"
	NotFoundPage      PageKind = "404"
	DigestsPage       PageKind = "digests"
	DigestPage        PageKind = "digest"
	// FeedsPage lists every feed of the site.
	FeedsPage PageKind = "feeds"
	// RegionsPage lists the regions; RegionPage, RelationPage and
	// TagPage are a List's front page and month pages (see list.go).
	RegionsPage  PageKind = "regions"
	RegionPage   PageKind = "region"
	RelationPage PageKind = "relation"
	TagPage      PageKind = "tag"
	// SearchPage is the search page: its layout holds the form and the
	// script that queries the search index (package search).
	SearchPage PageKind = "search"
)

// SearchPath is the URL path of the search page.
const SearchPath = "/search/"

// FeedsPath is the URL path of the page that lists every feed.
const FeedsPath = "/feeds/"

// Page is one page to render. Exactly the fields its kind needs are set.
type Page struct {
	Kind  PageKind
	Title string
	// Path is the URL path from the site root: "/", "/countries/china/",
	// "/404.html".
	Path    string
	Site    *Site
	Article *Article
	Entity  *Entity
	// Latest are the newest articles, on the home page and an entity's
	// front page.
	Latest []*Article
	// Archive lists every year with articles, newest first, each with its
	// months and their counts but not their articles. It is set on the
	// archive page and on each year's page, which also has Year.
	Archive []Year
	// Year is the year an archive year page lists, with its months.
	Year *Year
	// Month is the month a month page lists: one month of the archive
	// ("/archive/2024/08/") or of an entity ("/countries/laos/2024/08/").
	// Its content changes only when a story of that month is added,
	// edited or removed, so that its URL can be cited.
	Month *MonthPage
	// Months lists every month of an entity's stories with counts, newest
	// first, on the entity's front page.
	Months []MonthCount
	// Digest is the digest of a DigestPage; Digests lists every digest,
	// newest first, on the DigestsPage.
	Digest  *Digest
	Digests []*Digest
	// List is the region, relation or tag of its front page and month
	// pages.
	List *List
	// file is File's, when made with Path.
	file string
}

// File returns the output file of the page, relative to the output folder,
// with forward slashes: pretty URLs end in index.html.
func (p *Page) File() string {
	if p.file != "" {
		return p.file
	}
	return FileOf(p.Path)
}

// FileOf maps a URL path to the output file that serves it.
func FileOf(path string) string {
	f := strings.TrimPrefix(path, "/")
	if f == "" || strings.HasSuffix(f, "/") {
		f += "index.html"
	}
	return f
}

// ArchivePath is the URL path of the archive; each year's page lives
// below it: "/archive/2024/".
const ArchivePath = "/archive/"

// Year groups an archive by year.
type Year struct {
	Year int
	// Path is the URL path of the year's page.
	Path string
	// Count is the number of articles in the year.
	Count  int
	Months []Month
}

// Month groups an archive year by month.
type Month struct {
	Month time.Month
	// Anchor identifies the month on its year's page: "m07".
	Anchor string
	// Path is the URL path of the month's page: "/archive/2024/07/".
	Path  string
	Count int
	// Articles are the month's articles, newest first, on the year's
	// page only.
	Articles []*Article
}

// MonthPage is one month of a list of stories.
type MonthPage struct {
	Year  int
	Month time.Month
	// Label reads "August 2024".
	Label string
	// Articles are the month's stories, newest first.
	Articles []*Article
	// Older and Newer link the nearest months with stories, nil at the
	// ends.
	Older, Newer *MonthLink
	// Front is the URL path of the list's front page: the archive or the
	// entity.
	Front string
}

// MonthLink links a month page.
type MonthLink struct {
	Label, Path string
}

// MonthCount is a month of a list, with its number of stories.
type MonthCount struct {
	Year  int
	Month time.Month
	Label string
	Path  string
	Count int
}

// MonthPath is the URL path of a month page below a list's path:
// "/countries/laos/" and July 2024 give "/countries/laos/2024/07/".
func MonthPath(list string, year int, month time.Month) string {
	path, _ := monthPathFile(list, year, month, "")
	return path
}

// monthPathFile returns MonthPath and, with index "index.html", the month
// page's file (see FileOf), as one string: a build makes one for every
// month of every list, hundreds of thousands on a large site.
func monthPathFile(list string, year int, month time.Month, index string) (path, file string) {
	var b strings.Builder
	b.Grow(len(list) + 8 + len(index))
	b.WriteString(list)
	var digits [20]byte
	for _, f := range [...]struct{ n, width int }{{year, 4}, {int(month), 2}} {
		// As pad writes them, without its string.
		n, width := f.n, f.width
		if n < 0 {
			b.WriteByte('-')
			n, width = -n, width-1
		}
		d := strconv.AppendInt(digits[:0], int64(n), 10)
		for range width - len(d) {
			b.WriteByte('0')
		}
		b.Write(d)
		b.WriteByte('/')
	}
	n := b.Len()
	b.WriteString(index)
	full := b.String()
	return full[:n], strings.TrimPrefix(full, "/")
}

// monthLabel reads "August 2024".
func monthLabel(year int, month time.Month) string {
	return month.String() + " " + strconv.Itoa(year)
}

// monthLabels hands out each month's label once for all the lists of a
// build: a site of 100,000 stories has hundreds of thousands of month
// pages, but few months.
type monthLabels map[int]string

func (l monthLabels) of(year int, month time.Month) string {
	k := year*16 + int(month)
	s, ok := l[k]
	if !ok {
		s = monthLabel(year, month)
		l[k] = s
	}
	return s
}

// months splits articles, newest first with each month's together (see
// byMonth), into month pages below list, with links between neighbours and
// a count of each. A month page's Path is its count's.
func months(articles []*Article, list string, labels monthLabels) ([]*MonthPage, []MonthCount, []string) {
	// A month's articles are a run of the list, whose end is found by a
	// galloping search rather than by reading every article: a story is
	// in a dozen lists, and at 100,000 stories reading each of them in
	// every list, on every build, is a cache miss apiece.
	var ends []int
	for start := 0; start < len(articles); {
		end := runEnd(articles, start)
		ends = append(ends, end)
		start = end
	}
	n := len(ends)
	if n == 0 {
		return nil, nil, nil
	}
	store := make([]MonthPage, n)
	pages := make([]*MonthPage, n)
	counts := make([]MonthCount, n)
	links := make([]MonthLink, n)
	files := make([]string, n)
	start := 0
	for k, end := range ends {
		y, m := articles[start].year, articles[start].month
		label := labels.of(y, m)
		// The page shares the list's run, capped so that nothing appends
		// into the next month's.
		store[k] = MonthPage{Year: y, Month: m, Label: label, Front: list, Articles: articles[start:end:end]}
		path, file := monthPathFile(list, y, m, "index.html")
		counts[k] = MonthCount{Year: y, Month: m, Label: label, Path: path, Count: end - start}
		files[k] = file
		links[k] = MonthLink{Label: label, Path: path}
		start = end
	}
	for i := range store {
		pg := &store[i]
		if i > 0 {
			pg.Newer = &links[i-1]
		}
		if i+1 < n {
			pg.Older = &links[i+1]
		}
		pages[i] = pg
	}
	return pages, counts, files
}

// runEnd returns the end of the run of articles[start]'s month, in a list
// whose months are together (see byMonth).
func runEnd(articles []*Article, start int) int {
	key := monthKey(articles[start])
	// Gallop to a bound past the run, then search between.
	lo, step := start, 1
	for lo+step < len(articles) && monthKey(articles[lo+step]) == key {
		lo += step
		step *= 2
	}
	hi := min(lo+step, len(articles))
	// articles[lo] is in the run; the run ends in (lo, hi].
	for lo+1 < hi {
		mid := int(uint(lo+hi) >> 1)
		if monthKey(articles[mid]) == key {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

// byMonth returns articles, a list of the site's newest first, with each
// month's together, newest month first and in the list's order within a
// month. A month goes by the date written in each article's own zone, as
// its URL does, and a list is ordered by instant: a story from Lima late
// on 31 July is a later instant than one from Kiribati early on 1 August.
// The list itself is returned when no article of the site is out of its
// month's order, as nearly always: any list of the site is then in order.
func (s *Site) byMonth(articles []*Article) []*Article {
	if !s.monthsOutOfOrder {
		return articles
	}
	out := slices.Clone(articles)
	slices.SortStableFunc(out, func(a, b *Article) int { return cmp.Compare(monthKey(b), monthKey(a)) })
	return out
}

// monthKey orders articles' months.
func monthKey(a *Article) int { return a.year*12 + int(a.month) }

// homeArticles is how many latest briefings the home page lists.
const homeArticles = 12

// Pages returns every page of the site in a stable order. The list is
// made once per Site; each call returns a fresh slice of the same pages.
func (s *Site) Pages() []*Page {
	s.pages.once.Do(func() { s.pages.list = s.makePages() })
	return slices.Clone(s.pages.list)
}

// pageCache holds the site's pages; Site is otherwise immutable.
type pageCache struct {
	once sync.Once
	list []*Page
}

func (s *Site) makePages() []*Page {
	years, index := s.archive()
	pages := []*Page{
		{Kind: HomePage, Path: "/", Title: s.Config.Title, Site: s,
			Latest: s.Articles[:min(homeArticles, len(s.Articles))]},
		{Kind: ArchivePage, Path: ArchivePath, Title: "Archive", Site: s, Archive: index},
	}
	// A page per year, so that an edit re-renders one year's list rather
	// than a list of every article.
	for i := range years {
		y := &years[i]
		pages = append(pages, &Page{Kind: ArchivePage, Path: y.Path, Title: fmt.Sprintf("Archive: %d", y.Year), Site: s, Archive: index, Year: y})
	}
	labels := monthLabels{}
	monthPages, monthCounts, files := months(s.byMonth(s.Articles), ArchivePath, labels)
	for i, m := range monthPages {
		pages = append(pages, &Page{Kind: ArchivePage, Path: monthCounts[i].Path, file: files[i], Title: "Archive: " + m.Label, Site: s, Month: m})
	}
	pages = append(pages,
		&Page{Kind: NotFoundPage, Path: "/404.html", Title: "Page not found", Site: s},
		&Page{Kind: CountriesPage, Path: s.CountriesPath, Title: "Countries", Site: s},
		&Page{Kind: OrganisationsPage, Path: s.OrganisationsPath, Title: "Organisations", Site: s},
	)
	// The configured period was validated with the config and an empty
	// filter cannot fail.
	digests, _ := s.Digests(PeriodKind(s.Config.Digests.Period), DigestFilter{})
	pages = append(pages, &Page{Kind: DigestsPage, Path: DigestsPath, Title: "Digests", Site: s, Digests: digests},
		&Page{Kind: FeedsPage, Path: FeedsPath, Title: "Feeds", Site: s})
	if s.Config.Search.Enabled {
		pages = append(pages, &Page{Kind: SearchPage, Path: SearchPath, Title: "Search", Site: s})
	}
	for _, d := range digests {
		pages = append(pages, &Page{Kind: DigestPage, Path: d.Path, Title: d.Title(), Site: s, Digest: d})
	}
	// Pages are allocated a list at a time: a large site has hundreds of
	// thousands, made again on every build.
	articlePages := make([]Page, len(s.Articles))
	for i, a := range s.Articles {
		articlePages[i] = Page{Kind: ArticlePage, Path: a.Path, Title: a.Parsed.Title, Site: s, Article: a}
		pages = append(pages, &articlePages[i])
	}
	for _, group := range [][]*Entity{s.Countries, s.Organisations} {
		for _, e := range group {
			// The front page shows the newest stories; every story also
			// lives on its month's page, which newer stories leave alone.
			latest := e.Articles[:min(s.Config.Paginate, len(e.Articles))]
			monthPages, counts, files := months(s.byMonth(e.Articles), e.Path, labels)
			own := make([]Page, 1+len(monthPages))
			own[0] = Page{Kind: EntityPage, Path: e.Path, Title: e.Name, Site: s, Entity: e, Latest: latest, Months: counts}
			for i, m := range monthPages {
				own[1+i] = Page{Kind: EntityPage, Path: counts[i].Path, file: files[i], Title: e.Name + ": " + m.Label, Site: s, Entity: e, Month: m}
			}
			for i := range own {
				pages = append(pages, &own[i])
			}
		}
	}
	return append(pages, s.listPages(labels)...)
}

// archive groups the articles, newest first, by year and month: years
// with their articles for the year pages, and the same years with counts
// only for the archive index.
func (s *Site) archive() (years, index []Year) {
	for _, a := range s.byMonth(s.Articles) {
		y, m := a.year, a.month
		if len(years) == 0 || years[len(years)-1].Year != y {
			years = append(years, Year{Year: y, Path: ArchivePath + strconv.Itoa(y) + "/"})
		}
		yr := &years[len(years)-1]
		yr.Count++
		if len(yr.Months) == 0 || yr.Months[len(yr.Months)-1].Month != m {
			yr.Months = append(yr.Months, Month{Month: m, Anchor: fmt.Sprintf("m%02d", int(m)), Path: MonthPath(ArchivePath, y, m)})
		}
		mo := &yr.Months[len(yr.Months)-1]
		mo.Count++
		mo.Articles = append(mo.Articles, a)
	}
	index = make([]Year, len(years))
	for i, y := range years {
		index[i] = y
		index[i].Months = make([]Month, len(y.Months))
		for j, m := range y.Months {
			m.Articles = nil
			index[i].Months[j] = m
		}
	}
	return years, index
}
