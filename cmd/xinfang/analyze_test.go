package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/nlp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func runAnalyzeForTest(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	err = run(context.Background(), e, append([]string{"analyze"}, args...))
	return out.String(), errb.String(), err
}

func TestAnalyzeGolden(t *testing.T) {
	in := filepath.Join("testdata", "analyze_input.jsonl")
	out, stderr, err := runAnalyzeForTest(t, "", in)
	if !errors.Is(err, errSilent) {
		t.Errorf("analyze with bad lines: err = %v, want errSilent", err)
	}
	golden := filepath.Join("testdata", "analyze.golden")
	got := out + "--- stderr ---\n" + stderr
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (run with -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("analyze %s mismatch (-want +got):\n%s", in, diff)
	}
}

func TestAnalyzeBadLines(t *testing.T) {
	input := strings.Join([]string{
		`{"id":"a","content":"楼下广场舞音响太吵"}`,
		`{"id":"b"}`,
		`{"id":"c","content":"拖欠工资"`,
		`{"id":"d","content":"包工头跑了，辛苦钱要不回来"}`,
	}, "\n")
	out, stderr, err := runAnalyzeForTest(t, input)
	if !errors.Is(err, errSilent) {
		t.Errorf("err = %v, want errSilent", err)
	}
	for _, want := range []string{"line 2: content: is required", "line 3: "} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	ids := outputIDs(t, out)
	if diff := cmp.Diff([]string{"a", "d"}, ids); diff != "" {
		t.Errorf("output ids mismatch (-want +got):\n%s", diff)
	}
}

func TestAnalyzeOrderAndLongLines(t *testing.T) {
	var in strings.Builder
	var want []string
	long := strings.Repeat("某小区开发商延期交房，业主多次反映无果。", 150000) // about 6 MB
	for i := range 200 {
		id := fmt.Sprintf("R-%03d", i)
		want = append(want, id)
		content := "楼下烧烤店吵到凌晨"
		if i == 7 {
			content = long
		}
		line, _ := json.Marshal(map[string]string{"id": id, "content": content})
		in.Write(line)
		in.WriteByte('\n')
	}
	out, stderr, err := runAnalyzeForTest(t, in.String())
	if err != nil {
		t.Fatalf("analyze: %v\n%s", err, stderr)
	}
	if diff := cmp.Diff(want, outputIDs(t, out)); diff != "" {
		t.Errorf("output order mismatch (-want +got):\n%s", diff)
	}
}

func TestAnalyzeStreamMatchesSerial(t *testing.T) {
	a, err := nlp.Default()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("testdata", "analyze_input.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var serial, parallel, e1, e2 bytes.Buffer
	b1, err1 := analyzeStream(context.Background(), a, bytes.NewReader(data), &serial, &e1, 1)
	b2, err2 := analyzeStream(context.Background(), a, bytes.NewReader(data), &parallel, &e2, 8)
	if err1 != nil || err2 != nil {
		t.Fatalf("analyzeStream: %v, %v", err1, err2)
	}
	if b1 != b2 || serial.String() != parallel.String() || e1.String() != e2.String() {
		t.Errorf("8 workers differ from 1: bad %d vs %d\n%s\nvs\n%s", b1, b2, serial.String(), parallel.String())
	}
}

func TestAnalyzeMissingFile(t *testing.T) {
	_, _, err := runAnalyzeForTest(t, "", filepath.Join(t.TempDir(), "nope.jsonl"))
	if err == nil || errors.Is(err, errSilent) {
		t.Errorf("analyze of a missing file: err = %v, want an error naming the file", err)
	}
}

func outputIDs(t *testing.T, out string) []string {
	t.Helper()
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var an xinfang.Analysis
		if err := json.Unmarshal([]byte(line), &an); err != nil {
			t.Fatalf("output line is not an analysis: %v\n%.200s", err, line)
		}
		ids = append(ids, an.ID)
	}
	return ids
}
