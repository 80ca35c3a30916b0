package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
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
	// GroupID is the consumer group (default DefaultGroupID). Nodes sharing
	// a group share the partitions; replicas use groups of their own.
	GroupID string
	// Options configure the pipeline; Options.Topics names the topics
	// consumed.
	Options Options
	// Dialer connects to the brokers (TLS, SASL); nil uses kafka-go's
	// default.
	Dialer *kafka.Dialer
	// SessionTimeout is how long the group waits for a silent member
	// before giving its partitions to others (default 10s; a node
	// restarted after kill -9 waits this long for its partitions).
	SessionTimeout time.Duration
	// MaxWait bounds how long a fetch waits when there is no new data
	// (default 2s); new data is returned as soon as it arrives. kafka-go
	// asks the broker to wait MaxWait less a margin for the round trip
	// (up to 1s) and gives up on a response that has not come by MaxWait,
	// so a short MaxWait makes a slow broker look broken.
	MaxWait time.Duration
	// DrainTimeout bounds the final flush and commit after the context is
	// cancelled (default 15s).
	DrainTimeout time.Duration
	// ReadyGrace is how long a failure (fetch, index, dead-letter write,
	// commit, broker connection) may last before Ready reports it
	// (default 10s).
	ReadyGrace time.Duration
	// StallAfter makes the consumer unready when records wait and nothing
	// has been indexed for this long (default 10s): a group still
	// rebalancing after a restart, a frozen broker, an index that refuses
	// writes.
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

// reader is what the Consumer calls on a kafka-go Reader.
type reader interface {
	FetchMessage(ctx context.Context) (kafka.Message, error)
	CommitMessages(ctx context.Context, msgs ...kafka.Message) error
	Close() error
}

// writer is what the Consumer and Producer call on a kafka-go Writer.
type writer interface {
	WriteMessages(ctx context.Context, msgs ...kafka.Message) error
	Close() error
}

// Consumer indexes the petition and bulletin topics as a member of a
// consumer group. It commits an offset only after the batch that holds the
// message is durable in the index, and writes a message that can never be
// indexed to "<topic>.dlq" (acknowledged by all in-sync replicas) before
// committing past it. Delivery is at least once; the index upsert by id
// makes a redelivered record overwrite itself.
type Consumer struct {
	cfg    ConsumerConfig
	p      *pipeline
	reader reader
	dlq    writer
	log    *slog.Logger

	mu    sync.Mutex
	state string // "", "running", "stopped"
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
	progressAt        time.Time // last commit, or the start of Run
}

// streakGap ends an error streak of the kafka-go client: a single error
// (e.g. during a rebalance) does not make the node unready.
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
	if cfg.SessionTimeout <= 0 {
		cfg.SessionTimeout = 10 * time.Second
	}
	if cfg.MaxWait <= 0 {
		cfg.MaxWait = 2 * time.Second
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
	rc := kafka.ReaderConfig{
		Brokers:       cfg.Brokers,
		GroupID:       cfg.GroupID,
		GroupTopics:   cfg.Options.Topics.Names(),
		Dialer:        cfg.Dialer,
		QueueCapacity: cfg.Options.BatchSize,
		MinBytes:      1,
		// Per partition and fetch; above the brokers' 1 MB message limit,
		// small enough to be sent well within MaxWait.
		MaxBytes:         4 << 20,
		MaxWait:          cfg.MaxWait,
		ReadBatchTimeout: 10 * time.Second,
		// Synchronous commits: CommitMessages returns the broker's answer.
		CommitInterval:         0,
		HeartbeatInterval:      cfg.SessionTimeout / 5,
		SessionTimeout:         cfg.SessionTimeout,
		RebalanceTimeout:       cfg.SessionTimeout,
		JoinGroupBackoff:       time.Second,
		WatchPartitionChanges:  true,
		PartitionWatchInterval: 5 * time.Second,
		StartOffset:            kafka.FirstOffset,
		// Read only up to the last stable offset: no record of an open
		// transaction. kafka-go does not drop the records of aborted
		// transactions (segmentio/kafka-go#1332), so producers of these
		// topics must not abort transactions; publish and crawl use none.
		IsolationLevel: kafka.ReadCommitted,
		ReadBackoffMin: 50 * time.Millisecond,
		ReadBackoffMax: time.Second,
		MaxAttempts:    3,
	}
	// NewReader panics on a bad config; Validate reports it instead.
	if err := rc.Validate(); err != nil {
		return nil, fmt.Errorf("ingest: new consumer: %w", err)
	}
	c := &Consumer{cfg: cfg, log: cfg.Options.Logger}
	rc.ErrorLogger = kafka.LoggerFunc(func(format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		c.log.Warn("kafka: " + msg)
		c.noteClientError(msg)
	})
	c.p = newPipeline(sink, an, cfg.Options)
	c.p.deadLetter = c.deadLetter
	c.p.commit = c.commit
	c.reader = kafka.NewReader(rc)
	c.dlq = newWriter(cfg.Brokers, cfg.Dialer, cfg.Options.Logger)
	c.probe = newLagProbe(cfg)
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
	c.mu.Unlock()
	c.setState("running")
	defer c.setState("stopped")
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

	in := make(chan Message)
	perr := make(chan error, 1)
	go func() { perr <- c.p.run(dctx, in) }()

	ferr := c.fetch(ctx, in, perr)
	close(in)
	err := <-perr
	if err == nil {
		err = ferr
	}
	if cerr := c.reader.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("ingest: close reader: %w", cerr)
	}
	if cerr := c.dlq.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("ingest: close dead-letter writer: %w", cerr)
	}
	return err
}

// fetch feeds in until ctx ends or the pipeline stops. Fetch errors are
// retried with backoff.
func (c *Consumer) fetch(ctx context.Context, in chan<- Message, perr chan error) error {
	opts := c.cfg.Options
	for attempt := 0; ; {
		km, err := c.reader.FetchMessage(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if errors.Is(err, io.EOF) {
				return errors.New("ingest: fetch: reader closed")
			}
			c.noteClientError("fetch: " + err.Error())
			if m := opts.Metrics; m != nil {
				m.retries.Inc()
			}
			d := backoff(attempt, opts.RetryMin, opts.RetryMax)
			c.log.Warn("ingest: fetch failed; retrying", "in", d, "error", err)
			attempt++
			if !sleep(ctx, d) {
				return nil
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
		if mt := opts.Metrics; mt != nil {
			mt.fetched(&m)
		}
		select {
		case in <- m:
		case <-ctx.Done():
			return nil
		case err := <-perr:
			// The pipeline gave up; hand its error back to Run.
			perr <- err
			return nil
		}
	}
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

// commit commits, per partition, the highest offset of a durable batch.
// Batches are flushed in fetch order, so every lower offset of the batch
// and of earlier batches is durable too.
func (c *Consumer) commit(ctx context.Context, jobs []*job) error {
	type tp struct {
		topic     string
		partition int
	}
	last := map[tp]int64{}
	var order []tp
	for _, j := range jobs {
		k := tp{j.msg.Topic, j.msg.Partition}
		off, seen := last[k]
		if !seen {
			order = append(order, k)
		}
		if !seen || j.msg.Offset > off {
			last[k] = j.msg.Offset
		}
	}
	msgs := make([]kafka.Message, 0, len(order))
	for _, k := range order {
		msgs = append(msgs, kafka.Message{Topic: k.topic, Partition: k.partition, Offset: last[k]})
	}
	if err := c.reader.CommitMessages(ctx, msgs...); err != nil {
		return fmt.Errorf("commit offsets: %w", err)
	}
	c.mu.Lock()
	c.progressAt = time.Now()
	c.mu.Unlock()
	return nil
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
