// Package ingest moves petition records and bulletins into the index: file
// readers for JSON Lines and CSV, a batching indexer, an in-process queue
// (the embedded default) and the Kafka consumer, dead-letter writer and
// producer (the scale-out path).
//
// Both paths share one pipeline: fetch → decode → validate → analyze → add to
// a batch → when the batch is durable in the index, acknowledge (commit).
// A message that can never be indexed is rejected first (to the dead-letter
// topic on Kafka), so that no later acknowledgement can skip it; a transient
// failure is retried with backoff and never acknowledged past.
//
// The package does not import the index or the analyzer: it declares the
// small interfaces it calls (Sink, Analyzer) and cmd/xinfang wires the
// concrete types.
package ingest

import (
	"context"
	"time"

	"github.com/xinfang/xinfang"
)

// Sink is where documents go: the index. Index must be an idempotent upsert
// by document id and must return only when the documents are durable.
type Sink interface {
	Index(ctx context.Context, docs []xinfang.Document) error
}

// CheckpointSink is a Sink that also stores the Kafka consumer's checkpoint
// in the same durable batch as the documents (the index keeps it with
// Bleve's SetInternal), so that a restarted consumer knows exactly where the
// index stopped. IndexCheckpoint with no documents stores the checkpoint
// alone; Checkpoint returns the last one stored, nil when there is none.
type CheckpointSink interface {
	Sink
	IndexCheckpoint(ctx context.Context, docs []xinfang.Document, checkpoint []byte) error
	Checkpoint() ([]byte, error)
}

// Analyzer turns one text of a known kind (xinfang.KindPetition or
// xinfang.KindBulletin) into its analysis. It must be safe for concurrent
// use.
type Analyzer interface {
	AnalyzeKind(kind, id, title, content string) xinfang.Analysis
}

// Publisher sends raw records to the indexer. The in-process Queue and the
// Kafka Producer both implement it, so that sources (import, crawl) do not
// care which path is in use.
type Publisher interface {
	Publish(ctx context.Context, msgs ...Message) error
}

// Message is one raw record on its way to the index: a Kafka message, or a
// line of a file sent through the in-process queue.
type Message struct {
	Topic     string
	Partition int
	Offset    int64
	// HighWaterMark is the partition's high-water mark when the message was
	// fetched (Kafka only); it gives the consumer lag.
	HighWaterMark int64
	Key           []byte
	Value         []byte
	// Time is when the message was produced (Kafka) or published (queue).
	Time time.Time
	// Source names where the message came from for error reports, e.g.
	// "records.jsonl:17" or "petitions/0@1234".
	Source string
}

// Default topic names (DESIGN.md).
const (
	DefaultPetitionsTopic = "petitions"
	DefaultBulletinsTopic = "bulletins"
)

// Topics names the topics of the two kinds of input.
type Topics struct {
	Petitions string // default "petitions"
	Bulletins string // default "bulletins"
}

func (t Topics) withDefaults() Topics {
	if t.Petitions == "" {
		t.Petitions = DefaultPetitionsTopic
	}
	if t.Bulletins == "" {
		t.Bulletins = DefaultBulletinsTopic
	}
	return t
}

// Names returns the topic names, petitions first.
func (t Topics) Names() []string {
	t = t.withDefaults()
	return []string{t.Petitions, t.Bulletins}
}

// Kind returns the document kind carried by topic (xinfang.KindPetition or
// xinfang.KindBulletin), and false for a topic that is neither.
func (t Topics) Kind(topic string) (string, bool) {
	t = t.withDefaults()
	switch topic {
	case t.Petitions:
		return xinfang.KindPetition, true
	case t.Bulletins:
		return xinfang.KindBulletin, true
	}
	return "", false
}

// Topic returns the topic that carries documents of kind.
func (t Topics) Topic(kind string) string {
	t = t.withDefaults()
	if kind == xinfang.KindBulletin {
		return t.Bulletins
	}
	return t.Petitions
}

// DeadLetterTopic returns the dead-letter topic of topic: "<topic>.dlq".
func DeadLetterTopic(topic string) string { return topic + ".dlq" }
