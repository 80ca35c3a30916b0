package index

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/xinfang/xinfang"
)

// TestMatchAgreesWithSearch indexes the corpus in batches and checks, for
// each batch, that Match returns exactly the batch's documents that Search
// returns with the same query and filters.
func TestMatchAgreesWithSearch(t *testing.T) {
	_, docs := fixtureStore(t)
	s := newMemStore(t, nil)
	ctx := context.Background()
	// Index the corpus in batches of 37, twice: each batch is the newest
	// segment; the second time, older versions of its ids are deleted.
	reqs := []xinfang.MatchRequest{
		{Query: ""},
		{Query: "工资"},
		{Query: "拖欠 工资"},
		{Query: `"延期交房"`},
		{Query: "开发*"},
		{Query: "噪声 -施工"},
		{Query: "category:wage_arrears headcount:>=5"},
		{Query: "工资", Filters: xinfang.Filters{City: []string{"兴安盟"}}},
		{Filters: xinfang.Filters{RiskLevel: []string{"high"}}},
		{Filters: xinfang.Filters{Category: []string{"noise", "delayed_delivery"}, From: time.Date(2024, 1, 1, 0, 0, 0, 0, cst)}},
		{Query: "subject:某建筑有限公司"},
		{Query: "城市:不存在"},
	}
	const batch = 37
	matched := make([]int, len(reqs))
	for lo := 0; lo < 2*len(docs); lo += batch {
		part := docs[lo%len(docs) : min(lo%len(docs)+batch, len(docs))]
		if err := s.Index(ctx, part); err != nil {
			t.Fatal(err)
		}
		ids := make([]string, len(part))
		for i := range part {
			ids[i] = part[i].ID
		}
		got, errs, err := s.Match(ctx, reqs, ids)
		if err != nil {
			t.Fatalf("Match: %v", err)
		}
		for i, r := range reqs {
			want, werr := searchIDs(s, r)
			if (werr == nil) != (errs[i] == nil) {
				t.Fatalf("Match(%q) error %v, Search error %v", r.Query, errs[i], werr)
			}
			if werr != nil {
				continue
			}
			if n, err := s.CountMatches(ctx, r.Query, r.Filters); err != nil || n != len(want) {
				t.Errorf("CountMatches(%q, %+v) = %d, %v; Search finds %d", r.Query, r.Filters, n, err, len(want))
			}
			want = slices.DeleteFunc(want, func(id string) bool { return !slices.Contains(ids, id) })
			gotIDs := []string{}
			want = append([]string{}, want...)
			for _, m := range got[i] {
				gotIDs = append(gotIDs, m.ID)
			}
			matched[i] += len(gotIDs)
			slices.Sort(want)
			slices.Sort(gotIDs)
			if diff := cmp.Diff(want, gotIDs); diff != "" {
				t.Errorf("batch at %d: Match(%q, %+v) (-search +match):\n%s", lo, r.Query, r.Filters, diff)
			}
		}
	}
	// The requests but the last two must find something, or the
	// comparison proves little.
	for i, r := range reqs[:len(reqs)-2] {
		if matched[i] == 0 {
			t.Errorf("Match(%q, %+v) found nothing in the corpus", r.Query, r.Filters)
		}
	}
}

// searchIDs returns every id Search finds for r.
func searchIDs(s *Store, r xinfang.MatchRequest) ([]string, error) {
	var out []string
	cursor := ""
	for {
		res, err := s.Search(context.Background(), xinfang.SearchRequest{Query: r.Query, Filters: r.Filters, Size: 100, Sort: xinfang.SortDate, Cursor: cursor})
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			out = append(out, h.ID)
		}
		if res.Cursor == "" {
			return out, nil
		}
		cursor = res.Cursor
	}
}

// TestMatchCluster checks that a match carries its cluster and size.
func TestMatchCluster(t *testing.T) {
	s := newMemStore(t, handDocuments()[:1])
	ctx := context.Background()
	next := handDocuments()[4] // A5: same matter as A1
	if err := s.Index(ctx, []xinfang.Document{next}); err != nil {
		t.Fatal(err)
	}
	got, errs, err := s.Match(ctx, []xinfang.MatchRequest{{Query: "工资"}}, []string{"A5", "missing"})
	if err != nil || errs[0] != nil {
		t.Fatalf("Match: %v %v", err, errs[0])
	}
	if len(got[0]) != 1 || got[0][0].ID != "A5" || got[0][0].ClusterCount != 2 || got[0][0].Cluster == "" {
		t.Fatalf("Match = %+v, want A5 in a cluster of 2", got[0])
	}
}
