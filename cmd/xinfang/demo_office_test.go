package main

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestDemoOfficeYear runs the demo as shipped and checks, through the API,
// that its data looks like an office's year as the analyzer rates it: a few
// percent high risk, named respondents in the clusters, petitions up to the
// clock, clusters that a bulletin reports resolved and that open to exactly
// their members.
func TestDemoOfficeYear(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole pipeline")
	}
	clock := time.Now()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, done, _, _ := startDemo(t, ctx)
	defer func() {
		cancel()
		<-done
	}()
	api := base + "api/v1/"

	type facet struct {
		Value string
		Count int
	}
	var search struct {
		Total  int
		Facets map[string][]facet
	}
	getJSON(t, api+"search?size=0&kind=petition", &search)
	levels := map[string]int{}
	for _, f := range search.Facets["risk_level"] {
		levels[f.Value] = f.Count
	}
	n := search.Total
	high, medium := float64(levels["high"])/float64(n), float64(levels["medium"])/float64(n)
	t.Logf("%d petitions: high %d (%.1f%%), medium %d (%.1f%%), low %d", n, levels["high"], 100*high, levels["medium"], 100*medium, levels["low"])
	if n < 1000 || high > 0.08 || high < 0.01 || medium < 0.10 || medium > 0.30 {
		t.Errorf("risk mix of %d petitions: high %.1f%%, medium %.1f%%; want ≤ 8%% (a few percent) high and 10–30%% medium", n, 100*high, 100*medium)
	}

	// The latest petition is within a month of the clock.
	var latest struct {
		Hits []struct {
			Date time.Time
		}
	}
	getJSON(t, api+"search?size=1&kind=petition&sort=date", &latest)
	if len(latest.Hits) == 0 || clock.Sub(latest.Hits[0].Date) > 30*24*time.Hour || latest.Hits[0].Date.After(clock.Add(time.Minute)) {
		t.Errorf("latest petition %+v, want one within a month before the clock %v", latest.Hits, clock)
	}

	// Clusters name their respondents; some were reported resolved.
	var clusters struct {
		Clusters []struct {
			Key, Subject string
			Count        int
		}
	}
	getJSON(t, api+"clusters?size=100", &clusters)
	if len(clusters.Clusters) < 50 {
		t.Fatalf("%d clusters of 2+ petitions, want the top 100 to be meaningful (at least 50)", len(clusters.Clusters))
	}
	// The clusters of a query open to all their members too, and the keys of
	// every cluster shown are whole (a masked key opened nothing).
	for _, q := range []string{"欠薪", "延期交房", "噪音"} {
		var qc struct {
			Clusters []struct {
				Key   string
				Count int
			}
		}
		getJSON(t, api+"clusters?size=100&min_count=1&q="+url.QueryEscape(q), &qc)
		for _, c := range qc.Clusters {
			var members struct{ Total int }
			getJSON(t, api+"search?size=0&cluster="+url.QueryEscape(c.Key), &members)
			if members.Total != c.Count {
				t.Errorf("cluster %s of %s counts %d, search?cluster= gives %d", c.Key, q, c.Count, members.Total)
			}
		}
	}
	placeholders, recurring, resolved := 0, 0, 0
	for _, c := range clusters.Clusters {
		// Each opens to exactly its members (the dashboard's drill-down).
		var members struct{ Total int }
		getJSON(t, api+"search?size=0&cluster="+url.QueryEscape(c.Key), &members)
		if members.Total != c.Count {
			t.Errorf("cluster %s (%s) counts %d, search?cluster= gives %d", c.Key, c.Subject, c.Count, members.Total)
		}
		if demoPlaceholder(c.Subject) {
			placeholders++
			t.Logf("placeholder cluster: %q (%d)", c.Subject, c.Count)
		}
		if c.Count < 3 {
			continue
		}
		recurring++
		var links struct {
			Bulletins []struct {
				Title    string
				Resolved bool
				Reasons  []string
			}
		}
		getJSON(t, api+"clusters/"+url.PathEscape(c.Key)+"/bulletins", &links)
		for _, b := range links.Bulletins {
			if b.Resolved && strings.Contains(strings.Join(b.Reasons, " "), c.Subject) {
				resolved++
				break
			}
		}
	}
	t.Logf("top %d clusters: %d with a placeholder respondent, %d recurring (3+), %d of them reported resolved by a bulletin naming the respondent",
		len(clusters.Clusters), placeholders, recurring, resolved)
	if placeholders*10 > len(clusters.Clusters) {
		t.Errorf("%d of the top %d clusters have a placeholder respondent, want at most 10%%", placeholders, len(clusters.Clusters))
	}
	if resolved == 0 {
		t.Error("no recurring cluster has a bulletin that reports it resolved and names its respondent")
	}
}

// demoPlaceholder reports whether a cluster's subject names no particular
// body: none, a 某 name, a kind of body, or one or two characters.
func demoPlaceholder(s string) bool {
	switch s {
	case "有关单位", "相关单位", "有关部门", "相关部门", "当地政府", "开发商", "物业公司", "用人单位", "施工单位", "包工头":
		return true
	}
	return strings.Contains(s, "某") || utf8.RuneCountInString(s) <= 2
}

// getJSON GETs u and decodes its 200 answer into v.
func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	code, body := httpGet(t, u)
	if code != 200 {
		t.Fatalf("GET %s: %d %.300s", u, code, body)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("GET %s: %v in %.300s", u, err, body)
	}
}
