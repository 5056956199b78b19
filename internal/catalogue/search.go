package catalogue

import (
	"sort"
	"strings"

	"github.com/dvcportal/dvcportal/internal/i18n"
)

// Search weights: how much a query word scores by where it matches. A word
// that matches only as the prefix of a document word scores half.
const (
	weightName    = 10 // a word of the name (vi or en) or of the code
	weightKeyword = 8  // a word of a keyword
	weightAcronym = 6  // the initials of a run of name or keyword words ("bhyt")
	weightSummary = 4
	weightOther   = 2 // description, agency, category and case names

	bonusPhrase    = 20  // the whole query appears in the name
	bonusWholeName = 20  // the query is the name
	bonusCode      = 100 // the query is the code
)

// Query limits. A longer search is refused; words beyond maxQueryWords are
// not used for matching.
const (
	MaxSearchRunes = 200
	maxQueryWords  = 12
)

// entry is a published service in a Snapshot, with its search index.
type entry struct {
	svc        Service
	ver        ServiceVersion
	code       string
	pos        int    // index in Snapshot.entries
	sortKey    string // folded Vietnamese name, NUL, code
	codeFold   string
	nameFolds  []string       // " word word " for vi and en names
	words      map[string]int // document word → best weight
	sortedKeys []string       // keys of words, sorted, for prefix matches
}

func newEntry(p Published, agencyName, categoryName i18n.Text) *entry {
	v := p.Version
	e := &entry{
		svc:      p.Service,
		ver:      v,
		code:     p.Service.Code,
		codeFold: strings.Join(Tokens(p.Service.Code), " "),
		words:    map[string]int{},
	}
	e.sortKey = strings.Join(Tokens(v.Name.Vi), " ") + "\x00" + p.Service.Code
	add := func(w int, words ...string) {
		for _, t := range words {
			if e.words[t] < w {
				e.words[t] = w
			}
		}
	}
	for _, name := range []string{v.Name.Vi, v.Name.En} {
		if name == "" {
			continue
		}
		words := Tokens(name)
		e.nameFolds = append(e.nameFolds, " "+strings.Join(words, " ")+" ")
		add(weightName, words...)
		add(weightAcronym, acronyms(words)...)
	}
	add(weightName, Tokens(p.Service.Code)...)
	add(weightName, Fold(strings.ReplaceAll(p.Service.Code, "-", "")))
	for _, k := range p.Service.Keywords {
		words := Tokens(k)
		add(weightKeyword, words...)
		add(weightAcronym, acronyms(words)...)
	}
	add(weightSummary, Tokens(v.Summary.Vi)...)
	add(weightSummary, Tokens(v.Summary.En)...)
	for _, t := range []i18n.Text{v.Description, agencyName, categoryName} {
		add(weightOther, Tokens(t.Vi)...)
		add(weightOther, Tokens(t.En)...)
	}
	for _, c := range v.Cases {
		add(weightOther, Tokens(c.Name.Vi)...)
		add(weightOther, Tokens(c.Name.En)...)
	}
	delete(e.words, "")
	for w := range e.words {
		e.sortedKeys = append(e.sortedKeys, w)
	}
	sort.Strings(e.sortedKeys)
	return e
}

// less is the catalogue order: most popular first, then by name.
func (e *entry) less(o *entry) bool {
	if e.svc.Popularity != o.svc.Popularity {
		return e.svc.Popularity > o.svc.Popularity
	}
	return e.sortKey < o.sortKey
}

// weight is how well the query word t matches the entry: its best exact
// weight, or half the best weight of a document word it is a prefix of.
func (e *entry) weight(t string) int {
	if w, ok := e.words[t]; ok {
		return w
	}
	if len(t) < 2 {
		return 0
	}
	best := 0
	i := sort.SearchStrings(e.sortedKeys, t)
	for ; i < len(e.sortedKeys) && strings.HasPrefix(e.sortedKeys[i], t); i++ {
		if w := e.words[e.sortedKeys[i]]; w > best {
			best = w
		}
	}
	return best / 2
}

// search is a folded query: its words, the phrase they make, and the
// acronyms of its runs of words with the runs they cover.
type search struct {
	words  []string
	phrase string
	runs   []queryRun
}

// queryRun is a run of query words, its initials, and the query phrase with
// the run replaced by them ("the bao hiem y te" → "the bhyt").
type queryRun struct {
	acronym    string
	start, end int // words[start:end]
	phrase     string
}

func newSearch(q string) search {
	words := Tokens(q)
	if len(words) > maxQueryWords {
		words = words[:maxQueryWords]
	}
	s := search{words: words, phrase: strings.Join(words, " ")}
	for i := range words {
		var b []byte
		for j := i; j < len(words) && j-i < 6; j++ {
			b = append(b, words[j][0])
			if len(b) >= 3 {
				short := append(append(append([]string{}, words[:i]...), string(b)), words[j+1:]...)
				s.runs = append(s.runs, queryRun{acronym: string(b), start: i, end: j + 1, phrase: strings.Join(short, " ")})
			}
		}
	}
	return s
}

// score returns the entry's score for the search, and false when some query
// word matches nothing (every word must match: a word matches directly, as a
// prefix, or as part of a run whose initials are a word of the name or a
// keyword, so "bao hiem y te" matches a name that says "BHYT").
func (s search) score(e *entry) (int, bool) {
	// covered[i] is the weight query word i gets from a run whose initials
	// are a word of the name or a keyword.
	var covered []int
	phrases := []string{s.phrase}
	for _, r := range s.runs {
		w := e.words[r.acronym]
		if w < weightKeyword {
			continue
		}
		if covered == nil {
			covered = make([]int, len(s.words))
		}
		for i := r.start; i < r.end; i++ {
			covered[i] = max(covered[i], w)
		}
		phrases = append(phrases, r.phrase)
	}
	total := 0
	for i, t := range s.words {
		w := e.weight(t)
		if covered != nil {
			w = max(w, covered[i])
		}
		if w == 0 {
			return 0, false
		}
		total += w
	}
	total += phraseBonus(e.nameFolds, phrases)
	if s.phrase == e.codeFold {
		total += bonusCode
	}
	return total, true
}

// phraseBonus is the bonus for a name that contains one of the phrases, more
// when it is exactly that phrase.
func phraseBonus(names, phrases []string) int {
	best := 0
	for _, name := range names {
		for _, p := range phrases {
			if !strings.Contains(name, " "+p+" ") {
				continue
			}
			b := bonusPhrase
			if len(name) == len(p)+2 {
				b += bonusWholeName
			}
			best = max(best, b)
		}
	}
	return best
}
