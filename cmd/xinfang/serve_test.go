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
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/fixtures"
	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/nlp"
)

// lockedBuffer collects a command's output while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// testRecordKey is the record key of the tests, 64 hex digits.
var testRecordKey = strings.Repeat("5a", index.KeySize)

// seedIndex writes the first n fixture petitions into DIR/index, sealed
// with testRecordKey.
func seedIndex(t *testing.T, data string, n int) []xinfang.Document {
	t.Helper()
	labeled, err := fixtures.Petitions()
	if err != nil {
		t.Fatal(err)
	}
	an, err := nlp.Default()
	if err != nil {
		t.Fatal(err)
	}
	var docs []xinfang.Document
	for _, l := range labeled[:n] {
		rec := l.Record
		docs = append(docs, xinfang.Document{ID: rec.ID, Kind: xinfang.KindPetition, Record: &rec, Analysis: an.Analyze(rec.ID, rec.Title, rec.Content)})
	}
	key, _ := hex.DecodeString(testRecordKey)
	st, err := index.Open(filepath.Join(data, "index"), index.Options{CategoryLabel: an.CategoryLabel, RecordKey: key})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Index(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return docs
}

var servingRE = regexp.MustCompile(`serving on (http://\S+/)`)

// startServe runs `xinfang serve` until the returned cancel is called and
// returns its base URL and a channel with run's result.
func startServe(t *testing.T, ctx context.Context, args ...string) (string, <-chan error, *lockedBuffer) {
	t.Helper()
	stdout, stderr := &lockedBuffer{}, &lockedBuffer{}
	e := &env{stdin: strings.NewReader(""), stdout: stdout, stderr: stderr, getenv: func(string) string { return "" }}
	done := make(chan error, 1)
	// A request under the race detector on a loaded machine may take longer
	// than the default limit of 2s; a test's own --request-timeout wins.
	go func() { done <- run(ctx, e, append([]string{"serve", "--request-timeout", "1m"}, args...)) }()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if m := servingRE.FindStringSubmatch(stdout.String()); m != nil {
			return m[1], done, stderr
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended before listening: %v\nstderr:\n%s", err, stderr)
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("serve did not print its URL; stdout %q stderr %q", stdout, stderr)
	return "", nil, nil
}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

func TestServe(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole server; skipped with -short")
	}
	data := t.TempDir()
	docs := seedIndex(t, data, 5)
	// Three principals as in the README.
	var yml strings.Builder
	for _, p := range []struct{ name, token, role string }{
		{"viewer-1", "viewer-token", "viewer"}, {"analyst-1", "analyst-token", "analyst"}, {"officer-1", "officer-token", "identity"},
	} {
		sum := sha256.Sum256([]byte(p.token))
		fmt.Fprintf(&yml, "- name: %s\n  token_sha256: %s\n  roles: [%s]\n", p.name, hex.EncodeToString(sum[:]), p.role)
	}
	principals := filepath.Join(t.TempDir(), "principals.yaml")
	if err := os.WriteFile(principals, []byte(yml.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	keyFile := filepath.Join(t.TempDir(), "record.key")
	if err := os.WriteFile(keyFile, []byte(testRecordKey+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	base, done, stderr := startServe(t, ctx, "--data", data, "--addr", "127.0.0.1:0", "--principals", principals, "--record-key", keyFile)

	get := func(path, token string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", base+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, tt := range []struct {
		path, token string
		wantStatus  int
		wantInBody  string
	}{
		{"healthz", "", 200, `"ok"`},
		{"readyz", "", 200, `"ready"`},
		{"api/v1/search?size=10", "", 401, `"unauthorized"`},
		{"metrics", "", 401, `"unauthorized"`},
		{"api/v1/openapi.json", "", 401, `"unauthorized"`},
		{"api/v1/search?size=0", "viewer-token", 200, `"total":5`},
		{"api/v1/search?size=10", "viewer-token", 403, `"forbidden"`},
		{"api/v1/documents/" + docs[0].ID, "viewer-token", 403, `"forbidden"`},
		{"api/v1/search?size=10", "analyst-token", 200, `"total":5`},
		{"api/v1/documents/" + docs[0].ID, "analyst-token", 200, `"id":"` + docs[0].ID + `"`},
		{"api/v1/documents/NO-SUCH", "analyst-token", 404, `"not_found"`},
		{"api/v1/search?size=101", "analyst-token", 400, `"invalid"`},
		{"metrics", "analyst-token", 403, `"forbidden"`},
		{"api/v1/openapi.json", "viewer-token", 200, `"openapi"`},
		{"api/v1/documents/" + docs[0].ID + "?identity=full", "analyst-token", 403, `"forbidden"`},
		{"api/v1/documents/" + docs[0].ID + "?identity=full", "officer-token", 400, `reason`},
		{"api/v1/documents/" + docs[0].ID + "?identity=full&reason=%E5%9B%9E%E8%AE%BF", "officer-token", 200, docs[0].Record.Petitioner.Name},
	} {
		status, body := get(tt.path, tt.token)
		if status != tt.wantStatus || !strings.Contains(body, tt.wantInBody) {
			t.Errorf("GET /%s with %q = %d %.200s, want %d with %s", tt.path, tt.token, status, body, tt.wantStatus, tt.wantInBody)
		}
	}
	_, body := get("api/v1/documents/"+docs[0].ID, "analyst-token")
	var got xinfang.Document
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	if p := docs[0].Record.Petitioner; p != nil && p.Name != "" && got.Record.Petitioner.Name == p.Name {
		t.Errorf("document served with the petitioner's name unmasked")
	}
	// Every request but health and readiness is in the audit log, whose
	// chain verifies.
	audit, err := os.ReadFile(filepath.Join(data, "audit.jsonl"))
	if err != nil || strings.Count(string(audit), "\n") != 15 || !strings.Contains(string(audit), `"principal":"officer-1","action":"read_identity"`) ||
		!strings.Contains(string(audit), `"reason":"回访"`) {
		t.Errorf("audit log = %s, %v; want 15 entries with officer-1's read and reason", audit, err)
	}
	var out strings.Builder
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &out, getenv: func(string) string { return "" }}
	if err := run(context.Background(), e, []string{"audit", "verify", "--data", data}); err != nil || !strings.Contains(out.String(), "ok, 15 entries") {
		t.Errorf("audit verify = %v: %s", err, out.String())
	}

	// A second node on the same data directory cannot take the index.
	second := &lockedBuffer{}
	e2 := &env{stdin: strings.NewReader(""), stdout: second, stderr: second, getenv: func(string) string { return "" }}
	if err := run(context.Background(), e2, []string{"serve", "--data", data, "--addr", "127.0.0.1:0"}); err == nil || xinfang.ErrorCode(err) != xinfang.ECONFLICT {
		t.Errorf("second serve on one index = %v (code %q), want a conflict", err, xinfang.ErrorCode(err))
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after cancel = %v, want nil\nstderr:\n%s", err, stderr)
		}
	case <-time.After(time.Minute):
		t.Fatal("serve did not stop within a minute of cancel")
	}
	if !strings.Contains(stderr.String(), "shutting down") {
		t.Errorf("no shutdown in the log:\n%s", stderr)
	}
	// The index was closed: it opens again.
	st, err := index.Open(filepath.Join(data, "index"), index.Options{})
	if err != nil {
		t.Fatalf("index after serve stopped: %v", err)
	}
	st.Close()
}

func TestServeFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"bad timeout", []string{"--request-timeout", "0s"}, "--request-timeout"},
		{"bad addr", []string{"--addr", "no-port"}, "--addr"},
		{"bad log format", []string{"--log-format", "xml"}, "--log-format"},
		{"extra argument", []string{"extra"}, "unexpected arguments"},
		{"bad config", []string{"--config", filepath.Join(t.TempDir(), "missing.yaml")}, "missing.yaml"},
		{"open on all interfaces", []string{"--addr", ":8080"}, "loopback only"},
		{"open on a network address", []string{"--addr", "192.0.2.7:8080"}, "--no-auth"},
		{"bad trusted proxy", []string{"--trusted-proxy", "10.0.0.0/33"}, "--trusted-proxy"},
		{"missing record key", []string{"--record-key", filepath.Join(t.TempDir(), "none.key")}, "--record-key"},
		{"short record key", []string{"--record-key", "env:XINFANG_TEST_SHORT_KEY"}, "64 hex digits"},
		{"any origin", []string{"--cors-origins", "*"}, "--cors-origins"},
		{"origin with a path", []string{"--cors-origins", "https://a.example/dash"}, "scheme://host[:port]"},
		{"negative rate", []string{"--rate-limit", "-1"}, "--rate-limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stderr := &lockedBuffer{}
			getenv := func(name string) string {
				if name == "XINFANG_TEST_SHORT_KEY" {
					return "abcd"
				}
				return ""
			}
			e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: stderr, getenv: getenv}
			err := run(context.Background(), e, append([]string{"serve", "--data", t.TempDir()}, tt.args...))
			if err != errUsage {
				t.Errorf("serve %v = %v, want errUsage", tt.args, err)
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr %q does not name %q", stderr, tt.want)
			}
		})
	}
}

func TestLoadPrincipals(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, body, wantErr string
	}{
		{"ok", "- name: a\n  token_sha256: " + strings.Repeat("ab", 32) + "\n  roles: [identity]\n", ""},
		{"empty", "", "no principals"},
		{"unknown field", "- name: a\n  token: plain\n", "token"},
		{"not a list", "name: a\n", "principals"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.name+".yaml")
			if err := os.WriteFile(p, []byte(tt.body), 0o600); err != nil {
				t.Fatal(err)
			}
			ps, err := loadPrincipals(p)
			if tt.wantErr == "" {
				if err != nil || len(ps) != 1 || ps[0].Name != "a" {
					t.Errorf("loadPrincipals = %v, %v; want one principal a", ps, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("loadPrincipals error = %v, want one naming %q", err, tt.wantErr)
			}
		})
	}
}

func TestLoadRecordKey(t *testing.T) {
	data := t.TempDir()
	inside := filepath.Join(data, "record.key")
	outside := filepath.Join(t.TempDir(), "record.key")
	for _, p := range []string{inside, outside} {
		os.WriteFile(p, []byte(testRecordKey+"\n"), 0o600)
	}
	e := &env{getenv: func(name string) string { return map[string]string{"KEY": testRecordKey}[name] }}
	for _, tt := range []struct {
		spec    string
		wantErr string
	}{
		{"", ""},
		{outside, ""},
		{"env:KEY", ""},
		{inside, "inside the data directory"},
		{"env:NONE", "not set"},
	} {
		key, err := loadRecordKey(e, tt.spec, data)
		switch {
		case tt.wantErr == "" && (err != nil || (tt.spec != "" && len(key) != index.KeySize)):
			t.Errorf("loadRecordKey(%q) = %x, %v; want a key", tt.spec, key, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("loadRecordKey(%q) error = %v, want one with %q", tt.spec, err, tt.wantErr)
		}
	}
}
