package ingest

import (
	"context"
	"encoding/json"
	"fmt"
)

// A consumer whose sink is a CheckpointSink stores, with each batch and in
// the same durable write as its documents, where the batch began and where
// the consumer stands after it. Kafka's committed offsets could not do this:
// they are written after the index, so a crash between the two re-delivers
// the batch, and a restarted member of a group waits for the group to
// rebalance before it reads anything (10 s and more).
//
// A consumer restarted after a crash reads the last batch again from where
// it began: its documents are upserted again (no change), and the watches
// that alert on each batch (internal/watch) evaluate it again, which they
// must when the crash came after the index write and before the alerts were
// stored; their keys raise nothing twice. So a kill -9 costs at most one
// batch read twice, and no record is missing or doubled in the index. A
// clean stop stores a last checkpoint without the batch, so that the next
// start reads nothing twice.

// checkpoint is what the consumer stores with a batch.
type checkpoint struct {
	// Next is, per topic and partition, the offset after the last message
	// indexed by this batch or an earlier one.
	Next map[string]map[int]int64 `json:"next"`
	// Batch is, for the partitions of this batch, the offset of its first
	// message: where a restart resumes.
	Batch map[string]map[int]int64 `json:"batch"`
}

// resume returns where a restart reads each partition of the checkpoint.
func (cp *checkpoint) resume() map[topicPartition]int64 {
	out := map[topicPartition]int64{}
	for t, ps := range cp.Next {
		for p, off := range ps {
			out[topicPartition{t, p}] = off
		}
	}
	for t, ps := range cp.Batch {
		for p, off := range ps {
			out[topicPartition{t, p}] = off
		}
	}
	return out
}

// checkpoint encodes the checkpoint of the batch jobs: the positions before
// it moved past it. Batches are flushed one at a time, in order, and the
// positions move (commit) before the next flush.
func (c *Consumer) checkpoint(jobs []*job) ([]byte, error) {
	first, next := batchRange(jobs, true), batchRange(jobs, false)
	cp := checkpoint{Next: map[string]map[int]int64{}, Batch: map[string]map[int]int64{}}
	put := func(m map[string]map[int]int64, tp topicPartition, off int64) {
		if m[tp.topic] == nil {
			m[tp.topic] = map[int]int64{}
		}
		m[tp.topic][tp.partition] = off
	}
	c.mu.Lock()
	for tp, off := range c.pos {
		if off >= 0 {
			put(cp.Next, tp, off)
		}
	}
	c.mu.Unlock()
	for tp, off := range next {
		put(cp.Next, tp, off)
	}
	for tp, off := range first {
		put(cp.Batch, tp, off)
	}
	b, err := json.Marshal(&cp)
	if err != nil {
		return nil, fmt.Errorf("encode checkpoint: %w", err)
	}
	return b, nil
}

// checkpointStop stores, after a clean drain, the positions alone: every
// batch and its alerts are done, nothing needs reading again.
func (c *Consumer) checkpointStop() error {
	if c.cps == nil {
		return nil
	}
	b, err := c.checkpoint(nil)
	if err != nil {
		return err
	}
	var cp checkpoint
	if json.Unmarshal(b, &cp); len(cp.Next) == 0 {
		return nil // nothing read
	}
	ctx, cancel := context.WithTimeout(context.Background(), c.cfg.DrainTimeout)
	defer cancel()
	if err := c.cps.IndexCheckpoint(ctx, nil, b); err != nil {
		return fmt.Errorf("ingest: store the last checkpoint: %w", err)
	}
	return nil
}

// resumePoint reads the checkpoint of the index: where to read each
// partition it names. Without a CheckpointSink, or a checkpoint, it is
// empty, and partitions start at the group's committed offsets.
func (c *Consumer) resumePoint() (map[topicPartition]int64, error) {
	if c.cps == nil {
		return nil, nil
	}
	b, err := c.cps.Checkpoint()
	if err != nil {
		return nil, fmt.Errorf("ingest: read the checkpoint of the index: %w", err)
	}
	if b == nil {
		c.log.Info("ingest: the index holds no checkpoint; partitions start at the group's committed offsets", "group", c.cfg.GroupID)
		return nil, nil
	}
	var cp checkpoint
	if err := json.Unmarshal(b, &cp); err != nil {
		return nil, fmt.Errorf("ingest: the checkpoint of the index %q: %w", clip(string(b), 200), err)
	}
	r := cp.resume()
	c.log.Info("ingest: resuming from the checkpoint of the index (the last batch again)", "partitions", len(r))
	return r, nil
}
