// Compiling a query: its text clauses become one Bleve query (expanded,
// with the words to highlight), its column clauses and the filters become
// the column engine's predicate (eval.go).

package index

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/nlp"
)

// compiled is a query and filters ready to run.
type compiled struct {
	text    query.Query // nil when the columns answer alone
	scoring bool        // text has clauses that rank
	phrases bool        // text has phrase queries (see deadlineReader)
	pred    pred
	// marks are the indexed words to highlight; prefixes too.
	marks    map[string]bool
	prefixes []string
	// expansions say how words were widened (see expand.go).
	expansions []xinfang.Expansion
}

// compile turns a parsed query and filters into a plan. reader is needed
// to expand prefixes and fuzzy words; it may be nil when pq has no text.
// The column conditions read the view's dictionaries under st.mu
// shared, the text ones only Bleve. concepts is nil when expansion is off.
func (st *reader) compile(pq *parsedQuery, f xinfang.Filters, reader bindex.IndexReader, seg *nlp.Segmenter, concepts *Concepts, labels func(string) string) (*compiled, error) {
	c := &compiled{marks: map[string]bool{}}
	var err error
	st.lookup(func() {
		if err = st.compileFilters(f, &c.pred, labels); err != nil {
			return
		}
		for i := range pq.clauses {
			if cl := &pq.clauses[i]; !cl.textual() {
				st.columnClause(cl, &c.pred, labels)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	var must, mustNot []query.Query
	expansions := 0
	for i := range pq.clauses {
		cl := &pq.clauses[i]
		neg := cl.occur == occurMustNot
		if !cl.textual() {
			continue
		}
		q, err := st.textClause(cl, reader, seg, concepts, c, &expansions)
		if err != nil {
			return nil, err
		}
		if q == nil {
			continue
		}
		if neg {
			mustNot = append(mustNot, q)
		} else {
			must = append(must, q)
		}
	}
	c.scoring = len(must) > 0
	switch {
	case len(must) == 0 && len(mustNot) == 0:
	case len(mustNot) == 0 && len(must) == 1:
		c.text = must[0]
	default:
		if len(must) == 0 {
			must = []query.Query{query.NewMatchAllQuery()}
		}
		c.text = query.NewBooleanQuery(must, nil, mustNot)
	}
	return c, nil
}

// textClause returns the Bleve query of a text clause, or nil when its
// value holds no word (only punctuation).
func (st *reader) textClause(cl *clause, reader bindex.IndexReader, seg *nlp.Segmenter, concepts *Concepts, c *compiled, expansions *int) (query.Query, error) {
	if cl.field == "subject" {
		ns := normSubject(cl.value)
		if ns == "" {
			return nil, nil
		}
		return termQuery(ns, fieldSubjects), nil
	}
	// The content field holds title and body (see fieldContent).
	fields := []string{fieldContent}
	if cl.field == "title" {
		fields = []string{fieldTitle}
	}
	neg := cl.occur == occurMustNot
	if !cl.phrase && !cl.prefix && !cl.fuzzy && concepts != nil {
		e := &expander{st: st.state, reader: reader, seg: seg, concepts: concepts, fields: fields, c: c, neg: neg}
		if con, ok := concepts.Lookup(cl.value); ok {
			return e.concept(cl.value, con), nil
		}
		toks := seg.Tokens(cl.value)
		switch len(toks) {
		case 0:
			return nil, nil
		case 1:
			return e.word(toks[0].Term), nil
		}
		qs := make([]query.Query, len(toks))
		for i, t := range toks {
			qs[i] = e.word(t.Term)
		}
		return query.NewConjunctionQuery(qs), nil
	}
	toks := seg.Tokens(cl.value)
	if len(toks) == 0 {
		if cl.prefix || cl.fuzzy {
			return nil, queryError(cl.pos, "%q holds no word to match", cl.value)
		}
		return nil, nil
	}
	terms := make([]string, len(toks))
	for i, t := range toks {
		terms[i] = t.Term
	}
	mark := func(t string) {
		if !neg {
			c.marks[t] = true
		}
	}
	anyField := func(mk func(field string) query.Query) query.Query {
		if len(fields) == 1 {
			return mk(fields[0])
		}
		qs := make([]query.Query, len(fields))
		for i, f := range fields {
			qs[i] = mk(f)
		}
		return query.NewDisjunctionQuery(qs)
	}
	term := func(t string) query.Query {
		mark(t)
		return anyField(func(f string) query.Query { return termQuery(t, f) })
	}
	expand := func(kind string, t string, dict func(field string) (bindex.FieldDict, error)) (query.Query, error) {
		return anyField2(fields, func(f string) (query.Query, error) {
			d, err := dict(f)
			if err != nil {
				return nil, fmt.Errorf("index: expand %s: %w", t, err)
			}
			defer d.Close()
			var qs []query.Query
			for {
				e, err := d.Next()
				if err != nil {
					return nil, fmt.Errorf("index: expand %s: %w", t, err)
				}
				if e == nil {
					break
				}
				if len(qs) == maxExpansions {
					return nil, queryError(cl.pos, "%s %q matches more than %d words; make it longer", kind, t, maxExpansions)
				}
				*expansions++
				if *expansions > maxTotalExpansions {
					return nil, queryError(cl.pos, "the query's prefixes and fuzzy words expand to more than %d words", maxTotalExpansions)
				}
				mark(e.Term)
				qs = append(qs, termQuery(e.Term, f))
			}
			if len(qs) == 0 {
				return query.NewMatchNoneQuery(), nil
			}
			if len(qs) == 1 {
				return qs[0], nil
			}
			return query.NewDisjunctionQuery(qs), nil
		})
	}
	switch {
	case cl.fuzzy:
		if len(terms) != 1 {
			return nil, queryError(cl.pos, "fuzzy matching works on one word; %q is %d words (%s)", cl.value, len(terms), strings.Join(terms, " "))
		}
		if utf8.RuneCountInString(terms[0]) < minFuzzyRunes {
			return nil, queryError(cl.pos, "近似匹配（~）至少需要%d个字 (fuzzy matching needs a word of at least %d characters)", minFuzzyRunes, minFuzzyRunes)
		}
		return expand("fuzzy word", terms[0], func(f string) (bindex.FieldDict, error) {
			fr, ok := reader.(bindex.IndexReaderFuzzy)
			if !ok {
				return nil, fmt.Errorf("index: reader %T has no fuzzy dictionary", reader)
			}
			return fr.FieldDictFuzzy(f, terms[0], 1, "")
		})
	case cl.prefix:
		last := terms[len(terms)-1]
		if utf8.RuneCountInString(last) < minPrefixRunes {
			return nil, queryError(cl.pos, "the word before * must have at least %d characters (%q in %s*)", minPrefixRunes, last, cl.value)
		}
		pq, err := expand("prefix", last+"*", func(f string) (bindex.FieldDict, error) {
			return reader.FieldDictPrefix(f, []byte(last))
		})
		if err != nil {
			return nil, err
		}
		if !neg {
			c.prefixes = append(c.prefixes, last)
		}
		if len(terms) == 1 {
			return pq, nil
		}
		qs := []query.Query{pq}
		for _, t := range terms[:len(terms)-1] {
			qs = append(qs, term(t))
		}
		return query.NewConjunctionQuery(qs), nil
	case len(terms) == 1:
		return term(terms[0]), nil
	case cl.phrase:
		c.phrases = true
		for _, t := range terms {
			mark(t)
		}
		return anyField(func(f string) query.Query { return query.NewPhraseQuery(terms, f) }), nil
	default:
		qs := make([]query.Query, len(terms))
		for i, t := range terms {
			qs[i] = term(t)
		}
		return query.NewConjunctionQuery(qs), nil
	}
}

func anyField2(fields []string, mk func(field string) (query.Query, error)) (query.Query, error) {
	qs := make([]query.Query, 0, len(fields))
	for _, f := range fields {
		q, err := mk(f)
		if err != nil {
			return nil, err
		}
		qs = append(qs, q)
	}
	if len(qs) == 1 {
		return qs[0], nil
	}
	return query.NewDisjunctionQuery(qs), nil
}

func termQuery(term, field string) query.Query {
	q := query.NewTermQuery(term)
	q.SetField(field)
	return q
}

// postings returns the number of documents holding term in field, 0 when
// the reader cannot say.
func postings(reader bindex.IndexReader, term, field string) uint64 {
	if reader == nil {
		return 0
	}
	tfr, err := reader.TermFieldReader(context.Background(), []byte(term), field, false, false, false)
	if err != nil {
		return 0
	}
	defer tfr.Close()
	return tfr.Count()
}
