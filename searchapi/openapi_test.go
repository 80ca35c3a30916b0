package searchapi

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type openAPIDoc struct {
	OpenAPI    string                          `json:"openapi"`
	Paths      map[string]map[string]openAPIOp `json:"paths"`
	Components struct {
		Parameters map[string]openAPIParam `json:"parameters"`
	} `json:"components"`
}

type openAPIOp struct {
	Parameters []openAPIParam             `json:"parameters"`
	Responses  map[string]json.RawMessage `json:"responses"`
}

type openAPIParam struct {
	Ref  string `json:"$ref"`
	Name string `json:"name"`
	In   string `json:"in"`
}

// TestOpenAPIComplete checks that openapi.json describes every route of
// routes() and exactly the query parameters each route accepts.
func TestOpenAPIComplete(t *testing.T) {
	ts := newTestServer(t, Config{})
	rec := ts.do("GET", "/api/v1/openapi.json", nil)
	if rec.Code != 200 {
		t.Fatalf("status %d", rec.Code)
	}
	var doc openAPIDoc
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.0") {
		t.Errorf("openapi = %q, want 3.0.x", doc.OpenAPI)
	}
	seen := map[string]bool{}
	for _, rt := range ts.routes() {
		method := strings.ToLower(rt.method)
		seen[rt.path+" "+method] = true
		op, ok := doc.Paths[rt.path][method]
		if !ok {
			t.Errorf("openapi.json lacks %s %s", rt.method, rt.path)
			continue
		}
		if _, ok := op.Responses["200"]; !ok {
			t.Errorf("%s %s: no 200 response", rt.method, rt.path)
		}
		var query, path []string
		for _, p := range op.Parameters {
			if p.Ref != "" {
				name := strings.TrimPrefix(p.Ref, "#/components/parameters/")
				var ok bool
				if p, ok = doc.Components.Parameters[name]; !ok {
					t.Errorf("%s %s: dangling $ref %s", rt.method, rt.path, p.Ref)
					continue
				}
			}
			switch p.In {
			case "query":
				query = append(query, p.Name)
			case "path":
				path = append(path, p.Name)
			}
		}
		slices.Sort(query)
		want := slices.Clone(rt.params)
		slices.Sort(want)
		if diff := cmp.Diff(want, query, cmpEmpty); diff != "" {
			t.Errorf("%s %s: query parameters (-routes +openapi.json):\n%s", rt.method, rt.path, diff)
		}
		if rt.api && rt.method == "GET" && rt.params != nil {
			if _, ok := op.Responses["400"]; !ok {
				t.Errorf("%s %s: takes parameters but documents no 400", rt.method, rt.path)
			}
		}
		for _, seg := range strings.Split(rt.path, "/") {
			if strings.HasPrefix(seg, "{") && !slices.Contains(path, strings.Trim(seg, "{}")) {
				t.Errorf("%s %s: path parameter %s undocumented", rt.method, rt.path, seg)
			}
		}
	}
	for p, ops := range doc.Paths {
		for m := range ops {
			if !seen[p+" "+m] {
				t.Errorf("openapi.json describes %s %s, which routes() does not serve", strings.ToUpper(m), p)
			}
		}
	}
}

var cmpEmpty = cmp.Comparer(func(a, b []string) bool { return slices.Equal(a, b) })
