package watch

import (
	"context"

	"github.com/xinfang/xinfang"
)

// Indexer is the index as the ingest pipeline sees it.
type Indexer interface {
	Index(ctx context.Context, docs []xinfang.Document) error
}

// Sink indexes a batch, then evaluates the watches on it before it
// returns, so that the indexer acknowledges (commits) a batch only after
// its alerts are durable. It is an ingest.Sink.
type Sink struct {
	Next    Indexer
	Watches *Service
}

// Index implements ingest.Sink. A failure of the watches is EUNAVAILABLE:
// the pipeline retries the whole call, which the index and the watches'
// keys make idempotent.
func (s Sink) Index(ctx context.Context, docs []xinfang.Document) error {
	if err := s.Next.Index(ctx, docs); err != nil {
		return err
	}
	if err := s.Watches.Indexed(ctx, docs); err != nil {
		return &xinfang.Error{Code: xinfang.EUNAVAILABLE, Message: "watches: cannot store alerts", Err: err}
	}
	return nil
}
