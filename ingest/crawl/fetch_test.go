package crawl

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gocolly/colly/v2"
)

func TestTransport(t *testing.T) {
	const limit = 64 << 10
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	bomb := makeBomb(32) // 32 KiB that inflate to 32 MiB
	page := []byte("<html><head><meta charset=gbk></head><body>" + strings.Repeat("x", 100) + "</body></html>")
	tests := []struct {
		name     string
		handler  http.HandlerFunc
		wantErr  error
		wantBody string
	}{
		{
			name: "gzip decoded",
			handler: func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("Accept-Encoding") != "gzip" {
					t.Errorf("Accept-Encoding = %q, want gzip", r.Header.Get("Accept-Encoding"))
				}
				w.Header().Set("Content-Encoding", "gzip")
				w.Write(gz(page))
			},
			wantBody: "xxxx</body>",
		},
		{
			name: "gzip bomb stopped at the cap",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.Header().Set("Content-Encoding", "gzip")
				w.Write(bomb)
			},
			wantErr: ErrBodyTooLarge,
		},
		{
			name: "non-HTML gzip bomb stopped at the cap",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/octet-stream")
				w.Header().Set("Content-Encoding", "gzip")
				w.Write(bomb)
			},
			wantErr: ErrBodyTooLarge,
		},
		{
			name: "Content-Length over the cap",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Length", "1000000")
				w.Write(make([]byte, 1000000))
			},
			wantErr: ErrBodyTooLarge,
		},
		{
			name: "chunked body over the cap",
			handler: func(w http.ResponseWriter, r *http.Request) {
				for range 20 {
					w.Write(bytes.Repeat([]byte("a"), 8<<10))
					w.(http.Flusher).Flush()
				}
			},
			wantErr: ErrBodyTooLarge,
		},
		{
			name: "body of exactly the cap",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.Write(bytes.Repeat([]byte("b"), limit))
			},
			wantBody: "bbbb",
		},
		{
			name: "unknown content encoding",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Encoding", "br")
				w.Write([]byte("??"))
			},
			wantErr: errors.New("unsupported Content-Encoding"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			client := &http.Client{Transport: newTransport(limit, 5*time.Second)}
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			resp, err := client.Get(srv.URL)
			var body []byte
			if err == nil {
				body, err = io.ReadAll(resp.Body)
				resp.Body.Close()
			}
			switch {
			case tt.wantErr == nil && err != nil:
				t.Fatalf("GET: %v", err)
			case tt.wantErr != nil && err == nil:
				t.Fatalf("GET succeeded with %d bytes, want error %v", len(body), tt.wantErr)
			case tt.wantErr == ErrBodyTooLarge && !errors.Is(err, ErrBodyTooLarge):
				t.Fatalf("GET error = %v, want ErrBodyTooLarge", err)
			case tt.wantErr != nil && !strings.Contains(err.Error(), tt.wantErr.Error()):
				t.Fatalf("GET error = %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr == nil {
				if !strings.Contains(string(body), tt.wantBody) {
					t.Errorf("body = %.100q, want it to contain %q", body, tt.wantBody)
				}
				if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
					t.Errorf("Content-Type = %q, want text/html; charset=utf-8", ct)
				}
			}
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			if grew := int64(after.TotalAlloc) - int64(before.TotalAlloc); grew > 8<<20 {
				t.Errorf("allocated %d MiB for a %d KiB cap", grew>>20, limit>>10)
			}
		})
	}
}

// TestCollyMaxBodySizeCountsCompressedBytes documents why the crawler caps
// bodies in its own transport: colly applies MaxBodySize to the compressed
// stream when it decompresses gzip itself, so a 32 KiB gzip bomb passes a
// 64 KiB limit and inflates to 32 MiB in memory.
func TestCollyMaxBodySizeCountsCompressedBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates 32 MiB")
	}
	bomb := makeBomb(32)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	}))
	defer srv.Close()
	c := colly.NewCollector(colly.MaxBodySize(64 << 10))
	var got int
	c.OnResponse(func(r *colly.Response) { got = len(r.Body) })
	// Asking for gzip explicitly, as a crawler that wants compression must,
	// turns off the Go transport's own (unbounded but streamed) decoding.
	if err := c.Request(http.MethodGet, srv.URL, nil, nil, http.Header{"Accept-Encoding": {"gzip"}}); err != nil {
		t.Fatal(err)
	}
	if got <= 64<<10 {
		t.Skipf("colly now bounds the decompressed body (%d bytes); the transport's cap could go", got)
	}
	t.Logf("colly MaxBodySize 64 KiB let a gzip body inflate to %d MiB", got>>20)
}
