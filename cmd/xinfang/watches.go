package main

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/internal/watch"
)

// openWatches opens the watches and alerts of a data directory
// (DIR/watches.db) over its index.
func openWatches(data string, st *index.Store, log *slog.Logger) (*watch.Service, error) {
	return watch.Open(data, st, watch.Options{Logger: log})
}

// drainTimeout bounds the wait of import and crawl for their alerts'
// first delivery attempts.
const drainTimeout = 10 * time.Second

// watchedIndex opens the watches of data over st for a command that
// indexes without serving (import, crawl --data): the returned sink alerts
// as it indexes, and webhooks are delivered while the command runs; close
// waits up to drainTimeout for each alert's first delivery attempt, and
// leaves retries to the next process that delivers (serve). close may be
// called more than once.
func watchedIndex(ctx context.Context, data string, st *index.Store, log *slog.Logger) (sink watch.Sink, close func() error, err error) {
	svc, err := openWatches(data, st, log)
	if err != nil {
		return watch.Sink{}, nil, err
	}
	ctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	close = sync.OnceValue(func() error {
		dctx, dcancel := context.WithTimeout(ctx, drainTimeout)
		svc.Drain(dctx)
		dcancel()
		cancel()
		<-done
		return svc.Close()
	})
	return watch.Sink{Next: st, Watches: svc}, close, nil
}
