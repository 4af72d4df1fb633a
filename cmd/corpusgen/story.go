package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Format names the input format of generated articles.
type format string

const (
	formatMarkdown format = "markdown"
	formatWire     format = "wire"
	formatMixed    format = "mixed" // each article picks one of the two
)

// blockKind tells the encoders how to write a body block.
type blockKind int

const (
	paragraph blockKind = iota
	heading             // Markdown only
	list                // Markdown only
)

type block struct {
	Kind  blockKind
	Text  string   // paragraph or heading text, or the sentence before a list
	Items []string // list items
}

// story is one generated article before it is encoded.
type story struct {
	Format        format
	Title         string
	Slug          string
	Source        string
	Dateline      string    // upper case, as wire copy writes it
	Published     time.Time // the article's date
	Filed         time.Time // the date in the dateline, the same day or the day before
	Countries     []string
	Organisations []string
	Body          []block
	Editors       []string
}

// person is an official quoted in a story.
type person struct {
	Office, First, Last string
}

// composer holds the state of one story while its text is drawn. Slots
// introduce a person or organisation in full the first time and shorten it
// afterwards, as wire copy does.
type composer struct {
	r         *rand.Rand
	countries []country
	orgs      []organisation
	people    [2]person
	topic     [2]string
	introOrg  []bool
	introPer  [2]bool
	mentioned []bool // countries named in the body so far
	inTitle   bool   // titles use short forms and mention nothing
	day       string // weekday of the dateline: "on Thursday"
}

// Size bounds of an encoded article. The target is drawn inside the bounds a
// test checks (3 to 6 KiB), leaving room for the last sentence and footer.
const (
	minTarget = 3400
	maxTarget = 5500
)

// newStory draws article i of the corpus for seed. Each article has its own
// generator so that article i is the same whatever N is.
func newStory(seed uint64, i int, f format) story {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	if f == formatMixed {
		f = formatMarkdown
		if r.IntN(2) == 0 {
			f = formatWire
		}
	}
	s := story{Format: f}
	// Dates from 2019 to 2025, so that archives and digests span years.
	start := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	s.Published = start.Add(time.Duration(r.Int64N(7*365*24*60)) * time.Minute)
	s.Filed = s.Published.AddDate(0, 0, -r.IntN(2))
	c := &composer{r: r, day: s.Filed.Weekday().String()}
	c.countries = pickCountries(r, weighted(r, []int{20, 50, 20, 10})+1)
	c.orgs = pickOrganisations(r, weighted(r, []int{30, 45, 18, 7}))
	c.introOrg = make([]bool, len(c.orgs))
	c.mentioned = make([]bool, len(c.countries))
	c.topic[0] = topics[r.IntN(len(topics))]
	for c.topic[1] = c.topic[0]; c.topic[1] == c.topic[0]; {
		c.topic[1] = topics[r.IntN(len(topics))]
	}
	for k := range c.people {
		c.people[k] = person{
			Office: offices[r.IntN(len(offices))],
			First:  firstNames[r.IntN(len(firstNames))],
			Last:   lastNames[r.IntN(len(lastNames))],
		}
	}
	for c.people[1].Last == c.people[0].Last {
		c.people[1].Last = lastNames[r.IntN(len(lastNames))]
	}

	s.Source = pickSource(r)
	city := c.countries[0].Capital
	if len(c.countries) > 1 && r.IntN(6) == 0 {
		city = c.countries[1].Capital
	}
	if len(c.orgs) > 0 && strings.HasPrefix(c.orgs[0].Acronym, "UN") && r.IntN(2) == 0 {
		city = "United Nations"
	}
	s.Dateline = strings.ToUpper(city)
	for _, k := range c.countries {
		s.Countries = append(s.Countries, k.Name)
	}
	for _, o := range c.orgs {
		s.Organisations = append(s.Organisations, o.Acronym)
	}
	s.Editors = []string{editors[r.IntN(len(editors))], editors[r.IntN(len(editors))]}

	c.inTitle = true
	s.Title = c.sentence(pick(r, c.usable(titleTemplates[:])))
	c.inTitle = false

	target := minTarget + r.IntN(maxTarget-minTarget)
	size := 300 + len(s.Title) + 12*len(s.Countries) + 8*len(s.Organisations) // header
	add := func(b block) {
		s.Body = append(s.Body, b)
		size += len(b.Text) + 2
		for _, it := range b.Items {
			size += len(it) + 3
		}
	}
	add(block{Text: c.sentence(pick(r, c.usable(ledeTemplates[:])))})

	pool := c.usable(sentenceTemplates[:])
	r.Shuffle(len(pool), func(a, b int) { pool[a], pool[b] = pool[b], pool[a] })
	headAt, listAt := -1, -1
	if f == formatMarkdown {
		if r.IntN(4) == 0 {
			headAt = 3 + r.IntN(3)
		}
		if r.IntN(6) == 0 {
			listAt = 2 + r.IntN(4)
		}
	}
	// Fill to just short of the target, name what the body has not named yet,
	// then fill to the target.
	const reserve = 260
	named := false
	for next := 0; size < target; {
		if !named && size >= target-reserve {
			named = true
			if rest := c.unmentioned(); rest != "" {
				t := othersTemplates[r.IntN(len(othersTemplates))]
				add(block{Text: capFirst(strings.Replace(t, "{others}", rest, 1))})
			}
			continue
		}
		n := len(s.Body)
		switch {
		case n == headAt:
			add(block{Kind: heading, Text: subheadings[r.IntN(len(subheadings))]})
			continue
		case n == listAt:
			add(block{Kind: list, Text: c.sentence("The documents signed on {day} cover:"), Items: []string{
				"cooperation on " + c.topic[0],
				"joint projects in " + c.topic[1],
				"exchanges on " + topics[r.IntN(len(topics))],
			}})
			continue
		}
		// Wire paragraphs are one or two sentences; Markdown ones run longer.
		k := 1 + r.IntN(2)
		if f == formatMarkdown {
			k = 1 + r.IntN(3)
		}
		var p strings.Builder
		for j := 0; j < k && size+p.Len() < target; j++ {
			if next == len(pool) {
				next = 0
			}
			if j > 0 {
				p.WriteByte(' ')
			}
			p.WriteString(c.sentence(pool[next]))
			next++
		}
		add(block{Text: p.String()})
	}
	if rest := c.unmentioned(); rest != "" {
		t := othersTemplates[r.IntN(len(othersTemplates))]
		add(block{Text: capFirst(strings.Replace(t, "{others}", rest, 1))})
	}
	return s
}

// usable returns the templates whose slots the story can fill.
func (c *composer) usable(ts []string) []string {
	var out []string
	for _, t := range ts {
		needsB := strings.Contains(t, "{B") || strings.Contains(t, "B}")
		if needsB && len(c.countries) < 2 {
			continue
		}
		needsO := strings.Contains(t, "{O}") || strings.Contains(t, "{theO}")
		if needsO && len(c.orgs) == 0 {
			continue
		}
		out = append(out, t)
	}
	return out
}

// unmentioned lists the story's countries and organisations the body has
// not named yet, as a phrase: "Kenya, the Philippines and the African Union
// (AU)".
func (c *composer) unmentioned() string {
	var names []string
	for k, m := range c.mentioned {
		if !m {
			names = append(names, c.countries[k].ref())
			c.mentioned[k] = true
		}
	}
	for k, done := range c.introOrg {
		if !done {
			names = append(names, "the "+c.org(k))
			c.introOrg[k] = true
		}
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// sentence fills the slots of template t and capitalises the result.
func (c *composer) sentence(t string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			break
		}
		j := strings.IndexByte(t[i:], '}')
		b.WriteString(t[:i])
		b.WriteString(c.slot(t[i+1 : i+j]))
		t = t[i+j+1:]
	}
	return capFirst(b.String())
}

// slot returns the text for one template slot. Slots ending in A or B refer
// to the story's first and second country.
func (c *composer) slot(name string) string {
	r := c.r
	switch name {
	case "T":
		return c.topic[0]
	case "T2":
		return c.topic[1]
	case "O":
		return c.org(0)
	case "theO":
		if c.orgs[0].Bare && c.introOrg[0] {
			return c.org(0)
		}
		return "the " + c.org(0)
	case "day":
		return c.day
	case "num":
		return fmt.Sprint(2 + r.IntN(28))
	case "bn":
		return fmt.Sprintf("%d.%d billion", 1+r.IntN(90), r.IntN(10))
	case "pct":
		return fmt.Sprintf("%d.%d", 1+r.IntN(30), r.IntN(10))
	case "year":
		return fmt.Sprint(2025 + r.IntN(6))
	case "pyear":
		return fmt.Sprint(1990 + r.IntN(30))
	case "ord":
		return ordinals[r.IntN(len(ordinals))]
	}
	k := 0
	if strings.ContainsRune(name, 'B') {
		k = 1
	}
	ct := c.countries[k]
	switch name {
	case "A", "B":
		if !c.inTitle {
			c.mentioned[k] = true
		}
		return ct.ref()
	case "An", "Bn":
		if !c.inTitle {
			c.mentioned[k] = true
		}
		return ct.Name
	case "Adem", "Bdem":
		return ct.Demonym
	case "capA", "capB":
		return ct.Capital
	case "pA", "pB", "surA", "surB":
		p := c.people[k]
		if c.inTitle || c.introPer[k] {
			return p.Last
		}
		c.introPer[k] = true
		return ct.Demonym + " " + p.Office + " " + p.First + " " + p.Last
	}
	panic("corpusgen: unknown template slot {" + name + "}")
}

// org names organisation k, in full with its acronym the first time.
func (c *composer) org(k int) string {
	o := c.orgs[k]
	if c.inTitle || c.introOrg[k] || o.Name == o.Acronym {
		return o.Acronym
	}
	c.introOrg[k] = true
	return o.Name + " (" + o.Acronym + ")"
}

func pickCountries(r *rand.Rand, n int) []country {
	var out []country
	for len(out) < n {
		var c country
		if r.IntN(100) < 45 {
			c = countryNamed(majorCountries[r.IntN(len(majorCountries))])
		} else {
			c = countries[r.IntN(len(countries))]
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func pickOrganisations(r *rand.Rand, n int) []organisation {
	var out []organisation
	for len(out) < n {
		var o organisation
		if r.IntN(100) < 50 {
			o = organisationNamed(majorOrganisations[r.IntN(len(majorOrganisations))])
		} else {
			o = organisations[r.IntN(len(organisations))]
		}
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}

func countryNamed(name string) country {
	for _, c := range countries {
		if c.Name == name {
			return c
		}
	}
	panic("corpusgen: no country " + name)
}

func organisationNamed(acronym string) organisation {
	for _, o := range organisations {
		if o.Acronym == acronym {
			return o
		}
	}
	panic("corpusgen: no organisation " + acronym)
}

func pickSource(r *rand.Rand) string {
	w := make([]int, len(sources))
	for i, s := range sources {
		w[i] = s.Weight
	}
	return sources[weighted(r, w)].Name
}

// weighted returns an index into weights, drawn in proportion to them.
func weighted(r *rand.Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

func pick(r *rand.Rand, ts []string) string { return ts[r.IntN(len(ts))] }

// capFirst upper-cases the first letter, for sentences that open with a
// slot such as "the Philippines".
func capFirst(s string) string {
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}
