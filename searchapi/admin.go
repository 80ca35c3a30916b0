package searchapi

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/xinfang/xinfang"
)

// Admin operations over HTTP (role admin, audited): the CLI's `xinfang
// reindex` and `xinfang audit verify` on the running node. A reindex takes
// minutes on a large index, longer than a request may, so POST starts it
// in the background (202) and GET tells how it goes; one runs at a time.
// Verifying the audit log reads it whole within the request timeout: for a
// log too long for that, use the CLI.

// Admin runs the operations; cmd/xinfang wires the index and the audit log.
type Admin interface {
	// Reindex rebuilds the index from the stored records with the
	// running analyzer and swaps it in, searches and writes going on
	// meanwhile; it returns the documents of the new index.
	Reindex(ctx context.Context) (int, error)
	// VerifyAudit checks the hash chain of the audit log.
	VerifyAudit(ctx context.Context) (AuditVerification, error)
}

// AuditVerification is the outcome of checking the audit log's chain.
type AuditVerification struct {
	// OK is false when a line was edited, removed or moved; Error names
	// the first such line.
	OK      bool   `json:"ok"`
	Entries int64  `json:"entries"` // whole entries before the first break
	Last    string `json:"last_hash,omitempty"`
	// TornBytes is a torn last line (a write that never completed), cut
	// off when the log is next opened.
	TornBytes int    `json:"torn_bytes,omitempty"`
	Error     string `json:"error,omitempty"`
}

// ReindexStatus is the state of the node's latest reindex.
type ReindexStatus struct {
	State      string     `json:"state"` // idle, running, done, failed
	StartedAt  *time.Time `json:"started_at,omitempty"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
	Documents  int        `json:"documents,omitempty"`
	By         string     `json:"by,omitempty"` // the principal who started it
	Error      string     `json:"error,omitempty"`
}

// reindexJob holds the latest reindex; guarded by mu.
type reindexJob struct {
	mu     sync.Mutex
	status ReindexStatus
}

func (s *Server) adminRoutes() []route {
	return []route{
		{method: "POST", path: "/api/v1/admin/reindex", handler: s.handleReindex, api: true, role: RoleAdmin, action: actionAdmin},
		{method: "GET", path: "/api/v1/admin/reindex", handler: s.handleReindexStatus, api: true, role: RoleAdmin, action: actionAdmin},
		{method: "GET", path: "/api/v1/admin/audit/verify", handler: s.handleVerifyAudit, api: true, role: RoleAdmin, action: actionAdmin},
	}
}

// admin returns the configured operations, or writes 503 and returns nil.
func (s *Server) admin(w http.ResponseWriter, r *http.Request) Admin {
	if s.cfg.Admin == nil {
		s.writeError(w, r, xinfang.Errorf(xinfang.EUNAVAILABLE, "admin operations are not enabled on this server"))
	}
	return s.cfg.Admin
}

func (s *Server) handleReindex(w http.ResponseWriter, r *http.Request) {
	a := s.admin(w, r)
	if a == nil {
		return
	}
	j := &s.reindex
	j.mu.Lock()
	if j.status.State == "running" {
		st := j.status
		j.mu.Unlock()
		writeJSON(w, http.StatusConflict, map[string]any{
			"error":   errorDetail{Code: xinfang.ECONFLICT, Message: "a reindex is already running"},
			"reindex": st,
		})
		return
	}
	now := time.Now().UTC()
	p, _ := principalFrom(r.Context())
	j.status = ReindexStatus{State: "running", StartedAt: &now, By: p.Name}
	st := j.status
	j.mu.Unlock()
	// The reindex outlives the request: the Admin bounds it by the
	// node's life.
	ctx := context.WithoutCancel(r.Context())
	go func() {
		n, err := a.Reindex(ctx)
		end := time.Now().UTC()
		j.mu.Lock()
		defer j.mu.Unlock()
		j.status.FinishedAt = &end
		if err != nil {
			j.status.State, j.status.Error = "failed", xinfang.MaskText(err.Error())
			s.log.Error("reindex failed", "error", j.status.Error)
			return
		}
		j.status.State, j.status.Documents = "done", n
		s.log.Info("reindex done", "documents", n, "duration", end.Sub(*j.status.StartedAt))
	}()
	w.Header().Set("Location", "/api/v1/admin/reindex")
	writeJSON(w, http.StatusAccepted, map[string]any{"reindex": st})
}

func (s *Server) handleReindexStatus(w http.ResponseWriter, r *http.Request) {
	if s.admin(w, r) == nil {
		return
	}
	s.reindex.mu.Lock()
	st := s.reindex.status
	s.reindex.mu.Unlock()
	if st.State == "" {
		st.State = "idle"
	}
	writeJSON(w, http.StatusOK, map[string]any{"reindex": st})
}

func (s *Server) handleVerifyAudit(w http.ResponseWriter, r *http.Request) {
	a := s.admin(w, r)
	if a == nil {
		return
	}
	v, err := a.VerifyAudit(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"audit": v})
}
