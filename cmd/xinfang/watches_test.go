package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/xinfang/xinfang/ingest"
	"github.com/xinfang/xinfang/internal/watch"
)

// hook is a webhook receiver that checks signatures.
type hook struct {
	*httptest.Server
	got chan watch.Payload
	bad chan string
}

func newHook(t *testing.T, secret string) *hook {
	h := &hook{got: make(chan watch.Payload, 100), bad: make(chan string, 100)}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Header.Get(watch.SignatureHeader) != watch.Sign(secret, body) {
			h.bad <- string(body)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		var p watch.Payload
		json.Unmarshal(body, &p)
		h.got <- p
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *hook) wait(t *testing.T, within time.Duration) watch.Payload {
	t.Helper()
	select {
	case p := <-h.got:
		return p
	case b := <-h.bad:
		t.Fatalf("webhook got a body with a bad signature: %s", b)
	case <-time.After(within):
		t.Fatalf("no webhook delivery within %s", within)
	}
	return watch.Payload{}
}

func postJSON(t *testing.T, url, body string) (int, string) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatalf("POST %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestServeKafkaWatch: a watch created over HTTP alerts a record published
// to Kafka at its webhook, signed; the watch survives a restart of serve.
func TestServeKafkaWatch(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole server; skipped with -short")
	}
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.GroupMinSessionTimeout(time.Second),
		kfake.SeedTopics(1, "pet", "bul", "pet.dlq", "bul.dlq"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	brokers := c.ListenAddrs()[0]
	data := t.TempDir()
	h := newHook(t, "s3cret")
	args := []string{"--data", data, "--addr", "127.0.0.1:0", "--kafka-brokers", brokers, "--group", "g-watch", "--topics", "pet,bul"}

	ctx, cancel := context.WithCancel(context.Background())
	base, done, stderr := startServe(t, ctx, args...)
	code, body := postJSON(t, base+"api/v1/watches", fmt.Sprintf(`{"name": "欠薪", "q": "工资", "filters": {"category": "wage_arrears"}, "rule": {"type": "match"}, "webhook": {"url": %q, "secret": "s3cret"}}`, h.URL))
	if code != 201 {
		t.Fatalf("POST /api/v1/watches = %d %s", code, body)
	}
	p, err := ingest.NewProducer(ingest.ProducerConfig{Brokers: []string{brokers}})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	publish := func(id string) {
		v := fmt.Sprintf(`{"id":%q,"received_at":"2024-04-19T09:30:00+08:00","title":"讨薪","content":"27名农民工被拖欠工资58万元，多次讨要无果，联系电话13812345678"}`, id)
		if err := p.Publish(ctx, ingest.Message{Topic: "pet", Key: []byte(id), Value: []byte(v)}); err != nil {
			t.Fatal(err)
		}
	}
	publish("WK-1")
	got := h.wait(t, time.Minute)
	if len(got.Records) != 1 || got.Records[0].ID != "WK-1" || got.WatchName != "欠薪" {
		t.Errorf("payload = %+v", got)
	}
	code, body = httpGet(t, base+"api/v1/alerts")
	if code != 200 || !strings.Contains(body, got.AlertID) {
		t.Errorf("GET /api/v1/alerts = %d %s, want %s", code, body, got.AlertID)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v\n%s", err, stderr)
	}
	if _, err := os.Stat(filepath.Join(data, watch.FileName)); err != nil {
		t.Errorf("no watch database in the data directory: %v", err)
	}

	// After a restart the watch still alerts.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	base, done, stderr = startServe(t, ctx, args...)
	if code, body := httpGet(t, base+"api/v1/watches"); code != 200 || !strings.Contains(body, `"欠薪"`) {
		t.Fatalf("GET /api/v1/watches after restart = %d %s", code, body)
	}
	publish("WK-2")
	// Delivery is at least once: the first alert may come again, with its
	// alert_id; WK-2 comes in an alert of its own.
	for {
		p := h.wait(t, time.Minute)
		if p.AlertID == got.AlertID {
			continue
		}
		if len(p.Records) != 1 || p.Records[0].ID != "WK-2" {
			t.Errorf("payload after restart = %+v, want WK-2", p)
		}
		break
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v\n%s", err, stderr)
	}
}

// TestImportRaisesAlerts: the import path alerts too.
func TestImportRaisesAlerts(t *testing.T) {
	data := t.TempDir()
	h := newHook(t, "k")
	ctx, cancel := context.WithCancel(context.Background())
	base, done, _ := startServe(t, ctx, "--data", data, "--addr", "127.0.0.1:0")
	code, body := postJSON(t, base+"api/v1/watches", fmt.Sprintf(`{"name": "噪声", "q": "噪声", "rule": {"type": "match"}, "webhook": {"url": %q, "secret": "k"}}`, h.URL))
	if code != 201 {
		t.Fatalf("POST /api/v1/watches = %d %s", code, body)
	}
	cancel()
	<-done

	file := filepath.Join(t.TempDir(), "in.jsonl")
	os.WriteFile(file, []byte(`{"id":"IM-1","content":"楼下酒吧夜间噪声扰民，影响休息"}`+"\n"+`{"id":"IM-2","content":"拖欠工资"}`+"\n"), 0o600)
	if out, err := runIngestCmd(t, "", "import", "--data", data, file); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	if got := h.wait(t, time.Minute); len(got.Records) != 1 || got.Records[0].ID != "IM-1" {
		t.Errorf("payload = %+v, want IM-1", got)
	}
}

func TestBenchWatches(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes records through an in-process broker; skipped with -short")
	}
	var out, errb lockedBuffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	if err := run(context.Background(), e, []string{"bench", "watches", "-n", "300", "--rounds", "1", "--watches", "20", "--rate", "50", "--duration", "1s"}); err != nil {
		t.Fatalf("bench watches: %v\n%s", err, errb.String())
	}
	for _, want := range []string{"throughput (median of 1):", "with 20 watches", "produce → signed webhook p50", "bad signatures 0"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
