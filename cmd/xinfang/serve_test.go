package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
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

// seedIndex writes the first n fixture petitions into DIR/index.
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
	st, err := index.Open(filepath.Join(data, "index"), index.Options{CategoryLabel: an.CategoryLabel})
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
	go func() { done <- run(ctx, e, append([]string{"serve"}, args...)) }()
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
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, done, stderr := startServe(t, ctx, "--data", data, "--addr", "127.0.0.1:0", "--request-timeout", "5s")

	for _, tt := range []struct {
		path       string
		wantStatus int
		wantInBody string
	}{
		{"healthz", 200, `"ok"`},
		{"readyz", 200, `"ready"`},
		{"api/v1/search?size=10", 200, `"total":5`},
		{"api/v1/documents/" + docs[0].ID, 200, `"id":"` + docs[0].ID + `"`},
		{"api/v1/documents/NO-SUCH", 404, `"not_found"`},
		{"api/v1/search?size=101", 400, `"invalid"`},
		{"metrics", 200, "xinfang_index_documents 5"},
		{"api/v1/openapi.json", 200, `"openapi"`},
	} {
		status, body := httpGet(t, base+tt.path)
		if status != tt.wantStatus || !strings.Contains(body, tt.wantInBody) {
			t.Errorf("GET /%s = %d %.200s, want %d with %s", tt.path, status, body, tt.wantStatus, tt.wantInBody)
		}
	}
	_, body := httpGet(t, base+"api/v1/documents/"+docs[0].ID)
	var got xinfang.Document
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	if p := docs[0].Record.Petitioner; p != nil && p.Name != "" && got.Record.Petitioner.Name == p.Name {
		t.Errorf("document served with the petitioner's name unmasked")
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
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop within 30s of cancel")
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stderr := &lockedBuffer{}
			e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: stderr, getenv: func(string) string { return "" }}
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
