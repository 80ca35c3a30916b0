package ingest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/segmentio/kafka-go"
)

// The consumer's readiness needs to know whether records wait, also when the
// consumer itself learns nothing: while the group rebalances after a
// restart, or while a frozen broker leaves fetches hanging. So a probe asks
// the brokers, apart from the consumer's connections, for the end of each
// partition and for the group's committed offsets; their difference is the
// lag. A probe that fails is itself a reason not to be ready, once it has
// failed for longer than the readiness grace.

// lagProbe measures the lag of a consumer group.
type lagProbe struct {
	client *kafka.Client
	group  string
	topics []string
}

func newLagProbe(cfg ConsumerConfig) *lagProbe {
	cl := &kafka.Client{Addr: kafka.TCP(cfg.Brokers...), Timeout: cfg.MaxWait + 3*time.Second}
	if d := cfg.Dialer; d != nil {
		cl.Transport = &kafka.Transport{Dial: d.DialFunc, SASL: d.SASLMechanism, TLS: d.TLS, ClientID: d.ClientID}
	}
	return &lagProbe{client: cl, group: cfg.GroupID, topics: cfg.Options.Topics.Names()}
}

// lag returns the records of the topics that the group has not committed.
func (p *lagProbe) lag(ctx context.Context) (int64, error) {
	md, err := p.client.Metadata(ctx, &kafka.MetadataRequest{Topics: p.topics})
	if err != nil {
		return 0, fmt.Errorf("metadata: %w", err)
	}
	parts := map[string][]int{}
	ends := map[string][]kafka.OffsetRequest{}
	for _, t := range md.Topics {
		if t.Error != nil {
			if errors.Is(t.Error, kafka.UnknownTopicOrPartition) {
				continue // not created yet: nothing waits there
			}
			return 0, fmt.Errorf("metadata of %s: %w", t.Name, t.Error)
		}
		for _, pt := range t.Partitions {
			parts[t.Name] = append(parts[t.Name], pt.ID)
			ends[t.Name] = append(ends[t.Name], kafka.FirstOffsetOf(pt.ID), kafka.LastOffsetOf(pt.ID))
		}
	}
	if len(parts) == 0 {
		return 0, nil
	}
	offs, err := p.client.ListOffsets(ctx, &kafka.ListOffsetsRequest{Topics: ends, IsolationLevel: kafka.ReadCommitted})
	if err != nil {
		return 0, fmt.Errorf("list offsets: %w", err)
	}
	committed, err := p.client.OffsetFetch(ctx, &kafka.OffsetFetchRequest{GroupID: p.group, Topics: parts})
	if err != nil {
		return 0, fmt.Errorf("committed offsets: %w", err)
	}
	if committed.Error != nil {
		return 0, fmt.Errorf("committed offsets: %w", committed.Error)
	}
	next := map[string]map[int]int64{}
	for t, ps := range committed.Topics {
		next[t] = map[int]int64{}
		for _, pt := range ps {
			if pt.Error != nil {
				return 0, fmt.Errorf("committed offset of %s/%d: %w", t, pt.Partition, pt.Error)
			}
			next[t][pt.Partition] = pt.CommittedOffset
		}
	}
	var lag int64
	for t, ps := range offs.Topics {
		for _, pt := range ps {
			if pt.Error != nil {
				return 0, fmt.Errorf("offsets of %s/%d: %w", t, pt.Partition, pt.Error)
			}
			from, ok := next[t][pt.Partition]
			if !ok || from < pt.FirstOffset {
				from = pt.FirstOffset // nothing committed, or compacted away
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
		lag, err := c.probe.lag(pctx)
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
