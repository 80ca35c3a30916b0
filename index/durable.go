package index

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/xinfang/xinfang"
)

// Durability and a full disk. Scorch, in its default "safe" batch mode,
// introduces a batch's segment into the searchable snapshot and then waits
// for the persister; when persisting fails (no space left on device) Batch
// closes the segment although the snapshot still holds it, and every later
// batch or search that touches it panics ("assignment to entry in nil map"
// in zapx's dictionary cache). So the index runs scorch with unsafe_batch
// (Batch returns once the segment is searchable and nothing ever closes it
// behind the snapshot's back) and waits for durability itself, through the
// batch's persisted callback and scorch's asynchronous error callback:
//
//   - before a batch, the free space of the file system is checked against
//     Options.MinFreeBytes, and the batch is refused (EUNAVAILABLE) when low;
//   - after it, the writer waits until the persister has made it durable, or
//     until the persister reports an error, and then fails with EUNAVAILABLE.
//     The rows of a batch are set only once it is durable, so searches show
//     nothing a crash would lose; the persister keeps retrying;
//   - while the persister fails, later batches are refused at once (they
//     would only pile up in memory), until it succeeds again; the caller's
//     retry (the Kafka consumer does not commit meanwhile) then upserts the
//     same documents again;
//   - Health reports either condition until a batch is durable again.

// DefaultMinFreeBytes is the free space below which writes are refused.
const DefaultMinFreeBytes = 256 << 20

// asyncErrorCallback is the name under which scorch finds routeAsyncError.
const asyncErrorCallback = "xinfang-index"

// persistRetryPause slows down scorch's persister, which retries a failed
// persist at once and would otherwise spin on a full disk.
const persistRetryPause = 200 * time.Millisecond

// writers maps the path of an open Bleve index to its state, for the
// asynchronous error callback, which scorch calls with the path.
var writers sync.Map

func init() {
	// The registry is read when an index opens; it is filled here only.
	scorch.RegistryAsyncErrorCallbacks[asyncErrorCallback] = routeAsyncError
}

// routeAsyncError receives the errors of scorch's persister and merger;
// path is that of the scorch store, inside the index directory.
func routeAsyncError(err error, path string) {
	v, ok := writers.Load(filepath.Dir(path))
	if !ok {
		return
	}
	st := v.(*state)
	var se *scorch.ScorchError
	if !errors.As(err, &se) || se.ErrType != scorch.ErrPersist {
		return
	}
	// The merger retries by itself and its failures leave every batch
	// durable; only the persister's make batches wait.
	if se.Source == "persister" {
		st.writeFailed(errors.New(se.ErrMsg))
	}
	time.Sleep(persistRetryPause)
}

// writeHealth is what a state knows about its last writes.
type writeHealth struct {
	mu    sync.Mutex
	err   error     // the last write failure, nil once a batch is durable
	since time.Time // when the failures began
	// failed is closed and replaced on every failure, to wake writers
	// waiting for durability.
	failed chan struct{}
}

// writeFailed records a failure and wakes the writers waiting for
// durability.
func (st *state) writeFailed(err error) {
	h := &st.health
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.err == nil {
		h.since = time.Now()
	}
	h.err = err
	close(h.failed)
	h.failed = make(chan struct{})
}

// writeOK records that a batch is durable (called by the persisted
// callback, also for a batch whose writer has given up waiting).
func (st *state) writeOK() {
	h := &st.health
	h.mu.Lock()
	h.err = nil
	h.mu.Unlock()
}

// failures returns the channel closed at the next failure.
func (st *state) failures() <-chan struct{} {
	h := &st.health
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.failed
}

// writeErr returns the failure that lasts, or nil.
func (st *state) writeErr() error {
	h := &st.health
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.err == nil {
		return nil
	}
	return fmt.Errorf("writes failing for %s: %w", time.Since(h.since).Round(time.Second), h.err)
}

// checkDisk refuses a write when the file system of the index has less
// than min bytes free.
func (st *state) checkDisk(min int64) error {
	if st.path == "" || min <= 0 {
		return nil
	}
	free, err := freeBytes(st.path)
	if err != nil || free >= min {
		// A file system that cannot say is written to; a real failure
		// then shows in the write.
		return nil
	}
	return xinfang.Errorf(xinfang.EUNAVAILABLE, "disk low: %s free at %s, below the %s kept free", sizeMiB(free), st.path, sizeMiB(min))
}

// awaitDurable waits until the batch whose persisted callback sends on
// persisted is durable, a write fails, or ctx ends. failed is the state's
// failure channel taken before the batch.
func (st *state) awaitDurable(ctx context.Context, persisted <-chan error, failed <-chan struct{}) error {
	if persisted == nil {
		return nil
	}
	select {
	case err := <-persisted:
		if err != nil {
			return xinfang.Errorf(xinfang.EUNAVAILABLE, "index: persist: %v", err)
		}
		return nil
	case <-failed:
		select {
		case err := <-persisted:
			if err == nil {
				return nil
			}
		default:
		}
		return xinfang.Errorf(xinfang.EUNAVAILABLE, "index: batch not durable, %v", st.writeErr())
	case <-ctx.Done():
		return xinfang.Errorf(xinfang.EUNAVAILABLE, "index: batch not yet durable: %v", ctx.Err())
	}
}

// Health returns why the index cannot take writes now (disk low, writes
// failing), or nil. Reads are served either way. The message does not name
// the index: the caller does.
func (s *Store) Health() error {
	st, release, err := s.acquire()
	if err != nil {
		return err
	}
	defer release()
	if err := st.checkDisk(s.opts.MinFreeBytes); err != nil {
		return err
	}
	return st.writeErr()
}

func sizeMiB(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }
