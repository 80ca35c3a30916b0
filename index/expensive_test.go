package index

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
)

// TestExpensiveBudget: a phrase whose words have many postings needs a slot
// of the expensive budget; when every slot is taken it is refused at once
// with ErrOverBudget and a clear message, while cheap searches, and the same
// phrase without quotes, go on and answer right. The node's own reads,
// which name no client, are not refused.
func TestExpensiveBudget(t *testing.T) {
	s, err := OpenMem(Options{SearchTimeout: testSearchTimeout, ExpensivePostings: 2, ExpensiveSlots: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Index(context.Background(), handDocuments()); err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	s.expensive.now = func() time.Time { return clock }
	ctx := xinfang.WithClient(context.Background(), "address:192.0.2.1")
	phrase := xinfang.SearchRequest{Query: `"农民工 工资"`, Size: 5}
	want, err := s.Search(ctx, phrase)
	if err != nil {
		t.Fatalf("expensive phrase with a free slot: %v", err)
	}
	if want.Total == 0 {
		t.Fatalf("expensive phrase with a free slot found nothing")
	}
	if s.expensive.running != 0 {
		t.Errorf("%d expensive searches counted running after the search ended", s.expensive.running)
	}
	clock = clock.Add(time.Second) // the client's rest is over
	// Another client's expensive search is running.
	done, err := s.expensive.take("principal:other", 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Search(ctx, phrase)
	if !errors.Is(err, xinfang.ErrOverBudget) || xinfang.ErrorCode(err) != xinfang.EUNAVAILABLE {
		t.Errorf("expensive phrase with no slot = %v, want unavailable, over budget", err)
	}
	if msg := xinfang.ErrorMessage(err); !containsAll(msg, "查询开销过大", "expensive query", "retry later") {
		t.Errorf("refusal message %q does not say why in Chinese and English", msg)
	}
	if _, err := s.Search(ctx, xinfang.SearchRequest{Query: "农民工 工资", Size: 5}); err != nil {
		t.Errorf("words without quotes while the budget is spent: %v", err)
	}
	if _, err := s.Search(ctx, xinfang.SearchRequest{Query: `"工资"`, Size: 5}); err != nil {
		t.Errorf("one quoted word (a term, not a phrase) while the budget is spent: %v", err)
	}
	if own, err := s.Search(context.Background(), phrase); err != nil || own.Total != want.Total {
		t.Errorf("the node's own expensive search (no client) while the budget is spent: %d matches, %v; want %d", own.Total, err, want.Total)
	}
	done()
	clock = clock.Add(time.Second)
	got, err := s.Search(ctx, phrase)
	if err != nil {
		t.Fatalf("expensive phrase after the slot is free: %v", err)
	}
	if got.Total != want.Total {
		t.Errorf("expensive phrase after the slot is free: %d matches, want %d", got.Total, want.Total)
	}
}

// TestExpensiveFairness: while a crowd of expensive phrases is refused, a
// normal search is answered; one client holds at most one expensive slot,
// so another client still gets one; and an admitted expensive search does
// not need the scan gate, so it cannot hold normal reads behind it.
func TestExpensiveFairness(t *testing.T) {
	s, err := OpenMem(Options{SearchTimeout: testSearchTimeout, ExpensivePostings: 2, ExpensiveSlots: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Index(context.Background(), handDocuments()); err != nil {
		t.Fatal(err)
	}
	crowd := xinfang.WithClient(context.Background(), "principal:crowd")
	other := xinfang.WithClient(context.Background(), "principal:other")
	phrase := xinfang.SearchRequest{Query: `"农民工 工资"`, Size: 5}

	done, err := s.expensive.take("principal:crowd", 0) // the crowd's running one
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	refused := make(chan error, 20)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.Search(crowd, phrase)
			refused <- err
		}()
	}
	normal, err := s.Search(other, xinfang.SearchRequest{Query: "工资", Size: 5})
	if err != nil || normal.Total == 0 {
		t.Errorf("normal search while the crowd is refused: %d matches, %v", normal.Total, err)
	}
	wg.Wait()
	close(refused)
	for err := range refused {
		if !errors.Is(err, xinfang.ErrOverBudget) {
			t.Errorf("the crowd's second expensive search = %v, want over budget", err)
		}
	}
	msg := ""
	if _, err := s.Search(crowd, phrase); err != nil {
		msg = xinfang.ErrorMessage(err)
	}
	if !containsAll(msg, "本客户端", "this client already runs one") {
		t.Errorf("per-client refusal message %q does not name the client's own search", msg)
	}

	// The scan gate is full: cheap reads would wait, an expensive search
	// with a slot runs beside it.
	for range cap(s.scans) {
		s.scans <- struct{}{}
	}
	res, err := s.Search(other, phrase)
	for range cap(s.scans) {
		<-s.scans
	}
	if err != nil || res.Total == 0 {
		t.Errorf("another client's expensive search with the scan gate full: %d matches, %v", res.Total, err)
	}
	done()
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// TestExpensiveRest: after an expensive search a client rests as long as
// it ran before its next one may start, while another client may start
// one at once.
func TestExpensiveRest(t *testing.T) {
	b := newBudget(2)
	clock := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	b.now = func() time.Time { return clock }
	done, err := b.take("principal:a", 50_000)
	if err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(300 * time.Millisecond)
	done()
	clock = clock.Add(100 * time.Millisecond)
	_, err = b.take("principal:a", 50_000)
	if !errors.Is(err, xinfang.ErrOverBudget) || !containsAll(xinfang.ErrorMessage(err), "200 毫秒后", "in 200 ms") {
		t.Errorf("the same client 100 ms after a search of 300 ms: %v, want over budget, next in 200 ms", err)
	}
	other, err := b.take("principal:b", 50_000)
	if err != nil {
		t.Errorf("another client meanwhile: %v", err)
	}
	clock = clock.Add(200 * time.Millisecond)
	again, err := b.take("principal:a", 50_000)
	if err != nil {
		t.Errorf("the same client once its rest is over: %v", err)
	}
	other()
	again()
	if b.running != 0 || len(b.clients) != 2 {
		t.Errorf("after both ended: %d running, %d clients kept; want 0 and the two resting", b.running, len(b.clients))
	}
	clock = clock.Add(time.Second)
	done, _ = b.take("principal:c", 50_000)
	done()
	if len(b.clients) != 1 {
		t.Errorf("clients whose rest is over are kept: %v", b.clients)
	}
}
