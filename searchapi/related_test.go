package searchapi

import (
	"encoding/json"
	"net/http"
	"regexp"
	"testing"

	"github.com/xinfang/xinfang"
)

// linkedResponse is the body of GET /api/v1/documents/{id}/related and of
// GET /api/v1/clusters/{key}/bulletins.
type linkedResponse struct {
	ID        string         `json:"id,omitempty"`
	Key       string         `json:"key,omitempty"`
	Kind      string         `json:"kind,omitempty"`
	Bulletins []xinfang.Link `json:"bulletins,omitempty"`
	Petitions []xinfang.Link `json:"petitions,omitempty"`
}

func TestRelatedRoutes(t *testing.T) {
	ts := newRealServer(t)
	rec := ts.do("GET", "/api/v1/clusters?min_count=3&size=5", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("clusters: %d %s", rec.Code, rec.Body)
	}
	var cls clustersResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &cls); err != nil || len(cls.Clusters) == 0 {
		t.Fatalf("clusters: %v %s", err, rec.Body)
	}
	c := cls.Clusters[0]
	rec = ts.do("GET", "/api/v1/documents/"+c.SampleIDs[0]+"/similar?size=20", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("similar: %d %s", rec.Code, rec.Body)
	}
	var sim similarResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &sim); err != nil {
		t.Fatal(err)
	}
	inCluster := map[string]bool{}
	for _, id := range c.SampleIDs[1:] {
		inCluster[id] = true
	}
	found := 0
	for _, l := range sim.Similar {
		if len(l.Reasons) == 0 {
			t.Errorf("similar %s has no reasons", l.ID)
		}
		if l.ID == c.SampleIDs[0] {
			t.Errorf("the document is similar to itself")
		}
		if inCluster[l.ID] {
			found++
		}
	}
	if found < len(inCluster) {
		t.Errorf("similar to %s: %d of the cluster's other samples %v among %d links", c.SampleIDs[0], found, c.SampleIDs[1:], len(sim.Similar))
	}
	phone := regexp.MustCompile(`1[3-9]\d{9}`)
	if m := phone.Find(rec.Body.Bytes()); m != nil {
		t.Errorf("similar answers a raw phone number %s", m)
	}
	var rel linkedResponse
	rec = ts.do("GET", "/api/v1/documents/"+c.SampleIDs[0]+"/related", nil)
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &rel) != nil || rel.Kind != xinfang.KindPetition || rel.Bulletins == nil {
		t.Errorf("related: %d %s", rec.Code, rec.Body)
	}
	rec = ts.do("GET", "/api/v1/clusters/"+c.Key+"/bulletins", nil)
	if rec.Code != http.StatusOK {
		t.Errorf("cluster bulletins: %d %s", rec.Code, rec.Body)
	}
	for _, tc := range []struct {
		method, target string
		want           int
	}{
		{"GET", "/api/v1/documents/no-such-id/similar", http.StatusNotFound},
		{"GET", "/api/v1/documents/no-such-id/related", http.StatusNotFound},
		{"GET", "/api/v1/clusters/k0000000000000000/bulletins", http.StatusNotFound},
		{"GET", "/api/v1/clusters/nope/bulletins", http.StatusBadRequest},
		{"GET", "/api/v1/documents/" + c.SampleIDs[0] + "/similar?size=500", http.StatusBadRequest},
		{"GET", "/api/v1/documents/" + c.SampleIDs[0] + "/similar?q=x", http.StatusBadRequest},
		{"POST", "/api/v1/documents/" + c.SampleIDs[0] + "/similar", http.StatusMethodNotAllowed},
		{"POST", "/api/v1/clusters/" + c.Key + "/bulletins", http.StatusMethodNotAllowed},
	} {
		if rec := ts.do(tc.method, tc.target, nil); rec.Code != tc.want {
			t.Errorf("%s %s = %d, want %d (%s)", tc.method, tc.target, rec.Code, tc.want, rec.Body)
		}
	}
}
