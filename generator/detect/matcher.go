package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// kind says what an alias denotes; it decides salience weight and which
// precision rules apply.
type kind uint8

const (
	kName       kind = iota // a country's name or alias
	kDemonym                // adjective or demonym
	kCombining              // combining form, only before a hyphen: "Sino-"
	kCapital                // capital or seat of government
	kAdmin                  // province, state or region
	kCity                   // city below country level
	kOrgName                // organisation name or alias
	kOrgAcronym             // organisation acronym
	kStop                   // a phrase that is no entity: "South China Sea"
)

func (k kind) place() bool { return k == kCapital || k == kAdmin || k == kCity }

// caseReq is what the case of a text token must be to match an alias token.
type caseReq uint8

const (
	reqAny   caseReq = iota // function and lower-case words: "of", "fries"
	reqCap                  // capitalised or all upper case: "Korea", "KOREA"
	reqUpper                // all upper case: "ASEAN", "US"
	reqExact                // exactly as written: "AfDB"
)

// target is one reading of an alias.
type target struct {
	id   string // country code or organisation id; empty for kStop
	org  bool
	kind kind
	weak bool // organisation alias that needs confirmation
	word bool // acronym that is also an English word ("WHO"), unusable in all-caps text
	// minor marks a city too small to carry a country alone: it counts
	// only when the article names its country otherwise or files from it.
	minor bool
	// historical marks a reading of a state that no longer exists; it
	// loses ties to the living state that shares the alias ("Prague").
	historical bool
	pop        int32 // population of a place reading; 0 when unknown
}

// term is an alias ending at a trie node.
type term struct {
	n       int
	reqs    []caseReq
	exact   []string
	targets []target
}

type node struct {
	next  map[string]*node
	terms []*term
}

func (n *node) child(k string) *node {
	if n.next == nil {
		n.next = map[string]*node{}
	}
	c := n.next[k]
	if c == nil {
		c = &node{}
		n.next[k] = c
	}
	return c
}

// functionWords may be lower case inside a name: "Bosnia and Herzegovina".
var functionWords = map[string]bool{
	"of": true, "the": true, "and": true, "for": true, "on": true, "in": true, "to": true, "de": true,
	"da": true, "la": true, "du": true, "des": true, "del": true, "el": true, "al": true, "y": true, "et": true,
	"bin": true, "ya": true, "wa": true, "og": true, "a": true,
}

// englishWords are acronyms that read as ordinary words in all-caps text.
var englishWords = map[string]bool{
	"who": true, "us": true, "it": true, "can": true, "am": true, "an": true, "as": true, "at": true, "be": true,
	"by": true, "do": true, "go": true, "he": true, "if": true, "in": true, "is": true, "me": true, "my": true,
	"no": true, "of": true, "on": true, "or": true, "so": true, "to": true, "up": true, "we": true, "all": true,
	"aid": true, "art": true, "eco": true, "nam": true, "pa": true, "bis": true, "ifad": false, "alba": true,
	"aes": false, "ana": true, "wef": false, "esa": false, "cis": false, "pif": false, "arf": false, "nsg": false,
	"plo": false, "anc": false, "ioc": false, "ilo": false, "imo": false, "ndb": false, "eas": false, "ec": false,
	"one": true, "ira": true, "mercosur": false, "au": false,
}

// add compiles alias into the trie with the given reading.
func (d *Detector) add(alias string, t target) {
	alias = strings.TrimSpace(alias)
	if t.kind != kStop {
		alias = strings.TrimPrefix(strings.TrimPrefix(alias, "The "), "the ")
	}
	if alias == "" {
		return
	}
	toks, buf := tokenize(alias, nil, nil)
	if len(toks) == 0 {
		return
	}
	// An alias whose words are all lower case is a common noun ("euro
	// area"); only stop phrases may be written so.
	n := d.root
	reqs := make([]caseReq, len(toks))
	exact := make([]string, len(toks))
	anyCap := false
	for i, tk := range toks {
		text := alias[tk.start:tk.end]
		key := string(buf[tk.k0:tk.k1])
		n = n.child(key)
		switch {
		case !hasLetter(text):
			reqs[i] = reqAny
		case tk.upper || len(text) == 1 && tk.cap:
			reqs[i] = reqUpper
			anyCap = true
		case mixedCase(text):
			reqs[i] = reqExact
			exact[i] = text
			anyCap = true
		case tk.cap:
			reqs[i] = reqCap
			anyCap = true
		default:
			reqs[i] = reqAny
		}
		if i == 0 && reqs[i] == reqAny && t.kind != kStop && !functionWords[key] {
			reqs[i] = reqCap
		}
	}
	if !anyCap && t.kind != kStop {
		return
	}
	if len(toks) == 1 && toks[0].upper {
		t.word = englishWords[string(buf[toks[0].k0:toks[0].k1])]
	}
	for _, tm := range n.terms {
		if sameReqs(tm, reqs, exact) {
			for _, x := range tm.targets {
				if x == t {
					return
				}
			}
			tm.targets = append(tm.targets, t)
			return
		}
	}
	n.terms = append(n.terms, &term{n: len(toks), reqs: reqs, exact: exact, targets: []target{t}})
	if len(toks) > d.maxLen {
		d.maxLen = len(toks)
	}
}

func sameReqs(tm *term, reqs []caseReq, exact []string) bool {
	for i := range reqs {
		if tm.reqs[i] != reqs[i] || tm.exact[i] != exact[i] {
			return false
		}
	}
	return true
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// mixedCase reports an upper-case letter after the first letter in a word
// that is not all upper case: "AfDB", "IsDB".
func mixedCase(s string) bool {
	_, size := utf8.DecodeRuneInString(s)
	lower, upperAfter := false, false
	for _, r := range s[size:] {
		if unicode.IsLower(r) {
			lower = true
		} else if unicode.IsUpper(r) {
			upperAfter = true
		}
	}
	return lower && upperAfter
}

// satisfies reports whether text token tk meets requirement r.
func satisfies(tk *token, text string, r caseReq, exact string) bool {
	switch r {
	case reqCap:
		return tk.cap
	case reqUpper:
		return tk.upper || (tk.cap && tk.end-tk.start == 1) || isInitialismText(text)
	case reqExact:
		return text == exact
	}
	return true
}

func isInitialismText(s string) bool {
	return len(s) >= 3 && strings.Count(s, ".") >= 1 && strings.ToUpper(s) == s
}
