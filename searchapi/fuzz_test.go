package searchapi

import (
	"encoding/json"
	"net/http/httptest"
	"testing"
)

// FuzzParseParams feeds arbitrary query strings to every GET route of the
// API: the answer is 200 or a 400 in the error envelope, never a 500 or a
// panic.
//
//	go test ./searchapi -run '^$' -fuzz FuzzParseParams -fuzztime 30s
func FuzzParseParams(f *testing.F) {
	for _, seed := range []string{
		"", "q=工资", "size=101", "size=-1", "size=0", "q=%zz", "category=wage_arrears,noise&category=noise",
		"headcount=30+", "headcount=30%2B", "from=2024-01-01&to=2023-01-01", "from=2024-01-01T00:00:00Z",
		"cursor=ZmFrZToxMA", "cursor=%00", "sort=date&interval=week", "by=city", "min_count=3",
		"q=" + string(make([]byte, 2000)), "city=%ff", "a=b;c=d", "&&&=", "size=1&size=2", "to=9999-12-31",
	} {
		f.Add(seed)
	}
	ts := newTestServer(f, Config{})
	routes := []string{"/api/v1/search", "/api/v1/trends", "/api/v1/clusters", "/api/v1/risks", "/api/v1/documents/FX-A-0001"}
	f.Fuzz(func(t *testing.T, raw string) {
		for _, route := range routes {
			req := httptest.NewRequest("GET", route, nil)
			req.URL.RawQuery = raw
			rec := httptest.NewRecorder()
			ts.Handler().ServeHTTP(rec, req)
			switch rec.Code {
			case 200:
				if !json.Valid(rec.Body.Bytes()) {
					t.Fatalf("GET %s?%s: 200 with a body that is not JSON", route, raw)
				}
			case 400:
				var e errorBody
				if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error.Code != "invalid" || e.Error.Message == "" {
					t.Fatalf("GET %s?%s: 400 without the error envelope: %s", route, raw, rec.Body)
				}
			default:
				t.Fatalf("GET %s?%s: status %d: %s", route, raw, rec.Code, rec.Body)
			}
		}
	})
}

// FuzzSearchRealIndex sends arbitrary query strings to the search, trends
// and clusters routes over the real in-memory index, whose query parser
// then sees every q: the answer is 200 or 400, never 500 or a panic.
//
//	go test ./searchapi -run '^$' -fuzz FuzzSearchRealIndex -fuzztime 60s
func FuzzSearchRealIndex(f *testing.F) {
	for _, seed := range []string{
		"q=工资", `q="拖欠工资"`, "q=%2B工资+-装修", "q=category:noise", "q=headcount:>=5", "q=工*",
		"q=*", "q=title:", "q=((((", `q="`, "q=a~2", "q=/re/", "q=city:兴安盟 OR county:杭锦旗",
		"q=-", "q=%2B", "q=:", "q=headcount:>x", "sort=risk&q=工资&size=0",
	} {
		f.Add(seed)
	}
	ts := serverOn(f, goldenIdx.get(f, goldenDocs))
	f.Fuzz(func(t *testing.T, raw string) {
		for _, route := range []string{"/api/v1/search", "/api/v1/trends", "/api/v1/clusters"} {
			req := httptest.NewRequest("GET", route, nil)
			req.URL.RawQuery = raw
			rec := httptest.NewRecorder()
			ts.Handler().ServeHTTP(rec, req)
			if rec.Code != 200 && rec.Code != 400 {
				t.Fatalf("GET %s?%s: status %d: %s", route, raw, rec.Code, rec.Body)
			}
		}
	})
}
