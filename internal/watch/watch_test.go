package watch

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
)

func TestMatchRuleDeliversSignedMaskedAlert(t *testing.T) {
	h := openHarness(t, t.TempDir())
	rv := newReceiver(t, "s3cret")
	w := h.create(t, xinfang.Watch{Name: "兴安盟欠薪", Query: "工资", Filters: map[string][]string{"city": {"兴安盟"}},
		Rule: xinfang.Rule{Type: xinfang.RuleMatch}, Webhook: &xinfang.Webhook{URL: rv.URL, Secret: "s3cret"}})
	if w.ID == "" || w.Webhook == nil || w.Webhook.Secret != "" {
		t.Fatalf("Create = %+v, want an id and no secret", w)
	}
	h.index(t, wage("W1", "2024-04-01"), noise("N1", "2024-04-01"), petition("W2", "讨薪", "拖欠工资", "包头市", xinfang.CategoryWageArrears, "", "2024-04-01"))
	p := rv.wait(t)
	if p.WatchID != w.ID || p.WatchName != "兴安盟欠薪" || p.Rule.Type != "match" || p.AlertID == "" || p.FiredAt.IsZero() {
		t.Errorf("payload = %+v", p)
	}
	if len(p.Records) != 1 || p.Records[0].ID != "W1" || p.Records[0].City != "兴安盟" || p.Records[0].Risk.Level != "medium" {
		t.Fatalf("records = %+v, want W1 only", p.Records)
	}
	if strings.Contains(p.Records[0].Title, "13812345678") || !strings.Contains(p.Records[0].Title, "138****5678") {
		t.Errorf("title %q: phone not masked", p.Records[0].Title)
	}
	rv.mu.Lock()
	if !rv.sigOK[0] {
		t.Errorf("signature %s does not verify", "")
	}
	for _, key := range []string{`"alert_id"`, `"watch_id"`, `"watch_name"`, `"rule"`, `"fired_at"`, `"records"`} {
		if !strings.Contains(string(rv.bodies[0]), key) {
			t.Errorf("body lacks %s: %s", key, rv.bodies[0])
		}
	}
	rv.mu.Unlock()
	// Delivered is recorded right after the 2xx.
	deadline := time.Now().Add(time.Minute)
	for {
		a := h.alerts(t)
		if len(a) == 1 && a[0].Delivery == "delivered" && a[0].Attempts == 1 && a[0].DeliveredAt != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("alerts = %+v, want one delivered", a)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestSameRecordAlertsOnce(t *testing.T) {
	h := openHarness(t, t.TempDir())
	h.create(t, xinfang.Watch{Name: "欠薪", Query: "工资", Rule: xinfang.Rule{Type: xinfang.RuleMatch}})
	h.index(t, wage("W1", "2024-04-01"))
	h.index(t, wage("W1", "2024-04-01"), wage("W2", "2024-04-02")) // redelivery of W1, a new W2
	h.index(t, wage("W1", "2024-04-01"))
	as := h.alerts(t)
	if len(as) != 2 || ids(as[0].Records) != "W2 " || ids(as[1].Records) != "W1 " {
		t.Fatalf("alerts = %+v, want W1 then W2 once each", as)
	}
	if as[0].Delivery != "none" {
		t.Errorf("delivery = %q without a webhook, want none", as[0].Delivery)
	}
}

func TestRetriedUntil2xxWithSameAlertID(t *testing.T) {
	h := openHarness(t, t.TempDir())
	rv := newReceiver(t, "k", 500, 503)
	h.create(t, xinfang.Watch{Name: "欠薪", Query: "工资", Rule: xinfang.Rule{Type: xinfang.RuleMatch}, Webhook: &xinfang.Webhook{URL: rv.URL, Secret: "k"}})
	h.index(t, wage("W1", "2024-04-01"))
	p := rv.wait(t)
	as := h.alerts(t)
	if p.AlertID != as[0].ID {
		t.Errorf("alert_id %s, stored %s", p.AlertID, as[0].ID)
	}
	deadline := time.Now().Add(time.Minute)
	for as[0].Delivery != "delivered" && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		as = h.alerts(t)
	}
	if as[0].Attempts != 3 || as[0].Delivery != "delivered" {
		t.Errorf("alert = %+v, want delivered at the third attempt", as[0])
	}
}

func TestWatchesAndOutboxSurviveRestart(t *testing.T) {
	dir := t.TempDir()
	rv := newReceiver(t, "k")
	h := openHarness(t, dir)
	// The webhook is down: the alert stays in the outbox.
	down := "http://127.0.0.1:1/hook"
	w := h.create(t, xinfang.Watch{Name: "欠薪", Query: "工资", Rule: xinfang.Rule{Type: xinfang.RuleMatch}, Webhook: &xinfang.Webhook{URL: down, Secret: "k"}})
	h.index(t, wage("W1", "2024-04-01"))
	for deadline := time.Now().Add(time.Minute); h.alerts(t)[0].Attempts == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no delivery attempt within a minute")
		}
	}
	h.stop()

	h = openHarness(t, dir)
	got, err := h.svc.Watch(context.Background(), w.ID)
	if err != nil || got.Name != "欠薪" || got.Query != "工资" {
		t.Fatalf("Watch after restart = %+v, %v", got, err)
	}
	as := h.alerts(t)
	if len(as) != 1 || as[0].Delivery != "pending" || as[0].Attempts == 0 || as[0].LastError == "" {
		t.Fatalf("alerts after restart = %+v, want one pending that failed", as)
	}
	h.index(t, wage("W1", "2024-04-01"))
	if n := len(h.alerts(t)); n != 1 {
		t.Errorf("%d alerts after indexing W1 again, want 1", n)
	}
	// Deleting the watch cancels the delivery; a new watch alerts W2.
	if err := h.svc.Delete(context.Background(), w.ID); err != nil {
		t.Fatal(err)
	}
	if as := h.alerts(t); as[0].Delivery != "cancelled" {
		t.Errorf("delivery after delete = %q, want cancelled", as[0].Delivery)
	}
	if _, err := h.svc.Watch(context.Background(), w.ID); xinfang.ErrorCode(err) != xinfang.ENOTFOUND {
		t.Errorf("Watch after delete: %v, want not found", err)
	}
	h.create(t, xinfang.Watch{Name: "欠薪2", Query: "工资", Rule: xinfang.Rule{Type: xinfang.RuleMatch}, Webhook: &xinfang.Webhook{URL: rv.URL, Secret: "k"}})
	h.index(t, wage("W2", "2024-04-01"))
	if p := rv.wait(t); ids(p.Records) != "W2 " {
		t.Errorf("records = %s, want W2", ids(p.Records))
	}
}

func TestCountRule(t *testing.T) {
	h := openHarness(t, t.TempDir())
	h.create(t, xinfang.Watch{Name: "一天三件欠薪", Query: "工资", Rule: xinfang.Rule{Type: xinfang.RuleCount, Count: 3, Window: "1d"}})
	h.index(t, wage("W1", "2024-04-01"), wage("W2", "2024-04-01"), wage("X1", "2024-04-02"))
	if as := h.alerts(t); len(as) != 0 {
		t.Fatalf("alerts = %+v after 2 in a day, want none", as)
	}
	h.index(t, wage("W3", "2024-04-01"), noise("N1", "2024-04-01"))
	as := h.alerts(t)
	if len(as) != 1 || as[0].Count != 3 || ids(as[0].Records) != "W3 " {
		t.Fatalf("alerts = %+v, want one of count 3 with W3", as)
	}
	// The window has fired; a fourth record does not fire it again.
	h.index(t, wage("W4", "2024-04-01"))
	if n := len(h.alerts(t)); n != 1 {
		t.Errorf("%d alerts after a fourth record, want 1", n)
	}
}

func TestClusterRule(t *testing.T) {
	h := openHarness(t, t.TempDir())
	h.create(t, xinfang.Watch{Name: "同一事项三次", Rule: xinfang.Rule{Type: xinfang.RuleCluster, Count: 3}})
	h.index(t, wage("W1", "2024-04-01"), wage("W2", "2024-04-03"))
	if as := h.alerts(t); len(as) != 0 {
		t.Fatalf("alerts = %+v with a cluster of 2, want none", as)
	}
	h.index(t, wage("W3", "2024-04-05"))
	as := h.alerts(t)
	if len(as) != 1 || as[0].Count != 3 || as[0].Cluster == "" {
		t.Fatalf("alerts = %+v, want one for a cluster of 3", as)
	}
	h.index(t, wage("W4", "2024-04-06"))
	if n := len(h.alerts(t)); n != 1 {
		t.Errorf("%d alerts after the cluster grew, want 1", n)
	}
}

func TestSpikeRule(t *testing.T) {
	h := openHarness(t, t.TempDir())
	h.create(t, xinfang.Watch{Name: "欠薪激增", Rule: xinfang.Rule{Type: xinfang.RuleSpike}})
	// One record a day for ten days is the baseline.
	var base []xinfang.Document
	for d := 1; d <= 10; d++ {
		day := time.Date(2024, 4, d, 0, 0, 0, 0, cstTest).Format("2006-01-02")
		base = append(base, noise("B"+day, day))
	}
	h.index(t, base...)
	if as := h.alerts(t); len(as) != 0 {
		t.Fatalf("alerts = %+v on a flat baseline, want none", as)
	}
	var burst []xinfang.Document
	for i := range 6 {
		burst = append(burst, noise("S"+string(rune('a'+i)), "2024-04-11"))
	}
	h.index(t, burst...)
	as := h.alerts(t)
	if len(as) != 1 || as[0].Series != xinfang.CategoryNoise || as[0].Count != 6 || len(as[0].Records) != 6 {
		t.Fatalf("alerts = %+v, want one noise spike of 6", as)
	}
}

// TestSpikeRuleOneBatch: a batch that brings a baseline and a burst at
// once (an import of history) flags the burst's day only.
func TestSpikeRuleOneBatch(t *testing.T) {
	h := openHarness(t, t.TempDir())
	h.create(t, xinfang.Watch{Name: "激增", Rule: xinfang.Rule{Type: xinfang.RuleSpike}})
	var docs []xinfang.Document
	for d := 1; d <= 20; d++ {
		day := time.Date(2024, 4, d, 0, 0, 0, 0, cstTest).Format("2006-01-02")
		docs = append(docs, noise("B"+day, day))
		if d == 15 {
			for i := range 5 {
				docs = append(docs, noise(fmt.Sprintf("S%d", i), day))
			}
		}
	}
	h.index(t, docs...)
	as := h.alerts(t)
	if len(as) != 1 || as[0].Count != 6 || !strings.Contains(as[0].Summary, "2024-04-15") {
		t.Fatalf("alerts = %+v, want one spike on 2024-04-15", as)
	}
}

func TestAckAndAssign(t *testing.T) {
	h := openHarness(t, t.TempDir())
	h.create(t, xinfang.Watch{Name: "欠薪", Query: "工资", Rule: xinfang.Rule{Type: xinfang.RuleMatch}})
	h.index(t, wage("W1", "2024-04-01"))
	id := h.alerts(t)[0].ID
	ctx := context.Background()
	if _, err := h.svc.Assign(ctx, id, "  "); xinfang.ErrorCode(err) != xinfang.EINVALID {
		t.Errorf("Assign(blank) = %v, want invalid", err)
	}
	a, err := h.svc.Assign(ctx, id, "李科长")
	if err != nil || a.Assignee != "李科长" || a.AssignedAt == nil {
		t.Fatalf("Assign = %+v, %v", a, err)
	}
	if open, _ := h.svc.Alerts(ctx, xinfang.AlertFilter{State: "open"}); len(open) != 1 {
		t.Errorf("open alerts = %d, want 1", len(open))
	}
	a, err = h.svc.Ack(ctx, id, "王")
	if err != nil || a.AckedAt == nil || a.AckedBy != "王" || a.Assignee != "李科长" {
		t.Fatalf("Ack = %+v, %v", a, err)
	}
	if open, _ := h.svc.Alerts(ctx, xinfang.AlertFilter{State: "open"}); len(open) != 0 {
		t.Errorf("open alerts = %d after ack, want 0", len(open))
	}
	if _, err := h.svc.Ack(ctx, "a-none", ""); xinfang.ErrorCode(err) != xinfang.ENOTFOUND {
		t.Errorf("Ack(unknown) = %v, want not found", err)
	}
}

func TestCreateValidation(t *testing.T) {
	h := openHarness(t, t.TempDir())
	hook := &xinfang.Webhook{URL: "https://example.org/hook", Secret: "k"}
	for _, tc := range []struct {
		name  string
		w     xinfang.Watch
		field string
	}{
		{"no name", xinfang.Watch{Rule: xinfang.Rule{Type: "match"}}, "name"},
		{"no rule", xinfang.Watch{Name: "x"}, "rule.type"},
		{"unknown rule", xinfang.Watch{Name: "x", Rule: xinfang.Rule{Type: "often"}}, "rule.type"},
		{"count without n", xinfang.Watch{Name: "x", Rule: xinfang.Rule{Type: "count"}}, "rule.count"},
		{"bad window", xinfang.Watch{Name: "x", Rule: xinfang.Rule{Type: "count", Count: 2, Window: "soon"}}, "rule.window"},
		{"tiny window", xinfang.Watch{Name: "x", Rule: xinfang.Rule{Type: "count", Count: 2, Window: "1s"}}, "rule.window"},
		{"spike interval", xinfang.Watch{Name: "x", Rule: xinfang.Rule{Type: "spike", Interval: "hour"}}, "rule.interval"},
		{"match with count", xinfang.Watch{Name: "x", Rule: xinfang.Rule{Type: "match", Count: 3}}, "rule"},
		{"cluster of 0", xinfang.Watch{Name: "x", Rule: xinfang.Rule{Type: "cluster"}}, "rule.count"},
		{"ftp hook", xinfang.Watch{Name: "x", Rule: xinfang.Rule{Type: "match"}, Webhook: &xinfang.Webhook{URL: "ftp://h/x", Secret: "k"}}, "webhook.url"},
		{"hook without secret", xinfang.Watch{Name: "x", Rule: xinfang.Rule{Type: "match"}, Webhook: &xinfang.Webhook{URL: hook.URL}}, "webhook.secret"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := h.svc.Create(context.Background(), tc.w, xinfang.Filters{})
			var e *xinfang.Error
			if xinfang.ErrorCode(err) != xinfang.EINVALID || !asError(err, &e) || e.Field != tc.field {
				t.Errorf("Create(%+v) = %v, want invalid %s", tc.w, err, tc.field)
			}
		})
	}
	w, err := h.svc.Create(context.Background(), xinfang.Watch{Name: "x", Rule: xinfang.Rule{Type: "count", Count: 2}, Webhook: hook}, xinfang.Filters{})
	if err != nil || w.Rule.Window != "24h" {
		t.Errorf("Create(count without window) = %+v, %v; want window 24h", w, err)
	}
}
