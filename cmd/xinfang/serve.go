package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"golang.org/x/sync/errgroup"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/ingest"
	"github.com/xinfang/xinfang/internal/watch"
	"github.com/xinfang/xinfang/nlp"
	"github.com/xinfang/xinfang/searchapi"
)

func init() {
	register(command{name: "serve", summary: "serve the search API and the dashboard over HTTP", run: runServe})
}

// serveOptions are the settings of `xinfang serve` after flags, config file
// and environment.
type serveOptions struct {
	data           string
	addr           string
	kafkaBrokers   []string
	kafka          *kafkaFlags // the consumer's other flags (serve_kafka.go)
	crawl          *crawlFlags // scheduled crawls (serve_crawl.go)
	requestTimeout time.Duration
	maxInFlight    int
	// maxPerClient, bodyTimeout, expensivePostings and expensiveSlots
	// keep one client from starving the others (searchapi/limits.go).
	maxPerClient      int
	bodyTimeout       time.Duration
	rateLimit         float64 // requests per second per client; 0: off
	rateBurst         int
	expensivePostings int64
	expensiveSlots    int
	shutdownTimeout   time.Duration
	logFormat         string
	// minFreeDisk is --min-free-disk in MiB; 0 turns the check off.
	minFreeDisk int
	// principals is the --principals file: callers with bearer tokens and
	// roles; with it (or a trusted proxy) every data route needs a
	// credential and each request is audited to DATA/audit.jsonl.
	principals string
	// concepts is the --concepts file replacing the embedded concept table.
	concepts string
	// recordKey seals full records at rest (--record-key); nil keeps
	// masked records only.
	recordKey []byte
	// trustedProxies are the source networks of a reverse proxy whose
	// user and roles headers are believed.
	trustedProxies []netip.Prefix
	proxyUser      string
	proxyRoles     string
	// corsOrigins may call the API from a browser (--cors-origins).
	corsOrigins []string
	// noAuth allows a non-loopback address without access control.
	noAuth bool
	// extra adds runners next to the intake (the demo's loader); nil adds none.
	extra func(parts serveParts) ([]runner, error)
	// listening, when set, is told the address once the API listens,
	// instead of the "serving on" line.
	listening func(addr string)
}

// segmenterCacheFile, in the data directory, holds the built segmenter
// (nlp.SetSegmenterCache).
const segmenterCacheFile = "segmenter.cache"

// runner is a long-running part of the serve process. It runs until ctx is
// cancelled and then returns nil after a clean stop, or an error that stops
// the whole process.
type runner struct {
	name string
	run  func(ctx context.Context) error
	// ready, when set, joins /readyz: the node is ready only while every
	// runner's ready returns nil.
	ready func() error
}

// serveParts is what the intake wiring may use: the open index, the
// analyzer, the metrics registry and the API server (for CountIndexed).
type serveParts struct {
	opts    serveOptions
	store   *index.Store
	watches *watch.Service
	// sink indexes a batch and then raises the watches' alerts on it:
	// what every intake path feeds.
	sink ingest.Sink
	an   *nlp.Analyzer
	reg  *prometheus.Registry
	api  *searchapi.Server
	log  *slog.Logger
}

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "serve [flags]")
	data := fs.String("data", "./data", "data directory (the index is in DIR/index)")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	brokers := fs.String("kafka-brokers", "", "consume the petitions and bulletins topics from these Kafka brokers (comma-separated host:port); absent: serve the index only")
	configFile := fs.String("config", "", "YAML config file (flags win over it, it wins over XINFANG_* variables)")
	reqTimeout := fs.Duration("request-timeout", searchapi.DefaultRequestTimeout, "time limit of one API request")
	maxInFlight := fs.Int("max-inflight", searchapi.DefaultMaxInFlight, "API requests served at once; more get 503")
	maxPerClient := fs.Int("max-per-client", 0, "API requests of one client (principal, or address when anonymous) served at once; more get 429 (default: a quarter of --max-inflight)")
	rateLimit := fs.Float64("rate-limit", 0, "API requests per second one client (principal, or address when anonymous) may send on average; beyond, 429 with Retry-After, audited (0: no limit)")
	rateBurst := fs.Int("rate-burst", 0, "API requests one client may send at once within --rate-limit (default: --rate-limit rounded up)")
	corsOrigins := fs.String("cors-origins", "", "comma-separated origins (scheme://host[:port]) of dashboards served elsewhere that may call the API from a browser; none by default")
	bodyTimeout := fs.Duration("body-timeout", searchapi.DefaultBodyTimeout, "time to receive a request body, read before the request takes an in-flight slot; slower bodies get 408")
	expensivePostings := fs.Int64("expensive-postings", index.DefaultExpensivePostings, "postings of its quoted words from which a phrase search is expensive (negative: no budget)")
	expensiveSlots := fs.Int("expensive-slots", 0, "expensive phrase searches run at once, one per client, each on one core; more are refused at once with 429 and Retry-After (default: half the CPUs, at least 1)")
	shutdownTimeout := fs.Duration("shutdown-timeout", 10*time.Second, "time given to in-flight requests on shutdown")
	logFormat := fs.String("log-format", "text", "log format on stderr: text or json")
	minFreeDisk := fs.Int("min-free-disk", index.DefaultMinFreeBytes>>20, "MiB kept free on the file system of --data: below it indexing pauses without committing (/readyz 503 says why) while reads go on, and resumes by itself; 0 turns the check off")
	principalsFile := fs.String("principals", "", "YAML list of principals {name, token_sha256, roles} (roles: viewer, analyst, identity, admin, metrics); with it every route but /healthz, /readyz and the dashboard's files needs a bearer token and the route's role, and every read and refusal is audited to DATA/audit.jsonl; absent: open, loopback only")
	recordKey := addRecordKeyFlag(fs)
	concepts := fs.String("concepts", "", "YAML concept table for query expansion, replacing the embedded one (see index/concepts.yaml); read again when it changes")
	trusted := fs.String("trusted-proxy", "", "comma-separated networks (CIDR or address) of a reverse proxy whose --proxy-user-header and --proxy-roles-header are believed; from anywhere else those headers are refused")
	proxyUser := fs.String("proxy-user-header", searchapi.DefaultProxyUserHeader, "header naming the user, set by the trusted proxy")
	proxyRoles := fs.String("proxy-roles-header", searchapi.DefaultProxyRolesHeader, "header listing the user's roles (comma-separated), set by the trusted proxy")
	noAuth := fs.Bool("no-auth", false, "serve without access control on a non-loopback --addr (anyone who reaches the port reads masked records)")
	kafka := addKafkaFlags(fs)
	crawl := addCrawlFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "xinfang serve: unexpected arguments %q\n", fs.Args())
		return errUsage
	}
	if err := loadConfig(e, fs, *configFile); err != nil {
		fmt.Fprintf(e.stderr, "xinfang serve: %v\n", err)
		return errUsage
	}
	opts := serveOptions{
		data: *data, addr: *addr, kafkaBrokers: splitList(*brokers), requestTimeout: *reqTimeout,
		maxInFlight: *maxInFlight, maxPerClient: *maxPerClient, bodyTimeout: *bodyTimeout, rateLimit: *rateLimit, rateBurst: *rateBurst,
		expensivePostings: *expensivePostings, expensiveSlots: *expensiveSlots, shutdownTimeout: *shutdownTimeout, logFormat: *logFormat, minFreeDisk: *minFreeDisk,
		kafka: kafka, crawl: crawl, principals: *principalsFile, concepts: *concepts,
		proxyUser: *proxyUser, proxyRoles: *proxyRoles, noAuth: *noAuth,
	}
	var err error
	if opts.corsOrigins, err = searchapi.ParseOrigins(splitList(*corsOrigins)); err != nil {
		fmt.Fprintf(e.stderr, "xinfang serve: --cors-origins: %v\n", err)
		return errUsage
	}
	if opts.trustedProxies, err = parseNetworks(*trusted); err != nil {
		fmt.Fprintf(e.stderr, "xinfang serve: --trusted-proxy: %v\n", err)
		return errUsage
	}
	if opts.recordKey, err = loadRecordKey(e, *recordKey, *data); err != nil {
		fmt.Fprintf(e.stderr, "xinfang serve: %v\n", err)
		return errUsage
	}
	if err := opts.validate(); err != nil {
		fmt.Fprintf(e.stderr, "xinfang serve: %v\n", err)
		return errUsage
	}
	return serve(ctx, e, opts)
}

// authOn reports whether requests need credentials.
func (o serveOptions) authOn() bool { return o.principals != "" || len(o.trustedProxies) > 0 }

func (o serveOptions) validate() error {
	switch {
	case o.data == "":
		return errors.New("--data: is empty")
	case o.addr == "":
		return errors.New("--addr: is empty")
	case o.requestTimeout <= 0:
		return fmt.Errorf("--request-timeout: %v is not positive", o.requestTimeout)
	case o.maxInFlight <= 0:
		return fmt.Errorf("--max-inflight: %d is not positive", o.maxInFlight)
	case o.maxPerClient < 0:
		return fmt.Errorf("--max-per-client: %d is negative", o.maxPerClient)
	case o.rateLimit < 0 || o.rateBurst < 0:
		return fmt.Errorf("--rate-limit %v, --rate-burst %d: negative", o.rateLimit, o.rateBurst)
	case o.bodyTimeout < 0:
		return fmt.Errorf("--body-timeout: %v is negative", o.bodyTimeout)
	case o.shutdownTimeout <= 0:
		return fmt.Errorf("--shutdown-timeout: %v is not positive", o.shutdownTimeout)
	case o.logFormat != "text" && o.logFormat != "json":
		return fmt.Errorf("--log-format: %q is neither text nor json", o.logFormat)
	case o.minFreeDisk < 0:
		return fmt.Errorf("--min-free-disk: %d is negative", o.minFreeDisk)
	}
	host, _, err := net.SplitHostPort(o.addr)
	if err != nil {
		return fmt.Errorf("--addr: %v", err)
	}
	if !o.authOn() && !o.noAuth && !isLoopback(host) {
		return fmt.Errorf("--addr %s: without --principals (or --trusted-proxy) the API has no access control and listens on loopback only (127.0.0.1, ::1, localhost); give --principals FILE, or --no-auth to serve open on purpose", o.addr)
	}
	if len(o.kafkaBrokers) > 0 && o.kafka != nil {
		if err := o.kafka.validate(); err != nil {
			return err
		}
	}
	return o.crawl.validate()
}

// serve runs the node until ctx is cancelled. Shutdown order: readiness
// turns 503 so that balancers stop sending; intake stops and drains (the
// consumers flush their last batch into the index and commit); the HTTP
// server stops taking connections and lets in-flight requests finish; the
// index closes last, because those requests still read it.
func serve(ctx context.Context, e *env, opts serveOptions) (err error) {
	var lh slog.Handler = slog.NewTextHandler(e.stderr, nil)
	if opts.logFormat == "json" {
		lh = slog.NewJSONHandler(e.stderr, nil)
	}
	log := slog.New(lh)

	// Listen at once: while the analyzer loads and the index opens,
	// /healthz answers 200 and everything else 503 saying so.
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	var handler atomic.Pointer[http.Handler]
	var startPhase atomic.Value
	startPhase.Store("loading the analyzer")
	var starting http.Handler = startingHandler(func() string { return startPhase.Load().(string) })
	handler.Store(&starting)
	hs := &http.Server{
		Handler:           http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { (*handler.Load()).ServeHTTP(w, r) }),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		// Handlers answer within the request timeout; the margin covers
		// slow clients reading the body.
		WriteTimeout:   opts.requestTimeout + 30*time.Second,
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       slog.NewLogLogger(lh, slog.LevelWarn),
	}
	httpDone := make(chan error, 1)
	go func() { httpDone <- hs.Serve(ln) }()
	// Until the errgroup below takes over, a failed start closes the
	// listener; after a clean shutdown Close is a no-op.
	defer hs.Close()
	log.Info("listening; starting", "addr", ln.Addr().String())

	// The segmenter is read from DATA/segmenter.cache when it matches
	// (written by the first start): a restart then skips gse's
	// dictionary, most of the time to ready.
	nlp.SetSegmenterCache(filepath.Join(opts.data, segmenterCacheFile))
	loadStart := time.Now()
	// The segmenter first: the index's mapping needs it to open. The rest
	// of the analyzer (taxonomy, gazetteer, matcher) loads while the index
	// opens; the index asks for category labels only when it answers.
	if _, err := nlp.DefaultSegmenter(); err != nil {
		return fmt.Errorf("serve: load analyzer: %w", err)
	}
	var an *nlp.Analyzer
	analyzerDone := make(chan error, 1)
	go func() {
		a, err := nlp.Default()
		if err == nil {
			log.Info("analyzer loaded", "took", time.Since(loadStart).Round(time.Millisecond),
				"segmenter", nlp.LoadSource(), "segmenter_took", nlp.LoadTime().Round(time.Millisecond))
		}
		an = a
		analyzerDone <- err
	}()
	startPhase.Store("loading the analyzer and opening the index")
	minFree := int64(opts.minFreeDisk) << 20
	if minFree == 0 {
		minFree = -1 // off
	}
	openStart := time.Now()
	store, err := index.Open(filepath.Join(opts.data, "index"), index.Options{CategoryLabel: func(code string) string { return an.CategoryLabel(code) },
		ConceptsFile: opts.concepts, MinFreeBytes: minFree, RecordKey: opts.recordKey,
		ExpensivePostings: opts.expensivePostings, ExpensiveSlots: opts.expensiveSlots,
		Progress: func(msg string) {
			log.Info("index: " + msg)
			startPhase.Store("opening the index: " + msg)
		}})
	aerr := <-analyzerDone
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("index opened", "took", time.Since(openStart).Round(time.Millisecond))
	defer func() {
		if cerr := store.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("serve: close index: %w", cerr))
		}
	}()

	if aerr != nil {
		return fmt.Errorf("serve: load analyzer: %w", aerr)
	}

	watches, err := openWatches(opts.data, store, log)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	// Deferred after the index's Close, so it runs before it.
	defer func() {
		if cerr := watches.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("serve: close watches: %w", cerr))
		}
	}()

	reg := prometheus.NewRegistry()
	if err := reg.Register(collectors.NewGoCollector()); err != nil {
		return fmt.Errorf("serve: metrics: %w", err)
	}
	if err := reg.Register(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})); err != nil {
		return fmt.Errorf("serve: metrics: %w", err)
	}

	var principals []searchapi.Principal
	var proxy *searchapi.TrustedProxy
	var audit func(context.Context, searchapi.AuditEvent) error
	node, cancelNode := context.WithCancel(ctx)
	admin := &serveAdmin{node: node, store: store, an: an}
	// Deferred after the index's Close, so they run before it: a running
	// reindex is cancelled, then awaited.
	defer admin.close()
	defer cancelNode()
	if opts.principals != "" {
		if principals, err = loadPrincipals(opts.principals); err != nil {
			return fmt.Errorf("serve: %w", err)
		}
	}
	if len(opts.trustedProxies) > 0 {
		proxy = &searchapi.TrustedProxy{Networks: opts.trustedProxies, UserHeader: opts.proxyUser, RolesHeader: opts.proxyRoles}
	}
	if opts.authOn() {
		admin.auditPath = filepath.Join(opts.data, "audit.jsonl")
		af, err := openAudit(admin.auditPath)
		if err != nil {
			return fmt.Errorf("serve: %w", err)
		}
		// Deferred after the index's Close, so it runs before it: the
		// HTTP server has stopped by then.
		defer af.Close()
		audit = af.write
	}

	var stopping atomic.Bool
	var runners []runner
	ready := func() error {
		if stopping.Load() {
			return errors.New("shutting down")
		}
		// Open, and able to take writes: a full disk makes the node
		// unready while it keeps serving reads.
		if err := store.Health(); err != nil {
			return fmt.Errorf("index: %w", err)
		}
		for _, r := range runners {
			if r.ready != nil {
				if err := r.ready(); err != nil {
					return fmt.Errorf("%s: %w", r.name, err)
				}
			}
		}
		return nil
	}
	api, err := searchapi.New(searchapi.Config{
		Index:    store,
		Analyzer: an,
		Logger:   log,
		Registry: reg,
		Ready:    ready,
		Stats: func() (searchapi.IndexStats, error) {
			st, err := store.Stats()
			return searchapi.IndexStats{Documents: st.Documents, SizeBytes: st.DiskBytes}, err
		},
		RequestTimeout: opts.requestTimeout,
		MaxInFlight:    opts.maxInFlight,
		MaxPerClient:   opts.maxPerClient,
		BodyTimeout:    opts.bodyTimeout,
		Principals:     principals,
		TrustedProxy:   proxy,
		Audit:          audit,
		Watches:        watches,
		Admin:          admin,
		RateLimit:      opts.rateLimit,
		RateBurst:      opts.rateBurst,
		CORSOrigins:    opts.corsOrigins,
	})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}

	parts := serveParts{opts: opts, store: store, watches: watches, sink: watch.Sink{Next: store, Watches: watches},
		an: an, reg: reg, api: api, log: log}
	intake, err := intakeRunners(parts)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	runners = append(intake, runner{name: "webhook delivery", run: watches.Run})
	if opts.extra != nil {
		more, err := opts.extra(parts)
		if err != nil {
			return fmt.Errorf("serve: %w", err)
		}
		runners = append(runners, more...)
	}

	apiHandler := api.Handler()
	handler.Store(&apiHandler)
	if opts.listening != nil {
		opts.listening(ln.Addr().String())
	} else {
		fmt.Fprintf(e.stdout, "xinfang: serving on http://%s/ (index %s)\n", ln.Addr(), filepath.Join(opts.data, "index"))
	}
	log.Info("serving", "addr", ln.Addr().String(), "data", opts.data, "kafka", len(opts.kafkaBrokers) > 0)

	g, gctx := errgroup.WithContext(ctx)
	var intakeWG sync.WaitGroup
	for _, r := range runners {
		intakeWG.Add(1)
		g.Go(func() error {
			defer intakeWG.Done()
			if err := r.run(gctx); err != nil && !errors.Is(err, context.Canceled) {
				return fmt.Errorf("serve: %s: %w", r.name, err)
			}
			return nil
		})
	}
	g.Go(func() error {
		select {
		case err := <-httpDone:
			if !errors.Is(err, http.ErrServerClosed) {
				return fmt.Errorf("serve: http: %w", err)
			}
			return nil
		case <-gctx.Done():
			return nil // the shutdown below stops it
		}
	})
	g.Go(func() error {
		<-gctx.Done()
		log.Info("shutting down")
		stopping.Store(true)
		intakeWG.Wait()
		sctx, cancel := context.WithTimeout(context.Background(), opts.shutdownTimeout)
		defer cancel()
		if err := hs.Shutdown(sctx); err != nil {
			hs.Close()
			return fmt.Errorf("serve: http shutdown: %w", err)
		}
		return nil
	})
	err = g.Wait()
	log.Info("stopped", "error", err)
	return err
}

// intakeRunners returns the long-running parts that feed the index: with
// --kafka-brokers, the Kafka consumer (kafkaRunners in serve_kafka.go).
// serve runs each runner under its errgroup, joins its ready func to
// /readyz and waits for it to return (drained and committed) before
// stopping HTTP and closing the index.
func intakeRunners(parts serveParts) ([]runner, error) {
	rs, err := kafkaRunners(parts)
	if err != nil {
		return nil, err
	}
	cs, err := crawlRunners(parts)
	return append(rs, cs...), err
}

// isLoopback reports whether a listen host is a loopback address; an empty
// host listens on every interface.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// parseNetworks parses a comma-separated list of CIDR networks or single
// addresses.
func parseNetworks(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, item := range splitList(s) {
		if p, err := netip.ParsePrefix(item); err == nil {
			out = append(out, p.Masked())
			continue
		}
		ip, err := netip.ParseAddr(item)
		if err != nil {
			return nil, fmt.Errorf("%q is neither a network (10.0.0.0/8) nor an address", item)
		}
		out = append(out, netip.PrefixFrom(ip, ip.BitLen()))
	}
	return out, nil
}

// startingHandler answers while serve starts: /healthz 200, /readyz and
// every other route 503 naming what is under way.
func startingHandler(phase func() string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		var body any
		switch r.URL.Path {
		case "/healthz":
			json.NewEncoder(w).Encode(map[string]string{"status": "ok"})
			return
		case "/readyz":
			body = map[string]string{"status": "not ready", "reason": "starting: " + phase()}
		default:
			body = map[string]any{"error": map[string]string{"code": xinfang.EUNAVAILABLE, "message": "starting: " + phase()}}
		}
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusServiceUnavailable)
		json.NewEncoder(w).Encode(body)
	})
}
