package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeAdmin runs `xinfang serve` with principals, CORS origins and a
// rate limit, and uses the admin routes as an operator would: a reindex of
// the real index over HTTP (searches answer meanwhile and after), the audit
// log verified over HTTP, a dashboard on another origin allowed, and an
// analyst over the rate refused with 429 and audited.
func TestServeAdmin(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole server; skipped with -short")
	}
	data := t.TempDir()
	docs := seedIndex(t, data, 20)
	var yml strings.Builder
	for _, p := range []struct{ name, token, role string }{{"admin-1", "admin-token", "admin"}, {"analyst-1", "analyst-token", "analyst"}} {
		sum := sha256.Sum256([]byte(p.token))
		fmt.Fprintf(&yml, "- name: %s\n  token_sha256: %s\n  roles: [%s]\n", p.name, hex.EncodeToString(sum[:]), p.role)
	}
	principals := filepath.Join(t.TempDir(), "principals.yaml")
	if err := os.WriteFile(principals, []byte(yml.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(t.TempDir(), "record.key")
	if err := os.WriteFile(keyFile, []byte(testRecordKey+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, done, stderr := startServe(t, ctx, "--data", data, "--addr", "127.0.0.1:0", "--principals", principals,
		"--record-key", keyFile, "--cors-origins", "https://dash.example.gov.cn", "--rate-limit", "1", "--rate-burst", "10")
	defer func() {
		cancel()
		<-done
	}()
	do := func(method, path, token string, header ...string) (int, http.Header, string) {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header, string(b)
	}

	if code, _, body := do("POST", "api/v1/admin/reindex", "analyst-token"); code != 403 {
		t.Errorf("analyst starts a reindex: %d %s, want 403", code, body)
	}
	code, _, body := do("POST", "api/v1/admin/reindex", "admin-token")
	if code != 202 || !strings.Contains(body, `"state":"running"`) {
		t.Fatalf("admin starts a reindex: %d %s, want 202 running", code, body)
	}
	var st struct {
		Reindex struct {
			State     string
			Documents int
			Error     string
		}
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		code, _, body = do("GET", "api/v1/admin/reindex", "admin-token")
		if code != 200 || json.Unmarshal([]byte(body), &st) != nil {
			t.Fatalf("reindex status: %d %s", code, body)
		}
		if st.Reindex.State != "running" || time.Now().After(deadline) {
			break
		}
		time.Sleep(1100 * time.Millisecond) // within the admin's rate
	}
	if st.Reindex.State != "done" || st.Reindex.Documents != len(docs) {
		t.Fatalf("reindex ended %+v, want done with %d documents\nstderr:\n%s", st.Reindex, len(docs), stderr)
	}
	if code, _, body := do("GET", "api/v1/search?size=0", "analyst-token"); code != 200 || !strings.Contains(body, fmt.Sprintf(`"total":%d`, len(docs))) {
		t.Errorf("search after the reindex: %d %.200s, want all %d documents", code, body, len(docs))
	}

	code, _, body = do("GET", "api/v1/admin/audit/verify", "admin-token")
	var v struct {
		Audit struct {
			OK      bool
			Entries int
		}
	}
	if code != 200 || json.Unmarshal([]byte(body), &v) != nil || !v.Audit.OK || v.Audit.Entries < 4 {
		t.Errorf("audit verify over HTTP: %d %s, want ok with the entries so far", code, body)
	}

	// A dashboard on the listed origin; its preflight needs no token.
	code, h, _ := do("OPTIONS", "api/v1/search", "", "Origin", "https://dash.example.gov.cn", "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization")
	if code != 204 || h.Get("Access-Control-Allow-Origin") != "https://dash.example.gov.cn" || !strings.Contains(h.Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Errorf("preflight from the listed origin: %d %v", code, h)
	}
	if _, h, _ := do("GET", "api/v1/search?size=0", "analyst-token", "Origin", "https://other.example"); h.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("another origin got %q", h.Get("Access-Control-Allow-Origin"))
	}

	// The analyst beyond 10 requests at once at 1 a second: 40 requests
	// are refused some unless they take 30 s, however loaded the machine.
	refused := 0
	for range 40 {
		code, h, _ := do("GET", "api/v1/search?size=0", "analyst-token")
		if code == 429 {
			refused++
			if h.Get("Retry-After") == "" {
				t.Error("429 without Retry-After")
			}
		}
	}
	if refused == 0 {
		t.Error("40 requests in a burst: none refused, want 429 beyond the rate")
	}
	audit, _ := os.ReadFile(filepath.Join(data, "audit.jsonl"))
	if !strings.Contains(string(audit), `"status":429`) || !strings.Contains(string(audit), `"action":"admin"`) {
		t.Errorf("audit log lacks the 429 refusals or the admin actions")
	}
}
