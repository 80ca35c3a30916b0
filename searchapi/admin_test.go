package searchapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"
)

// fakeAdmin reindexes when release is closed (or fails with err).
type fakeAdmin struct {
	started chan struct{}
	release chan struct{}
	err     error
	audit   AuditVerification
}

func (a *fakeAdmin) Reindex(ctx context.Context) (int, error) {
	a.started <- struct{}{}
	<-a.release
	return 42, a.err
}

func (a *fakeAdmin) VerifyAudit(ctx context.Context) (AuditVerification, error) { return a.audit, nil }

// TestAdminReindex: POST starts one reindex in the background (202), a
// second POST while it runs is 409, GET tells its state until done; the
// admin's requests are audited, an analyst's refused.
func TestAdminReindex(t *testing.T) {
	audit := &auditLog{}
	fa := &fakeAdmin{started: make(chan struct{}, 1), release: make(chan struct{}), audit: AuditVerification{OK: true, Entries: 7, Last: "abc"}}
	ts := newTestServer(t, Config{Principals: testPrincipals, Audit: audit.write, Admin: fa})
	admin := caller{name: "admin", header: []string{"Authorization", "Bearer tok-admin"}}
	status := func(rec interface{ Result() *http.Response }) ReindexStatus {
		t.Helper()
		var body struct{ Reindex ReindexStatus }
		if err := json.NewDecoder(rec.Result().Body).Decode(&body); err != nil {
			t.Fatal(err)
		}
		return body.Reindex
	}
	if st := status(ts.doAs(admin, "GET", "/api/v1/admin/reindex", "")); st.State != "idle" {
		t.Errorf("before any reindex: %+v, want idle", st)
	}
	rec := ts.doAs(admin, "POST", "/api/v1/admin/reindex", "")
	if st := status(rec); rec.Code != http.StatusAccepted || st.State != "running" || st.By != "admin-1" || st.StartedAt == nil {
		t.Fatalf("POST reindex: %d %+v, want 202 running by admin-1", rec.Code, st)
	}
	<-fa.started
	if rec := ts.doAs(admin, "POST", "/api/v1/admin/reindex", ""); rec.Code != http.StatusConflict {
		t.Errorf("second POST while running: %d, want 409", rec.Code)
	}
	if st := status(ts.doAs(admin, "GET", "/api/v1/admin/reindex", "")); st.State != "running" {
		t.Errorf("while running: %+v", st)
	}
	close(fa.release)
	deadline := time.Now().Add(time.Minute)
	var st ReindexStatus
	for time.Now().Before(deadline) {
		if st = status(ts.doAs(admin, "GET", "/api/v1/admin/reindex", "")); st.State != "running" {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if st.State != "done" || st.Documents != 42 || st.FinishedAt == nil {
		t.Errorf("after the reindex: %+v, want done with 42 documents", st)
	}
	// A failed reindex says why; another may start after it.
	fa.release, fa.err = make(chan struct{}), errors.New("disk full")
	close(fa.release)
	if rec := ts.doAs(admin, "POST", "/api/v1/admin/reindex", ""); rec.Code != http.StatusAccepted {
		t.Fatalf("POST after a finished reindex: %d", rec.Code)
	}
	<-fa.started
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); {
		if st = status(ts.doAs(admin, "GET", "/api/v1/admin/reindex", "")); st.State != "running" {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if st.State != "failed" || st.Error == "" {
		t.Errorf("after a failing reindex: %+v, want failed with the error", st)
	}

	rec = ts.doAs(admin, "GET", "/api/v1/admin/audit/verify", "")
	var v struct{ Audit AuditVerification }
	if rec.Code != 200 || json.NewDecoder(rec.Body).Decode(&v) != nil || v.Audit != fa.audit {
		t.Errorf("audit verify: %d %s, want 200 with %+v", rec.Code, rec.Body, fa.audit)
	}
	for _, ev := range audit.take() {
		if ev.Principal != "admin-1" || ev.Action != actionAdmin {
			t.Errorf("audit entry %+v, want admin-1's admin action", ev)
		}
	}
	if rec := ts.doAs(caller{header: []string{"Authorization", "Bearer tok-analyst"}}, "POST", "/api/v1/admin/reindex", ""); rec.Code != http.StatusForbidden {
		t.Errorf("analyst POST reindex: %d, want 403", rec.Code)
	}
	if rec := newTestServer(t, Config{}).do("POST", "/api/v1/admin/reindex", nil); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("no Admin configured: %d, want 503", rec.Code)
	}
}
