package detect

import (
	"math"
	"strings"
)

// mention is one match before ambiguity is resolved.
type mention struct {
	field      Field
	start, end int // bytes in the field
	text       string
	targets    []target
	dateline   bool // part of a dateline (field Dateline or its copy at the start of the lede)
	chosen     int  // index into targets after resolution; -1 when dropped
}

// scan is the state of one Detect call.
type scan struct {
	d        *Detector
	toks     []token
	buf      []byte
	mentions []mention
	words    map[string]bool // lower-case words of the article, filled on demand
	texts    [4]string
}

func (s *scan) key(t *token) string { return string(s.buf[t.k0:t.k1]) }

// field matches the aliases in one field's text.
func (s *scan) field(f Field, text string, ledeDateline bool) {
	s.texts[f] = text
	if text == "" {
		return
	}
	s.toks, s.buf = tokenize(text, s.toks, s.buf[:0])
	toks := s.toks
	titleCase := isTitleCase(toks, text)
	dateEnd := -1
	if f == Dateline {
		dateEnd = len(toks)
	} else if ledeDateline {
		dateEnd = ledeDatelineEnd(toks)
	}
	first := len(s.mentions)
	for i := 0; i < len(toks); i++ {
		tk := &toks[i]
		if !tk.cap {
			continue
		}
		n := s.d.root.next[string(s.buf[tk.k0:tk.k1])]
		if n == nil {
			continue
		}
		var best []target
		bestEnd := -1
		for j := i; ; {
			if len(n.terms) > 0 {
				if ts := s.satisfied(n, toks, text, i, j+1); ts != nil {
					best, bestEnd = ts, j+1
				}
			}
			if n.next == nil || j+1 >= len(toks) {
				break
			}
			nt := &toks[j+1]
			if nt.sep != ' ' && nt.sep != '-' {
				break
			}
			n = n.next[string(s.buf[nt.k0:nt.k1])]
			if n == nil {
				break
			}
			j++
		}
		if bestEnd < 0 {
			continue
		}
		m := mention{field: f, start: tk.start, end: toks[bestEnd-1].end, targets: best, dateline: i < dateEnd}
		m.text = text[m.start:m.end]
		if s.keep(&m, toks, i, bestEnd, titleCase) {
			s.mentions = append(s.mentions, m)
		}
		i = bestEnd - 1
	}
	s.pairs(first, toks, text)
}

// satisfied returns the readings of the terms at n that the case of
// toks[i:j] allows, or nil.
func (s *scan) satisfied(n *node, toks []token, text string, i, j int) []target {
	var out []target
	last := &toks[j-1]
	for _, tm := range n.terms {
		ok := true
		for k := 0; k < tm.n && ok; k++ {
			tk := &toks[i+k]
			ok = satisfies(tk, text[tk.start:tk.end], tm.reqs[k], tm.exact[k])
		}
		if !ok {
			continue
		}
		for _, t := range tm.targets {
			switch {
			case t.kind == kCombining && !last.hyphenNext:
				continue
			case last.dollarNext && t.kind != kStop:
				continue // "US$", "HK$": a currency
			case t.word && shouting(toks, i):
				continue
			}
			out = append(out, t)
		}
	}
	return out
}

// shouting reports whether toks[i] is in all-caps text, where acronyms
// that are English words ("WHO", "US") cannot be told from the words.
func shouting(toks []token, i int) bool {
	n := 0
	for _, k := range [2]int{i - 1, i + 1} {
		if k < 0 || k >= len(toks) {
			continue
		}
		if toks[k].upper || toks[k].end-toks[k].start == 1 && toks[k].cap {
			n++
		} else {
			return false
		}
	}
	return n > 0
}

// isTitleCase reports whether most longer words are capitalised, as in
// headline style, where a capitalised neighbour says nothing.
func isTitleCase(toks []token, text string) bool {
	words, caps := 0, 0
	for i := range toks {
		if toks[i].end-toks[i].start < 4 {
			continue
		}
		words++
		if toks[i].cap {
			caps++
		}
	}
	return words >= 3 && caps*10 >= words*7
}

// ledeDatelineEnd returns the number of leading all-caps words of a lede
// that start with a dateline ("VIENTIANE, July 25 (Xinhua) --").
func ledeDatelineEnd(toks []token) int {
	n := 0
	for n < len(toks) && n < 5 && (toks[n].upper || toks[n].cap && toks[n].end-toks[n].start == 1) {
		if n > 0 && toks[n].sep == '.' && !toks[n-1].commaNext {
			break
		}
		n++
	}
	if n == 0 || n == len(toks) {
		return 0
	}
	return n
}

// keep applies the local precision rules to a fresh match.
func (s *scan) keep(m *mention, toks []token, i, j int, titleCase bool) bool {
	var out []target
	hasPlace, hasName := false, false
	for _, t := range m.targets {
		if t.kind == kStop {
			return false
		}
		hasPlace = hasPlace || t.kind.place()
		hasName = hasName || t.kind == kName
	}
	// A place before a document noun names the document: "Paris Agreement".
	if hasPlace && j < len(toks) && toks[j].sep == ' ' && !toks[j-1].possessive && documentNouns[s.key(&toks[j])] {
		out = out[:0]
		for _, t := range m.targets {
			if !t.kind.place() {
				out = append(out, t)
			}
		}
		if len(out) == 0 {
			return false
		}
		m.targets = append([]target(nil), out...)
	}
	if j-i == 1 && personProne[s.key(&toks[i])] && s.person(toks, i, titleCase) {
		return false
	}
	return true
}

// person reports whether the name at toks[i] reads as part of a person's
// name: "Michael Jordan", "Mr Chad", "Jordan Peterson".
func (s *scan) person(toks []token, i int, titleCase bool) bool {
	if i > 0 {
		p := &toks[i-1]
		pk := s.key(p)
		if toks[i].sep == ' ' && honorifics[pk] {
			return true
		}
		if toks[i].sep == ' ' && p.cap && !p.sentStart && !titleCase && !geoPrefixes[pk] && !p.possessive && !p.upper &&
			s.d.root.next[pk] == nil {
			return true
		}
	}
	if i+1 < len(toks) && !titleCase && !toks[i].possessive {
		n := &toks[i+1]
		nk := s.key(n)
		if n.sep == ' ' && n.cap && !n.upper && !placeNouns[nk] && s.d.root.next[nk] == nil && !functionWords[nk] {
			return true
		}
	}
	return false
}

// pairs handles "A, B" where B locates A: "Paris, Texas" is no mention of
// France, and in "Atlanta, Georgia" Georgia is the US state.
func (s *scan) pairs(first int, toks []token, text string) {
	for k := first; k+1 < len(s.mentions); k++ {
		a, b := &s.mentions[k], &s.mentions[k+1]
		if !onlyPlaces(a.targets) || !strings.HasPrefix(text[a.end:], ", ") || b.start != a.end+2 {
			continue
		}
		locating := false
		for _, t := range b.targets {
			locating = locating || t.kind == kAdmin || t.kind == kName
		}
		if !locating {
			continue
		}
		common := map[string]bool{}
		for _, t := range a.targets {
			for _, u := range b.targets {
				if t.id == u.id && !u.org {
					common[t.id] = true
				}
			}
		}
		if len(common) == 0 {
			a.chosen = -1
			a.targets = nil
			continue
		}
		a.targets = filterIDs(a.targets, common)
		b.targets = filterIDs(b.targets, common)
	}
	// compact dropped mentions
	out := s.mentions[:first]
	for _, m := range s.mentions[first:] {
		if len(m.targets) > 0 {
			out = append(out, m)
		}
	}
	s.mentions = out
}

func onlyPlaces(ts []target) bool {
	for _, t := range ts {
		if !t.kind.place() {
			return false
		}
	}
	return len(ts) > 0
}

func filterIDs(ts []target, ids map[string]bool) []target {
	var out []target
	for _, t := range ts {
		if ids[t.id] {
			out = append(out, t)
		}
	}
	return out
}

// distinct returns the distinct entity ids of a mention's readings.
func distinct(ts []target) []string {
	var ids []string
outer:
	for _, t := range ts {
		for _, id := range ids {
			if id == t.id {
				continue outer
			}
		}
		ids = append(ids, t.id)
	}
	return ids
}

// resolve chooses one reading per mention, using the unambiguous mentions
// of the article as evidence, and drops unconfirmed weak readings.
func (s *scan) resolve() {
	ev := map[string]int{}      // unambiguous mentions per entity (strong aliases only)
	placeEv := map[string]int{} // unambiguous sub-national mentions per country
	for i := range s.mentions {
		m := &s.mentions[i]
		ids := distinct(m.targets)
		if len(ids) != 1 {
			continue
		}
		if !m.targets[0].weak {
			ev[ids[0]]++
		}
		if onlyPlaces(m.targets) && (m.targets[0].kind == kAdmin || m.targets[0].kind == kCity) {
			placeEv[ids[0]]++
		}
	}
	for i := range s.mentions {
		m := &s.mentions[i]
		m.chosen = s.choose(m, ev, placeEv)
	}
	// Weak readings need confirmation by a strong alias or two members.
	for i := range s.mentions {
		m := &s.mentions[i]
		if m.chosen < 0 || !m.targets[m.chosen].weak {
			continue
		}
		t := m.targets[m.chosen]
		if ev[t.id] > 0 {
			continue
		}
		o := s.d.orgs[t.id]
		members := 0
		if o != nil {
			for _, c := range o.Members {
				if ev[c] > 0 {
					members++
				}
			}
		}
		if members < 2 {
			m.chosen = -1
		}
	}
}

// choose picks the reading of a mention.
func (s *scan) choose(m *mention, ev, placeEv map[string]int) int {
	if len(m.targets) == 1 {
		return 0
	}
	best, bestScore := -1, math.Inf(-1)
	for i, t := range m.targets {
		var score float64
		if t.org {
			o := s.d.orgs[t.id]
			score = float64(ev[t.id]) * 100
			if o != nil {
				if len(o.Context) > 0 {
					if s.anyWord(o.Context) {
						score += 50
					} else {
						score -= 1
					}
				}
				if o.Country != "" && ev[o.Country] > 0 {
					score += 10
				}
			}
		} else {
			switch t.kind {
			case kAdmin, kCity:
				// A sub-national reading needs other places of that
				// country and nothing for the competing state.
				score = -1
				if placeEv[t.id] > 0 && !s.competing(m, t.id, ev) {
					score = 1000
				}
			default:
				score = float64(ev[t.id]) * 100
				score -= float64(t.kind) // names before demonyms before capitals
			}
		}
		if score > bestScore || score == bestScore && best >= 0 && t.id < m.targets[best].id {
			best, bestScore = i, score
		}
	}
	return best
}

// competing reports whether another country reading of m has evidence.
func (s *scan) competing(m *mention, id string, ev map[string]int) bool {
	for _, t := range m.targets {
		if t.id != id && !t.org && ev[t.id] > 0 {
			return true
		}
	}
	return false
}

// anyWord reports whether the article contains one of the lower-case words
// or phrases in ws.
func (s *scan) anyWord(ws []string) bool {
	all := strings.ToLower(s.texts[0] + "\n" + s.texts[1] + "\n" + s.texts[2] + "\n" + s.texts[3])
	for _, w := range ws {
		if idx := strings.Index(all, w); idx >= 0 {
			end := idx + len(w)
			if (idx == 0 || !isWordByte(all[idx-1])) && (end == len(all) || !isWordByte(all[end])) {
				return true
			}
		}
	}
	return false
}

func isWordByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

var fieldWeight = [4]float64{Title: 3, Dateline: 3, Lede: 2, Body: 1}

// result aggregates the resolved mentions into entities.
func (s *scan) result(d *Detector) Result {
	type agg struct {
		e                 Entity
		title, lede, date bool
	}
	byID := map[string]*agg{}
	var order []string
	for i := range s.mentions {
		m := &s.mentions[i]
		if m.chosen < 0 {
			continue
		}
		t := m.targets[m.chosen]
		key := "c:" + t.id
		if t.org {
			key = "o:" + t.id
		}
		if !t.org && d.suppressC[t.id] || t.org && d.suppressO[t.id] {
			continue
		}
		a := byID[key]
		if a == nil {
			a = &agg{e: Entity{ID: t.id}}
			byID[key] = a
			order = append(order, key)
		}
		w := fieldWeight[m.field]
		if m.dateline {
			w = fieldWeight[Dateline]
		}
		switch t.kind {
		case kDemonym, kCombining, kCity, kAdmin:
			w *= 0.8
		}
		a.e.Mentions++
		a.e.Score += w
		a.e.Evidence = append(a.e.Evidence, Evidence{Field: m.field, Offset: m.start, Text: m.text})
		switch {
		case m.field == Title:
			a.title = true
		case m.dateline:
			a.date = true
		case m.field == Lede:
			a.lede = true
		}
	}
	var r Result
	for _, key := range order {
		a := byID[key]
		a.e.Primary = a.title || a.lede || a.e.Mentions >= 3 || a.date && a.e.Mentions >= 2
		a.e.Score = math.Round(a.e.Score*100) / 100
		if !a.e.Primary && a.e.Mentions < d.minMentions {
			continue
		}
		if key[0] == 'c' {
			r.Countries = append(r.Countries, a.e)
		} else {
			r.Organisations = append(r.Organisations, a.e)
		}
	}
	sortEntities(r.Countries)
	sortEntities(r.Organisations)
	return r
}
