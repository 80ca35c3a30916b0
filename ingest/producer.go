package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/segmentio/kafka-go"
)

// ProducerConfig configures a Producer.
type ProducerConfig struct {
	// Brokers are host:port addresses of the Kafka cluster (required).
	Brokers []string
	// Dialer connects to the brokers (TLS, SASL); nil uses kafka-go's
	// default.
	Dialer *kafka.Dialer
	// Logger receives the writer's errors; nil discards.
	Logger *slog.Logger
}

// Producer publishes raw records to Kafka, keyed by record id, and returns
// only when all in-sync replicas have them.
type Producer struct {
	w writer
}

// NewProducer returns a Producer; it connects lazily.
func NewProducer(cfg ProducerConfig) (*Producer, error) {
	if len(cfg.Brokers) == 0 {
		return nil, errors.New("ingest: new producer: no brokers")
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Producer{w: newWriter(cfg.Brokers, cfg.Dialer, log)}, nil
}

// Publish writes msgs (Topic, Key and Value; the rest is ignored) and
// returns when the brokers acknowledged them. On failure the error is a
// *PublishError saying which messages failed.
func (p *Producer) Publish(ctx context.Context, msgs ...Message) error {
	if len(msgs) == 0 {
		return nil
	}
	out := make([]kafka.Message, len(msgs))
	for i, m := range msgs {
		out[i] = kafka.Message{Topic: m.Topic, Key: m.Key, Value: m.Value}
	}
	err := p.w.WriteMessages(ctx, out...)
	if err == nil {
		return nil
	}
	pe := &PublishError{Errs: make([]error, len(msgs))}
	var we kafka.WriteErrors
	if errors.As(err, &we) && len(we) == len(msgs) {
		copy(pe.Errs, we)
	} else {
		for i := range pe.Errs {
			pe.Errs[i] = err
		}
	}
	return pe
}

// Close flushes and closes the connections.
func (p *Producer) Close() error {
	if err := p.w.Close(); err != nil {
		return fmt.Errorf("ingest: close producer: %w", err)
	}
	return nil
}

// PublishError reports the messages of a Publish call that were not
// written: Errs[i] is the error of msgs[i], nil if it was written.
type PublishError struct {
	Errs []error
}

// Error counts the failed messages and gives the first error.
func (e *PublishError) Error() string {
	n := 0
	var first error
	for _, err := range e.Errs {
		if err != nil {
			if first == nil {
				first = err
			}
			n++
		}
	}
	return fmt.Sprintf("ingest: publish: %d of %d messages failed: %v", n, len(e.Errs), first)
}

// Unwrap returns the distinct errors of the failed messages.
func (e *PublishError) Unwrap() []error {
	var out []error
	for _, err := range e.Errs {
		if err != nil {
			out = append(out, err)
		}
	}
	return out
}
