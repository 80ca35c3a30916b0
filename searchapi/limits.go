package searchapi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/xinfang/xinfang"
)

// No client can starve the others. A request body is read whole, with its
// own short deadline, before the request takes an in-flight slot, so that
// slow senders hold connections, not slots. Each client (a principal, or an
// address when anonymous) has at most MaxPerClient requests in flight; more
// get 429 at once (ratelimit.go adds a rate per client). Searches with
// expensive phrases have their own small budget in the index, shared out
// per client (named to it with xinfang.WithClient): when it is spent they
// are refused at once with 429 and Retry-After (writeError), never queued.

// Defaults of Config.
const (
	DefaultBodyTimeout = 5 * time.Second
)

// refusalDelay is how long a client over its in-flight limit waits for its
// 429.
const refusalDelay = 250 * time.Millisecond

// readBody reads the request body before next runs, within BodyTimeout;
// a body that has not arrived by then gets 408.
func (s *Server) readBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		rc := http.NewResponseController(w)
		deadline := rc.SetReadDeadline(time.Now().Add(s.cfg.BodyTimeout)) == nil
		body := http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
		data, err := readAllWithin(body, s.cfg.BodyTimeout, deadline)
		if deadline {
			rc.SetReadDeadline(time.Time{})
		}
		if err != nil {
			var maxErr *http.MaxBytesError
			var netErr net.Error
			switch {
			case errors.As(err, &maxErr):
				s.writeError(w, r, err)
			case errors.As(err, &netErr) && netErr.Timeout() || errors.Is(err, errBodyTimeout):
				w.Header().Set("Connection", "close")
				writeJSON(w, http.StatusRequestTimeout, errorBody{Error: errorDetail{Code: xinfang.EINVALID,
					Message: "request body not received within " + s.cfg.BodyTimeout.String()}})
			default:
				s.writeError(w, r, xinfang.FieldError("body", "cannot be read"))
			}
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(data))
		next.ServeHTTP(w, r)
	})
}

var errBodyTimeout = errors.New("request body timeout")

// readAllWithin reads r to the end. When the connection has a read
// deadline (hasDeadline), that bounds the read; otherwise (a writer that
// cannot set one) a timer does, abandoning the reader.
func readAllWithin(r io.Reader, d time.Duration, hasDeadline bool) ([]byte, error) {
	if hasDeadline {
		return io.ReadAll(r)
	}
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := io.ReadAll(r)
		done <- result{data, err}
	}()
	select {
	case res := <-done:
		return res.data, res.err
	case <-time.After(d):
		return nil, errBodyTimeout
	}
}

// waitRefusal waits refusalDelay before a 429 is sent: a client that
// retries in a tight loop then costs a sleeping goroutine, not the CPU
// that other clients need.
func waitRefusal(ctx context.Context) {
	t := time.NewTimer(refusalDelay)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// clientLimits counts the requests in flight per client.
type clientLimits struct {
	mu  sync.Mutex
	n   map[string]int
	max int
}

// clientKey names the client of a request: its principal, or its address.
func clientKey(r *http.Request) string {
	if p, ok := principalFrom(r.Context()); ok {
		return "principal:" + p.Name
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return "address:" + host
}

// perClient lets at most MaxPerClient requests of one client run at once;
// one more gets 429 with Retry-After. It runs before the in-flight limit,
// so one client's crowd cannot take the slots of the others.
func (s *Server) perClient(route string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := clientKey(r)
		l := s.clients
		l.mu.Lock()
		if l.n[key] >= l.max {
			l.mu.Unlock()
			s.metrics.rejected.Inc()
			waitRefusal(r.Context())
			s.tooMany(w, r, route, 1, "too many requests in flight from this client (at most "+strconv.Itoa(l.max)+"); retry later")
			return
		}
		l.n[key]++
		l.mu.Unlock()
		r = r.WithContext(xinfang.WithClient(r.Context(), key))
		defer func() {
			l.mu.Lock()
			if l.n[key]--; l.n[key] == 0 {
				delete(l.n, key)
			}
			l.mu.Unlock()
		}()
		next.ServeHTTP(w, r)
	})
}
