package ingest

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/segmentio/kafka-go"
)

// The consumer's readiness needs to know whether records wait, also when the
// consumer itself learns nothing: while a frozen broker leaves fetches
// hanging, or before a partition's reader has started. So a probe asks the
// brokers, apart from the readers' connections, for the end of each
// partition; the lag is its difference with the consumer's position (the
// start of a partition not read yet). A probe that fails is itself a reason
// not to be ready, once it has failed for longer than the readiness grace.

// lagProbe measures the lag of a consumer.
type lagProbe struct {
	client *kafka.Client
	topics []string
}

// lag returns the records of the topics after the positions pos (offset of
// the next message to index per partition; absent or symbolic: the start
// of the partition).
func (p *lagProbe) lag(ctx context.Context, pos func() map[topicPartition]int64) (int64, error) {
	md, err := p.client.Metadata(ctx, &kafka.MetadataRequest{Topics: p.topics})
	if err != nil {
		return 0, fmt.Errorf("metadata: %w", err)
	}
	ends := map[string][]kafka.OffsetRequest{}
	for _, t := range md.Topics {
		if t.Error != nil {
			if errors.Is(t.Error, kafka.UnknownTopicOrPartition) {
				continue // not created yet: nothing waits there
			}
			return 0, fmt.Errorf("metadata of %s: %w", t.Name, t.Error)
		}
		for _, pt := range t.Partitions {
			ends[t.Name] = append(ends[t.Name], kafka.FirstOffsetOf(pt.ID), kafka.LastOffsetOf(pt.ID))
		}
	}
	if len(ends) == 0 {
		return 0, nil
	}
	offs, err := p.client.ListOffsets(ctx, &kafka.ListOffsetsRequest{Topics: ends, IsolationLevel: kafka.ReadCommitted})
	if err != nil {
		return 0, fmt.Errorf("list offsets: %w", err)
	}
	next := pos()
	var lag int64
	for t, ps := range offs.Topics {
		for _, pt := range ps {
			if pt.Error != nil {
				return 0, fmt.Errorf("offsets of %s/%d: %w", t, pt.Partition, pt.Error)
			}
			from, ok := next[topicPartition{t, pt.Partition}]
			if !ok || from < pt.FirstOffset {
				from = pt.FirstOffset // not read yet, or compacted away
			}
			lag += max(pt.LastOffset-from, 0)
		}
	}
	return lag, nil
}

// probeLag measures the lag every interval until ctx ends.
func (c *Consumer) probeLag(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		pctx, cancel := context.WithTimeout(ctx, every+c.cfg.MaxWait)
		lag, err := c.probe.lag(pctx, c.positions)
		cancel()
		if ctx.Err() != nil {
			return
		}
		now := time.Now()
		c.mu.Lock()
		if err != nil {
			if c.probeErr == nil {
				c.probeFailingSince = now
			}
			c.probeErr = err
		} else {
			c.probeErr, c.lag, c.lagAt = nil, lag, now
		}
		c.mu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// positions returns a copy of the positions.
func (c *Consumer) positions() map[topicPartition]int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.pos)
}

// lagHealth says why the consumer is behind: the lag unknown for longer
// than the grace, above MaxLag, or records waiting while nothing has been
// indexed for StallAfter. Caller holds c.mu.
func (c *Consumer) lagHealth(now time.Time) error {
	if c.probeErr != nil && now.Sub(c.probeFailingSince) > c.cfg.ReadyGrace {
		return fmt.Errorf("lag unknown for %s: %w", now.Sub(c.probeFailingSince).Round(time.Second), c.probeErr)
	}
	if c.lagAt.IsZero() || c.lag == 0 {
		return nil
	}
	if c.cfg.MaxLag > 0 && c.lag > c.cfg.MaxLag {
		return fmt.Errorf("%d records wait, more than the %d allowed", c.lag, c.cfg.MaxLag)
	}
	if idle := now.Sub(c.progressAt); idle > c.cfg.StallAfter {
		return fmt.Errorf("nothing indexed for %s while %d records wait", idle.Round(time.Second), c.lag)
	}
	return nil
}
