package crawl

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/fixtures"
)

// TestCrawlSurvivesKill kills a crawling process with SIGKILL after a few
// bulletins and checks that the next run resumes from the state on disk:
// every article arrives, at most the one being recorded at the kill twice.
func TestCrawlSurvivesKill(t *testing.T) {
	if site := os.Getenv("CRAWL_KILL_SITE"); site != "" {
		killChild(t, site)
		return
	}
	if testing.Short() {
		t.Skip("runs a child process")
	}
	slowSite := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(30 * time.Millisecond)
		fixtures.SiteHandler().ServeHTTP(w, r)
	})
	srv := httptest.NewServer(slowSite)
	defer srv.Close()
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrawlSurvivesKill$")
	cmd.Env = append(os.Environ(), "CRAWL_KILL_SITE="+srv.URL, "CRAWL_KILL_DIR="+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	deadline := time.Now().Add(60 * time.Second)
	for len(readLines(t, out)) < 4 {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the child emitted fewer than 4 bulletins in 60s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	first := readLines(t, out)
	if len(first) >= 11 {
		t.Skipf("the child finished (%d bulletins) before it was killed", len(first))
	}

	t.Logf("killed the child after %d bulletins", len(first))
	sink := &collect{}
	stats := runCrawl(t, killConfig(srv.URL, dir), sink)
	if !stats.Resumed {
		t.Error("the run after the kill did not resume")
	}
	count := map[string]int{}
	for _, b := range append(first, sink.take()...) {
		count[b.Title]++
	}
	twice := 0
	for title, n := range count {
		if n > 2 || (n == 2 && twice > 0) {
			t.Errorf("%q emitted %d times", title, n)
		}
		if n == 2 {
			twice++
		}
	}
	if len(count) != 11 {
		t.Errorf("got %d distinct articles over the killed run and the next, want 11 (first run: %d)", len(count), len(first))
	}
}

// killChild is the crawling process of TestCrawlSurvivesKill: it crawls
// with one worker, writing each bulletin to out.jsonl as it comes.
func killChild(t *testing.T, site string) {
	dir := os.Getenv("CRAWL_KILL_DIR")
	f, err := os.OpenFile(filepath.Join(dir, "out.jsonl"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	sink := SinkFunc(func(_ context.Context, b xinfang.Bulletin) error {
		mu.Lock()
		defer mu.Unlock()
		data, _ := json.Marshal(b)
		_, err := f.Write(append(data, '\n'))
		return err
	})
	c, err := New(killConfig(site, dir), sink)
	if err != nil {
		t.Fatal(err)
	}
	c.Run(context.Background())
	select {} // wait to be killed
}

func killConfig(site, dir string) Config {
	return Config{
		StateDir: filepath.Join(dir, "state"),
		Timeout:  testTimeout, MaxBodyBytes: testMaxBody, Retries: -1,
		Sites: []Site{{Name: "fixture", Seeds: []string{site + "/index.html"}, Rate: -1, Parallelism: 1}},
	}
}

func readLines(t *testing.T, name string) []xinfang.Bulletin {
	t.Helper()
	f, err := os.Open(name)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []xinfang.Bulletin
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		b, err := xinfang.DecodeBulletin(sc.Bytes())
		if err != nil {
			break // a line being written
		}
		out = append(out, b)
	}
	return out
}
