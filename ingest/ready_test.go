package ingest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/ingest/ingesttest"
)

// waitReady polls c.Ready until match(err) holds, for up to d.
func waitReady(t *testing.T, c *Consumer, d time.Duration, what string, match func(error) bool) error {
	t.Helper()
	var err error
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if err = c.Ready(); match(err) {
			return err
		}
	}
	t.Fatalf("Ready() = %v after %s, want %s", err, d, what)
	return nil
}

// TestReadyWhenBehind: the consumer is not ready while records wait and
// nothing gets indexed (here the index refuses writes; the pipeline's own
// failure grace is long, so the stall is what shows), or while more records
// wait than allowed; it is ready again once it has caught up. The reason
// is given once, without naming the consumer.
func TestReadyWhenBehind(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  ConsumerConfig
		want string
	}{
		{"stalled", ConsumerConfig{StallAfter: 500 * time.Millisecond}, "nothing indexed for "},
		{"too far behind", ConsumerConfig{StallAfter: time.Hour, MaxLag: 10}, "40 records wait, more than the 10 allowed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, addr := newCluster(t)
			sink := ingesttest.NewSink()
			sink.FailWith(func([]xinfang.Document) error {
				return xinfang.Errorf(xinfang.EUNAVAILABLE, "index: disk low")
			})
			var msgs []Message
			for i := range 40 {
				id := fmt.Sprintf("RB-%03d", i)
				msgs = append(msgs, Message{Topic: "petitions", Key: []byte(id), Value: recordJSON(id)})
			}
			produce(t, addr, msgs...)
			cfg := tc.cfg
			cfg.ReadyGrace, cfg.LagProbeInterval = time.Hour, 100*time.Millisecond
			c, _ := startConsumer(t, addr, "g-ready", sink, cfg)
			err := waitReady(t, c, time.Minute, tc.want, func(err error) bool {
				return err != nil && strings.Contains(err.Error(), tc.want)
			})
			if strings.Contains(err.Error(), "kafka consumer") {
				t.Errorf("Ready() = %q names the consumer; its caller does", err)
			}
			sink.FailWith(nil)
			waitCount(t, sink, 40, time.Minute)
			waitReady(t, c, time.Minute, "nil once caught up", func(err error) bool { return err == nil })
		})
	}
}

// TestReadyLagUnknown: brokers that do not answer the lag probe make the
// consumer unready after the grace.
func TestReadyLagUnknown(t *testing.T) {
	c, addr := newCluster(t)
	sink := ingesttest.NewSink()
	cons, _ := startConsumer(t, addr, "g-probe", sink, ConsumerConfig{ReadyGrace: 300 * time.Millisecond, LagProbeInterval: 100 * time.Millisecond, MaxWait: 500 * time.Millisecond})
	waitReady(t, cons, time.Minute, "nil", func(err error) bool { return err == nil })
	c.Close()
	err := waitReady(t, cons, time.Minute, "an error", func(err error) bool { return err != nil })
	if !strings.Contains(err.Error(), "lag unknown") && !strings.Contains(err.Error(), "client errors") {
		t.Errorf("Ready() with the broker gone = %v, want the lag unknown or client errors", err)
	}
}
