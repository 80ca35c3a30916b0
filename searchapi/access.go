package searchapi

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"slices"
	"strings"

	"github.com/xinfang/xinfang"
)

// Access control. When the server has principals (bearer tokens) or a
// trusted proxy, every route but the public ones (health, readiness, the
// dashboard's static files, which hold no data) needs a credential, and each
// route names the role it needs in routes(). Without either, the server is
// open: cmd/xinfang then listens on loopback only.

// Roles. A role implies those listed in roleImplies: identity ⊃ analyst ⊃
// viewer, admin ⊃ metrics.
const (
	// RoleViewer sees counts, facets, trends and histograms, never the text
	// of a record: documents are refused, and so is a search with size > 0.
	RoleViewer = "viewer"
	// RoleAnalyst reads masked records, clusters, risks, and exports.
	RoleAnalyst = "analyst"
	// RoleIdentity reads a record's full identity, with a reason.
	RoleIdentity = "identity"
	// RoleAdmin runs operations (audit verification and the like).
	RoleAdmin = "admin"
	// RoleMetrics scrapes /metrics.
	RoleMetrics = "metrics"
)

// Route access levels that are not roles a principal holds.
const (
	// rolePublic routes answer without a credential.
	rolePublic = "public"
	// roleAny routes answer any authenticated principal.
	roleAny = "any"
)

// Roles lists the roles a principal may hold, in the order of the README.
var Roles = []string{RoleViewer, RoleAnalyst, RoleIdentity, RoleAdmin, RoleMetrics}

var roleImplies = map[string][]string{
	RoleAnalyst:  {RoleViewer},
	RoleIdentity: {RoleAnalyst, RoleViewer},
	RoleAdmin:    {RoleMetrics},
}

// Principal is a caller known by a bearer token or named by the trusted
// proxy. The server keeps only the token's SHA-256, as the principals file
// does.
type Principal struct {
	Name        string   `yaml:"name" json:"name"`
	TokenSHA256 string   `yaml:"token_sha256" json:"-"` // hex
	Roles       []string `yaml:"roles" json:"roles"`
}

// has reports whether p holds role, directly or by implication.
func (p Principal) has(role string) bool {
	if role == roleAny || role == rolePublic {
		return true
	}
	for _, r := range p.Roles {
		if r == role || slices.Contains(roleImplies[r], role) {
			return true
		}
	}
	return false
}

// TrustedProxy accepts the user and roles that a reverse proxy (which did
// the authentication) sets in headers, from the proxy's addresses only.
type TrustedProxy struct {
	// Networks are the source addresses of the proxy; a request from
	// anywhere else that carries UserHeader is refused.
	Networks []netip.Prefix
	// UserHeader names the user (default X-Remote-User).
	UserHeader string
	// RolesHeader lists the user's roles, comma-separated (default
	// X-Remote-Roles).
	RolesHeader string
}

// Default header names of TrustedProxy.
const (
	DefaultProxyUserHeader  = "X-Remote-User"
	DefaultProxyRolesHeader = "X-Remote-Roles"
)

// Codes of the authorisation errors, next to the xinfang error codes.
const (
	codeUnauthorized = "unauthorized"
	codeForbidden    = "forbidden"
)

// authn authenticates requests by bearer token or trusted proxy.
type authn struct {
	list  []Principal
	sums  [][]byte
	proxy *TrustedProxy
}

func newAuthn(ps []Principal, proxy *TrustedProxy) (*authn, error) {
	out := &authn{}
	seen := map[string]bool{}
	for i, p := range ps {
		sum, err := hex.DecodeString(strings.TrimSpace(p.TokenSHA256))
		switch {
		case strings.TrimSpace(p.Name) == "":
			return nil, fmt.Errorf("principal %d: name is empty", i+1)
		case err != nil || len(sum) != sha256.Size:
			return nil, fmt.Errorf("principal %s: token_sha256 is not 64 hex digits", p.Name)
		case seen[string(sum)]:
			return nil, fmt.Errorf("principal %s: token_sha256 is used twice", p.Name)
		case len(p.Roles) == 0:
			return nil, fmt.Errorf("principal %s: no roles (want some of %s)", p.Name, strings.Join(Roles, ", "))
		}
		for _, r := range p.Roles {
			if !slices.Contains(Roles, r) {
				return nil, fmt.Errorf("principal %s: unknown role %q (want %s)", p.Name, r, strings.Join(Roles, ", "))
			}
		}
		seen[string(sum)] = true
		out.list = append(out.list, p)
		out.sums = append(out.sums, sum)
	}
	if proxy != nil {
		px := *proxy
		if len(px.Networks) == 0 {
			return nil, errors.New("trusted proxy: no source networks")
		}
		if px.UserHeader == "" {
			px.UserHeader = DefaultProxyUserHeader
		}
		if px.RolesHeader == "" {
			px.RolesHeader = DefaultProxyRolesHeader
		}
		out.proxy = &px
	}
	return out, nil
}

// enabled reports whether requests need credentials.
func (a *authn) enabled() bool { return len(a.list) > 0 || a.proxy != nil }

// authenticate returns the principal of a request.
func (a *authn) authenticate(r *http.Request) (Principal, error) {
	if a.proxy != nil {
		if user := r.Header.Get(a.proxy.UserHeader); user != "" {
			return a.fromProxy(r, user)
		}
	}
	auth := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(auth, "Bearer ")
	if auth == "" || !ok || strings.TrimSpace(token) == "" {
		return Principal{}, errors.New("Authorization: want a bearer token")
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(token)))
	found := -1
	// Compare with every entry in constant time each.
	for i, s := range a.sums {
		if subtle.ConstantTimeCompare(sum[:], s) == 1 {
			found = i
		}
	}
	if found < 0 {
		return Principal{}, errors.New("Authorization: unknown token")
	}
	return a.list[found], nil
}

func (a *authn) fromProxy(r *http.Request, user string) (Principal, error) {
	px := a.proxy
	addr, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil || !slices.ContainsFunc(px.Networks, func(n netip.Prefix) bool { return n.Contains(addr.Addr().Unmap()) }) {
		return Principal{}, fmt.Errorf("%s: accepted only from the trusted proxy", px.UserHeader)
	}
	if len(user) > 100 || strings.ContainsAny(user, "\r\n") {
		return Principal{}, fmt.Errorf("%s: not a user name", px.UserHeader)
	}
	p := Principal{Name: user}
	for _, role := range strings.Split(r.Header.Get(px.RolesHeader), ",") {
		role = strings.TrimSpace(role)
		if role == "" {
			continue
		}
		if !slices.Contains(Roles, role) {
			return Principal{}, fmt.Errorf("%s: unknown role %q", px.RolesHeader, truncate(role))
		}
		p.Roles = append(p.Roles, role)
	}
	return p, nil
}

type principalKey struct{}

// principalFrom returns the principal of an authenticated request.
func principalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// authorize lets a request through to next when it may use a route that
// needs role; otherwise it answers 401 (no or bad credential) or 403 (a
// principal without the role) and audits the refusal. It runs before the
// in-flight limit, so refused requests take no slot.
func (s *Server) authorize(route, role string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if role == rolePublic || !s.authn.enabled() {
			next.ServeHTTP(w, r)
			return
		}
		p, err := s.authn.authenticate(r)
		if err != nil {
			s.refuse(w, r, route, Principal{}, http.StatusUnauthorized, err.Error())
			return
		}
		if !p.has(role) {
			s.refuse(w, r, route, p, http.StatusForbidden, fmt.Sprintf("principal %s lacks the role %s for %s", p.Name, role, route))
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), principalKey{}, p)))
	})
}

// refuse answers 401 or 403 and audits it; a refusal that cannot be audited
// is still refused, and the failure is logged.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, route string, p Principal, status int, msg string) {
	ev := s.auditRefusal(r, route, p, status, msg)
	code := codeForbidden
	if status == http.StatusUnauthorized {
		code = codeUnauthorized
		w.Header().Set("WWW-Authenticate", `Bearer realm="xinfang"`)
	}
	writeJSON(w, status, errorBody{Error: errorDetail{Code: code, Message: ev.Refusal}})
}

// auditRefusal writes the audit entry of a refusal (401, 403, 429) and
// returns it; a failed write is logged, and the request is refused anyway.
func (s *Server) auditRefusal(r *http.Request, route string, p Principal, status int, msg string) AuditEvent {
	ev := s.auditEvent(r, route, p)
	ev.Action, ev.Status, ev.Refusal = actionRefused, status, xinfang.MaskText(msg)
	if err := s.cfg.Audit(r.Context(), ev); err != nil {
		s.log.Error("audit write failed for a refusal", "request_id", ev.RequestID, "error", err.Error())
	}
	return ev
}

// requireRole refuses (403, audited by the audit wrapper) a request whose
// principal lacks role for part of a route: a viewer asking for records.
// It reports whether the request may go on. An open server allows all.
func (s *Server) requireRole(w http.ResponseWriter, r *http.Request, role, what string) bool {
	if !s.authn.enabled() {
		return true
	}
	p, _ := principalFrom(r.Context())
	if p.has(role) {
		return true
	}
	msg := fmt.Sprintf("principal %s lacks the role %s for %s", p.Name, role, what)
	noteFrom(r.Context()).refusal = msg
	writeJSON(w, http.StatusForbidden, errorBody{Error: errorDetail{Code: codeForbidden, Message: msg}})
	return false
}
