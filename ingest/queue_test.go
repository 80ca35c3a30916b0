package ingest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/ingest/ingesttest"
)

// startQueue runs a Queue on sink until the test ends; the returned wait
// closes it and returns Run's error.
func startQueue(t *testing.T, sink Sink, opts Options) (*Queue, func() error) {
	t.Helper()
	if opts.RetryMin == 0 {
		opts.RetryMin, opts.RetryMax = time.Millisecond, 10*time.Millisecond
	}
	opts.Logger = testLogger(t)
	q := NewQueue(sink, fakeAnalyzer{}, opts)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- q.Run(ctx) }()
	var once sync.Once
	var err error
	wait := func() error {
		once.Do(func() {
			q.Close()
			select {
			case err = <-done:
			case <-time.After(time.Minute):
				err = errors.New("queue did not stop within a minute")
			}
			cancel()
		})
		return err
	}
	t.Cleanup(func() { wait() })
	return q, wait
}

func flush(t *testing.T, q *Queue) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := q.Flush(ctx); err != nil {
		t.Fatalf("Flush: %v", err)
	}
}

func TestQueueIndexesAndReportsRejections(t *testing.T) {
	sink := ingesttest.NewSink()
	var mu sync.Mutex
	rejected := map[string]string{}
	q, wait := startQueue(t, sink, Options{BatchSize: 16, Rejected: func(m Message, r *Rejection) {
		mu.Lock()
		rejected[m.Source] = r.Reason
		mu.Unlock()
	}})
	msgs := petitionMessages("Q", 100)
	msgs = append(msgs,
		Message{Topic: "petitions", Value: []byte(`{"id":"X1","content":"欠薪","status":"done"}`), Source: "in.jsonl:101"},
		Message{Topic: "other", Value: recordJSON("X2"), Source: "in.jsonl:102"},
	)
	if err := q.Publish(context.Background(), msgs...); err != nil {
		t.Fatal(err)
	}
	flush(t, q)
	if got := sink.Count(); got != 100 {
		t.Errorf("sink holds %d documents, want 100", got)
	}
	want := map[string]string{"in.jsonl:101": "invalid_status", "in.jsonl:102": ReasonUnknownTopic}
	mu.Lock()
	if fmt.Sprint(rejected) != fmt.Sprint(want) {
		t.Errorf("rejected = %v, want %v", rejected, want)
	}
	mu.Unlock()
	if st := q.Stats(); st != (QueueStats{Published: 102, Done: 102, Rejected: 2}) {
		t.Errorf("Stats() = %+v", st)
	}
	if err := wait(); err != nil {
		t.Errorf("Run after Close = %v, want nil", err)
	}
	if err := q.Publish(context.Background(), msgs[0]); !errors.Is(err, ErrClosed) {
		t.Errorf("Publish after Close = %v, want ErrClosed", err)
	}
}

func TestQueueLingerFlushesASingleRecord(t *testing.T) {
	sink := ingesttest.NewSink()
	q, _ := startQueue(t, sink, Options{BatchSize: 500, Linger: 20 * time.Millisecond})
	if err := q.Publish(context.Background(), petitionMessages("ONE", 1)...); err != nil {
		t.Fatal(err)
	}
	// The batch never fills: only the linger can make the record durable.
	flush(t, q)
	if sink.Count() != 1 {
		t.Errorf("sink holds %d documents, want 1", sink.Count())
	}
}

func TestQueueLaterVersionWins(t *testing.T) {
	sink := ingesttest.NewSink()
	q, _ := startQueue(t, sink, Options{BatchSize: 4})
	for i := range 10 {
		v := fmt.Sprintf(`{"id":"V1","content":"第%d版"}`, i)
		if err := q.Publish(context.Background(), Message{Topic: "petitions", Value: []byte(v)}); err != nil {
			t.Fatal(err)
		}
	}
	flush(t, q)
	d, _ := sink.Get("V1")
	if got := d.Content(); got != "第9版" {
		t.Errorf("content = %q, want the last version 第9版", got)
	}
}

func TestQueueRetriesUntilTheSinkRecovers(t *testing.T) {
	sink := ingesttest.NewSink()
	var fails atomic.Int32
	sink.FailWith(func([]xinfang.Document) error {
		if fails.Add(1) <= 5 {
			return xinfang.Errorf(xinfang.EUNAVAILABLE, "index busy")
		}
		return nil
	})
	q, _ := startQueue(t, sink, Options{})
	if err := q.Publish(context.Background(), petitionMessages("R", 10)...); err != nil {
		t.Fatal(err)
	}
	flush(t, q)
	if sink.Count() != 10 || fails.Load() < 6 {
		t.Errorf("sink holds %d documents after %d calls, want 10 after at least 6", sink.Count(), fails.Load())
	}
}

func TestQueueCancelDrains(t *testing.T) {
	sink := ingesttest.NewSink()
	q := NewQueue(sink, fakeAnalyzer{}, Options{BatchSize: 1000, Linger: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- q.Run(ctx) }()
	if err := q.Publish(context.Background(), petitionMessages("C", 25)...); err != nil {
		t.Fatal(err)
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run = %v, want context.Canceled", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("Run did not return after cancel")
	}
	if sink.Count() != 25 {
		t.Errorf("sink holds %d documents after the drain, want 25", sink.Count())
	}
	if err := q.Publish(context.Background(), petitionMessages("D", 1)...); !errors.Is(err, ErrClosed) {
		t.Errorf("Publish after Run returned = %v, want ErrClosed", err)
	}
}

// panicky panics on one text.
type panicky struct{ fakeAnalyzer }

func (p panicky) AnalyzeKind(kind, id, title, content string) xinfang.Analysis {
	if id == "BOOM" {
		panic("index out of range")
	}
	return p.fakeAnalyzer.AnalyzeKind(kind, id, title, content)
}

func TestQueueRejectsAnalyzerPanic(t *testing.T) {
	sink := ingesttest.NewSink()
	var reason atomic.Value
	q := NewQueue(sink, panicky{}, Options{Logger: testLogger(t), Rejected: func(m Message, r *Rejection) { reason.Store(r.Reason) }})
	done := make(chan error, 1)
	go func() { done <- q.Run(context.Background()) }()
	msgs := append(petitionMessages("P", 3), Message{Topic: "petitions", Value: recordJSON("BOOM")})
	if err := q.Publish(context.Background(), msgs...); err != nil {
		t.Fatal(err)
	}
	q.Close()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if sink.Count() != 3 || reason.Load() != ReasonAnalysisFailed {
		t.Errorf("sink holds %d documents, rejection %v; want 3 and %s", sink.Count(), reason.Load(), ReasonAnalysisFailed)
	}
}

// batchSizes is a Sink that notes the size of every batch.
type batchSizes struct {
	Sink
	mu    sync.Mutex
	sizes []int
}

func (s *batchSizes) Index(ctx context.Context, docs []xinfang.Document) error {
	s.mu.Lock()
	s.sizes = append(s.sizes, len(docs))
	s.mu.Unlock()
	return s.Sink.Index(ctx, docs)
}

// TestStartBatchDoubles checks that with StartBatch the first batch is
// small and each next one doubles up to BatchSize. The linger is an hour,
// so a batch goes only when full.
func TestStartBatchDoubles(t *testing.T) {
	sink := &batchSizes{Sink: ingesttest.NewSink()}
	q, _ := startQueue(t, sink, Options{BatchSize: 50, StartBatch: 4, Linger: time.Hour})
	if err := q.Publish(context.Background(), petitionMessages("S", 160)...); err != nil {
		t.Fatal(err)
	}
	flush(t, q)
	sink.mu.Lock()
	defer sink.mu.Unlock()
	if want := []int{4, 8, 16, 32, 50, 50}; fmt.Sprint(sink.sizes) != fmt.Sprint(want) {
		t.Errorf("batches of %v, want %v", sink.sizes, want)
	}
}
