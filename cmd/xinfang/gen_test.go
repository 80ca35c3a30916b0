package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
)

func TestGenCommand(t *testing.T) {
	run1 := func(args ...string) (string, string, error) {
		var out, errb bytes.Buffer
		e := &env{stdin: bytes.NewReader(nil), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
		err := run(context.Background(), e, append([]string{"gen"}, args...))
		return out.String(), errb.String(), err
	}
	out, _, err := run1("-n", "25", "--seed", "9")
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimRight([]byte(out), "\n"), []byte("\n"))
	if len(lines) != 25 {
		t.Fatalf("gen -n 25 wrote %d lines", len(lines))
	}
	for i, l := range lines {
		if _, err := xinfang.DecodeRecord(l, time.Now()); err != nil {
			t.Errorf("line %d: %v", i+1, err)
		}
	}
	again, _, _ := run1("-n", "25", "--seed", "9")
	if again != out {
		t.Error("gen is not deterministic for a seed")
	}

	file := filepath.Join(t.TempDir(), "big.jsonl")
	if _, _, err := run1("-n", "25", "--seed", "9", "--out", file); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(file); string(b) != out {
		t.Error("gen --out wrote something else than gen to stdout")
	}
	if _, _, err := run1("-n", "-1"); !errors.Is(err, errUsage) {
		t.Errorf("gen -n -1: err = %v, want a usage error", err)
	}
}
