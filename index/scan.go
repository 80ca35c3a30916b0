// Executing a plan: the rows of the column engine, or the Bleve query's hits
// mapped to ordinals (textscan.go), evaluated against the compiled filters, in up to four
// ranges at once, each calling its own sink.

package index

import (
	"context"
	"errors"
	"runtime"
	"sync"

	"github.com/xinfang/xinfang"
)

// scan calls fn for every live document that matches plan, in one
// goroutine. Caller holds st.mu shared.
func (st *state) scan(ctx context.Context, sn *snapshot, plan *compiled, wantScore bool, fn func(ord uint32, r *row, score float64)) error {
	return st.scanPar(ctx, sn, plan, wantScore, 1, func(int) func(uint32, *row, float64, int) {
		return func(o uint32, r *row, score float64, miss int) {
			if miss == evalMatch {
				fn(o, r, score)
			}
		}
	})
}

// parallelMinRows is the index size from which a search uses several
// workers.
var parallelMinRows = 50000

// workers returns the number of goroutines a search uses.
func (st *state) workers() int {
	if len(st.rows) < parallelMinRows {
		return 1
	}
	return min(runtime.GOMAXPROCS(0), 4)
}

// scanPar splits the documents into workers ranges, each scanned by its
// own goroutine calling its own sink (made by sink(w) before any starts):
// for every live document that matches plan with miss evalMatch, and for
// every one that fails only one Filters field with miss that field's
// facet. Caller holds st.mu shared.
func (st *state) scanPar(ctx context.Context, sn *snapshot, plan *compiled, wantScore bool, workers int, sink func(w int) func(o uint32, r *row, score float64, miss int)) error {
	fns := make([]func(uint32, *row, float64, int), workers)
	for w := range fns {
		fns[w] = sink(w)
	}
	if plan.pred.none {
		return nil
	}
	errs := make([]error, workers)
	run := func(w int) {
		if plan.text == nil {
			n := len(st.rows)
			errs[w] = st.scanRows(ctx, plan, n*w/workers, n*(w+1)/workers, fns[w])
			return
		}
		n := sn.docs()
		errs[w] = st.scanText(ctx, sn, plan, wantScore, n*uint64(w)/uint64(workers), n*uint64(w+1)/uint64(workers), fns[w])
	}
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			run(w)
		}(w)
	}
	run(0)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// scanRows evaluates rows lo..hi-1.
func (st *state) scanRows(ctx context.Context, plan *compiled, lo, hi int, fn func(uint32, *row, float64, int)) error {
	for o := lo; o < hi; o++ {
		if o&0xffff == 0 && ctx.Err() != nil {
			return timeoutError(ctx)
		}
		r := &st.rows[o]
		if !r.alive {
			continue
		}
		if m := plan.pred.eval(r); m != evalReject {
			fn(uint32(o), r, 0, m)
		}
	}
	return nil
}

func timeoutError(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &xinfang.Error{Code: xinfang.EUNAVAILABLE, Message: "the search took too long; narrow the query or the filters", Err: ctx.Err()}
	}
	return &xinfang.Error{Code: xinfang.EUNAVAILABLE, Message: "the search was cancelled", Err: ctx.Err()}
}
