// Package ingesttest provides an in-memory index for tests of code that
// feeds ingest: a Sink that upserts by id and can be made to fail.
package ingesttest

import (
	"context"
	"sort"
	"sync"

	"github.com/xinfang/xinfang"
)

// Sink is an in-memory ingest.Sink: an idempotent upsert by document id,
// like the real index. It is safe for concurrent use.
type Sink struct {
	mu     sync.Mutex
	docs   map[string]xinfang.Document
	writes map[string]int
	calls  int
	// fail, when set, is asked before each Index call; a non-nil error
	// fails the call and stores nothing.
	fail func(docs []xinfang.Document) error
	// changed is closed and replaced after every successful Index call.
	changed chan struct{}
	// checkpoint is the last one stored by IndexCheckpoint.
	checkpoint []byte
}

// NewSink returns an empty Sink.
func NewSink() *Sink {
	return &Sink{docs: map[string]xinfang.Document{}, writes: map[string]int{}, changed: make(chan struct{})}
}

// Index stores docs by id, replacing earlier versions.
func (s *Sink) Index(ctx context.Context, docs []xinfang.Document) error {
	return s.index(ctx, docs, nil)
}

// CheckpointSink is a Sink that also keeps a checkpoint, stored with the
// documents of the same call or not at all, as the index does (an
// ingest.CheckpointSink).
type CheckpointSink struct{ *Sink }

// NewCheckpointSink returns an empty CheckpointSink.
func NewCheckpointSink() CheckpointSink { return CheckpointSink{NewSink()} }

// IndexCheckpoint stores docs and checkpoint together.
func (s CheckpointSink) IndexCheckpoint(ctx context.Context, docs []xinfang.Document, checkpoint []byte) error {
	return s.index(ctx, docs, checkpoint)
}

// Checkpoint returns the last checkpoint stored, nil when none.
func (s CheckpointSink) Checkpoint() ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.checkpoint, nil
}

func (s *Sink) index(ctx context.Context, docs []xinfang.Document, checkpoint []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	if s.fail != nil {
		if err := s.fail(docs); err != nil {
			return err
		}
	}
	for _, d := range docs {
		s.docs[d.ID] = d
		s.writes[d.ID]++
	}
	if checkpoint != nil {
		s.checkpoint = append([]byte(nil), checkpoint...)
	}
	close(s.changed)
	s.changed = make(chan struct{})
	return nil
}

// FailWith makes every later Index call ask f first; nil stops failing.
func (s *Sink) FailWith(f func(docs []xinfang.Document) error) {
	s.mu.Lock()
	s.fail = f
	s.mu.Unlock()
}

// Count returns the number of distinct documents stored.
func (s *Sink) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.docs)
}

// Calls returns the number of Index calls, failed ones included.
func (s *Sink) Calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

// Get returns the stored document with id.
func (s *Sink) Get(id string) (xinfang.Document, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[id]
	return d, ok
}

// IDs returns the ids stored, sorted.
func (s *Sink) IDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, 0, len(s.docs))
	for id := range s.docs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Writes returns how many times the document with id was written.
func (s *Sink) Writes(id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.writes[id]
}

// WaitCount waits until at least n distinct documents are stored or ctx
// ends, and returns the count.
func (s *Sink) WaitCount(ctx context.Context, n int) int {
	for {
		s.mu.Lock()
		c, ch := len(s.docs), s.changed
		s.mu.Unlock()
		if c >= n {
			return c
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return c
		}
	}
}
