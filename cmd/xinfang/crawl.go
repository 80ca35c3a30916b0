package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/ingest"
	"github.com/xinfang/xinfang/ingest/crawl"
	"github.com/xinfang/xinfang/nlp"
)

func init() {
	register(command{
		name:    "crawl",
		summary: "crawl news and government sites for bulletins (JSONL, Kafka or the index)",
		run:     runCrawl,
	})
}

// seedList is a repeatable, comma-separated --seed flag.
type seedList []string

func (s *seedList) String() string { return strings.Join(*s, ",") }

func (s *seedList) Set(v string) error {
	*s = append(*s, splitList(v)...)
	return nil
}

// runCrawl crawls once. Bulletins go to --out as JSON Lines, or to the
// bulletins topic with --kafka-brokers, or else into the embedded index
// under --data. The crawl state is kept in DIR/crawl either way, so a second
// run emits only new and changed articles.
func runCrawl(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "crawl", "crawl (--seed URL... | --sites FILE) [--out FILE|-] [--kafka-brokers LIST] [--data DIR]")
	var seeds seedList
	fs.Var(&seeds, "seed", "start URL (repeatable or comma-separated); one site per host")
	sitesFile := fs.String("sites", "", "YAML file of sites (name, seeds, allowed_domains, list_pattern, article_pattern, selectors, rate, parallelism, max_depth)")
	out := fs.String("out", "", "append bulletins as JSON Lines to FILE (- for stdout) instead of indexing them")
	brokers := fs.String("kafka-brokers", "", "send bulletins to Kafka (comma-separated host:port)")
	topic := fs.String("topic", ingest.DefaultBulletinsTopic, "Kafka topic for bulletins")
	data := fs.String("data", "./data", "data directory (crawl state in DIR/crawl; index in DIR/index)")
	configFile := fs.String("config", "", "YAML config file (flags win over it, it wins over XINFANG_* variables)")
	rateFlag := fs.Float64("rate", 0, "requests per second per site for --seed sites (default 1; negative: no limit)")
	parallel := fs.Int("parallelism", 0, "concurrent requests per site for --seed sites (default 2)")
	depth := fs.Int("max-depth", 0, "link depth limit for --seed sites (default 10)")
	timeout := fs.Duration("timeout", 0, "per-request timeout (default 15s)")
	maxBody := fs.Int64("max-body", 0, "largest response body in bytes, after decompression (default 5 MiB)")
	retries := fs.Int("retries", 0, "retries of 5xx answers and timeouts (default 3; negative: none)")
	verbose := fs.Bool("v", false, "log every failed page to stderr")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "xinfang crawl: unexpected arguments %q\n", fs.Args())
		return errUsage
	}
	if err := loadConfig(e, fs, *configFile); err != nil {
		fmt.Fprintf(e.stderr, "xinfang crawl: %v\n", err)
		return errUsage
	}
	if (len(seeds) == 0) == (*sitesFile == "") {
		fmt.Fprintln(e.stderr, "xinfang crawl: give either --seed URL or --sites FILE")
		return errUsage
	}
	if *out != "" && *brokers != "" {
		fmt.Fprintln(e.stderr, "xinfang crawl: --out and --kafka-brokers exclude each other")
		return errUsage
	}

	var cfg crawl.Config
	if *sitesFile != "" {
		var err error
		if cfg, err = crawl.LoadConfig(*sitesFile); err != nil {
			return err
		}
	} else {
		sites, err := crawl.SitesFromSeeds(seeds)
		if err != nil {
			fmt.Fprintln(e.stderr, "xinfang crawl:", err)
			return errUsage
		}
		for i := range sites {
			sites[i].Rate, sites[i].Parallelism, sites[i].MaxDepth = *rateFlag, *parallel, *depth
		}
		cfg.Sites = sites
	}
	if cfg.StateDir == "" { // a sites file may name its own
		cfg.StateDir = filepath.Join(*data, "crawl")
	}
	if *timeout > 0 {
		cfg.Timeout = *timeout
	}
	if *maxBody > 0 {
		cfg.MaxBodyBytes = *maxBody
	}
	if *retries != 0 {
		cfg.Retries = *retries
	}
	level := slog.LevelError
	if *verbose {
		level = slog.LevelWarn
	}
	cfg.Logger = slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
	if f, ok := e.stderr.(*os.File); ok && isatty.IsTerminal(f.Fd()) && !*verbose {
		cfg.Progress = func(s crawl.Stats) {
			fmt.Fprintf(e.stderr, "\r已抓取 %d 页，发布 %d 条，未变 %d 页，失败 %d 页", s.Fetched+s.NotModified, s.Emitted, s.NotModified+s.Unchanged, s.Failed)
		}
	}

	var (
		sink   crawl.Sink
		finish func() error
		err    error
	)
	switch {
	case *out != "":
		sink, finish, err = jsonlSink(e, *out)
	case *brokers != "":
		sink, finish, err = kafkaSink(*brokers, *topic)
	default:
		sink, finish, err = indexSink(ctx, *data)
	}
	if err != nil {
		return err
	}
	c, err := crawl.New(cfg, sink)
	if err != nil {
		finish()
		return err
	}
	start := time.Now()
	stats, runErr := c.Run(ctx)
	finErr := finish()
	if cfg.Progress != nil {
		fmt.Fprintln(e.stderr)
	}
	fmt.Fprintf(e.stderr, "crawled %d pages in %s: %d bulletins emitted, %d not modified, %d unchanged, %d duplicates, %d blocked by robots.txt, %d failed\n",
		stats.Fetched+stats.NotModified, time.Since(start).Round(time.Millisecond), stats.Emitted,
		stats.NotModified, stats.Unchanged, stats.Duplicates, stats.Disallowed, stats.Failed)
	if !*verbose {
		for i, pe := range stats.Errors {
			if i == 10 {
				fmt.Fprintf(e.stderr, "  … %d more (run with -v to see all)\n", stats.Failed-10)
				break
			}
			fmt.Fprintf(e.stderr, "  %v\n", pe)
		}
	}
	if runErr != nil {
		return fmt.Errorf("crawl: %w", runErr)
	}
	return finErr
}

// jsonlWriter writes bulletins as JSON Lines; Emit is safe for concurrent
// use and each line is flushed, so a killed crawl loses no emitted line.
type jsonlWriter struct {
	mu  sync.Mutex
	w   *bufio.Writer
	enc *json.Encoder
}

func (j *jsonlWriter) Emit(_ context.Context, b xinfang.Bulletin) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if err := j.enc.Encode(b); err != nil {
		return err
	}
	return j.w.Flush()
}

func jsonlSink(e *env, name string) (crawl.Sink, func() error, error) {
	var w io.Writer = e.stdout
	closeFn := func() error { return nil }
	if name != "-" {
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err != nil {
			return nil, nil, fmt.Errorf("crawl: open --out %s: %w", name, err)
		}
		w, closeFn = f, f.Close
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	j := &jsonlWriter{w: bw, enc: enc}
	return j, func() error {
		j.mu.Lock()
		err := bw.Flush()
		j.mu.Unlock()
		return errors.Join(err, closeFn())
	}, nil
}

// publishSink sends each bulletin as one message keyed by its id.
type publishSink struct {
	p     ingest.Publisher
	topic string
}

func (s publishSink) Emit(ctx context.Context, b xinfang.Bulletin) error {
	v, err := json.Marshal(b)
	if err != nil {
		return err
	}
	return s.p.Publish(ctx, ingest.Message{Topic: s.topic, Key: []byte(b.ID), Value: v, Source: b.URL})
}

func kafkaSink(brokers, topic string) (crawl.Sink, func() error, error) {
	p, err := ingest.NewProducer(ingest.ProducerConfig{Brokers: splitList(brokers)})
	if err != nil {
		return nil, nil, err
	}
	return publishSink{p: p, topic: topic}, p.Close, nil
}

// indexSink indexes bulletins through the embedded pipeline into DIR/index.
func indexSink(ctx context.Context, data string) (crawl.Sink, func() error, error) {
	an, err := nlp.Default()
	if err != nil {
		return nil, nil, err
	}
	st, err := openIndex(data, an)
	if err != nil {
		return nil, nil, err
	}
	sink, closeWatches, err := watchedIndex(ctx, data, st, nil)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	var mu sync.Mutex
	var rejected []error
	q := ingest.NewQueue(sink, an, ingest.Options{
		Rejected: func(m ingest.Message, r *ingest.Rejection) {
			mu.Lock()
			rejected = append(rejected, fmt.Errorf("%s: %w", m.Source, r))
			mu.Unlock()
		},
	})
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	runErr := make(chan error, 1)
	go func() { runErr <- q.Run(runCtx) }()
	finish := func() error {
		q.Close()
		err := <-runErr
		cancel()
		mu.Lock()
		err = errors.Join(append([]error{err}, rejected...)...)
		mu.Unlock()
		return errors.Join(err, closeWatches(), st.Close())
	}
	return publishSink{p: q, topic: ingest.DefaultBulletinsTopic}, finish, nil
}
