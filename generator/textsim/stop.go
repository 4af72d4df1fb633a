package textsim

// stopwords are English function words, the words of datelines and
// reporting ("said", "Monday", "March"), and agencies' names: words that
// say nothing of what a story is about. IDF weighs the rest.
// stopHashes holds their hashes, which the scanner has at hand.
var stopHashes = func() map[uint64]bool {
	m := map[uint64]bool{}
	for _, w := range stopList {
		m[hashBytes(fnvOffset, []byte(w))] = true
	}
	return m
}()

var stopList = []string{
	"a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
	"be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
	"does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he",
	"her", "here", "hers", "him", "his", "how", "if", "in", "into", "is", "it", "its", "itself", "just", "last", "later",
	"may", "me", "more", "most", "must", "my", "new", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only",
	"or", "other", "our", "ours", "out", "over", "own", "same", "she", "should", "since", "so", "some", "such", "than",
	"that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too",
	"two", "under", "until", "up", "upon", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who",
	"whom", "whose", "why", "will", "with", "within", "would", "yet", "you", "your", "next", "year", "years", "week",
	"day", "days", "month", "months", "today", "yesterday", "tomorrow", "morning", "afternoon", "evening", "night",
	"overnight", "according", "added", "adding", "announced", "statement", "told", "tell", "says", "said", "say",
	"saying", "reported", "reports", "report", "reporters", "news", "agency", "official", "officials", "spokesperson",
	"spokesman", "spokeswoman", "update", "updated", "urgent", "flash", "breaking", "editor", "web", "copyright",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"xinhua", "reuters", "afp", "ap", "tass", "kyodo", "yonhap", "bernama", "ani", "pti", "anadolu", "efe", "dpa",
	"ansa", "kuna", "wam", "mena", "pap", "antara", "aps", "cgtn", "ria", "novosti", "associated", "press",
}

// stopTable is stopHashes as an open-addressing table, as the scanner asks
// it for every word.
var stopTable = func() []uint64 {
	t := make([]uint64, 1024)
	for h := range stopHashes {
		i := h & 1023
		for t[i] != 0 {
			i = (i + 1) & 1023
		}
		t[i] = h
	}
	return t
}()

func isStop(h uint64) bool {
	for i := h & 1023; stopTable[i] != 0; i = (i + 1) & 1023 {
		if stopTable[i] == h {
			return true
		}
	}
	return false
}
