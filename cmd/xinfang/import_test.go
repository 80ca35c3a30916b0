package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/xinfang/xinfang/index"
)

// runIngestCmd runs one xinfang command with captured output.
func runIngestCmd(t *testing.T, stdin string, args ...string) (stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	err = run(context.Background(), e, args)
	return errb.String(), err
}

// ingestInputs writes a JSONL file with three good and two bad records and a
// CSV file with two good rows and one bad one, and returns their paths.
func ingestInputs(t *testing.T) (jsonl, csv string) {
	t.Helper()
	dir := t.TempDir()
	jsonl = filepath.Join(dir, "in.jsonl")
	csv = filepath.Join(dir, "in.csv")
	lines := []string{
		`{"id":"IMP-1","received_at":"2024-04-19T09:30:00+08:00","content":"27名农民工被拖欠工资58万元","headcount":27}`,
		`{"id":"IMP-2","content":"施工队半夜还在干，噪音扰民","channel":"fax"}`,
		`{"id":"IMP-3","content":"小区逾期两年未交房"}`,
		`{"id":"IMP-4","content":42}`,
		`{"id":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","url":"https://example.org/a","title":"接访","content":"领导接访群众3批12人次"}`,
	}
	if err := os.WriteFile(jsonl, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rows := "编号,受理时间,渠道,内容,人数\nCSV-1,2024-05-01 10:00,来访,征收补偿款迟迟不到位,3\nCSV-2,,来信,拆迁,三户\nCSV-3,,,物业费纠纷,\n"
	if err := os.WriteFile(csv, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	return jsonl, csv
}

func TestImportCommand(t *testing.T) {
	jsonl, csv := ingestInputs(t)
	data := t.TempDir()
	stderr, err := runIngestCmd(t, "", "import", "--data", data, jsonl, csv)
	if !errors.Is(err, errSilent) {
		t.Errorf("import with bad rows = %v, want errSilent (exit status 1)", err)
	}
	for _, want := range []string{
		jsonl + ":2: channel:",
		jsonl + ":4: content:",
		csv + ":3: headcount:",
		"read 8 records: 5 indexed, 3 bad",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}

	st, err := index.Open(filepath.Join(data, "index"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := st.Count()
	if err != nil {
		t.Fatal(err)
	}
	if n != 5 {
		t.Errorf("index holds %d documents, want 5", n)
	}
	for _, id := range []string{"IMP-1", "IMP-3", "CSV-1", "CSV-3"} {
		if _, err := st.Get(context.Background(), id); err != nil {
			t.Errorf("Get(%s): %v", id, err)
		}
	}
}

func TestImportCommandUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"no files", []string{"import"}},
		{"kafka", []string{"import", "--kafka-brokers", "127.0.0.1:9092", "x.jsonl"}},
		{"bad kind", []string{"import", "--kind", "news", "x.jsonl"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := runIngestCmd(t, "", tc.args...); !errors.Is(err, errUsage) {
				t.Errorf("%v = %v, want errUsage", tc.args, err)
			}
		})
	}
}

func TestPublishCommand(t *testing.T) {
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(2, "petitions", "bulletins"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	addr := c.ListenAddrs()[0]
	jsonl, csv := ingestInputs(t)

	stderr, err := runIngestCmd(t, "", "publish", "--kafka-brokers", addr, jsonl, csv)
	if !errors.Is(err, errSilent) {
		t.Errorf("publish with bad rows = %v, want errSilent", err)
	}
	if want := "read 8 records: 5 published, 3 bad, 0 failed"; !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
	got := map[string][]string{}
	cl, err := kgo.NewClient(kgo.SeedBrokers(addr), kgo.ConsumeTopics("petitions", "bulletins"),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for n := 0; n < 5 && ctx.Err() == nil; {
		cl.PollFetches(ctx).EachRecord(func(r *kgo.Record) {
			got[r.Topic] = append(got[r.Topic], string(r.Key))
			n++
		})
	}
	for _, ks := range got {
		sort.Strings(ks)
	}
	want := "map[bulletins:[e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855] petitions:[CSV-1 CSV-3 IMP-1 IMP-3]]"
	if fmt.Sprint(got) != want {
		t.Errorf("published keys = %v, want %v", got, want)
	}

	if _, err := runIngestCmd(t, "", "publish", jsonl); !errors.Is(err, errUsage) {
		t.Errorf("publish without brokers = %v, want errUsage", err)
	}
}

func TestPublishCommandGivesUpWithoutBroker(t *testing.T) {
	jsonl, _ := ingestInputs(t)
	// Nothing listens on port 1: the first batch fails entirely.
	stderr, err := runIngestCmd(t, "", "publish", "--kafka-brokers", "127.0.0.1:1", jsonl)
	if err == nil || errors.Is(err, errSilent) || !strings.Contains(err.Error(), "giving up") {
		t.Errorf("publish without a broker = %v, want a giving-up error", err)
	}
	if !strings.Contains(stderr, jsonl+":1: not published:") || !strings.Contains(stderr, "0 published") {
		t.Errorf("stderr lacks the failed line or the summary:\n%s", stderr)
	}
}
