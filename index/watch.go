package index

import (
	"context"
	"time"

	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/xinfang/xinfang"
)

// Match evaluates stored searches (watches) against the documents with the
// given ids, which were just indexed, with the query compiler and the row
// conditions of Search, so that a document matches exactly when Search
// with the same query and filters would return it. Text queries run only
// over the document numbers of the batch (they sit together in the newest
// segment), so the cost follows the batch, not the index. errs[i] reports
// a request that cannot be evaluated (a bad query, or a prefix that now
// expands to too many words); err a failure of the index.
func (s *Store) Match(ctx context.Context, reqs []xinfang.MatchRequest, ids []string) (out [][]xinfang.Match, errs []error, err error) {
	out = make([][]xinfang.Match, len(reqs))
	errs = make([]error, len(reqs))
	if len(reqs) == 0 || len(ids) == 0 {
		return out, errs, nil
	}
	parsed := make([]*parsedQuery, len(reqs))
	text := false
	for i, r := range reqs {
		if parsed[i], errs[i] = parseQuery(r.Query); errs[i] == nil && parsed[i].hasText() {
			text = true
		}
	}
	state, release, err := s.acquire()
	if err != nil {
		return nil, nil, err
	}
	defer release()
	// The batch was published when Index returned: the view has its rows.
	st := state.reader()
	inBatch := make(map[uint32]bool, len(ids))
	ords := make([]uint32, 0, len(ids))
	st.lookup(func() {
		for _, id := range ids {
			if o, ok := st.ordOf(id); ok && st.rows.at(o).alive && !inBatch[o] {
				inBatch[o] = true
				ords = append(ords, o)
			}
		}
	})
	if len(ords) == 0 {
		return out, errs, nil
	}
	var sn *snapshot
	var lo, hi uint64
	if text {
		if sn, err = st.openSnapshot(); err != nil {
			return nil, nil, err
		}
		defer sn.close()
		lo, hi = sn.span(inBatch)
	}
	var ir bindex.IndexReader
	if sn != nil {
		ir = sn.reader
	}
	concepts := s.concepts.get()
	// The text part of a query is the same for every watch that has it:
	// its matches among the batch are searched once.
	textHits := map[string]map[uint32]bool{}
	for i, r := range reqs {
		if errs[i] != nil {
			continue
		}
		plan, err := st.compile(parsed[i], r.Filters, ir, s.seg, concepts, s.opts.CategoryLabel)
		if err != nil {
			errs[i] = err
			continue
		}
		if plan.pred.none {
			continue
		}
		// The row conditions are cheap: a watch whose filters no new
		// document meets needs no text search.
		pass := ords[:0:0]
		for _, o := range ords {
			if plan.pred.match(st.rows.at(o)) {
				pass = append(pass, o)
			}
		}
		if len(pass) == 0 {
			continue
		}
		add := func(o uint32) {
			m := xinfang.Match{ID: st.ids[o], Date: time.Unix(st.rows.at(o).sec, 0).In(cst)}
			if ci := st.rows.at(o).cluster; ci >= 0 {
				c := st.clusters.at(ci)
				m.Cluster, m.ClusterCount = c.key, c.count
			}
			out[i] = append(out[i], m)
		}
		if plan.text == nil {
			for _, o := range pass {
				add(o)
			}
			continue
		}
		hits, ok := textHits[r.Query]
		if !ok {
			hits = map[uint32]bool{}
			textOnly := &compiled{text: plan.text, phrases: plan.phrases}
			err = st.scanText(ctx, sn, textOnly, false, lo, hi, func(o uint32, _ *row, _ float64, _ int) {
				if inBatch[o] {
					hits[o] = true
				}
			})
			if err != nil {
				if ctx.Err() != nil {
					return nil, nil, err
				}
				errs[i] = err
				continue
			}
			textHits[r.Query] = hits
		}
		for _, o := range pass {
			if hits[o] {
				add(o)
			}
		}
	}
	return out, errs, nil
}

// CountMatches returns the number of documents Search finds for query and
// f, without its facets, histogram and hits.
func (s *Store) CountMatches(ctx context.Context, query string, f xinfang.Filters) (int, error) {
	pq, err := parseQuery(query)
	if err != nil {
		return 0, err
	}
	ctx, cancel := context.WithTimeout(ctx, s.opts.SearchTimeout)
	defer cancel()
	state, release, err := s.acquire()
	if err != nil {
		return 0, err
	}
	defer release()
	st := state.reader()
	sn, plan, err := st.plan(pq, f, s)
	if err != nil {
		return 0, err
	}
	if sn != nil {
		defer sn.close()
	}
	n := 0
	err = st.scan(ctx, sn, plan, false, func(uint32, *row, float64) { n++ })
	return n, err
}

// span returns the range [lo, hi) of document numbers that holds the
// live documents of the ordinals in want. A batch is one new segment, so
// the newest segments are searched first and the search stops when every
// ordinal is found.
func (sn *snapshot) span(want map[uint32]bool) (lo, hi uint64) {
	found := make(map[uint32]bool, len(want))
	lo, hi = ^uint64(0), 0
	for i := len(sn.maps) - 1; i >= 0 && len(found) < len(want); i-- {
		for local, o := range sn.maps[i] {
			if o == noOrd || !want[o] || found[o] {
				continue
			}
			found[o] = true
			n := sn.offsets[i] + uint64(local)
			lo, hi = min(lo, n), max(hi, n+1)
		}
	}
	if hi == 0 {
		return 0, 0
	}
	return lo, hi
}
