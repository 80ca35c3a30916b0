package main

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xinfang/xinfang/fixtures"
)

var dashboardRE = regexp.MustCompile(`Dashboard:\s+(http://\S+/)`)

// startDemo runs `xinfang demo` until ctx ends and returns the dashboard URL
// once the demo says it is ready.
func startDemo(t *testing.T, ctx context.Context, args ...string) (string, <-chan error, *lockedBuffer, *lockedBuffer) {
	t.Helper()
	stdout, stderr := &lockedBuffer{}, &lockedBuffer{}
	e := &env{stdin: strings.NewReader(""), stdout: stdout, stderr: stderr, getenv: func(string) string { return "" }}
	done := make(chan error, 1)
	go func() { done <- run(ctx, e, append([]string{"demo", "--addr", "127.0.0.1:0"}, args...)) }()
	// The demo itself allows 2 minutes for indexing, after the crawl.
	deadline := time.Now().Add(5 * time.Minute)
	for time.Now().Before(deadline) {
		if m := dashboardRE.FindStringSubmatch(stdout.String()); m != nil {
			return m[1], done, stdout, stderr
		}
		select {
		case err := <-done:
			t.Fatalf("demo ended before it was ready: %v\nstdout:\n%s\nstderr:\n%s", err, stdout, stderr)
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("demo not ready after 5 minutes\nstdout:\n%s\nstderr:\n%s", stdout, stderr)
	return "", nil, nil, nil
}

// TestDemo runs the whole pipeline: embedded Kafka, fixture site, publish,
// crawl, indexer and API, then checks through the API that every petition
// and the crawled bulletins are searchable exactly once.
func TestDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole pipeline")
	}
	labeled, err := fixtures.Petitions()
	if err != nil {
		t.Fatal(err)
	}
	const generated = 200
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, done, stdout, _ := startDemo(t, ctx, "--generate", "200", "--fixtures")

	code, body := httpGet(t, base+"api/v1/search?size=0")
	if code != 200 {
		t.Fatalf("search: %d %s", code, body)
	}
	var res struct {
		Total  int
		Facets map[string][]struct {
			Value string
			Count int
		}
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, f := range res.Facets["kind"] {
		kinds[f.Value] = f.Count
	}
	if want := len(labeled) + generated; kinds["petition"] != want {
		t.Errorf("petitions searchable = %d, want %d (each fixture and office-year record once)", kinds["petition"], want)
	}
	if kinds["bulletin"] < 5 {
		t.Errorf("bulletins searchable = %d, want at least 5 from the crawl", kinds["bulletin"])
	}
	if res.Total != kinds["petition"]+kinds["bulletin"] {
		t.Errorf("total %d != petitions %d + bulletins %d", res.Total, kinds["petition"], kinds["bulletin"])
	}
	if code, body := httpGet(t, base); code != 200 || !strings.Contains(body, "<html") {
		t.Errorf("GET / = %d, want the dashboard page", code)
	}
	// The demo's watches alerted as the records arrived.
	var alerts struct {
		Alerts []struct {
			WatchName string `json:"watch_name"`
		}
	}
	if code, body := httpGet(t, base+"api/v1/alerts"); code != 200 || json.Unmarshal([]byte(body), &alerts) != nil || len(alerts.Alerts) == 0 {
		t.Errorf("GET /api/v1/alerts = %d %.300s, want the demo watches' alerts", code, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("demo: %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("demo did not stop within a minute of cancel")
	}
	if !strings.Contains(stdout.String(), "已停止") {
		t.Errorf("demo output lacks the stop line:\n%s", stdout)
	}
}
