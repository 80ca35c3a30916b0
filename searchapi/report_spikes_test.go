package searchapi

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/index"
)

// TestWeeklySpikesAgree pins the spikes of the weekly briefing, counted
// over the weeks a trend shows and their baseline only, against trends
// over every week since the first petition (a trend without From), for
// every week of an index where wage petitions in 包头市 spike in week 20,
// noise petitions in 兴安盟 in weeks 6 and 20 and otherwise rise slowly.
func TestWeeklySpikesAgree(t *testing.T) {
	ctx := context.Background()
	st, err := index.OpenMem(index.Options{SearchTimeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	first := time.Date(2024, 1, 1, 9, 0, 0, 0, shanghai) // a Monday
	var docs []xinfang.Document
	add := func(week, n int, cat, city string) {
		for i := range n {
			id := fmt.Sprintf("W%02d-%s-%d", week, cat, i)
			r := &xinfang.Record{ID: id, ReceivedAt: first.AddDate(0, 0, 7*week+i%7), Title: "反映", Content: "反映问题" + id, Channel: xinfang.ChannelVisit}
			a := xinfang.Analysis{ID: id, Categories: []string{cat}, City: &city, Risk: xinfang.Risk{Level: xinfang.RiskLow, Reasons: []string{}}}
			docs = append(docs, xinfang.Document{ID: id, Kind: xinfang.KindPetition, Record: r, Analysis: a})
		}
	}
	for w := range 30 {
		add(w, 3+w%2, xinfang.CategoryWageArrears, "包头市")
		add(w, 1+w/6, xinfang.CategoryNoise, "兴安盟")
	}
	add(20, 14, xinfang.CategoryWageArrears, "包头市")
	add(6, 9, xinfang.CategoryNoise, "兴安盟")   // 6 weeks of history
	add(20, 15, xinfang.CategoryNoise, "兴安盟") // two spikes in one week: their order
	add(31, 2, xinfang.CategoryNoise, "兴安盟")  // week 30 has none
	if err := st.Index(ctx, docs); err != nil {
		t.Fatal(err)
	}
	// The reference: the briefing's spikes from trends without From.
	spikesAll := func(start, to time.Time) []weeklySpike {
		var out []weeklySpike
		for _, by := range []string{"category", "city"} {
			tr, err := st.Trends(ctx, xinfang.TrendRequest{By: by, Interval: xinfang.IntervalWeek, Filters: xinfang.Filters{Kind: []string{xinfang.KindPetition}, To: to}})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tr.Series {
				if n := len(s.Buckets); n > 0 && s.Buckets[n-1].Spike && s.Buckets[n-1].Start.Equal(start) {
					out = append(out, weeklySpike{By: map[string]string{"category": "类别", "city": "盟市"}[by], Label: s.Label, Count: s.Buckets[n-1].Count, Baseline: s.Buckets[n-1].Baseline})
				}
			}
		}
		return out
	}
	spiked := 0
	for w := -2; w <= 33; w++ {
		start := first.Add(-9*time.Hour).AddDate(0, 0, 7*w)
		to := start.AddDate(0, 0, 7)
		got, err := weeklySpikes(ctx, st, start, to)
		if err != nil {
			t.Fatal(err)
		}
		want := spikesAll(start, to)
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(weeklySpike{})); diff != "" {
			t.Errorf("week %d (%s): spikes (-every week +the shown weeks):\n%s", w, start.Format(time.DateOnly), diff)
		}
		if len(want) > 0 {
			spiked++
		}
	}
	if spiked < 2 {
		t.Errorf("%d weeks with a spike; the test wants the wage spike and 兴安盟's", spiked)
	}
}
