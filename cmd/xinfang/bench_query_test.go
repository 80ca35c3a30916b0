package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/fixtures"
	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/nlp"
)

// TestBenchQueryExpand: bench query measures the query as the API runs
// it, expanded by default and with --expand=false the words as written.
func TestBenchQueryExpand(t *testing.T) {
	data := t.TempDir()
	labeled, err := fixtures.Petitions()
	if err != nil {
		t.Fatal(err)
	}
	an, err := nlp.Default()
	if err != nil {
		t.Fatal(err)
	}
	var docs []xinfang.Document
	for _, l := range labeled[:300] {
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
	line := regexp.MustCompile(`query "欠薪" \(expand=(true|false)\): (\d+) of 300 documents`)
	hits := map[string]int{}
	for _, args := range [][]string{{}, {"--expand=false"}} {
		var out strings.Builder
		e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &out, getenv: func(string) string { return "" }}
		if err := run(context.Background(), e, append([]string{"bench", "query", "--data", data, "-n", "3", "--q", "欠薪"}, args...)); err != nil {
			t.Fatalf("bench query %v: %v\n%s", args, err, out.String())
		}
		m := line.FindStringSubmatch(out.String())
		if m == nil {
			t.Fatalf("bench query %v printed:\n%s", args, out.String())
		}
		hits[m[1]], _ = strconv.Atoi(m[2])
	}
	if hits["false"] == 0 || hits["true"] <= hits["false"] {
		t.Errorf("欠薪 finds %d expanded and %d with --expand=false: want more expanded", hits["true"], hits["false"])
	}
}
