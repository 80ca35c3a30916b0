package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"
	"time"

	"github.com/segmentio/kafka-go"
)

// Why no consumer group: a member of a group that restarts after kill -9
// gets no partition until the group has given up on its dead predecessor
// (the session timeout, 10 s) and rebalanced. Kafka's answer is static
// membership (group.instance.id), which kafka-go does not implement. So the
// consumer assigns itself every partition of the topics: one kafka-go
// reader per partition, started at the position the index holds
// (checkpoint.go), and lists the partitions again every
// PartitionWatchInterval to read new ones. A node is thereby a full
// replica; nodes never split the partitions among themselves.

// readerConfig is the kafka-go reader of one partition.
func (c *Consumer) readerConfig(tp topicPartition) kafka.ReaderConfig {
	return kafka.ReaderConfig{
		Brokers:       c.cfg.Brokers,
		Topic:         tp.topic,
		Partition:     tp.partition,
		Dialer:        c.cfg.Dialer,
		QueueCapacity: 256,
		MinBytes:      1,
		// Per fetch; above the brokers' 1 MB message limit, small enough
		// to be sent well within MaxWait.
		MaxBytes:         4 << 20,
		MaxWait:          c.cfg.MaxWait,
		ReadBatchTimeout: 10 * time.Second,
		// Read only up to the last stable offset: no record of an open
		// transaction. kafka-go does not drop the records of aborted
		// transactions (segmentio/kafka-go#1332), so producers of these
		// topics must not abort transactions; publish and crawl use none.
		IsolationLevel: kafka.ReadCommitted,
		ReadBackoffMin: 50 * time.Millisecond,
		ReadBackoffMax: time.Second,
		MaxAttempts:    3,
		ErrorLogger: kafka.LoggerFunc(func(format string, args ...any) {
			msg := fmt.Sprintf(format, args...)
			c.log.Warn("kafka: " + msg)
			c.noteClientError(msg)
		}),
	}
}

// readPartitions starts a reader for every partition of the topics, at
// once and then for each new one, until ctx ends. readers counts the
// goroutines (this one included) that may send on in.
func (c *Consumer) readPartitions(ctx context.Context, readers *sync.WaitGroup, in chan<- Message, resume map[topicPartition]int64) {
	started := map[topicPartition]bool{}
	for attempt := 0; ; {
		wait := c.cfg.PartitionWatchInterval
		err := c.startNew(ctx, readers, in, resume, started)
		if err != nil && ctx.Err() == nil {
			c.noteClientError(err.Error())
			wait = backoff(attempt, c.cfg.Options.RetryMin, min(c.cfg.PartitionWatchInterval, c.cfg.Options.RetryMax))
			c.log.Warn("ingest: list partitions failed; retrying", "in", wait, "error", err)
			attempt++
		} else {
			attempt = 0
		}
		if !sleep(ctx, wait) {
			return
		}
	}
}

// startNew starts the readers of the partitions not started yet.
func (c *Consumer) startNew(ctx context.Context, readers *sync.WaitGroup, in chan<- Message, resume map[topicPartition]int64, started map[topicPartition]bool) error {
	parts, err := c.partitions(ctx)
	if err != nil {
		return err
	}
	var fresh []topicPartition
	for _, tp := range parts {
		if !started[tp] {
			fresh = append(fresh, tp)
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	from, err := c.startOffsets(ctx, fresh, resume)
	if err != nil {
		return err
	}
	c.mu.Lock()
	for _, tp := range fresh {
		if _, ok := c.pos[tp]; !ok {
			c.pos[tp] = from[tp]
		}
	}
	c.mu.Unlock()
	for _, tp := range fresh {
		started[tp] = true
		off := from[tp]
		c.log.Info("ingest: reading partition", "topic", tp.topic, "partition", tp.partition, "from", humanOffset(off))
		readers.Go(func() { c.readPartition(ctx, tp, off, in) })
	}
	return nil
}

// partitions lists the partitions of the topics; a topic that does not
// exist yet has none.
func (c *Consumer) partitions(ctx context.Context) ([]topicPartition, error) {
	md, err := c.client.Metadata(ctx, &kafka.MetadataRequest{Topics: c.cfg.Options.Topics.Names()})
	if err != nil {
		return nil, fmt.Errorf("list partitions: %w", err)
	}
	var out []topicPartition
	for _, t := range md.Topics {
		if t.Error != nil {
			if errors.Is(t.Error, kafka.UnknownTopicOrPartition) {
				continue
			}
			return nil, fmt.Errorf("list partitions of %s: %w", t.Name, t.Error)
		}
		for _, p := range t.Partitions {
			out = append(out, topicPartition{t.Name, p.ID})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].topic != out[j].topic {
			return out[i].topic < out[j].topic
		}
		return out[i].partition < out[j].partition
	})
	return out, nil
}

// startOffsets returns where to read each partition of tps: the index's
// checkpoint, else the group's committed offset, else the first offset.
func (c *Consumer) startOffsets(ctx context.Context, tps []topicPartition, resume map[topicPartition]int64) (map[topicPartition]int64, error) {
	out := map[topicPartition]int64{}
	ask := map[string][]int{}
	for _, tp := range tps {
		if off, ok := resume[tp]; ok {
			out[tp] = off
			continue
		}
		out[tp] = kafka.FirstOffset
		ask[tp.topic] = append(ask[tp.topic], tp.partition)
	}
	if len(ask) == 0 {
		return out, nil
	}
	resp, err := c.client.OffsetFetch(ctx, &kafka.OffsetFetchRequest{GroupID: c.cfg.GroupID, Topics: ask})
	if err != nil {
		return nil, fmt.Errorf("committed offsets of group %s: %w", c.cfg.GroupID, err)
	}
	if errors.Is(resp.Error, kafka.GroupIdNotFound) {
		return out, nil // a group that never committed
	}
	if resp.Error != nil {
		return nil, fmt.Errorf("committed offsets of group %s: %w", c.cfg.GroupID, resp.Error)
	}
	for t, ps := range resp.Topics {
		for _, p := range ps {
			if p.Error != nil {
				return nil, fmt.Errorf("committed offset of %s/%d: %w", t, p.Partition, p.Error)
			}
			if p.CommittedOffset >= 0 {
				out[topicPartition{t, p.Partition}] = p.CommittedOffset
			}
		}
	}
	return out, nil
}

// readPartition feeds in with the messages of one partition from offset
// until ctx ends. Fetch errors are retried with backoff.
func (c *Consumer) readPartition(ctx context.Context, tp topicPartition, offset int64, in chan<- Message) {
	r := kafka.NewReader(c.readerConfig(tp))
	defer r.Close()
	if err := r.SetOffset(offset); err != nil {
		c.log.Error("ingest: set the offset of a partition reader", "topic", tp.topic, "partition", tp.partition, "error", err)
		return
	}
	opts := c.cfg.Options
	for attempt := 0; ; {
		km, err := r.FetchMessage(ctx)
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, io.EOF) {
				return
			}
			c.noteClientError("fetch: " + err.Error())
			if m := opts.Metrics; m != nil {
				m.retries.Inc()
			}
			d := backoff(attempt, opts.RetryMin, opts.RetryMax)
			c.log.Warn("ingest: fetch failed; retrying", "topic", tp.topic, "partition", tp.partition, "in", d, "error", err)
			attempt++
			if !sleep(ctx, d) {
				return
			}
			continue
		}
		attempt = 0
		m := Message{
			Topic:         km.Topic,
			Partition:     km.Partition,
			Offset:        km.Offset,
			HighWaterMark: km.HighWaterMark,
			Key:           km.Key,
			Value:         km.Value,
			Time:          km.Time,
		}
		// Counted once handed over: a message fetched but dropped at
		// shutdown is not consumed (it is redelivered from the stored
		// offset), so the count never runs ahead of what the pipeline got.
		select {
		case in <- m:
		case <-ctx.Done():
			return
		}
		if mt := opts.Metrics; mt != nil {
			mt.fetched(&m)
		}
	}
}

// humanOffset names the symbolic start offsets in the log.
func humanOffset(off int64) any {
	switch off {
	case kafka.FirstOffset:
		return "first"
	case kafka.LastOffset:
		return "last"
	}
	return off
}
