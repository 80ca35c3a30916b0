package index

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/xinfang/xinfang"
)

// TestTrendsAgrees checks the counts of Trends on the fixture petitions
// against counts made from the documents, and that splitting the scan over
// workers changes nothing.
func TestTrendsAgrees(t *testing.T) {
	s, docs := fixtureStore(t)
	from, to := time.Date(2023, 1, 1, 0, 0, 0, 0, cst), time.Date(2025, 1, 1, 0, 0, 0, 0, cst)
	tr, err := s.Trends(ctx, xinfang.TrendRequest{By: "city", Interval: xinfang.IntervalMonth, Filters: xinfang.Filters{From: from, To: to}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]int{} // city → month → count
	for _, d := range docs {
		at := d.Record.ReceivedAt.In(cst)
		if d.Analysis.City == nil || at.Before(from) || !at.Before(to) {
			continue
		}
		if want[*d.Analysis.City] == nil {
			want[*d.Analysis.City] = map[string]int{}
		}
		want[*d.Analysis.City][at.Format("2006-01")]++
	}
	got := map[string]map[string]int{}
	for _, ser := range tr.Series {
		got[ser.Key] = map[string]int{}
		for _, b := range ser.Buckets {
			if b.Count > 0 {
				got[ser.Key][b.Start.Format("2006-01")] = b.Count
			}
		}
	}
	if len(want) < 3 {
		t.Fatalf("the fixtures have %d cities in %v–%v; the test needs several", len(want), from, to)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("monthly counts by city (-documents +Trends):\n%s", diff)
	}

	reqs := []xinfang.TrendRequest{{}, {By: "city"}, {Interval: xinfang.IntervalMonth}, {Interval: xinfang.IntervalDay, Query: "工资"},
		{Filters: xinfang.Filters{Category: []string{xinfang.CategoryWageArrears}}}, {By: "city", Filters: xinfang.Filters{From: from, To: to}}}
	sameWithWorkers(t, "Trends", reqs, func(req xinfang.TrendRequest) (xinfang.TrendResult, error) { return s.Trends(ctx, req) })
}
