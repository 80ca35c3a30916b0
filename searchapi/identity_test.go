package searchapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xinfang/xinfang"
)

func tokenSum(token string) string {
	s := sha256.Sum256([]byte(token))
	return hex.EncodeToString(s[:])
}

// auditLog collects audit events; fail makes writes fail.
type auditLog struct {
	mu     sync.Mutex
	events []AuditEvent
	fail   bool
}

func (a *auditLog) write(ctx context.Context, e AuditEvent) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.fail {
		return errors.New("disk full")
	}
	a.events = append(a.events, e)
	return nil
}

func TestIdentity(t *testing.T) {
	audit := &auditLog{}
	ts := newTestServer(t, Config{
		Principals: []Principal{
			{Name: "officer-1", TokenSHA256: tokenSum("s3cret-officer"), Roles: []string{RoleIdentity}},
			{Name: "analyst-1", TokenSHA256: tokenSum("s3cret-analyst")},
		},
		Audit: audit.write,
	})
	tests := []struct {
		name       string
		target     string
		auth       string
		failAudit  bool
		wantStatus int
		wantCode   string
		wantRaw    bool // the raw phone is in the answer
		wantAudit  bool
	}{
		{name: "masked by default", target: "/api/v1/documents/PII-1", wantStatus: 200},
		{name: "masked explicitly", target: "/api/v1/documents/PII-1?identity=masked", auth: "Bearer s3cret-officer", wantStatus: 200},
		{name: "full without token", target: "/api/v1/documents/PII-1?identity=full", wantStatus: 401, wantCode: codeUnauthorized},
		{name: "full with unknown token", target: "/api/v1/documents/PII-1?identity=full", auth: "Bearer guess", wantStatus: 401, wantCode: codeUnauthorized},
		{name: "full with basic auth", target: "/api/v1/documents/PII-1?identity=full", auth: "Basic czNjcmV0", wantStatus: 401, wantCode: codeUnauthorized},
		{name: "full without the role", target: "/api/v1/documents/PII-1?identity=full", auth: "Bearer s3cret-analyst", wantStatus: 403, wantCode: codeForbidden},
		{name: "full for an officer", target: "/api/v1/documents/PII-1?identity=full", auth: "Bearer s3cret-officer", wantStatus: 200, wantRaw: true, wantAudit: true},
		{name: "full of a missing document", target: "/api/v1/documents/NOPE?identity=full", auth: "Bearer s3cret-officer", wantStatus: 404, wantCode: "not_found"},
		{name: "full refused when the audit log fails", target: "/api/v1/documents/PII-1?identity=full", auth: "Bearer s3cret-officer", failAudit: true, wantStatus: 503, wantCode: "unavailable"},
		{name: "bad identity value", target: "/api/v1/documents/PII-1?identity=raw", wantStatus: 400, wantCode: "invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			audit.mu.Lock()
			audit.events, audit.fail = nil, tt.failAudit
			audit.mu.Unlock()
			var hdr []string
			if tt.auth != "" {
				hdr = []string{"Authorization", tt.auth}
			}
			rec := ts.do("GET", tt.target, nil, hdr...)
			if rec.Code != tt.wantStatus {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.wantStatus, rec.Body)
			}
			if tt.wantCode != "" {
				if e := decodeError(t, rec.Body.Bytes()); e.Code != tt.wantCode {
					t.Errorf("code %q, want %q (%s)", e.Code, tt.wantCode, e.Message)
				}
			}
			if raw := strings.Contains(rec.Body.String(), "13900001234"); raw != tt.wantRaw {
				t.Errorf("raw phone in answer = %v, want %v", raw, tt.wantRaw)
			}
			audit.mu.Lock()
			events := audit.events
			audit.mu.Unlock()
			if !tt.wantAudit {
				if len(events) != 0 {
					t.Errorf("audit events %v, want none", events)
				}
				return
			}
			if len(events) != 1 {
				t.Fatalf("audit events %v, want one", events)
			}
			ev := events[0]
			want := AuditEvent{Time: ev.Time, Principal: "officer-1", Action: "read_identity", DocumentID: "PII-1", RequestID: rec.Header().Get("X-Request-Id")}
			if diff := cmp.Diff(want, ev); diff != "" || ev.Time.IsZero() || ev.RequestID == "" {
				t.Errorf("audit event mismatch (-want +got):\n%s", diff)
			}
			// The audit record holds no personal data.
			b, _ := json.Marshal(ev)
			for _, p := range piiRaw {
				if strings.Contains(string(b), p) {
					t.Errorf("audit event holds %q", p)
				}
			}
			var doc xinfang.Document
			if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Record.Petitioner.Name != "赵某某" || doc.ComplainantKey != "" {
				t.Errorf("full document: petitioner %+v, complainant key %q", doc.Record.Petitioner, doc.ComplainantKey)
			}
		})
	}
}

func TestIdentityDisabled(t *testing.T) {
	ts := newTestServer(t, Config{})
	rec := ts.do("GET", "/api/v1/documents/PII-1?identity=full", nil, "Authorization", "Bearer anything")
	if rec.Code != 403 {
		t.Fatalf("status %d, want 403: %s", rec.Code, rec.Body)
	}
	if strings.Contains(rec.Body.String(), "13900001234") {
		t.Errorf("answer holds the raw phone")
	}
}

func TestPrincipalsConfig(t *testing.T) {
	fake := newTestServer(t, Config{}).fake
	audit := (&auditLog{}).write
	tests := []struct {
		name string
		ps   []Principal
		aud  func(context.Context, AuditEvent) error
	}{
		{"no audit", []Principal{{Name: "a", TokenSHA256: tokenSum("x"), Roles: []string{RoleIdentity}}}, nil},
		{"no name", []Principal{{TokenSHA256: tokenSum("x")}}, audit},
		{"bad hash", []Principal{{Name: "a", TokenSHA256: "abc"}}, audit},
		{"same token twice", []Principal{{Name: "a", TokenSHA256: tokenSum("x")}, {Name: "b", TokenSHA256: tokenSum("x")}}, audit},
		{"unknown role", []Principal{{Name: "a", TokenSHA256: tokenSum("x"), Roles: []string{"admin"}}}, audit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(Config{Index: fake, Analyzer: searchapitestAnalyzer(), Principals: tt.ps, Audit: tt.aud})
			if err == nil {
				t.Errorf("New with %s = nil error, want one", tt.name)
			}
		})
	}
}
