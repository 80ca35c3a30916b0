package main

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/ingest"
	"github.com/xinfang/xinfang/internal/gen"
	"github.com/xinfang/xinfang/nlp"
)

func init() {
	benchModes["kafka"] = struct {
		summary string
		run     func(ctx context.Context, e *env, args []string) error
	}{"Kafka → index throughput (records/s, produce to searchable) and freshness p50/p99 under steady load", benchKafka}
}

// benchKafka measures the Kafka path end to end, in this process: a
// producer, a broker (an in-process Kafka-protocol broker unless
// --kafka-brokers names a real one), the consumer, analysis and the on-disk
// index. First throughput: n records produced as fast as possible, timed
// from the first produce to the last record durable in the index. Then
// freshness: a steady load of --rate records/s for --duration, and for each
// record the time from its produce (Kafka timestamp) to its batch being
// durable. With --query-clients, that many closed-loop clients search the
// same index meanwhile (searches with facets, the risk board, trends), as
// the dashboards of a busy office would, and their latency is reported too.
func benchKafka(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench kafka", "bench kafka [-n N] [--rate R] [--duration D] [--query-clients Q] [--kafka-brokers B] [--data DIR]")
	n := fs.Int("n", 50000, "records of the throughput run")
	rate := fs.Int("rate", 1000, "records/s of the freshness run (0 skips it)")
	dur := fs.Duration("duration", 20*time.Second, "length of the freshness run")
	brokers := fs.String("kafka-brokers", "", "Kafka brokers (default: an in-process broker); the topics get a unique prefix")
	data := fs.String("data", "", "data directory for the index (default: a temporary directory, removed at the end)")
	batch := fs.Int("batch", ingest.DefaultBatchSize, "largest index batch")
	seed := fs.Int64("seed", 1, "generator seed")
	clients := fs.Int("query-clients", 0, "closed-loop query clients searching during the freshness run")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	dir, cleanup, err := dataDir(*data, "xinfang-bench-kafka-")
	if err != nil {
		return err
	}
	defer cleanup()
	prefix := fmt.Sprintf("bench%d-", time.Now().UnixNano())
	topics := ingest.Topics{Petitions: prefix + "petitions", Bulletins: prefix + "bulletins"}
	bs := splitList(*brokers)
	if len(bs) == 0 {
		c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.AllowAutoTopicCreation(),
			kfake.SeedTopics(3, topics.Petitions, topics.Bulletins,
				ingest.DeadLetterTopic(topics.Petitions), ingest.DeadLetterTopic(topics.Bulletins)))
		if err != nil {
			return err
		}
		defer c.Close()
		bs = c.ListenAddrs()
	}
	an, err := nlp.Default()
	if err != nil {
		return err
	}
	st, err := openIndex(dir, an)
	if err != nil {
		return err
	}
	defer st.Close()
	prod, err := ingest.NewProducer(ingest.ProducerConfig{Brokers: bs})
	if err != nil {
		return err
	}
	defer prod.Close()

	// One consumer for both runs; the Indexed hook timestamps each record.
	var mu sync.Mutex
	var lat []time.Duration
	var indexed atomic.Int64
	progress := make(chan struct{}, 1)
	c, err := ingest.NewConsumer(ingest.ConsumerConfig{
		Brokers: bs, GroupID: prefix + "indexer",
		Options: ingest.Options{Topics: topics, BatchSize: *batch, Indexed: func(ms []ingest.Message) {
			now := time.Now()
			mu.Lock()
			for _, m := range ms {
				lat = append(lat, now.Sub(m.Time))
			}
			mu.Unlock()
			indexed.Add(int64(len(ms)))
			select {
			case progress <- struct{}{}:
			default:
			}
		}},
	}, st, an)
	if err != nil {
		return err
	}
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cdone := make(chan error, 1)
	go func() { cdone <- c.Run(cctx) }()
	g := gen.New(*seed)
	msg := func(i int) ingest.Message {
		rec := g.Record(i)
		return ingest.Message{Topic: topics.Petitions, Key: []byte(rec.ID), Value: gen.AppendJSON(nil, &rec)}
	}
	waitFor := func(target int64) error {
		for indexed.Load() < target {
			select {
			case <-progress:
			case <-time.After(time.Second):
			case err := <-cdone:
				return fmt.Errorf("consumer stopped: %v", err)
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	}

	fmt.Fprintf(e.stdout, "kafka bench: brokers %v, GOMAXPROCS %d, NumCPU %d, batch %d, index %s\n",
		bs, runtime.GOMAXPROCS(0), runtime.NumCPU(), *batch, dir)
	// Throughput.
	start := time.Now()
	go func() {
		var chunk []ingest.Message
		for i := range *n {
			chunk = append(chunk, msg(i))
			if len(chunk) == 1000 || i == *n-1 {
				if err := prod.Publish(cctx, chunk...); err != nil {
					fmt.Fprintf(e.stderr, "publish: %v\n", err)
					cancel()
					return
				}
				chunk = chunk[:0]
			}
		}
		fmt.Fprintf(e.stdout, "  produced %d records in %s\n", *n, time.Since(start).Round(time.Millisecond))
	}()
	if err := waitFor(int64(*n)); err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Fprintf(e.stdout, "throughput: %d records produced → searchable in %s: %.0f records/s\n",
		*n, el.Round(time.Millisecond), float64(*n)/el.Seconds())

	// Freshness under steady load.
	if *rate > 0 && *dur > 0 {
		mu.Lock()
		lat = lat[:0]
		mu.Unlock()
		total := int(float64(*rate) * dur.Seconds())
		base := int64(indexed.Load())
		qctx, stopQueries := context.WithCancel(cctx)
		queries := startQueryClients(qctx, st, *clients)
		start := time.Now()
		tick := time.NewTicker(10 * time.Millisecond)
		var wg sync.WaitGroup
		sem := make(chan struct{}, 16)
		for sent := 0; sent < total; {
			<-tick.C
			due := min(total, int(time.Since(start).Seconds()*float64(*rate)))
			if due <= sent {
				continue
			}
			chunk := make([]ingest.Message, 0, due-sent)
			for i := sent; i < due; i++ {
				chunk = append(chunk, msg(*n+i))
			}
			sent = due
			sem <- struct{}{}
			wg.Go(func() {
				defer func() { <-sem }()
				if err := prod.Publish(cctx, chunk...); err != nil {
					fmt.Fprintf(e.stderr, "publish: %v\n", err)
				}
			})
		}
		tick.Stop()
		wg.Wait()
		load := float64(total) / time.Since(start).Seconds()
		if err := waitFor(base + int64(total)); err != nil {
			stopQueries()
			return err
		}
		stopQueries()
		qs, qerrs := queries()
		mu.Lock()
		slices.Sort(lat)
		fmt.Fprintf(e.stdout, "freshness at %.0f records/s for %s (%d records): produce → searchable p50 %s, p99 %s, max %s\n",
			load, *dur, len(lat), quantile(lat, 0.5), quantile(lat, 0.99), quantile(lat, 1))
		mu.Unlock()
		if *clients > 0 {
			fmt.Fprintf(e.stdout, "queries meanwhile: %d clients, %d requests (%.0f/s), %d failed, latency p50 %s, p99 %s\n",
				*clients, len(qs), float64(len(qs))/time.Since(start).Seconds(), qerrs, quantile(qs, 0.5), quantile(qs, 0.99))
		}
	}
	cancel()
	if err := <-cdone; err != nil {
		return err
	}
	return st.Close()
}

// startQueryClients runs n closed-loop clients against st until ctx ends;
// the returned func waits for them and gives their sorted latencies and the
// number of failed requests.
func startQueryClients(ctx context.Context, st *index.Store, n int) func() ([]time.Duration, int) {
	words := []string{"工资", "拖欠", "小区", "补偿", "噪声", "开发商", "物业", "施工"}
	var mu sync.Mutex
	var lat []time.Duration
	var failed int
	var wg sync.WaitGroup
	for c := range n {
		wg.Go(func() {
			for i := c; ctx.Err() == nil; i++ {
				w := words[i%len(words)]
				t0 := time.Now()
				var err error
				switch i % 4 {
				case 0, 1:
					_, err = st.Search(ctx, xinfang.SearchRequest{Query: w, Size: 20})
				case 2:
					_, err = st.Risks(ctx, xinfang.RiskRequest{Size: 20})
				default:
					_, err = st.Trends(ctx, xinfang.TrendRequest{Query: w})
				}
				d := time.Since(t0)
				mu.Lock()
				if err != nil {
					if ctx.Err() == nil {
						failed++
					}
				} else {
					lat = append(lat, d)
				}
				mu.Unlock()
			}
		})
	}
	return func() ([]time.Duration, int) {
		wg.Wait()
		slices.Sort(lat)
		return lat, failed
	}
}

// quantile returns the p-quantile of the sorted xs, rounded to the
// millisecond.
func quantile(xs []time.Duration, p float64) time.Duration {
	if len(xs) == 0 {
		return 0
	}
	return xs[max(int(math.Ceil(p*float64(len(xs))))-1, 0)].Round(time.Millisecond)
}
