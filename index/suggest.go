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
// of its text that is neither in the index nor a word of the vocabulary is
// replaced by a vocabulary word that sounds the same (pinyin.go; typed
// pinyin too: qianxin → 欠薪), one that sounds nearly the same (模糊音:
// 扰名 → 扰民), or a word one character away, in the index (躁音 → 噪音,
// 延期交防 → 延期交房) or in the vocabulary (呼和浩持 → 呼和浩特). Homophones
// come first, then near homophones, then the words found in most records.
// A typo whose characters are in the index one by one finds records by
// them (拆签 the ones with 拆 and 签): a word of the vocabulary that sounds
// (nearly) the same is offered then too, whatever the total.

const (
	// suggestBelow is the total under which a search offers any
	// suggestion; from it on, only (near) homophones of the vocabulary.
	suggestBelow = 3
	// maxSuggestions bounds the suggestions of one search.
	maxSuggestions = 3
	// maxSuggestCandidates bounds the dictionary entries looked at per word.
	maxSuggestCandidates = 256
)

// Ranks of a suggested word: how it sounds next to the word typed.
const (
	soundSame = iota
	soundNear
	soundOther
)

// suggest returns up to maxSuggestions rewritten queries for q, which found
// total records, or nil. concepts is the table of the expansion, nil when
// it is off: a vocabulary word then counts the records with it as written
// only, else also those of its concept's category or of the place it names.
func suggest(q string, pq *parsedQuery, reader bindex.IndexReader, total uint64, concepts *Concepts) []string {
	fr, ok := reader.(bindex.IndexReaderFuzzy)
	if !ok {
		return nil
	}
	type cand struct {
		word, term string
		count      uint64
		sound      int // soundSame, soundNear or soundOther
	}
	var cands []cand
	// docsIn is the number of records holding term in field, 0 when none.
	docsIn := func(term, field string) uint64 {
		r, err := reader.TermFieldReader(context.Background(), []byte(term), field, false, false, false)
		if err != nil {
			return 0
		}
		defer r.Close()
		return r.Count()
	}
	docs := func(term string) uint64 { return docsIn(term, fieldContent) }
	// vocabDocs counts the records a vocabulary word finds: in the text,
	// classified in its concept's category (a corpus may never write 欠薪
	// as such), or filed under the place it names.
	vocabDocs := func(term string) uint64 {
		n := docs(term)
		if concepts == nil {
			return n
		}
		if con, ok := concepts.Lookup(term); ok && con.Category != "" {
			n = max(n, docsIn(con.Category, fieldCategories))
		}
		if n > 0 {
			return n
		}
		if pl, ok := homeGazetteer().Resolve(term); ok {
			switch pl.Level {
			case nlp.LevelCity:
				return docsIn(pl.City, fieldPlaces)
			case nlp.LevelCounty:
				return docsIn(pl.County, fieldPlaces)
			}
		}
		return 0
	}
	few := total < suggestBelow
	vocab := vocabulary()
	for i := range pq.clauses {
		c := &pq.clauses[i]
		if !c.textual() || c.field == "subject" || c.occur != occurMust || c.prefix || c.fuzzy {
			continue
		}
		w := strings.ToLower(nlp.FoldTraditional(strings.TrimSpace(c.value)))
		if latinPinyin(w) {
			for _, t := range pinyinWords(w) {
				if n := vocabDocs(t); n > 0 {
					cands = append(cands, cand{c.value, t, n, soundSame})
				}
			}
			continue
		}
		if n := utf8.RuneCountInString(w); n < 2 || n > 8 || strings.ContainsAny(w, " \t") {
			continue
		}
		if vocab.known[w] || docs(w) > 0 {
			continue // a word of the vocabulary or the index is no typo
		}
		key, near := pinyinKey(w), nearPinyinKey(w)
		soundOf := func(t string) int {
			switch {
			case key != "" && pinyinKey(t) == key:
				return soundSame
			case near != "" && nearPinyinKey(t) == near:
				return soundNear
			}
			return soundOther
		}
		add := func(t string, n uint64) {
			if t != w && n > 0 && utf8.RuneCountInString(t) == utf8.RuneCountInString(w) {
				cands = append(cands, cand{c.value, t, n, soundOf(t)})
			}
		}
		if near != "" {
			for _, t := range nearPinyinWords(near) {
				add(t, vocabDocs(t))
			}
		}
		if !few {
			continue // only (near) homophones, from the vocabulary
		}
		for _, t := range vocab.words {
			if oneRuneApart(t, w) {
				add(t, vocabDocs(t))
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
			// The dictionary's counts are not filled in: each word's
			// records are counted.
			if e.Term != w && utf8.RuneCountInString(e.Term) == utf8.RuneCountInString(w) {
				add(e.Term, docs(e.Term))
			}
		}
		d.Close()
	}
	if !few {
		cands = slices.DeleteFunc(cands, func(c cand) bool { return c.sound == soundOther })
	}
	slices.SortStableFunc(cands, func(a, b cand) int {
		if a.sound != b.sound {
			return cmp.Compare(a.sound, b.sound)
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

// oneRuneApart reports whether a and b have the same number of runes and
// differ in exactly one.
func oneRuneApart(a, b string) bool {
	if len(a) != len(b) {
		return false // a rune replaced by one of another width is missed
	}
	diff := 0
	rb := []rune(b)
	j := 0
	for _, r := range a {
		if j >= len(rb) {
			return false
		}
		if r != rb[j] {
			diff++
			if diff > 1 {
				return false
			}
		}
		j++
	}
	return diff == 1 && j == len(rb)
}
