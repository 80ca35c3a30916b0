package index

import (
	"context"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/search/query"
	"gopkg.in/yaml.v3"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/fixtures"
	"github.com/xinfang/xinfang/nlp"
)

// relevanceQuery is one query of testdata/relevance.yaml with the rule that
// judges its relevant records.
type relevanceQuery struct {
	Q        string `yaml:"q"`
	Relevant struct {
		Categories []string `yaml:"categories"`
		City       string   `yaml:"city"`
		Risk       string   `yaml:"risk"`
		Text       string   `yaml:"text"`
	} `yaml:"relevant"`
}

// judge returns the ids of the labeled records the query's rule accepts.
func (rq relevanceQuery) judge(labeled []fixtures.Labeled) (map[string]bool, error) {
	var re *regexp.Regexp
	if rq.Relevant.Text != "" {
		var err error
		if re, err = regexp.Compile(rq.Relevant.Text); err != nil {
			return nil, err
		}
	}
	out := map[string]bool{}
	for _, l := range labeled {
		g := l.Gold
		switch {
		case len(rq.Relevant.Categories) > 0 && !slices.ContainsFunc(rq.Relevant.Categories, func(c string) bool { return slices.Contains(g.Categories, c) }):
		case rq.Relevant.City != "" && (g.City == nil || *g.City != rq.Relevant.City):
		case rq.Relevant.Risk != "" && g.Risk != rq.Relevant.Risk:
		case re != nil && !re.MatchString(l.Record.Title+"\n"+l.Record.Content):
		default:
			out[l.Record.ID] = true
		}
	}
	return out, nil
}

// relevanceCorpus is every labeled fixture record: the embedded corpora and
// the held-out files.
func relevanceCorpus(t *testing.T) []fixtures.Labeled {
	t.Helper()
	labeled, err := fixtures.Petitions()
	if err != nil {
		t.Fatal(err)
	}
	rs, err := fixtures.RealStyle()
	if err != nil {
		t.Fatal(err)
	}
	labeled = append(labeled, rs...)
	for _, name := range []string{"heldout.jsonl", "heldout2.jsonl"} {
		data, err := os.ReadFile("../fixtures/" + name)
		if err != nil {
			t.Fatal(err)
		}
		ls, err := fixtures.ParseLabeled(name, data)
		if err != nil {
			t.Fatal(err)
		}
		labeled = append(labeled, ls...)
	}
	return labeled
}

// scores returns recall@100 (of at most 100 relevant records: a query with
// more can find 100) and nDCG@10 (binary relevance) of a ranking.
func scores(ranked []string, rel map[string]bool) (recall, ndcg float64) {
	found := 0
	var dcg float64
	for i, id := range ranked {
		if !rel[id] {
			continue
		}
		if i < 100 {
			found++
		}
		if i < 10 {
			dcg += 1 / math.Log2(float64(i+2))
		}
	}
	var ideal float64
	for i := 0; i < min(10, len(rel)); i++ {
		ideal += 1 / math.Log2(float64(i+2))
	}
	return float64(found) / float64(min(len(rel), 100)), dcg / ideal
}

// TestRelevanceSet scores the search on the relevance test set: with
// concept expansion and compounds (expand=true), with the words as written
// (expand=false, the search before issue 10), and with Bleve's own cjk
// analyzer (character bigrams, match query) on the same records.
func TestRelevanceSet(t *testing.T) {
	data, err := os.ReadFile("testdata/relevance.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		Queries []relevanceQuery `yaml:"queries"`
	}
	if err := yaml.Unmarshal(data, &set); err != nil {
		t.Fatal(err)
	}
	if len(set.Queries) < 40 {
		t.Fatalf("%d queries, want at least 40", len(set.Queries))
	}
	labeled := relevanceCorpus(t)
	a, err := nlp.Default()
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]xinfang.Document, len(labeled))
	for i, l := range labeled {
		r := l.Record
		docs[i] = xinfang.Document{ID: r.ID, Kind: xinfang.KindPetition, Record: &r, Analysis: a.AnalyzeKind(l.Gold.Kind, r.ID, r.Title, r.Content)}
	}
	s := newMemStore(t, docs)

	// Bleve's cjk analyzer on the same text.
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = "cjk"
	cjk, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	defer cjk.Close()
	b := cjk.NewBatch()
	for _, l := range labeled {
		if err := b.Index(l.Record.ID, map[string]any{"text": l.Record.Title + "\n" + l.Record.Content}); err != nil {
			t.Fatal(err)
		}
	}
	if err := cjk.Batch(b); err != nil {
		t.Fatal(err)
	}

	ours := func(q string, noExpand bool) []string {
		res, err := s.Search(context.Background(), xinfang.SearchRequest{Query: q, Size: 100, NoExpand: noExpand})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		return ids
	}
	theirs := func(q string) []string {
		mq := query.NewMatchQuery(q)
		mq.SetField("text")
		res, err := cjk.Search(bleve.NewSearchRequestOptions(mq, 100, 0, false))
		if err != nil {
			t.Fatalf("cjk %s: %v", q, err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		return ids
	}
	var sum [3][2]float64
	var rows []string
	n := 0
	for _, rq := range set.Queries {
		rel, err := rq.judge(labeled)
		if err != nil {
			t.Fatalf("%s: %v", rq.Q, err)
		}
		if len(rel) < 2 {
			t.Errorf("%s: %d relevant records; a query needs at least 2", rq.Q, len(rel))
			continue
		}
		var got [3][2]float64
		got[0][0], got[0][1] = scores(ours(rq.Q, false), rel)
		got[1][0], got[1][1] = scores(ours(rq.Q, true), rel)
		got[2][0], got[2][1] = scores(theirs(rq.Q), rel)
		for i := range got {
			sum[i][0] += got[i][0]
			sum[i][1] += got[i][1]
		}
		n++
		rows = append(rows, fmt.Sprintf("| %s | %d | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f |", rq.Q, len(rel),
			got[0][0], got[0][1], got[1][0], got[1][1], got[2][0], got[2][1]))
	}
	for i := range sum {
		sum[i][0] /= float64(n)
		sum[i][1] /= float64(n)
	}
	t.Logf("%d queries over %d records: recall@100 / nDCG@10\n| query | relevant | expand=true | expand=false | Bleve cjk |\n|---|---|---|---|---|\n%s\n| mean | | %.3f / %.3f | %.3f / %.3f | %.3f / %.3f |",
		n, len(labeled), strings.Join(rows, "\n"), sum[0][0], sum[0][1], sum[1][0], sum[1][1], sum[2][0], sum[2][1])
	if sum[0][0] < sum[1][0] || sum[0][1] < sum[1][1] {
		t.Errorf("expansion lowers the means: recall %.3f < %.3f or nDCG %.3f < %.3f", sum[0][0], sum[1][0], sum[0][1], sum[1][1])
	}
	if sum[0][0] < 0.8 || sum[0][1] < 0.8 {
		t.Errorf("means recall@100 %.3f, nDCG@10 %.3f; want ≥ 0.8 each", sum[0][0], sum[0][1])
	}
}
