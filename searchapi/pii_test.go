package searchapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/searchapi/searchapitest"
)

// rawPII returns the raw personal numbers and addresses of the documents:
// petitioner phones (as written and as digits only), ID numbers and the
// street part of addresses, plus piiRaw.
func rawPII(docs []xinfang.Document) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, d := range docs {
		p := d.Record.Petitioner
		if p == nil {
			continue
		}
		add(p.Phone)
		add(onlyDigits(p.Phone))
		add(p.IDNumber)
		// The street part, when it holds a house number (fixtures use
		// generic names like 某小区 that identify no one).
		if m := xinfang.MaskAddress(p.Address); strings.HasSuffix(m, "***") {
			if street := p.Address[len(m)-3:]; onlyDigits(street) != "" {
				add(street)
			}
		}
	}
	for _, s := range piiRaw {
		add(s)
	}
	return out
}

func onlyDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// piiResponses fetches every route's responses over docs: all search pages
// (with and without queries that highlight inside numbers), every document,
// trends, clusters, risks and the analysis of every text.
func piiResponses(t *testing.T, ts *testServer, docs []xinfang.Document) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	get := func(target string) []byte {
		t.Helper()
		rec := ts.do("GET", target, nil)
		if rec.Code != 200 {
			t.Fatalf("GET %s: status %d: %s", target, rec.Code, rec.Body)
		}
		out[target] = rec.Body.Bytes()
		return rec.Body.Bytes()
	}
	for _, q := range []string{"", "电话", "0000", "1234", "139", "号码", "工资", "身份证"} {
		for _, sort := range []string{"relevance", "date", "risk"} {
			target := "/api/v1/search?size=100&sort=" + sort + "&q=" + url.QueryEscape(q)
			for page := 0; page < 50; page++ {
				var res xinfang.SearchResult
				if err := json.Unmarshal(get(target), &res); err != nil {
					t.Fatal(err)
				}
				if res.Cursor == "" {
					break
				}
				target = "/api/v1/search?size=100&sort=" + sort + "&q=" + url.QueryEscape(q) + "&cursor=" + url.QueryEscape(res.Cursor)
			}
		}
	}
	for _, d := range docs {
		get("/api/v1/documents/" + url.PathEscape(d.ID))
	}
	for _, by := range []string{"category", "city"} {
		get("/api/v1/trends?by=" + by)
	}
	get("/api/v1/clusters?min_count=1&size=100")
	get("/api/v1/risks?size=100")
	// Analysing is the slow part: every fifth fixture and every synthetic
	// document with numbers in its text.
	for i, d := range docs {
		if i%5 != 0 && !strings.HasPrefix(d.ID, "PII-") {
			continue
		}
		content := d.Content()
		if p := d.Record.Petitioner; p != nil {
			content += " 电话 " + p.Phone + " 身份证 " + p.IDNumber
		}
		body, _ := json.Marshal(AnalyzeRequest{ID: d.ID, Title: d.Title(), Content: content})
		rec := ts.do("POST", "/api/v1/analyze", bytes.NewReader(body))
		if rec.Code != 200 {
			t.Fatalf("POST /api/v1/analyze %s: status %d: %s", d.ID, rec.Code, rec.Body)
		}
		out["analyze "+d.ID] = rec.Body.Bytes()
	}
	return out
}

func checkNoPII(t *testing.T, responses map[string][]byte, raw []string) {
	t.Helper()
	if len(raw) < 10 {
		t.Fatalf("only %d raw personal values to look for; the check would prove little", len(raw))
	}
	for target, body := range responses {
		for _, p := range leaks(t, body, raw) {
			t.Errorf("%s: response holds raw personal data %q", target, p)
		}
	}
}

// leaks returns the raw values found in a JSON body, looking at the body
// and at its decoded strings (in case of \u escapes).
func leaks(t *testing.T, body []byte, raw []string) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("body is not JSON: %v", err)
	}
	text := string(body) + fmt.Sprint(v)
	var out []string
	for _, p := range raw {
		if strings.Contains(text, p) {
			out = append(out, p)
		}
	}
	return out
}

func TestNoPIILeakFake(t *testing.T) {
	ts := newTestServer(t, Config{})
	docs := append(fixtureDocs(t), piiDocs()...)
	checkNoPII(t, piiResponses(t, ts, docs), rawPII(docs))
}

// TestPIICheckCanFail makes sure the leak check sees raw data where there is
// some: the fake returns documents and hits unmasked.
func TestPIICheckCanFail(t *testing.T) {
	docs := append(fixtureDocs(t), piiDocs()...)
	fake := searchapitest.New(docs...)
	raw := rawPII(docs)
	for _, id := range []string{"PII-1", "PII-2", docs[0].ID} {
		d, err := fake.Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := json.Marshal(d)
		if len(leaks(t, body, raw)) == 0 {
			t.Errorf("unmasked document %s: leak check found nothing", id)
		}
	}
	res, err := fake.Search(context.Background(), xinfang.SearchRequest{Query: "联系电话13900001234", Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(res)
	if len(leaks(t, body, raw)) == 0 {
		t.Errorf("unmasked search result: leak check found nothing")
	}
}
