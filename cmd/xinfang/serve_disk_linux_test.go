package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"golang.org/x/sys/unix"

	"github.com/xinfang/xinfang/ingest"
)

// TestServeLowDisk runs serve with its data on a small tmpfs and fills the
// disk under it: indexing pauses (records wait in Kafka), /readyz answers
// 503 saying the disk is low, searches go on; once space returns the
// waiting records are indexed by themselves, once each, and /readyz is 200.
func TestServeLowDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole server; skipped with -short")
	}
	data := t.TempDir()
	if err := unix.Mount("tmpfs", data, "tmpfs", 0, "size=48m"); err != nil {
		t.Skipf("cannot mount a tmpfs (%v); the low-disk test needs root", err)
	}
	defer unix.Unmount(data, unix.MNT_DETACH)

	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.GroupMinSessionTimeout(time.Second),
		kfake.SeedTopics(1, "pet", "bul", "pet.dlq", "bul.dlq"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	brokers := c.ListenAddrs()[0]
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, done, stderr := startServe(t, ctx, "--data", data, "--addr", "127.0.0.1:0", "--min-free-disk", "8",
		"--kafka-brokers", brokers, "--group", "g-disk", "--topics", "pet,bul")

	p, err := ingest.NewProducer(ingest.ProducerConfig{Brokers: []string{brokers}})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	publish := func(lo, hi int) {
		var msgs []ingest.Message
		for i := lo; i < hi; i++ {
			id := fmt.Sprintf("LD-%02d", i)
			v := fmt.Sprintf(`{"id":%q,"received_at":"2024-04-19T09:30:00+08:00","content":"27名农民工被拖欠工资58万元，多次讨要无果"}`, id)
			msgs = append(msgs, ingest.Message{Topic: "pet", Key: []byte(id), Value: []byte(v)})
		}
		if err := p.Publish(ctx, msgs...); err != nil {
			t.Fatal(err)
		}
	}
	total := func() int {
		code, body := httpGet(t, base+"api/v1/search?size=0")
		var r struct{ Total int }
		if code != 200 || json.Unmarshal([]byte(body), &r) != nil {
			t.Fatalf("search = %d %s, want 200 while the disk is low too", code, body)
		}
		return r.Total
	}
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(time.Minute); !ok(); time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("not %s after a minute\n%s", what, stderr)
			}
		}
	}

	publish(0, 20)
	waitFor("20 indexed", func() bool { return total() == 20 })

	// Leave 2 MiB, below the 8 kept free.
	var fs unix.Statfs_t
	if err := unix.Statfs(data, &fs); err != nil {
		t.Fatal(err)
	}
	ballast := filepath.Join(data, "ballast")
	if err := os.WriteFile(ballast, make([]byte, int64(fs.Bavail)*int64(fs.Bsize)-(2<<20)), 0o600); err != nil {
		t.Fatal(err)
	}
	publish(20, 40)
	var body string
	waitFor("unready", func() bool {
		var code int
		code, body = httpGet(t, base+"readyz")
		return code == 503
	})
	if !strings.Contains(body, "disk low") || strings.Count(body, "index:") != 1 {
		t.Errorf("/readyz body = %s, want the low disk named once", body)
	}
	time.Sleep(time.Second)
	if n := total(); n != 20 {
		t.Errorf("search total with the disk low = %d, want 20 (indexing paused)", n)
	}

	if err := os.Remove(ballast); err != nil {
		t.Fatal(err)
	}
	waitFor("40 indexed after space returned", func() bool { return total() == 40 })
	waitFor("ready again", func() bool { code, _ := httpGet(t, base+"readyz"); return code == 200 })
	if !strings.Contains(stderr.String(), "disk low") {
		t.Errorf("the log does not say the disk is low:\n%s", stderr)
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
