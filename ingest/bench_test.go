package ingest_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/fixtures"
	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/ingest"
	"github.com/xinfang/xinfang/nlp"
)

var (
	benchRecordsN = flag.Int("ingest.records", 20000, "records per iteration of BenchmarkKafkaThroughput")
	benchRate     = flag.Int("ingest.rate", 1000, "steady load of BenchmarkKafkaFreshness, records/s")
	benchBatch    = flag.Int("ingest.batch", 0, "batch size of the consumer (0: the default)")
	benchDuration = flag.Duration("ingest.duration", 10*time.Second, "length of the steady load of BenchmarkKafkaFreshness")
)

// corpusRecords returns n petition records as JSON, cycling through the
// labeled corpus with fresh ids prefix-0000000….
func corpusRecords(tb testing.TB, prefix string, n int) []ingest.Message {
	tb.Helper()
	labeled, err := fixtures.Petitions()
	if err != nil {
		tb.Fatal(err)
	}
	msgs := make([]ingest.Message, n)
	for i := range msgs {
		r := labeled[i%len(labeled)].Record
		r.ID = fmt.Sprintf("%s-%07d", prefix, i)
		v, err := json.Marshal(r)
		if err != nil {
			tb.Fatal(err)
		}
		msgs[i] = ingest.Message{Topic: ingest.DefaultPetitionsTopic, Key: []byte(r.ID), Value: v}
	}
	return msgs
}

// timingSink measures the time spent in the index.
type timingSink struct {
	s  ingest.Sink
	ns atomic.Int64
}

func (t *timingSink) Index(ctx context.Context, docs []xinfang.Document) error {
	start := time.Now()
	err := t.s.Index(ctx, docs)
	t.ns.Add(int64(time.Since(start)))
	return err
}

// cpuTime is the user+system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchEnv is a broker, a producer, an on-disk index and the analyzer.
type benchEnv struct {
	addr  string
	prod  *ingest.Producer
	store *index.Store
	sink  *timingSink
	an    *nlp.Analyzer
}

func newBenchEnv(b *testing.B, an *nlp.Analyzer) *benchEnv {
	b.Helper()
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(3, "petitions", "bulletins", "petitions.dlq", "bulletins.dlq"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(c.Close)
	addr := c.ListenAddrs()[0]
	prod, err := ingest.NewProducer(ingest.ProducerConfig{Brokers: []string{addr}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { prod.Close() })
	st, err := index.Open(filepath.Join(b.TempDir(), "index"), index.Options{CategoryLabel: an.CategoryLabel})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return &benchEnv{addr: addr, prod: prod, store: st, sink: &timingSink{s: st}, an: an}
}

// consume runs a consumer into the env's index; indexed is called after each
// durable batch. stop waits for it to finish.
func (e *benchEnv) consume(b *testing.B, indexed func([]ingest.Message)) (stop func()) {
	c, err := ingest.NewConsumer(ingest.ConsumerConfig{
		Brokers: []string{e.addr},
		Options: ingest.Options{Indexed: indexed, BatchSize: *benchBatch},
	}, e.sink, e.an)
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	return func() {
		cancel()
		if err := <-done; err != nil {
			b.Errorf("consumer: %v", err)
		}
	}
}

func (e *benchEnv) publish(b *testing.B, msgs []ingest.Message) {
	for chunk := range slices.Chunk(msgs, 1000) {
		if err := e.prod.Publish(context.Background(), chunk...); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKafkaThroughput measures records per second from Kafka to
// searchable in the on-disk index, analysis included: the records are in
// the topic before the timer starts, and the timer stops when the last
// batch is durable.
func BenchmarkKafkaThroughput(b *testing.B) {
	an, err := nlp.Default()
	if err != nil {
		b.Fatal(err)
	}
	n := *benchRecordsN
	msgs := corpusRecords(b, "TP", n)
	var size int64
	for _, m := range msgs {
		size += int64(len(m.Value))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	var total, cpu, inIndex time.Duration
	for range b.N {
		b.StopTimer()
		e := newBenchEnv(b, an)
		e.publish(b, msgs)
		var done atomic.Int64
		finished := make(chan struct{})
		start, cpu0 := time.Now(), cpuTime()
		b.StartTimer()
		stop := e.consume(b, func(ms []ingest.Message) {
			if done.Add(int64(len(ms))) == int64(n) {
				close(finished)
			}
		})
		<-finished
		b.StopTimer()
		total += time.Since(start)
		cpu += cpuTime() - cpu0
		inIndex += time.Duration(e.sink.ns.Load())
		stop()
		if got, err := e.store.Count(); err != nil || got != uint64(n) {
			b.Fatalf("index holds %d documents (%v), want %d", got, err, n)
		}
	}
	b.ReportMetric(float64(n*b.N)/total.Seconds(), "records/s")
	// On a shared machine the wall-clock rate depends on the neighbours;
	// records per CPU-second and the share of the time spent in the index
	// say where the cost is.
	b.ReportMetric(float64(n*b.N)/cpu.Seconds(), "records/cpu-s")
	b.ReportMetric(100*inIndex.Seconds()/total.Seconds(), "%in-index")
}

// BenchmarkKafkaFreshness measures, under a steady load of -ingest.rate
// records/s, the time from produce (the Kafka timestamp) to searchable (the
// batch holding the record is durable), and reports its p50, p99 and max.
func BenchmarkKafkaFreshness(b *testing.B) {
	an, err := nlp.Default()
	if err != nil {
		b.Fatal(err)
	}
	rate, dur := *benchRate, *benchDuration
	const tick = 10 * time.Millisecond
	n := max(1, int(float64(rate)*dur.Seconds()))
	msgs := corpusRecords(b, "FR", n)
	var mu sync.Mutex
	var lat []time.Duration
	var loadTime time.Duration
	for range b.N {
		b.StopTimer()
		e := newBenchEnv(b, an)
		var done atomic.Int64
		finished := make(chan struct{})
		stop := e.consume(b, func(ms []ingest.Message) {
			now := time.Now()
			mu.Lock()
			for _, m := range ms {
				lat = append(lat, now.Sub(m.Time))
			}
			mu.Unlock()
			if done.Add(int64(len(ms))) == int64(n) {
				close(finished)
			}
		})
		b.StartTimer()
		start := time.Now()
		t := time.NewTicker(tick)
		var wg sync.WaitGroup
		sem := make(chan struct{}, 16)
		for sent := 0; sent < n; {
			<-t.C
			// Send what is due by now, so that late ticks keep the rate.
			due := min(n, int(time.Since(start).Seconds()*float64(rate)))
			if due <= sent {
				continue
			}
			chunk := msgs[sent:due]
			sent = due
			sem <- struct{}{}
			// Publish stamps each message with the time of the call; the
			// calls overlap so that a slow one does not slow the load.
			wg.Go(func() {
				defer func() { <-sem }()
				if err := e.prod.Publish(context.Background(), chunk...); err != nil {
					b.Error(err)
				}
			})
		}
		t.Stop()
		wg.Wait()
		loadTime += time.Since(start)
		<-finished
		b.StopTimer()
		stop()
	}
	slices.Sort(lat)
	q := func(p float64) float64 {
		i := int(math.Ceil(p*float64(len(lat)))) - 1
		return lat[max(i, 0)].Seconds() * 1000
	}
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
	b.ReportMetric(q(1), "max-ms")
	b.ReportMetric(float64(n*b.N)/loadTime.Seconds(), "load-records/s")
}
