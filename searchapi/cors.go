package searchapi

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// CORS. A dashboard served from another origin may call the API when its
// origin is listed in Config.CORSOrigins (none by default). A listed origin
// gets Access-Control-Allow-Origin with its own value, never "*", and its
// preflight (OPTIONS with Access-Control-Request-Method) is answered 204
// with the methods and headers the API takes, Authorization included,
// before access control: a browser sends no credential with a preflight.
// Other origins get no CORS header, so their browsers withhold the answers.
// Tokens travel in the Authorization header, not in cookies, so no
// Access-Control-Allow-Credentials is sent.

const (
	corsMethods = "GET, POST, DELETE"
	corsHeaders = "Authorization, Content-Type, X-Request-Id"
	// corsExpose are the answer headers a cross-origin script may read.
	corsExpose = "X-Request-Id, Retry-After"
	// corsMaxAge is how long a browser may cache a preflight, in seconds.
	corsMaxAge = 600
)

// ParseOrigins checks a list of allowed origins (scheme://host[:port], as a
// browser sends them in Origin) and returns them in canonical form.
func ParseOrigins(list []string) ([]string, error) {
	var out []string
	for _, o := range list {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		if o == "*" {
			return nil, fmt.Errorf("CORS origin %q: list the dashboards' origins; any origin would let every web page read the API with a user's token", o)
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
			(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
			return nil, fmt.Errorf("CORS origin %q: want scheme://host[:port], e.g. https://dashboard.example.gov.cn", o)
		}
		out = append(out, strings.ToLower(u.Scheme+"://"+u.Host))
	}
	return out, nil
}

// cors wraps the whole server with the CORS answers for cfg.CORSOrigins.
func (s *Server) cors(next http.Handler) http.Handler {
	if len(s.cfg.CORSOrigins) == 0 {
		return next
	}
	allowed := map[string]bool{}
	for _, o := range s.cfg.CORSOrigins {
		allowed[o] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The answer depends on Origin whatever it is: caches must key on it.
		w.Header().Add("Vary", "Origin")
		origin := r.Header.Get("Origin")
		if origin == "" || !allowed[strings.ToLower(origin)] {
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Add("Vary", "Access-Control-Request-Method")
			h.Add("Vary", "Access-Control-Request-Headers")
			h.Set("Access-Control-Allow-Methods", corsMethods)
			h.Set("Access-Control-Allow-Headers", corsHeaders)
			h.Set("Access-Control-Max-Age", strconv.Itoa(corsMaxAge))
			w.WriteHeader(http.StatusNoContent)
			return
		}
		h.Set("Access-Control-Expose-Headers", corsExpose)
		next.ServeHTTP(w, r)
	})
}
