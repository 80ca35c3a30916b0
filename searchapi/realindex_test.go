package searchapi

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/fixtures"
	"github.com/xinfang/xinfang/index"
	"github.com/xinfang/xinfang/nlp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var indexedAt = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// realDocs are the fixture petitions analysed by nlp.Default(), plus
// piiDocs with numbers in their free text.
func realDocs(t testing.TB) []xinfang.Document {
	t.Helper()
	labeled, err := fixtures.Petitions()
	if err != nil {
		t.Fatalf("fixtures.Petitions: %v", err)
	}
	an, err := nlp.Default()
	if err != nil {
		t.Fatalf("nlp.Default: %v", err)
	}
	var docs []xinfang.Document
	for _, l := range labeled {
		rec := l.Record
		docs = append(docs, xinfang.Document{ID: rec.ID, Kind: xinfang.KindPetition, Record: &rec,
			Analysis: an.Analyze(rec.ID, rec.Title, rec.Content), IndexedAt: indexedAt})
	}
	for _, d := range piiDocs() {
		d.Analysis = an.Analyze(d.ID, d.Title(), d.Content())
		// Keep numbers in the stored analysis: the edge must mask them.
		d.Analysis.Keywords = append(d.Analysis.Keywords, "13900001234")
		d.Analysis.Risk.Reasons = append(d.Analysis.Risk.Reasons, "联系人13900001234多次反映")
		d.ComplainantKey = ""
		d.IndexedAt = indexedAt
		docs = append(docs, d)
	}
	return docs
}

// memIndex is one in-memory index per document set, shared by the tests of
// the package (indexing the corpus is the slow part).
type memIndex struct {
	once  sync.Once
	store *index.Store
	err   error
}

var (
	realIdx   memIndex // every fixture, analysed by nlp.Default()
	goldenIdx memIndex // a fixed subset with its gold labels as analysis
)

func (m *memIndex) get(t testing.TB, docs func(testing.TB) []xinfang.Document) *index.Store {
	t.Helper()
	m.once.Do(func() {
		an, err := nlp.Default()
		if err != nil {
			m.err = err
			return
		}
		m.store, m.err = index.OpenMem(index.Options{SearchTimeout: time.Minute, CategoryLabel: an.CategoryLabel, Secret: []byte("searchapi-test-secret"), Now: goldenNow})
		if m.err == nil {
			m.err = m.store.Index(context.Background(), docs(t))
		}
	})
	if m.err != nil {
		t.Fatalf("in-memory index: %v", m.err)
	}
	return m.store
}

// goldenDocs are the first 40 records of corpus A with their gold labels
// as analysis, plus piiDocs: the golden files then follow the index and
// this package, not the analyzer's progress or the growth of the corpus.
func goldenDocs(t testing.TB) []xinfang.Document {
	t.Helper()
	var docs []xinfang.Document
	for _, d := range fixtureDocs(t) {
		if d.ID >= "FX-A-0001" && d.ID <= "FX-A-0040" {
			d.IndexedAt = indexedAt
			docs = append(docs, d)
		}
	}
	if len(docs) != 40 {
		t.Fatalf("fixtures hold %d records FX-A-0001..0040, want 40", len(docs))
	}
	for _, d := range piiDocs() {
		d.ComplainantKey = ""
		d.IndexedAt = indexedAt
		docs = append(docs, d)
	}
	return docs
}

func serverOn(t testing.TB, st *index.Store) *testServer {
	t.Helper()
	an, err := nlp.Default()
	if err != nil {
		t.Fatal(err)
	}
	return newTestServer(t, Config{Index: st, Analyzer: an, RequestTimeout: 30 * time.Second, Stats: func() (IndexStats, error) {
		s, err := st.Stats()
		return IndexStats{Documents: s.Documents, SizeBytes: s.DiskBytes}, err
	}})
}

// newRealServer serves every fixture analysed by nlp.Default().
func newRealServer(t testing.TB) *testServer { return serverOn(t, realIdx.get(t, realDocs)) }

// normalise makes a response comparable across runs: timings are zeroed
// and the JSON indented.
func normalise(t *testing.T, body []byte) []byte {
	t.Helper()
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, body)
	}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if k == "took_ms" {
					x[k] = 0
					continue
				}
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGoldenRealIndex serves requests over the real in-memory index and
// compares the responses with testdata/golden/*.json; -update rewrites them.
func TestGoldenRealIndex(t *testing.T) {
	ts := serverOn(t, goldenIdx.get(t, goldenDocs))
	tests := []struct {
		name       string
		method     string
		target     string
		body       string
		wantStatus int
	}{
		{"search_query", "GET", "/api/v1/search?q=" + url.QueryEscape("工资") + "&size=5", "", 200},
		{"search_filters", "GET", "/api/v1/search?city=" + url.QueryEscape("兴安盟") + "&kind=petition&sort=date&size=3", "", 200},
		{"search_counts_only", "GET", "/api/v1/search?size=0&from=2023-01-01&to=2024-12-31", "", 200},
		{"search_pii_snippet", "GET", "/api/v1/search?q=" + url.QueryEscape("电话") + "&size=3", "", 200},
		{"document", "GET", "/api/v1/documents/FX-A-0001", "", 200},
		{"document_pii", "GET", "/api/v1/documents/PII-1", "", 200},
		{"document_missing", "GET", "/api/v1/documents/NO-SUCH", "", 404},
		{"trends", "GET", "/api/v1/trends?interval=month&from=2023-01-01&to=2024-12-31", "", 200},
		{"trends_city", "GET", "/api/v1/trends?by=city&interval=month&from=2024-01-01&to=2024-06-30", "", 200},
		{"clusters", "GET", "/api/v1/clusters?size=5", "", 200},
		{"risks", "GET", "/api/v1/risks?size=5", "", 200},
		{"error_size", "GET", "/api/v1/search?size=101", "", 400},
		{"error_cursor", "GET", "/api/v1/search?cursor=not-a-cursor", "", 400},
		{"error_unknown_param", "GET", "/api/v1/trends?bucket=day", "", 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rec = ts.do(tt.method, tt.target, strings.NewReader(tt.body))
			if rec.Code != tt.wantStatus {
				t.Fatalf("%s %s: status %d, want %d: %s", tt.method, tt.target, rec.Code, tt.wantStatus, rec.Body)
			}
			got := normalise(t, rec.Body.Bytes())
			path := filepath.Join("testdata", "golden", tt.name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./searchapi -run TestGoldenRealIndex -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s %s mismatch (-want +got):\n%s", tt.method, tt.target, diff)
			}
		})
	}
}

// TestAnalyzeRealAnalyzer posts an obvious case to the real analyzer (no
// golden: the analysis is nlp's to improve).
func TestAnalyzeRealAnalyzer(t *testing.T) {
	ts := newRealServer(t)
	rec := ts.do("POST", "/api/v1/analyze", strings.NewReader(`{"id":"A-1","title":"讨薪","content":"兴安盟乌兰浩特市某工地27名农民工被拖欠工资58万元，联系电话13900001234，身份证号152201199001010000，扬言到市政府门口聚集。"}`))
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var a xinfang.Analysis
	dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("response is not an Analysis: %v", err)
	}
	if a.ID != "A-1" || !slices.Contains(a.Categories, xinfang.CategoryWageArrears) {
		t.Errorf("analysis = id %q categories %v, want A-1 with wage_arrears", a.ID, a.Categories)
	}
	for _, raw := range []string{"13900001234", "152201199001010000"} {
		if strings.Contains(rec.Body.String(), raw) {
			t.Errorf("analysis echoes %s", raw)
		}
	}
}

func TestNoPIILeakRealIndex(t *testing.T) {
	ts := newRealServer(t)
	docs := realDocs(t)
	checkNoPII(t, piiResponses(t, ts, docs), rawPII(docs))
}

// TestRealIndexCursor pages through a search on the real index and checks
// that the pages add up to the total without repeats.
func TestRealIndexCursor(t *testing.T) {
	ts := newRealServer(t)
	seen := map[string]bool{}
	var total uint64
	target := "/api/v1/search?size=7&sort=date"
	for page := 0; page < 100; page++ {
		rec := ts.do("GET", target, nil)
		if rec.Code != 200 {
			t.Fatalf("GET %s: status %d: %s", target, rec.Code, rec.Body)
		}
		var res xinfang.SearchResult
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Fatal(err)
		}
		total = res.Total
		for _, h := range res.Hits {
			if seen[h.ID] {
				t.Errorf("page %d repeats %s", page, h.ID)
			}
			seen[h.ID] = true
		}
		if res.Cursor == "" {
			break
		}
		target = "/api/v1/search?size=7&sort=date&cursor=" + url.QueryEscape(res.Cursor)
	}
	if uint64(len(seen)) != total || total == 0 {
		t.Errorf("pages hold %d documents, total says %d", len(seen), total)
	}
}

// TestRealIndexFacetCounts checks the contract that filtering on a facet
// value returns exactly its count, through the HTTP layer.
func TestRealIndexFacetCounts(t *testing.T) {
	ts := newRealServer(t)
	rec := ts.do("GET", "/api/v1/search?size=0", nil)
	var res xinfang.SearchResult
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for field, vals := range res.Facets {
		for _, v := range vals {
			if strings.Contains(v.Value, "*") {
				continue // masked at the edge; not a filter value
			}
			target := "/api/v1/search?size=0&" + field + "=" + url.QueryEscape(v.Value)
			rec := ts.do("GET", target, nil)
			if rec.Code != 200 {
				t.Errorf("GET %s: status %d: %s", target, rec.Code, rec.Body)
				continue
			}
			var sub xinfang.SearchResult
			if err := json.Unmarshal(rec.Body.Bytes(), &sub); err != nil {
				t.Fatal(err)
			}
			if sub.Total != uint64(v.Count) {
				t.Errorf("facet %s=%s counts %d, filtering on it gives %d", field, v.Value, v.Count, sub.Total)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Errorf("no facet values to check")
	}
}

// goldenNow is the clock of the golden index: overdue and days overdue
// depend on it.
func goldenNow() time.Time { return time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC) }
