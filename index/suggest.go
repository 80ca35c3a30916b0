package index

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/xinfang/xinfang/nlp"
)

// A search that finds little offers queries that would find more: each word
// of its text is replaced by an indexed word one edit away (躁音 → 噪音,
// 延期交防 → 延期交房) or a vocabulary word that sounds the same (pinyin.go;
// typed pinyin too: qianxin → 欠薪). Homophones come first, then the words
// found in most records.

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
		sound      bool // sounds like the word typed
	}
	var cands []cand
	// docs is the number of records holding term, 0 when none.
	docs := func(term string) uint64 {
		r, err := reader.TermFieldReader(context.Background(), []byte(term), fieldContent, false, false, false)
		if err != nil {
			return 0
		}
		defer r.Close()
		return r.Count()
	}
	for i := range pq.clauses {
		c := &pq.clauses[i]
		if !c.textual() || c.field == "subject" || c.occur != occurMust || c.prefix || c.fuzzy {
			continue
		}
		w := strings.ToLower(nlp.FoldTraditional(strings.TrimSpace(c.value)))
		if latinPinyin(w) {
			for _, t := range pinyinWords(w) {
				if n := docs(t); n > 0 {
					cands = append(cands, cand{c.value, t, n, true})
				}
			}
			continue
		}
		if n := utf8.RuneCountInString(w); n < 2 || n > 8 || strings.ContainsAny(w, " \t") {
			continue
		}
		if docs(w) > 0 {
			continue // a word of the index is no typo
		}
		key := pinyinKey(w)
		if key != "" {
			for _, t := range pinyinWords(key) {
				if t != w && utf8.RuneCountInString(t) == utf8.RuneCountInString(w) {
					if n := docs(t); n > 0 {
						cands = append(cands, cand{c.value, t, n, true})
					}
				}
			}
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
				cands = append(cands, cand{c.value, e.Term, e.Count, key != "" && pinyinKey(e.Term) == key})
			}
		}
		d.Close()
	}
	slices.SortStableFunc(cands, func(a, b cand) int {
		if a.sound != b.sound {
			if a.sound {
				return -1
			}
			return 1
		}
		return cmp.Compare(b.count, a.count)
	})
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
