package index

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/xinfang/xinfang/nlp"
)

// A search that finds little offers queries that would find more: each word
// of its text is replaced by an indexed word one edit away (躁音 → 噪音,
// 延期交防 → 延期交房), the words found in most records first.

const (
	// suggestBelow is the total under which a search offers suggestions.
	suggestBelow = 3
	// maxSuggestions bounds the suggestions of one search.
	maxSuggestions = 3
	// maxSuggestCandidates bounds the dictionary entries looked at per word.
	maxSuggestCandidates = 256
)

// suggest returns up to maxSuggestions rewritten queries for q, or nil.
func suggest(q string, pq *parsedQuery, reader bindex.IndexReader) []string {
	fr, ok := reader.(bindex.IndexReaderFuzzy)
	if !ok {
		return nil
	}
	type cand struct {
		word, term string
		count      uint64
	}
	var cands []cand
	for i := range pq.clauses {
		c := &pq.clauses[i]
		if !c.textual() || c.field == "subject" || c.occur != occurMust || c.prefix || c.fuzzy {
			continue
		}
		w := strings.ToLower(nlp.FoldTraditional(strings.TrimSpace(c.value)))
		if n := utf8.RuneCountInString(w); n < 2 || n > 8 || strings.ContainsAny(w, " \t") {
			continue
		}
		d, err := fr.FieldDictFuzzy(fieldContent, w, 1, "")
		if err != nil {
			continue
		}
		for k := 0; k < maxSuggestCandidates; k++ {
			e, err := d.Next()
			if err != nil || e == nil {
				break
			}
			// Only words of the same length: 噪 for 躁音 would widen the
			// search rather than mend it.
			if e.Term != w && utf8.RuneCountInString(e.Term) == utf8.RuneCountInString(w) {
				cands = append(cands, cand{c.value, e.Term, e.Count})
			}
		}
		d.Close()
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return cmp.Compare(b.count, a.count) })
	var out []string
	for _, c := range cands {
		s := strings.Replace(q, c.word, c.term, 1)
		if s != q && !slices.Contains(out, s) {
			out = append(out, s)
		}
		if len(out) == maxSuggestions {
			break
		}
	}
	return out
}
