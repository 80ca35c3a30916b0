package index

import (
	"fmt"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
)

// TestCowVec checks the copy-on-write vector: a view keeps what it saw
// while the writer changes, appends and copies chunks.
func TestCowVec(t *testing.T) {
	var v cowVec[int]
	for i := range 3*cowChunk + 5 {
		v.push(i)
	}
	view := v.freeze()
	*v.mut(7) = -7                   // first chunk: copied
	*v.mut(3*cowChunk + 2) = -2      // the last chunk, seen by the view: copied
	v.push(-1)                       // past the view, in place
	*v.mut(uint32(v.len() - 1)) = -3 // not seen by any view: in place
	for i := range view.len() {
		if got := *view.at(uint32(i)); got != i {
			t.Fatalf("view[%d] = %d after the writer's changes, want %d", i, got, i)
		}
	}
	for i, want := range map[uint32]int{7: -7, 3*cowChunk + 2: -2, 3*cowChunk + 5: -3, 8: 8} {
		if got := *v.at(i); got != want {
			t.Errorf("writer's [%d] = %d, want %d", i, got, want)
		}
	}
	if view.len() != 3*cowChunk+5 || v.len() != 3*cowChunk+6 {
		t.Errorf("lengths %d (view) and %d, want %d and %d", view.len(), v.len(), 3*cowChunk+5, 3*cowChunk+6)
	}
	// A chunk is copied once per view: a second change writes the copy.
	p := v.mut(7)
	if v.mut(7) != p {
		t.Error("a chunk was copied twice for one view")
	}
}

// batchDocs is batch b of n petitions of one city: the same few
// petitioners and respondents across batches, so that a batch changes the
// repeat groups and clusters (and so the rows) of earlier ones.
func batchDocs(b, n int, city string) []xinfang.Document {
	cats := []string{xinfang.CategoryWageArrears, xinfang.CategoryNoise, xinfang.CategoryDelayedDelivery}
	out := make([]xinfang.Document, n)
	for i := range out {
		out[i] = doc{
			id: fmt.Sprintf("B%03d-%03d", b, i), title: "反映问题",
			content: fmt.Sprintf("第%d批第%d件：建筑公司拖欠工资，信访人多次反映。", b, i),
			city:    city, subject: fmt.Sprintf("兴旺第%d建筑公司", i%7),
			cats:  []string{cats[i%len(cats)]},
			level: xinfang.RiskLow, score: 10 + i%50, hc: 1 + i%40,
			channel: xinfang.ChannelVisit, status: xinfang.StatusAccepted,
			date:  time.Date(2024, 1, 1+b%300, 0, 0, 0, 0, cst).Format("2006-01-02"),
			phone: fmt.Sprintf("1381234%04d", i%13),
		}.document()
	}
	return out
}

// TestWriteNotBlockedByScan holds a search in its scan while a batch is
// written: the batch completes and is visible to the next reads, and the
// held search answers from the view it started with.
func TestWriteNotBlockedByScan(t *testing.T) {
	s := newMemStore(t, batchDocs(0, 50, "兴安盟"))
	entered, leave := make(chan struct{}), make(chan struct{})
	var held atomic.Bool
	scanHook = func() {
		if held.CompareAndSwap(false, true) {
			close(entered)
			<-leave
		}
	}
	first := make(chan xinfang.SearchResult, 1)
	firstErr := make(chan error, 1)
	go func() {
		res, err := s.Search(ctx, xinfang.SearchRequest{Size: 5, Filters: xinfang.Filters{City: []string{"兴安盟"}}})
		first <- res
		firstErr <- err
	}()
	defer func() {
		select {
		case <-leave:
		default:
			close(leave)
		}
		<-firstErr
		scanHook = nil
	}()
	<-entered

	done := make(chan error, 1)
	go func() { done <- s.Index(ctx, batchDocs(1, 30, "呼和浩特市")) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Index: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Index waits for a running scan")
	}
	if err := s.Delete(ctx, "B000-000"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	// The scan gate holds one search per two cores, so the next reads are
	// those that pass it.
	if n, err := s.Count(); err != nil || n != 79 {
		t.Errorf("Count() = %d, %v while a scan runs, want 79", n, err)
	}
	if n, err := s.CountMatches(ctx, "", xinfang.Filters{City: []string{"呼和浩特市"}}); err != nil || n != 30 {
		t.Errorf("CountMatches(呼和浩特市) = %d, %v while a scan runs, want 30", n, err)
	}
	if n, err := s.CountMatches(ctx, "信访人", xinfang.Filters{}); err != nil || n != 79 {
		t.Errorf("CountMatches(信访人) = %d, %v while a scan runs, want 79", n, err)
	}

	close(leave)
	res := <-first
	if res.Total != 50 {
		t.Errorf("the held search found %d, want the 50 of its view", res.Total)
	}
	if res := searchAll(t, s, xinfang.SearchRequest{}); res.Total != 79 {
		t.Errorf("the next search found %d, want 79", res.Total)
	}
}

// TestReadsSeeWholeBatches runs searches, trends, boards, related records
// and document reads while batches of k documents are added, re-upserted
// into another city and deleted (run it with -race): every read sees each
// batch whole or not at all, and the index ends as a fresh one would.
func TestReadsSeeWholeBatches(t *testing.T) {
	const k, batches = 37, 40 // 1,480 rows: two chunks, and an old one rewritten
	s := newMemStore(t, nil)
	defer func(n int) { parallelMinRows = n }(parallelMinRows)
	parallelMinRows = 0 // several workers, whatever the size

	var stop atomic.Bool
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	fail := func(format string, args ...any) {
		select {
		case errs <- fmt.Errorf(format, args...):
		default:
		}
	}
	// The writer: batch b in city "city-b", every fifth batch then moved
	// whole to "moved", every seventh deleted whole.
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer stop.Store(true)
		for b := 1; b <= batches; b++ {
			city := fmt.Sprintf("city-%d", b)
			if err := s.Index(ctx, batchDocs(b, k, city)); err != nil {
				fail("Index batch %d: %v", b, err)
				return
			}
			if b%5 == 0 {
				if err := s.Index(ctx, batchDocs(b-3, k, "moved")); err != nil {
					fail("re-upsert batch %d: %v", b-3, err)
					return
				}
			}
			if b%7 == 0 {
				ids := make([]string, k)
				for i := range ids {
					ids[i] = fmt.Sprintf("B%03d-%03d", b-1, i)
				}
				if err := s.Delete(ctx, ids...); err != nil {
					fail("Delete batch %d: %v", b-1, err)
					return
				}
			}
		}
	}()
	whole := func(what string, n int) {
		if n%k != 0 {
			fail("%s = %d: not whole batches of %d", what, n, k)
		}
	}
	readers := []func(){
		func() {
			res, err := s.Search(ctx, xinfang.SearchRequest{Size: 3, Sort: xinfang.SortRisk})
			if err != nil {
				fail("Search: %v", err)
				return
			}
			whole("match-all total", int(res.Total))
			for _, f := range res.Facets["city"] {
				whole("city facet "+f.Value, f.Count)
			}
		},
		func() {
			res, err := s.Search(ctx, xinfang.SearchRequest{Query: "信访人", Size: 3})
			if err != nil {
				fail("text Search: %v", err)
				return
			}
			whole("text total", int(res.Total))
		},
		func() {
			res, err := s.Trends(ctx, xinfang.TrendRequest{By: "city", Interval: xinfang.IntervalMonth})
			if err != nil {
				fail("Trends: %v", err)
				return
			}
			for _, ser := range res.Series {
				whole("trend of "+ser.Key, ser.Total)
			}
		},
		func() {
			if _, err := s.Risks(ctx, xinfang.RiskRequest{Size: 5}); err != nil {
				fail("Risks: %v", err)
			}
			if _, err := s.Clusters(ctx, xinfang.ClusterRequest{Size: 5}); err != nil {
				fail("Clusters: %v", err)
			}
		},
		func() {
			if _, err := s.Handling(ctx, xinfang.HandlingRequest{By: "city"}); err != nil {
				fail("Handling: %v", err)
			}
			n, err := s.Count()
			if err != nil {
				fail("Count: %v", err)
			}
			whole("Count", int(n))
			if _, err := s.Similar(ctx, "B001-001", 5); err != nil && xinfang.ErrorCode(err) != xinfang.ENOTFOUND {
				fail("Similar: %v", err)
			}
			if _, err := s.Get(ctx, "B002-002"); err != nil && xinfang.ErrorCode(err) != xinfang.ENOTFOUND {
				fail("Get: %v", err)
			}
		},
	}
	for _, read := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				read()
			}
			read()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if t.Failed() {
		return
	}

	checkView(t, s)
	// The same documents indexed at once give the same answers.
	city := map[int]string{} // batch → its city, "" once deleted
	for b := 1; b <= batches; b++ {
		city[b] = fmt.Sprintf("city-%d", b)
		if b%5 == 0 {
			city[b-3] = "moved"
		}
		if b%7 == 0 {
			city[b-1] = ""
		}
	}
	var all []xinfang.Document
	for b := 1; b <= batches; b++ {
		if city[b] != "" {
			all = append(all, batchDocs(b, k, city[b])...)
		}
	}
	fresh := newMemStore(t, all)
	for _, req := range []xinfang.SearchRequest{{}, {Query: "信访人"}, {Filters: xinfang.Filters{City: []string{"moved"}}}} {
		got, want := searchAll(t, s, req), searchAll(t, fresh, req)
		if got.Total != want.Total || fmt.Sprint(got.Facets) != fmt.Sprint(want.Facets) {
			t.Errorf("Search(%+v) after the writes: total %d, facets %v; a fresh index: %d, %v", req, got.Total, got.Facets, want.Total, want.Facets)
		}
	}
}

// checkView fails unless the published view holds what the writer's
// engine holds: between batches they are the same.
func checkView(t *testing.T, s *Store) {
	t.Helper()
	st := s.cur
	st.mu.RLock()
	defer st.mu.RUnlock()
	v := st.view.Load()
	if v.live != st.live || v.minDay != st.minDay || v.maxDay != st.maxDay || len(v.ids) != len(st.ids) {
		t.Fatalf("view: %d live of %d, days %d–%d; engine: %d live of %d, days %d–%d", v.live, len(v.ids), v.minDay, v.maxDay, st.live, len(st.ids), st.minDay, st.maxDay)
	}
	if !reflect.DeepEqual(rowsOf(&v.rows), rowsOf(&st.rows)) {
		t.Error("the view's rows differ from the engine's")
	}
	if v.clusters.list.len() != st.clusters.list.len() {
		t.Fatalf("view: %d clusters, engine %d", v.clusters.list.len(), st.clusters.list.len())
	}
	for ci := range int32(v.clusters.list.len()) {
		a, b := *v.clusters.at(ci), *st.clusters.at(ci)
		a.epoch, b.epoch = 0, 0
		if !reflect.DeepEqual(a, b) {
			t.Errorf("cluster %d: view %+v, engine %+v", ci, a, b)
		}
	}
	for i, d := range [4]*dict{v.cats, v.cities, v.counties, v.subjects} {
		if !slices.Equal(d.values, st.dicts()[i].values) {
			t.Errorf("dictionary %d: view %v, engine %v", i, d.values, st.dicts()[i].values)
		}
	}
}

// TestColumnFileSavedWhileWriting writes column files while batches are
// written and read: after a crash the last of them, with the batches
// after it replayed, gives the columns the index had.
func TestColumnFileSavedWhileWriting(t *testing.T) {
	const k, batches = 41, 30
	dir := t.TempDir()
	s, _ := openLogged(t, dir)
	var stop atomic.Bool
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	wg.Add(2)
	go func() {
		defer wg.Done()
		for !stop.Load() {
			if err := s.cur.saveColumns(); err != nil {
				errs <- err
				return
			}
		}
	}()
	go func() {
		defer wg.Done()
		for !stop.Load() {
			if _, err := s.Risks(ctx, xinfang.RiskRequest{}); err != nil {
				errs <- err
				return
			}
		}
	}()
	for b := 1; b <= batches; b++ {
		if err := s.Index(ctx, batchDocs(b, k, fmt.Sprintf("city-%d", b%4))); err != nil {
			t.Fatal(err)
		}
		if b%4 == 0 {
			if err := s.Index(ctx, batchDocs(b-2, k, "moved")); err != nil {
				t.Fatal(err)
			}
			if err := s.Delete(ctx, fmt.Sprintf("B%03d-%03d", b-1, b)); err != nil {
				t.Fatal(err)
			}
		}
	}
	stop.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	checkView(t, s)
	wantState, want := stateOf(s), answers(t, s)
	crash(t, s)
	s, log := openLogged(t, dir)
	defer s.Close()
	t.Log(log)
	checkView(t, s)
	diffCanonical(t, "after a crash", wantState, stateOf(s))
	diffAnswers(t, "after a crash", want, answers(t, s))
}
