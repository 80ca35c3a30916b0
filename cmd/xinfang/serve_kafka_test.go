package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/xinfang/xinfang/ingest"
)

func TestServeKafka(t *testing.T) {
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
		"--kafka-brokers", brokers, "--group", "g-serve", "--topics", "pet,bul")

	p, err := ingest.NewProducer(ingest.ProducerConfig{Brokers: []string{brokers}})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var msgs []ingest.Message
	for i := range 20 {
		id := fmt.Sprintf("SK-%02d", i)
		v := fmt.Sprintf(`{"id":%q,"received_at":"2024-04-19T09:30:00+08:00","content":"27名农民工被拖欠工资58万元，多次讨要无果"}`, id)
		msgs = append(msgs, ingest.Message{Topic: "pet", Key: []byte(id), Value: []byte(v)})
	}
	msgs = append(msgs, ingest.Message{Topic: "pet", Key: []byte("SK-BAD"), Value: []byte(`{"id":"SK-BAD"}`)})
	if err := p.Publish(ctx, msgs...); err != nil {
		t.Fatal(err)
	}

	deadline := time.Now().Add(time.Minute)
	for {
		code, body := httpGet(t, base+"api/v1/search?size=0")
		var r struct{ Total int }
		if code == 200 && json.Unmarshal([]byte(body), &r) == nil && r.Total == 20 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("search total not 20 after a minute: %d %s\n%s", code, body, stderr)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if code, body := httpGet(t, base+"readyz"); code != 200 {
		t.Errorf("GET /readyz = %d %s, want 200", code, body)
	}
	// The dead-lettered counter is updated after the dead letter is
	// acknowledged, before the commit; poll for it too.
	var metrics string
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		_, metrics = httpGet(t, base+"metrics")
		// The indexed counter moves after the batch is searchable: poll it too.
		if strings.Contains(metrics, `xinfang_ingest_dead_lettered_total{reason="invalid_content",topic="pet"} 1`) &&
			strings.Contains(metrics, `xinfang_ingest_indexed_total{kind="petition"} 20`) {
			break
		}
	}
	for _, want := range []string{
		`xinfang_ingest_consumed_total{topic="pet"} 21`,
		`xinfang_ingest_indexed_total{kind="petition"} 20`,
		`xinfang_ingest_dead_lettered_total{reason="invalid_content",topic="pet"} 1`,
		`xinfang_kafka_consumer_lag{partition=`,
		`xinfang_ingest_newest_indexed_age_seconds `,
		`xinfang_ingest_retries_total 0`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q\n%s", want, grepLines(metrics, "xinfang_ingest_indexed"))
		}
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after cancel = %v, want nil\n%s", err, stderr)
		}
	case <-time.After(time.Minute):
		t.Fatal("serve did not stop within a minute")
	}
}

func TestServeKafkaFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"one topic", []string{"--topics", "petitions"}},
		{"same topic twice", []string{"--topics", "a,a"}},
		{"empty group", []string{"--group", ""}},
		{"bad batch", []string{"--index-batch", "0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"serve", "--data", t.TempDir(), "--kafka-brokers", "127.0.0.1:1"}, tc.args...)
			if _, err := runIngestCmd(t, "", args...); !errors.Is(err, errUsage) {
				t.Errorf("%v = %v, want errUsage", args, err)
			}
		})
	}
}

func TestBenchKafka(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes records through an in-process broker; skipped with -short")
	}
	var out, errb lockedBuffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	if err := run(context.Background(), e, []string{"bench", "kafka", "-n", "300", "--rate", "100", "--duration", "1s"}); err != nil {
		t.Fatalf("bench kafka: %v\n%s", err, errb.String())
	}
	for _, want := range []string{"throughput: 300 records produced → searchable", "freshness at", "p99"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
