package searchapi

import (
	"encoding/json"
	"os"
	"path/filepath"
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
	Role       string                     `json:"x-role"`
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
		if !slices.ContainsFunc([]string{"200", "201", "202", "204"}, func(code string) bool { _, ok := op.Responses[code]; return ok }) {
			t.Errorf("%s %s: no 2xx response", rt.method, rt.path)
		}
		if op.Role != rt.role {
			t.Errorf("%s %s: x-role %q, want the route's role %q", rt.method, rt.path, op.Role, rt.role)
		}
		_, has401 := op.Responses["401"]
		if has401 != (rt.role != rolePublic) {
			t.Errorf("%s %s: 401 response documented = %v, want %v for role %s", rt.method, rt.path, has401, rt.role != rolePublic, rt.role)
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

// TestOpenAPIRefs checks that every $ref of openapi.json resolves.
func TestOpenAPIRefs(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatal(err)
	}
	refs := 0
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if k == "$ref" {
					refs++
					ref, _ := e.(string)
					var cur any = doc
					for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
						m, ok := cur.(map[string]any)
						if !ok {
							cur = nil
							break
						}
						cur = m[part]
					}
					if !strings.HasPrefix(ref, "#/") || cur == nil {
						t.Errorf("$ref %q does not resolve", ref)
					}
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
	walk(doc)
	if refs == 0 {
		t.Errorf("no $ref found; the walk is broken")
	}
}

// TestOpenAPISchemasMatchGoldens checks the top-level fields of the golden
// responses against the schemas openapi.json gives them: every required
// field is there and no field is undocumented.
func TestOpenAPISchemasMatchGoldens(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Required   []string                   `json:"required"`
				Properties map[string]json.RawMessage `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatal(err)
	}
	for golden, schema := range map[string]string{
		"search_query.json":   "SearchResult",
		"document.json":       "Document",
		"trends.json":         "TrendResult",
		"risks.json":          "RiskBoard",
		"error_size.json":     "Error",
		"document_pii.json":   "Document",
		"search_filters.json": "SearchResult",
	} {
		t.Run(golden, func(t *testing.T) {
			s, ok := doc.Components.Schemas[schema]
			if !ok {
				t.Fatalf("no schema %s", schema)
			}
			data, err := os.ReadFile(filepath.Join("testdata", "golden", golden))
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]json.RawMessage
			if err := json.Unmarshal(data, &got); err != nil {
				t.Fatal(err)
			}
			for _, f := range s.Required {
				if _, ok := got[f]; !ok {
					t.Errorf("%s lacks %s's required field %q", golden, schema, f)
				}
			}
			for f := range got {
				if _, ok := s.Properties[f]; !ok {
					t.Errorf("%s has field %q that schema %s does not document", golden, f, schema)
				}
			}
		})
	}
}
