package searchapi

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/xinfang/xinfang/searchapi/searchapitest"
)

// TestCORS: a listed origin gets its CORS headers and its preflight is
// answered before access control (with Authorization among the allowed
// headers); another origin gets no CORS header and no preflight; without
// origins configured the server sends none at all.
func TestCORS(t *testing.T) {
	audit := &auditLog{}
	ts := newTestServer(t, Config{Principals: testPrincipals, Audit: audit.write,
		CORSOrigins: []string{"https://a.example", "HTTPS://B.example:8443/"}})
	cors := func(h http.Header) bool {
		for k := range h {
			if strings.HasPrefix(k, "Access-Control-") {
				return true
			}
		}
		return false
	}
	varyOrigin := func(h http.Header) bool {
		return slices.ContainsFunc(h.Values("Vary"), func(v string) bool { return strings.Contains(v, "Origin") })
	}

	for _, origin := range []string{"https://a.example", "https://b.example:8443"} {
		pre := ts.do("OPTIONS", "/api/v1/search?size=0", nil, "Origin", origin, "Access-Control-Request-Method", "GET",
			"Access-Control-Request-Headers", "authorization")
		h := pre.Header()
		if pre.Code != http.StatusNoContent || h.Get("Access-Control-Allow-Origin") != origin || !varyOrigin(h) ||
			!strings.Contains(h.Get("Access-Control-Allow-Headers"), "Authorization") ||
			!strings.Contains(h.Get("Access-Control-Allow-Methods"), "GET") || !strings.Contains(h.Get("Access-Control-Allow-Methods"), "POST") ||
			h.Get("Access-Control-Max-Age") == "" || h.Get("Access-Control-Allow-Credentials") != "" {
			t.Errorf("preflight from %s: %d %v, want 204 allowing GET, POST and Authorization for that origin", origin, pre.Code, h)
		}
		get := ts.do("GET", "/api/v1/search?size=0", nil, "Origin", origin, "Authorization", "Bearer tok-viewer")
		if get.Code != 200 || get.Header().Get("Access-Control-Allow-Origin") != origin || !varyOrigin(get.Header()) ||
			!strings.Contains(get.Header().Get("Access-Control-Expose-Headers"), "X-Request-Id") {
			t.Errorf("GET from %s: %d %v, want 200 with its CORS headers", origin, get.Code, get.Header())
		}
		// Access control still applies to the request itself.
		if anon := ts.do("GET", "/api/v1/search?size=0", nil, "Origin", origin); anon.Code != 401 || anon.Header().Get("Access-Control-Allow-Origin") != origin {
			t.Errorf("GET from %s without a token: %d %v, want 401 the page can read", origin, anon.Code, anon.Header())
		}
	}
	if ev := audit.take(); len(ev) != 4 {
		t.Errorf("audit entries %d, want 4 (two searches, two refusals; no preflight)", len(ev))
	}

	for _, origin := range []string{"https://evil.example", "http://a.example", "https://a.example.evil.example", "null"} {
		pre := ts.do("OPTIONS", "/api/v1/search", nil, "Origin", origin, "Access-Control-Request-Method", "GET")
		if pre.Code == http.StatusNoContent || cors(pre.Header()) || !varyOrigin(pre.Header()) {
			t.Errorf("preflight from %s: %d %v, want no CORS answer (and Vary: Origin)", origin, pre.Code, pre.Header())
		}
		get := ts.do("GET", "/api/v1/search?size=0", nil, "Origin", origin, "Authorization", "Bearer tok-viewer")
		if get.Code != 200 || cors(get.Header()) {
			t.Errorf("GET from %s: %d %v, want 200 without CORS headers", origin, get.Code, get.Header())
		}
	}

	plain := newTestServer(t, Config{})
	rec := plain.do("GET", "/api/v1/search?size=0", nil, "Origin", "https://a.example")
	if cors(rec.Header()) || varyOrigin(rec.Header()) {
		t.Errorf("no origins configured: %v, want no CORS header", rec.Header())
	}
}

func TestParseOrigins(t *testing.T) {
	got, err := ParseOrigins([]string{" https://A.example ", "", "http://127.0.0.1:3000/"})
	if err != nil || !slices.Equal(got, []string{"https://a.example", "http://127.0.0.1:3000"}) {
		t.Errorf("ParseOrigins = %q, %v", got, err)
	}
	for _, bad := range []string{"*", "a.example", "ftp://a.example", "https://a.example/dashboard", "https://u:p@a.example", "https://"} {
		if _, err := ParseOrigins([]string{bad}); err == nil {
			t.Errorf("ParseOrigins(%q): no error", bad)
		}
	}
	if _, err := New(Config{Index: searchapitest.New(), Analyzer: searchapitest.Analyzer{}, CORSOrigins: []string{"*"}}); err == nil {
		t.Error("New with CORS origin *: no error")
	}
}
