package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/xinfang/xinfang/ingest"
)

// kafkaFlags are the Kafka flags of xinfang serve: with --kafka-brokers the
// node runs the indexing consumer next to its HTTP server.
type kafkaFlags struct {
	brokers        *string
	group          *string
	topics         *string
	sessionTimeout *time.Duration
	batch          *int
	linger         *time.Duration
}

// addKafkaFlags defines the Kafka flags on fs.
func addKafkaFlags(fs *flag.FlagSet, e *env) *kafkaFlags {
	return &kafkaFlags{
		brokers: fs.String("kafka-brokers", envOr(e, "XINFANG_KAFKA_BROKERS", ""),
			"comma-separated Kafka brokers; when set, the node indexes the topics as a member of --group (default: embedded, no Kafka)"),
		group: fs.String("group", envOr(e, "XINFANG_KAFKA_GROUP", ingest.DefaultGroupID),
			"Kafka consumer group: nodes sharing a group share the partitions, replicas use their own group"),
		topics: fs.String("topics", envOr(e, "XINFANG_KAFKA_TOPICS", ingest.DefaultPetitionsTopic+","+ingest.DefaultBulletinsTopic),
			"the petitions topic and the bulletins topic, comma-separated; dead letters go to <topic>.dlq"),
		sessionTimeout: fs.Duration("kafka-session-timeout", 10*time.Second,
			"how long the group waits for a silent member before moving its partitions"),
		batch:  fs.Int("index-batch", 500, "documents per index batch"),
		linger: fs.Duration("index-linger", 100*time.Millisecond, "longest wait before a partial batch is indexed"),
	}
}

// enabled reports whether the Kafka path is configured.
func (k *kafkaFlags) enabled() bool { return len(splitList(*k.brokers)) > 0 }

// topicNames parses --topics.
func (k *kafkaFlags) topicNames() (ingest.Topics, error) {
	ts := splitList(*k.topics)
	if len(ts) != 2 || ts[0] == ts[1] {
		return ingest.Topics{}, fmt.Errorf("--topics %q: want two different topics, petitions then bulletins (e.g. petitions,bulletins)", *k.topics)
	}
	return ingest.Topics{Petitions: ts[0], Bulletins: ts[1]}, nil
}

// newConsumer returns the consumer that indexes the topics into sink, with
// the ingest metrics registered on reg (nil registers none).
func (k *kafkaFlags) newConsumer(sink ingest.Sink, an ingest.Analyzer, reg prometheus.Registerer, log *slog.Logger) (*ingest.Consumer, error) {
	if !k.enabled() {
		return nil, errors.New("no --kafka-brokers")
	}
	topics, err := k.topicNames()
	if err != nil {
		return nil, err
	}
	var m *ingest.Metrics
	if reg != nil {
		if m, err = ingest.NewMetrics(reg); err != nil {
			return nil, err
		}
	}
	return ingest.NewConsumer(ingest.ConsumerConfig{
		Brokers:        splitList(*k.brokers),
		GroupID:        *k.group,
		SessionTimeout: *k.sessionTimeout,
		Options: ingest.Options{
			Topics:    topics,
			BatchSize: *k.batch,
			Linger:    *k.linger,
			Metrics:   m,
			Logger:    log,
		},
	}, sink, an)
}

// readyAll combines readiness checks: the first failing one wins.
func readyAll(checks ...func() error) func() error {
	return func() error {
		for _, c := range checks {
			if c == nil {
				continue
			}
			if err := c(); err != nil {
				return err
			}
		}
		return nil
	}
}
