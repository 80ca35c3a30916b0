package watch

import (
	"context"
	"errors"

	"github.com/xinfang/xinfang"
)

// checkpointer is an Indexer that stores a checkpoint with a batch (the
// index, see ingest.CheckpointSink).
type checkpointer interface {
	IndexCheckpoint(ctx context.Context, docs []xinfang.Document, checkpoint []byte) error
	Checkpoint() ([]byte, error)
}

var errNoCheckpoint = errors.New("watch: the index under the sink keeps no checkpoint")

// IndexCheckpoint implements ingest.CheckpointSink: it indexes docs with the
// checkpoint, then evaluates the watches on them, like Index. A crash
// between the two leaves the batch indexed but not alerted; the consumer
// therefore reads the last batch again on restart (the alerts' keys raise
// nothing twice).
func (s Sink) IndexCheckpoint(ctx context.Context, docs []xinfang.Document, checkpoint []byte) error {
	c, ok := s.Next.(checkpointer)
	if !ok {
		return errNoCheckpoint
	}
	if err := c.IndexCheckpoint(ctx, docs, checkpoint); err != nil {
		return err
	}
	if err := s.Watches.Indexed(ctx, docs); err != nil {
		return &xinfang.Error{Code: xinfang.EUNAVAILABLE, Message: "watches: cannot store alerts", Err: err}
	}
	return nil
}

// Checkpoint implements ingest.CheckpointSink.
func (s Sink) Checkpoint() ([]byte, error) {
	c, ok := s.Next.(checkpointer)
	if !ok {
		return nil, errNoCheckpoint
	}
	return c.Checkpoint()
}
