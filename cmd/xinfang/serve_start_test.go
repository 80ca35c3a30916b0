package main

import (
	"context"
	"net"
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
	for deadline := time.Now().Add(20 * time.Second); !sawOpening && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
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
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not give up on the held index")
	}
	if _, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		t.Error("serve still listens after giving up")
	}
}
