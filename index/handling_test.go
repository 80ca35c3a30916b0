package index

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
)

// TestNthSmallest pins the selection of Handling's percentiles against a
// sort, on values with many ties and on sorted and reversed input.
func TestNthSmallest(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 3, 16, 17, 100, 1000, 5000} {
		for _, spread := range []int64{1, 3, 30, 1 << 40} {
			for _, shape := range []string{"random", "sorted", "reversed"} {
				vals := make([]int64, n)
				for i := range vals {
					vals[i] = rng.Int64N(spread)
				}
				switch shape {
				case "sorted":
					slices.Sort(vals)
				case "reversed":
					slices.Sort(vals)
					slices.Reverse(vals)
				}
				sorted := slices.Sorted(slices.Values(vals))
				for _, q := range []float64{0, 0.1, 0.5, 0.9, 1} {
					k := nearestRank(n, q)
					a := slices.Clone(vals)
					if got := nthSmallest(a, k); got != sorted[k] {
						t.Fatalf("n=%d spread=%d %s q=%v: nthSmallest = %d, want %d", n, spread, shape, q, got, sorted[k])
					}
					for i, v := range a {
						if (i < k && v > a[k]) || (i > k && v < a[k]) {
							t.Fatalf("n=%d spread=%d %s q=%v: a[%d]=%d on the wrong side of a[%d]=%d", n, spread, shape, q, i, v, k, a[k])
						}
					}
				}
			}
		}
	}
}

// TestHandlingAgrees checks Handling on a few hundred petitions against
// figures computed from the documents with a sort, per 盟市, and that
// splitting the scan over workers changes nothing for any grouping.
func TestHandlingAgrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	clk := &clock{t: time.Date(2024, 6, 1, 12, 0, 0, 0, cst)}
	s, err := OpenMem(Options{SearchTimeout: testSearchTimeout, Secret: []byte("test-secret-0123456789"), Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cities := []string{"兴安盟", "包头市", "呼和浩特市", ""}
	cats := []string{xinfang.CategoryWageArrears, xinfang.CategoryNoise, xinfang.CategoryDelayedDelivery}
	var docs []xinfang.Document
	for i := range 400 {
		recv := time.Date(2024, 1, 1, 9, 0, 0, 0, cst).Add(time.Duration(rng.IntN(120*24)) * time.Hour)
		closed := rng.IntN(3) > 0
		d := casePetition(fmt.Sprintf("P%03d", i), recv, func(r *xinfang.Record) {
			r.Respondent = fmt.Sprintf("某%d公司", rng.IntN(7))
			if closed {
				// Whole days mostly, as offices close cases: many ties.
				r.Status, r.ClosedAt = xinfang.StatusClosed, recv.Add(time.Duration(rng.IntN(40))*24*time.Hour+time.Duration(rng.IntN(2))*time.Hour)
			}
		})
		if c := cities[rng.IntN(len(cities))]; c != "" {
			d.Analysis.City = ptr(c)
		}
		d.Analysis.Categories = []string{cats[rng.IntN(len(cats))]}
		if rng.IntN(4) == 0 {
			d.Analysis.Categories = append(d.Analysis.Categories, cats[0])
			d.Analysis.Categories = slices.Compact(slices.Sorted(slices.Values(d.Analysis.Categories)))
		}
		docs = append(docs, d)
	}
	indexDocs(t, s, docs...)

	// The reference: handling seconds per 盟市, sorted, nearest rank.
	times := map[string][]int64{}
	for _, d := range docs {
		if h, ok := d.Record.HandlingTime(); ok {
			city := ""
			if d.Analysis.City != nil {
				city = *d.Analysis.City
			}
			times[city] = append(times[city], int64(h/time.Second))
			times["全部"] = append(times["全部"], int64(h/time.Second))
		}
	}
	pct := func(v []int64, q float64) float64 {
		slices.Sort(v)
		return *days(v[nearestRank(len(v), q)])
	}
	h, err := s.Handling(ctx, xinfang.HandlingRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range append([]xinfang.HandlingGroup{h.Overall}, h.Groups...) {
		key := g.Key
		if g.Label == "全部" {
			key = "全部"
		}
		v := times[key]
		if g.Closed != len(v) || len(v) == 0 || *g.P50Days != pct(v, 0.5) || *g.P90Days != pct(v, 0.9) {
			t.Errorf("%s: closed %d, p50 %v, p90 %v; from the documents %d, %v, %v", g.Label, g.Closed, *g.P50Days, *g.P90Days, len(v), pct(v, 0.5), pct(v, 0.9))
		}
	}

	reqs := []xinfang.HandlingRequest{{}, {By: "county"}, {By: "category"}, {By: "respondent"}, {By: "category", Query: "工资"},
		{By: "respondent", Filters: xinfang.Filters{City: []string{"兴安盟"}}}}
	sameWithWorkers(t, "Handling", reqs, func(req xinfang.HandlingRequest) (xinfang.HandlingResult, error) { return s.Handling(ctx, req) })
}
