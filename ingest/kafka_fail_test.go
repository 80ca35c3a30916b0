package ingest

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/ingest/ingesttest"
)

// petitionMessages returns n valid petition messages with ids prefix-000000….
func petitionMessages(prefix string, n int) []Message {
	msgs := make([]Message, n)
	for i := range msgs {
		id := fmt.Sprintf("%s-%06d", prefix, i)
		msgs[i] = Message{Topic: "petitions", Key: []byte(id), Value: recordJSON(id)}
	}
	return msgs
}

// noCommits checks that group has committed nothing on topic.
func noCommits(t *testing.T, addr, group, topic string) {
	t.Helper()
	for p, off := range committed(t, addr, group, topic)[topic] {
		if off >= 0 {
			t.Errorf("%s/%d committed at %d while the batch was not durable", topic, p, off)
		}
	}
}

// eventually polls cond every 10ms for up to d.
func eventually(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestConsumerRetriesTransientSinkFailure(t *testing.T) {
	_, addr := newCluster(t)
	sink := ingesttest.NewSink()
	unavailable := xinfang.Errorf(xinfang.EUNAVAILABLE, "index busy")
	sink.FailWith(func([]xinfang.Document) error { return unavailable })
	msgs := petitionMessages("T", 50)
	produce(t, addr, msgs...)

	reg := prometheus.NewRegistry()
	metrics, err := NewMetrics(reg)
	if err != nil {
		t.Fatal(err)
	}
	// A grace far longer than the test: the failure is short whatever the
	// machine's load.
	c, stop := startConsumer(t, addr, "g-transient", sink, ConsumerConfig{ReadyGrace: time.Hour, Options: Options{Metrics: metrics}})
	eventually(t, time.Minute, "five failed Index calls", func() bool { return sink.Calls() >= 5 })
	noCommits(t, addr, "g-transient", "petitions")
	if sink.Count() != 0 {
		t.Fatalf("sink holds %d documents while failing", sink.Count())
	}
	if err := c.Ready(); err != nil {
		t.Errorf("Ready() = %v during a short failure, want nil (grace period)", err)
	}

	sink.FailWith(nil)
	waitCount(t, sink, len(msgs), time.Minute)
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	checkCommittedToEnd(t, addr, "g-transient", "petitions")
	if got := counterValue(metrics.retries); got < 4 {
		t.Errorf("retries_total = %v, want at least 4", got)
	}
}

func TestConsumerSplitsBatchTheIndexRefuses(t *testing.T) {
	_, addr := newCluster(t)
	sink := ingesttest.NewSink()
	// The index refuses one document for good (EINVALID): it must end in
	// the dead-letter topic and the others must be indexed.
	sink.FailWith(func(docs []xinfang.Document) error {
		for _, d := range docs {
			if d.ID == "R-000007" {
				return xinfang.FieldError("content", "cannot be indexed")
			}
		}
		return nil
	})
	msgs := petitionMessages("R", 20)
	produce(t, addr, msgs...)
	_, stop := startConsumer(t, addr, "g-refuse", sink, ConsumerConfig{Options: Options{BatchSize: 20, Linger: time.Second}})
	dead := readAll(t, addr, "petitions.dlq", 1)
	waitCount(t, sink, len(msgs)-1, time.Minute)
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if dead[0].Key != "R-000007" || dead[0].Headers["error_code"] != ReasonIndexRejected {
		t.Errorf("dead letter %s with error_code %q, want R-000007 with %q", dead[0].Key, dead[0].Headers["error_code"], ReasonIndexRejected)
	}
	if _, ok := sink.Get("R-000007"); ok {
		t.Errorf("refused document R-000007 is in the index")
	}
	checkCommittedToEnd(t, addr, "g-refuse", "petitions")
}

// failProduce makes the broker refuse produce requests to topic while
// failing is true.
func failProduce(c *kfake.Cluster, topic string, failing *atomic.Bool, refused *atomic.Int32) {
	c.ControlKey(kmsg.Produce.Int16(), func(r kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		req := r.(*kmsg.ProduceRequest)
		hit := false
		for _, tp := range req.Topics {
			hit = hit || tp.Topic == topic
		}
		if !hit || !failing.Load() {
			return nil, nil, false
		}
		refused.Add(1)
		resp := req.ResponseKind().(*kmsg.ProduceResponse)
		for _, tp := range req.Topics {
			rt := kmsg.NewProduceResponseTopic()
			rt.Topic = tp.Topic
			for _, p := range tp.Partitions {
				rp := kmsg.NewProduceResponseTopicPartition()
				rp.Partition = p.Partition
				rp.ErrorCode = kerr.NotEnoughReplicas.Code
				rt.Partitions = append(rt.Partitions, rp)
			}
			resp.Topics = append(resp.Topics, rt)
		}
		return resp, nil, true
	})
}

func TestConsumerRetriesDeadLetterWrite(t *testing.T) {
	c, addr := newCluster(t)
	var failing atomic.Bool
	var refused atomic.Int32
	failing.Store(true)
	failProduce(c, "petitions.dlq", &failing, &refused)

	sink := ingesttest.NewSink()
	msgs := []Message{{Topic: "petitions", Key: []byte("BAD"), Value: []byte(`{"id":"BAD"}`)}}
	msgs = append(msgs, petitionMessages("D", 10)...)
	produce(t, addr, msgs...)
	// One batch of all the messages, whatever the order and pace of the
	// partitions' fetches (a batch of good ones alone would be committed).
	_, stop := startConsumer(t, addr, "g-dlqfail", sink, ConsumerConfig{Options: Options{BatchSize: len(msgs), Linger: time.Hour}})
	eventually(t, time.Minute, "three refused dead-letter writes", func() bool { return refused.Load() >= 3 })
	// The poison message is in the batch of the good ones: nothing may be
	// committed past it while its dead letter is not acknowledged.
	noCommits(t, addr, "g-dlqfail", "petitions")

	failing.Store(false)
	dead := readAll(t, addr, "petitions.dlq", 1)
	waitCount(t, sink, 10, time.Minute)
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if dead[0].Key != "BAD" || dead[0].Headers["error_code"] != "invalid_content" {
		t.Errorf("dead letter %+v, want key BAD with error_code invalid_content", dead[0])
	}
	checkCommittedToEnd(t, addr, "g-dlqfail", "petitions")
}

func TestConsumerRedeliveryIsIdempotent(t *testing.T) {
	c, addr := newCluster(t)
	// The first consumer indexes everything but cannot commit: as after a
	// crash between index and commit, the records come again.
	var commitsRefused atomic.Int32
	failing := atomic.Bool{}
	failing.Store(true)
	c.ControlKey(kmsg.OffsetCommit.Int16(), func(r kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		if !failing.Load() {
			return nil, nil, false
		}
		commitsRefused.Add(1)
		req := r.(*kmsg.OffsetCommitRequest)
		resp := req.ResponseKind().(*kmsg.OffsetCommitResponse)
		for _, tp := range req.Topics {
			rt := kmsg.NewOffsetCommitResponseTopic()
			rt.Topic = tp.Topic
			for _, p := range tp.Partitions {
				rp := kmsg.NewOffsetCommitResponseTopicPartition()
				rp.Partition = p.Partition
				rp.ErrorCode = kerr.CoordinatorLoadInProgress.Code
				rt.Partitions = append(rt.Partitions, rp)
			}
			resp.Topics = append(resp.Topics, rt)
		}
		return resp, nil, true
	})
	sink := ingesttest.NewSink()
	msgs := petitionMessages("I", 40)
	produce(t, addr, msgs...)

	// One batch of all the records: a refused commit holds back the
	// batches after it, so with the default linger a loaded machine split
	// them and indexed only the first (TestConsumerRedeliveryIsIdempotent
	// saw 9 of 40).
	_, stop := startConsumer(t, addr, "g-redeliver", sink, ConsumerConfig{DrainTimeout: 500 * time.Millisecond,
		Options: Options{BatchSize: len(msgs), Linger: time.Hour}})
	waitCount(t, sink, len(msgs), time.Minute)
	eventually(t, time.Minute, "a refused commit", func() bool { return commitsRefused.Load() > 0 })
	if err := stop(); err == nil {
		t.Errorf("Run = nil after its commits were refused, want an error")
	}
	noCommits(t, addr, "g-redeliver", "petitions")

	failing.Store(false)
	_, stop = startConsumer(t, addr, "g-redeliver", sink, ConsumerConfig{})
	eventually(t, time.Minute, "every record delivered twice", func() bool {
		for _, m := range msgs {
			if sink.Writes(string(m.Key)) < 2 {
				return false
			}
		}
		return true
	})
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if got := sink.Count(); got != len(msgs) {
		t.Errorf("sink holds %d documents after redelivery, want %d", got, len(msgs))
	}
	checkCommittedToEnd(t, addr, "g-redeliver", "petitions")
}

func TestConsumerShutdownFlushesAndCommits(t *testing.T) {
	_, addr := newCluster(t)
	sink := ingesttest.NewSink()
	msgs := petitionMessages("S", 30)
	produce(t, addr, msgs...)
	reg := prometheus.NewRegistry()
	metrics, err := NewMetrics(reg)
	if err != nil {
		t.Fatal(err)
	}
	// A batch that would only flush after an hour: the shutdown must flush
	// and commit it.
	_, stop := startConsumer(t, addr, "g-shutdown", sink, ConsumerConfig{Options: Options{
		Metrics: metrics, BatchSize: 1000, Linger: time.Hour,
	}})
	eventually(t, time.Minute, "30 messages consumed", func() bool {
		return counterValue(metrics.consumed.WithLabelValues("petitions")) >= 30
	})
	if sink.Count() != 0 {
		t.Fatalf("sink holds %d documents before the linger passed", sink.Count())
	}
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if got := sink.Count(); got != len(msgs) {
		t.Errorf("sink holds %d documents after shutdown, want %d", got, len(msgs))
	}
	checkCommittedToEnd(t, addr, "g-shutdown", "petitions")
}

func TestNewConsumerRejectsBadConfig(t *testing.T) {
	sink := ingesttest.NewSink()
	for _, tc := range []struct {
		name string
		cfg  ConsumerConfig
		sink Sink
	}{
		{"no brokers", ConsumerConfig{}, sink},
		{"nil sink", ConsumerConfig{Brokers: []string{"127.0.0.1:1"}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := NewConsumer(tc.cfg, tc.sink, nil); err == nil {
				t.Errorf("NewConsumer = nil error, want one")
			}
		})
	}
}

func TestConsumerNotReadyWithoutBrokers(t *testing.T) {
	// A port nobody listens on: the client keeps failing to connect.
	c, stop := startConsumer(t, "127.0.0.1:1", "g-nobroker", ingesttest.NewSink(), ConsumerConfig{ReadyGrace: 500 * time.Millisecond})
	eventually(t, time.Minute, "Ready to report the unreachable broker", func() bool {
		err := c.Ready()
		return err != nil && strings.Contains(err.Error(), "client errors")
	})
	t.Logf("Ready() = %v", c.Ready())
	if err := stop(); err != nil {
		t.Errorf("Run = %v, want a clean stop", err)
	}
	if err := c.Ready(); err == nil {
		t.Errorf("Ready() after Run returned = nil, want an error")
	}
}

func TestConsumerReadyWhileIdle(t *testing.T) {
	_, addr := newCluster(t)
	c, stop := startConsumer(t, addr, "g-idle", ingesttest.NewSink(), ConsumerConfig{ReadyGrace: 200 * time.Millisecond})
	// Joining the group may log client errors on a loaded machine: ready
	// once it has, and still ready after idling five graces.
	eventually(t, time.Minute, "Ready() of an idle consumer = nil", func() bool { return c.Ready() == nil })
	time.Sleep(time.Second)
	if err := c.Ready(); err != nil {
		t.Errorf("Ready() of a consumer idle for 1s = %v, want nil", err)
	}
	stop()
}
