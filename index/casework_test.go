package index

import (
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/xinfang/xinfang"
)

// clock is a settable clock for Options.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// casePetition is a petition with case times, about unpaid wages at one
// company unless changed.
func casePetition(id string, received time.Time, mod func(r *xinfang.Record)) xinfang.Document {
	r := &xinfang.Record{ID: id, ReceivedAt: received, Title: "讨薪", Content: "某建筑公司拖欠工资" + id, Channel: xinfang.ChannelVisit, Respondent: "某建筑有限公司"}
	if mod != nil {
		mod(r)
	}
	return xinfang.Document{ID: id, Record: r, Analysis: xinfang.Analysis{ID: id, Categories: []string{xinfang.CategoryWageArrears}, Risk: xinfang.Risk{Level: xinfang.RiskLow, Score: 10, Reasons: []string{}}}}
}

func getDoc(t *testing.T, s *Store, id string) xinfang.Document {
	t.Helper()
	d, err := s.Get(ctx, id)
	if err != nil {
		t.Fatalf("Get(%s): %v", id, err)
	}
	return d
}

func indexDocs(t *testing.T, s *Store, docs ...xinfang.Document) {
	t.Helper()
	if err := s.Index(ctx, docs); err != nil {
		t.Fatalf("Index: %v", err)
	}
}

func sortedIDs(hits []xinfang.Hit) []string {
	ids := hitIDs(hits)
	sort.Strings(ids)
	return ids
}

func TestStatusOrder(t *testing.T) {
	recv := time.Date(2024, 6, 3, 9, 0, 0, 0, cst)
	t1, t2 := recv.Add(24*time.Hour), recv.Add(20*24*time.Hour)
	v1 := casePetition("S1", recv, func(r *xinfang.Record) {
		r.Status, r.AcceptedAt, r.UpdatedAt = xinfang.StatusAccepted, t1, t1
	})
	v2 := casePetition("S1", recv, func(r *xinfang.Record) {
		r.Status, r.AcceptedAt, r.ClosedAt, r.UpdatedAt = xinfang.StatusClosed, t1, t2, t2
	})
	wantHist := []xinfang.StatusChange{{Status: xinfang.StatusAccepted, At: t1}, {Status: xinfang.StatusClosed, At: t2}}
	check := func(t *testing.T, s *Store, what string) {
		t.Helper()
		d := getDoc(t, s, "S1")
		if d.Record.Status != xinfang.StatusClosed || !d.Record.ClosedAt.Equal(t2) {
			t.Errorf("%s: record status %q closed_at %v, want closed at %v", what, d.Record.Status, d.Record.ClosedAt, t2)
		}
		if diff := cmp.Diff(wantHist, d.StatusHistory, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
			t.Errorf("%s: history (-want +got):\n%s", what, diff)
		}
		if d.Case == nil || !d.Case.Closed || d.Case.Overdue != "" || d.Case.HandlingDays == nil || *d.Case.HandlingDays != 20 {
			t.Errorf("%s: case = %+v, want closed after 20 days, not overdue", what, d.Case)
		}
		res := searchAll(t, s, xinfang.SearchRequest{Filters: xinfang.Filters{Status: []string{"accepted"}}})
		if res.Total != 0 {
			t.Errorf("%s: status=accepted finds %d, want 0", what, res.Total)
		}
	}
	dir := t.TempDir()
	s, err := Open(dir, Options{SearchTimeout: testSearchTimeout})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()

	t.Run("newer then older", func(t *testing.T) {
		indexDocs(t, s, v1)
		indexDocs(t, s, v2)
		indexDocs(t, s, v1) // redelivery
		check(t, s, "after v1, v2, v1")
	})
	t.Run("reopen", func(t *testing.T) {
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if s, err = Open(dir, Options{SearchTimeout: testSearchTimeout}); err != nil {
			t.Fatal(err)
		}
		check(t, s, "reopened")
		indexDocs(t, s, v1)
		check(t, s, "v1 after reopening")
	})
	t.Run("reindex", func(t *testing.T) {
		if err := s.Reindex(ctx, nil); err != nil {
			t.Fatal(err)
		}
		check(t, s, "reindexed")
		indexDocs(t, s, v1)
		check(t, s, "v1 after reindex")
	})
	t.Run("one batch", func(t *testing.T) {
		m := newMemStore(t, nil)
		indexDocs(t, m, v1, v2, v1)
		check(t, m, "batch v1, v2, v1")
		m2 := newMemStore(t, nil)
		indexDocs(t, m2, v2, v1)
		indexDocs(t, m2, v1)
		d := getDoc(t, m2, "S1")
		if d.Record.Status != xinfang.StatusClosed {
			t.Errorf("batch v2, v1: status %q, want closed", d.Record.Status)
		}
	})
	t.Run("without updated_at", func(t *testing.T) {
		// The latest of the other times decides: closed_at after accepted_at.
		a := casePetition("S2", recv, func(r *xinfang.Record) { r.Status, r.AcceptedAt = xinfang.StatusInProgress, t1 })
		b := casePetition("S2", recv, func(r *xinfang.Record) { r.Status, r.ClosedAt = xinfang.StatusClosed, t2 })
		m := newMemStore(t, nil)
		indexDocs(t, m, a)
		indexDocs(t, m, b)
		indexDocs(t, m, a)
		d := getDoc(t, m, "S2")
		if d.Record.Status != xinfang.StatusClosed {
			t.Errorf("status %q, want closed", d.Record.Status)
		}
		// b left accepted_at out; the stored one is kept.
		if !d.Record.AcceptedAt.Equal(t1) {
			t.Errorf("accepted_at %v, want %v carried over", d.Record.AcceptedAt, t1)
		}
	})
	t.Run("a newer copy wins", func(t *testing.T) {
		// Reopened: a later updated_at with an earlier status.
		reopened := casePetition("S1", recv, func(r *xinfang.Record) {
			r.Status, r.AcceptedAt, r.UpdatedAt = xinfang.StatusInProgress, t1, t2.Add(time.Hour)
		})
		indexDocs(t, s, reopened)
		d := getDoc(t, s, "S1")
		if d.Record.Status != xinfang.StatusInProgress || len(d.StatusHistory) != 3 {
			t.Errorf("status %q history %+v, want in_progress as the third change", d.Record.Status, d.StatusHistory)
		}
	})
}

func TestOverdue(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, cst)
	clk := &clock{t: now}
	s, err := OpenMem(Options{SearchTimeout: testSearchTimeout, Secret: []byte("test-secret-0123456789"), Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	day := 24 * time.Hour
	indexDocs(t, s,
		// Not accepted, received 20 days ago: 5 days past 受理 (15 days).
		casePetition("O1", now.Add(-20*day), nil),
		// Received 10 days ago: within 15 days.
		casePetition("O2", now.Add(-10*day), nil),
		// Accepted 61 days ago: 1 day past 办理 (60 days).
		casePetition("O3", now.Add(-70*day), func(r *xinfang.Record) {
			r.Status, r.AcceptedAt = xinfang.StatusInProgress, now.Add(-61*day)
		}),
		// The same, with an extension to 30 days from now.
		casePetition("O4", now.Add(-70*day), func(r *xinfang.Record) {
			r.Status, r.AcceptedAt, r.DeadlineAt = xinfang.StatusInProgress, now.Add(-61*day), now.Add(30*day)
		}),
		// Closed after 40 days, long ago.
		casePetition("O5", now.Add(-300*day), func(r *xinfang.Record) {
			r.Status, r.AcceptedAt, r.ClosedAt = xinfang.StatusClosed, now.Add(-299*day), now.Add(-260*day)
		}),
	)
	search := func(f xinfang.Filters) xinfang.SearchResult {
		t.Helper()
		return searchAll(t, s, xinfang.SearchRequest{Filters: f, Size: 10})
	}
	for _, tc := range []struct {
		overdue []string
		want    []string
	}{
		{[]string{"true"}, []string{"O1", "O3"}},
		{[]string{"acceptance"}, []string{"O1"}},
		{[]string{"handling"}, []string{"O3"}},
		{[]string{"false"}, []string{"O2", "O4", "O5"}},
		{[]string{"true", "false"}, []string{"O1", "O2", "O3", "O4", "O5"}},
	} {
		res := search(xinfang.Filters{Overdue: tc.overdue})
		if diff := cmp.Diff(tc.want, sortedIDs(res.Hits)); diff != "" {
			t.Errorf("overdue=%v (-want +got):\n%s", tc.overdue, diff)
		}
	}
	res := search(xinfang.Filters{Overdue: []string{"true"}})
	for _, h := range res.Hits {
		want := map[string]int{"O1": 5, "O3": 1}[h.ID]
		if h.DaysOverdue != want || h.Overdue == "" {
			t.Errorf("hit %s: overdue %q by %d days, want %d", h.ID, h.Overdue, h.DaysOverdue, want)
		}
	}
	want := []xinfang.FacetValue{{Value: "acceptance", Label: "受理超期", Count: 1}, {Value: "handling", Label: "办理超期", Count: 1}, {Value: "false", Label: "未超期", Count: 3}}
	if diff := cmp.Diff(want, search(xinfang.Filters{}).Facets["overdue"]); diff != "" {
		t.Errorf("overdue facet (-want +got):\n%s", diff)
	}
	checkFacets(t, s, xinfang.SearchRequest{})
	d := getDoc(t, s, "O1")
	if d.Case == nil || d.Case.Overdue != xinfang.DeadlineAcceptance || d.Case.DaysOverdue != 5 || d.Case.DeadlineRule != "received_at+15d" {
		t.Errorf("O1 case = %+v, want 受理 overdue by 5 days", d.Case)
	}
	if _, err := s.Search(ctx, xinfang.SearchRequest{Filters: xinfang.Filters{Overdue: []string{"maybe"}}}); xinfang.ErrorCode(err) != xinfang.EINVALID {
		t.Errorf("overdue=maybe: %v, want EINVALID", err)
	}

	// Time moves on without any write: O2 passes its 15 days.
	clk.add(6 * day)
	res = search(xinfang.Filters{Overdue: []string{"acceptance"}})
	if diff := cmp.Diff([]string{"O1", "O2"}, sortedIDs(res.Hits)); diff != "" {
		t.Errorf("six days later, overdue=acceptance (-want +got):\n%s", diff)
	}
	if d := getDoc(t, s, "O2"); d.Case.DaysOverdue != 1 {
		t.Errorf("O2 six days later: %+v, want 1 day overdue", d.Case)
	}

	// Handling times.
	h, err := s.Handling(ctx, xinfang.HandlingRequest{By: "respondent"})
	if err != nil {
		t.Fatal(err)
	}
	if h.Overall.Records != 5 || h.Overall.Closed != 1 || h.Overall.P50Days == nil || *h.Overall.P50Days != 40 || h.Overall.Overdue != 3 || h.Overall.Open != 4 {
		t.Errorf("Handling overall = %+v, want 5 records, 1 closed after 40 days, 4 open, 3 overdue", h.Overall)
	}
	if len(h.Groups) != 1 || h.Groups[0].Label != "某建筑有限公司" || h.Groups[0].Records != 5 {
		t.Errorf("Handling groups = %+v, want one respondent with 5", h.Groups)
	}
	if _, err := s.Handling(ctx, xinfang.HandlingRequest{By: "weather"}); xinfang.ErrorCode(err) != xinfang.EINVALID {
		t.Errorf("Handling(by=weather) = %v, want EINVALID", err)
	}
}

func TestHandlingPercentiles(t *testing.T) {
	s := newMemStore(t, nil)
	recv := time.Date(2024, 1, 1, 9, 0, 0, 0, cst)
	var docs []xinfang.Document
	// Ten closed petitions in 兴安盟 taking 1..10 days, two open in 包头市.
	for i := 1; i <= 10; i++ {
		id := "H" + string(rune('A'+i))
		d := casePetition(id, recv, func(r *xinfang.Record) {
			r.Status, r.ClosedAt = xinfang.StatusClosed, recv.Add(time.Duration(i)*24*time.Hour)
		})
		d.Analysis.City = ptr("兴安盟")
		docs = append(docs, d)
	}
	for _, id := range []string{"HY", "HZ"} {
		d := casePetition(id, recv, nil)
		d.Analysis.City = ptr("包头市")
		docs = append(docs, d)
	}
	indexDocs(t, s, docs...)
	h, err := s.Handling(ctx, xinfang.HandlingRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Groups) != 2 {
		t.Fatalf("groups = %+v, want 2", h.Groups)
	}
	g := h.Groups[0]
	if g.Key != "兴安盟" || g.Closed != 10 || *g.P50Days != 5 || *g.P90Days != 9 {
		t.Errorf("兴安盟 = %+v, want 10 closed, p50 5, p90 9 days", g)
	}
	if g := h.Groups[1]; g.Key != "包头市" || g.P50Days != nil || g.Open != 2 || g.OverdueAcceptance != 2 {
		t.Errorf("包头市 = %+v, want 2 open, overdue for acceptance, no percentiles", g)
	}
}

func TestRepeats(t *testing.T) {
	s := newMemStore(t, nil)
	base := time.Date(2024, 3, 1, 9, 0, 0, 0, cst)
	day := 24 * time.Hour
	who := func(phone string) func(r *xinfang.Record) {
		return func(r *xinfang.Record) { r.Petitioner = &xinfang.Person{Name: "王某", Phone: phone} }
	}
	other := func(r *xinfang.Record) {
		r.Petitioner = &xinfang.Person{Name: "王某", Phone: "13900001111"}
		r.Respondent, r.Content = "某物业公司", "小区电梯长期损坏无人维修"
	}
	byAddress := func(r *xinfang.Record) {
		r.Petitioner = &xinfang.Person{Name: "李某", Address: "内蒙古自治区兴安盟乌兰浩特市某街道"}
	}
	// Arrive out of order: R3 first, R1 last.
	indexDocs(t, s, casePetition("R3", base.Add(20*day), who("13900001111")))
	indexDocs(t, s,
		casePetition("R2", base.Add(10*day), who("139-0000-1111")),
		casePetition("X1", base.Add(15*day), other), // same person, another matter
		casePetition("N1", base.Add(2*day), byAddress),
		casePetition("N2", base.Add(5*day), byAddress),
		casePetition("Z1", base.Add(3*day), who("13700002222")), // another person
	)
	indexDocs(t, s, casePetition("R1", base, who("13900001111")))

	for id, want := range map[string]*xinfang.Repeat{
		"R1": {FirstID: "R1", Order: 1, Count: 3},
		"R2": {FirstID: "R1", Order: 2, Count: 3},
		"R3": {FirstID: "R1", Order: 3, Count: 3},
		"X1": {FirstID: "X1", Order: 1, Count: 1},
		"N2": {FirstID: "N1", Order: 2, Count: 2},
		"Z1": {FirstID: "Z1", Order: 1, Count: 1},
	} {
		d := getDoc(t, s, id)
		if diff := cmp.Diff(want, d.Repeat); diff != "" {
			t.Errorf("%s repeat (-want +got):\n%s", id, diff)
		}
	}
	res := searchAll(t, s, xinfang.SearchRequest{Filters: xinfang.Filters{Repeat: []string{"true"}}, Size: 10})
	if diff := cmp.Diff([]string{"N2", "R2", "R3"}, sortedIDs(res.Hits)); diff != "" {
		t.Errorf("repeat=true (-want +got):\n%s", diff)
	}
	for _, h := range res.Hits {
		if h.Repeat == nil || h.Risk.Level != xinfang.RiskMedium || len(h.Risk.Reasons) == 0 {
			t.Errorf("hit %s: repeat %+v risk %+v, want a repeat raised to medium with a reason", h.ID, h.Repeat, h.Risk)
		}
	}
	if d := getDoc(t, s, "R3"); d.Risk == nil || d.Risk.Level != xinfang.RiskMedium || d.Risk.Score != 45 ||
		!contains(d.Risk.Reasons, "同一信访人就同一事项第3次信访（重件，共3件）") {
		t.Errorf("R3 risk = %+v, want medium 45 for the third petition", d.Risk)
	}
	checkFacets(t, s, xinfang.SearchRequest{})

	// Deleting the 初件 makes R2 the first.
	if err := s.Delete(ctx, "R1"); err != nil {
		t.Fatal(err)
	}
	if d := getDoc(t, s, "R3"); d.Repeat == nil || d.Repeat.FirstID != "R2" || d.Repeat.Order != 2 || d.Repeat.Count != 2 {
		t.Errorf("R3 after deleting R1: %+v, want second of two after R2", d.Repeat)
	}
	// A near-duplicate text counts even with another respondent.
	indexDocs(t, s, casePetition("R4", base.Add(30*day), func(r *xinfang.Record) {
		who("13900001111")(r)
		r.Respondent, r.Content = "某劳务公司", "某建筑公司拖欠工资R3"
	}))
	if d := getDoc(t, s, "R4"); d.Repeat == nil || d.Repeat.Order != 3 {
		t.Errorf("R4 near-duplicate: %+v, want third", d.Repeat)
	}
}

func TestPeopleAndJoint(t *testing.T) {
	s := newMemStore(t, handDocuments())
	res := searchAll(t, s, xinfang.SearchRequest{})
	// 27 + 120 + 1 + 3 + 27 + (none → 1).
	if res.Total != 6 || res.People != 179 {
		t.Errorf("total %d people %d, want 6 件次 and 179 人次", res.Total, res.People)
	}
	res = searchAll(t, s, xinfang.SearchRequest{Filters: xinfang.Filters{Joint: []string{"true"}}, Size: 10})
	// A2 online from 120 people, A4 a letter from 3.
	if diff := cmp.Diff([]string{"A2", "A4"}, sortedIDs(res.Hits)); diff != "" {
		t.Errorf("joint=true (-want +got):\n%s", diff)
	}
	tr, err := s.Trends(ctx, xinfang.TrendRequest{By: "city", Interval: xinfang.IntervalMonth})
	if err != nil {
		t.Fatal(err)
	}
	people := map[string]int{}
	for _, ser := range tr.Series {
		people[ser.Key] = ser.People
	}
	if diff := cmp.Diff(map[string]int{"兴安盟": 57, "呼和浩特市": 120, "包头市": 1}, people); diff != "" {
		t.Errorf("trend people by city (-want +got):\n%s", diff)
	}
}
