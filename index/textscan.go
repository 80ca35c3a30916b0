// The read side of the door between Bleve and the column engine: the Bleve
// query of a plan runs over a range of the snapshot's document numbers;
// each hit is mapped to its ordinal (segments.go), its live row taken from
// the engine (columnEngine.liveRow) and evaluated against the plan's
// predicate.

package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
)

// scanText runs the Bleve query over the document numbers lo..hi-1 of sn.
func (st *reader) scanText(ctx context.Context, sn *snapshot, plan *compiled, wantScore bool, lo, hi uint64, fn func(uint32, *row, float64, int)) error {
	if lo >= hi {
		return nil
	}
	opts := search.SearcherOptions{Score: "none"}
	if wantScore {
		opts.Score = ""
	}
	reader := sn.reader
	if plan.phrases {
		reader = &deadlineReader{IndexReader: sn.reader, ctx: ctx}
	}
	sr, err := plan.text.Searcher(ctx, reader, st.idx.Mapping(), opts)
	if err != nil {
		if ctx.Err() != nil {
			return timeoutError(ctx)
		}
		return fmt.Errorf("index: searcher: %w", err)
	}
	defer sr.Close()
	sctx := &search.SearchContext{
		DocumentMatchPool: search.NewDocumentMatchPool(sr.DocumentMatchPoolSize()+1, 0),
		IndexReader:       reader,
	}
	var dm *search.DocumentMatch
	if ctx.Err() != nil {
		return timeoutError(ctx)
	}
	if lo > 0 {
		dm, err = sr.Advance(sctx, bindex.NewIndexInternalID(nil, lo))
	} else {
		dm, err = sr.Next(sctx)
	}
	cur := 0
	for n := 1; ; n++ {
		if err != nil {
			if ctx.Err() != nil {
				return timeoutError(ctx)
			}
			return fmt.Errorf("index: search: %w", err)
		}
		if dm == nil || dm.IndexInternalID.Value() >= hi {
			return nil
		}
		o := sn.ord(dm.IndexInternalID, &cur)
		score := dm.Score
		sctx.DocumentMatchPool.Put(dm)
		if r := st.liveRow(o); r != nil {
			if m := plan.pred.eval(r); m != evalReject {
				fn(o, r, score, m)
			}
		}
		if n&0xfff == 0 && ctx.Err() != nil {
			return timeoutError(ctx)
		}
		dm, err = sr.Next(sctx)
	}
}
