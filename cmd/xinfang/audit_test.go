package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xinfang/xinfang/searchapi"
)

func auditEvent(i int) searchapi.AuditEvent {
	return searchapi.AuditEvent{Time: time.Date(2026, 1, 2, 3, 4, 5, i, time.UTC), RequestID: "r" + string(rune('a'+i%26)),
		Principal: "analyst-1", Action: "search", Route: "GET /api/v1/search", Status: 200, Query: "q=工资<&>", Client: "127.0.0.1"}
}

func writeAudit(t *testing.T, path string, n int) {
	t.Helper()
	a, err := openAudit(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if err := a.write(context.Background(), auditEvent(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}

func verifyFile(t *testing.T, path string) (auditReport, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return verifyAudit(f)
}

// TestAuditChain writes a log in two sessions (the chain goes on across a
// reopen), then checks that verify finds each kind of tampering.
func TestAuditChain(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	writeAudit(t, path, 3)
	writeAudit(t, path, 2)
	rep, err := verifyFile(t, path)
	if err != nil || rep.Entries != 5 || rep.Torn != 0 {
		t.Fatalf("verify = %+v, %v; want 5 entries", rep, err)
	}
	good, _ := os.ReadFile(path)
	lines := strings.SplitAfter(string(good), "\n")
	lines = lines[:len(lines)-1]
	tests := []struct {
		name string
		edit func() string
		want string
	}{
		{"line edited", func() string {
			l := slices.Clone(lines)
			l[2] = strings.Replace(l[2], `"status":200`, `"status":404`, 1)
			return strings.Join(l, "")
		}, "line 3: the line does not match its hash"},
		{"line removed", func() string { return strings.Join(append(slices.Clone(lines[:1]), lines[2:]...), "") }, "line 2: prev does not match"},
		{"first line removed", func() string { return strings.Join(lines[1:], "") }, "line 1: prev does not match"},
		{"lines swapped", func() string {
			l := slices.Clone(lines)
			l[1], l[2] = l[2], l[1]
			return strings.Join(l, "")
		}, "line 2: prev does not match"},
		{"hash cut off", func() string {
			l := slices.Clone(lines)
			l[4] = l[4][:strings.LastIndex(l[4], `,"hash"`)] + "}\n"
			return strings.Join(l, "")
		}, "line 5: no hash"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := verifyAudit(strings.NewReader(tt.edit()))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("verify = %v, want an error with %q", err, tt.want)
			}
		})
	}
	// The command says the same.
	var out bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &out, getenv: func(string) string { return "" }}
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte(tests[0].edit()), 0o600)
	if err := run(context.Background(), e, []string{"audit", "verify", bad}); err != errSilent || !strings.Contains(out.String(), "BROKEN after 2 good entries: line 3") {
		t.Errorf("audit verify of an edited log = %v: %s", err, out.String())
	}
	// A log whose last line was edited does not open: it would extend a
	// broken chain.
	last := strings.Replace(string(good), lines[4], strings.Replace(lines[4], `"status":200`, `"status":201`, 1), 1)
	os.WriteFile(bad, []byte(last), 0o600)
	if _, err := openAudit(bad); err == nil || !strings.Contains(err.Error(), "audit verify") {
		t.Errorf("openAudit of a log with an edited last line = %v, want an error pointing to audit verify", err)
	}
}

// TestAuditTornLine checks that a line torn by a crash or a full disk is
// cut off on open, so that the next entry starts on a line of its own.
func TestAuditTornLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	writeAudit(t, path, 2)
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"seq":3,"prev":"ab`)
	f.Close()
	rep, err := verifyFile(t, path)
	if err != nil || rep.Entries != 2 || rep.Torn != len(`{"seq":3,"prev":"ab`) {
		t.Fatalf("verify of a torn log = %+v, %v; want 2 entries and a torn tail", rep, err)
	}
	writeAudit(t, path, 1)
	rep, err = verifyFile(t, path)
	if err != nil || rep.Entries != 3 || rep.Torn != 0 {
		t.Errorf("verify after reopen = %+v, %v; want 3 whole entries", rep, err)
	}
}

// TestAuditFailedWrite checks that a write that fails leaves nothing
// behind: the log is a full disk away from a partial line.
func TestAuditFailedWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	a, err := openAudit(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := a.write(ctx, auditEvent(0)); err != nil {
		t.Fatal(err)
	}
	// A read-only descriptor makes every write fail, as a full disk does.
	good := a.f
	ro, _ := os.Open(path)
	a.f = ro
	if err := a.write(ctx, auditEvent(1)); err == nil {
		t.Fatal("write on a failing file = nil error")
	}
	a.f = good
	ro.Close()
	// Simulate a partial write that could not be cut at once.
	a.f.WriteAt([]byte(`{"seq":2,"pr`), a.size)
	a.dirty = true
	if err := a.write(ctx, auditEvent(2)); err != nil {
		t.Fatal(err)
	}
	a.Close()
	rep, err := verifyFile(t, path)
	if err != nil || rep.Entries != 2 || rep.Torn != 0 {
		t.Errorf("verify = %+v, %v; want 2 whole entries", rep, err)
	}
}

// TestAuditConcurrent writes from many goroutines (sharing fsyncs) and
// checks the chain.
func TestAuditConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	a, err := openAudit(path)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				if err := a.write(context.Background(), auditEvent(i)); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	a.Close()
	if rep, err := verifyFile(t, path); err != nil || rep.Entries != 200 {
		t.Errorf("verify = %+v, %v; want 200 entries", rep, err)
	}
}
