package searchapi

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/internal/watch"
)

// watchServer is a server over a real in-memory index and real watches.
func watchServer(t *testing.T) (*testServer, watch.Sink) {
	t.Helper()
	idx, err := index.OpenMem(index.Options{SearchTimeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	svc, err := watch.Open(t.TempDir(), idx, watch.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	return newTestServer(t, Config{Index: idx, Watches: svc}), watch.Sink{Next: idx, Watches: svc}
}

func TestWatchRoutes(t *testing.T) {
	ts, sink := watchServer(t)
	body := `{"name": "兴安盟欠薪", "q": "工资", "filters": {"city": "兴安盟", "category": ["wage_arrears"]}, "rule": {"type": "match"}, "webhook": {"url": "https://hooks.example.org/x", "secret": "s"}}`
	rec := ts.do("POST", "/api/v1/watches", strings.NewReader(body), "Content-Type", "application/json")
	if rec.Code != 201 {
		t.Fatalf("POST /api/v1/watches = %d %s", rec.Code, rec.Body)
	}
	var created struct{ ID string }
	if err := json.Unmarshal(rec.Body.Bytes(), &created); err != nil || created.ID == "" {
		t.Fatalf("body %s: %v", rec.Body, err)
	}
	if loc := rec.Header().Get("Location"); loc != "/api/v1/watches/"+created.ID {
		t.Errorf("Location = %q", loc)
	}

	rec = ts.do("GET", "/api/v1/watches/"+created.ID, nil)
	if rec.Code != 200 || strings.Contains(rec.Body.String(), `"secret"`) || !strings.Contains(rec.Body.String(), `"兴安盟"`) {
		t.Errorf("GET watch = %d %s, want the watch without its secret", rec.Code, rec.Body)
	}
	rec = ts.do("GET", "/api/v1/watches", nil)
	var list struct{ Watches []xinfang.Watch }
	if json.Unmarshal(rec.Body.Bytes(), &list); rec.Code != 200 || len(list.Watches) != 1 {
		t.Errorf("GET watches = %d %s", rec.Code, rec.Body)
	}

	a := "兴安盟乌兰浩特市某建筑公司拖欠27名农民工工资三个月，联系电话13812345678。"
	docs := []xinfang.Document{
		{ID: "W1", Record: &xinfang.Record{ID: "W1", Title: "讨要工资13812345678", Content: a}, Analysis: xinfang.Analysis{Categories: []string{"wage_arrears"}, City: ptr("兴安盟"), Risk: xinfang.Risk{Level: "high", Reasons: []string{}}}},
		{ID: "N1", Record: &xinfang.Record{ID: "N1", Title: "噪声", Content: "夜间施工噪声"}, Analysis: xinfang.Analysis{Categories: []string{"noise"}, City: ptr("兴安盟"), Risk: xinfang.Risk{Level: "low", Reasons: []string{}}}},
	}
	if err := sink.Index(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	rec = ts.do("GET", "/api/v1/alerts?state=open", nil)
	var alerts struct{ Alerts []xinfang.Alert }
	if err := json.Unmarshal(rec.Body.Bytes(), &alerts); err != nil || rec.Code != 200 || len(alerts.Alerts) != 1 {
		t.Fatalf("GET alerts = %d %s", rec.Code, rec.Body)
	}
	al := alerts.Alerts[0]
	if al.WatchID != created.ID || len(al.Records) != 1 || al.Records[0].ID != "W1" || strings.Contains(rec.Body.String(), "13812345678") {
		t.Errorf("alert = %s, want W1, masked", rec.Body)
	}

	rec = ts.do("POST", "/api/v1/alerts/"+al.ID+"/assign", strings.NewReader(`{"assignee": "李科长"}`))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"assignee":"李科长"`) {
		t.Errorf("assign = %d %s", rec.Code, rec.Body)
	}
	rec = ts.do("POST", "/api/v1/alerts/"+al.ID+"/ack", nil)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"acked_at"`) {
		t.Errorf("ack = %d %s", rec.Code, rec.Body)
	}
	if rec = ts.do("GET", "/api/v1/alerts?state=open", nil); !strings.Contains(rec.Body.String(), `"alerts":[]`) {
		t.Errorf("open alerts after ack = %s, want none", rec.Body)
	}
	if rec = ts.do("GET", "/api/v1/alerts/"+al.ID, nil); rec.Code != 200 {
		t.Errorf("GET alert = %d", rec.Code)
	}

	if rec = ts.do("DELETE", "/api/v1/watches/"+created.ID, nil); rec.Code != 204 {
		t.Errorf("DELETE = %d %s", rec.Code, rec.Body)
	}
	if rec = ts.do("GET", "/api/v1/watches/"+created.ID, nil); rec.Code != 404 {
		t.Errorf("GET deleted watch = %d, want 404", rec.Code)
	}
	if rec = ts.do("PUT", "/api/v1/watches/"+created.ID, nil); rec.Code != 405 {
		t.Errorf("PUT watch = %d, want 405", rec.Code)
	}
}

func TestCreateWatchInvalid(t *testing.T) {
	ts, _ := watchServer(t)
	for _, tc := range []struct {
		name, body, field string
	}{
		{"no name", `{"rule": {"type": "match"}}`, "name"},
		{"unknown rule", `{"name": "x", "rule": {"type": "sometimes"}}`, "rule.type"},
		{"count without n", `{"name": "x", "rule": {"type": "count"}}`, "rule.count"},
		{"unknown filter", `{"name": "x", "filters": {"colour": "red"}, "rule": {"type": "match"}}`, "filters.colour"},
		{"bad filter value", `{"name": "x", "filters": {"channel": ["pigeon"]}, "rule": {"type": "match"}}`, "filters.channel"},
		{"filter not a string", `{"name": "x", "filters": {"city": 3}, "rule": {"type": "match"}}`, "filters.city"},
		{"bad query", `{"name": "x", "q": "headcount:lots", "rule": {"type": "match"}}`, "q"},
		{"unknown field", `{"name": "x", "rule": {"type": "match"}, "owner": "me"}`, "owner"},
		{"webhook without secret", `{"name": "x", "rule": {"type": "match"}, "webhook": {"url": "https://h/x"}}`, "webhook.secret"},
		{"not json", `name=x`, "body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := ts.do("POST", "/api/v1/watches", strings.NewReader(tc.body))
			var e errorBody
			json.Unmarshal(rec.Body.Bytes(), &e)
			if rec.Code != 400 || e.Error.Code != "invalid" || !strings.HasPrefix(e.Error.Message, tc.field+":") {
				t.Errorf("POST %s = %d %s, want 400 on %s", tc.body, rec.Code, rec.Body, tc.field)
			}
		})
	}
}

func TestWatchRoutesDisabled(t *testing.T) {
	ts := newTestServer(t, Config{})
	for _, p := range []string{"/api/v1/watches", "/api/v1/alerts"} {
		if rec := ts.do("GET", p, nil); rec.Code != 503 {
			t.Errorf("GET %s without watches = %d, want 503", p, rec.Code)
		}
	}
}

func ptr[T any](v T) *T { return &v }
