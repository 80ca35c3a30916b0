package ingest

import (
	"encoding/json"
	"fmt"
	"maps"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/ingest/ingesttest"
)

// refuseCommits makes the broker refuse every offset commit while refusing
// is set, and counts the refusals.
func refuseCommits(c interface {
	ControlKey(int16, func(kmsg.Request) (kmsg.Response, error, bool))
	KeepControl()
}, refusing *atomic.Bool, refused *atomic.Int32) {
	c.ControlKey(kmsg.OffsetCommit.Int16(), func(r kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		if !refusing.Load() {
			return nil, nil, false
		}
		refused.Add(1)
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
}

// TestConsumerResumesFromCheckpoint: with a CheckpointSink the position is
// the checkpoint stored with each batch, not the group's committed offsets:
// a consumer whose commits were all refused runs on, and the next one
// resumes where the index stopped.
func TestConsumerResumesFromCheckpoint(t *testing.T) {
	c, addr := newCluster(t)
	var refusing atomic.Bool
	var refused atomic.Int32
	refusing.Store(true)
	refuseCommits(c, &refusing, &refused)

	sink := ingesttest.NewCheckpointSink()
	first := petitionMessages("CP", 120)
	produce(t, addr, first...)
	const batch = 16 // several batches
	_, stop := startConsumer(t, addr, "g-cp", sink, ConsumerConfig{Options: Options{BatchSize: batch}})
	waitCount(t, sink.Sink, len(first), time.Minute)
	eventually(t, time.Minute, "a refused commit", func() bool { return refused.Load() > 0 })
	if err := stop(); err != nil {
		t.Fatalf("Run = %v; a refused copy of the offsets must not stop the consumer", err)
	}
	noCommits(t, addr, "g-cp", "petitions")
	b, _ := sink.Checkpoint()
	var cp checkpoint
	if err := json.Unmarshal(b, &cp); err != nil {
		t.Fatalf("checkpoint %q: %v", b, err)
	}
	var next int64
	for _, off := range cp.Next["petitions"] {
		next += off
	}
	if next != int64(len(first)) {
		t.Errorf("checkpoint %s: next offsets sum to %d, want %d", b, next, len(first))
	}

	refusing.Store(false)
	second := petitionMessages("CQ", 30)
	produce(t, addr, second...)
	_, stop = startConsumer(t, addr, "g-cp", sink, ConsumerConfig{Options: Options{BatchSize: batch}})
	waitCount(t, sink.Sink, len(first)+len(second), time.Minute)
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	// The first run stopped cleanly: nothing is read twice.
	for _, m := range first {
		if w := sink.Writes(string(m.Key)); w != 1 {
			t.Errorf("%s written %d times, want 1", m.Key, w)
		}
	}
	for _, m := range second {
		if w := sink.Writes(string(m.Key)); w != 1 {
			t.Errorf("%s written %d times, want 1", m.Key, w)
		}
	}
	checkCommittedToEnd(t, addr, "g-cp", "petitions")
}

// TestCheckpointResume: after a crash the last batch is read again; after
// a clean stop (no batch) nothing is.
func TestCheckpointResume(t *testing.T) {
	cp := checkpoint{
		Next:  map[string]map[int]int64{"petitions": {0: 120, 1: 40}, "bulletins": {0: 5}},
		Batch: map[string]map[int]int64{"petitions": {0: 100}},
	}
	want := map[topicPartition]int64{{"petitions", 0}: 100, {"petitions", 1}: 40, {"bulletins", 0}: 5}
	if got := cp.resume(); !maps.Equal(got, want) {
		t.Errorf("resume after a crash = %v, want %v", got, want)
	}
	cp.Batch = nil
	want[topicPartition{"petitions", 0}] = 120
	if got := cp.resume(); !maps.Equal(got, want) {
		t.Errorf("resume after a clean stop = %v, want %v", got, want)
	}
}

// TestConsumerCheckpointPassesRefusedRecords: a batch whose every record is
// dead-lettered moves the checkpoint too, and one with a record the index
// refuses stores it after the dead letter.
func TestConsumerCheckpointPassesRefusedRecords(t *testing.T) {
	_, addr := newCluster(t)
	sink := ingesttest.NewCheckpointSink()
	sink.FailWith(func(docs []xinfang.Document) error {
		for _, d := range docs {
			if d.ID == "CR-000003" {
				return xinfang.Errorf(xinfang.EINVALID, "refused %s", d.ID)
			}
		}
		return nil
	})
	var msgs []Message
	for i := range 3 {
		msgs = append(msgs, Message{Topic: "petitions", Key: []byte(fmt.Sprint("bad", i)), Value: []byte("not json")})
	}
	produce(t, addr, msgs...)
	_, stop := startConsumer(t, addr, "g-cpdead", sink, ConsumerConfig{})
	readAll(t, addr, "petitions.dlq", 3)
	eventually(t, time.Minute, "a checkpoint past the dead letters", func() bool {
		b, _ := sink.Checkpoint()
		var cp checkpoint
		json.Unmarshal(b, &cp)
		var n int64
		for _, off := range cp.Next["petitions"] {
			n += off
		}
		return n == 3
	})
	good := petitionMessages("CR", 5)
	produce(t, addr, good...)
	readAll(t, addr, "petitions.dlq", 4)
	waitCount(t, sink.Sink, 4, time.Minute)
	eventually(t, time.Minute, "a checkpoint past the refused record", func() bool {
		b, _ := sink.Checkpoint()
		var cp checkpoint
		json.Unmarshal(b, &cp)
		var n int64
		for _, off := range cp.Next["petitions"] {
			n += off
		}
		return n == 8
	})
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
}

// TestReplicasReadEveryPartition: consumers of different groups are
// replicas: each indexes every record, and a replica that stops does not
// hold the other back.
func TestReplicasReadEveryPartition(t *testing.T) {
	_, addr := newCluster(t)
	a, b := ingesttest.NewCheckpointSink(), ingesttest.NewCheckpointSink()
	_, stopA := startConsumer(t, addr, "g-replica-a", a, ConsumerConfig{})
	_, stopB := startConsumer(t, addr, "g-replica-b", b, ConsumerConfig{})
	first := petitionMessages("RA", 200)
	produce(t, addr, first...)
	waitCount(t, a.Sink, 200, time.Minute)
	waitCount(t, b.Sink, 200, time.Minute)
	if err := stopA(); err != nil {
		t.Fatalf("Run A: %v", err)
	}
	second := petitionMessages("RB", 100)
	produce(t, addr, second...)
	waitCount(t, b.Sink, 300, time.Minute)
	if err := stopB(); err != nil {
		t.Fatalf("Run B: %v", err)
	}
	if n := a.Count(); n != 200 {
		t.Errorf("stopped replica holds %d, want 200", n)
	}
	checkCommittedToEnd(t, addr, "g-replica-b", "petitions")
}
