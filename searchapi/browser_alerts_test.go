package searchapi_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/internal/watch"
	"github.com/xinfang/xinfang/nlp"
	"github.com/xinfang/xinfang/searchapi"
)

// TestAlertsInboxBrowser drives the 预警 inbox: alerts raised by a watch as
// records are indexed appear with their masked records; 指派 and 确认 change
// them through the API.
func TestAlertsInboxBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser; skipped with -short")
	}
	an, err := nlp.Default()
	if err != nil {
		t.Fatal(err)
	}
	store, err := index.OpenMem(index.Options{SearchTimeout: time.Minute, CategoryLabel: an.CategoryLabel})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	svc, err := watch.Open(t.TempDir(), store, watch.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	srv, err := searchapi.New(searchapi.Config{Index: store, Analyzer: an, Watches: svc, RequestTimeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	ctx := context.Background()
	if _, err := svc.Create(ctx, xinfang.Watch{Name: "兴安盟欠薪", Query: "工资", Filters: map[string][]string{"city": {"兴安盟"}}, Rule: xinfang.Rule{Type: xinfang.RuleMatch}},
		xinfang.Filters{City: []string{"兴安盟"}}); err != nil {
		t.Fatal(err)
	}
	var docs []xinfang.Document
	for _, r := range []xinfang.Record{
		{ID: "AL-1", ReceivedAt: time.Date(2024, 6, 1, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)), Title: "农民工讨要工资13812345678", Content: "乌兰浩特市某建筑公司拖欠27名农民工工资三个月，扬言要堵路。"},
		{ID: "AL-2", ReceivedAt: time.Date(2024, 6, 2, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)), Title: "再次反映工资", Content: "乌兰浩特市某建筑公司拖欠工资，第三次反映。"},
	} {
		docs = append(docs, xinfang.Document{ID: r.ID, Record: &r, Analysis: an.Analyze(r.ID, r.Title, r.Content)})
	}
	if err := (watch.Sink{Next: store, Watches: svc}).Index(ctx, docs[:1]); err != nil {
		t.Fatal(err)
	}
	if err := (watch.Sink{Next: store, Watches: svc}).Index(ctx, docs[1:]); err != nil {
		t.Fatal(err)
	}

	p := newPage(t, ts.URL)
	p.do(chromedp.Navigate(ts.URL + "/?view=alerts"))
	p.waitFor("two open alerts", `document.querySelectorAll(".alert-item").length === 2`)
	inbox := p.text("#alerts")
	for _, want := range []string{"预警", "兴安盟欠薪", "逐条匹配", "新增1件匹配记录", "待处理", "138****5678", "预警规则"} {
		if !strings.Contains(inbox, want) {
			t.Errorf("inbox lacks %q:\n%s", want, inbox)
		}
	}
	if strings.Contains(inbox, "13812345678") {
		t.Errorf("inbox shows a phone number unmasked")
	}
	p.shot("alerts", true)

	// Assign the newest, then acknowledge it: it leaves the open list.
	p.do(chromedp.Evaluate[chromedp.Void](`document.querySelector(".alert-item .assign-input").value = "李科长"; document.querySelector(".alert-item .assign-form button").click()`))
	p.waitFor("the assignee", `document.querySelector(".alert-item").innerText.includes("承办人：李科长")`)
	p.do(chromedp.Evaluate[chromedp.Void](`document.querySelector(".alert-item .alert-ack").click()`))
	p.waitFor("one open alert", `document.querySelectorAll(".alert-item").length === 1`)
	acked, err := svc.Alerts(ctx, xinfang.AlertFilter{State: "acked"})
	if err != nil || len(acked) != 1 || acked[0].Assignee != "李科长" || acked[0].Records[0].ID != "AL-2" {
		t.Errorf("acknowledged alerts = %+v, %v; want AL-2's, assigned to 李科长", acked, err)
	}
	p.do(chromedp.SetValue(`#alert-state`, "acked"))
	p.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("alert-state").dispatchEvent(new Event("change"))`))
	p.waitFor("the acknowledged alert", `document.querySelectorAll(".alert-item.alert-acked").length === 1`)
	// A record of an alert opens in the document drawer.
	p.do(chromedp.Evaluate[chromedp.Void](`document.querySelector(".alert-item .alert-record a").click()`))
	p.waitFor("the document", `!document.getElementById("doc-drawer").hidden && document.getElementById("doc-body").innerText.includes("AL-2")`)
	if ex := p.exceptions(); len(ex) > 0 {
		t.Errorf("page exceptions: %v", ex)
	}
}
