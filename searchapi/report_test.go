package searchapi

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
)

func TestParseWeek(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // Monday, or "" for an error
	}{
		{"2024-W27", "2024-07-01"},
		{"2024-W01", "2024-01-01"},
		{"2021-W01", "2021-01-04"},
		{"2020-W53", "2020-12-28"},
		{"2021-W53", ""},
		{"2024-W00", ""},
		{"2024-27", ""},
		{"2024-W7", ""},
	} {
		got, err := ParseWeek(tc.in)
		switch {
		case tc.want == "" && xinfang.ErrorCode(err) != xinfang.EINVALID:
			t.Errorf("ParseWeek(%q) = %v, %v, want EINVALID", tc.in, got, err)
		case tc.want != "" && (err != nil || got.Format(time.DateOnly) != tc.want || got.Weekday() != time.Monday || got.Hour() != 0):
			t.Errorf("ParseWeek(%q) = %v, %v, want Monday %s 00:00", tc.in, got, err, tc.want)
		}
	}
}

// busiestWeek returns the ISO week with the most petitions of the index
// behind ts, and its Monday.
func busiestWeek(t *testing.T, ts *testServer) (string, time.Time) {
	t.Helper()
	rec := ts.do("GET", "/api/v1/search?kind=petition&size=0&interval=week", nil)
	var res xinfang.SearchResult
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || rec.Code != 200 {
		t.Fatalf("search: %d %s", rec.Code, rec.Body)
	}
	var best xinfang.Bucket
	for _, b := range res.Histogram.Buckets {
		if b.Count > best.Count {
			best = b
		}
	}
	if best.Count < 2 {
		t.Fatalf("no week with two petitions in %+v", res.Histogram)
	}
	return weekName(best.Start), best.Start
}

var dataK = regexp.MustCompile(`data-k="(\w+)">([\d,]+)<`)

// reportFigures reads the figures marked data-k of a briefing.
func reportFigures(page string) map[string]string {
	out := map[string]string{}
	for _, m := range dataK.FindAllStringSubmatch(page, -1) {
		out[m[1]] = strings.ReplaceAll(m[2], ",", "")
	}
	return out
}

// TestWeeklyReport renders the briefing of the busiest week of the real
// index through the API and checks that its figures are the API's.
func TestWeeklyReport(t *testing.T) {
	ts := newRealServer(t)
	week, monday := busiestWeek(t, ts)
	rec := ts.do("GET", "/api/v1/reports/weekly?week="+week, nil)
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") || rec.Header().Get("Content-Security-Policy") != reportCSP {
		t.Fatalf("GET weekly report = %d %q, CSP %q: %.300s", rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Content-Security-Policy"), rec.Body)
	}
	page := rec.Body.String()
	fig := reportFigures(page)
	q := url.Values{"kind": {"petition"}, "from": {monday.Format(time.DateOnly)}, "to": {monday.AddDate(0, 0, 6).Format(time.DateOnly)}, "size": {"0"}}
	var res xinfang.SearchResult
	if err := json.Unmarshal(ts.do("GET", "/api/v1/search?"+q.Encode(), nil).Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	count := func(key, value string) string {
		for _, v := range res.Facets[key] {
			if v.Value == value {
				return itoa(v.Count)
			}
		}
		return "0"
	}
	want := map[string]string{
		"records": itoa(int(res.Total)), "people": itoa(int(res.People)), "high": count("risk_level", "high"),
		"repeat": count("repeat", "true"), "joint": count("joint", "true"),
	}
	hq := url.Values{"kind": {"petition"}, "to": {monday.AddDate(0, 0, 6).Format(time.DateOnly)}, "by": {"county"}}
	var h xinfang.HandlingResult
	if err := json.Unmarshal(ts.do("GET", "/api/v1/handling?"+hq.Encode(), nil).Body.Bytes(), &h); err != nil {
		t.Fatal(err)
	}
	want["overdue"] = itoa(h.Overall.Overdue)
	for k, v := range want {
		if fig[k] != v {
			t.Errorf("briefing of %s: %s = %q, want %q as the API", week, k, fig[k], v)
		}
	}
	if res.Total == 0 {
		t.Errorf("the busiest week %s has no petitions", week)
	}
	for _, s := range []string{"信访形势周报", "一、总体情况", "主要类别", "盟市分布", "激增预警", "重复信访事项", "高风险信访件", "超期未办结", "<svg", "@page { size: A4"} {
		if !strings.Contains(page, s) {
			t.Errorf("briefing lacks %q", s)
		}
	}
	if m := regexp.MustCompile(`1[3-9]\d{9}`).FindString(page); m != "" {
		t.Errorf("briefing holds a raw phone number %s", m)
	}
	for _, bad := range []string{"2021-W53", "2024-27", ""} {
		if rec := ts.do("GET", "/api/v1/reports/weekly?week="+bad, nil); rec.Code != 400 || !strings.Contains(rec.Body.String(), `"invalid"`) {
			t.Errorf("week=%q: %d %s, want 400 invalid", bad, rec.Code, rec.Body)
		}
	}
}

func itoa(n int) string { return strings.ReplaceAll(fmtInt(n), ",", "") }
