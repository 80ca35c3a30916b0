package searchapi_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/xinfang/xinfang/searchapi"
)

func serveWeb(t *testing.T, method, target string, header map[string]string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	searchapi.WebHandler().ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, res *http.Response) []byte {
	t.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	return b
}

func TestWebHandlerAssets(t *testing.T) {
	tests := []struct {
		name, path, contentType, cache, contains string
	}{
		{"root is index.html", "/", "text/html; charset=utf-8", "no-cache", "信访数据分析平台"},
		{"index.html", "/index.html", "text/html; charset=utf-8", "no-cache", `<script type="module" src="js/main.js">`},
		{"stylesheet", "/app.css", "text/css; charset=utf-8", "no-cache", "--primary"},
		{"module", "/js/main.js", "text/javascript; charset=utf-8", "no-cache", "import "},
		{"icon", "/favicon.svg", "image/svg+xml", "no-cache", "<svg"},
		{"vendored echarts", "/vendor/echarts-5.6.0/echarts.common.min.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", "echarts"},
		{"echarts licence", "/vendor/echarts-5.6.0/LICENSE", "application/octet-stream", "public, max-age=31536000, immutable", "Apache License"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := serveWeb(t, "GET", tt.path, nil)
			b := body(t, res)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: status %d, want 200", tt.path, res.StatusCode)
			}
			if got := res.Header.Get("Content-Type"); got != tt.contentType {
				t.Errorf("GET %s: Content-Type %q, want %q", tt.path, got, tt.contentType)
			}
			if got := res.Header.Get("Cache-Control"); got != tt.cache {
				t.Errorf("GET %s: Cache-Control %q, want %q", tt.path, got, tt.cache)
			}
			if res.Header.Get("ETag") == "" {
				t.Errorf("GET %s: no ETag", tt.path)
			}
			if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("GET %s: X-Content-Type-Options %q, want nosniff", tt.path, got)
			}
			if !bytes.Contains(b, []byte(tt.contains)) {
				t.Errorf("GET %s: body lacks %q", tt.path, tt.contains)
			}
		})
	}
}

func TestWebHandlerConditionalAndGzip(t *testing.T) {
	const path = "/js/main.js"
	plain := serveWeb(t, "GET", path, nil)
	want := body(t, plain)
	etag := plain.Header.Get("ETag")

	t.Run("If-None-Match gives 304", func(t *testing.T) {
		res := serveWeb(t, "GET", path, map[string]string{"If-None-Match": etag})
		if b := body(t, res); res.StatusCode != http.StatusNotModified || len(b) != 0 {
			t.Errorf("GET %s with If-None-Match %s: status %d with %d bytes, want 304 and none", path, etag, res.StatusCode, len(b))
		}
	})
	t.Run("a stale validator gives 200", func(t *testing.T) {
		res := serveWeb(t, "GET", path, map[string]string{"If-None-Match": `"stale"`})
		if body(t, res); res.StatusCode != http.StatusOK {
			t.Errorf("GET %s with a stale ETag: status %d, want 200", path, res.StatusCode)
		}
	})
	t.Run("gzip when accepted", func(t *testing.T) {
		res := serveWeb(t, "GET", path, map[string]string{"Accept-Encoding": "br, gzip"})
		b := body(t, res)
		if got := res.Header.Get("Content-Encoding"); got != "gzip" {
			t.Fatalf("Content-Encoding %q, want gzip", got)
		}
		if got := res.Header.Get("ETag"); got == etag || got == "" {
			t.Errorf("gzip ETag %q, want one different from the plain %q", got, etag)
		}
		if !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("Vary %q, want Accept-Encoding", res.Header.Get("Vary"))
		}
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("gunzip: %v", err)
		}
		got, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("gunzip: %v", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("gunzipped body differs from the plain one (%d vs %d bytes)", len(got), len(want))
		}
	})
	t.Run("no gzip when refused", func(t *testing.T) {
		res := serveWeb(t, "GET", path, map[string]string{"Accept-Encoding": "gzip;q=0, identity"})
		if body(t, res); res.Header.Get("Content-Encoding") != "" {
			t.Errorf("Content-Encoding %q for gzip;q=0, want none", res.Header.Get("Content-Encoding"))
		}
	})
	t.Run("HEAD has headers and no body", func(t *testing.T) {
		res := serveWeb(t, "HEAD", path, nil)
		if b := body(t, res); res.StatusCode != http.StatusOK || len(b) != 0 || res.Header.Get("ETag") != etag {
			t.Errorf("HEAD %s: status %d, %d bytes, ETag %q; want 200, none, %q", path, res.StatusCode, len(b), res.Header.Get("ETag"), etag)
		}
	})
}

func TestWebHandlerPage(t *testing.T) {
	res := serveWeb(t, "GET", "/", nil)
	page := string(body(t, res))
	csp := res.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
	// The page must work on a closed intranet: nothing from another host.
	if m := regexp.MustCompile(`(?i)(src|href)="(https?:)?//[^"]*"`).FindString(page); m != "" {
		t.Errorf("index.html loads %s from another host", m)
	}
	// Every file the page names is served.
	for _, m := range regexp.MustCompile(`(?:src|href)="([^"?#]+)"`).FindAllStringSubmatch(page, -1) {
		ref := m[1]
		if ref == "./" || strings.HasPrefix(ref, "#") || strings.HasPrefix(ref, "api/") {
			continue
		}
		if res := serveWeb(t, "GET", "/"+ref, nil); res.StatusCode != http.StatusOK {
			t.Errorf("index.html refers to %s, which answers %d", ref, res.StatusCode)
		}
	}
	// Every module imported by another is served.
	for _, mod := range []string{"main", "api", "board", "charts", "document", "dom", "export", "facets", "kpis", "labels", "results", "state", "widgets"} {
		src := string(body(t, serveWeb(t, "GET", "/js/"+mod+".js", nil)))
		for _, m := range regexp.MustCompile(`from "\./([a-z]+\.js)"`).FindAllStringSubmatch(src, -1) {
			if res := serveWeb(t, "GET", "/js/"+m[1], nil); res.StatusCode != http.StatusOK {
				t.Errorf("js/%s.js imports %s, which answers %d", mod, m[1], res.StatusCode)
			}
		}
		if strings.Contains(src, ".innerHTML") || strings.Contains(src, "insertAdjacentHTML") || strings.Contains(src, "document.write") {
			t.Errorf("js/%s.js writes HTML; build elements and text nodes instead", mod)
		}
	}
}

func TestWebHandlerErrors(t *testing.T) {
	tests := []struct {
		name, method, path string
		status             int
		json               bool
	}{
		{"unknown file", "GET", "/nope.js", http.StatusNotFound, false},
		{"directory", "GET", "/js/", http.StatusNotFound, false},
		{"dot segments stay inside", "GET", "/js/../../web.go", http.StatusNotFound, false},
		{"API path", "GET", "/api/v1/nope", http.StatusNotFound, true},
		{"POST", "POST", "/", http.StatusMethodNotAllowed, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := serveWeb(t, tt.method, tt.path, nil)
			b := body(t, res)
			if res.StatusCode != tt.status {
				t.Fatalf("%s %s: status %d, want %d", tt.method, tt.path, res.StatusCode, tt.status)
			}
			if tt.json {
				var e struct {
					Error struct{ Code, Message string } `json:"error"`
				}
				if err := json.Unmarshal(b, &e); err != nil || e.Error.Code != "not_found" {
					t.Errorf("%s %s: body %s, want a JSON not_found error", tt.method, tt.path, b)
				}
			}
		})
	}
}

// BenchmarkWebHandler serves the largest file, the vendored ECharts, as a
// browser asks for it (gzip) and as a revalidation (304).
func BenchmarkWebHandler(b *testing.B) {
	const path = "/vendor/echarts-5.6.0/echarts.common.min.js"
	h := searchapi.WebHandler()
	first := httptest.NewRecorder()
	h.ServeHTTP(first, httptest.NewRequest("GET", path, nil))
	etag := first.Result().Header.Get("ETag")
	for _, bc := range []struct {
		name   string
		header map[string]string
	}{
		{"plain", nil},
		{"gzip", map[string]string{"Accept-Encoding": "gzip"}},
		{"not modified", map[string]string{"If-None-Match": etag}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			req := httptest.NewRequest("GET", path, nil)
			for k, v := range bc.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			b.SetBytes(int64(rec.Body.Len()))
			b.ReportAllocs()
			for b.Loop() {
				w := discardWriter{h: http.Header{}}
				h.ServeHTTP(&w, req)
			}
		})
	}
}

// discardWriter is a ResponseWriter that keeps nothing.
type discardWriter struct {
	h http.Header
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *discardWriter) WriteHeader(int)             {}
