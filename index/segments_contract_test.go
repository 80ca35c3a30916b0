package index

import (
	"context"
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/xinfang/xinfang"
)

// TestScorchContract checks the behaviour of Bleve's scorch that
// segments.go relies on and Bleve does not promise: the reader is a
// *scorch.IndexSnapshot, a hit's internal id is 8 bytes holding, big-endian,
// its segment's offset in the snapshot (the sum of the counts of the
// segments before it) plus its local number, and the live local numbers
// give back the stored external id. If a Bleve upgrade changes any of this,
// hits would silently map to the wrong rows or to none; this test fails
// loudly instead. It runs on an in-memory index (which scorch does not
// merge, so each batch stays a segment) with updates and deletions.
func TestScorchContract(t *testing.T) {
	ctx := context.Background()
	s := newMemStore(t, nil)
	// Several batches make several segments; an update and a deletion
	// leave dead local numbers behind.
	for b := 0; b < 4; b++ {
		var docs []xinfang.Document
		for i := 0; i < 25; i++ {
			d := handDocs[i%len(handDocs)]
			d.id = fmt.Sprintf("C%d-%02d", b, i)
			docs = append(docs, d.document())
		}
		if err := s.Index(ctx, docs); err != nil {
			t.Fatalf("Index batch %d: %v", b, err)
		}
	}
	again := handDocs[0]
	again.id = "C1-03"
	if err := s.Index(ctx, []xinfang.Document{again.document()}); err != nil {
		t.Fatalf("Index update: %v", err)
	}
	if err := s.Delete(ctx, "C2-07", "C0-00"); err != nil {
		t.Fatalf("Delete: %v", err)
	}

	s.mu.RLock()
	defer s.mu.RUnlock()
	// openSnapshot takes st.mu itself; nothing writes meanwhile.
	st := s.cur

	is, err := st.scorchReader()
	if err != nil {
		t.Fatalf("contract broken: %v", err)
	}
	segs := is.Segments()
	is.Close()
	if len(segs) < 2 {
		t.Fatalf("%d segment(s) after five batches: the offsets of later segments go unchecked", len(segs))
	}

	sn, err := st.openSnapshot()
	if err != nil {
		t.Fatalf("openSnapshot: %v", err)
	}
	defer sn.close()

	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 1000, 0, false)
	res, err := st.idx.SearchInContext(ctx, req)
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	want := 4*25 - 2
	if int(res.Total) != want || len(res.Hits) != want {
		t.Fatalf("match-all found %d (%d hits), want %d documents", res.Total, len(res.Hits), want)
	}
	cur := 0
	for _, h := range res.Hits {
		if len(h.IndexInternalID) != 8 {
			t.Fatalf("contract broken: internal id of %s is %d bytes, want 8 (a big-endian document number)", h.ID, len(h.IndexInternalID))
		}
		if n := binary.BigEndian.Uint64(h.IndexInternalID); n >= sn.docs() {
			t.Fatalf("contract broken: internal number %d of %s is beyond the snapshot's %d document numbers", n, h.ID, sn.docs())
		}
		o := sn.ord(h.IndexInternalID, &cur)
		if o == noOrd {
			t.Fatalf("contract broken: hit %s (internal %x) maps to no row", h.ID, h.IndexInternalID)
		}
		if got := st.ids[o]; got != h.ID {
			t.Fatalf("contract broken: hit %s (internal %x) maps to the row of %s", h.ID, h.IndexInternalID, got)
		}
	}
	for _, gone := range []string{"C2-07", "C0-00"} {
		if o, ok := st.ordOf(gone); ok && st.rows.at(o).alive {
			t.Errorf("deleted %s still has a live row", gone)
		}
	}
}
