package searchapi

import (
	"encoding/json"
	"net/url"
	"testing"

	"github.com/xinfang/xinfang"
)

// TestExpandFalseEveryRoute: trends, clusters and handling take expand
// like the search, so that with expand=false their counts are those of the
// unexpanded search, and with expansion on those of the expanded one.
func TestExpandFalseEveryRoute(t *testing.T) {
	ts := newRealServer(t)
	get := func(path string, v url.Values, out any) {
		t.Helper()
		rec := ts.do("GET", path+"?"+v.Encode(), nil)
		if rec.Code != 200 {
			t.Fatalf("GET %s?%s: status %d: %s", path, v.Encode(), rec.Code, rec.Body)
		}
		if err := json.Unmarshal(rec.Body.Bytes(), out); err != nil {
			t.Fatal(err)
		}
	}
	// A range that holds every fixture, so that trends count them all.
	rng := url.Values{"from": {"2015-01-01"}, "to": {"2025-12-31"}}
	with := func(base url.Values, kv ...string) url.Values {
		v := url.Values{}
		for k, vs := range base {
			v[k] = append([]string(nil), vs...)
		}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	for _, word := range []string{"拖欠工资", "噪音"} {
		var on, off xinfang.SearchResult
		get("/api/v1/search", with(rng, "q", word, "size", "0"), &on)
		get("/api/v1/search", with(rng, "q", word, "size", "0", "expand", "false"), &off)
		if off.Total == 0 || on.Total <= off.Total {
			t.Fatalf("%s: expanded total %d, expand=false %d: want 0 < expand=false < expanded", word, on.Total, off.Total)
		}
		for _, tc := range []struct {
			expand string
			res    xinfang.SearchResult
		}{{"true", on}, {"false", off}} {
			// Trends per 盟市 count what the search's city facet counts.
			var tr xinfang.TrendResult
			get("/api/v1/trends", with(rng, "q", word, "by", "city", "interval", "month", "expand", tc.expand), &tr)
			want := map[string]int{}
			for _, fv := range tc.res.Facets["city"] {
				want[fv.Value] = fv.Count
			}
			got := map[string]int{}
			for _, s := range tr.Series {
				got[s.Key] = s.Total
			}
			for k, n := range want {
				if got[k] != n {
					t.Errorf("%s expand=%s: trend of %s counts %d, the search's facet %d", word, tc.expand, k, got[k], n)
				}
			}
			for k, n := range got {
				if want[k] != n {
					t.Errorf("%s expand=%s: trend of %s counts %d, the search's facet %d", word, tc.expand, k, n, want[k])
				}
			}
			t.Logf("%s expand=%s: search %d, trend series %v", word, tc.expand, tc.res.Total, got)

			// Handling counts the matching petitions (all fixtures are).
			var h xinfang.HandlingResult
			get("/api/v1/handling", with(rng, "q", word, "expand", tc.expand), &h)
			if uint64(h.Overall.Records) != tc.res.Total {
				t.Errorf("%s expand=%s: handling counts %d records, the search %d", word, tc.expand, h.Overall.Records, tc.res.Total)
			}

			// Every cluster listed holds a record the search finds, and
			// together they hold all of them.
			var cs clustersResponse
			get("/api/v1/clusters", with(rng, "q", word, "min_count", "1", "size", "100", "expand", tc.expand), &cs)
			sum := uint64(0)
			for _, c := range cs.Clusters {
				var m xinfang.SearchResult
				get("/api/v1/search", with(rng, "q", word, "size", "0", "cluster", c.Key, "expand", tc.expand), &m)
				if m.Total == 0 {
					t.Errorf("%s expand=%s: cluster %s (%s) holds no record the search finds", word, tc.expand, c.Key, c.Subject)
				}
				sum += m.Total
			}
			t.Logf("%s expand=%s: %d clusters hold %d of the search's %d", word, tc.expand, len(cs.Clusters), sum, tc.res.Total)
			// Every fixture petition is in a cluster (min_count=1): when
			// all clusters are listed they hold every record found.
			if len(cs.Clusters) < 100 && sum != tc.res.Total {
				t.Errorf("%s expand=%s: %d clusters hold %d records, the search finds %d", word, tc.expand, len(cs.Clusters), sum, tc.res.Total)
			}
		}
	}
}
