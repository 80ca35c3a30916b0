package main

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xinfang/xinfang/fixtures"
)

// TestServeScheduledCrawl runs `xinfang serve --crawl-sites` against the
// fixture site and waits until the crawled bulletins are searchable.
func TestServeScheduledCrawl(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole node")
	}
	site := httptest.NewServer(fixtures.SiteHandler())
	defer site.Close()
	dir := t.TempDir()
	sites := filepath.Join(dir, "sites.yaml")
	yaml := "sites:\n  - name: 示例站点\n    seeds: [\"" + site.URL + "/\"]\n    rate: -1\n    parallelism: 4\ntimeout: 5s\nretries: 0\n"
	if err := os.WriteFile(sites, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, done, stderr := startServe(t, ctx, "--data", filepath.Join(dir, "data"), "--addr", "127.0.0.1:0",
		"--crawl-sites", sites, "--crawl-interval", "1h")

	var total int
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		code, body := httpGet(t, base+"api/v1/search?kind=bulletin&size=0")
		if code != 200 {
			t.Fatalf("search: %d %s", code, body)
		}
		var res struct{ Total int }
		if err := json.Unmarshal([]byte(body), &res); err != nil {
			t.Fatal(err)
		}
		// The fixture site has more than five articles outside the robots.txt-disallowed section.
		if total = res.Total; total >= 5 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if total < 5 {
		t.Fatalf("after the scheduled crawl, %d bulletins are searchable, want at least 5\nstderr:\n%s", total, stderr)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
}

func TestServeCrawlFlags(t *testing.T) {
	dir := t.TempDir()
	e := &env{stdin: nil, stdout: &lockedBuffer{}, stderr: &lockedBuffer{}, getenv: func(string) string { return "" }}
	err := run(context.Background(), e, []string{"serve", "--data", dir, "--crawl-sites", filepath.Join(dir, "missing.yaml")})
	if err == nil {
		t.Fatal("serve with a missing --crawl-sites file: no error")
	}
	sites := filepath.Join(dir, "sites.yaml")
	if err := os.WriteFile(sites, []byte("sites:\n  - seeds: [\"http://127.0.0.1:1/\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = run(context.Background(), e, []string{"serve", "--data", dir, "--crawl-sites", sites, "--crawl-interval", "1s"})
	if err == nil {
		t.Fatal("serve with --crawl-interval 1s: no error")
	}
}
