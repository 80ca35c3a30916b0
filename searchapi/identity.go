package searchapi

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/xinfang/xinfang"
)

// Full identity (DOMAIN.md, personal data): every response is masked, except
// that a caller holding RoleIdentity may ask for one document with
// ?identity=full. Each such read is written to the audit log before the
// answer leaves, and an audit log that cannot be written refuses the read.

// RoleIdentity lets a principal read a petitioner's full identity.
const RoleIdentity = "identity"

// Principal is a caller known by a bearer token. The server keeps only the
// token's SHA-256, as the tokens file does.
type Principal struct {
	Name        string   `yaml:"name" json:"name"`
	TokenSHA256 string   `yaml:"token_sha256" json:"-"` // hex
	Roles       []string `yaml:"roles" json:"roles"`
}

// AuditEvent is one read of personal data. It names who read which
// document, never the data itself.
type AuditEvent struct {
	Time       time.Time `json:"time"`
	Principal  string    `json:"principal"`
	Action     string    `json:"action"` // "read_identity"
	DocumentID string    `json:"document_id"`
	RequestID  string    `json:"request_id"`
}

// Codes of the authorisation errors, next to the xinfang error codes.
const (
	codeUnauthorized = "unauthorized"
	codeForbidden    = "forbidden"
)

// principals indexes the configured principals by token hash.
type principals struct {
	list []Principal
	sums [][]byte
}

func newPrincipals(ps []Principal) (*principals, error) {
	out := &principals{}
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
		}
		for _, r := range p.Roles {
			if r != RoleIdentity {
				return nil, fmt.Errorf("principal %s: unknown role %q (want %s)", p.Name, r, RoleIdentity)
			}
		}
		seen[string(sum)] = true
		out.list = append(out.list, p)
		out.sums = append(out.sums, sum)
	}
	return out, nil
}

// authenticate returns the principal of the request's bearer token.
func (ps *principals) authenticate(r *http.Request) (Principal, error) {
	auth := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(auth, "Bearer ")
	if auth == "" || !ok || strings.TrimSpace(token) == "" {
		return Principal{}, errors.New("Authorization: want a bearer token")
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(token)))
	found := -1
	// Compare with every entry in constant time each.
	for i, s := range ps.sums {
		if subtle.ConstantTimeCompare(sum[:], s) == 1 {
			found = i
		}
	}
	if found < 0 {
		return Principal{}, errors.New("Authorization: unknown token")
	}
	return ps.list[found], nil
}

// serveIdentity answers ?identity=full on a document: authenticate,
// authorise, audit, then send the record unmasked.
func (s *Server) serveIdentity(w http.ResponseWriter, r *http.Request, id string) {
	if s.principals == nil || len(s.principals.list) == 0 || s.cfg.Audit == nil {
		writeJSON(w, http.StatusForbidden, errorBody{Error: errorDetail{Code: codeForbidden, Message: "identity: full identity is not enabled on this server"}})
		return
	}
	p, err := s.principals.authenticate(r)
	if err != nil {
		w.Header().Set("WWW-Authenticate", `Bearer realm="xinfang"`)
		writeJSON(w, http.StatusUnauthorized, errorBody{Error: errorDetail{Code: codeUnauthorized, Message: err.Error()}})
		return
	}
	if !slices.Contains(p.Roles, RoleIdentity) {
		writeJSON(w, http.StatusForbidden, errorBody{Error: errorDetail{Code: codeForbidden, Message: "identity: principal " + p.Name + " may not read full identity"}})
		return
	}
	doc, err := s.cfg.Index.Get(r.Context(), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ev := AuditEvent{Time: time.Now().UTC(), Principal: p.Name, Action: "read_identity", DocumentID: id, RequestID: requestIDFrom(r.Context())}
	if err := s.cfg.Audit(r.Context(), ev); err != nil {
		s.log.Error("audit write failed; full identity refused", "principal", p.Name, "request_id", ev.RequestID, "error", err.Error())
		s.writeError(w, r, &xinfang.Error{Code: xinfang.EUNAVAILABLE, Message: "audit log unavailable; full identity is not given without it", Err: err})
		return
	}
	doc.ComplainantKey = ""
	w.Header().Set("Cache-Control", "no-store, private")
	writeJSON(w, http.StatusOK, doc)
}

type requestIDKey struct{}

func requestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}
