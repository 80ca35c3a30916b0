package index

import (
	"context"
	"time"

	"github.com/xinfang/xinfang"
)

// The indexer of a stream (the Kafka consumer) keeps where it stopped in the
// index itself: a checkpoint written by Bleve's SetInternal in the same batch
// as the documents it produced, so that a crash keeps both or neither and a
// restarted node knows exactly where to resume. The index does not read the
// checkpoint; a reindex carries it over to the new index.

// checkpointKey is the Bleve internal key of the checkpoint. Other internal
// keys of this package use other prefixes.
const checkpointKey = "ingest/checkpoint"

// IndexCheckpoint is Index that also stores checkpoint (when not nil) in the
// same batch: it is durable exactly when the documents are. With no
// documents it stores the checkpoint alone.
func (s *Store) IndexCheckpoint(ctx context.Context, docs []xinfang.Document, checkpoint []byte) error {
	if len(docs) == 0 && checkpoint == nil {
		return nil
	}
	ps, err := s.prepareAll(docs, time.Now())
	if err != nil {
		return err
	}
	ids := make([]string, len(ps))
	for i := range ps {
		ids[i] = ps[i].id
	}
	return s.write(ctx, ps, nil, ids, checkpoint)
}

// Checkpoint returns the checkpoint stored with the last batch that had
// one, or nil when no batch had one.
func (s *Store) Checkpoint() ([]byte, error) {
	st, release, err := s.acquire()
	if err != nil {
		return nil, err
	}
	defer release()
	return st.checkpoint()
}

func (st *state) checkpoint() ([]byte, error) {
	v, err := st.idx.GetInternal([]byte(checkpointKey))
	if err != nil {
		return nil, xinfang.Errorf(xinfang.EINTERNAL, "index: read checkpoint: %v", err)
	}
	if v == nil {
		return nil, nil
	}
	return append([]byte(nil), v...), nil
}
