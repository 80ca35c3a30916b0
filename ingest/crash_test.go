package ingest_test

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/ingest"
)

var (
	crashRecords = flag.Int("ingest.crash.records", 50000, "records streamed in TestCrashRecovery")
	crashKills   = flag.Int("ingest.crash.kills", 3, "kill -9 of the serve process in TestCrashRecovery")
)

// node is one `xinfang serve` process.
type node struct {
	cmd  *exec.Cmd
	addr string // host:port of its HTTP server
	done chan error
	log  *syncBuffer
}

// syncBuffer keeps the tail of a process's stderr for failure reports.
type syncBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if len(b.buf) > 64<<10 {
		b.buf = b.buf[len(b.buf)-32<<10:]
	}
	return len(p), nil
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}

// startNode starts `xinfang serve` on data with the Kafka consumer and waits
// for its HTTP address.
func startNode(t *testing.T, bin, data, brokers string) *node {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--data", data, "--addr", "127.0.0.1:0",
		"--kafka-brokers", brokers, "--log-format", "text")
	cmd.Env = append(os.Environ(), "XINFANG_CONFIG=")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	n := &node{cmd: cmd, done: make(chan error, 1), log: &syncBuffer{}}
	cmd.Stderr = n.log
	if err := cmd.Start(); err != nil {
		t.Fatalf("start serve: %v", err)
	}
	addrc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			// "xinfang: serving on http://127.0.0.1:PORT/ (index …)"
			if _, rest, ok := strings.Cut(sc.Text(), "serving on http://"); ok {
				addr, _, _ := strings.Cut(rest, "/")
				addrc <- addr
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	go func() { n.done <- cmd.Wait() }()
	select {
	case n.addr = <-addrc:
	case err := <-n.done:
		t.Fatalf("serve exited before serving: %v\n%s", err, n.log)
	case <-time.After(startWithin):
		cmd.Process.Kill()
		t.Fatalf("serve did not start within %s\n%s", startWithin, n.log)
	}
	return n
}

// kill stops the node with SIGKILL: no drain, no commit, no index close.
func (n *node) kill(t *testing.T) {
	t.Helper()
	n.cmd.Process.Signal(syscall.SIGKILL)
	<-n.done
}

// stop stops the node with SIGTERM and checks it exits cleanly.
func (n *node) stop(t *testing.T) {
	t.Helper()
	n.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-n.done:
		if err != nil {
			t.Errorf("serve exit after SIGTERM: %v\n%s", err, n.log)
		}
	case <-time.After(startWithin):
		n.cmd.Process.Kill()
		t.Errorf("serve did not stop within %s of SIGTERM\n%s", startWithin, n.log)
	}
}

// total asks the node's search API how many documents it holds.
func (n *node) total() (int, error) {
	resp, err := http.Get("http://" + n.addr + "/api/v1/search?size=0")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var r struct {
		Total int `json:"total"`
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("search: %s", resp.Status)
	}
	return r.Total, json.NewDecoder(resp.Body).Decode(&r)
}

// startWithin bounds a node's start and stop, and stuckFor the time
// waitSearchable lets the count stand still. A restart after kill -9
// rebuilds the columns of the documents indexed since the last column file
// and reloads the analyzer: 15–25 s at load 12 on 2 cores, so at load 20 it
// may pass a minute.
const startWithin, stuckFor = 3 * time.Minute, 3 * time.Minute

// waitSearchable waits until the node holds at least want documents. It
// fails when the count stops growing for stuckFor, not after a fixed time,
// so that a slow machine is not mistaken for a stuck one.
func waitSearchable(t *testing.T, nd *node, want int) {
	t.Helper()
	last, lastChange := -1, time.Now()
	for {
		got, err := nd.total()
		if err == nil && got >= want {
			return
		}
		if got != last {
			last, lastChange = got, time.Now()
		}
		if time.Since(lastChange) > stuckFor {
			t.Fatalf("stuck at %d of %d documents for %s (%v)\n%s", got, want, stuckFor, err, nd.log)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestCrashRecovery streams records through Kafka into a separate `xinfang
// serve` process, kills it with SIGKILL at random points and restarts it,
// then checks that every record is in the index exactly once: nothing
// indexed is lost, nothing is doubled, and the group's committed offsets
// (a copy of the index's checkpoint) reach the end.
func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: builds the binary and streams records (skipped with -short)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "xinfang")
	build := exec.Command("go", "build", "-o", bin, "github.com/xinfang/xinfang/cmd/xinfang")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.GroupMinSessionTimeout(time.Second),
		kfake.SeedTopics(3, "petitions", "bulletins", "petitions.dlq", "bulletins.dlq"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	brokers := c.ListenAddrs()[0]
	data := filepath.Join(dir, "data")

	n := *crashRecords
	msgs := corpusRecords(t, "CR", n)
	poison := []ingest.Message{
		{Topic: "petitions", Key: []byte("CR-BAD-1"), Value: []byte(`{"id":"CR-BAD-1","content":"x","headcount":"many"}`)},
		{Topic: "petitions", Key: []byte("CR-BAD-2"), Value: []byte(`not json`)},
	}
	// Stream the records in while the node is being killed and restarted.
	prod, err := ingest.NewProducer(ingest.ProducerConfig{Brokers: []string{brokers}})
	if err != nil {
		t.Fatal(err)
	}
	defer prod.Close()
	produced := make(chan error, 1)
	go func() {
		for i := 0; i < len(msgs); i += 1000 {
			chunk := msgs[i:min(i+1000, len(msgs))]
			if i == len(msgs)/2/1000*1000 {
				chunk = append(append([]ingest.Message{}, chunk...), poison...)
			}
			if err := prod.Publish(context.Background(), chunk...); err != nil {
				produced <- err
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		produced <- nil
	}()

	nd := startNode(t, bin, data, brokers)
	kills := *crashKills
	for k := range kills {
		// Kill at random points spread over the run, while records flow:
		// when the index holds about k+1/(kills+1) of them, plus a random
		// part of a batch cycle.
		at := n*(k+1)/(kills+1) + rand.IntN(n/(4*(kills+1))+1) - n/(8*(kills+1))
		waitSearchable(t, nd, at)
		time.Sleep(time.Duration(rand.IntN(300)) * time.Millisecond)
		before, _ := nd.total()
		nd.kill(t)
		t.Logf("kill -9 #%d with %d documents searchable", k+1, before)
		start := time.Now()
		nd = startNode(t, bin, data, brokers)
		// Records keep coming: the restarted node indexes new ones as soon
		// as it has read its checkpoint, without waiting on a group. The
		// time is logged; the target is measured by xinfang bench restart.
		if before >= n {
			continue
		}
		waitSearchable(t, nd, before+1)
		t.Logf("restart #%d: first new record searchable %s after the process started", k+1, time.Since(start).Round(time.Millisecond))
	}
	if err := <-produced; err != nil {
		t.Fatalf("produce: %v", err)
	}
	waitSearchable(t, nd, n)
	nd.stop(t)

	// The last node drained and committed: the group is at the end.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	resp, err := (&kafka.Client{Addr: kafka.TCP(brokers)}).OffsetFetch(ctx, &kafka.OffsetFetchRequest{
		GroupID: ingest.DefaultGroupID, Topics: map[string][]int{"petitions": {0, 1, 2}},
	})
	if err != nil {
		t.Fatalf("OffsetFetch: %v", err)
	}
	var committedTotal int64
	for _, p := range resp.Topics["petitions"] {
		committedTotal += p.CommittedOffset
	}
	if want := int64(n + len(poison)); committedTotal != want {
		t.Errorf("committed offsets sum to %d, want %d (every message)", committedTotal, want)
	}

	// Every poison message is in the dead-letter topic (perhaps twice: a
	// kill between the dead-letter write and the commit repeats it).
	dead := map[string]bool{}
	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers), kgo.ConsumeTopics("petitions.dlq"),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	for len(dead) < len(poison) && ctx.Err() == nil {
		cl.PollFetches(ctx).EachRecord(func(r *kgo.Record) { dead[string(r.Key)] = true })
	}
	for _, p := range poison {
		if !dead[string(p.Key)] {
			t.Errorf("poison message %s not in petitions.dlq", p.Key)
		}
	}

	st, err := index.Open(filepath.Join(data, "index"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	count, err := st.Count()
	if err != nil {
		t.Fatal(err)
	}
	if count != uint64(n) {
		t.Errorf("index holds %d documents, want %d", count, n)
	}
	missing := 0
	for _, m := range msgs {
		d, err := st.Get(context.Background(), string(m.Key))
		if err != nil || d.ID != string(m.Key) {
			if missing++; missing <= 5 {
				t.Errorf("Get(%s) = %q, %v", m.Key, d.ID, err)
			}
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d records missing from the index", missing, n)
	}
}
