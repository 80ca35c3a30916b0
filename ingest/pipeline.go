package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/xinfang/xinfang"
)

// DefaultBatchSize is the default largest batch. Bleve's cost per document
// falls with the batch size (BenchmarkKafkaThroughput: about 900 records
// per CPU-second at 250, 1300 at 4000).
const DefaultBatchSize = 2000

// Options configure the batching indexer that the Queue and the Consumer
// share. The zero value is usable.
type Options struct {
	// Topics names the petition and bulletin topics (Kafka) or message
	// topics (queue).
	Topics Topics
	// BatchSize is the most messages a batch holds (default 2000). A
	// batch is flushed when full, or after Linger; while the index is busy
	// with one batch the next one grows, so batches are small under light
	// load (fresh) and large under heavy load (cheaper per document).
	BatchSize int
	// StartBatch, when positive, caps the first batch, and each next one
	// may hold twice as many as the one before, up to BatchSize (0: every
	// batch up to BatchSize). After a restart with records waiting, a full
	// first batch takes a second or more to index on a loaded machine; a
	// small one makes the first records searchable at once, and the
	// batches are back to full size within a few flushes.
	StartBatch int
	// Linger flushes a batch this long after its first message arrived, so
	// that a single record becomes searchable fast (default 100ms).
	Linger time.Duration
	// Workers is the number of goroutines that decode and analyze
	// (default GOMAXPROCS). Acknowledgements keep the input order.
	Workers int
	// MaxMessageBytes rejects larger messages (default
	// DefaultMaxMessageBytes).
	MaxMessageBytes int
	// RetryMin and RetryMax bound the exponential backoff of transient
	// failures (defaults 100ms and 5s).
	RetryMin, RetryMax time.Duration
	// Metrics receives the ingest metrics; nil records none.
	Metrics *Metrics
	// Logger receives retries and rejections; nil discards.
	Logger *slog.Logger
	// Now is the clock (default time.Now); it stamps received_at when a
	// record has none, and indexed_at.
	Now func() time.Time
	// Rejected, when set, is called for every message that can never be
	// indexed, after it was dead-lettered (Kafka) or instead (queue).
	Rejected func(m Message, r *Rejection)
	// Indexed, when set, is called after each durable, acknowledged batch
	// with the messages whose documents it indexed (not the rejected
	// ones), in input order.
	Indexed func(ms []Message)
}

func (o Options) withDefaults() Options {
	o.Topics = o.Topics.withDefaults()
	if o.BatchSize <= 0 {
		o.BatchSize = DefaultBatchSize
	}
	if o.Linger <= 0 {
		o.Linger = 100 * time.Millisecond
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.MaxMessageBytes <= 0 {
		o.MaxMessageBytes = DefaultMaxMessageBytes
	}
	if o.RetryMin <= 0 {
		o.RetryMin = 100 * time.Millisecond
	}
	if o.RetryMax < o.RetryMin {
		o.RetryMax = max(5*time.Second, o.RetryMin)
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// job is one message on its way through the pipeline.
type job struct {
	msg  Message
	doc  xinfang.Document
	rej  *Rejection
	done chan struct{} // closed when doc or rej is set
}

// pipeline is the batching indexer. The path that feeds it supplies how to
// dead-letter rejected messages and how to acknowledge durable ones.
type pipeline struct {
	opts Options
	sink Sink
	an   Analyzer
	dec  decoder
	// deadLetter stores rejected messages for good before they are
	// acknowledged; nil only reports them.
	deadLetter func(ctx context.Context, jobs []*job) error
	// commit acknowledges a durable batch, in input order.
	commit func(ctx context.Context, jobs []*job) error
	// checkpoint, when set, encodes the checkpoint of a batch, which is
	// stored with its documents (the sink is then a CheckpointSink).
	checkpoint func(jobs []*job) ([]byte, error)

	mu           sync.Mutex
	failingSince time.Time // zero while healthy
	lastErr      error
}

func newPipeline(sink Sink, an Analyzer, opts Options) *pipeline {
	opts = opts.withDefaults()
	return &pipeline{
		opts: opts,
		sink: sink,
		an:   an,
		dec:  decoder{topics: opts.Topics, maxBytes: opts.MaxMessageBytes, now: opts.Now},
	}
}

// run indexes the messages of in until in is closed and everything is
// acknowledged. It returns early only when ctx is cancelled (then the
// unacknowledged messages are left for redelivery) or when the sink
// or the acknowledgement fails for good.
func (p *pipeline) run(ctx context.Context, in <-chan Message) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	ordered := make(chan *job, 2*p.opts.BatchSize)
	work := make(chan *job, p.opts.Workers)
	batches := make(chan []*job)
	var wg sync.WaitGroup

	// Dispatch in input order; ordered gives the batcher that order back.
	wg.Go(func() {
		defer close(ordered)
		defer close(work)
		for m := range in {
			j := &job{msg: m, done: make(chan struct{})}
			select {
			case ordered <- j:
			case <-ctx.Done():
				return
			}
			select {
			case work <- j:
			case <-ctx.Done():
				return
			}
		}
	})
	for range p.opts.Workers {
		wg.Go(func() {
			for j := range work {
				p.prepare(j)
			}
		})
	}
	wg.Go(func() {
		defer close(batches)
		p.batch(ctx, ordered, batches)
	})
	var err error
	for b := range batches {
		if err == nil {
			if err = p.flush(ctx, b); err != nil {
				cancel(err)
			}
		}
	}
	wg.Wait()
	if err != nil {
		return err
	}
	return ctx.Err()
}

// prepare decodes, validates and analyzes one message. A panic of the
// analyzer rejects the message rather than crashing the process, which on
// Kafka would restart on the same message forever.
func (p *pipeline) prepare(j *job) {
	defer close(j.done)
	doc, rej := p.dec.decode(&j.msg)
	if rej != nil {
		j.rej = rej
		return
	}
	defer func() {
		if r := recover(); r != nil {
			p.opts.Logger.Error("ingest: analyzer panic", "message", describe(&j.msg), "panic", r, "stack", string(debug.Stack()))
			j.rej = &Rejection{Reason: ReasonAnalysisFailed, Err: xinfang.Errorf(xinfang.EINTERNAL, "analysis failed: %v", r)}
		}
	}()
	analyze(p.an, &doc)
	j.doc = doc
}

// batch groups prepared jobs, in order, into batches: a batch is handed over
// when it is full or its linger has passed, and grows while the flusher is
// busy.
func (p *pipeline) batch(ctx context.Context, ordered <-chan *job, out chan<- []*job) {
	limit := p.opts.BatchSize
	if p.opts.StartBatch > 0 {
		limit = min(p.opts.StartBatch, limit)
	}
	var (
		cur      []*job
		timer    = time.NewTimer(time.Hour)
		timerC   <-chan time.Time
		lingered bool
		closed   bool
	)
	timer.Stop()
	defer timer.Stop()
	for {
		if closed && len(cur) == 0 {
			return
		}
		var send chan<- []*job
		if len(cur) > 0 && (closed || lingered || len(cur) >= limit) {
			send = out
		}
		var recv <-chan *job
		if !closed && len(cur) < limit {
			recv = ordered
		}
		select {
		case send <- cur:
			cur, lingered, timerC = nil, false, nil
			timer.Stop()
			limit = min(2*limit, p.opts.BatchSize)
		case j, ok := <-recv:
			if !ok {
				closed = true
				continue
			}
			select {
			case <-j.done:
			case <-ctx.Done():
				return
			}
			cur = append(cur, j)
			if len(cur) == 1 {
				timer.Reset(p.opts.Linger)
				timerC = timer.C
			}
		case <-timerC:
			lingered, timerC = true, nil
		case <-ctx.Done():
			return
		}
	}
}

// flush makes one batch durable and acknowledges it: rejected messages are
// dead-lettered first, then the documents are indexed, then the whole batch
// is committed. Each step is retried until it succeeds or ctx ends.
func (p *pipeline) flush(ctx context.Context, jobs []*job) error {
	var dead []*job
	byID := make(map[string]int, len(jobs))
	docs := make([]xinfang.Document, 0, len(jobs))
	owners := make([][]*job, 0, len(jobs))
	now := p.opts.Now()
	for _, j := range jobs {
		if j.rej != nil {
			dead = append(dead, j)
			continue
		}
		// Messages with the same id are copies of one record: index the
		// newest once, in the place of the first. A later message is newer
		// unless its case times say it is an older copy (a redelivery or a
		// replay), which never undoes a newer one (xinfang.SameOrNewer);
		// the index applies the same rule against what it holds.
		doc := j.doc
		doc.IndexedAt = now
		if i, ok := byID[doc.ID]; ok {
			if prev := docs[i].Record; prev == nil || doc.Record == nil || xinfang.SameOrNewer(doc.Record, prev) {
				docs[i] = doc
			}
			owners[i] = append(owners[i], j)
			continue
		}
		byID[doc.ID] = len(docs)
		docs = append(docs, doc)
		owners = append(owners, []*job{j})
	}
	var cp []byte
	if p.checkpoint != nil {
		var err error
		if cp, err = p.checkpoint(jobs); err != nil {
			return err
		}
	}
	if err := p.rejectAll(ctx, dead); err != nil {
		return err
	}
	stored := false // the checkpoint
	if len(docs) > 0 {
		var refused map[int]error
		var err error
		if refused, stored, err = p.index(ctx, docs, cp); err != nil {
			return err
		}
		var late []*job
		for i, rerr := range refused {
			for _, j := range owners[i] {
				j.rej = &Rejection{Reason: ReasonIndexRejected, Err: rerr}
				late = append(late, j)
			}
		}
		if err := p.rejectAll(ctx, late); err != nil {
			return err
		}
		if m := p.opts.Metrics; m != nil {
			m.indexedDocs(docs, refused, jobs)
		}
	}
	if cp != nil && !stored {
		// Every message was refused, or the refused ones had to be
		// dead-lettered before the checkpoint passes them.
		cps := p.sink.(CheckpointSink)
		if err := p.retry(ctx, "index", func() error { return cps.IndexCheckpoint(ctx, nil, cp) }); err != nil {
			return err
		}
	}
	if p.commit != nil {
		if err := p.retry(ctx, "commit", func() error { return p.commit(ctx, jobs) }); err != nil {
			return err
		}
	}
	if p.opts.Indexed != nil {
		ms := make([]Message, 0, len(jobs))
		for _, j := range jobs {
			if j.rej == nil {
				ms = append(ms, j.msg)
			}
		}
		p.opts.Indexed(ms)
	}
	return nil
}

// rejectAll dead-letters jobs and reports them.
func (p *pipeline) rejectAll(ctx context.Context, jobs []*job) error {
	if len(jobs) == 0 {
		return nil
	}
	if p.deadLetter != nil {
		if err := p.retry(ctx, "dead-letter", func() error { return p.deadLetter(ctx, jobs) }); err != nil {
			return err
		}
	}
	for _, j := range jobs {
		p.opts.Logger.Warn("ingest: rejected", "message", describe(&j.msg), "reason", j.rej.Reason, "error", j.rej.Err)
		if m := p.opts.Metrics; m != nil {
			m.deadLettered.WithLabelValues(j.msg.Topic, j.rej.Reason).Inc()
		}
		if p.opts.Rejected != nil {
			p.opts.Rejected(j.msg, j.rej)
		}
	}
	return nil
}

// index upserts docs, retrying transient failures, with the checkpoint cp
// when not nil. When the sink refuses the batch as invalid, it splits it
// (without cp) to find the documents it refuses for good; refused maps
// their positions to the sink's error; stored says whether cp was stored
// (with the whole batch).
func (p *pipeline) index(ctx context.Context, docs []xinfang.Document, cp []byte) (refused map[int]error, stored bool, err error) {
	refused = map[int]error{}
	write := func(ds []xinfang.Document) error {
		if cp == nil || len(ds) < len(docs) {
			return p.sink.Index(ctx, ds)
		}
		err := p.sink.(CheckpointSink).IndexCheckpoint(ctx, ds, cp)
		stored = err == nil
		return err
	}
	var split func(lo, hi int) error
	split = func(lo, hi int) error {
		var invalid error
		err := p.retry(ctx, "index", func() error {
			err := write(docs[lo:hi])
			if xinfang.ErrorCode(err) == xinfang.EINVALID {
				invalid = err
				return nil
			}
			return err
		})
		switch {
		case err != nil:
			return err
		case invalid == nil:
			return nil
		case hi-lo == 1:
			refused[lo] = invalid
			return nil
		}
		mid := (lo + hi) / 2
		if err := split(lo, mid); err != nil {
			return err
		}
		return split(mid, hi)
	}
	if err := split(0, len(docs)); err != nil {
		return nil, false, err
	}
	return refused, stored, nil
}

// retry calls f until it succeeds or ctx ends, with exponential backoff and
// full jitter between attempts.
func (p *pipeline) retry(ctx context.Context, op string, f func() error) error {
	for attempt := 0; ; attempt++ {
		err := f()
		if err == nil {
			if attempt > 0 {
				p.setHealth(nil)
				p.opts.Logger.Info("ingest: recovered", "op", op, "attempts", attempt+1)
			}
			return nil
		}
		if ctx.Err() != nil {
			return fmt.Errorf("ingest: %s: %w (gave up: %w)", op, err, context.Cause(ctx))
		}
		herr := err
		if !strings.HasPrefix(err.Error(), op+": ") {
			herr = fmt.Errorf("%s: %w", op, err) // named once: "index: disk low"
		}
		p.setHealth(herr)
		if m := p.opts.Metrics; m != nil {
			m.retries.Inc()
		}
		d := backoff(attempt, p.opts.RetryMin, p.opts.RetryMax)
		p.opts.Logger.Warn("ingest: retrying", "op", op, "attempt", attempt+1, "in", d, "error", err)
		if !sleep(ctx, d) {
			return fmt.Errorf("ingest: %s: %w (gave up: %w)", op, err, context.Cause(ctx))
		}
	}
}

func (p *pipeline) setHealth(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case err == nil:
		p.failingSince, p.lastErr = time.Time{}, nil
	case p.failingSince.IsZero():
		p.failingSince, p.lastErr = time.Now(), err
	default:
		p.lastErr = err
	}
}

// health returns the error of a failure that has lasted longer than grace.
func (p *pipeline) health(grace time.Duration) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.lastErr != nil && time.Since(p.failingSince) > grace {
		return fmt.Errorf("failing for %s: %w", time.Since(p.failingSince).Round(time.Second), p.lastErr)
	}
	return nil
}

// backoff is the delay before retry attempt+1: exponential from lo, capped
// at hi, with full jitter.
func backoff(attempt int, lo, hi time.Duration) time.Duration {
	d := hi
	if attempt < 30 {
		d = min(lo<<attempt, hi)
	}
	return d/2 + rand.N(d/2+1)
}

// sleep waits d or until ctx ends, and reports whether it waited all of d.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// drainContext returns a context that outlives ctx by timeout, for the
// final flush and commit of a shutdown.
func drainContext(ctx context.Context, timeout time.Duration) (context.Context, context.CancelFunc) {
	dctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	go func() {
		select {
		case <-ctx.Done():
		case <-dctx.Done():
			return
		}
		t := time.NewTimer(timeout)
		defer t.Stop()
		select {
		case <-t.C:
			cancel()
		case <-dctx.Done():
		}
	}()
	return dctx, cancel
}
