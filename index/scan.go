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

// reader is what a read request uses: the published view of the column
// engine (cow.go), read without st.mu, and the state it belongs to, for
// Bleve. Selectors of the engine's fields and methods reach the view
// (depth one), the state's own reach the state. The view's maps (the
// dictionaries' codes, the ordinal table and the cluster keys) are the
// writer's: a reader reads them only under st.mu shared (compile, lookup).
// A Bleve snapshot opened after the view may be newer: a hit on an
// ordinal past the view's rows, or dead in it, is skipped.
type reader struct {
	*engine
	*state
}

// reader returns a reader of the last published view.
func (st *state) reader() *reader { return &reader{engine: st.view.Load(), state: st} }

// publish makes the engine as it is the view that reads see. Caller holds
// st.mu exclusively.
func (st *state) publish() { st.view.Store(st.freeze()) }

// lookup runs fn, which reads the view's maps, under st.mu shared: a short
// lock, never held through a scan.
func (st *reader) lookup(fn func()) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	fn()
}

// scan calls fn for every live document that matches plan, in one
// goroutine.
func (st *reader) scan(ctx context.Context, sn *snapshot, plan *compiled, wantScore bool, fn func(ord uint32, r *row, score float64)) error {
	return st.scanPar(ctx, sn, plan, wantScore, 1, func(int) func(uint32, *row, float64, int) {
		return func(o uint32, r *row, score float64, miss int) {
			if miss == evalMatch {
				fn(o, r, score)
			}
		}
	})
}

// scanHook, when set (by tests), runs at the start of every scan, once
// its view and snapshot are taken.
var scanHook func()

// parallelMinRows is the index size from which a search uses several
// workers.
var parallelMinRows = 50000

// workers returns the number of goroutines a search uses.
func (st *reader) workers() int {
	if st.rows.len() < parallelMinRows {
		return 1
	}
	return min(runtime.GOMAXPROCS(0), 4)
}

// scanPar splits the documents into workers ranges, each scanned by its
// own goroutine calling its own sink (made by sink(w) before any starts):
// for every live document that matches plan with miss evalMatch, and for
// every one that fails only one Filters field with miss that field's
// facet.
func (st *reader) scanPar(ctx context.Context, sn *snapshot, plan *compiled, wantScore bool, workers int, sink func(w int) func(o uint32, r *row, score float64, miss int)) error {
	fns := make([]func(uint32, *row, float64, int), workers)
	for w := range fns {
		fns[w] = sink(w)
	}
	if scanHook != nil {
		scanHook()
	}
	if plan.pred.none {
		return nil
	}
	errs := make([]error, workers)
	run := func(w int) {
		if plan.text == nil {
			n := st.rows.len()
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

// scanRows evaluates rows lo..hi-1, a chunk at a time.
func (st *reader) scanRows(ctx context.Context, plan *compiled, lo, hi int, fn func(uint32, *row, float64, int)) error {
	for o := lo; o < hi; {
		if ctx.Err() != nil {
			return timeoutError(ctx)
		}
		ch := st.rows.chunk(o >> cowShift)
		base := o &^ cowMask
		ch = ch[o-base : min(len(ch), hi-base)]
		for i := range ch {
			r := &ch[i]
			if !r.alive {
				continue
			}
			if m := plan.pred.eval(r); m != evalReject {
				fn(uint32(o+i), r, 0, m)
			}
		}
		o += len(ch)
	}
	return nil
}

func timeoutError(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &xinfang.Error{Code: xinfang.EUNAVAILABLE, Message: "the search took too long; narrow the query or the filters", Err: ctx.Err()}
	}
	return &xinfang.Error{Code: xinfang.EUNAVAILABLE, Message: "the search was cancelled", Err: ctx.Err()}
}
