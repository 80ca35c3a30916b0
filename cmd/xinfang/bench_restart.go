package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"slices"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/xinfang/xinfang/ingest"
	"github.com/xinfang/xinfang/internal/gen"
)

func init() {
	benchModes["restart"] = struct {
		summary string
		run     func(ctx context.Context, e *env, args []string) error
	}{"kill -9 and restart of serve with records waiting in Kafka: time to the first record indexed and to ready (median of rounds), every record once", benchRestart}
}

// benchRestart runs `xinfang serve` (this binary) as a child process
// consuming an in-process Kafka-protocol broker, fills its index, then
// produces records steadily while it kills the node with SIGKILL and
// restarts it, round after round. For each restart it reports the time from
// starting the process to the first new record searchable and to /readyz
// 200; at the end it checks that the index holds every record exactly once.
func benchRestart(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench restart", "bench restart [-n N] [--rounds R] [--rate R] [--down D] [--data DIR] [--serve-bin FILE] [--node-log FILE]")
	n := fs.Int("n", 20000, "records indexed before the first kill")
	rounds := fs.Int("rounds", 5, "kill -9 and restart rounds")
	rate := fs.Int("rate", 500, "records/s produced during the rounds")
	down := fs.Duration("down", time.Second, "how long the node stays dead in a round, while records pile up")
	up := fs.Duration("up", 2*time.Second, "how long the node runs after its first new record before the next kill")
	data := fs.String("data", "", "data directory of the node (default: a temporary directory, removed at the end)")
	seed := fs.Int64("seed", 1, "generator seed")
	serveBin := fs.String("serve-bin", "", "the xinfang binary run as the node (default: this one), e.g. an older build to compare")
	nodeLog := fs.String("node-log", "", "append the node's log (its stderr, every start) to this file, to see where a restart spends its time")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	bin := *serveBin
	if bin == "" {
		var err error
		if bin, err = os.Executable(); err != nil {
			return err
		}
	}
	dir, cleanup, err := dataDir(*data, "xinfang-bench-restart-")
	if err != nil {
		return err
	}
	defer cleanup()
	topics := ingest.Topics{}.Names()
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(3, topics[0], topics[1],
		ingest.DeadLetterTopic(topics[0]), ingest.DeadLetterTopic(topics[1])))
	if err != nil {
		return err
	}
	defer c.Close()
	brokers := c.ListenAddrs()[0]
	prod, err := ingest.NewProducer(ingest.ProducerConfig{Brokers: []string{brokers}})
	if err != nil {
		return err
	}
	defer prod.Close()
	g := gen.New(*seed)
	publish := func(lo, hi int) error {
		msgs := make([]ingest.Message, 0, hi-lo)
		for i := lo; i < hi; i++ {
			rec := g.Record(i)
			msgs = append(msgs, ingest.Message{Topic: topics[0], Key: []byte(rec.ID), Value: gen.AppendJSON(nil, &rec)})
		}
		return prod.Publish(ctx, msgs...)
	}
	for i := 0; i < *n; i += 1000 {
		if err := publish(i, min(i+1000, *n)); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "restart bench: GOMAXPROCS %d, NumCPU %d, %d records before the first kill, %d records/s during %d rounds, down %s\n",
		runtime.GOMAXPROCS(0), runtime.NumCPU(), *n, *rate, *rounds, *down)
	var logw io.Writer
	if *nodeLog != "" {
		f, err := os.OpenFile(*nodeLog, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
		if err != nil {
			return err
		}
		defer f.Close()
		logw = f
	}
	args = []string{"--data", dir, "--addr", "127.0.0.1:0", "--kafka-brokers", brokers, "--log-format", "text"}
	node, err := startServeProcLog(logw, bin, args...)
	if err != nil {
		return err
	}
	defer func() { node.kill() }()
	if err := waitTotal(ctx, node, *n); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "  %d records indexed\n", *n)

	// Records keep coming while the node dies and restarts.
	var produced atomic.Int64
	produced.Store(int64(*n))
	pctx, stopProducing := context.WithCancel(ctx)
	defer stopProducing()
	perr := make(chan error, 1)
	go func() {
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		start, sent := time.Now(), 0
		for {
			select {
			case <-pctx.Done():
				perr <- nil
				return
			case <-tick.C:
			}
			due := int(time.Since(start).Seconds() * float64(*rate))
			if due <= sent {
				continue
			}
			if err := publish(*n+sent, *n+due); err != nil && pctx.Err() == nil {
				perr <- err
				return
			}
			sent = due
			produced.Store(int64(*n + sent))
		}
	}()

	var first, ready, after []time.Duration
	for r := range *rounds {
		if !sleepCtx(ctx, *up) {
			return ctx.Err()
		}
		before, err := node.total()
		if err != nil {
			return err
		}
		node.kill()
		if !sleepCtx(ctx, *down) {
			return ctx.Err()
		}
		start := time.Now()
		if node, err = startServeProcLog(logw, bin, args...); err != nil {
			return err
		}
		readyc := make(chan time.Duration, 1)
		go func() {
			for ctx.Err() == nil {
				if code, err := node.getJSON("/readyz", nil); err == nil && code == http.StatusOK {
					readyc <- time.Since(start)
					return
				}
				time.Sleep(10 * time.Millisecond)
			}
			readyc <- 0
		}()
		if err := waitTotal(ctx, node, before+1); err != nil {
			return err
		}
		f := time.Since(start)
		rd := <-readyc
		first, ready, after = append(first, f), append(ready, rd), append(after, f-rd)
		fmt.Fprintf(e.stdout, "  round %d: %d searchable at the kill, %d waiting; first new record searchable %s after the restart, ready %s\n",
			r+1, before, produced.Load()-int64(before), f.Round(time.Millisecond), rd.Round(time.Millisecond))
	}
	stopProducing()
	if err := <-perr; err != nil {
		return fmt.Errorf("produce: %w", err)
	}
	want := int(produced.Load())
	if err := waitTotal(ctx, node, want); err != nil {
		return err
	}
	got, err := node.total()
	if err != nil {
		return err
	}
	slices.Sort(first)
	slices.Sort(ready)
	slices.Sort(after)
	fmt.Fprintf(e.stdout, "first record indexed after kill -9: median %s, max %s (%d rounds); ready: median %s, max %s; ready → first record: median %s\n",
		quantile(first, 0.5), quantile(first, 1), len(first), quantile(ready, 0.5), quantile(ready, 1), quantile(after, 0.5))
	fmt.Fprintf(e.stdout, "index holds %d documents of %d records produced (each record once: %v)\n", got, want, got == want)
	if got != want {
		return fmt.Errorf("bench restart: the index holds %d documents, %d records were produced", got, want)
	}
	return node.stop()
}

// waitTotal waits until node's search finds at least want documents. It
// gives up when the count has not grown for a minute.
func waitTotal(ctx context.Context, node *serveProc, want int) error {
	last, lastChange := -1, time.Now()
	for {
		got, err := node.total()
		if err == nil && got >= want {
			return nil
		}
		if got != last {
			last, lastChange = got, time.Now()
		}
		if time.Since(lastChange) > time.Minute {
			return fmt.Errorf("stuck at %d of %d documents for a minute (%v)\n%s", got, want, err, node.log)
		}
		if !sleepCtx(ctx, 10*time.Millisecond) {
			return ctx.Err()
		}
	}
}

// sleepCtx waits d or until ctx ends, and reports whether it waited all of d.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
