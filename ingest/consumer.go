package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/segmentio/kafka-go"
)

// DefaultGroupID is the consumer group of the indexers.
const DefaultGroupID = "xinfang-indexer"

// ConsumerConfig configures a Consumer.
type ConsumerConfig struct {
	// Brokers are host:port addresses of the Kafka cluster (required).
	Brokers []string
	// GroupID is the consumer group (default DefaultGroupID) to which the
	// consumer commits a copy of its offsets, for tools, and from which it
	// starts a partition its index holds no checkpoint of. The consumer
	// never joins the group: every node reads every partition (a replica),
	// so nodes use a group each.
	GroupID string
	// Options configure the pipeline; Options.Topics names the topics
	// consumed.
	Options Options
	// Dialer connects to the brokers (TLS, SASL); nil uses kafka-go's
	// default.
	Dialer *kafka.Dialer
	// MaxWait bounds how long a fetch waits when there is no new data
	// (default 2s); new data is returned as soon as it arrives. kafka-go
	// asks the broker to wait MaxWait less a margin for the round trip
	// (up to 1s) and gives up on a response that has not come by MaxWait,
	// so a short MaxWait makes a slow broker look broken.
	MaxWait time.Duration
	// PartitionWatchInterval is how often the partitions of the topics are
	// listed, so that new partitions (and topics created late) are read
	// (default 5s).
	PartitionWatchInterval time.Duration
	// DrainTimeout bounds the final flush and commit after the context is
	// cancelled (default 15s).
	DrainTimeout time.Duration
	// ReadyGrace is how long a failure (fetch, index, dead-letter write,
	// commit, broker connection) may last before Ready reports it
	// (default 10s).
	ReadyGrace time.Duration
	// StallAfter makes the consumer unready when records wait and nothing
	// has been indexed for this long (default 10s): a frozen broker, an
	// index that refuses writes.
	StallAfter time.Duration
	// MaxLag makes the consumer unready while more records than this wait
	// (0: no limit), so that a balancer sends no searches to a replica that
	// is far behind.
	MaxLag int64
	// LagProbeInterval is how often the lag is asked of the brokers
	// (default 5s).
	LagProbeInterval time.Duration
	// DeadLetterMaxBytes bounds the value of a dead letter; a longer value
	// is cut and its original size put in the "original_size" header
	// (default 900 KiB, below the brokers' usual message limit of 1 MB).
	DeadLetterMaxBytes int
}

// writer is what the Consumer and Producer call on a kafka-go Writer.
type writer interface {
	WriteMessages(ctx context.Context, msgs ...kafka.Message) error
	Close() error
}

// Consumer indexes the petition and bulletin topics: one kafka-go reader per
// partition, every partition of the topics, with no group membership and so
// no rebalance to wait for after a restart (partitions.go). When the sink is
// a CheckpointSink (the index), the consumer's position is stored with each
// batch, atomically with its documents (checkpoint.go), and a restarted node
// resumes from it at once; Kafka's committed offsets of the group are then a
// copy for tools. With a plain Sink the committed offsets are the position
// and are committed only after the batch is durable. A message that can
// never be indexed goes to "<topic>.dlq" (acknowledged by all in-sync
// replicas) before the position passes it. The index upsert by id makes a
// record read again overwrite itself.
type Consumer struct {
	cfg    ConsumerConfig
	p      *pipeline
	dlq    writer
	client *kafka.Client
	// cps stores the checkpoint with each batch; nil with a plain Sink.
	cps CheckpointSink
	log *slog.Logger

	mu    sync.Mutex
	state string // "", "running", "stopped"
	// pos is, per partition read, the offset of the next message to index
	// (after the last durable batch), or kafka.FirstOffset before the
	// first.
	pos map[topicPartition]int64
	// kafka-go retries broker failures inside FetchMessage and only logs
	// them; those and the errors FetchMessage returns form streaks (no gap
	// longer than streakGap), and a streak that has spanned more than the
	// readiness grace makes the node unready.
	streakStart, streakLast time.Time
	streakMsg               string

	probe             *lagProbe // lag.go
	lag               int64     // records waiting at lagAt
	lagAt             time.Time // zero until a probe succeeded
	probeErr          error
	probeFailingSince time.Time
	progressAt        time.Time // last durable batch, or the start of Run
	started           time.Time // the start of Run
	batches           int       // durable batches since
}

// topicPartition names one partition.
type topicPartition struct {
	topic     string
	partition int
}

// streakGap ends an error streak of the kafka-go client: a single error
// does not make the node unready.
const streakGap = 5 * time.Second

// NewConsumer validates cfg and returns a Consumer indexing into sink. It
// connects lazily, in Run.
func NewConsumer(cfg ConsumerConfig, sink Sink, an Analyzer) (*Consumer, error) {
	if len(cfg.Brokers) == 0 {
		return nil, errors.New("ingest: new consumer: no brokers")
	}
	if sink == nil {
		return nil, errors.New("ingest: new consumer: nil sink")
	}
	if cfg.GroupID == "" {
		cfg.GroupID = DefaultGroupID
	}
	if cfg.MaxWait <= 0 {
		cfg.MaxWait = 2 * time.Second
	}
	if cfg.PartitionWatchInterval <= 0 {
		cfg.PartitionWatchInterval = 5 * time.Second
	}
	if cfg.DrainTimeout <= 0 {
		cfg.DrainTimeout = 15 * time.Second
	}
	if cfg.ReadyGrace <= 0 {
		cfg.ReadyGrace = 10 * time.Second
	}
	if cfg.StallAfter <= 0 {
		cfg.StallAfter = 10 * time.Second
	}
	if cfg.MaxLag < 0 {
		return nil, fmt.Errorf("ingest: new consumer: max lag %d is negative", cfg.MaxLag)
	}
	if cfg.LagProbeInterval <= 0 {
		cfg.LagProbeInterval = 5 * time.Second
	}
	if cfg.DeadLetterMaxBytes <= 0 {
		cfg.DeadLetterMaxBytes = 900 << 10
	}
	cfg.Options = cfg.Options.withDefaults()
	c := &Consumer{cfg: cfg, log: cfg.Options.Logger, pos: map[topicPartition]int64{}}
	// NewReader panics on a bad config; Validate reports it instead.
	rc := c.readerConfig(topicPartition{cfg.Options.Topics.Petitions, 0})
	if err := rc.Validate(); err != nil {
		return nil, fmt.Errorf("ingest: new consumer: %w", err)
	}
	c.cps, _ = sink.(CheckpointSink)
	c.p = newPipeline(sink, an, cfg.Options)
	c.p.deadLetter = c.deadLetter
	c.p.commit = c.commit
	if c.cps != nil {
		c.p.checkpoint = c.checkpoint
	}
	c.dlq = newWriter(cfg.Brokers, cfg.Dialer, cfg.Options.Logger)
	c.client = &kafka.Client{Addr: kafka.TCP(cfg.Brokers...), Timeout: cfg.MaxWait + 3*time.Second}
	if d := cfg.Dialer; d != nil {
		c.client.Transport = &kafka.Transport{Dial: d.DialFunc, SASL: d.SASLMechanism, TLS: d.TLS, ClientID: d.ClientID}
	}
	c.probe = &lagProbe{client: c.client, topics: cfg.Options.Topics.Names()}
	return c, nil
}

// newWriter returns a synchronous kafka-go Writer acknowledged by all
// in-sync replicas, with a short batch timeout (the default of one second
// would delay every synchronous write by that much).
func newWriter(brokers []string, dialer *kafka.Dialer, log *slog.Logger) *kafka.Writer {
	w := &kafka.Writer{
		Addr:         kafka.TCP(brokers...),
		Balancer:     &kafka.Murmur2Balancer{},
		RequiredAcks: kafka.RequireAll,
		BatchTimeout: 5 * time.Millisecond,
		BatchSize:    500,
		// A produce request must fit the brokers' message.max.bytes
		// (1 MB by default), or the whole batch is refused.
		BatchBytes:             1 << 20,
		MaxAttempts:            5,
		WriteBackoffMin:        50 * time.Millisecond,
		WriteBackoffMax:        time.Second,
		AllowAutoTopicCreation: true,
		ErrorLogger:            kafkaLogger{log, slog.LevelWarn},
	}
	if dialer != nil {
		w.Transport = &kafka.Transport{
			Dial:     dialer.DialFunc,
			SASL:     dialer.SASLMechanism,
			TLS:      dialer.TLS,
			ClientID: dialer.ClientID,
		}
	}
	return w
}

// Run consumes until ctx is cancelled, then stops fetching, flushes and
// commits what it holds (within DrainTimeout) and closes the connections.
// It returns nil after a clean shutdown. Call it once.
func (c *Consumer) Run(ctx context.Context) error {
	c.mu.Lock()
	c.progressAt = time.Now()
	c.started = c.progressAt
	c.mu.Unlock()
	c.setState("running")
	defer c.setState("stopped")
	resume, err := c.resumePoint()
	if err != nil {
		return err
	}
	dctx, cancel := drainContext(ctx, c.cfg.DrainTimeout)
	defer cancel()
	pctx, stopProbe := context.WithCancel(ctx)
	probed := make(chan struct{})
	go func() {
		defer close(probed)
		c.probeLag(pctx, c.cfg.LagProbeInterval)
	}()
	defer func() {
		stopProbe()
		<-probed
	}()

	// The readers stop when ctx ends or the pipeline gives up; the
	// pipeline drains what they fetched once they all have.
	fctx, stopFetch := context.WithCancel(ctx)
	defer stopFetch()
	in := make(chan Message)
	perr := make(chan error, 1)
	go func() {
		err := c.p.run(dctx, in)
		stopFetch()
		perr <- err
	}()
	var readers sync.WaitGroup
	readers.Go(func() { c.readPartitions(fctx, &readers, in, resume) })
	readers.Wait()
	close(in)
	err = <-perr
	if err == nil {
		err = c.checkpointStop()
	}
	if cerr := c.dlq.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("ingest: close dead-letter writer: %w", cerr)
	}
	return err
}

// deadLetter writes rejected messages to their dead-letter topics and
// returns when the brokers have acknowledged them.
func (c *Consumer) deadLetter(ctx context.Context, jobs []*job) error {
	now := time.Now().UTC().Format(time.RFC3339Nano)
	out := make([]kafka.Message, len(jobs))
	for i, j := range jobs {
		out[i] = c.deadLetterMessage(&j.msg, j.rej, now)
	}
	if err := c.dlq.WriteMessages(ctx, out...); err != nil {
		return fmt.Errorf("write %d dead letters: %w", len(out), err)
	}
	return nil
}

// deadLetterMessage keeps the original key and value and names the error
// and the original position in headers.
func (c *Consumer) deadLetterMessage(m *Message, rej *Rejection, now string) kafka.Message {
	value := m.Value
	headers := []kafka.Header{
		{Key: "error", Value: []byte(clip(rej.Error(), 1000))},
		{Key: "error_code", Value: []byte(rej.Reason)},
		{Key: "original_topic", Value: []byte(m.Topic)},
		{Key: "original_partition", Value: []byte(strconv.Itoa(m.Partition))},
		{Key: "original_offset", Value: []byte(strconv.FormatInt(m.Offset, 10))},
		{Key: "dlq_time", Value: []byte(now)},
	}
	if rej.Field != "" {
		headers = append(headers, kafka.Header{Key: "error_field", Value: []byte(rej.Field)})
	}
	if len(value) > c.cfg.DeadLetterMaxBytes {
		headers = append(headers, kafka.Header{Key: "original_size", Value: []byte(strconv.Itoa(len(value)))})
		value = value[:c.cfg.DeadLetterMaxBytes]
	}
	return kafka.Message{
		Topic:   DeadLetterTopic(m.Topic),
		Key:     m.Key,
		Value:   value,
		Headers: headers,
		Time:    m.Time,
	}
}

// commit records a durable batch: the partitions' positions move past it
// and the group's committed offsets follow (the next offset of each
// partition of the batch). Batches are flushed in fetch order, so every
// lower offset of the batch and of earlier batches is durable too. With a
// checkpoint in the index the committed offsets are only a copy, and a
// failure to commit them is logged, not retried.
func (c *Consumer) commit(ctx context.Context, jobs []*job) error {
	next := batchRange(jobs, false)
	if c.cps != nil {
		c.advance(next)
	}
	offs := map[string][]kafka.OffsetCommit{}
	for tp, off := range next {
		offs[tp.topic] = append(offs[tp.topic], kafka.OffsetCommit{Partition: tp.partition, Offset: off})
	}
	err := c.commitOffsets(ctx, offs)
	if err != nil && c.cps != nil {
		c.log.Warn("ingest: commit a copy of the offsets to the group (the index holds them)", "group", c.cfg.GroupID, "error", err)
		return nil
	}
	if err != nil {
		return err
	}
	if c.cps == nil {
		c.advance(next)
	}
	return nil
}

// commitOffsets commits offs to the group as a simple consumer (generation
// -1, no member), which brokers accept for a group without members.
func (c *Consumer) commitOffsets(ctx context.Context, offs map[string][]kafka.OffsetCommit) error {
	resp, err := c.client.OffsetCommit(ctx, &kafka.OffsetCommitRequest{GroupID: c.cfg.GroupID, GenerationID: -1, Topics: offs})
	if err != nil {
		return fmt.Errorf("commit offsets: %w", err)
	}
	for t, ps := range resp.Topics {
		for _, p := range ps {
			if p.Error != nil {
				return fmt.Errorf("commit offsets: %s/%d: %w", t, p.Partition, p.Error)
			}
		}
	}
	return nil
}

// advance moves the positions to next and notes the progress; the first
// batch after the start is logged with the time it took (a restart's
// delay, see xinfang bench restart).
func (c *Consumer) advance(next map[topicPartition]int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for tp, off := range next {
		c.pos[tp] = off
	}
	c.progressAt = time.Now()
	if c.batches++; c.batches == 1 {
		c.log.Info("ingest: first batch indexed", "since_start", c.progressAt.Sub(c.started).Round(time.Millisecond))
	}
}

// batchRange returns, per partition of jobs, the offset of its first
// message (first) or the offset after its last one.
func batchRange(jobs []*job, first bool) map[topicPartition]int64 {
	out := map[topicPartition]int64{}
	for _, j := range jobs {
		tp := topicPartition{j.msg.Topic, j.msg.Partition}
		cur, seen := out[tp]
		switch {
		case first && (!seen || j.msg.Offset < cur):
			out[tp] = j.msg.Offset
		case !first && (!seen || j.msg.Offset+1 > cur):
			out[tp] = j.msg.Offset + 1
		}
	}
	return out
}

// Ready reports whether the consumer is running, keeping up and without a
// failure that has lasted longer than ConsumerConfig.ReadyGrace: brokers
// unreachable, fetches, index writes, dead-letter writes or commits failing,
// records waiting while nothing is indexed (StallAfter), or too many
// waiting (MaxLag). The message does not name the consumer: the caller
// does.
func (c *Consumer) Ready() error {
	grace := c.cfg.ReadyGrace
	c.mu.Lock()
	state := c.state
	lerr := c.lagHealth(time.Now())
	c.mu.Unlock()
	switch state {
	case "":
		return errors.New("not started")
	case "stopped":
		return errors.New("stopped")
	}
	if err := c.clientHealth(grace); err != nil {
		return err
	}
	if err := c.p.health(grace); err != nil {
		return err
	}
	return lerr
}

// noteClientError records an error logged by the kafka-go client.
func (c *Consumer) noteClientError(msg string) {
	now := time.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.streakLast.IsZero() || now.Sub(c.streakLast) > streakGap {
		c.streakStart = now
	}
	c.streakLast, c.streakMsg = now, msg
}

// clientHealth reports a streak of client errors that still goes on and
// has spanned more than grace; a lone error never counts.
func (c *Consumer) clientHealth(grace time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	span := c.streakLast.Sub(c.streakStart)
	if c.streakLast.IsZero() || time.Since(c.streakLast) > streakGap || span <= grace {
		return nil
	}
	return fmt.Errorf("client errors for %s: %s", span.Round(time.Second), clip(c.streakMsg, 300))
}

func (c *Consumer) setState(s string) {
	c.mu.Lock()
	c.state = s
	c.mu.Unlock()
}

// kafkaLogger adapts slog to kafka-go's Logger.
type kafkaLogger struct {
	log   *slog.Logger
	level slog.Level
}

// Printf logs one message of the kafka-go client.
func (l kafkaLogger) Printf(format string, args ...any) {
	if l.log != nil {
		l.log.Log(context.Background(), l.level, "kafka: "+fmt.Sprintf(format, args...))
	}
}
