package main

import (
	"bufio"
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/fixtures"
	"github.com/xinfang/xinfang/index"
)

func runCrawlForTest(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	err = run(context.Background(), e, append([]string{"crawl"}, args...))
	return out.String(), errb.String(), err
}

func TestCrawlCommandOut(t *testing.T) {
	srv := httptest.NewServer(fixtures.SiteHandler())
	defer srv.Close()
	dir := t.TempDir()
	outFile := filepath.Join(dir, "bulletins.jsonl")
	args := []string{"--seed", srv.URL + "/index.html", "--out", outFile, "--data", dir, "--rate", "-1", "--parallelism", "4", "--retries", "-1"}

	_, stderr, err := runCrawlForTest(t, args...)
	if err != nil {
		t.Fatalf("crawl: %v\n%s", err, stderr)
	}
	lines := readBulletins(t, outFile)
	if len(lines) != 11 {
		t.Errorf("first crawl wrote %d bulletins, want 11\n%s", len(lines), stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "crawl", "state.db")); err != nil {
		t.Errorf("crawl state: %v", err)
	}

	// The second run appends nothing.
	_, stderr, err = runCrawlForTest(t, args...)
	if err != nil {
		t.Fatalf("second crawl: %v\n%s", err, stderr)
	}
	if got := readBulletins(t, outFile); len(got) != 11 {
		t.Errorf("after the second crawl the file has %d bulletins, want still 11\n%s", len(got), stderr)
	}
	if !strings.Contains(stderr, "0 bulletins emitted") {
		t.Errorf("second crawl summary = %q, want 0 bulletins emitted", stderr)
	}
}

func readBulletins(t *testing.T, name string) []xinfang.Bulletin {
	t.Helper()
	f, err := os.Open(name)
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
			t.Fatalf("%s: line %d: %v", name, len(out)+1, err)
		}
		out = append(out, b)
	}
	return out
}

func TestCrawlCommandUsage(t *testing.T) {
	for name, args := range map[string][]string{
		"no seed":             {},
		"seed and sites":      {"--seed", "http://a.example/", "--sites", "x.yaml"},
		"out and kafka":       {"--seed", "http://a.example/", "--out", "-", "--kafka-brokers", "k:9092"},
		"relative seed":       {"--seed", "/index.html", "--out", "-"},
		"unexpected argument": {"--seed", "http://a.example/", "extra"},
	} {
		t.Run(name, func(t *testing.T) {
			if _, _, err := runCrawlForTest(t, args...); err != errUsage {
				t.Errorf("crawl %q = %v, want errUsage", args, err)
			}
		})
	}
}

func TestCrawlCommandIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the segmenter dictionary")
	}
	srv := httptest.NewServer(fixtures.SiteHandler())
	defer srv.Close()
	dir := t.TempDir()
	_, stderr, err := runCrawlForTest(t, "--seed", srv.URL+"/index.html", "--data", dir, "--rate", "-1", "--retries", "-1")
	if err != nil {
		t.Fatalf("crawl: %v\n%s", err, stderr)
	}
	st, err := index.Open(filepath.Join(dir, "index"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := st.Count()
	if err != nil {
		t.Fatal(err)
	}
	if n != 11 {
		t.Errorf("index holds %d documents after the crawl, want 11\n%s", n, stderr)
	}
}

func TestCrawlCommandKafka(t *testing.T) {
	cluster, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(2, "bulletins"))
	if err != nil {
		t.Fatal(err)
	}
	defer cluster.Close()
	addr := cluster.ListenAddrs()[0]
	srv := httptest.NewServer(fixtures.SiteHandler())
	defer srv.Close()
	_, stderr, err := runCrawlForTest(t, "--seed", srv.URL+"/index.html", "--kafka-brokers", addr, "--data", t.TempDir(), "--rate", "-1", "--retries", "-1")
	if err != nil {
		t.Fatalf("crawl: %v\n%s", err, stderr)
	}

	cl, err := kgo.NewClient(kgo.SeedBrokers(addr), kgo.ConsumeTopics("bulletins"), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	keys := map[string]bool{}
	for len(keys) < 11 && ctx.Err() == nil {
		cl.PollFetches(ctx).EachRecord(func(r *kgo.Record) {
			b, err := xinfang.DecodeBulletin(r.Value)
			if err != nil {
				t.Errorf("message %s: %v", r.Key, err)
				return
			}
			if string(r.Key) != b.ID {
				t.Errorf("message key %s, want the bulletin id %s", r.Key, b.ID)
			}
			keys[b.ID] = true
		})
	}
	if len(keys) != 11 {
		t.Errorf("read %d bulletins from the topic, want 11\n%s", len(keys), stderr)
	}
}

func TestCrawlCommandConfigFile(t *testing.T) {
	srv := httptest.NewServer(fixtures.SiteHandler())
	defer srv.Close()
	dir := t.TempDir()
	outFile := filepath.Join(dir, "out.jsonl")
	conf := filepath.Join(dir, "xinfang.yaml")
	text := "data: " + dir + "\ncrawl:\n  seed: [" + srv.URL + "/xam/zwdt/index.html]\n  rate: -1\n  out: " + outFile + "\n"
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runCrawlForTest(t, "--config", conf); err != nil {
		t.Fatalf("crawl --config: %v\n%s", err, stderr)
	}
	if got := readBulletins(t, outFile); len(got) != 4 {
		t.Errorf("crawl --config wrote %d bulletins, want the 4 of /xam/zwdt/", len(got))
	}
}
