package ingest

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/ingest/ingesttest"
)

// testPartitions is the partition count of the seeded topics.
const testPartitions = 3

// newCluster starts an in-process Kafka-protocol broker with the petition,
// bulletin and dead-letter topics, and returns it and its address.
func newCluster(t testing.TB, opts ...kfake.Opt) (*kfake.Cluster, string) {
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
	return c, c.ListenAddrs()[0]
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

func (fakeAnalyzer) AnalyzeKind(kind, id, title, content string) xinfang.Analysis {
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

// startConsumer runs a Consumer of group on sink until the test ends or
// the returned stop is called; stop waits for Run and returns its error.
// Zero fields of cfg get fast test defaults.
func startConsumer(t testing.TB, addr, group string, sink Sink, cfg ConsumerConfig) (c *Consumer, stop func() error) {
	t.Helper()
	cfg.Brokers, cfg.GroupID = []string{addr}, group
	if cfg.Options.Logger == nil {
		cfg.Options.Logger = testLogger(t)
	}
	if cfg.Options.RetryMin == 0 {
		cfg.Options.RetryMin, cfg.Options.RetryMax = 10*time.Millisecond, 100*time.Millisecond
	}
	if cfg.PartitionWatchInterval == 0 {
		cfg.PartitionWatchInterval = 500 * time.Millisecond
	}
	if cfg.DrainTimeout == 0 {
		cfg.DrainTimeout = 10 * time.Second
	}
	c, err := NewConsumer(cfg, sink, fakeAnalyzer{})
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
			case <-time.After(time.Minute):
				runErr = fmt.Errorf("consumer did not stop within a minute")
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
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
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
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
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
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
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
	_, addr := newCluster(t)
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

	_, stop := startConsumer(t, addr, "g-once", sink, ConsumerConfig{Options: Options{BatchSize: 64}})
	waitCount(t, sink, n+1, time.Minute)
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

// poison is a message that can never be indexed, with the reason it must be
// dead-lettered under.
type poison struct {
	name   string
	topic  string
	key    string
	value  string
	reason string
}

// poisons is the catalogue of bad messages.
func poisons() []poison {
	big := strings.Repeat("很长的内容", DefaultMaxMessageBytes/15+1000) // > message limit
	long := strings.Repeat("长", xinfang.MaxContentBytes/3+100)     // > content limit, < message limit
	return []poison{
		{"not JSON", "petitions", "P01", `这不是JSON`, ReasonInvalidJSON},
		{"truncated JSON", "petitions", "P02", `{"id":"P02","content":"业主反映`, ReasonInvalidJSON},
		{"headcount is a string", "petitions", "P03", `{"id":"P03","content":"讨薪","headcount":"十二"}`, "invalid_headcount"},
		{"headcount is negative", "petitions", "P04", `{"id":"P04","content":"讨薪","headcount":-3}`, "invalid_headcount"},
		{"content is a number", "petitions", "P05", `{"id":"P05","content":12345}`, "invalid_content"},
		{"content is missing", "petitions", "P06", `{"id":"P06","title":"无内容"}`, "invalid_content"},
		{"content is blank", "petitions", "P07", `{"id":"P07","content":"   "}`, "invalid_content"},
		{"id is missing", "petitions", "P08", `{"content":"没有编号的信访件"}`, "invalid_id"},
		{"invalid UTF-8", "petitions", "P09", "{\"id\":\"P09\",\"content\":\"\xff\xfe\xfd\"}", ReasonInvalidUTF8},
		{"message too large", "petitions", "P10", `{"id":"P10","content":"` + big + `"}`, ReasonTooLarge},
		{"content too long", "petitions", "P11", `{"id":"P11","content":"` + long + `"}`, "invalid_content"},
		{"unknown channel", "petitions", "P12", `{"id":"P12","content":"噪音扰民","channel":"wechat"}`, "invalid_channel"},
		{"unknown status", "petitions", "P13", `{"id":"P13","content":"噪音扰民","status":"done"}`, "invalid_status"},
		{"tombstone", "petitions", "P14", ``, ReasonEmpty},
		{"received_at not a time", "petitions", "P15", `{"id":"P15","content":"拆迁补偿","received_at":"去年"}`, "invalid_received_at"},
		{"array instead of object", "petitions", "P16", `[{"id":"P16","content":"x"}]`, ReasonNotObject},
		{"JSON null", "petitions", "P17", `null`, ReasonNotObject},
		{"key differs from id", "petitions", "P18", `{"id":"P18-other","content":"欠薪"}`, ReasonKeyMismatch},
		{"petitioner is a string", "petitions", "P19", `{"id":"P19","content":"欠薪","petitioner":"张三"}`, "invalid_petitioner"},
		{"trailing data", "petitions", "P20", `{"id":"P20","content":"欠薪"} {"id":"P21"}`, ReasonInvalidJSON},
		{"bulletin without content", "bulletins", "B01", `{"id":"B01","url":"https://example.org/1","title":"空"}`, "invalid_content"},
		{"bulletin title is a number", "bulletins", "B02", `{"id":"B02","url":"https://example.org/2","title":7,"content":"x"}`, "invalid_title"},
	}
}

func TestConsumerDeadLettersPoison(t *testing.T) {
	_, addr := newCluster(t)
	sink := ingesttest.NewSink()
	ps := poisons()
	var msgs []Message
	var good []string
	for i, p := range ps {
		id := fmt.Sprintf("G%02d", i)
		good = append(good, id)
		msgs = append(msgs,
			Message{Topic: "petitions", Key: []byte(id), Value: recordJSON(id)},
			Message{Topic: p.topic, Key: []byte(p.key), Value: []byte(p.value)})
	}
	produce(t, addr, msgs...)

	reg := prometheus.NewRegistry()
	metrics, err := NewMetrics(reg)
	if err != nil {
		t.Fatal(err)
	}
	_, stop := startConsumer(t, addr, "g-poison", sink, ConsumerConfig{Options: Options{Metrics: metrics, BatchSize: 7}})
	dead := readAll(t, addr, "petitions.dlq", countTopic(ps, "petitions"))
	dead = append(dead, readAll(t, addr, "bulletins.dlq", countTopic(ps, "bulletins"))...)
	waitCount(t, sink, len(good), time.Minute)
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}

	byKey := map[string]deadLetter{}
	for _, d := range dead {
		if _, dup := byKey[d.Key]; dup {
			t.Errorf("dead letter %s written twice", d.Key)
		}
		byKey[d.Key] = d
	}
	for _, p := range ps {
		t.Run(p.name, func(t *testing.T) {
			d, ok := byKey[p.key]
			if !ok {
				t.Fatalf("no dead letter with key %s", p.key)
			}
			if got := d.Headers["error_code"]; got != p.reason {
				t.Errorf("error_code = %q, want %q (error: %s)", got, p.reason, d.Headers["error"])
			}
			if d.Value != p.value {
				t.Errorf("dead letter value differs from the original (%d bytes, want %d)", len(d.Value), len(p.value))
			}
			if d.Headers["error"] == "" || d.Headers["original_topic"] != p.topic {
				t.Errorf("headers %v: want error and original_topic %s", d.Headers, p.topic)
			}
			if _, err := time.Parse(time.RFC3339Nano, d.Headers["dlq_time"]); err != nil {
				t.Errorf("dlq_time %q: %v", d.Headers["dlq_time"], err)
			}
			for _, h := range []string{"original_partition", "original_offset"} {
				if _, err := strconv.Atoi(d.Headers[h]); err != nil {
					t.Errorf("header %s = %q, want a number", h, d.Headers[h])
				}
			}
		})
	}
	if got := sink.IDs(); !cmp.Equal(good, got) {
		t.Errorf("indexed ids (-want +got):\n%s", cmp.Diff(good, got))
	}
	checkCommittedToEnd(t, addr, "g-poison", "petitions", "bulletins")
	if got, want := counterValue(metrics.deadLettered.WithLabelValues("petitions", "invalid_headcount")), 2.0; got != want {
		t.Errorf("dead_lettered_total{petitions,invalid_headcount} = %v, want %v", got, want)
	}
	if got, want := counterValue(metrics.indexed.WithLabelValues(xinfang.KindPetition)), float64(len(good)); got != want {
		t.Errorf("indexed_total{petition} = %v, want %v", got, want)
	}
}

func countTopic(ps []poison, topic string) int {
	n := 0
	for _, p := range ps {
		if p.topic == topic {
			n++
		}
	}
	return n
}

// counterValue reads a counter.
func counterValue(c prometheus.Counter) float64 {
	var m dto.Metric
	if err := c.Write(&m); err != nil {
		return -1
	}
	return m.GetCounter().GetValue()
}

func TestDeadLetterMessage(t *testing.T) {
	c := &Consumer{cfg: ConsumerConfig{DeadLetterMaxBytes: 100}}
	rej := &Rejection{Reason: ReasonTooLarge, Err: xinfang.Errorf(xinfang.EINVALID, "too big")}
	for _, tc := range []struct {
		name      string
		value     string
		wantValue string
		wantSize  string
	}{
		{"kept whole", "abc", "abc", ""},
		{"cut to the limit", strings.Repeat("x", 250), strings.Repeat("x", 100), "250"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := &Message{Topic: "petitions", Partition: 2, Offset: 41, Key: []byte("K"), Value: []byte(tc.value)}
			got := c.deadLetterMessage(m, rej, "2024-01-01T00:00:00Z")
			h := map[string]string{}
			for _, x := range got.Headers {
				h[x.Key] = string(x.Value)
			}
			want := map[string]string{
				"error": "too big", "error_code": ReasonTooLarge, "original_topic": "petitions",
				"original_partition": "2", "original_offset": "41", "dlq_time": "2024-01-01T00:00:00Z",
			}
			if tc.wantSize != "" {
				want["original_size"] = tc.wantSize
			}
			if diff := cmp.Diff(want, h); diff != "" {
				t.Errorf("headers (-want +got):\n%s", diff)
			}
			if got.Topic != "petitions.dlq" || string(got.Key) != "K" || string(got.Value) != tc.wantValue {
				t.Errorf("dead letter to %s key %q value %q, want petitions.dlq K %q", got.Topic, got.Key, got.Value, tc.wantValue)
			}
		})
	}
}

func TestClientErrorStreak(t *testing.T) {
	c := &Consumer{}
	if err := c.clientHealth(0); err != nil {
		t.Errorf("clientHealth with no errors = %v", err)
	}
	c.noteClientError("coordinator not available")
	if err := c.clientHealth(0); err != nil {
		t.Errorf("clientHealth after one error = %v, want nil (a lone error never counts)", err)
	}
	time.Sleep(20 * time.Millisecond)
	c.noteClientError("connection refused")
	if err := c.clientHealth(10 * time.Millisecond); err == nil || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("clientHealth after a 20ms streak with grace 10ms = %v, want the last error", err)
	}
	if err := c.clientHealth(time.Minute); err != nil {
		t.Errorf("clientHealth with grace 1m = %v, want nil", err)
	}
}
