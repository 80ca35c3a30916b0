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
	st, release, err := s.acquire()
	if err != nil {
		return nil, nil, err
	}
	defer release()
	st.mu.RLock()
	defer st.mu.RUnlock()

	inBatch := make(map[uint32]bool, len(ids))
	ords := make([]uint32, 0, len(ids))
	for _, id := range ids {
		if o, ok := st.idOrd[id]; ok && st.rows[o].alive && !inBatch[o] {
			inBatch[o] = true
			ords = append(ords, o)
		}
	}
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
	var reader bindex.IndexReader
	if sn != nil {
		reader = sn.reader
	}
	concepts := s.concepts.get()
	for i, r := range reqs {
		if errs[i] != nil {
			continue
		}
		plan, err := st.compile(parsed[i], r.Filters, reader, s.seg, concepts, s.opts.CategoryLabel)
		if err != nil {
			errs[i] = err
			continue
		}
		if plan.pred.none {
			continue
		}
		add := func(o uint32) {
			m := xinfang.Match{ID: st.ids[o], Date: time.Unix(st.rows[o].sec, 0).In(cst)}
			if ci := st.rows[o].cluster; ci >= 0 {
				c := st.clusters.list[ci]
				m.Cluster, m.ClusterCount = c.key, c.count
			}
			out[i] = append(out[i], m)
		}
		if plan.text == nil {
			for _, o := range ords {
				if plan.pred.match(&st.rows[o]) {
					add(o)
				}
			}
			continue
		}
		err = st.scanText(ctx, sn, plan, false, lo, hi, func(o uint32, _ *row, _ float64, m int) {
			if m == evalMatch && inBatch[o] {
				add(o)
			}
		})
		if err != nil {
			if ctx.Err() != nil {
				return nil, nil, err
			}
			errs[i] = err
		}
	}
	return out, errs, nil
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
