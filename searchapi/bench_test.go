package searchapi

import (
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/xinfang/xinfang/searchapi/searchapitest"
)

// BenchmarkSearchHandler measures a search through the whole HTTP layer
// (parameters, guard, index, masking, JSON) on the golden in-memory index.
func BenchmarkSearchHandler(b *testing.B) {
	ts := serverOn(b, goldenIdx.get(b, goldenDocs))
	target := "/api/v1/search?q=" + url.QueryEscape("工资") + "&category=wage_arrears&size=20"
	h := ts.Handler()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		if rec.Code != 200 {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		b.SetBytes(int64(rec.Body.Len()))
	}
}

// BenchmarkSearchHandlerFake is the HTTP layer alone, over the fake index.
func BenchmarkSearchHandlerFake(b *testing.B) {
	ts := newTestServer(b, Config{})
	target := "/api/v1/search?q=" + url.QueryEscape("工资") + "&category=wage_arrears&size=20"
	h := ts.Handler()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		if rec.Code != 200 {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		b.SetBytes(int64(rec.Body.Len()))
	}
}

// BenchmarkSearchHandlerFakeLimits is BenchmarkSearchHandlerFake with a
// rate limit (never reached) and CORS for the request's origin: their cost
// per request is the difference.
func BenchmarkSearchHandlerFakeLimits(b *testing.B) {
	ts := newTestServer(b, Config{RateLimit: 1e9, RateBurst: 1e9, CORSOrigins: []string{"https://dash.example"}})
	target := "/api/v1/search?q=" + url.QueryEscape("工资") + "&category=wage_arrears&size=20"
	h := ts.Handler()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", target, nil)
		req.Header.Set("Origin", "https://dash.example")
		h.ServeHTTP(rec, req)
		if rec.Code != 200 || rec.Header().Get("Access-Control-Allow-Origin") == "" {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		b.SetBytes(int64(rec.Body.Len()))
	}
}

func BenchmarkParseSearch(b *testing.B) {
	raw := "q=%E5%B7%A5%E8%B5%84&category=wage_arrears,noise&city=%E5%85%B4%E5%AE%89%E7%9B%9F&from=2024-01-01&to=2024-06-30&sort=date&size=50&headcount=5-29"
	an := searchapitest.Analyzer{}
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if err := checkQuery(raw, searchParams); err != nil {
			b.Fatal(err)
		}
		v, _ := url.ParseQuery(raw)
		if _, err := parseSearch(v, an); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearchHandlerParallel is BenchmarkSearchHandler from GOMAXPROCS
// clients at once, through the concurrency limiter.
func BenchmarkSearchHandlerParallel(b *testing.B) {
	ts := serverOn(b, goldenIdx.get(b, goldenDocs))
	target := "/api/v1/search?q=" + url.QueryEscape("工资") + "&category=wage_arrears&size=20"
	h := ts.Handler()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
			if rec.Code != 200 {
				b.Errorf("status %d: %s", rec.Code, rec.Body)
				return
			}
		}
	})
}
