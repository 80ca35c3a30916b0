package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/fixtures"
	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/ingest"
	"github.com/xinfang/xinfang/ingest/crawl"
	"github.com/xinfang/xinfang/internal/gen"
	"github.com/xinfang/xinfang/internal/watch"
	"github.com/xinfang/xinfang/searchapi"
)

func init() {
	register(command{
		name:    "demo",
		summary: "run the whole pipeline on a synthetic office year: embedded Kafka, crawler, indexer, API and dashboard",
		run:     runDemo,
	})
}

// runDemo starts an embedded Kafka-protocol broker (kfake) and the fixture
// bulletin site with the office year's news pages, publishes the office
// year's petitions (gen.Office: the year up to now; with --fixtures the
// labeled corpora too) to the broker, crawls the site into the bulletins
// topic, and runs the indexer
// and the API exactly as `xinfang serve --kafka-brokers` does. Nothing has to
// be installed; Ctrl-C stops everything.
func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", "demo [--addr HOST:PORT] [--data DIR] [--generate N] [--fixtures]")
	addr := fs.String("addr", "127.0.0.1:8080", "address of the API and dashboard (port 0 picks a free one)")
	data := fs.String("data", "", "data directory (default: a temporary directory, removed on exit)")
	generate := fs.Int("generate", 2000, "petitions of the demo office's year (named respondents, dates up to today, a few percent high risk)")
	withFixtures := fs.Bool("fixtures", false, "also publish the labeled test corpora (fixtures/petitions_*.jsonl: a quarter high risk, placeholder respondents, 2023–2025)")
	logFormat := fs.String("log-format", "text", "log format on stderr: text or json")
	kafka := addKafkaFlags(fs)
	if err := parseConfigured(e, fs, args); err != nil {
		return err
	}
	if *generate < 0 {
		fmt.Fprintln(e.stderr, "xinfang demo: --generate must not be negative")
		return errUsage
	}
	start := time.Now()
	year := gen.Office(demoSeed, start, *generate)
	stage := func(format string, a ...any) {
		fmt.Fprintf(e.stdout, "[%5.1fs] %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, a...))
	}

	dir, cleanup, err := dataDir(*data, "xinfang-demo-")
	if err != nil {
		return err
	}
	defer cleanup()

	topics, err := kafka.topicNames()
	if err != nil {
		return err
	}
	cluster, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(3,
		topics.Petitions, topics.Bulletins, ingest.DeadLetterTopic(topics.Petitions), ingest.DeadLetterTopic(topics.Bulletins)))
	if err != nil {
		return fmt.Errorf("demo: start embedded Kafka: %w", err)
	}
	defer cluster.Close()
	brokers := cluster.ListenAddrs()
	stage("内置 Kafka 代理已启动 (kfake) embedded broker at %s", brokers[0])

	siteLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("demo: fixture site: %w", err)
	}
	site := &http.Server{Handler: demoSite(fixtures.SiteHandler(), year.Bulletins), ReadHeaderTimeout: 5 * time.Second}
	go site.Serve(siteLn)
	defer site.Close()
	siteURL := "http://" + siteLn.Addr().String() + "/"
	stage("示例公告站点已启动 fixture bulletin site at %s", siteURL)

	opts := serveOptions{
		data: dir, addr: *addr, kafkaBrokers: brokers, kafka: kafka,
		requestTimeout: searchapi.DefaultRequestTimeout, maxInFlight: searchapi.DefaultMaxInFlight,
		shutdownTimeout: 10 * time.Second, logFormat: *logFormat, minFreeDisk: index.DefaultMinFreeBytes >> 20,
	}
	if err := opts.validate(); err != nil {
		fmt.Fprintf(e.stderr, "xinfang demo: %v\n", err)
		return errUsage
	}
	listening := make(chan string, 1)
	opts.listening = func(a string) {
		stage("索引与 API 已启动 index and API listening on %s (data %s)", a, dir)
		listening <- a
	}
	opts.extra = func(parts serveParts) ([]runner, error) {
		var (
			mu  sync.Mutex
			err error
		)
		l := &demoLoader{brokers: brokers, topics: topics, siteURL: siteURL, dataDir: dir, petitions: year.Petitions, fixtures: *withFixtures, stage: stage, stdout: e.stdout, parts: parts}
		return []runner{{
			name: "demo loader",
			run: func(ctx context.Context) error {
				var a string
				select {
				case a = <-listening:
				case <-ctx.Done():
					return nil
				}
				lerr := l.run(ctx, a)
				mu.Lock()
				err = lerr
				mu.Unlock()
				if lerr != nil && ctx.Err() == nil {
					return lerr
				}
				return nil
			},
			ready: func() error {
				mu.Lock()
				defer mu.Unlock()
				return err
			},
		}}, nil
	}
	err = serve(ctx, e, opts)
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	stage("已停止 stopped")
	return err
}

// demoSeed gives the demo's office year the same matters and ids on every
// start; its dates follow the clock.
const demoSeed = 20241119

// demoLoader feeds the demo: petitions and bulletins through Kafka, then it
// waits until the index holds them all.
type demoLoader struct {
	brokers   []string
	topics    ingest.Topics
	siteURL   string
	dataDir   string
	petitions []xinfang.Record
	fixtures  bool // publish the labeled corpora too
	stage     func(format string, a ...any)
	stdout    io.Writer
	parts     serveParts
}

func (l *demoLoader) run(ctx context.Context, apiAddr string) error {
	prod, err := ingest.NewProducer(ingest.ProducerConfig{Brokers: l.brokers})
	if err != nil {
		return err
	}
	defer prod.Close()

	before, err := l.parts.store.Count()
	if err != nil {
		return err
	}
	if err := demoWatches(ctx, l.parts.watches); err != nil {
		return err
	}
	var msgs []ingest.Message
	if l.fixtures {
		fx, bad, err := fixtureMessages(l.topics)
		if err != nil {
			return err
		}
		if bad > 0 {
			return fmt.Errorf("demo: %d fixture records do not validate", bad)
		}
		msgs = fx
	}
	fixtureCount := len(msgs)
	for i := range l.petitions {
		rec := &l.petitions[i]
		msgs = append(msgs, ingest.Message{Topic: l.topics.Petitions, Key: []byte(rec.ID), Value: gen.AppendJSON(nil, rec)})
	}
	for i := 0; i < len(msgs); i += 500 {
		if err := prod.Publish(ctx, msgs[i:min(i+500, len(msgs))]...); err != nil {
			return fmt.Errorf("demo: publish petitions: %w", err)
		}
	}
	l.stage("已向 %q 发布 %d 条信访件 published %d petitions (%d of the office's year, %d fixtures)",
		l.topics.Petitions, len(msgs), len(msgs), len(l.petitions), fixtureCount)

	sink := publishSink{p: prod, topic: l.topics.Bulletins}
	sites, err := crawl.SitesFromSeeds([]string{l.siteURL, strings.TrimSuffix(l.siteURL, "/") + demoListPath})
	if err != nil {
		return err
	}
	for i := range sites {
		sites[i].Name = "示例站点"
		sites[i].Rate = -1 // a local site: politeness off
		sites[i].Parallelism = 4
	}
	c, err := crawl.New(crawl.Config{Sites: sites, StateDir: filepath.Join(l.dataDir, "crawl"), Timeout: 5 * time.Second, Retries: 1, RetryBase: 100 * time.Millisecond}, sink)
	if err != nil {
		return err
	}
	st, err := c.Run(ctx)
	if err != nil {
		return fmt.Errorf("demo: crawl: %w", err)
	}
	l.stage("已抓取示例站点 crawled %d pages: %d bulletins to %q, %d blocked by robots.txt, %d failed (the site's trap links)",
		st.Fetched, st.Emitted, l.topics.Bulletins, st.Disallowed, st.Failed)

	want := before + uint64(len(msgs)+st.Emitted)
	if before > 0 {
		// A kept data directory already holds some of these ids.
		want = uint64(len(msgs) + st.Emitted)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		n, err := l.parts.store.Count()
		if err != nil {
			return err
		}
		if n >= want {
			l.stage("索引完成 indexed %d documents", n)
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("demo: only %d of %d documents indexed after 2 minutes", n, want)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(100 * time.Millisecond):
		}
	}
	fmt.Fprintf(l.stdout, "\n  仪表盘 Dashboard:  http://%s/\n  API:              http://%s/api/v1/search?q=欠薪\n  按 Ctrl-C 停止 (Ctrl-C stops everything)\n\n", apiAddr, apiAddr)
	return nil
}

// fixtureMessages reads the embedded labeled petitions as messages for the
// petitions topic; bad is the number of lines that did not validate.
func fixtureMessages(topics ingest.Topics) (msgs []ingest.Message, bad int, err error) {
	fr, err := ingest.NewFileReader(bytes.NewReader(fixtures.PetitionsJSONL()), "fixtures/petitions.jsonl", ingest.FileOptions{Kind: xinfang.KindPetition})
	if err != nil {
		return nil, 0, err
	}
	for {
		it, err := fr.Next()
		if errors.Is(err, io.EOF) {
			return msgs, bad, nil
		}
		if err != nil {
			return nil, bad, err
		}
		if it.Err != nil {
			bad++
			continue
		}
		msgs = append(msgs, it.Message(topics, fmt.Sprintf("fixtures:%d", it.Line)))
	}
}

// demoWatches sets up two watches, unless the data directory has some, so
// that the 预警 inbox fills as the demo's records arrive: high-risk wage
// arrears, and any matter that comes back five times.
func demoWatches(ctx context.Context, svc *watch.Service) error {
	ws, err := svc.Watches(ctx)
	if err != nil || len(ws) > 0 {
		return err
	}
	for _, w := range []struct {
		w xinfang.Watch
		f xinfang.Filters
	}{
		{xinfang.Watch{Name: "欠薪（高风险）", Filters: map[string][]string{"category": {"wage_arrears"}, "risk_level": {"high"}}, Rule: xinfang.Rule{Type: xinfang.RuleMatch}},
			xinfang.Filters{Category: []string{"wage_arrears"}, RiskLevel: []string{"high"}}},
		{xinfang.Watch{Name: "同一事项反复信访", Rule: xinfang.Rule{Type: xinfang.RuleCluster, Count: 5}}, xinfang.Filters{}},
	} {
		if _, err := svc.Create(ctx, w.w, w.f); err != nil {
			return fmt.Errorf("demo: watch %s: %w", w.w.Name, err)
		}
	}
	return nil
}
