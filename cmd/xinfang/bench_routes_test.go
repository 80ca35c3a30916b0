package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBenchRoutes times every read route of a served index: each route gets
// a line, with no errors, and the document and cluster routes are found
// from the server's own answers.
func TestBenchRoutes(t *testing.T) {
	data := t.TempDir()
	seedIndex(t, data, 60)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	keyFile := filepath.Join(t.TempDir(), "record.key")
	if err := os.WriteFile(keyFile, []byte(testRecordKey+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	url, done, _ := startServe(t, ctx, "--data", data, "--addr", "127.0.0.1:0", "--record-key", keyFile)
	var stdout, stderr strings.Builder
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	if err := run(ctx, e, []string{"bench", "routes", "--url", url, "-n", "2"}); err != nil {
		t.Fatalf("bench routes: %v\n%s", err, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{"search 工资", "trends by category", "risks", "clusters", "handling", "reports/weekly", "documents/{id}/similar"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		if f := strings.Fields(line); f[len(f)-1] != "0" {
			t.Errorf("route with errors: %s", line)
		}
	}
	cancel()
	<-done
}
