package main

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/xinfang/xinfang/ingest"
)

// TestImportCaseworkHTTP imports records with case times, then older copies
// of some of them (JSONL and CSV with Chinese headers), and asks the HTTP
// API of `xinfang serve` on the same data for overdue and repeat petitions
// and the current status: what a petition office checks after a re-import.
func TestImportCaseworkHTTP(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole server; skipped with -short")
	}
	dir, data := t.TempDir(), t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	first := write("first.jsonl", strings.Join([]string{
		// Closed in 22 days (the newer copy).
		`{"id":"C-1","received_at":"2024-01-10T09:00:00+08:00","accepted_at":"2024-01-11T09:00:00+08:00","closed_at":"2024-02-01T17:00:00+08:00","updated_at":"2024-02-01T17:00:00+08:00","status":"closed","respondent":"某建筑有限公司","content":"某建筑公司拖欠我们工资三个月","petitioner":{"name":"赵某","phone":"13800001111"}}`,
		// Never accepted, received in 2024: past the 15 days.
		`{"id":"C-2","received_at":"2024-03-01T09:00:00+08:00","respondent":"某物业公司","content":"小区噪声扰民，夜间施工"}`,
		// Accepted, with a deadline far ahead: not overdue.
		`{"id":"C-3","received_at":"2024-03-01T09:00:00+08:00","accepted_at":"2024-03-02T09:00:00+08:00","deadline_at":"2099-01-01T00:00:00+08:00","status":"in_progress","content":"征收补偿款迟迟不到位"}`,
		// The same petitioner about the same matter, twice.
		`{"id":"R-1","received_at":"2024-04-01T09:00:00+08:00","status":"accepted","respondent":"某劳务有限公司","content":"某劳务公司拖欠农民工工资","petitioner":{"name":"钱某","phone":"13900002222"}}`,
		`{"id":"R-2","received_at":"2024-05-06T09:00:00+08:00","status":"accepted","respondent":"某劳务公司","content":"再次反映劳务公司一直不发工资","petitioner":{"name":"钱某","phone":"139-0000-2222"}}`,
	}, "\n")+"\n")
	// Older copies: C-1 as it was when accepted; R-2 as it was before
	// (no times newer than the stored ones).
	older := write("older.jsonl", `{"id":"C-1","received_at":"2024-01-10T09:00:00+08:00","accepted_at":"2024-01-11T09:00:00+08:00","updated_at":"2024-01-11T09:00:00+08:00","status":"accepted","respondent":"某建筑有限公司","content":"某建筑公司拖欠我们工资三个月","petitioner":{"name":"赵某","phone":"13800001111"}}`+"\n")
	csv := write("older.csv", "编号,受理时间,内容,状态,确认受理时间,更新时间,被反映单位,电话\n"+
		"C-1,2024-01-10 09:00,某建筑公司拖欠我们工资三个月,受理,2024-01-11 09:00,2024-01-20 09:00,某建筑有限公司,13800001111\n"+
		"C-4,2024-06-01 09:00,开发商逾期两年未交房,办理中,2024-06-02 09:00,2024-06-02 09:00,某房地产开发有限公司,\n")
	for _, in := range [][]string{{first}, {older, csv}} {
		if stderr, err := runIngestCmd(t, "", append([]string{"import", "--data", data}, in...)...); err != nil {
			t.Fatalf("import %v: %v\n%s", in, err, stderr)
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, done, _ := startServe(t, ctx, "--data", data, "--addr", "127.0.0.1:0")
	getJSON := func(path string, v any) {
		t.Helper()
		status, body := httpGet(t, base+path)
		if status != 200 {
			t.Fatalf("GET %s = %d %s", path, status, body)
		}
		if err := json.Unmarshal([]byte(body), v); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
	}
	var doc struct {
		Record struct {
			Status   string `json:"status"`
			ClosedAt string `json:"closed_at"`
		} `json:"record"`
		StatusHistory []struct {
			Status string `json:"status"`
		} `json:"status_history"`
		Case struct {
			Closed  bool   `json:"closed"`
			Overdue string `json:"overdue"`
		} `json:"case"`
	}
	getJSON("api/v1/documents/C-1", &doc)
	if doc.Record.Status != "closed" || doc.Record.ClosedAt == "" || !doc.Case.Closed || doc.Case.Overdue != "" {
		t.Errorf("C-1 after older copies: %+v, want closed, not overdue", doc)
	}
	if len(doc.StatusHistory) != 1 || doc.StatusHistory[0].Status != "closed" {
		t.Errorf("C-1 history %+v, want the closed status only (older copies leave no trace)", doc.StatusHistory)
	}

	type result struct {
		Total  int `json:"total"`
		People int `json:"people"`
		Hits   []struct {
			ID          string `json:"id"`
			Overdue     string `json:"overdue"`
			DaysOverdue int    `json:"days_overdue"`
			Repeat      *struct {
				FirstID string `json:"first_id"`
				Order   int    `json:"order"`
				Count   int    `json:"count"`
			} `json:"repeat"`
		} `json:"hits"`
	}
	ids := func(r result) string {
		var out []string
		for _, h := range r.Hits {
			out = append(out, h.ID)
		}
		sort.Strings(out)
		return strings.Join(out, ",")
	}
	var overdue result
	getJSON("api/v1/search?overdue=true&size=50", &overdue)
	// C-2 past 受理, C-4 accepted without a deadline in 2024:
	// past 60 days. C-1 is closed, C-3 has its deadline ahead.
	if got := ids(overdue); got != "C-2,C-4,R-1,R-2" {
		t.Errorf("overdue=true finds %s, want C-2,C-4,R-1,R-2", got)
	}
	for _, h := range overdue.Hits {
		if h.DaysOverdue < 1 || h.Overdue == "" || (h.ID == "C-2") != (h.Overdue == "acceptance") {
			t.Errorf("hit %+v, want overdue days and kind", h)
		}
	}
	var notOverdue result
	getJSON("api/v1/search?overdue=false&size=50", &notOverdue)
	if got := ids(notOverdue); got != "C-1,C-3" {
		t.Errorf("overdue=false finds %s, want C-1,C-3", got)
	}
	var repeats result
	getJSON("api/v1/search?repeat=true&size=50", &repeats)
	if got := ids(repeats); got != "R-2" || repeats.Hits[0].Repeat == nil || repeats.Hits[0].Repeat.FirstID != "R-1" || repeats.Hits[0].Repeat.Order != 2 {
		t.Errorf("repeat=true finds %s %+v, want R-2, the second after R-1", got, repeats.Hits)
	}
	var all result
	getJSON("api/v1/search?size=0&"+url.Values{"status": {"accepted"}}.Encode(), &all)
	if all.Total != 2 || all.People != 2 {
		t.Errorf("status=accepted: %d 件次 %d 人次, want 2 and 2 (R-1, R-2; not C-1)", all.Total, all.People)
	}
	var handling struct {
		Overall struct {
			Records int      `json:"records"`
			Closed  int      `json:"closed"`
			P50     *float64 `json:"p50_days"`
			Overdue int      `json:"overdue"`
		} `json:"overall"`
	}
	getJSON("api/v1/handling?by=respondent", &handling)
	if o := handling.Overall; o.Records != 6 || o.Closed != 1 || o.P50 == nil || *o.P50 != 22.3 || o.Overdue != 4 {
		t.Errorf("handling overall = %+v, want 6 records, 1 closed after 22.3 days, 4 overdue", o)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
}

// TestServeKafkaCasework publishes a newer copy of a record and then older
// ones (in the same batch, and again later, as a redelivery or a replay
// does) to the petitions topic of `xinfang serve`, with repeat and overdue
// petitions, and asks the HTTP API.
func TestServeKafkaCasework(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole server; skipped with -short")
	}
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.GroupMinSessionTimeout(time.Second),
		kfake.SeedTopics(2, "pet", "bul", "pet.dlq", "bul.dlq"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	brokers := c.ListenAddrs()[0]
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, done, stderr := startServe(t, ctx, "--data", t.TempDir(), "--addr", "127.0.0.1:0",
		"--kafka-brokers", brokers, "--group", "g-case", "--topics", "pet,bul")
	p, err := ingest.NewProducer(ingest.ProducerConfig{Brokers: []string{brokers}})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	msg := func(id, v string) ingest.Message {
		return ingest.Message{Topic: "pet", Key: []byte(id), Value: []byte(v)}
	}
	newer := `{"id":"K-1","received_at":"2024-01-10T09:00:00+08:00","accepted_at":"2024-01-11T09:00:00+08:00","closed_at":"2024-02-01T17:00:00+08:00","updated_at":"2024-02-01T17:00:00+08:00","status":"closed","content":"某建筑公司拖欠我们工资三个月"}`
	older := `{"id":"K-1","received_at":"2024-01-10T09:00:00+08:00","accepted_at":"2024-01-11T09:00:00+08:00","updated_at":"2024-01-11T09:00:00+08:00","status":"accepted","content":"某建筑公司拖欠我们工资三个月"}`
	if err := p.Publish(ctx,
		msg("K-1", newer), msg("K-1", older),
		msg("K-R1", `{"id":"K-R1","received_at":"2024-04-01T09:00:00+08:00","respondent":"某劳务有限公司","content":"某劳务公司拖欠农民工工资","petitioner":{"name":"孙某","phone":"13700003333"}}`),
		msg("K-R2", `{"id":"K-R2","received_at":"2024-05-01T09:00:00+08:00","respondent":"某劳务公司","content":"劳务公司还是不发工资","petitioner":{"name":"孙某","phone":"13700003333"}}`),
	); err != nil {
		t.Fatal(err)
	}
	waitTotal := func(n int) {
		t.Helper()
		deadline := time.Now().Add(time.Minute)
		for {
			code, body := httpGet(t, base+"api/v1/search?size=0")
			var r struct{ Total int }
			if code == 200 && json.Unmarshal([]byte(body), &r) == nil && r.Total == n {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("search total not %d after a minute: %d %s\n%s", n, code, body, stderr)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	waitTotal(3)
	// A replay of the older copy, then a marker record to know it was read.
	if err := p.Publish(ctx, msg("K-1", older)); err != nil {
		t.Fatal(err)
	}
	if err := p.Publish(ctx, msg("K-9", `{"id":"K-9","received_at":"2099-01-01T09:00:00+08:00","content":"标记"}`)); err != nil {
		t.Fatal(err)
	}
	waitTotal(4)
	var doc struct {
		Record struct {
			Status string `json:"status"`
		} `json:"record"`
	}
	_, body := httpGet(t, base+"api/v1/documents/K-1")
	if err := json.Unmarshal([]byte(body), &doc); err != nil || doc.Record.Status != "closed" {
		t.Errorf("K-1 after older copies = %s, want record.status closed", body)
	}
	for _, tc := range []struct{ path, want string }{
		{"api/v1/search?repeat=true", `"id":"K-R2"`},
		{"api/v1/search?overdue=true&size=0", `"total":2`}, // K-R1, K-R2: received in 2024, never accepted
	} {
		if code, body := httpGet(t, base+tc.path); code != 200 || !strings.Contains(body, tc.want) {
			t.Errorf("GET %s = %d %s, want %s", tc.path, code, body, tc.want)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
}

// TestReportCommand imports a week of petitions and writes its briefing.
func TestReportCommand(t *testing.T) {
	dir, data := t.TempDir(), t.TempDir()
	in := filepath.Join(dir, "w27.jsonl")
	lines := []string{
		`{"id":"W-1","received_at":"2024-07-01T09:00:00+08:00","headcount":12,"content":"兴安盟乌兰浩特市某小区12户业主反映开发商逾期两年未交房"}`,
		`{"id":"W-2","received_at":"2024-07-03T09:00:00+08:00","content":"包头市昆都仑区某工地夜间施工噪声扰民"}`,
		`{"id":"W-3","received_at":"2024-07-07T23:00:00+08:00","headcount":5,"content":"赤峰市某劳务公司拖欠5名农民工工资"}`,
		`{"id":"W-0","received_at":"2024-06-30T23:00:00+08:00","content":"上周的一件：拖欠工资"}`,
	}
	if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if stderr, err := runIngestCmd(t, "", "import", "--data", data, in); err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}
	out := filepath.Join(dir, "w27.html")
	if stderr, err := runIngestCmd(t, "", "report", "--data", data, "--week", "2024-W27", "--out", out); err != nil {
		t.Fatalf("report: %v\n%s", err, stderr)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"信访形势周报", "2024-W27（7月1日—7月7日）", `data-k="records">3<`, `data-k="people">18<`, "上周（2024-W26）1 件次"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("briefing lacks %q", want)
		}
	}
	if _, err := runIngestCmd(t, "", "report", "--data", data, "--week", "2024-27"); err == nil || !strings.Contains(err.Error(), "week") {
		t.Errorf("report --week 2024-27 = %v, want an error naming week", err)
	}
}
