// Search: the request checked, admitted (expensive.go), planned (a Bleve
// snapshot when the query has text, the query and filters compiled), scanned
// into aggregations and top-k (scan.go, agg.go, topk.go), and its hits built
// (hits.go).

package index

import (
	"context"
	"time"

	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/xinfang/xinfang"
)

// DefaultSearchTimeout is the default of Options.SearchTimeout.
const DefaultSearchTimeout = time.Second

// Search runs a faceted search. Facets count the documents that match the
// query and all filters, except that the facet of a field with a filter
// ignores that field's own filter (multi-select faceting): selecting a
// value, in place of the field's current selection, returns exactly its
// count. Values within one field are ORed, so for an unfiltered field this
// is plain drill-down.
func (s *Store) Search(ctx context.Context, req xinfang.SearchRequest) (xinfang.SearchResult, error) {
	start := time.Now()
	if req.Size < 0 || req.Size > xinfang.MaxSearchSize {
		return xinfang.SearchResult{}, xinfang.FieldError("size", "must be between 0 and %d, not %d", xinfang.MaxSearchSize, req.Size)
	}
	sortBy := req.Sort
	if sortBy == "" {
		sortBy = xinfang.SortRelevance
	}
	switch sortBy {
	case xinfang.SortRelevance, xinfang.SortDate, xinfang.SortRisk:
	default:
		return xinfang.SearchResult{}, xinfang.FieldError("sort", "unknown value %q (want relevance, date or risk)", req.Sort)
	}
	switch req.Interval {
	case "", xinfang.IntervalDay, xinfang.IntervalWeek, xinfang.IntervalMonth:
	default:
		return xinfang.SearchResult{}, xinfang.FieldError("interval", "unknown value %q (want day, week or month)", req.Interval)
	}
	pq, err := parseQuery(req.Query)
	if err != nil {
		return xinfang.SearchResult{}, err
	}
	pq.noExpand = req.NoExpand
	ctx, cancel := context.WithTimeout(ctx, s.opts.SearchTimeout)
	defer cancel()

	st, release, workers, err := s.admit(ctx, pq)
	if err != nil {
		return xinfang.SearchResult{}, err
	}
	defer release()

	sn, plan, err := st.plan(pq, req.Filters, s)
	if err != nil {
		return xinfang.SearchResult{}, err
	}
	if sn != nil {
		defer sn.close()
	}
	if sortBy == xinfang.SortRelevance && !plan.scoring {
		sortBy = xinfang.SortDate
	}
	var cur *cursor
	if req.Cursor != "" {
		if cur, err = decodeCursor(req.Cursor, sortBy); err != nil {
			return xinfang.SearchResult{}, err
		}
	}
	aggs := make([]*agg, workers)
	tops := make([]*topK, workers)
	err = st.scanPar(ctx, sn, plan, sortBy == xinfang.SortRelevance, workers, func(w int) func(uint32, *row, float64, int) {
		a := st.newAgg(plan.pred.now)
		top := &topK{st: st.engine, sortBy: sortBy, k: req.Size, after: cur}
		aggs[w], tops[w] = a, top
		return func(o uint32, r *row, score float64, miss int) {
			if miss != evalMatch {
				a.facet(miss, r)
				return
			}
			a.add(r)
			top.offer(o, r, score)
		}
	})
	if err != nil {
		return xinfang.SearchResult{}, err
	}
	a, top := aggs[0], tops[0]
	for w := 1; w < workers; w++ {
		a.merge(aggs[w])
		top.merge(tops[w])
	}
	res := xinfang.SearchResult{
		Total:      uint64(a.total),
		People:     uint64(a.people),
		Hits:       []xinfang.Hit{},
		Facets:     st.facets(a, s.opts.CategoryLabel),
		Histogram:  a.histogram(&plan.pred, req.Interval),
		Expansions: plan.expansions,
	}
	ranked := top.sorted()
	for _, c := range ranked {
		h, err := st.hit(c.ord, plan, s)
		if xinfang.ErrorCode(err) == xinfang.ENOTFOUND {
			continue // deleted while the search ran
		}
		if err != nil {
			return xinfang.SearchResult{}, err
		}
		res.Hits = append(res.Hits, h)
	}
	if top.afterCount > req.Size && len(ranked) > 0 {
		res.Cursor = top.cursorOf(ranked[len(ranked)-1])
	}
	if sn != nil && req.Cursor == "" {
		var concepts *Concepts // what a suggestion finds is counted as it is searched
		if !pq.noExpand {
			concepts = s.concepts.get()
		}
		res.Suggestions = suggest(req.Query, pq, sn.reader, res.Total, concepts)
	}
	res.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return res, nil
}

// plan opens a snapshot when the query needs Bleve and compiles the
// query and the filters.
func (st *reader) plan(pq *parsedQuery, f xinfang.Filters, s *Store) (*snapshot, *compiled, error) {
	var sn *snapshot
	var err error
	if pq.hasText() {
		if sn, err = st.openSnapshot(); err != nil {
			return nil, nil, err
		}
	}
	var ir bindex.IndexReader
	if sn != nil {
		ir = sn.reader
	}
	var concepts *Concepts
	if !pq.noExpand {
		concepts = s.concepts.get()
	}
	plan, err := st.compile(pq, f, ir, s.seg, concepts, s.opts.CategoryLabel)
	if err != nil {
		if sn != nil {
			sn.close()
		}
		return nil, nil, err
	}
	plan.pred.now = s.now().Unix()
	if plan.text == nil && sn != nil {
		sn.close()
		sn = nil
	}
	return sn, plan, nil
}
