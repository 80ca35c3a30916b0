package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/ingest"
	"github.com/xinfang/xinfang/internal/gen"
	"github.com/xinfang/xinfang/internal/watch"
	"github.com/xinfang/xinfang/nlp"
)

func init() {
	benchModes["watches"] = struct {
		summary string
		run     func(ctx context.Context, e *env, args []string) error
	}{"Kafka → index throughput without and with W watches, and Kafka → signed webhook latency p50/p99", benchWatches}
}

// benchWatches measures what watches cost on the Kafka path, in this
// process (an in-process broker, the consumer, analysis, on-disk indexes):
// the throughput of n records produced as fast as possible into a fresh
// index without watches, then into another with --watches watches whose
// webhooks a local receiver checks; then, on the second, a steady load of
// --rate records/s for --duration, and for each record that a match rule
// alerts, the time from its produce to its signed webhook's arrival.
// Records are received now (a live feed), as in production.
func benchWatches(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench watches", "bench watches [-n N] [--watches W] [--rate R] [--duration D]")
	n := fs.Int("n", 20000, "records of each throughput run")
	nw := fs.Int("watches", 100, "watches of the second run")
	rate := fs.Int("rate", 200, "records/s of the latency run (0 skips it)")
	dur := fs.Duration("duration", 20*time.Second, "length of the latency run")
	batch := fs.Int("batch", ingest.DefaultBatchSize, "largest index batch")
	hooks := fs.Bool("webhooks", true, "give the watches webhooks (a receiver in this process); false measures evaluation alone")
	rounds := fs.Int("rounds", 3, "throughput runs of each kind, alternated; the medians are reported")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *rounds < 1 {
		fmt.Fprintln(e.stderr, "xinfang bench watches: --rounds must be at least 1")
		return errUsage
	}
	dir, cleanup, err := dataDir("", "xinfang-bench-watches-")
	if err != nil {
		return err
	}
	defer cleanup()
	an, err := nlp.Default()
	if err != nil {
		return err
	}
	topics := func(run string) ingest.Topics {
		return ingest.Topics{Petitions: run + "-petitions", Bulletins: run + "-bulletins"}
	}
	var seed []string
	for r := range *rounds {
		for _, kind := range []string{"plain", "watched"} {
			t := topics(fmt.Sprintf("%s%d", kind, r))
			seed = append(seed, t.Petitions, t.Bulletins, ingest.DeadLetterTopic(t.Petitions), ingest.DeadLetterTopic(t.Bulletins))
		}
	}
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(3, seed...))
	if err != nil {
		return err
	}
	defer c.Close()
	brokers := c.ListenAddrs()
	prod, err := ingest.NewProducer(ingest.ProducerConfig{Brokers: brokers})
	if err != nil {
		return err
	}
	defer prod.Close()
	fmt.Fprintf(e.stdout, "watches bench: GOMAXPROCS %d, NumCPU %d, batch %d, %d records per run\n", runtime.GOMAXPROCS(0), runtime.NumCPU(), *batch, *n)

	g := gen.New(1)
	var produced sync.Map // id → time.Time of the latency run
	msg := func(t ingest.Topics, i int) ingest.Message {
		rec := g.Record(i)
		gen.Live(&rec, time.Now().Truncate(time.Second))
		return ingest.Message{Topic: t.Petitions, Key: []byte(rec.ID), Value: gen.AppendJSON(nil, &rec)}
	}

	// The receiver checks every signature and times the first arrival of
	// each record of the latency run.
	var mu sync.Mutex
	var lat []time.Duration
	var badSig, deliveries atomic.Int64
	// Each watch has its own path and secret.
	secretOf := func(path string) string { return "secret" + strings.TrimPrefix(path, "/hook") }
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		now := time.Now()
		body, _ := io.ReadAll(r.Body)
		var p watch.Payload
		if json.Unmarshal(body, &p) != nil || r.Header.Get(watch.SignatureHeader) != watch.Sign(secretOf(r.URL.Path), body) {
			badSig.Add(1)
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		deliveries.Add(1)
		if p.Rule.Type == xinfang.RuleMatch {
			for _, rec := range p.Records {
				if at, ok := produced.LoadAndDelete(rec.ID); ok {
					mu.Lock()
					lat = append(lat, now.Sub(at.(time.Time)))
					mu.Unlock()
				}
			}
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer hook.Close()

	type run struct {
		st      *index.Store
		svc     *watch.Service
		indexed atomic.Int64
		cancel  func()
		done    chan error
	}
	start := func(name string, withWatches bool) (*run, error) {
		r := &run{done: make(chan error, 2)}
		st, err := openIndex(filepath.Join(dir, name), an)
		if err != nil {
			return nil, err
		}
		r.st = st
		var sink ingest.Sink = st
		rctx, cancel := context.WithCancel(ctx)
		r.cancel = cancel
		if withWatches {
			if r.svc, err = watch.Open(filepath.Join(dir, name), st, watch.Options{}); err != nil {
				return nil, err
			}
			for i, w := range benchWatchSet(*nw) {
				if *hooks {
					path := fmt.Sprintf("/hook/%d", i)
					w.Webhook = &xinfang.Webhook{URL: hook.URL + path, Secret: secretOf(path)}
				}
				if _, err := r.svc.Create(ctx, w.Watch, w.f); err != nil {
					return nil, err
				}
			}
			sink = watch.Sink{Next: st, Watches: r.svc}
			go func() { r.done <- r.svc.Run(rctx) }()
		}
		cons, err := ingest.NewConsumer(ingest.ConsumerConfig{Brokers: brokers, GroupID: name,
			Options: ingest.Options{Topics: topics(name), BatchSize: *batch,
				Indexed: func(ms []ingest.Message) { r.indexed.Add(int64(len(ms))) }}}, sink, an)
		if err != nil {
			return nil, err
		}
		go func() { r.done <- cons.Run(rctx) }()
		return r, nil
	}
	stop := func(r *run) error {
		r.cancel()
		var errs []error
		for range map[bool]int{true: 2, false: 1}[r.svc != nil] {
			if err := <-r.done; err != nil && !errors.Is(err, context.Canceled) {
				errs = append(errs, err)
			}
		}
		if r.svc != nil {
			errs = append(errs, r.svc.Close())
		}
		return errors.Join(append(errs, r.st.Close())...)
	}
	wait := func(r *run, target int64) error {
		for deadline := time.Now().Add(10 * time.Minute); r.indexed.Load() < target; time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) || ctx.Err() != nil {
				return fmt.Errorf("only %d of %d records indexed", r.indexed.Load(), target)
			}
		}
		return nil
	}
	throughput := func(r *run, t ingest.Topics, from int) (float64, error) {
		t0 := time.Now()
		for i := from; i < from+*n; i += 1000 {
			chunk := make([]ingest.Message, 0, 1000)
			for j := i; j < min(i+1000, from+*n); j++ {
				chunk = append(chunk, msg(t, j))
			}
			if err := prod.Publish(ctx, chunk...); err != nil {
				return 0, err
			}
		}
		if err := wait(r, int64(*n)); err != nil {
			return 0, err
		}
		return float64(*n) / time.Since(t0).Seconds(), nil
	}

	// Alternate the two kinds of run so that a noisy neighbour hurts both.
	var rPlain, rWatched []float64
	var watched *run
	defer func() {
		if watched != nil {
			stop(watched)
		}
	}()
	for r := range *rounds {
		plain, err := start(fmt.Sprintf("plain%d", r), false)
		if err != nil {
			return err
		}
		rate, err := throughput(plain, topics(fmt.Sprintf("plain%d", r)), 0)
		if err != nil {
			return err
		}
		if err := stop(plain); err != nil {
			return err
		}
		rPlain = append(rPlain, rate)
		if watched != nil {
			if err := stop(watched); err != nil {
				return err
			}
		}
		if watched, err = start(fmt.Sprintf("watched%d", r), true); err != nil {
			return err
		}
		if rate, err = throughput(watched, topics(fmt.Sprintf("watched%d", r)), 0); err != nil {
			return err
		}
		rWatched = append(rWatched, rate)
		fmt.Fprintf(e.stdout, "  round %d: %.0f records/s without watches, %.0f with %d\n", r+1, rPlain[r], rWatched[r], *nw)
	}
	median := func(xs []float64) float64 {
		xs = slices.Clone(xs)
		slices.Sort(xs)
		return xs[len(xs)/2]
	}
	alerts, err := watched.svc.Alerts(ctx, xinfang.AlertFilter{Limit: 1000})
	if err != nil {
		return err
	}
	mp, mw := median(rPlain), median(rWatched)
	fmt.Fprintf(e.stdout, "throughput (median of %d): %.0f records/s without watches, %.0f with %d watches (%+.1f%%); %d+ alerts in the last run\n",
		*rounds, mp, mw, *nw, 100*(mw/mp-1), len(alerts))
	watchedTopics := topics(fmt.Sprintf("watched%d", *rounds-1))

	if *rate > 0 && *dur > 0 {
		total := int(float64(*rate) * dur.Seconds())
		base := watched.indexed.Load()
		t0 := time.Now()
		tick := time.NewTicker(10 * time.Millisecond)
		for sent := 0; sent < total; {
			<-tick.C
			due := min(total, int(time.Since(t0).Seconds()*float64(*rate)))
			var chunk []ingest.Message
			for i := sent; i < due; i++ {
				m := msg(watchedTopics, *n+i)
				produced.Store(string(m.Key), time.Now())
				chunk = append(chunk, m)
			}
			sent = due
			if len(chunk) > 0 {
				if err := prod.Publish(ctx, chunk...); err != nil {
					return err
				}
			}
		}
		tick.Stop()
		if err := wait(watched, base+int64(total)); err != nil {
			return err
		}
		time.Sleep(2 * time.Second) // the last deliveries
		mu.Lock()
		slices.Sort(lat)
		q := func(p float64) time.Duration {
			if len(lat) == 0 {
				return 0
			}
			return lat[max(int(math.Ceil(p*float64(len(lat))))-1, 0)]
		}
		fmt.Fprintf(e.stdout, "latency at %d records/s for %s: %d of %d records alerted by a match rule; produce → signed webhook p50 %s, p99 %s, max %s\n",
			*rate, *dur, len(lat), total, q(0.5).Round(time.Millisecond), q(0.99).Round(time.Millisecond), q(1).Round(time.Millisecond))
		mu.Unlock()
	}
	fmt.Fprintf(e.stdout, "deliveries %d, bad signatures %d\n", deliveries.Load(), badSig.Load())
	err = stop(watched)
	watched = nil
	return err
}

// benchWatch is a watch with its parsed filters.
type benchWatch struct {
	xinfang.Watch
	f xinfang.Filters
}

// benchWatchSet returns n watches like an office's: seven in ten match
// rules on a word (a third also on a 盟市, a third on high risk), the rest
// count, cluster and spike rules.
func benchWatchSet(n int) []benchWatch {
	words := []string{"工资", "拖欠", "噪音", "交房", "征收", "补偿", "物业", "社保", "停工", "包工头",
		"烂尾楼", "强拆", "安置房", "施工", "医疗事故", "预付卡", "草场", "养老保险", "劳动合同", "粉尘"}
	cities := []string{"呼和浩特市", "包头市", "乌海市", "赤峰市", "通辽市", "鄂尔多斯市", "呼伦贝尔市", "巴彦淖尔市", "乌兰察布市", "兴安盟", "锡林郭勒盟", "阿拉善盟"}
	out := make([]benchWatch, n)
	for i := range out {
		w := benchWatch{Watch: xinfang.Watch{Name: fmt.Sprintf("watch %d", i), Query: words[i%len(words)], Filters: map[string][]string{}}}
		switch i % 3 {
		case 1:
			c := cities[i%len(cities)]
			w.Filters["city"], w.f.City = []string{c}, []string{c}
		case 2:
			w.Filters["risk_level"], w.f.RiskLevel = []string{"high"}, []string{"high"}
		}
		switch i % 10 {
		case 7:
			w.Rule = xinfang.Rule{Type: xinfang.RuleCount, Count: 20, Window: "1d"}
		case 8:
			w.Rule = xinfang.Rule{Type: xinfang.RuleCluster, Count: 10}
		case 9:
			w.Rule = xinfang.Rule{Type: xinfang.RuleSpike}
		default:
			w.Rule = xinfang.Rule{Type: xinfang.RuleMatch}
		}
		out[i] = w
	}
	return out
}
