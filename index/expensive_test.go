package index

import (
	"context"
	"testing"

	"github.com/xinfang/xinfang"
)

// TestExpensiveBudget: a phrase whose words have many postings needs a slot
// of the expensive budget; when every slot is taken it is refused at once
// with a clear message, while cheap searches go on.
func TestExpensiveBudget(t *testing.T) {
	s, err := OpenMem(Options{ExpensivePostings: 2, ExpensiveSlots: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Index(context.Background(), handDocuments()); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	phrase := xinfang.SearchRequest{Query: `"拖欠 工资"`, Size: 5}
	if _, err := s.Search(ctx, phrase); err != nil {
		t.Fatalf("expensive phrase with a free slot: %v", err)
	}
	s.expensive <- struct{}{} // another expensive search is running
	_, err = s.Search(ctx, phrase)
	if xinfang.ErrorCode(err) != xinfang.EUNAVAILABLE {
		t.Errorf("expensive phrase with no slot = %v, want unavailable", err)
	}
	if _, err := s.Search(ctx, xinfang.SearchRequest{Query: "拖欠 工资", Size: 5}); err != nil {
		t.Errorf("words without quotes while the budget is spent: %v", err)
	}
	<-s.expensive
	if _, err := s.Search(ctx, phrase); err != nil {
		t.Errorf("expensive phrase after the slot is free: %v", err)
	}
}
