package main

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/index"
)

// TestServeListensAtOnce: serve listens before its index is open, answering
// /healthz 200 and /readyz and the API 503 with what is under way. Here the
// index is held by another opener, so it never opens and serve gives up.
func TestServeListensAtOnce(t *testing.T) {
	data := t.TempDir()
	held, err := index.Open(filepath.Join(data, "index"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	var out, errb lockedBuffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	done := make(chan error, 1)
	go func() { done <- run(context.Background(), e, []string{"serve", "--data", data, "--addr", addr}) }()

	base := "http://" + addr + "/"
	var sawOpening bool
	for deadline := time.Now().Add(time.Minute); !sawOpening && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err := net.DialTimeout("tcp", addr, time.Second); err != nil {
			continue
		}
		code, body := httpGet(t, base+"readyz")
		if code != 503 || !strings.Contains(body, `"starting: `) {
			t.Fatalf("GET /readyz while starting = %d %s, want 503 starting", code, body)
		}
		if !strings.Contains(body, "opening the index") {
			continue
		}
		sawOpening = true
		if code, body := httpGet(t, base+"healthz"); code != 200 {
			t.Errorf("GET /healthz while starting = %d %s, want 200", code, body)
		}
		if code, body := httpGet(t, base+"api/v1/search?q=x"); code != 503 || !strings.Contains(body, `"unavailable"`) {
			t.Errorf("GET /api/v1/search while starting = %d %s, want 503 unavailable", code, body)
		}
	}
	if !sawOpening {
		t.Fatalf("/readyz never said the index was opening\n%s", errb.String())
	}
	select {
	case err := <-done:
		if xinfang.ErrorCode(err) != xinfang.ECONFLICT {
			t.Errorf("serve with the index held elsewhere = %v, want ECONFLICT", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("serve did not give up on the held index")
	}
	if _, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		t.Error("serve still listens after giving up")
	}
}

// TestServeColumnFile: without the index's column file serve says in the
// log that it rebuilds the columns (the words /readyz gives meanwhile); a clean
// stop writes the file and the next start loads it.
func TestServeColumnFile(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole server twice; skipped with -short")
	}
	data := t.TempDir()
	seedIndex(t, data, 20)
	files, err := filepath.Glob(filepath.Join(data, "index", "index-*", "columns"))
	if err != nil || len(files) != 1 {
		t.Fatalf("column files after a clean close: %v, %v; want one", files, err)
	}
	if err := os.Remove(files[0]); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"index: rebuilding the columns from the stored documents: no column file", "index: columns loaded at generation 1 in"} {
		ctx, cancel := context.WithCancel(context.Background())
		base, done, stderr := startServe(t, ctx, "--data", data, "--addr", "127.0.0.1:0")
		if code, body := httpGet(t, base+"api/v1/search?size=0"); code != 200 || !strings.Contains(body, `"total":20`) {
			t.Errorf("search after open = %d %s, want 20 documents", code, body)
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("serve: %v\n%s", err, stderr)
		}
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("serve log lacks %q:\n%s", want, stderr)
		}
	}
}
