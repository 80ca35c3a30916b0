package ingest

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// ErrClosed is returned by Publish after Close, or after Run has returned.
var ErrClosed = errors.New("ingest: queue closed")

// Queue is the embedded default path: an in-process queue in front of the
// batching indexer, offering the same Publish as the Kafka Producer.
// Rejected messages are reported through Options.Rejected (there is no
// dead-letter topic). Run must be running for Publish to make progress.
type Queue struct {
	p            *pipeline
	in           chan Message
	drainTimeout time.Duration

	mu     sync.RWMutex // guards closed against Publish
	closed bool
	done   chan struct{} // closed when Run returns
	runErr error

	published atomic.Int64
	rejected  atomic.Int64
	ackMu     sync.Mutex
	acked     int64
	ackCh     chan struct{} // closed and replaced at each acknowledgement
}

// QueueStats counts what a Queue has seen.
type QueueStats struct {
	Published int64 // messages accepted by Publish
	Done      int64 // messages acknowledged: indexed durably or rejected
	Rejected  int64 // messages that can never be indexed
}

// NewQueue returns a Queue that indexes into sink.
func NewQueue(sink Sink, an Analyzer, opts Options) *Queue {
	q := &Queue{
		in:           make(chan Message, 64),
		drainTimeout: 30 * time.Second,
		done:         make(chan struct{}),
		ackCh:        make(chan struct{}),
	}
	user := opts.Rejected
	opts.Rejected = func(m Message, r *Rejection) {
		q.rejected.Add(1)
		if user != nil {
			user(m, r)
		}
	}
	q.p = newPipeline(sink, an, opts)
	q.p.commit = func(_ context.Context, jobs []*job) error {
		q.ackMu.Lock()
		q.acked += int64(len(jobs))
		close(q.ackCh)
		q.ackCh = make(chan struct{})
		q.ackMu.Unlock()
		return nil
	}
	return q
}

// Run indexes published messages until Close is called and everything
// published is durable, or until ctx is cancelled; then it stops intake and
// flushes what it holds (for at most 30 seconds). It returns nil after a
// Close, ctx's error after a cancellation. Call it once.
func (q *Queue) Run(ctx context.Context) error {
	dctx, cancel := drainContext(ctx, q.drainTimeout)
	defer cancel()
	stop := context.AfterFunc(ctx, func() { q.Close() })
	defer stop()
	err := q.p.run(dctx, q.in)
	// Publishers blocked on a full queue see done before Run takes the
	// lock they hold.
	q.runErr = err
	close(q.done)
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	return err
}

// Publish hands msgs to the indexer, blocking while it is full. It returns
// when the messages are queued, not when they are durable: call Flush for
// that. Message.Time defaults to now.
func (q *Queue) Publish(ctx context.Context, msgs ...Message) error {
	q.mu.RLock()
	defer q.mu.RUnlock()
	if q.closed {
		return ErrClosed
	}
	for _, m := range msgs {
		if m.Time.IsZero() {
			m.Time = time.Now()
		}
		if mt := q.p.opts.Metrics; mt != nil {
			mt.consumed.WithLabelValues(m.Topic).Inc()
		}
		select {
		case q.in <- m:
			q.published.Add(1)
		case <-ctx.Done():
			return ctx.Err()
		case <-q.done:
			return ErrClosed
		}
	}
	return nil
}

// Flush waits until every message published before the call is durable in
// the index or rejected.
func (q *Queue) Flush(ctx context.Context) error {
	target := q.published.Load()
	for {
		q.ackMu.Lock()
		acked, ch := q.acked, q.ackCh
		q.ackMu.Unlock()
		if acked >= target {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		case <-q.done:
			q.ackMu.Lock()
			acked = q.acked
			q.ackMu.Unlock()
			if acked >= target {
				return nil
			}
			if q.runErr != nil {
				return q.runErr
			}
			return ErrClosed
		}
	}
}

// Close stops intake: later Publish calls fail, and Run returns once what
// was published is durable. It is safe to call more than once.
func (q *Queue) Close() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.closed {
		q.closed = true
		close(q.in)
	}
	return nil
}

// Done is closed when Run has returned.
func (q *Queue) Done() <-chan struct{} { return q.done }

// Stats returns the queue's counters.
func (q *Queue) Stats() QueueStats {
	q.ackMu.Lock()
	acked := q.acked
	q.ackMu.Unlock()
	return QueueStats{Published: q.published.Load(), Done: acked, Rejected: q.rejected.Load()}
}

// Ready reports whether the queue is running and indexing without a failure
// lasting longer than 10 seconds.
func (q *Queue) Ready() error {
	select {
	case <-q.done:
		return errors.New("ingest queue stopped")
	default:
	}
	return q.p.health(10 * time.Second)
}
