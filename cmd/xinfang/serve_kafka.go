package main

import (
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/xinfang/xinfang/ingest"
)

// kafkaFlags are the Kafka flags of xinfang serve besides --kafka-brokers:
// with brokers the node runs the indexing consumer next to its HTTP server.
type kafkaFlags struct {
	group       *string
	topics      *string
	batch       *int
	linger      *time.Duration
	readyStall  *time.Duration
	readyMaxLag *int64
}

// addKafkaFlags defines the Kafka flags on fs. loadConfig fills them from
// the config file and XINFANG_* variables like the others.
func addKafkaFlags(fs *flag.FlagSet) *kafkaFlags {
	return &kafkaFlags{
		group: fs.String("group", ingest.DefaultGroupID,
			"Kafka consumer group to which the node commits a copy of its offsets (every node reads every partition: give each node its own)"),
		topics: fs.String("topics", ingest.DefaultPetitionsTopic+","+ingest.DefaultBulletinsTopic,
			"the petitions topic and the bulletins topic, comma-separated; dead letters go to <topic>.dlq"),
		batch:  fs.Int("index-batch", ingest.DefaultBatchSize, "largest batch of documents indexed at once"),
		linger: fs.Duration("index-linger", 100*time.Millisecond, "longest wait before a partial batch is indexed"),
		readyStall: fs.Duration("ready-stall", 10*time.Second,
			"/readyz says 503 when records wait in Kafka and nothing has been indexed for this long"),
		readyMaxLag: fs.Int64("ready-max-lag", 100000,
			"/readyz says 503 while more records than this wait in Kafka (0: no limit)"),
	}
}

// validate checks the flags that need more than their type.
func (k *kafkaFlags) validate() error {
	if _, err := k.topicNames(); err != nil {
		return err
	}
	switch {
	case *k.group == "":
		return errors.New("--group: is empty")
	case *k.batch <= 0:
		return fmt.Errorf("--index-batch: %d is not positive", *k.batch)
	case *k.linger <= 0:
		return fmt.Errorf("--index-linger: %v is not positive", *k.linger)
	case *k.readyStall <= 0:
		return fmt.Errorf("--ready-stall: %v is not positive", *k.readyStall)
	case *k.readyMaxLag < 0:
		return fmt.Errorf("--ready-max-lag: %d is negative", *k.readyMaxLag)
	}
	return nil
}

// topicNames parses --topics.
func (k *kafkaFlags) topicNames() (ingest.Topics, error) {
	ts := splitList(*k.topics)
	if len(ts) != 2 || ts[0] == ts[1] {
		return ingest.Topics{}, fmt.Errorf("--topics %q: want two different topics, petitions then bulletins (e.g. petitions,bulletins)", *k.topics)
	}
	return ingest.Topics{Petitions: ts[0], Bulletins: ts[1]}, nil
}

// startBatch caps the consumer's first batch after a start (doubling up to
// --index-batch after it): records waiting after a restart become
// searchable in a batch of this size rather than a full one, which takes a
// second or more to index on a loaded machine (xinfang bench restart).
const startBatch = 64

// kafkaRunners returns the Kafka consumer runner when --kafka-brokers is
// set: it indexes the topics into the store, registers the ingest metrics
// and joins /readyz.
func kafkaRunners(parts serveParts) ([]runner, error) {
	k := parts.opts.kafka
	if len(parts.opts.kafkaBrokers) == 0 || k == nil {
		return nil, nil
	}
	if err := k.validate(); err != nil {
		return nil, err
	}
	topics, _ := k.topicNames()
	m, err := ingest.NewMetrics(parts.reg)
	if err != nil {
		return nil, err
	}
	c, err := ingest.NewConsumer(ingest.ConsumerConfig{
		Brokers:    parts.opts.kafkaBrokers,
		GroupID:    *k.group,
		StallAfter: *k.readyStall,
		MaxLag:     *k.readyMaxLag,
		Options: ingest.Options{
			Topics:     topics,
			BatchSize:  *k.batch,
			StartBatch: startBatch,
			Linger:     *k.linger,
			Metrics:    m,
			Logger:     parts.log,
			Indexed:    func(ms []ingest.Message) { parts.api.CountIndexed(len(ms)) },
		},
	}, parts.sink, parts.an)
	if err != nil {
		return nil, err
	}
	parts.log.Info("kafka consumer", "brokers", parts.opts.kafkaBrokers, "group", *k.group,
		"topics", topics.Names())
	return []runner{{name: "kafka consumer", run: c.Run, ready: c.Ready}}, nil
}
