package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/ingest"
	"github.com/xinfang/xinfang/internal/gen"
)

// TestReplicas runs two `xinfang serve` processes as replicas of one Kafka
// topic (an embedded broker, each node with its own data directory and
// group): both index every record and give the same totals, facets and
// histograms; with one killed by SIGKILL the other goes on indexing and
// answering; restarted, the killed one catches up and agrees again.
func TestReplicas(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs two serve processes (skipped with -short)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	dir := t.TempDir()
	bin := buildXinfang(t)
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(3, "petitions", "bulletins", "petitions.dlq", "bulletins.dlq"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	brokers := c.ListenAddrs()[0]
	prod, err := ingest.NewProducer(ingest.ProducerConfig{Brokers: []string{brokers}})
	if err != nil {
		t.Fatal(err)
	}
	defer prod.Close()
	g := gen.New(7)
	publish := func(lo, hi int) {
		t.Helper()
		var msgs []ingest.Message
		for i := lo; i < hi; i++ {
			rec := g.Record(i)
			msgs = append(msgs, ingest.Message{Topic: "petitions", Key: []byte(rec.ID), Value: gen.AppendJSON(nil, &rec)})
		}
		if err := prod.Publish(ctx, msgs...); err != nil {
			t.Fatalf("publish: %v", err)
		}
	}
	args := func(name string) []string {
		return []string{"--data", filepath.Join(dir, name), "--addr", "127.0.0.1:0", "--kafka-brokers", brokers,
			"--group", "xinfang-" + name, "--log-format", "text"}
	}
	start := func(name string) *serveProc {
		t.Helper()
		p, err := startServeProc(bin, args(name)...)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(p.kill)
		return p
	}
	wait := func(p *serveProc, n int) {
		t.Helper()
		if err := waitTotal(ctx, p, n); err != nil {
			t.Fatal(err)
		}
	}

	publish(0, 1500)
	a, b := start("a"), start("b")
	wait(a, 1500)
	wait(b, 1500)
	sameAnswers(t, a, b)

	// A dies; B indexes on and answers.
	a.kill()
	publish(1500, 2000)
	wait(b, 2000)
	if code, err := b.getJSON("/readyz", nil); err != nil || code != http.StatusOK {
		t.Errorf("B /readyz with A dead = %d, %v; want 200", code, err)
	}
	if _, err := a.total(); err == nil {
		t.Errorf("A answers after kill -9")
	}

	// A comes back and catches up.
	a = start("a")
	wait(a, 2000)
	if got, _ := a.total(); got != 2000 {
		t.Errorf("A holds %d documents after catching up, want 2000 (each record once)", got)
	}
	sameAnswers(t, a, b)
	readyBy := time.Now().Add(time.Minute)
	for {
		code, err := a.getJSON("/readyz", nil)
		if err == nil && code == http.StatusOK {
			break
		}
		if time.Now().After(readyBy) {
			t.Fatalf("A /readyz = %d, %v a minute after catching up\n%s", code, err, a.log)
		}
		time.Sleep(100 * time.Millisecond)
	}
	for _, p := range []*serveProc{a, b} {
		if err := p.stop(); err != nil {
			t.Errorf("stop: %v\n%s", err, p.log)
		}
	}
}

// buildXinfang builds the xinfang binary into a temporary directory, for
// the tests that run it as a child process (a test binary cannot serve).
// The build cache makes a second build a link.
func buildXinfang(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "xinfang")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/xinfang/xinfang/cmd/xinfang").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestBenchRestart runs one round of xinfang bench restart with a built
// binary as the node.
func TestBenchRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills a serve process (skipped with -short)")
	}
	bin := buildXinfang(t)
	var out, errb lockedBuffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	args := []string{"bench", "restart", "-n", "300", "--rounds", "1", "--rate", "100", "--up", "500ms", "--down", "500ms", "--serve-bin", bin}
	if err := run(context.Background(), e, args); err != nil {
		t.Fatalf("bench restart: %v\n%s", err, errb.String())
	}
	for _, want := range []string{"round 1:", "first record indexed after kill -9: median", "(each record once: true)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// sameAnswers checks that two nodes give the same totals, facets and
// histograms for a few searches.
func sameAnswers(t *testing.T, a, b *serveProc) {
	t.Helper()
	for _, q := range []string{"", "工资", "交房", "噪音"} {
		path := "/api/v1/search?size=0&q=" + url.QueryEscape(q)
		ra, rb := searchSummary(t, a, path), searchSummary(t, b, path)
		if ra.Total == 0 && q == "" {
			t.Errorf("%s: no documents", path)
		}
		if !reflect.DeepEqual(ra, rb) {
			ja, _ := json.Marshal(ra)
			jb, _ := json.Marshal(rb)
			t.Errorf("%s: the replicas differ:\nA %s\nB %s", path, ja, jb)
		}
	}
}

// summary is what two replicas must agree on.
type summary struct {
	Total     uint64                          `json:"total"`
	People    uint64                          `json:"people"`
	Facets    map[string][]xinfang.FacetValue `json:"facets"`
	Histogram xinfang.Histogram               `json:"histogram"`
}

func searchSummary(t *testing.T, p *serveProc, path string) summary {
	t.Helper()
	var s summary
	code, err := p.getJSON(path, &s)
	if err != nil || code != http.StatusOK {
		t.Fatalf("GET %s: %d, %v", path, code, err)
	}
	return s
}
