package index

import (
	"context"
	"path/filepath"
	"testing"
)

// TestCheckpoint: the checkpoint is stored with its batch, alone when the
// batch has no documents, kept across a close, and carried over by a
// reindex.
func TestCheckpoint(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "index")
	s, err := Open(dir, Options{SearchTimeout: testSearchTimeout})
	if err != nil {
		t.Fatal(err)
	}
	if cp, err := s.Checkpoint(); err != nil || cp != nil {
		t.Fatalf("Checkpoint of a fresh index = %q, %v; want nil, nil", cp, err)
	}
	docs := handDocuments()
	if err := s.IndexCheckpoint(ctx, docs[:3], []byte("cp-1")); err != nil {
		t.Fatal(err)
	}
	if cp, _ := s.Checkpoint(); string(cp) != "cp-1" {
		t.Errorf("Checkpoint = %q, want cp-1", cp)
	}
	// A plain Index leaves the checkpoint alone.
	if err := s.Index(ctx, docs[3:4]); err != nil {
		t.Fatal(err)
	}
	// A batch whose messages were all refused moves the checkpoint alone.
	if err := s.IndexCheckpoint(ctx, nil, []byte("cp-2")); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(dir, Options{SearchTimeout: testSearchTimeout})
	if err != nil {
		t.Fatal(err)
	}
	if cp, err := s.Checkpoint(); err != nil || string(cp) != "cp-2" {
		t.Errorf("Checkpoint after reopen = %q, %v; want cp-2", cp, err)
	}
	if n, _ := s.Count(); n != 4 {
		t.Errorf("Count = %d, want 4", n)
	}
	if err := s.Reindex(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if cp, err := s.Checkpoint(); err != nil || string(cp) != "cp-2" {
		t.Errorf("Checkpoint after reindex = %q, %v; want cp-2", cp, err)
	}
	s.Close()
	s, err = Open(dir, Options{SearchTimeout: testSearchTimeout})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if cp, err := s.Checkpoint(); err != nil || string(cp) != "cp-2" {
		t.Errorf("Checkpoint after reindex and reopen = %q, %v; want cp-2", cp, err)
	}
}
