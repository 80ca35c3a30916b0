package searchapi

import (
	"net/http"
	"strconv"
	"testing"
	"time"
)

// TestRateLimit: a principal beyond its rate gets 429 with Retry-After,
// from any address, and the refusal is audited; another principal and the
// public routes are not held back.
func TestRateLimit(t *testing.T) {
	audit := &auditLog{}
	ts := newTestServer(t, Config{Principals: testPrincipals, Audit: audit.write, RateLimit: 0.125, RateBurst: 2})
	analyst := caller{name: "analyst", header: []string{"Authorization", "Bearer tok-analyst"}, remote: "192.0.2.1:1000"}
	for i := range 2 {
		if rec := ts.doAs(analyst, "GET", "/api/v1/search?size=0", ""); rec.Code != 200 {
			t.Fatalf("request %d within the burst: %d %s", i+1, rec.Code, rec.Body)
		}
	}
	audit.take()
	analyst.remote = "192.0.2.99:2000" // the same principal from elsewhere
	rec := ts.doAs(analyst, "GET", "/api/v1/search?size=0", "")
	retry, _ := strconv.Atoi(rec.Header().Get("Retry-After"))
	if rec.Code != http.StatusTooManyRequests || retry < 1 || retry > 8 {
		t.Fatalf("third request: %d, Retry-After %q; want 429 and 1–8 s (one per 8 s)", rec.Code, rec.Header().Get("Retry-After"))
	}
	ev := audit.take()
	if len(ev) != 1 || ev[0].Action != actionRefused || ev[0].Status != 429 || ev[0].Principal != "analyst-1" ||
		ev[0].Route != "GET /api/v1/search" || ev[0].Refusal == "" || ev[0].RequestID != rec.Header().Get("X-Request-Id") {
		t.Errorf("audit of the 429: %+v, want one refusal by analyst-1 with its route and request id", ev)
	}
	viewer := caller{name: "viewer", header: []string{"Authorization", "Bearer tok-viewer"}, remote: "192.0.2.1:1000"}
	if rec := ts.doAs(viewer, "GET", "/api/v1/search?size=0", ""); rec.Code != 200 {
		t.Errorf("another principal from the same address: %d, want 200", rec.Code)
	}
	if rec := ts.doAs(analyst, "GET", "/healthz", ""); rec.Code != 200 {
		t.Errorf("/healthz: %d, want 200 whatever the rate", rec.Code)
	}

	// Anonymous on an open server: per address.
	open := newTestServer(t, Config{RateLimit: 0.1, RateBurst: 1})
	a, b := caller{remote: "127.0.0.1:1"}, caller{remote: "127.0.0.2:1"}
	if open.doAs(a, "GET", "/api/v1/trends", "").Code != 200 || open.doAs(a, "GET", "/api/v1/trends", "").Code != 429 ||
		open.doAs(b, "GET", "/api/v1/trends", "").Code != 200 {
		t.Error("anonymous clients: want the second request of one address refused and another address served")
	}
}

// TestRateLimitsSweep: idle clients' limiters are dropped; a client that
// waited long enough is served again.
func TestRateLimitsSweep(t *testing.T) {
	l := newRateLimits(2, 1)
	t0 := time.Unix(1_000_000, 0)
	l.lastSweep = t0
	if ok, _ := l.take("a", t0); !ok {
		t.Fatal("first request refused")
	}
	if ok, wait := l.take("a", t0); ok || wait != 500*time.Millisecond {
		t.Errorf("second request at once: ok %v, wait %v; want refused, 500ms", ok, wait)
	}
	l.take("b", t0.Add(30*time.Second))
	if ok, _ := l.take("a", t0.Add(time.Second)); !ok {
		t.Error("after the wait: refused")
	}
	l.take("b", t0.Add(2*time.Minute)) // sweeps: a is full again, b just spent
	if _, kept := l.clients["a"]; kept || len(l.clients) != 1 {
		t.Errorf("after the sweep: %d limiters (a kept: %v), want b's only", len(l.clients), kept)
	}
	if newRateLimits(0, 5) != nil {
		t.Error("rate 0 gives a limiter")
	}
}
