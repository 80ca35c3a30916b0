package index

import (
	"context"
	"math"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/nlp"
)

// Query expansion: concepts (concepts.go) and compounds.
//
// A query word w is searched as:
//
//	w itself (boost exactBoost), and when w is a compound of dictionary
//	words that gse keeps whole (补偿标准) and no concept holds, its parts in order with at most
//	maxCompoundGap words between them (补偿的标准, 补偿和安置标准);
//	when w is a term of a concept: every other term of the concept as
//	written (boost 1), and the records classified in the concept's
//	category (boost categoryBoost).
//
// The word as written ranks first; a record that says it in other words
// comes next, one only classified in the category last. Neither a concept's
// words nor its terms are split into parts, and terms the segmenter splits
// are left out: phrases over common words cost ten to a hundred times the
// rest of the search (measured at 200k documents: 欠薪 330 ms with them, 10 ms
// without), and the category finds those records anyway.

const (
	exactBoost     = 10.0
	partsBoost     = 1.5
	categoryBoost  = 0.3
	maxCompoundGap = 2
)

// expander builds the Bleve queries of expanded words for one compile.
type expander struct {
	st       *state
	reader   bindex.IndexReader // nil: no parts (no index to size them)
	seg      *nlp.Segmenter
	concepts *Concepts // nil: expansion off
	fields   []string
	c        *compiled
	neg      bool
}

// word returns the query of one word of a plain text clause.
func (e *expander) word(w string) query.Query {
	if e.concepts != nil {
		if con, ok := e.concepts.Lookup(w); ok {
			return e.concept(w, con)
		}
		if q, ok := e.place(w); ok {
			return q
		}
	}
	return e.compound(w, true)
}

// place returns the query of a word that names a 盟市 or 旗县 of the
// gazetteer (呼和浩特, 呼市, 土左旗): the word in the text, or the records
// filed under the place.
func (e *expander) place(w string) (query.Query, bool) {
	if !e.st.placeField || utf8.RuneCountInString(w) < 2 {
		return nil, false
	}
	pl, ok := homeGazetteer().Resolve(w)
	if !ok {
		return nil, false
	}
	var key string
	switch pl.Level {
	case nlp.LevelCity:
		key = pl.City
	case nlp.LevelCounty:
		key = pl.County
	}
	if key == "" {
		return nil, false
	}
	e.c.expansions = append(e.c.expansions, xinfang.Expansion{Word: w, Place: key})
	return query.NewDisjunctionQuery([]query.Query{e.compound(w, false), boosted(termQuery(key, fieldPlaces), categoryBoost)}), true
}

// compound returns the query of a single token: the term, or the term
// or its parts in order when it is a compound (and split is set).
func (e *expander) compound(t string, split bool) query.Query {
	e.mark(t)
	exact := e.anyField(func(f string) query.Query { return termQuery(t, f) })
	if !split || e.concepts == nil {
		return exact
	}
	parts := e.seg.Parts(t)
	if parts == nil || !e.cheapParts(parts) {
		return exact
	}
	for _, p := range parts {
		e.mark(p)
	}
	e.c.expansions = append(e.c.expansions, xinfang.Expansion{Word: t, Parts: parts})
	e.c.phrases = true
	var qs []query.Query
	for _, gaps := range gapPatterns(len(parts)) {
		terms := make([]string, 0, len(parts)+maxCompoundGap)
		for i, p := range parts {
			if i > 0 {
				for g := 0; g < gaps[i-1]; g++ {
					terms = append(terms, "")
				}
			}
			terms = append(terms, p)
		}
		qs = append(qs, boosted(e.anyField(func(f string) query.Query {
			return query.NewPhraseQuery(terms, f)
		}), partsBoost))
	}
	return query.NewDisjunctionQuery([]query.Query{boosted(exact, exactBoost), query.NewDisjunctionQuery(qs)})
}

// maxPartDocs bounds the documents of the rarest part of a compound that is
// matched by its parts: a phrase reads the positions of every document
// holding all parts, and over common words (拖欠, 工资) that costs more
// than the rest of the search.
const maxPartDocs = 5000

// cheapParts reports whether the rarest part is in at most maxPartDocs
// documents (of the content field).
func (e *expander) cheapParts(parts []string) bool {
	if e.reader == nil {
		return false
	}
	least := uint64(math.MaxUint64)
	for _, p := range parts {
		r, err := e.reader.TermFieldReader(context.Background(), []byte(p), fieldContent, false, false, false)
		if err != nil {
			return false
		}
		least = min(least, r.Count())
		r.Close()
	}
	return least <= maxPartDocs
}

// gapPatterns lists the gaps between n parts, each gap 0..maxCompoundGap
// words and together at most maxCompoundGap.
func gapPatterns(n int) [][]int {
	var out [][]int
	var rec func(prefix []int, left int)
	rec = func(prefix []int, left int) {
		if len(prefix) == n-1 {
			out = append(out, append([]int(nil), prefix...))
			return
		}
		for g := 0; g <= left; g++ {
			rec(append(prefix, g), left-g)
		}
	}
	rec(nil, maxCompoundGap)
	return out
}

// concept returns the query of a word that is a term of con.
func (e *expander) concept(w string, con Concept) query.Query {
	exp := xinfang.Expansion{Word: w, Concept: con.Name}
	folded := foldTerm(w)
	var syn []query.Query
	for _, t := range con.Terms {
		if t == folded {
			continue
		}
		if q := e.synonym(t); q != nil {
			syn = append(syn, q)
			exp.Terms = append(exp.Terms, t)
		}
	}
	qs := []query.Query{e.text(w, false)}
	if len(syn) > 0 {
		qs = append(qs, query.NewDisjunctionQuery(syn))
	}
	if con.Category != "" && e.st.catField {
		cq := termQuery(con.Category, fieldCategories)
		qs = append(qs, boosted(cq, categoryBoost))
		exp.Category = con.Category
	}
	if con.Risk != "" && e.st.riskField {
		qs = append(qs, boosted(termQuery(con.Risk, fieldRisk), categoryBoost))
		exp.Risk = con.Risk
	}
	e.c.expansions = append(e.c.expansions, exp)
	return query.NewDisjunctionQuery(qs)
}

// synonym returns the term query of a concept's term that the segmenter
// keeps as one word, nil for one it splits: phrases over common words cost
// more than the whole expansion (the category finds those records anyway).
func (e *expander) synonym(t string) query.Query {
	toks := e.seg.Tokens(t)
	if len(toks) != 1 {
		return nil
	}
	e.mark(toks[0].Term)
	return e.anyField(func(f string) query.Query { return termQuery(toks[0].Term, f) })
}

// text returns the query of a term as written: one token as a term (a
// compound split into parts when split is set), several as a phrase; nil
// when it holds no word.
func (e *expander) text(s string, split bool) query.Query {
	toks := e.seg.Tokens(s)
	switch len(toks) {
	case 0:
		return nil
	case 1:
		return e.compound(toks[0].Term, split)
	}
	terms := make([]string, len(toks))
	for i, t := range toks {
		terms[i] = t.Term
		e.mark(t.Term)
	}
	e.c.phrases = true
	return e.anyField(func(f string) query.Query { return query.NewPhraseQuery(terms, f) })
}

func (e *expander) mark(t string) {
	if !e.neg {
		e.c.marks[t] = true
	}
}

func (e *expander) anyField(mk func(field string) query.Query) query.Query {
	if len(e.fields) == 1 {
		return mk(e.fields[0])
	}
	qs := make([]query.Query, len(e.fields))
	for i, f := range e.fields {
		qs[i] = mk(f)
	}
	return query.NewDisjunctionQuery(qs)
}

// boosted sets the boost of q when its type has one.
func boosted(q query.Query, b float64) query.Query {
	if bq, ok := q.(query.BoostableQuery); ok {
		bq.SetBoost(b)
	}
	return q
}
