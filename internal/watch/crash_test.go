package watch

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
)

const (
	crashBatches   = 20
	crashBatchSize = 5
	childEnv       = "XINFANG_WATCH_CRASH_CHILD"
)

func crashBatch(k int) []xinfang.Document {
	docs := make([]xinfang.Document, crashBatchSize)
	for i := range docs {
		docs[i] = wage(fmt.Sprintf("B%02d-%d", k, i), "2024-04-01")
	}
	return docs
}

// TestCrashChild is the process that TestKill9NeitherLosesNorRepeats
// kills: it indexes the batches through the Sink, printing the number of
// each one acknowledged (the point a Kafka consumer would commit), until
// it is killed.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(childEnv)
	if dir == "" {
		t.Skip("run by TestKill9NeitherLosesNorRepeats")
	}
	h := openHarness(t, dir)
	for k := 1; k <= crashBatches; k++ {
		h.index(t, crashBatch(k)...)
		fmt.Printf("acked %d\n", k)
	}
	select {} // wait for the kill
}

// TestKill9NeitherLosesNorRepeats kills a process that indexes and alerts
// with SIGKILL at a random batch, then restarts from the last acknowledged
// batch as Kafka would redeliver: every record is alerted, and no record
// is in two alerts.
func TestKill9NeitherLosesNorRepeats(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	dir := t.TempDir()
	rv := newReceiver(t, "k")
	h := openHarness(t, dir)
	h.create(t, xinfang.Watch{Name: "欠薪", Query: "工资", Rule: xinfang.Rule{Type: xinfang.RuleMatch}, Webhook: &xinfang.Webhook{URL: rv.URL, Secret: "k"}})
	h.stop()

	killAt := 2 + time.Now().Nanosecond()%(crashBatches-4)
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.v")
	cmd.Env = append(os.Environ(), childEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := 0
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if n, ok := strings.CutPrefix(sc.Text(), "acked "); ok {
			acked, _ = strconv.Atoi(n)
			if acked == killAt {
				break
			}
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if acked != killAt {
		t.Fatalf("child acknowledged %d batches, want %d before the kill", acked, killAt)
	}

	h = openHarness(t, dir)
	for k := acked + 1; k <= crashBatches; k++ {
		h.index(t, crashBatch(k)...)
	}
	// Every record reaches the webhook; deliveries of one alert_id may
	// repeat, records across alert_ids may not.
	alertOf := map[string]string{}
	deadline := time.After(time.Minute)
	for len(alertOf) < crashBatches*crashBatchSize {
		select {
		case p := <-rv.got:
			for _, r := range p.Records {
				if prev, ok := alertOf[r.ID]; ok && prev != p.AlertID {
					t.Fatalf("record %s in alerts %s and %s", r.ID, prev, p.AlertID)
				}
				alertOf[r.ID] = p.AlertID
			}
		case <-deadline:
			t.Fatalf("after the kill at batch %d, %d of %d records reached the webhook", killAt, len(alertOf), crashBatches*crashBatchSize)
		}
	}
	seen := map[string]string{}
	for _, a := range h.alerts(t) {
		for _, r := range a.Records {
			if prev, ok := seen[r.ID]; ok {
				t.Errorf("record %s stored in alerts %s and %s", r.ID, prev, a.ID)
			}
			seen[r.ID] = a.ID
		}
	}
	if len(seen) != crashBatches*crashBatchSize {
		t.Errorf("%d records in stored alerts, want %d", len(seen), crashBatches*crashBatchSize)
	}
	t.Logf("killed after batch %d", killAt)
}
