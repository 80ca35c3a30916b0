// Package searchapi is the HTTP API of Xinfang: search, documents, trends,
// risks, clusters and text analysis as JSON under /api/v1, with limits,
// masking of personal data at the edge, Prometheus metrics, health checks and
// the embedded dashboard.
//
// The package talks to the index and the analyzer through the small
// interfaces it declares (Index, Analyzer); cmd/xinfang wires the concrete
// index.Store and nlp.Analyzer in.
package searchapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/xinfang/xinfang"
)

// Index is what the server calls on the search index. Errors should be
// *xinfang.Error values with codes; anything else is reported as internal.
type Index interface {
	Search(ctx context.Context, req xinfang.SearchRequest) (xinfang.SearchResult, error)
	Get(ctx context.Context, id string) (xinfang.Document, error)
	Trends(ctx context.Context, req xinfang.TrendRequest) (xinfang.TrendResult, error)
	Clusters(ctx context.Context, req xinfang.ClusterRequest) ([]xinfang.Cluster, error)
	Risks(ctx context.Context, req xinfang.RiskRequest) (xinfang.RiskBoard, error)
	Handling(ctx context.Context, req xinfang.HandlingRequest) (xinfang.HandlingResult, error)
}

// Analyzer analyses posted texts and names categories. It must be safe for
// concurrent use.
type Analyzer interface {
	// AnalyzeKind analyses a text of the given kind (petition or
	// bulletin); an empty kind is guessed from the text.
	AnalyzeKind(kind, id, title, content string) xinfang.Analysis
	// CategoryLabel returns the Chinese label of a category code, or the
	// code itself when the taxonomy does not know it.
	CategoryLabel(code string) string
}

// IndexStats are the figures of the index exported as gauges.
type IndexStats struct {
	Documents uint64 // documents in the index
	SizeBytes int64  // bytes on disk (or in memory), 0 when unknown
}

// Defaults of Config.
const (
	DefaultRequestTimeout = 2 * time.Second
	DefaultMaxBodyBytes   = 1 << 20
	DefaultMaxInFlight    = 64
	// MaxQueryBytes bounds the q parameter.
	MaxQueryBytes = 1 << 10
	// maxRawQueryBytes bounds the whole query string of a request.
	maxRawQueryBytes = 8 << 10
)

// Config configures a Server. Index and Analyzer are required.
type Config struct {
	Index    Index
	Analyzer Analyzer
	// Logger receives the access log and internal errors; nil discards.
	Logger *slog.Logger
	// Registry receives the server's metrics and, when it is also a
	// prometheus.Gatherer (as *prometheus.Registry is), is served at
	// /metrics. nil gives a fresh registry.
	Registry prometheus.Registerer
	// Ready reports whether the node can serve (index open, consumers
	// running); nil means always ready.
	Ready func() error
	// Stats feeds the index gauges; nil leaves them out.
	Stats func() (IndexStats, error)
	// RequestTimeout bounds the work of one API request (default 2s).
	RequestTimeout time.Duration
	// MaxBodyBytes bounds a request body (default 1 MB).
	MaxBodyBytes int64
	// MaxInFlight bounds the API requests served at once; more get 503
	// (default 64).
	MaxInFlight int
	// MaxPerClient bounds the API requests of one client (principal, or
	// address when anonymous) served at once; more get 429 (default
	// MaxInFlight/4, at least 2).
	MaxPerClient int
	// BodyTimeout bounds the reading of a request body, done before the
	// request takes an in-flight slot (default 5s).
	BodyTimeout time.Duration
	// Principals may present bearer tokens, each with roles (Roles).
	// With principals or a trusted proxy, every route but the public ones
	// needs a credential and the role the route names; without, the
	// server is open and full identity is refused.
	Principals []Principal
	// TrustedProxy, when set, accepts users and roles from a reverse
	// proxy's headers.
	TrustedProxy *TrustedProxy
	// Audit records each request by a principal to a data route before
	// its answer is sent (an error withholds the answer), and each
	// refusal. Access control needs it.
	Audit func(ctx context.Context, e AuditEvent) error
	// Watches serves the watch and alert routes; nil answers them 503.
	Watches Watches
	// Admin runs the admin role's operations (reindex, audit
	// verification); nil answers the admin routes 503.
	Admin Admin
	// RateLimit is the API requests per second one client (principal, or
	// address when anonymous) may send on average, RateBurst at once;
	// beyond, 429 with Retry-After. 0 turns rate limiting off (the
	// default); RateBurst 0 is RateLimit rounded up.
	RateLimit float64
	RateBurst int
	// CORSOrigins are the origins (scheme://host[:port], see ParseOrigins)
	// whose pages may call the API from a browser; none by default.
	CORSOrigins []string
}

// Server is the HTTP API. Create it with New; it is safe for concurrent use.
type Server struct {
	cfg      Config
	log      *slog.Logger
	metrics  *metrics
	gatherer prometheus.Gatherer
	// metricsHandler serves /metrics from gatherer.
	metricsHandler http.Handler
	sem            chan struct{}
	handler        http.Handler
	// authn knows the principals and the trusted proxy.
	authn *authn
	// clients counts the requests in flight per client.
	clients *clientLimits
	// rates holds each client's request rate; nil without a limit.
	rates *rateLimits
	// reindex is the latest reindex started over HTTP.
	reindex reindexJob
	// apiPaths maps each fixed API path to its methods, for JSON 404/405.
	apiPaths map[string][]string
}

// New validates cfg and builds a Server.
func New(cfg Config) (*Server, error) {
	if cfg.Index == nil {
		return nil, errors.New("searchapi: new: Config.Index is nil")
	}
	if cfg.Analyzer == nil {
		return nil, errors.New("searchapi: new: Config.Analyzer is nil")
	}
	if cfg.RequestTimeout < 0 || cfg.MaxBodyBytes < 0 || cfg.MaxInFlight < 0 || cfg.RateLimit < 0 || cfg.RateBurst < 0 {
		return nil, errors.New("searchapi: new: negative limit in Config")
	}
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.MaxInFlight == 0 {
		cfg.MaxInFlight = DefaultMaxInFlight
	}
	if cfg.MaxPerClient <= 0 {
		cfg.MaxPerClient = max(min(cfg.MaxInFlight, 2), cfg.MaxInFlight/4)
	}
	if cfg.BodyTimeout <= 0 {
		cfg.BodyTimeout = DefaultBodyTimeout
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	reg := cfg.Registry
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	gatherer, ok := reg.(prometheus.Gatherer)
	if !ok {
		return nil, errors.New("searchapi: new: Config.Registry is not a prometheus.Gatherer")
	}
	an, err := newAuthn(cfg.Principals, cfg.TrustedProxy)
	if err != nil {
		return nil, fmt.Errorf("searchapi: new: %w", err)
	}
	if an.enabled() && cfg.Audit == nil {
		return nil, errors.New("searchapi: new: principals without Config.Audit: reads by principals must be audited")
	}
	m, err := newMetrics(reg, cfg.Stats)
	if err != nil {
		return nil, fmt.Errorf("searchapi: new: %w", err)
	}
	s := &Server{
		cfg:      cfg,
		log:      cfg.Logger,
		metrics:  m,
		gatherer: gatherer,
		sem:      make(chan struct{}, cfg.MaxInFlight),
		authn:    an,
		clients:  &clientLimits{n: map[string]int{}, max: cfg.MaxPerClient},
		rates:    newRateLimits(cfg.RateLimit, cfg.RateBurst),
		apiPaths: map[string][]string{},
	}
	s.metricsHandler = promhttp.HandlerFor(gatherer, promhttp.HandlerOpts{ErrorLog: slogPrinter{s}})
	if s.cfg.CORSOrigins, err = ParseOrigins(cfg.CORSOrigins); err != nil {
		return nil, fmt.Errorf("searchapi: new: %w", err)
	}
	if s.handler, err = s.buildMux(s.routes()); err != nil {
		return nil, fmt.Errorf("searchapi: new: %w", err)
	}
	s.handler = s.cors(s.handler)
	return s, nil
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// CountIndexed adds n to xinfang_indexed_documents_total; the indexer calls
// it after each durable batch.
func (s *Server) CountIndexed(n int) {
	if n > 0 {
		s.metrics.indexed.Add(float64(n))
	}
}

// route is one entry of the routing table.
type route struct {
	method  string
	path    string // Go 1.22 pattern path, e.g. /api/v1/documents/{id}
	handler http.HandlerFunc
	// api routes get the JSON error handling, the limiter and the timeout.
	api bool
	// params are the query parameters the route accepts; anything else is a
	// 400. The OpenAPI test checks them against openapi.json.
	params []string
	// role is what a caller needs when access control is on: one of Roles,
	// roleAny or rolePublic. A route without one is refused by New.
	role string
	// action names the route's requests in the audit trail; routes with
	// one are audited.
	action string
}

var (
	filterParams   = []string{"category", "city", "county", "kind", "channel", "status", "risk_level", "headcount", "overdue", "repeat", "joint", "from", "to", "cluster"}
	searchParams   = append([]string{"q", "sort", "size", "cursor", "interval", "expand"}, filterParams...)
	trendParams    = append([]string{"q", "by", "interval", "expand"}, filterParams...)
	clusterParams  = append([]string{"q", "min_count", "size", "expand"}, filterParams...)
	riskParams     = append([]string{"size"}, filterParams...)
	handlingParams = append([]string{"q", "by", "size", "expand"}, filterParams...)
	// identity=full asks for the unmasked record (RoleIdentity, with a
	// reason, audited).
	documentParams = []string{"identity", "reason"}
)

// routes is the routing table of the server.
func (s *Server) routes() []route {
	return append([]route{
		{method: "GET", path: "/api/v1/search", handler: s.handleSearch, api: true, params: searchParams, role: RoleViewer, action: actionSearch},
		{method: "GET", path: "/api/v1/documents/{id}", handler: s.handleDocument, api: true, params: documentParams, role: RoleAnalyst, action: actionRead},
		{method: "GET", path: "/api/v1/documents/{id}/similar", handler: s.handleSimilar, api: true, params: relatedParams, role: RoleAnalyst, action: actionSearch},
		{method: "GET", path: "/api/v1/documents/{id}/related", handler: s.handleRelated, api: true, params: relatedParams, role: RoleAnalyst, action: actionSearch},
		{method: "GET", path: "/api/v1/clusters/{key}/bulletins", handler: s.handleClusterBulletins, api: true, params: relatedParams, role: RoleAnalyst, action: actionSearch},
		{method: "GET", path: "/api/v1/trends", handler: s.handleTrends, api: true, params: trendParams, role: RoleViewer, action: actionAggregate},
		{method: "GET", path: "/api/v1/risks", handler: s.handleRisks, api: true, params: riskParams, role: RoleAnalyst, action: actionSearch},
		{method: "GET", path: "/api/v1/clusters", handler: s.handleClusters, api: true, params: clusterParams, role: RoleAnalyst, action: actionSearch},
		{method: "GET", path: "/api/v1/handling", handler: s.handleHandling, api: true, params: handlingParams, role: RoleViewer, action: actionAggregate},
		// The briefing lists high-risk records with their reasons: analysts.
		{method: "GET", path: "/api/v1/reports/weekly", handler: s.handleWeeklyReport, api: true, params: []string{"week"}, role: RoleAnalyst, action: actionSearch},
		{method: "POST", path: "/api/v1/analyze", handler: s.handleAnalyze, api: true, role: RoleAnalyst, action: actionAnalyze},
		{method: "GET", path: "/api/v1/openapi.json", handler: s.handleOpenAPI, role: roleAny},
		{method: "GET", path: "/healthz", handler: s.handleHealthz, role: rolePublic},
		{method: "GET", path: "/readyz", handler: s.handleReadyz, role: rolePublic},
		{method: "GET", path: "/metrics", handler: s.handleMetrics, role: RoleMetrics},
		// The dashboard's static files hold no data; it asks for a token
		// when the API answers 401.
		{method: "GET", path: "/", handler: WebHandler().ServeHTTP, role: rolePublic},
	}, append(s.watchRoutes(), s.adminRoutes()...)...)
}

func (s *Server) buildMux(routes []route) (http.Handler, error) {
	mux := http.NewServeMux()
	var dashboard http.Handler
	for _, rt := range routes {
		name := rt.method + " " + rt.path
		if rt.role != rolePublic && rt.role != roleAny && !slices.Contains(Roles, rt.role) {
			return nil, fmt.Errorf("route %s: role %q is not a role (declare one of %s, %s or %s)", name, rt.role, strings.Join(Roles, ", "), roleAny, rolePublic)
		}
		h := http.Handler(rt.handler)
		if rt.api {
			h = s.checkParams(rt.params, h)
		}
		if rt.action != "" {
			h = s.audited(name, rt.action, h)
		}
		if rt.api {
			h = s.rateLimit(name, s.readBody(s.perClient(name, s.guard(h))))
		}
		h = s.instrument(name, s.recoverPanics(s.authorize(name, rt.role, h)))
		if rt.path == "/" {
			dashboard = h
			continue
		}
		mux.Handle(name, h)
		s.apiPaths[rt.path] = append(s.apiPaths[rt.path], rt.method)
	}
	// "/" catches what no route matched: the dashboard for GET, JSON 404 or
	// 405 for API paths and other methods. A "GET /" pattern next to an
	// "/api/" one would conflict in the mux, hence one dispatcher.
	other := s.instrument("other", http.HandlerFunc(s.handleNoRoute))
	mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if dashboard != nil && (r.Method == http.MethodGet || r.Method == http.MethodHead) &&
			!strings.HasPrefix(r.URL.Path, "/api/") && s.methodsFor(r.URL.Path) == nil {
			dashboard.ServeHTTP(w, r)
			return
		}
		other.ServeHTTP(w, r)
	}))
	return mux, nil
}

// handleNoRoute answers 405 for a known path with another method (the
// dashboard's paths take GET and HEAD) and a JSON 404 otherwise.
func (s *Server) handleNoRoute(w http.ResponseWriter, r *http.Request) {
	methods := s.methodsFor(r.URL.Path)
	if methods == nil && !strings.HasPrefix(r.URL.Path, "/api/") {
		methods = []string{http.MethodGet}
	}
	if len(methods) == 0 {
		s.writeError(w, r, xinfang.Errorf(xinfang.ENOTFOUND, "no such API route"))
		return
	}
	for _, m := range methods {
		w.Header().Add("Allow", m)
		if m == http.MethodGet {
			w.Header().Add("Allow", http.MethodHead)
		}
	}
	writeJSON(w, http.StatusMethodNotAllowed, errorBody{Error: errorDetail{Code: xinfang.EINVALID, Message: "method " + r.Method + " is not allowed on this path"}})
}

func (s *Server) methodsFor(path string) []string {
	if m, ok := s.apiPaths[path]; ok {
		return m
	}
	// Patterns with a {name} segment match any non-empty segment there.
	segs := strings.Split(path, "/")
	for pattern, methods := range s.apiPaths {
		ps := strings.Split(pattern, "/")
		if len(ps) != len(segs) || !strings.Contains(pattern, "{") {
			continue
		}
		match := true
		for i, p := range ps {
			if strings.HasPrefix(p, "{") && segs[i] != "" || p == segs[i] {
				continue
			}
			match = false
			break
		}
		if match {
			return methods
		}
	}
	return nil
}
