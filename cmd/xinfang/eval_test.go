package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xinfang/xinfang/internal/eval"
)

func runEvalForTest(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	err = run(context.Background(), e, append([]string{"eval"}, args...))
	return out.String(), errb.String(), err
}

const evalLine = `{"id":"T-1","received_at":"2024-01-01T08:00:00+08:00","content":"来电人称被拖欠工资8600元。","gold":{"categories":["wage_arrears"],"risk":"low","headcount":null,"amounts_yuan":[8600],"city":null,"county":null}}`

func TestEvalCommand(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.jsonl")
	if err := os.WriteFile(good, []byte(evalLine+"\n"+strings.Replace(evalLine, "T-1", "T-2", 1)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte(evalLine+"\n{\"id\":\"T-3\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	t.Run("json", func(t *testing.T) {
		out, _, err := runEvalForTest(t, "", "--json", good)
		if err != nil {
			t.Fatal(err)
		}
		var r eval.Report
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("output is not a JSON report: %v\n%s", err, out)
		}
		if r.Records != 2 || r.Risk.Total != 2 {
			t.Errorf("report has %d records, %d risk rows; want 2, 2", r.Records, r.Risk.Total)
		}
	})
	t.Run("stdin with errors", func(t *testing.T) {
		out, _, err := runEvalForTest(t, evalLine, "--errors", "-")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "records: 1") || !strings.Contains(out, "mismatches:") {
			t.Errorf("text report lacks the record count or the mismatch list:\n%s", out)
		}
	})
	t.Run("bad line", func(t *testing.T) {
		out, stderr, err := runEvalForTest(t, "", bad)
		if !errors.Is(err, errSilent) {
			t.Errorf("err = %v, want errSilent", err)
		}
		if !strings.Contains(stderr, "bad.jsonl:2") {
			t.Errorf("stderr does not name bad.jsonl:2:\n%s", stderr)
		}
		if !strings.Contains(out, "records: 1") {
			t.Errorf("the good record was not evaluated:\n%s", out)
		}
	})
	t.Run("missing file", func(t *testing.T) {
		_, stderr, err := runEvalForTest(t, "", filepath.Join(dir, "nope.jsonl"))
		if !errors.Is(err, errSilent) || !strings.Contains(stderr, "nope.jsonl") {
			t.Errorf("err = %v, stderr %q; want errSilent naming the file", err, stderr)
		}
	})
	t.Run("embedded corpus", func(t *testing.T) {
		out, _, err := runEvalForTest(t, "")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "macro-F1") {
			t.Errorf("no macro-F1 in the report:\n%s", out)
		}
	})
}
