package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xinfang/xinfang/ingest/ingesttest"
)

// TestKcatInterop produces with kcat (librdkafka), a client other than the
// one under test, and reads the dead letters back with it.
func TestKcatInterop(t *testing.T) {
	kcat, err := exec.LookPath("kcat")
	if err != nil {
		t.Skip("kcat not installed: apt-get install -y kcat")
	}
	_, addr := newCluster(t)
	sink := ingesttest.NewSink()
	_, stop := startConsumer(t, addr, "g-kcat", sink, ConsumerConfig{})

	var in bytes.Buffer
	good := []string{"KC-1", "KC-2", "KC-3"}
	for _, id := range good {
		in.WriteString(id + ":" + string(recordJSON(id)) + "\n")
	}
	in.WriteString(`KC-BAD1:{"id":"KC-BAD1","content":"欠薪","headcount":"many"}` + "\n")
	in.WriteString("KC-BAD2:not json at all\n")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, kcat, "-P", "-b", addr, "-t", "petitions", "-K:")
	cmd.Stdin = &in
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("kcat -P: %v\n%s", err, out)
	}
	waitCount(t, sink, len(good), time.Minute)
	if got := sink.IDs(); strings.Join(got, ",") != strings.Join(good, ",") {
		t.Errorf("indexed %v, want %v", got, good)
	}

	// Read the dead letters back with kcat as JSON (-J): headers come as a
	// flat [name, value, …] list.
	type kcatRecord struct {
		Key     string   `json:"key"`
		Payload string   `json:"payload"`
		Headers []string `json:"headers"`
	}
	var dead []kcatRecord
	deadline := time.Now().Add(time.Minute)
	for len(dead) < 2 && time.Now().Before(deadline) {
		dead = dead[:0]
		out, err := exec.CommandContext(ctx, kcat, "-C", "-b", addr, "-t", "petitions.dlq", "-e", "-J", "-q").Output()
		if err != nil {
			t.Fatalf("kcat -C: %v", err)
		}
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			var r kcatRecord
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatalf("kcat -J line %q: %v", sc.Text(), err)
			}
			dead = append(dead, r)
		}
		if len(dead) < 2 {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	sort.Slice(dead, func(i, j int) bool { return dead[i].Key < dead[j].Key })
	want := []struct{ key, payload, code string }{
		{"KC-BAD1", `{"id":"KC-BAD1","content":"欠薪","headcount":"many"}`, "invalid_headcount"},
		{"KC-BAD2", "not json at all", ReasonInvalidJSON},
	}
	if len(dead) != len(want) {
		t.Fatalf("kcat read %d dead letters, want %d: %+v", len(dead), len(want), dead)
	}
	for i, w := range want {
		d := dead[i]
		h := map[string]string{}
		for j := 0; j+1 < len(d.Headers); j += 2 {
			h[d.Headers[j]] = d.Headers[j+1]
		}
		if d.Key != w.key || d.Payload != w.payload || h["error_code"] != w.code || h["original_topic"] != "petitions" || h["error"] == "" {
			t.Errorf("dead letter %d = key %q payload %q headers %v; want key %q payload %q error_code %q", i, d.Key, d.Payload, h, w.key, w.payload, w.code)
		}
	}
	checkCommittedToEnd(t, addr, "g-kcat", "petitions")
}
