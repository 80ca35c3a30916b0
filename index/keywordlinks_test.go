package index

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/google/go-cmp/cmp"

	"github.com/xinfang/xinfang"
)

// keywordLinksBleve is the keyword pass as one Bleve search with term
// locations: the reference keywordLinks must agree with.
func (st *reader) keywordLinksBleve(t *testing.T, kws []string, cands map[uint32]*linkCand, add func(uint32, float64, string)) {
	qs := make([]query.Query, len(kws))
	for i, k := range kws {
		qs[i] = termQuery(strings.ToLower(k), fieldContent)
	}
	dq := query.NewDisjunctionQuery(qs)
	dq.SetMin(2)
	req := bleve.NewSearchRequestOptions(dq, keywordHits, 0, false)
	req.IncludeLocations = true
	res, err := st.idx.SearchInContext(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		return
	}
	for _, h := range res.Hits {
		o, ok := st.ordOf(h.ID)
		if !ok {
			continue
		}
		var shared []string
		for term := range h.Locations[fieldContent] {
			shared = append(shared, term)
		}
		sort.Strings(shared)
		add(o, scoreKeywords*h.Score/res.Hits[0].Score, "")
		if c := cands[o]; c != nil && len(shared) > 0 && len(c.keywords) == 0 {
			c.keywords = shared
			c.reasons = append(c.reasons, "关键词相同："+strings.Join(shared, "、"))
		}
	}
}

// TestKeywordLinksAgree pins the keyword pass of the related records
// (split over workers, shared terms from the postings) against one Bleve
// search with term locations, on an index of several segments, with one
// worker and with several.
func TestKeywordLinksAgree(t *testing.T) {
	_, fixtures := fixtureStore(t)
	// Three copies of each fixture, in batches of 150 (a segment each):
	// equal scores in several segments, to be ranked by document number.
	var docs []xinfang.Document
	for c := range 3 {
		for _, d := range fixtures {
			d.ID = fmt.Sprintf("%s-%d", d.ID, c)
			r := *d.Record
			r.ID, d.Record = d.ID, &r
			d.Analysis.ID = d.ID
			docs = append(docs, d)
		}
	}
	s := newMemStore(t, nil)
	for i := 0; i < len(docs); i += 150 {
		indexDocs(t, s, docs[i:min(i+150, len(docs))]...)
	}
	type link struct {
		Ord      uint32
		Score    float64
		Keywords []string
		Reasons  []string
	}
	run := func(st *reader, kws []string, pass func(*reader, []string, map[uint32]*linkCand, func(uint32, float64, string))) []link {
		cands := map[uint32]*linkCand{}
		var order []uint32
		add := func(o uint32, score float64, reason string) {
			c := cands[o]
			if c == nil {
				c = &linkCand{}
				cands[o] = c
				order = append(order, o)
			}
			c.score += score
		}
		pass(st, kws, cands, add)
		out := make([]link, len(order))
		for i, o := range order {
			out[i] = link{o, cands[o].score, cands[o].keywords, cands[o].reasons}
		}
		return out
	}
	// The keywords most documents have, so that the hits outnumber
	// keywordHits and ties at the cut are decided as Bleve does.
	freq := map[string]int{}
	for _, d := range docs {
		for _, k := range d.Analysis.Keywords {
			freq[k]++
		}
	}
	var common []string
	for k := range freq {
		common = append(common, k)
	}
	sort.Slice(common, func(i, j int) bool {
		if freq[common[i]] != freq[common[j]] {
			return freq[common[i]] > freq[common[j]]
		}
		return common[i] < common[j]
	})
	common = common[:min(len(common), relatedKeywords)]
	defer func(n int) { parallelMinRows = n }(parallelMinRows)
	full, linked := 0, 0
	for _, pmr := range []int{parallelMinRows, 0} {
		parallelMinRows = pmr
		st, release, err := s.acquireScan(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if pmr == 0 && st.workers() < 2 {
			t.Log("one CPU: the split over workers is not exercised")
		}
		for i := 0; i <= len(docs); i += len(docs) / 30 {
			kws, name := common, "the most common keywords"
			if i < len(docs) {
				kws, name = docs[i].Analysis.Keywords, docs[i].ID
			}
			if len(kws) > relatedKeywords {
				kws = kws[:relatedKeywords]
			}
			want := run(st, kws, func(st *reader, kws []string, c map[uint32]*linkCand, add func(uint32, float64, string)) {
				st.keywordLinksBleve(t, kws, c, add)
			})
			got := run(st, kws, func(st *reader, kws []string, c map[uint32]*linkCand, add func(uint32, float64, string)) {
				if err := st.keywordLinks(ctx, kws, c, add); err != nil {
					t.Fatal(err)
				}
			})
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s, keywords %v (-Bleve +keywordLinks):\n%s", name, kws, diff)
			}
			if len(want) == keywordHits {
				full++
			}
			linked += len(want)
		}
		release()
	}
	if full == 0 || linked == 0 {
		t.Errorf("no keyword search filled its %d hits (%d links in all): the test needs more matches", keywordHits, linked)
	}
}
