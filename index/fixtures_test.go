package index

import (
	"strings"
	"testing"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/fixtures"
	"github.com/xinfang/xinfang/nlp"
)

// fixtureStore indexes the shared petition corpus, analysed by nlp.
func fixtureStore(t *testing.T) (*Store, []xinfang.Document) {
	t.Helper()
	recs, err := fixtures.Petitions()
	if err != nil {
		t.Fatalf("fixtures.Petitions: %v", err)
	}
	a, err := nlp.Default()
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]xinfang.Document, len(recs))
	for i := range recs {
		r := recs[i].Record
		docs[i] = xinfang.Document{ID: r.ID, Kind: xinfang.KindPetition, Record: &r, Analysis: a.Analyze(r.ID, r.Title, r.Content)}
	}
	return newMemStore(t, docs), docs
}

func TestFixtureInvariants(t *testing.T) {
	s, docs := fixtureStore(t)
	if n, _ := s.Count(); int(n) != len(docs) {
		t.Fatalf("Count = %d, want %d", n, len(docs))
	}
	all := searchAll(t, s, xinfang.SearchRequest{})
	var reqs []xinfang.SearchRequest
	reqs = append(reqs, xinfang.SearchRequest{}, xinfang.SearchRequest{Interval: xinfang.IntervalMonth})
	// One text query per category label and per top city, plus filters.
	for _, f := range all.Facets["category"] {
		reqs = append(reqs, xinfang.SearchRequest{Filters: xinfang.Filters{Category: []string{f.Value}}, Interval: xinfang.IntervalWeek})
	}
	for i, f := range all.Facets["city"] {
		if i == 3 {
			break
		}
		reqs = append(reqs, xinfang.SearchRequest{Query: "-工资", Filters: xinfang.Filters{City: []string{f.Value}}})
	}
	for _, q := range []string{"工资", "拆迁 补偿", `"延期交房"`, "噪声 -夜间", "业主*", "headcount:>=5", "risk_level:high"} {
		reqs = append(reqs, xinfang.SearchRequest{Query: q})
	}
	for _, req := range reqs {
		checkFacets(t, s, req)
	}
	// Every hit is visited once when paging by each order.
	for _, sortBy := range []string{xinfang.SortDate, xinfang.SortRisk, xinfang.SortRelevance} {
		seen := map[string]int{}
		cur := ""
		q := "工资"
		for {
			res := searchAll(t, s, xinfang.SearchRequest{Query: q, Sort: sortBy, Size: 7, Cursor: cur})
			for _, h := range res.Hits {
				seen[h.ID]++
				if strings.Contains(h.Snippet, "<script") {
					t.Errorf("unescaped snippet %q", h.Snippet)
				}
			}
			if res.Cursor == "" {
				if len(seen) != int(res.Total) {
					t.Errorf("sort %s: paging visited %d documents, total %d", sortBy, len(seen), res.Total)
				}
				break
			}
			cur = res.Cursor
		}
		for id, n := range seen {
			if n != 1 {
				t.Errorf("sort %s: %s visited %d times", sortBy, id, n)
			}
		}
	}
	// No petitioner phone or ID number can be found or shown.
	for _, d := range docs {
		p := d.Record.Petitioner
		if p == nil {
			continue
		}
		for _, raw := range []string{p.Phone, p.IDNumber} {
			if len(raw) < 11 {
				continue
			}
			res := searchAll(t, s, xinfang.SearchRequest{Query: `"` + raw + `"`, Size: 5})
			for _, h := range res.Hits {
				if strings.Contains(h.Snippet, raw) {
					t.Errorf("Search(%q) shows it in %s", raw, h.ID)
				}
			}
			if res.Total > 0 {
				t.Errorf("Search(%q) found %d documents", raw, res.Total)
			}
		}
	}
	if _, err := s.Clusters(ctx, xinfang.ClusterRequest{}); err != nil {
		t.Error(err)
	}
	if _, err := s.Risks(ctx, xinfang.RiskRequest{}); err != nil {
		t.Error(err)
	}
	if _, err := s.Trends(ctx, xinfang.TrendRequest{Interval: xinfang.IntervalMonth}); err != nil {
		t.Error(err)
	}
}
