package searchapi

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/xinfang/xinfang"
)

// Request rates. With Config.RateLimit > 0 each client (a principal, or an
// address when anonymous) may send RateLimit API requests per second on
// average, RateBurst at once; a request beyond is refused at once with 429
// and a Retry-After of the seconds until the client's next token, and the
// refusal is audited as 401 and 403 are. The limiters of clients idle long
// enough to have refilled are dropped now and then, so the map stays as
// small as the set of active clients.

// rateSweepEvery is how often idle limiters are dropped.
const rateSweepEvery = time.Minute

type rateLimits struct {
	mu        sync.Mutex
	limit     rate.Limit
	burst     int
	clients   map[string]*rate.Limiter
	lastSweep time.Time
}

func newRateLimits(perSecond float64, burst int) *rateLimits {
	if perSecond <= 0 {
		return nil
	}
	if burst <= 0 {
		burst = max(1, int(math.Ceil(perSecond)))
	}
	return &rateLimits{limit: rate.Limit(perSecond), burst: burst, clients: map[string]*rate.Limiter{}}
}

// take spends one token of client key at now; when there is none it returns
// how long until there will be.
func (l *rateLimits) take(key string, now time.Time) (ok bool, wait time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.lastSweep) >= rateSweepEvery {
		for k, lim := range l.clients {
			if lim.TokensAt(now) >= float64(l.burst) {
				delete(l.clients, k)
			}
		}
		l.lastSweep = now
	}
	lim := l.clients[key]
	if lim == nil {
		lim = rate.NewLimiter(l.limit, l.burst)
		l.clients[key] = lim
	}
	res := lim.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return false, d
	}
	return true, 0
}

// rateLimit refuses a client's request beyond its rate with 429 (audited
// when the server audits). It runs after authentication, so that a
// principal's requests count together from every address.
func (s *Server) rateLimit(route string, next http.Handler) http.Handler {
	if s.rates == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok, wait := s.rates.take(clientKey(r), time.Now())
		if ok {
			next.ServeHTTP(w, r)
			return
		}
		s.metrics.rejected.Inc()
		secs := int(math.Ceil(wait.Seconds()))
		msg := "too many requests from this client (at most " + strconv.FormatFloat(float64(s.rates.limit), 'f', -1, 64) +
			" a second, " + strconv.Itoa(s.rates.burst) + " at once); retry in " + strconv.Itoa(secs) + " s"
		s.tooMany(w, r, route, secs, msg)
	})
}

// tooMany answers 429 with Retry-After and audits the refusal when the
// server audits.
func (s *Server) tooMany(w http.ResponseWriter, r *http.Request, route string, retryAfter int, msg string) {
	if s.cfg.Audit != nil {
		p, _ := principalFrom(r.Context())
		s.auditRefusal(r, route, p, http.StatusTooManyRequests, msg)
	}
	w.Header().Set("Retry-After", strconv.Itoa(max(retryAfter, 1)))
	writeJSON(w, http.StatusTooManyRequests, errorBody{Error: errorDetail{Code: xinfang.EUNAVAILABLE, Message: msg}})
}
