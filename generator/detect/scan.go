package detect

import (
	"math"
	"strings"

	"github.com/attache/attache/generator/gazetteer"
)

// mention is one match before ambiguity is resolved.
type mention struct {
	field      Field
	start, end int // bytes in the field
	text       string
	targets    []target
	dateline   bool // part of a dateline (field Dateline or its copy at the start of the lede)
	chosen     int  // index into targets after resolution; -1 when dropped
	// bare is a one-word mention with no preposition of place before it,
	// which a person of that name would also fit ("Jordan said").
	bare bool
	// namelike is a one-word mention of a name that is often a person's
	// (personProne): as a place it needs corroboration when bare.
	namelike bool
	// initial is a one-word mention that starts a sentence or sits in a
	// headline, where a common noun is capitalised too ("Turkey prices").
	initial bool
	// own is whether the chosen reading is the one the mention's own
	// words give, without the rest of the article: its only one, or the
	// most populous place of its name.
	own bool
	// sure is how far the choice among several readings can be trusted,
	// 0 to 1; 1 for a mention with one reading.
	sure float64
}

// scan is the state of one Detect call.
type scan struct {
	d        *Detector
	toks     []token
	buf      []byte
	mentions []mention
	texts    [4]string
	// homonyms maps a place's lower-cased text to the country an "A, B"
	// pair or "B city of A" located it in, for its other mentions.
	homonyms map[string]string

	ev, placeEv map[string]int
	// towns is the evidence of the place names shared by several states
	// ("Dundee" is Scottish or South African): each adds its readings'
	// shares of their population to their states.
	towns map[string]float64
	// ownTowns is, for each lower-cased shared place name, the part of
	// towns that its own mentions gave, by state: ownShare's answer,
	// computed once in shareTowns instead of a scan of every mention
	// per mention and reading (quadratic in an article that repeats one
	// shared name).
	ownTowns map[string]map[string]float64
	major    map[string]bool
	// persons holds the keys of one-word names the article showed to be a
	// person's ("Jordan" after "Jordan Henderson"): their bare mentions are
	// the person too.
	persons map[string]bool
	// home is the state of the article's source, for a national agency.
	home string
	// nouns is set when a one-word mention at a sentence start or in a
	// headline is a state named like a common noun: commonNouns has work.
	nouns bool
}

func newScan(d *Detector) *scan {
	return &scan{d: d, ev: map[string]int{}, placeEv: map[string]int{}, towns: map[string]float64{}, ownTowns: map[string]map[string]float64{},
		major: map[string]bool{}, persons: map[string]bool{}}
}

// reset clears the scan for reuse, keeping its buffers.
func (s *scan) reset() {
	s.mentions = s.mentions[:0]
	s.texts = [4]string{}
	clear(s.homonyms)
	clear(s.ev)
	clear(s.placeEv)
	clear(s.towns)
	clear(s.ownTowns)
	clear(s.major)
	clear(s.persons)
	s.nouns = false
	s.home = ""
}

func (s *scan) homonym(text, country string) {
	if s.homonyms == nil {
		s.homonyms = map[string]string{}
	}
	s.homonyms[strings.ToLower(text)] = country
}

func (s *scan) key(t *token) string { return string(s.buf[t.k0:t.k1]) }

// entityWord reports whether the word alone is an alias.
func (s *scan) entityWord(key string) bool {
	n := s.d.root.next[key]
	return n != nil && len(n.terms) > 0
}

// field matches the aliases in one field's text.
func (s *scan) field(f Field, text string, ledeDateline bool) {
	s.texts[f] = text
	if text == "" {
		return
	}
	s.toks, s.buf = tokenize(text, s.toks, s.buf[:0])
	toks := s.toks
	titleCase := f == Title && isTitleCase(toks, text)
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
		if bestEnd == i+1 {
			m.bare = i == 0 || !placePrepositions[s.key(&toks[i-1])]
			m.initial = tk.sentStart || titleCase || f == Title && i == 0
			s.nouns = s.nouns || m.initial && nounStates[s.key(tk)]
			m.namelike = personProne[s.key(tk)]
		}
		if s.keep(&m, toks, i, bestEnd, titleCase) {
			s.mentions = append(s.mentions, m)
		}
		i = bestEnd - 1
	}
	s.pairs(first, toks, text)
	s.cityOf(first, toks, text)
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
		all := true
		for _, t := range tm.targets {
			if !s.usable(t, toks, i, last) {
				all = false
				break
			}
		}
		if all && out == nil {
			out = tm.targets[:len(tm.targets):len(tm.targets)] // shared; never modified in place
			continue
		}
		for _, t := range tm.targets {
			if s.usable(t, toks, i, last) {
				out = append(out, t)
			}
		}
	}
	return out
}

// usable applies the word-level conditions of a reading.
func (s *scan) usable(t target, toks []token, i int, last *token) bool {
	switch {
	case t.kind == kCombining && !last.hyphenNext:
		return false
	case last.dollarNext && t.kind != kStop:
		return false // "US$", "HK$": a currency
	case t.word && shouting(toks, i):
		return false
	}
	return true
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
	// A place after "Gulf of", "Strait of" names the feature: "Gulf of
	// Finland", "Strait of Gibraltar", "Bay of Bengal".
	if (hasPlace || hasName) && i >= 2 && toks[i].sep == ' ' && toks[i-1].sep == ' ' && s.key(&toks[i-1]) == "of" &&
		toks[i-2].cap && featureNouns[s.key(&toks[i-2])] {
		if m.targets = orgsOnly(m.targets); len(m.targets) == 0 {
			return false
		}
	}
	// A city before "Group" names a grouping: "Minsk Group", "Lima Group".
	if hasPlace && j < len(toks) && toks[j].sep == ' ' && toks[j].cap && groupNouns[s.key(&toks[j])] {
		if m.targets = without(m.targets, func(t target) bool { return t.kind.place() }); len(m.targets) == 0 {
			return false
		}
	}
	if s.company(toks, i, j) || j-i == 1 && needsArticle[s.key(&toks[i])] && (i == 0 || s.key(&toks[i-1]) != "the") {
		if m.targets = orgsOnly(m.targets); len(m.targets) == 0 {
			return false
		}
	}
	// A weak organisation name after a qualifier is someone else's body:
	// "Russia's Security Council", "National Security Council".
	if allWeak(m.targets) && i > 0 && toks[i].sep == ' ' {
		if p := &toks[i-1]; p.possessive || p.cap && !p.sentStart && !titleCase {
			return false
		}
	}
	if j-i == 1 && (hasName || hasPlace) && s.titled(toks, i) {
		s.persons[s.key(&toks[i])] = true
		if m.targets = orgsOnly(m.targets); len(m.targets) == 0 {
			return false
		}
	}
	if j-i == 1 && !titleCase {
		onlyPlace := onlyPlaces(m.targets) && !hasCapital(m.targets)
		switch {
		case personProne[s.key(&toks[i])] || onlyPlace:
			if s.person(toks, i, false) {
				s.persons[s.key(&toks[i])] = true
				return false
			}
		case hasName || hasPlace:
			if s.inName(toks, i) {
				return false
			}
		}
	}
	// A state's name before "River" or "Basin", or after "River", names
	// the river: "the Niger River", "the River Niger", "the Congo Basin".
	if hasName && j-i == 1 && (j < len(toks) && toks[j].sep == ' ' && toks[j].cap && riverNouns[s.key(&toks[j])] ||
		i > 0 && toks[i].sep == ' ' && toks[i-1].cap && s.key(&toks[i-1]) == "river") {
		if m.targets = without(m.targets, func(t target) bool { return t.kind == kName }); len(m.targets) == 0 {
			return false
		}
	}
	// "former Yugoslavia", "post-Soviet", "Soviet-era": a historical state
	// named as a period or a region of today's states.
	if anyHistorical(m.targets) && (i > 0 && formerWords[s.key(&toks[i-1])] ||
		j < len(toks) && toks[j].sep == '-' && periodWords[s.key(&toks[j])]) {
		if m.targets = without(m.targets, func(t target) bool { return t.historical }); len(m.targets) == 0 {
			return false
		}
	}
	// A demonym before a geographic feature names the feature:
	// "French Broad River", "Indian Ocean".
	if allDemonyms(m.targets) && s.featureFollows(toks, j) {
		return false
	}
	return true
}

// company reports whether the country name or demonym at toks[i:j] is
// part of a company's name: "Air Canada", "Kenya Airways", "Oman Air said".
func (s *scan) company(toks []token, i, j int) bool {
	if i > 0 && toks[i].sep == ' ' && toks[i-1].cap && s.key(&toks[i-1]) == "air" {
		return true
	}
	if j >= len(toks) || toks[j].sep != ' ' || !toks[j].cap {
		return false
	}
	switch k := s.key(&toks[j]); {
	case companyNouns[k]:
		return true
	case k == "air":
		// "Oman Air said", but "Pakistan Air Force"
		return j+1 >= len(toks) || toks[j+1].sep != ' ' || !toks[j+1].cap
	}
	return false
}

// orgsOnly returns the organisation readings of ts.
func orgsOnly(ts []target) []target {
	return without(ts, func(t target) bool { return t.kind < kOrgName || t.kind == kStop })
}

// without returns the readings of ts that drop does not match, in a new
// slice: ts may be shared with the matcher.
func without(ts []target, drop func(target) bool) []target {
	var out []target
	for _, t := range ts {
		if !drop(t) {
			out = append(out, t)
		}
	}
	return out
}

func anyHistorical(ts []target) bool {
	for _, t := range ts {
		if t.historical {
			return true
		}
	}
	return false
}

// formerWords before a historical state's name make it a period or the
// region of its successors: "the former Yugoslavia", "post-Soviet".
var formerWords = map[string]bool{"former": true, "ex": true, "post": true, "pre": true}

// periodWords after a hyphen make a historical state's name a period or a
// make ("Soviet-era", "Soviet-built"); "Soviet-backed" is the state acting.
var periodWords = map[string]bool{
	"era": true, "made": true, "built": true, "style": true, "vintage": true, "designed": true, "type": true,
	"model": true, "period": true, "time": true, "times": true,
}

func allWeak(ts []target) bool {
	for _, t := range ts {
		if !t.weak {
			return false
		}
	}
	return len(ts) > 0
}

func hasCapital(ts []target) bool {
	for _, t := range ts {
		if t.kind == kCapital {
			return true
		}
	}
	return false
}

func allDemonyms(ts []target) bool {
	for _, t := range ts {
		if t.kind != kDemonym {
			return false
		}
	}
	return len(ts) > 0
}

// featureNouns end the names of seas, rivers and mountains.
var featureNouns = map[string]bool{
	"ocean": true, "sea": true, "river": true, "gulf": true, "strait": true, "straits": true, "bay": true,
	"basin": true, "mountains": true, "peninsula": true, "plateau": true, "desert": true, "lake": true,
	"creek": true, "channel": true, "archipelago": true, "range": true,
}

// featureFollows reports whether toks[j:] read "[Capitalised] Feature".
func (s *scan) featureFollows(toks []token, j int) bool {
	for k := j; k < len(toks) && k < j+2; k++ {
		if toks[k].sep != ' ' || !toks[k].cap {
			return false
		}
		if featureNouns[s.key(&toks[k])] {
			return true
		}
	}
	return false
}

// inName reports whether the word at toks[i] sits inside a longer proper
// name, capitalised words on both sides: "Trans Niger Pipeline".
func (s *scan) inName(toks []token, i int) bool {
	if i == 0 || i+1 >= len(toks) || toks[i].possessive {
		return false
	}
	p, n := &toks[i-1], &toks[i+1]
	pk, nk := s.key(p), s.key(n)
	return toks[i].sep == ' ' && n.sep == ' ' && p.cap && !p.upper && !p.sentStart && !p.possessive && n.cap && !n.upper &&
		!geoPrefixes[pk] && !placeNouns[nk] && !featureNouns[nk] && !documentNouns[nk] && !s.entityWord(pk) && !s.entityWord(nk)
}

// person reports whether the name at toks[i] reads as part of a person's
// name: "Michael Jordan", "Mr Chad", "Jordan Peterson".
func (s *scan) person(toks []token, i int, titleCase bool) bool {
	if i > 0 {
		p := &toks[i-1]
		pk := s.key(p)
		if toks[i].sep == '-' && nameParticles[pk] {
			return true // "Al-Sabah"
		}
		if toks[i].sep == ' ' && honorifics[pk] {
			return true
		}
		if toks[i].sep == ' ' && p.cap && !p.sentStart && !titleCase && !geoPrefixes[pk] && !p.possessive && !p.upper &&
			!s.entityWord(pk) {
			return true
		}
	}
	if i+1 < len(toks) && !titleCase && !toks[i].possessive {
		n := &toks[i+1]
		nk := s.key(n)
		if n.sep == ' ' && n.cap && !n.upper && !placeNouns[nk] && !featureNouns[nk] && !documentNouns[nk] && !s.entityWord(nk) && !functionWords[nk] {
			return true
		}
	}
	return false
}

// titled reports whether the word at toks[i] ends a person's name after a
// title or honorific: "Councillor Jim Milton", "Mr George Grenada",
// "Defense Secretary Lloyd Austin".
func (s *scan) titled(toks []token, i int) bool {
	if i < 2 || toks[i].sep != ' ' || toks[i-1].sep != ' ' {
		return false
	}
	g := &toks[i-1]
	gk, tk := s.key(g), s.key(&toks[i-2])
	return g.cap && !g.upper && !g.possessive && !toks[i-2].possessive && !s.entityWord(gk) && !geoPrefixes[gk] &&
		!functionWords[gk] && (honorifics[tk] || titles[tk])
}

// pairs handles "A, B" where B locates A: "Paris, Texas" is no mention of
// France, and in "Atlanta, Georgia" Georgia is the US state.
func (s *scan) pairs(first int, toks []token, text string) {
	for k := first; k+1 < len(s.mentions); k++ {
		a, b := &s.mentions[k], &s.mentions[k+1]
		if !strings.HasPrefix(text[a.end:], ", ") || b.start != a.end+2 {
			continue
		}
		// A country's name is located only in a dateline ("ARMENIA,
		// Colombia") or by a province that ends no list ("Lebanon,
		// Pennsylvania", not "Georgia, Florida and Alabama").
		if !onlyPlaces(a.targets) && !(noOrgs(a.targets) && (a.dateline || onlyAdmin(b.targets) && !s.listGoesOn(k+1, text))) {
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
			// A is a homonym in B's country: "Paris, Texas".
			if c := soleCountry(b.targets); c != "" {
				s.homonym(a.text, c)
				a.targets = []target{{id: c, kind: kCity}}
			} else {
				a.targets = nil
			}
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

// listGoesOn reports whether mention k is followed by another item of a
// list: " and X", " or X", ", X" with X a mention.
func (s *scan) listGoesOn(k int, text string) bool {
	rest := text[s.mentions[k].end:]
	if strings.HasPrefix(rest, " and ") || strings.HasPrefix(rest, " or ") {
		return true
	}
	return k+1 < len(s.mentions) && s.mentions[k+1].start == s.mentions[k].end+2 && strings.HasPrefix(rest, ", ")
}

func noOrgs(ts []target) bool {
	for _, t := range ts {
		if t.org || t.kind == kStop {
			return false
		}
	}
	return len(ts) > 0
}

func onlyAdmin(ts []target) bool {
	for _, t := range ts {
		if t.kind != kAdmin {
			return false
		}
	}
	return len(ts) > 0
}

// soleCountry returns the one country of a mention's readings, preferring
// sub-national readings ("Georgia" in "Atlanta, Georgia" is no country).
func soleCountry(ts []target) string {
	id := ""
	for _, t := range ts {
		if t.org {
			continue
		}
		if t.kind == kAdmin {
			return t.id
		}
		if id != "" && id != t.id {
			return ""
		}
		id = t.id
	}
	return id
}

// cityOf handles "the northeast Texas city of Paris": a place after
// "city of" (town, village, capital) takes the country of a place or
// demonym just before.
func (s *scan) cityOf(first int, toks []token, text string) {
	for k := first + 1; k < len(s.mentions); k++ {
		x, a := &s.mentions[k], &s.mentions[k-1]
		if !onlyPlaces(x.targets) || a.targets == nil {
			continue
		}
		before := text[a.end:x.start]
		if len(before) > 40 || !strings.HasSuffix(before, " of ") {
			continue
		}
		fs := strings.Fields(strings.ToLower(before))
		if len(fs) < 2 || len(fs) > 3 || !settlement[fs[len(fs)-2]] {
			continue
		}
		c := soleCountry(a.targets)
		if c == "" {
			continue
		}
		in := false
		for _, t := range x.targets {
			in = in || t.id == c
		}
		if !in {
			s.homonym(x.text, c)
			x.targets = []target{{id: c, kind: kCity}}
		}
	}
}

var settlement = map[string]bool{"city": true, "town": true, "village": true, "capital": true, "port": true, "county": true}

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

// soleID returns the entity id when all readings name the same entity.
func soleID(ts []target) (string, bool) {
	if len(ts) == 0 {
		return "", false
	}
	for _, t := range ts[1:] {
		if t.id != ts[0].id || t.org != ts[0].org {
			return "", false
		}
	}
	return ts[0].id, true
}

// resolve chooses one reading per mention, using the unambiguous mentions
// of the article as evidence, and drops unconfirmed weak readings.
func (s *scan) resolve() {
	for i := range s.mentions {
		if len(s.homonyms) == 0 {
			break // most articles locate no homonym: skip lower-casing every mention
		}
		m := &s.mentions[i]
		if c, ok := s.homonyms[strings.ToLower(m.text)]; ok && noOrgs(m.targets) {
			m.targets = []target{{id: c, kind: kCity}}
		}
	}
	ev, placeEv := s.ev, s.placeEv // unambiguous mentions per entity (strong aliases only); sub-national ones per country
	for i := range s.mentions {
		m := &s.mentions[i]
		id, ok := soleID(m.targets)
		if !ok {
			continue
		}
		if !m.targets[0].weak {
			ev[id]++
		}
		if onlyPlaces(m.targets) && (m.targets[0].kind == kAdmin || m.targets[0].kind == kCity) {
			placeEv[id]++
		}
	}
	s.shareTowns()
	major := s.major // countries named by more than a minor city
	if s.home != "" {
		major[s.home] = true // a national agency's small towns are its own
	}
	var minorText map[string]string
	for i := range s.mentions {
		m := &s.mentions[i]
		m.chosen = s.choose(m, ev, placeEv)
		if m.chosen < 0 {
			continue
		}
		t := m.targets[m.chosen]
		switch {
		case m.weakPlace():
		case !t.minor || m.dateline:
			major[t.id] = true
		case !m.own:
		case minorText == nil:
			minorText = map[string]string{t.id: m.text}
		case minorText[t.id] == "":
			minorText[t.id] = m.text
		case m.own && !strings.EqualFold(minorText[t.id], m.text):
			// Two small towns of one state corroborate each other, if
			// each would be read so alone.
			major[t.id] = true
		}
	}
	for i := range s.mentions {
		m := &s.mentions[i]
		if m.chosen >= 0 && (m.targets[m.chosen].minor || m.weakPlace()) && !major[m.targets[m.chosen].id] {
			m.chosen = -1
		}
	}
	s.people()
	s.commonNouns()
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
		if o != nil && o.Parent != "" && s.family(o, ev) {
			continue
		}
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

// people drops the bare mentions of names the article showed to be a
// person's: after "Jordan Henderson", "Jordan said" is the player, while
// "in Jordan" stays the state.
func (s *scan) people() {
	if len(s.persons) == 0 {
		return
	}
	for i := range s.mentions {
		m := &s.mentions[i]
		if m.chosen >= 0 && m.bare && !m.targets[m.chosen].org && s.persons[strings.ToLower(m.text)] {
			m.chosen = -1
		}
	}
}

// commonNouns drops a state whose every mention is a common noun
// capitalised at the start of a sentence or in a headline ("Turkey prices
// fall"), when the article also writes the noun in lower case ("turkey
// farms"): the bird, the porcelain, the garment.
func (s *scan) commonNouns() {
	if !s.nouns {
		return
	}
	for key := range nounStates {
		n, id := 0, ""
		for i := range s.mentions {
			m := &s.mentions[i]
			if m.chosen < 0 || m.targets[m.chosen].org {
				continue
			}
			t := m.targets[m.chosen]
			if id == "" && m.initial && strings.EqualFold(m.text, key) {
				id = t.id
			}
		}
		if id == "" || !s.lowerWord(key) {
			continue
		}
		for i := range s.mentions {
			m := &s.mentions[i]
			if m.chosen >= 0 && m.targets[m.chosen].id == id && !m.targets[m.chosen].org && !(m.initial && strings.EqualFold(m.text, key)) {
				n++
			}
		}
		if n > 0 {
			continue // named otherwise too: "Turkish", "Ankara", or mid-sentence
		}
		for i := range s.mentions {
			m := &s.mentions[i]
			if m.chosen >= 0 && m.targets[m.chosen].id == id && !m.targets[m.chosen].org {
				m.chosen = -1
			}
		}
	}
}

// lowerWord reports whether the article contains the lower-case word w.
func (s *scan) lowerWord(w string) bool {
	for _, text := range s.texts {
		for off := 0; ; {
			k := strings.Index(text[off:], w)
			if k < 0 {
				break
			}
			k += off
			end := k + len(w)
			if (k == 0 || !isWordByte(text[k-1])) && (end == len(text) || !isWordByte(text[end])) {
				return true
			}
			off = end
		}
	}
	return false
}

// family reports whether the article names o's parent or, by a strong
// alias, another body of the parent's system: "the Security Council" is
// the UN's in an article that names UNICEF or the World Court.
func (s *scan) family(o *gazetteer.Organisation, ev map[string]int) bool {
	if ev[o.Parent] > 0 {
		return true
	}
	p := s.d.orgs[o.Parent]
	for id, n := range ev {
		x := s.d.orgs[id]
		if n > 0 && x != nil && x != o && (x.Parent == o.Parent || p != nil && p.Kind != "" && x.Kind == p.Kind) {
			return true
		}
	}
	return false
}

// choose picks the reading of a mention and sets m.sure.
func (s *scan) choose(m *mention, ev, placeEv map[string]int) int {
	m.sure, m.own = 1, len(m.targets) == 1
	if m.own {
		return 0
	}
	if onlyTowns(m.targets) {
		return s.choosePlace(m, ev, placeEv)
	}
	// A name shared by states ("Korea", "Congo") with nothing else in the
	// article for any of them is left unresolved rather than guessed.
	states, evidenced := map[string]bool{}, false
	for _, t := range m.targets {
		if !t.org && (t.kind == kName || t.kind == kDemonym) {
			states[t.id] = true
			evidenced = evidenced || ev[t.id] > 0
		}
	}
	if len(states) > 1 && !evidenced {
		return -1
	}
	best, bestScore := -1, math.Inf(-1)
	for i, t := range m.targets {
		var score float64
		if t.org {
			o := s.d.orgs[t.id]
			score = float64(ev[t.id]) * 100
			if t.weak && ev[t.id] == 0 {
				score = -10
			}
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
				if t.historical {
					score -= 0.5 // "Prague" is Czechia unless the article names Czechoslovakia
				}
			}
		}
		if score > bestScore || score == bestScore && best >= 0 && s.before(t, m.targets[best]) {
			best, bestScore = i, score
		}
	}
	// A choice the article's other mentions made is firm; one made by
	// default order is a guess.
	m.sure = 0.5
	if bestScore >= 10 || best >= 0 && s.onlyPast(m, best, ev) {
		m.sure = 0.9
	}
	return best
}

// weakPlace reports whether m is a place named like a person with nothing
// to make it a place: no preposition of place, not in the dateline
// ("Hamilton finished second", but "in Hamilton", "HAMILTON, Bermuda").
func (m *mention) weakPlace() bool {
	return m.namelike && m.bare && !m.dateline && onlyTowns(m.targets)
}

// onlyPast reports whether every reading of m but the chosen one is a
// historical state the article does not name otherwise: "Belgrade" in
// today's news is no guess between Serbia and Yugoslavia.
func (s *scan) onlyPast(m *mention, chosen int, ev map[string]int) bool {
	for i, t := range m.targets {
		if i != chosen && (!t.historical || ev[t.id] > 0) {
			return false
		}
	}
	return true
}

// onlyTowns reports whether every reading is a city or province.
func onlyTowns(ts []target) bool {
	for _, t := range ts {
		if t.kind != kCity && t.kind != kAdmin {
			return false
		}
	}
	return true
}

// Weights of the evidence for one reading of a place name shared by
// places in several states, in powers of ten of population: another place
// of the same state counts as a hundredfold population, a name, demonym
// or capital of the state as threefold, each up to a cap, and a national
// agency as source tenfold for its own state.
const (
	placeWeight, placeCap   = 2.0, 3.0
	stateWeight, stateCap   = 0.5, 2
	homeWeight              = 1.0 // a national agency's own state
	provincePop, unknownPop = 1e7, 1e4
)

// population returns the population of a place reading, or a stand-in
// when the data has none.
func (t target) population() float64 {
	switch {
	case t.pop > 0:
		return float64(t.pop)
	case t.kind == kAdmin:
		return provincePop
	}
	return unknownPop
}

// shareTowns fills s.towns from the mentions with several place readings.
func (s *scan) shareTowns() {
	for i := range s.mentions {
		m := &s.mentions[i]
		if len(m.targets) < 2 || !onlyTowns(m.targets) {
			continue
		}
		total := 0.0
		for _, t := range m.targets {
			total += t.population()
		}
		key := strings.ToLower(m.text)
		own := s.ownTowns[key]
		if own == nil {
			own = map[string]float64{}
			s.ownTowns[key] = own
		}
		for _, t := range m.targets {
			s.towns[t.id] += t.population() / total
			own[t.id] += t.population() / total
		}
	}
}

// ownShare is the part of s.towns[id] that mentions of m's own name gave.
func (s *scan) ownShare(m *mention, id string) float64 {
	return s.ownTowns[strings.ToLower(m.text)][id]
}

// choosePlace picks among the readings of a place name shared by places in
// several states ("Perth", "Hyderabad", "Newcastle"): the other places the
// article names in each state, then its names of the state, then the
// population decide. m.sure is the margin of the winner over the runner-up
// as a probability: when only population decides between near equals, it
// is low.
func (s *scan) choosePlace(m *mention, ev, placeEv map[string]int) int {
	best, second := -1, math.Inf(-1)
	bestScore := math.Inf(-1)
	for i, t := range m.targets {
		// Other shared names count, but not this name's own mentions,
		// which would vote for the most populous reading.
		towns := s.towns[t.id] - s.ownShare(m, t.id)
		p := min(float64(placeEv[t.id])+towns, placeCap)
		score := math.Log10(t.population()) + placeWeight*p + stateWeight*float64(min(ev[t.id]-placeEv[t.id], stateCap))
		if t.id == s.home {
			score += homeWeight
		}
		switch {
		case score > bestScore:
			best, second, bestScore = i, bestScore, score
		case score > second:
			second = score
		}
	}
	m.sure = 1 / (1 + math.Pow(10, second-bestScore))
	m.own = true
	for _, t := range m.targets {
		m.own = m.own && t.population() <= m.targets[best].population()
	}
	return best
}

// before orders readings of equal score: countries by alpha-3 code, so
// the default of "Korea" is KOR and of "Congo" COD; organisations by id.
func (s *scan) before(a, b target) bool {
	if !a.org && !b.org {
		ca, cb := s.d.g.Country(a.id), s.d.g.Country(b.id)
		if ca != nil && cb != nil {
			return ca.Code3 < cb.Code3
		}
	}
	return a.id < b.id
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

// kindSure is how sure a mention of each kind is, alone: a state's name
// is what it says; a metonym, a province or a city may be something else
// that the rules did not catch, a small town more so.
var kindSure = [...]float64{kName: 1, kDemonym: 0.95, kCombining: 0.9, kCapital: 0.9, kAdmin: 0.9, kCity: 0.85,
	kOrgName: 1, kOrgAcronym: 0.95}

// sureOf returns the confidence of one resolved mention.
func sureOf(m *mention) float64 {
	t := m.targets[m.chosen]
	c := kindSure[t.kind] * m.sure
	switch {
	case t.weak:
		c *= 0.75 // confirmed, but by other mentions
	case t.minor:
		c *= 0.8
	}
	if m.namelike && m.bare && t.kind.place() {
		c *= 0.9 // a corroborated "Victoria" might yet be someone
	}
	return c
}

// result aggregates the resolved mentions into entities.
func (s *scan) result(d *Detector) Result {
	type agg struct {
		e Entity
		// doubt is the chance that every mention is wrong, the
		// complement of the entity's confidence.
		doubt float64
		// n counts the mentions outside the dateline; title and lead are
		// where they are.
		n                int
		title, lede, led bool
	}
	type entityKey struct {
		org bool
		id  string
	}
	byID := map[entityKey]*agg{}
	var order []entityKey
	// first is whether the lede's first entity of each kind is taken.
	var first [2]bool
	for i := range s.mentions {
		m := &s.mentions[i]
		if m.chosen < 0 {
			continue
		}
		t := m.targets[m.chosen]
		key := entityKey{t.org, t.id}
		a := byID[key]
		if a == nil {
			a = &agg{e: Entity{ID: t.id}, doubt: 1}
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
		a.doubt *= 1 - sureOf(m)
		if !d.noEvidence {
			a.e.Evidence = append(a.e.Evidence, Evidence{Field: m.field, Offset: m.start, Text: m.text})
		}
		if m.dateline {
			continue // where a story was filed is not what it is about
		}
		a.n++
		switch m.field {
		case Title:
			a.title = true
		case Lede:
			a.lede = true
			k := 0
			if t.org {
				k = 1
			}
			if !first[k] && !d.suppressed(t.org, t.id) {
				first[k], a.led = true, true
			}
		}
	}
	// top is the most mentions of one entity of each kind, outside the
	// dateline.
	var top [2]int
	for _, key := range order {
		k := 0
		if key.org {
			k = 1
		}
		if !d.suppressed(key.org, key.id) {
			top[k] = max(top[k], byID[key].n)
		}
	}
	var r Result
	for _, key := range order {
		a := byID[key]
		k := 0
		if key.org {
			k = 1
		}
		a.e.Primary = mainSubject(a.title, a.led, a.lede, a.n, top[k])
		a.e.Score = math.Round(a.e.Score*100) / 100
		a.e.Confidence = math.Round((1-a.doubt)*100) / 100
		reason := ""
		switch {
		case d.suppressed(key.org, key.id):
			reason = "suppressed"
		case a.e.Confidence < d.minConfidence:
			reason = "minConfidence"
		case !a.e.Primary && a.e.Mentions < d.minMentions:
			reason = "minMentions"
		}
		if reason != "" {
			if !d.noEvidence {
				r.Dropped = append(r.Dropped, Dropped{Entity: a.e, Organisation: key.org, Reason: reason})
			}
			continue
		}
		if !key.org {
			r.Countries = append(r.Countries, a.e)
		} else {
			r.Organisations = append(r.Organisations, a.e)
		}
	}
	sortEntities(r.Countries)
	sortEntities(r.Organisations)
	return r
}

// mainSubject decides whether an entity is a subject of the article, as an
// analyst reads it: named in the title; the first of its kind the lede
// names (the subject of its first sentence, as a rule); or mentioned again
// and again, at least half as often as the most mentioned entity of its
// kind, from the lede on or three times. n counts the mentions outside the
// dateline, which says where the story was filed, not what it is about;
// top is the largest n of the article's entities of the kind.
func mainSubject(title, led, lede bool, n, top int) bool {
	return title || led || n >= 2 && 2*n >= top && (lede || n >= 3)
}
