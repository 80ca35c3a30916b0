package ingest

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/ingest/ingesttest"
)

// testPartitions is the partition count of the seeded topics.
const testPartitions = 3

// newCluster starts an in-process Kafka-protocol broker with the petition,
// bulletin and dead-letter topics, and returns its address.
func newCluster(t testing.TB, opts ...kfake.Opt) string {
	t.Helper()
	opts = append([]kfake.Opt{
		kfake.NumBrokers(1),
		kfake.SeedTopics(testPartitions, "petitions", "bulletins", "petitions.dlq", "bulletins.dlq"),
		kfake.GroupMinSessionTimeout(time.Second),
	}, opts...)
	c, err := kfake.NewCluster(opts...)
	if err != nil {
		t.Fatalf("kfake.NewCluster: %v", err)
	}
	t.Cleanup(c.Close)
	return c.ListenAddrs()[0]
}

// testLogger logs to the test output when -v is given.
func testLogger(t testing.TB) *slog.Logger {
	if !testing.Verbose() {
		return slog.New(slog.DiscardHandler)
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// fakeAnalyzer marks each analysis so tests can see it ran.
type fakeAnalyzer struct{}

func (fakeAnalyzer) Analyze(id, title, content string) xinfang.Analysis {
	return xinfang.Analysis{ID: id, Keywords: []string{fmt.Sprintf("len%d", len(content))}}
}

// recordJSON returns a valid petition record.
func recordJSON(id string) []byte {
	b, _ := json.Marshal(map[string]any{
		"id":          id,
		"received_at": "2024-04-19T09:30:00+08:00",
		"channel":     "visit",
		"title":       "关于某小区延期交房的反映",
		"content":     "业主反映某小区逾期两年未交房。编号" + id,
		"headcount":   12,
		"status":      "accepted",
	})
	return b
}

// startConsumer runs a Consumer on sink until the test ends or the
// returned stop is called; stop waits for Run and returns its error.
func startConsumer(t testing.TB, addr string, sink Sink, opts Options, group string) (c *Consumer, stop func() error) {
	t.Helper()
	if opts.Logger == nil {
		opts.Logger = testLogger(t)
	}
	if opts.RetryMin == 0 {
		opts.RetryMin, opts.RetryMax = 10*time.Millisecond, 100*time.Millisecond
	}
	c, err := NewConsumer(ConsumerConfig{
		Brokers:        []string{addr},
		GroupID:        group,
		Options:        opts,
		SessionTimeout: 6 * time.Second,
		DrainTimeout:   10 * time.Second,
	}, sink, fakeAnalyzer{})
	if err != nil {
		t.Fatalf("NewConsumer: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	var once sync.Once
	var runErr error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(30 * time.Second):
				runErr = fmt.Errorf("consumer did not stop within 30s")
			}
		})
		return runErr
	}
	t.Cleanup(func() { stop() })
	return c, stop
}

// produce writes msgs with the package's Producer.
func produce(t testing.TB, addr string, msgs ...Message) {
	t.Helper()
	p, err := NewProducer(ProducerConfig{Brokers: []string{addr}})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := p.Publish(ctx, msgs...); err != nil {
		t.Fatalf("Publish: %v", err)
	}
}

// waitCount waits up to d for sink to hold n documents.
func waitCount(t testing.TB, sink *ingesttest.Sink, n int, d time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	if got := sink.WaitCount(ctx, n); got < n {
		t.Fatalf("sink holds %d documents after %v, want %d", got, d, n)
	}
}

// committed returns the committed offsets of group per topic and partition.
func committed(t testing.TB, addr, group string, topics ...string) map[string]map[int]int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req := &kafka.OffsetFetchRequest{Addr: kafka.TCP(addr), GroupID: group, Topics: map[string][]int{}}
	for _, tp := range topics {
		for p := range testPartitions {
			req.Topics[tp] = append(req.Topics[tp], p)
		}
	}
	resp, err := (&kafka.Client{Addr: kafka.TCP(addr)}).OffsetFetch(ctx, req)
	if err != nil {
		t.Fatalf("OffsetFetch: %v", err)
	}
	out := map[string]map[int]int64{}
	for tp, ps := range resp.Topics {
		out[tp] = map[int]int64{}
		for _, p := range ps {
			out[tp][p.Partition] = p.CommittedOffset
		}
	}
	return out
}

// endOffsets returns the high-water marks of topic's partitions.
func endOffsets(t testing.TB, addr, topic string) map[int]int64 {
	t.Helper()
	out := map[int]int64{}
	for p := range testPartitions {
		conn, err := kafka.DialLeader(context.Background(), "tcp", addr, topic, p)
		if err != nil {
			t.Fatalf("DialLeader %s/%d: %v", topic, p, err)
		}
		off, err := conn.ReadLastOffset()
		conn.Close()
		if err != nil {
			t.Fatalf("ReadLastOffset %s/%d: %v", topic, p, err)
		}
		out[p] = off
	}
	return out
}

// deadLetter is a record read back from a dead-letter topic.
type deadLetter struct {
	Key, Value string
	Headers    map[string]string
}

// readAll reads n records from topic from the start, with franz-go (a
// client independent of the one under test).
func readAll(t testing.TB, addr, topic string, n int) []deadLetter {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(addr), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var out []deadLetter
	for len(out) < n {
		fs := cl.PollFetches(ctx)
		if ctx.Err() != nil {
			t.Fatalf("read %d of %d records from %s before timeout", len(out), n, topic)
		}
		fs.EachError(func(tp string, p int32, err error) { t.Fatalf("fetch %s/%d: %v", tp, p, err) })
		fs.EachRecord(func(r *kgo.Record) {
			h := map[string]string{}
			for _, x := range r.Headers {
				h[x.Key] = string(x.Value)
			}
			out = append(out, deadLetter{Key: string(r.Key), Value: string(r.Value), Headers: h})
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

func TestConsumerIndexesEachRecordOnce(t *testing.T) {
	addr := newCluster(t)
	sink := ingesttest.NewSink()
	const n = 300
	var msgs []Message
	for i := range n {
		id := fmt.Sprintf("NM-2024-%06d", i)
		msgs = append(msgs, Message{Topic: "petitions", Key: []byte(id), Value: recordJSON(id)})
	}
	bid := strings.Repeat("ab", 32)
	b, _ := json.Marshal(xinfang.Bulletin{ID: bid, URL: "https://example.org/a", Title: "接访", Content: "领导接访群众3批12人次。"})
	msgs = append(msgs, Message{Topic: "bulletins", Key: []byte(bid), Value: b})
	produce(t, addr, msgs...)

	_, stop := startConsumer(t, addr, sink, Options{BatchSize: 64}, "g-once")
	waitCount(t, sink, n+1, 30*time.Second)
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	for _, m := range msgs {
		id := string(m.Key)
		d, ok := sink.Get(id)
		if !ok {
			t.Fatalf("document %s missing", id)
		}
		if w := sink.Writes(id); w != 1 {
			t.Errorf("document %s written %d times, want 1", id, w)
		}
		if d.Analysis.ID != id || len(d.Analysis.Keywords) != 1 || d.IndexedAt.IsZero() {
			t.Errorf("document %s: analysis %+v, indexed_at %v: not analyzed", id, d.Analysis, d.IndexedAt)
		}
	}
	if d, _ := sink.Get(bid); d.Kind != xinfang.KindBulletin || d.Bulletin == nil {
		t.Errorf("bulletin indexed as kind %q", d.Kind)
	}
	checkCommittedToEnd(t, addr, "g-once", "petitions", "bulletins")
}

// checkCommittedToEnd checks that group has committed every partition of
// topics up to its end.
func checkCommittedToEnd(t testing.TB, addr, group string, topics ...string) {
	t.Helper()
	got := committed(t, addr, group, topics...)
	for _, tp := range topics {
		want := endOffsets(t, addr, tp)
		for p, end := range want {
			c := got[tp][p]
			if c < 0 && end == 0 {
				c = 0 // nothing to commit in an empty partition
			}
			if c != end {
				t.Errorf("committed offset of %s/%d = %d, want the end offset %d", tp, p, got[tp][p], end)
			}
		}
	}
}
