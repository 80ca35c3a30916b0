// The write path: upserts and deletions under the write lock, ordinals first,
// then the Bleve batch with its watermark, deletion log and checkpoint, then,
// once the batch is durable, the rows.

package index

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	"github.com/xinfang/xinfang"
)

// Index adds or replaces docs by id in one batch. It returns when the batch
// is durable. An invalid document fails the whole call with an EINVALID
// error naming it, before anything is written.
func (s *Store) Index(ctx context.Context, docs []xinfang.Document) error {
	return s.IndexCheckpoint(ctx, docs, nil)
}

// apply writes upserts ps and deletions dels to the state: ordinals first
// (so a new segment can be mapped), then the Bleve batch, then, once it is
// durable (durable.go), the rows. A non-nil cp is stored as the checkpoint
// in the same batch (checkpoint.go). minFree is Options.MinFreeBytes.
func (st *state) apply(ctx context.Context, ps []prepared, dels []string, cp []byte, minFree int64) error {
	if err := st.checkDisk(minFree); err != nil {
		return xinfang.Errorf(xinfang.EUNAVAILABLE, "index: %v", err)
	}
	if err := st.writeErr(); err != nil {
		return xinfang.Errorf(xinfang.EUNAVAILABLE, "index: %v", err)
	}
	st.mu.Lock()
	ords := make([]uint32, len(ps))
	for i, p := range ps {
		ords[i] = st.ordFor(p.id)
	}
	st.mu.Unlock()
	w, err := st.stampBatch(ps)
	if err != nil {
		return err
	}
	b := st.idx.NewBatch()
	for _, p := range ps {
		if err := b.Index(p.id, p.doc); err != nil {
			return xinfang.FieldError("", "cannot index document %q: %v", p.id, err)
		}
	}
	for _, id := range dels {
		b.Delete(id)
	}
	b.SetInternal([]byte(keyWatermark), w.encode())
	dellog, logChanged := st.nextDeletes(w.gen, dels)
	if logChanged && len(dellog) == 0 {
		b.DeleteInternal([]byte(keyDeletes))
	} else if logChanged {
		b.SetInternal([]byte(keyDeletes), encodeDeletes(dellog))
	}
	if cp != nil {
		b.SetInternal([]byte(checkpointKey), cp)
	}
	var persisted chan error
	if st.path != "" {
		persisted = make(chan error, 1)
		b.SetPersistedCallback(func(err error) {
			if err == nil {
				st.writeOK()
			}
			persisted <- err
		})
	}
	failed := st.failures()
	// Whatever becomes of the batch, its generation is used: Bleve may
	// hold it.
	st.stamp = w
	if err := st.batch(b); err != nil {
		return err // not introduced (see batch)
	}
	st.dellog = dellog
	// The rows follow once the batch is durable, so that what a search
	// shows survives a crash, as with Bleve's safe batches.
	if err := st.awaitDurable(ctx, persisted, failed); err != nil {
		st.batchFailed(w.gen)
		return err
	}
	return st.setRows(ords, ps, dels, w)
}

// batchFailed notes that the rows of batch gen were not set.
func (st *state) batchFailed(gen uint64) {
	st.mu.Lock()
	if st.failGen == 0 {
		st.failGen = gen
	}
	st.mu.Unlock()
}

// batch hands b to Bleve. A panic inside Bleve fails the batch instead of
// the process; the batch was then not introduced, and the caller retries.
func (st *state) batch(b *bleve.Batch) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = xinfang.Errorf(xinfang.EUNAVAILABLE, "index: batch of %d: bleve panicked: %v", b.Size(), r)
		}
	}()
	if err := st.idx.Batch(b); err != nil {
		return xinfang.Errorf(xinfang.EUNAVAILABLE, "index: batch of %d: %v", b.Size(), err)
	}
	return nil
}

// setRows makes the rows of an introduced batch, whose watermark is w,
// match it.
// The batch is published (a new view, cow.go) when they are, at once:
// a read sees all of it or none; even after a failure, so that the view
// stays the rows that st.mark describes.
func (st *state) setRows(ords []uint32, ps []prepared, dels []string, w watermark) error {
	st.keysMu.Lock()
	defer st.keysMu.Unlock()
	st.mu.Lock()
	defer st.mu.Unlock()
	defer st.publish()
	st.mark = w
	st.changes.Add(int64(len(ps) + len(dels)))
	for i := range ps {
		if err := st.setRow(ords[i], &ps[i].meta); err != nil {
			return err
		}
	}
	for _, id := range dels {
		st.remove(id)
	}
	st.regroup()
	return nil
}

// Delete removes the documents with the given ids; unknown ids are ignored.
func (s *Store) Delete(ctx context.Context, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	return s.write(ctx, nil, ids, ids, nil)
}

// write applies upserts, deletions and the checkpoint cp (nil: unchanged) to
// the current state under the write lock, and records the touched ids while
// a reindex runs so that it carries them over.
func (s *Store) write(ctx context.Context, ps []prepared, dels, touched []string, cp []byte) error {
	if err := ctx.Err(); err != nil {
		return xinfang.Errorf(xinfang.EUNAVAILABLE, "index: %v", err)
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	st, release, err := s.acquire()
	if err != nil {
		return err
	}
	defer release()
	if ps, err = s.supersede(st, ps); err != nil {
		return err
	}
	if err := st.apply(ctx, ps, dels, cp, s.opts.MinFreeBytes); err != nil {
		return err
	}
	if s.dirty != nil {
		for _, id := range touched {
			s.dirty[id] = true
		}
	}
	return nil
}
