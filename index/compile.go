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

// Column predicates. Filters and the field clauses of the query that the
// columns hold (category, city, county, kind, channel, status, risk_level,
// headcount) are evaluated on rows, never in Bleve.

const (
	colCity = iota
	colCounty
	colKind
	colChannel
	colStatus
	colLevel
	colHCBucket
	colOverdue // at pred.now
	colRepeat
	colJoint
)

// Facet fields, in the order of agg counters. A condition that comes from
// xinfang.Filters carries its facet so that the facet of a filtered field
// can be counted without that field's own filter (multi-select faceting);
// conditions of the query string carry noFacet.
const (
	facCategory = iota
	facCity
	facCounty
	facKind
	facChannel
	facStatus
	facLevel
	facHeadcount
	facOverdue
	facRepeat
	facJoint
	noFacet = -1
)

type setCon struct {
	col   int
	allow []bool // by code
	neg   bool
	facet int
}

type catCon struct {
	mask  uint64
	neg   bool
	facet int
}

type rangeCon struct {
	lo, hi int32
	neg    bool
}

// pred is a conjunction of conditions on a row.
type pred struct {
	none           bool // nothing can match
	hasCluster     bool
	cluster        int32 // the row's cluster when hasCluster
	hasFrom, hasTo bool
	fromSec, toSec int64 // [from, to)
	now            int64 // unix seconds against which deadlines are checked
	sets           []setCon
	cats           []catCon
	ranges         []rangeCon
}

// Results of pred.eval besides a facet number.
const (
	evalReject = -2
	evalMatch  = -1
)

// match reports whether r meets every condition.
func (p *pred) match(r *row) bool { return p.eval(r) == evalMatch }

// eval returns evalMatch when r meets every condition, the facet of the
// one Filters field it fails when that is all it fails, else evalReject.
func (p *pred) eval(r *row) int {
	if p.hasFrom && r.sec < p.fromSec || p.hasTo && r.sec >= p.toSec {
		return evalReject
	}
	if p.hasCluster && r.cluster != p.cluster {
		return evalReject
	}
	miss := evalMatch
	fail := func(facet int) bool {
		if facet == noFacet || miss != evalMatch && miss != facet {
			return true
		}
		miss = facet
		return false
	}
	for i := range p.cats {
		c := &p.cats[i]
		if (r.cats&c.mask != 0) == c.neg && fail(c.facet) {
			return evalReject
		}
	}
	for i := range p.sets {
		c := &p.sets[i]
		var v int
		switch c.col {
		case colCity:
			v = int(r.city)
		case colCounty:
			v = int(r.county)
		case colKind:
			v = int(r.kind)
		case colChannel:
			v = int(r.channel)
		case colStatus:
			v = int(r.status)
		case colLevel:
			v = int(r.level)
		case colHCBucket:
			v = int(headcountBucket(r.hc))
		case colOverdue:
			v = int(r.overdueCode(p.now))
		case colRepeat:
			v = int(r.repeatCode())
		case colJoint:
			v = int(r.jointCode())
		}
		in := v < len(c.allow) && c.allow[v]
		if in == c.neg && fail(c.facet) {
			return evalReject
		}
	}
	for i := range p.ranges {
		c := &p.ranges[i]
		in := r.hc >= 0 && r.hc >= c.lo && r.hc <= c.hi
		if in == c.neg {
			return evalReject
		}
	}
	return miss
}

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

// compileFilters turns xinfang.Filters into row conditions. Unknown
// values of open fields (category, city, county) match nothing; unknown
// values of closed enumerations are EINVALID. Caller holds st.mu.
func (st *state) compileFilters(f xinfang.Filters, p *pred, labels func(string) string) error {
	if !f.From.IsZero() {
		p.hasFrom, p.fromSec = true, f.From.Unix()
		if f.From.Nanosecond() > 0 {
			p.fromSec++
		}
	}
	if !f.To.IsZero() {
		p.hasTo, p.toSec = true, f.To.Unix()
		if f.To.Nanosecond() > 0 {
			p.toSec++
		}
	}
	if p.hasFrom && p.hasTo && p.fromSec >= p.toSec {
		p.none = true
	}
	if f.Cluster != "" {
		ci, ok := st.clusters.byKey[f.Cluster]
		p.hasCluster, p.cluster = true, ci
		if !ok {
			p.none = true // no such cluster (now): no members
		}
	}
	if len(f.Category) > 0 {
		var mask uint64
		for _, v := range f.Category {
			mask |= st.catMask(v, labels)
		}
		p.cats = append(p.cats, catCon{mask: mask, facet: facCategory})
	}
	open := func(col, facet int, d *dict, vals []string) {
		if len(vals) == 0 {
			return
		}
		allow := make([]bool, d.len())
		for _, v := range vals {
			if c, ok := d.lookup(v); ok && c != noValue {
				allow[c] = true
			}
		}
		p.sets = append(p.sets, setCon{col: col, allow: allow, facet: facet})
	}
	open(colCity, facCity, st.cities, f.City)
	open(colCounty, facCounty, st.counties, f.County)
	closed := func(col, facet int, field string, codes []string, vals []string, label func(string) string) error {
		if len(vals) == 0 {
			return nil
		}
		allow := make([]bool, len(codes)+1)
		for _, v := range vals {
			c := enumCode(codes, v)
			if c == noValue {
				for i, code := range codes {
					if label != nil && label(code) == v {
						c = uint8(i + 1)
					}
				}
			}
			if c == noValue {
				return xinfang.FieldError(field, "unknown value %q (want %s)", v, strings.Join(codes, ", "))
			}
			allow[c] = true
		}
		p.sets = append(p.sets, setCon{col: col, allow: allow, facet: facet})
		return nil
	}
	if err := closed(colKind, facKind, "kind", kindCodes, f.Kind, kindLabel); err != nil {
		return err
	}
	if err := closed(colChannel, facChannel, "channel", channelCodes, f.Channel, func(s string) string { return xinfang.Channel(s).Label() }); err != nil {
		return err
	}
	if err := closed(colStatus, facStatus, "status", statusCodes, f.Status, func(s string) string { return xinfang.Status(s).Label() }); err != nil {
		return err
	}
	if err := closed(colLevel, facLevel, "risk_level", levelCodes, f.RiskLevel, xinfang.RiskLabel); err != nil {
		return err
	}
	if err := closed(colHCBucket, facHeadcount, "headcount", headcountBuckets, f.Headcount, headcountLabel); err != nil {
		return err
	}
	// overdue=true is either kind.
	var overdue []string
	for _, v := range f.Overdue {
		if v == "true" {
			overdue = append(overdue, xinfang.DeadlineAcceptance, xinfang.DeadlineHandling)
		} else {
			overdue = append(overdue, v)
		}
	}
	if err := closed(colOverdue, facOverdue, "overdue", overdueCodes, overdue, xinfang.OverdueLabel); err != nil {
		return err
	}
	if err := closed(colRepeat, facRepeat, "repeat", flagCodes, f.Repeat, repeatLabel); err != nil {
		return err
	}
	return closed(colJoint, facJoint, "joint", flagCodes, f.Joint, jointLabel)
}

func repeatLabel(v string) string {
	if v == "true" {
		return "重件"
	}
	return "初件"
}

func jointLabel(v string) string {
	if v == "true" {
		return "联名件"
	}
	return "非联名件"
}

// catMask returns the bit of a category code or label, 0 when unknown.
func (st *state) catMask(v string, labels func(string) string) uint64 {
	if c, ok := st.cats.lookup(v); ok && c != noValue {
		return 1 << (c - 1)
	}
	for c := 1; c < st.cats.len(); c++ {
		if labels != nil && labels(st.cats.values[c]) == v {
			return 1 << (c - 1)
		}
	}
	return 0
}

func headcountLabel(b string) string {
	switch b {
	case "30+":
		return "30人及以上"
	case "":
		return ""
	}
	return b + "人"
}

// compile turns a parsed query and filters into a plan. reader is needed
// to expand prefixes and fuzzy words; it may be nil when pq has no text.
// Caller holds st.mu.
// concepts is nil when expansion is off.
func (st *state) compile(pq *parsedQuery, f xinfang.Filters, reader bindex.IndexReader, seg *nlp.Segmenter, concepts *Concepts, labels func(string) string) (*compiled, error) {
	c := &compiled{marks: map[string]bool{}}
	if err := st.compileFilters(f, &c.pred, labels); err != nil {
		return nil, err
	}
	var must, mustNot []query.Query
	expansions := 0
	for i := range pq.clauses {
		cl := &pq.clauses[i]
		neg := cl.occur == occurMustNot
		if !cl.textual() {
			st.columnClause(cl, &c.pred, labels)
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

// columnClause adds a field clause on a column to p.
func (st *state) columnClause(cl *clause, p *pred, labels func(string) string) {
	neg := cl.occur == occurMustNot
	v := strings.TrimSpace(cl.value)
	switch cl.field {
	case "category":
		m := st.catMask(v, labels)
		if m == 0 && !neg {
			p.none = true
		}
		p.cats = append(p.cats, catCon{mask: m, neg: neg, facet: noFacet})
	case "city", "county":
		d, col := st.cities, colCity
		if cl.field == "county" {
			d, col = st.counties, colCounty
		}
		allow := make([]bool, d.len())
		if code, ok := d.lookup(v); ok && code != noValue {
			allow[code] = true
		} else if !neg {
			p.none = true
		}
		p.sets = append(p.sets, setCon{col: col, allow: allow, neg: neg, facet: noFacet})
	case "kind", "channel", "status", "risk_level":
		codes, col := kindCodes, colKind
		switch cl.field {
		case "channel":
			codes, col = channelCodes, colChannel
		case "status":
			codes, col = statusCodes, colStatus
		case "risk_level":
			codes, col = levelCodes, colLevel
		}
		allow := make([]bool, len(codes)+1)
		allow[enumCode(codes, v)] = true // parseQuery validated the value
		p.sets = append(p.sets, setCon{col: col, allow: allow, neg: neg, facet: noFacet})
	case "headcount":
		p.ranges = append(p.ranges, rangeCon{lo: cl.min, hi: cl.max, neg: neg})
	}
}

// textClause returns the Bleve query of a text clause, or nil when its
// value holds no word (only punctuation).
func (st *state) textClause(cl *clause, reader bindex.IndexReader, seg *nlp.Segmenter, concepts *Concepts, c *compiled, expansions *int) (query.Query, error) {
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
		e := &expander{st: st, reader: reader, seg: seg, concepts: concepts, fields: fields, c: c, neg: neg}
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
