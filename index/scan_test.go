package index

import (
	"context"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
)

// TestScansWaitAtTheGate: read requests that scan the columns queue at
// the gate once GOMAXPROCS of them run, without holding anything the
// writer needs, and give up cleanly when their time runs out.
func TestScansWaitAtTheGate(t *testing.T) {
	s := newMemStore(t, handDocuments())
	for range cap(s.scans) {
		s.scans <- struct{}{} // every slot taken by a running scan
	}
	qctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if _, err := s.Search(qctx, xinfang.SearchRequest{Query: "工资"}); xinfang.ErrorCode(err) != xinfang.EUNAVAILABLE {
		t.Errorf("Search with every scan slot taken = %v, want EUNAVAILABLE after its deadline", err)
	}
	// The writer is not held up by the waiting scans.
	more := doc{id: "G1", title: "欠薪", content: "拖欠工资", cats: []string{xinfang.CategoryWageArrears}, date: "2024-06-01"}.document()
	if err := s.Index(ctx, []xinfang.Document{more}); err != nil {
		t.Fatalf("Index while scans wait = %v", err)
	}
	<-s.scans
	res, err := s.Search(ctx, xinfang.SearchRequest{Query: "工资", Size: 10})
	if err != nil || !contains(hitIDs(res.Hits), "G1") {
		t.Errorf("Search once a slot is free = %v, %v; want a result with G1", hitIDs(res.Hits), err)
	}
}
