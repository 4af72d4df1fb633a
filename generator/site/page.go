package site

import (
	"strconv"
	"strings"
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
)

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
	Pager   *Pager
	Archive []Year
	// Digest is the digest of a DigestPage; Digests lists every digest,
	// newest first, on the DigestsPage.
	Digest  *Digest
	Digests []*Digest
}

// File returns the output file of the page, relative to the output folder,
// with forward slashes: pretty URLs end in index.html.
func (p *Page) File() string {
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

// Pager is one page of a paginated list.
type Pager struct {
	Number, Total int
	// Articles are the articles on this page.
	Articles []*Article
	// First is the index, from 0, of the page's first article in the list.
	First int
	// Prev and Next are URL paths, empty at the ends.
	Prev, Next string
	// Pages are the URL paths of every page, page 1 first.
	Pages []string
}

// Year groups an archive by year.
type Year struct {
	Year   int
	Months []Month
}

// Month groups an archive year by month.
type Month struct {
	Month    time.Month
	Articles []*Article
}

// homeArticles is how many latest briefings the home page lists.
const homeArticles = 12

// Pages returns every page of the site in a stable order.
func (s *Site) Pages() []*Page {
	pages := []*Page{
		{Kind: HomePage, Path: "/", Title: s.Config.Title, Site: s,
			Pager: &Pager{Number: 1, Total: 1, Articles: s.Articles[:min(homeArticles, len(s.Articles))], Pages: []string{"/"}}},
		{Kind: ArchivePage, Path: "/archive/", Title: "Archive", Site: s, Archive: s.archive()},
		{Kind: NotFoundPage, Path: "/404.html", Title: "Page not found", Site: s},
		{Kind: CountriesPage, Path: s.CountriesPath, Title: "Countries", Site: s},
		{Kind: OrganisationsPage, Path: s.OrganisationsPath, Title: "Organisations", Site: s},
	}
	// The configured period was validated with the config and an empty
	// filter cannot fail.
	digests, _ := s.Digests(PeriodKind(s.Config.Digests.Period), DigestFilter{})
	pages = append(pages, &Page{Kind: DigestsPage, Path: DigestsPath, Title: "Digests", Site: s, Digests: digests})
	for _, d := range digests {
		pages = append(pages, &Page{Kind: DigestPage, Path: d.Path, Title: d.Title(), Site: s, Digest: d})
	}
	for _, a := range s.Articles {
		pages = append(pages, &Page{Kind: ArticlePage, Path: a.Path, Title: a.Title, Site: s, Article: a})
	}
	for _, group := range [][]*Entity{s.Countries, s.Organisations} {
		for _, e := range group {
			for _, pg := range paginate(e.Articles, e.Path, s.Config.Paginate) {
				pages = append(pages, &Page{Kind: EntityPage, Path: pg.Pages[pg.Number-1], Title: e.Name, Site: s, Entity: e, Pager: pg})
			}
		}
	}
	return pages
}

// paginate splits articles into pages of size, the first at base and the
// others at base/page/N/.
func paginate(articles []*Article, base string, size int) []*Pager {
	total := max(1, (len(articles)+size-1)/size)
	paths := make([]string, total)
	paths[0] = base
	for i := 2; i <= total; i++ {
		paths[i-1] = base + "page/" + strconv.Itoa(i) + "/"
	}
	pagers := make([]*Pager, total)
	for i := range pagers {
		lo, hi := i*size, min((i+1)*size, len(articles))
		p := &Pager{Number: i + 1, Total: total, Articles: articles[lo:hi], First: lo, Pages: paths}
		if i > 0 {
			p.Prev = paths[i-1]
		}
		if i+1 < total {
			p.Next = paths[i+1]
		}
		pagers[i] = p
	}
	return pagers
}

// archive groups the articles, newest first, by year and month.
func (s *Site) archive() []Year {
	var years []Year
	for _, a := range s.Articles {
		y, m := a.Date.Year(), a.Date.Month()
		if len(years) == 0 || years[len(years)-1].Year != y {
			years = append(years, Year{Year: y})
		}
		yr := &years[len(years)-1]
		if len(yr.Months) == 0 || yr.Months[len(yr.Months)-1].Month != m {
			yr.Months = append(yr.Months, Month{Month: m})
		}
		mo := &yr.Months[len(yr.Months)-1]
		mo.Articles = append(mo.Articles, a)
	}
	return years
}
