package searchapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/xinfang/xinfang"
)

func tokenSum(token string) string {
	s := sha256.Sum256([]byte(token))
	return hex.EncodeToString(s[:])
}

// auditLog collects audit events; fail makes writes fail.
type auditLog struct {
	mu     sync.Mutex
	events []AuditEvent
	fail   bool
}

func (a *auditLog) write(ctx context.Context, e AuditEvent) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.fail {
		return errors.New("disk full")
	}
	a.events = append(a.events, e)
	return nil
}

// take returns the events so far and forgets them.
func (a *auditLog) take() []AuditEvent {
	a.mu.Lock()
	defer a.mu.Unlock()
	ev := a.events
	a.events = nil
	return ev
}

// testPrincipals hold one role each; their tokens are "tok-" + the role.
var testPrincipals = []Principal{
	{Name: "viewer-1", TokenSHA256: tokenSum("tok-viewer"), Roles: []string{RoleViewer}},
	{Name: "analyst-1", TokenSHA256: tokenSum("tok-analyst"), Roles: []string{RoleAnalyst}},
	{Name: "officer-1", TokenSHA256: tokenSum("tok-identity"), Roles: []string{RoleIdentity}},
	{Name: "admin-1", TokenSHA256: tokenSum("tok-admin"), Roles: []string{RoleAdmin}},
	{Name: "scraper-1", TokenSHA256: tokenSum("tok-metrics"), Roles: []string{RoleMetrics}},
}

var trustedProxy = &TrustedProxy{Networks: []netip.Prefix{netip.MustParsePrefix("10.9.0.0/16")}}

func newAuthServer(t *testing.T) (*testServer, *auditLog) {
	t.Helper()
	audit := &auditLog{}
	ts := newTestServer(t, Config{Principals: testPrincipals, TrustedProxy: trustedProxy, Audit: audit.write})
	return ts, audit
}

// routeRoles is the access matrix: the role each route needs, written here
// apart from routes() so that a route added without a decision here fails
// TestAccessMatrix.
var routeRoles = map[string]string{
	"GET /api/v1/search":                   RoleViewer, // size=0 only; hits need analyst
	"GET /api/v1/documents/{id}":           RoleAnalyst,
	"GET /api/v1/documents/{id}/similar":   RoleAnalyst,
	"GET /api/v1/documents/{id}/related":   RoleAnalyst,
	"GET /api/v1/clusters/{key}/bulletins": RoleAnalyst,
	"GET /api/v1/trends":                   RoleViewer,
	"GET /api/v1/risks":                    RoleAnalyst,
	"GET /api/v1/clusters":                 RoleAnalyst,
	"GET /api/v1/handling":                 RoleViewer, // aggregates only
	"GET /api/v1/reports/weekly":           RoleAnalyst,
	"POST /api/v1/analyze":                 RoleAnalyst,
	"GET /api/v1/openapi.json":             roleAny,
	"GET /healthz":                         rolePublic,
	"GET /readyz":                          rolePublic,
	"GET /metrics":                         RoleMetrics,
	"GET /":                                rolePublic,
	// Alerts hold masked records; the staff who watch set watches up.
	"POST /api/v1/watches":            RoleAnalyst,
	"GET /api/v1/watches":             RoleAnalyst,
	"GET /api/v1/watches/{id}":        RoleAnalyst,
	"DELETE /api/v1/watches/{id}":     RoleAnalyst,
	"GET /api/v1/alerts":              RoleAnalyst,
	"GET /api/v1/alerts/{id}":         RoleAnalyst,
	"POST /api/v1/alerts/{id}/ack":    RoleAnalyst,
	"POST /api/v1/alerts/{id}/assign": RoleAnalyst,
	// Operations on the node.
	"POST /api/v1/admin/reindex":     RoleAdmin,
	"GET /api/v1/admin/reindex":      RoleAdmin,
	"GET /api/v1/admin/audit/verify": RoleAdmin,
}

// caller is one way of presenting (or not) a credential.
type caller struct {
	name   string
	header []string
	remote string
	roles  []string // nil: not authenticated
}

var callers = []caller{
	{name: "anonymous"},
	{name: "unknown token", header: []string{"Authorization", "Bearer tok-guess"}},
	{name: "basic auth", header: []string{"Authorization", "Basic dG9rLWFkbWlu"}},
	{name: "viewer", header: []string{"Authorization", "Bearer tok-viewer"}, roles: []string{RoleViewer}},
	{name: "analyst", header: []string{"Authorization", "Bearer tok-analyst"}, roles: []string{RoleAnalyst, RoleViewer}},
	{name: "identity", header: []string{"Authorization", "Bearer tok-identity"}, roles: []string{RoleIdentity, RoleAnalyst, RoleViewer}},
	{name: "admin", header: []string{"Authorization", "Bearer tok-admin"}, roles: []string{RoleAdmin, RoleMetrics}},
	{name: "metrics", header: []string{"Authorization", "Bearer tok-metrics"}, roles: []string{RoleMetrics}},
	{name: "proxy analyst", header: []string{"X-Remote-User", "王科员", "X-Remote-Roles", "analyst"}, remote: "10.9.3.4:5555", roles: []string{RoleAnalyst, RoleViewer}},
	{name: "proxy header from elsewhere", header: []string{"X-Remote-User", "王科员", "X-Remote-Roles", "identity"}, remote: "10.10.3.4:5555"},
	{name: "proxy unknown role", header: []string{"X-Remote-User", "王科员", "X-Remote-Roles", "root"}, remote: "10.9.3.4:5555"},
}

// doAs serves one request as c.
func (ts *testServer) doAs(c caller, method, target, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(c.header); i += 2 {
		req.Header.Set(c.header[i], c.header[i+1])
	}
	if c.remote != "" {
		req.RemoteAddr = c.remote
	}
	rec := httptest.NewRecorder()
	ts.Handler().ServeHTTP(rec, req)
	return rec
}

// routeTarget fills a route's path parameters and gives a body a POST
// route accepts.
func routeTarget(rt route) (target, body string) {
	target = strings.ReplaceAll(rt.path, "{id}", "PII-1")
	if rt.method == "GET" && rt.path == "/api/v1/search" {
		target += "?size=0" // what a viewer may ask
	}
	if rt.method == "POST" {
		body = `{"content":"拖欠工资三个月"}`
	}
	return target, body
}

// TestAccessMatrix crosses every route of routes() with every kind of
// caller: public routes answer all, the others 401 without a valid
// credential, 403 without the role, and neither with it. Every request by
// a principal to an audited route and every refusal leaves one audit
// entry.
func TestAccessMatrix(t *testing.T) {
	ts, audit := newAuthServer(t)
	for _, rt := range ts.routes() {
		key := rt.method + " " + rt.path
		need, ok := routeRoles[key]
		if !ok {
			t.Errorf("route %s is not in the access matrix: decide its role in routeRoles", key)
			continue
		}
		if rt.role != need {
			t.Errorf("route %s needs %q, want %q", key, rt.role, need)
		}
		target, body := routeTarget(rt)
		for _, c := range callers {
			t.Run(key+"/"+c.name, func(t *testing.T) {
				audit.take()
				rec := ts.doAs(c, rt.method, target, body)
				want := "allowed"
				switch {
				case need == rolePublic:
				case c.roles == nil:
					want = "401"
				case need != roleAny && !slices.Contains(c.roles, need):
					want = "403"
				}
				got := "allowed"
				if rec.Code == 401 || rec.Code == 403 {
					got = map[int]string{401: "401", 403: "403"}[rec.Code]
				}
				if got != want {
					t.Fatalf("%s %s as %s: status %d, want %s: %.200s", rt.method, target, c.name, rec.Code, want, rec.Body)
				}
				if want == "401" && rec.Header().Get("WWW-Authenticate") == "" {
					t.Errorf("401 without WWW-Authenticate")
				}
				events := audit.take()
				wantEvents := 0
				if want != "allowed" || (rt.action != "" && c.roles != nil) {
					wantEvents = 1
				}
				if len(events) != wantEvents {
					t.Fatalf("audit events %+v, want %d", events, wantEvents)
				}
				if wantEvents == 1 {
					ev := events[0]
					if ev.Route != key || ev.RequestID != rec.Header().Get("X-Request-Id") || ev.Time.IsZero() || ev.Client == "" || ev.Status != rec.Code {
						t.Errorf("audit event %+v: want route %s, request id %s, status %d, a time and a client", ev, key, rec.Header().Get("X-Request-Id"), rec.Code)
					}
					if (ev.Action == actionRefused) != (want != "allowed") {
						t.Errorf("audit action %q for an answer %s", ev.Action, want)
					}
				}
			})
		}
	}
}

// TestAccessParts checks the refusals inside routes: a viewer gets counts
// but no hits, and full identity needs the identity role and a reason.
func TestAccessParts(t *testing.T) {
	ts, audit := newAuthServer(t)
	as := func(name string) caller {
		for _, c := range callers {
			if c.name == name {
				return c
			}
		}
		t.Fatalf("no caller %s", name)
		return caller{}
	}
	tests := []struct {
		caller, target string
		wantStatus     int
		wantAction     string
		wantRaw        bool // the raw phone is in the answer
	}{
		{"viewer", "/api/v1/search?q=工资&size=0", 200, actionSearch, false},
		{"viewer", "/api/v1/search?q=工资", 403, actionRefused, false},
		{"viewer", "/api/v1/search?q=工资&size=1", 403, actionRefused, false},
		{"viewer", "/api/v1/trends?by=city", 200, actionAggregate, false},
		{"analyst", "/api/v1/search?q=工资&size=5", 200, actionSearch, false},
		{"analyst", "/api/v1/documents/PII-1", 200, actionRead, false},
		{"analyst", "/api/v1/documents/PII-1?identity=full&reason=回访核实", 403, actionRefused, false},
		{"proxy analyst", "/api/v1/documents/PII-1?identity=full&reason=回访核实", 403, actionRefused, false},
		{"identity", "/api/v1/documents/PII-1?identity=full", 400, actionReadIdentity, false},
		{"identity", "/api/v1/documents/PII-1?identity=full&reason=%20", 400, actionReadIdentity, false},
		{"identity", "/api/v1/documents/PII-1?reason=回访核实", 400, actionRead, false},
		{"identity", "/api/v1/documents/PII-1?identity=masked", 200, actionRead, false},
		{"identity", "/api/v1/documents/PII-1?identity=full&reason=" + strings.Repeat("核", 200), 400, actionReadIdentity, false},
		{"identity", "/api/v1/documents/NOPE?identity=full&reason=回访核实", 404, actionReadIdentity, false},
		{"identity", "/api/v1/documents/PII-1?identity=full&reason=回访核实，来电13900001234", 200, actionReadIdentity, true},
		{"identity", "/api/v1/documents/PII-1?identity=raw&reason=x", 400, actionRead, false},
	}
	for _, tt := range tests {
		t.Run(tt.caller+" "+tt.target, func(t *testing.T) {
			audit.take()
			rec := ts.doAs(as(tt.caller), "GET", tt.target, "")
			if rec.Code != tt.wantStatus {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.wantStatus, rec.Body)
			}
			if raw := strings.Contains(rec.Body.String(), "13900001234"); raw != tt.wantRaw {
				t.Errorf("raw phone in answer = %v, want %v", raw, tt.wantRaw)
			}
			events := audit.take()
			if len(events) != 1 {
				t.Fatalf("audit events %+v, want one", events)
			}
			ev := events[0]
			if ev.Action != tt.wantAction {
				t.Errorf("audit action %q, want %q", ev.Action, tt.wantAction)
			}
			if ev.Action == actionRefused && ev.Refusal == "" {
				t.Errorf("refusal audited without its reason: %+v", ev)
			}
			b, _ := json.Marshal(ev)
			for _, p := range piiRaw {
				if strings.Contains(string(b), p) {
					t.Errorf("audit event holds %q: %s", p, b)
				}
			}
			if tt.wantRaw {
				if ev.Reason != "回访核实，来电139****1234" || ev.DocumentID != "PII-1" || ev.Results == nil || *ev.Results != 1 {
					t.Errorf("identity read audited as %s, want the masked reason, the document and one result", b)
				}
				var doc xinfang.Document
				if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
					t.Fatal(err)
				}
				if doc.Record.Petitioner.Name != "赵某某" || doc.ComplainantKey != "" {
					t.Errorf("full document: petitioner %+v, complainant key %q", doc.Record.Petitioner, doc.ComplainantKey)
				}
			}
		})
	}
}

// TestAuditSearch checks what a search leaves in the audit trail.
func TestAuditSearch(t *testing.T) {
	ts, audit := newAuthServer(t)
	c := callers[4] // analyst
	req := httptest.NewRequest("GET", "/api/v1/search?q=联系电话13900001234&size=5&category=wage_arrears", nil)
	req.Header.Set("Authorization", "Bearer tok-analyst")
	req.Header.Set("X-Request-Id", "caller-chosen-1")
	rec := httptest.NewRecorder()
	ts.Handler().ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var res xinfang.SearchResult
	json.Unmarshal(rec.Body.Bytes(), &res)
	events := audit.take()
	if len(events) != 1 {
		t.Fatalf("audit events %+v, want one", events)
	}
	ev := events[0]
	if ev.Principal != "analyst-1" || ev.Action != actionSearch || ev.Route != "GET /api/v1/search" {
		t.Errorf("audit event %+v: want a search by %s", ev, c.name)
	}
	if ev.Query != "category=wage_arrears&q=联系电话139****1234&size=5" {
		t.Errorf("audit query %q: want the decoded query with the phone masked", ev.Query)
	}
	if ev.Results == nil || *ev.Results != len(res.Hits) || ev.Total == nil || *ev.Total != int(res.Total) {
		t.Errorf("audit counts %v/%v, want %d hits of %d", ev.Results, ev.Total, len(res.Hits), res.Total)
	}
	if ev.RequestID == "caller-chosen-1" || ev.ClientRequestID != "caller-chosen-1" || ev.RequestID != rec.Header().Get("X-Request-Id") {
		t.Errorf("request ids %q (client %q): want the server's own, the caller's apart", ev.RequestID, ev.ClientRequestID)
	}
}

// TestAuditSearchBareValues checks that a bare name or identifier typed as
// a query (no cue says what it is) is masked in the audit trail.
func TestAuditSearchBareValues(t *testing.T) {
	ts, audit := newAuthServer(t)
	for q, want := range map[string]string{
		"巴特尔":             "q=巴**&size=0",
		"王建国 工资":          "q=王** 工资&size=0",
		`subject:"宝音图"`:   `q=subject:"宝**"&size=0`,
		"batu_nm1988":     "q=b**********&size=0",
		"蒙A·12345":        "q=蒙A·*****&size=0",
		"3-2-501":         "q=*-*-***&size=0",
		"2876543210 噪音扰民": "q=2********* 噪音扰民&size=0",
	} {
		req := httptest.NewRequest("GET", "/api/v1/search?size=0&q="+url.QueryEscape(q), nil)
		req.Header.Set("Authorization", "Bearer tok-analyst")
		rec := httptest.NewRecorder()
		ts.Handler().ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Fatalf("%s: status %d: %s", q, rec.Code, rec.Body)
		}
		events := audit.take()
		if len(events) != 1 || events[0].Query != want {
			t.Errorf("search %q audited as %+v, want query %q", q, events, want)
		}
	}
}

// TestAuditWithheld checks that no data leaves when the audit log cannot
// be written, and that refusals are still refused.
func TestAuditWithheld(t *testing.T) {
	ts, audit := newAuthServer(t)
	audit.fail = true
	for _, tt := range []struct {
		caller caller
		target string
		want   int
	}{
		{callers[4], "/api/v1/search?q=工资&size=5", 503},
		{callers[5], "/api/v1/documents/PII-1?identity=full&reason=核实", 503},
		{callers[0], "/api/v1/search?size=0", 401},
		{callers[3], "/api/v1/documents/PII-1", 403},
	} {
		rec := ts.doAs(tt.caller, "GET", tt.target, "")
		if rec.Code != tt.want || strings.Contains(rec.Body.String(), "13900001234") || strings.Contains(rec.Body.String(), `"hits"`) {
			t.Errorf("%s as %s with a failing audit log: %d %.200s, want %d and no data", tt.target, tt.caller.name, rec.Code, rec.Body, tt.want)
		}
	}
}

func TestIdentityDisabled(t *testing.T) {
	ts := newTestServer(t, Config{})
	rec := ts.do("GET", "/api/v1/documents/PII-1?identity=full&reason=x", nil, "Authorization", "Bearer anything")
	if rec.Code != 403 {
		t.Fatalf("status %d, want 403: %s", rec.Code, rec.Body)
	}
	if strings.Contains(rec.Body.String(), "13900001234") {
		t.Errorf("answer holds the raw phone")
	}
	// An open server answers the data routes without a credential.
	if rec := ts.do("GET", "/api/v1/search?q=工资", nil); rec.Code != 200 {
		t.Errorf("open server: search status %d, want 200", rec.Code)
	}
}

func TestPrincipalsConfig(t *testing.T) {
	fake := newTestServer(t, Config{}).fake
	audit := (&auditLog{}).write
	tests := []struct {
		name  string
		ps    []Principal
		proxy *TrustedProxy
		aud   func(context.Context, AuditEvent) error
	}{
		{"no audit", []Principal{{Name: "a", TokenSHA256: tokenSum("x"), Roles: []string{RoleIdentity}}}, nil, nil},
		{"proxy without audit", nil, trustedProxy, nil},
		{"no name", []Principal{{TokenSHA256: tokenSum("x"), Roles: []string{RoleViewer}}}, nil, audit},
		{"bad hash", []Principal{{Name: "a", TokenSHA256: "abc", Roles: []string{RoleViewer}}}, nil, audit},
		{"same token twice", []Principal{{Name: "a", TokenSHA256: tokenSum("x"), Roles: []string{RoleViewer}}, {Name: "b", TokenSHA256: tokenSum("x"), Roles: []string{RoleViewer}}}, nil, audit},
		{"unknown role", []Principal{{Name: "a", TokenSHA256: tokenSum("x"), Roles: []string{"root"}}}, nil, audit},
		{"no roles", []Principal{{Name: "a", TokenSHA256: tokenSum("x")}}, nil, audit},
		{"proxy without networks", nil, &TrustedProxy{}, audit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(Config{Index: fake, Analyzer: searchapitestAnalyzer(), Principals: tt.ps, TrustedProxy: tt.proxy, Audit: tt.aud})
			if err == nil {
				t.Errorf("New with %s = nil error, want one", tt.name)
			}
		})
	}
}

// TestRouteNeedsRole checks that a route registered without a role is
// refused, so that no route added later is open by oversight.
func TestRouteNeedsRole(t *testing.T) {
	ts := newTestServer(t, Config{})
	routes := append(ts.routes(), route{method: "GET", path: "/api/v1/new", handler: ts.handleHealthz, api: true})
	if _, err := ts.buildMux(routes); err == nil || !strings.Contains(err.Error(), "/api/v1/new") {
		t.Errorf("buildMux with a route without a role = %v, want an error naming it", err)
	}
}
