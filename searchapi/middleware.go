package searchapi

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/xinfang/xinfang"
)

// instrument records the metrics and the access log of one route. The log
// holds the route pattern, never the path or query string: both may carry
// personal data typed into a search box.
func (s *Server) instrument(route string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := requestID()
		w.Header().Set("X-Request-Id", id)
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
		status := sw.status
		if status == 0 {
			status = http.StatusOK
		}
		d := time.Since(start)
		s.metrics.observe(route, status, d.Seconds())
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "http request",
			slog.String("method", r.Method),
			slog.String("route", route),
			slog.Int("status", status),
			slog.Int64("bytes", sw.bytes),
			slog.Duration("duration", d),
			slog.String("request_id", id),
			slog.String("client_request_id", clientRequestID(r)),
		)
	})
}

// statusClientClosed is recorded when the client goes away before the
// answer (nginx's convention); nothing reads it.
const statusClientClosed = 499

// requestID returns a new random request id. The caller's X-Request-Id is
// never used as ours (a caller could reuse one to blur the audit trail); it
// is logged apart as client_request_id.
func requestID() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// clientRequestID returns the caller's X-Request-Id when it is a plain
// token, "" otherwise.
func clientRequestID(r *http.Request) string {
	if id := r.Header.Get("X-Request-Id"); id != "" && len(id) <= 64 && strings.IndexFunc(id, func(c rune) bool {
		return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.')
	}) < 0 {
		return id
	}
	return ""
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// recoverPanics turns a panic into a 500 JSON error and logs the stack.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.panicked(w, r, p, debug.Stack())
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func (s *Server) panicked(w http.ResponseWriter, r *http.Request, p any, stack []byte) {
	s.writeError(w, r, &xinfang.Error{Code: xinfang.EINTERNAL, Err: fmt.Errorf("panic: %v\n%s", p, stack)})
}

// guard bounds an API request: at most MaxInFlight run at once (more get
// 503 at once rather than queueing), and each gets RequestTimeout. The
// handler runs in its own goroutine writing to a buffer, so that a call
// that ignores its context still yields a clean 504 on time; its slot is
// only freed when it really returns, so stuck calls cannot pile up beyond
// the limit.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case s.sem <- struct{}{}:
		default:
			s.metrics.rejected.Inc()
			w.Header().Set("Retry-After", "1")
			s.writeError(w, r, xinfang.Errorf(xinfang.EUNAVAILABLE, "server busy: too many requests in flight, retry later"))
			return
		}
		s.metrics.inFlight.Inc()
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.RequestTimeout)
		defer cancel()
		bw := &bufferWriter{header: http.Header{}}
		type panicked struct {
			v     any
			stack []byte
		}
		done := make(chan *panicked, 1)
		go func() {
			defer func() {
				s.metrics.inFlight.Dec()
				<-s.sem
			}()
			defer func() {
				if p := recover(); p != nil {
					done <- &panicked{p, debug.Stack()}
					return
				}
				done <- nil
			}()
			next.ServeHTTP(bw, r.WithContext(ctx))
		}()
		select {
		case p := <-done:
			if p != nil {
				if p.v == http.ErrAbortHandler {
					panic(p.v)
				}
				s.panicked(w, r, p.v, p.stack)
				return
			}
			// A handler that saw the client leave ends with its own error
			// (context canceled, 503) and may beat ctx.Done to this select.
			if !clientGone(w, r) {
				bw.copyTo(w)
			}
		case <-ctx.Done():
			bw.abandon()
			if !clientGone(w, r) {
				s.writeError(w, r, ctx.Err())
			}
		}
	})
}

// clientGone records statusClientClosed and reports true when the client
// went away: nobody reads an answer, but the metrics and the log should not
// count it as served, nor as a failure of the server.
func clientGone(w http.ResponseWriter, r *http.Request) bool {
	if r.Context().Err() == nil {
		return false
	}
	w.WriteHeader(statusClientClosed)
	return true
}

// bufferWriter is the ResponseWriter of a guarded handler. After abandon,
// writes are dropped.
type bufferWriter struct {
	mu        sync.Mutex
	header    http.Header
	status    int
	body      bytes.Buffer
	abandoned bool
}

func (b *bufferWriter) Header() http.Header { return b.header }

func (b *bufferWriter) WriteHeader(code int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.status == 0 {
		b.status = code
	}
}

func (b *bufferWriter) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.abandoned {
		return 0, errors.New("searchapi: response abandoned after timeout")
	}
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

func (b *bufferWriter) abandon() {
	b.mu.Lock()
	b.abandoned = true
	b.mu.Unlock()
}

func (b *bufferWriter) copyTo(w http.ResponseWriter) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for k, v := range b.header {
		w.Header()[k] = v
	}
	status := b.status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	w.Write(b.body.Bytes())
}
