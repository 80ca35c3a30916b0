package index

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/xinfang/xinfang"
)

var ctx = context.Background()

func searchAll(t *testing.T, s *Store, req xinfang.SearchRequest) xinfang.SearchResult {
	t.Helper()
	res, err := s.Search(ctx, req)
	if err != nil {
		t.Fatalf("Search(%+v): %v", req, err)
	}
	return res
}

func hitIDs(hits []xinfang.Hit) []string {
	ids := []string{}
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func TestSearchText(t *testing.T) {
	s := newMemStore(t, handDocuments())
	tests := []struct {
		q    string
		want []string // sorted ids
	}{
		{"", []string{"A1", "A2", "A3", "A4", "A5", "A6"}},
		{"工资", []string{"A1", "A4", "A5"}},
		{"农民工 工资", []string{"A1", "A5"}},
		{`"拖欠农民工工资"`, []string{"A1", "A5"}},
		{"-工资", []string{"A2", "A3", "A6"}},
		{"工资 -第三次", []string{"A1", "A4"}},
		{"city:兴安盟", []string{"A1", "A4", "A5"}},
		{"city:兴安盟 -category:wage_arrears", nil},
		{"category:欠薪 county:乌兰浩特市", []string{"A1", "A5"}},
		{"title:噪声", []string{"A3"}},
		{"content:噪声", []string{"A3"}},
		{"title:工资", []string{"A1", "A5"}},
		{"headcount:>=5", []string{"A1", "A2", "A5"}},
		{"headcount:2..4", []string{"A4"}},
		{"-headcount:>=5", []string{"A3", "A4", "A6"}},
		{"channel:visit status:accepted", []string{"A1", "A5"}},
		{"risk_level:high", []string{"A1"}},
		{"subject:某建筑有限公司", []string{"A1", "A5"}},
		{"开发*", []string{"A2"}},
		{"city:锡林郭勒盟", nil},
		{"，", []string{"A1", "A2", "A3", "A4", "A5", "A6"}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res := searchAll(t, s, xinfang.SearchRequest{Query: tt.q, Size: 100})
			got := hitIDs(res.Hits)
			sort.Strings(got)
			want := tt.want
			if want == nil {
				want = []string{}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Search(%q) ids (-want +got):\n%s", tt.q, diff)
			}
			if int(res.Total) != len(want) {
				t.Errorf("Search(%q).Total = %d, want %d", tt.q, res.Total, len(want))
			}
		})
	}
}

func TestSearchErrors(t *testing.T) {
	s := newMemStore(t, handDocuments())
	tests := []struct {
		name string
		req  xinfang.SearchRequest
	}{
		{"size too big", xinfang.SearchRequest{Size: 101}},
		{"negative size", xinfang.SearchRequest{Size: -1}},
		{"bad sort", xinfang.SearchRequest{Sort: "name"}},
		{"bad interval", xinfang.SearchRequest{Interval: "year"}},
		{"bad cursor", xinfang.SearchRequest{Size: 1, Cursor: "!!"}},
		{"cursor of another sort", xinfang.SearchRequest{Size: 1, Sort: xinfang.SortRisk, Cursor: (&cursor{sortBy: xinfang.SortDate, id: "A1"}).encode()}},
		{"bad channel filter", xinfang.SearchRequest{Filters: xinfang.Filters{Channel: []string{"fax"}}}},
		{"bad headcount filter", xinfang.SearchRequest{Filters: xinfang.Filters{Headcount: []string{"3-9"}}}},
		{"syntax", xinfang.SearchRequest{Query: `"open`}},
		{"fuzzy on two words", xinfang.SearchRequest{Query: "拖欠工资款~"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Search(ctx, tt.req)
			if xinfang.ErrorCode(err) != xinfang.EINVALID {
				t.Errorf("Search(%+v) = %v, want EINVALID", tt.req, err)
			}
		})
	}
}

// checkFacets asserts that every facet value, selected as the filter of
// its field (in place of that field's selection), returns exactly its
// count, and that the histogram adds up to the total.
func checkFacets(t *testing.T, s *Store, req xinfang.SearchRequest) {
	t.Helper()
	res := searchAll(t, s, req)
	sum := 0
	for _, b := range res.Histogram.Buckets {
		sum += b.Count
	}
	if sum != int(res.Total) {
		t.Errorf("Search(%q) histogram sums to %d, total is %d", req.Query, sum, res.Total)
	}
	for name, vals := range res.Facets {
		for _, v := range vals {
			f := req.Filters
			switch name {
			case "category":
				f.Category = []string{v.Value}
			case "city":
				f.City = []string{v.Value}
			case "county":
				f.County = []string{v.Value}
			case "kind":
				f.Kind = []string{v.Value}
			case "channel":
				f.Channel = []string{v.Value}
			case "status":
				f.Status = []string{v.Value}
			case "risk_level":
				f.RiskLevel = []string{v.Value}
			case "headcount":
				f.Headcount = []string{v.Value}
			case "overdue":
				f.Overdue = []string{v.Value}
			case "repeat":
				f.Repeat = []string{v.Value}
			case "joint":
				f.Joint = []string{v.Value}
			default:
				t.Fatalf("unknown facet %q", name)
			}
			if v.Label == "" {
				t.Errorf("facet %s value %q has no label", name, v.Value)
			}
			sub := req
			sub.Filters, sub.Size = f, 0
			got := searchAll(t, s, sub)
			if int(got.Total) != v.Count {
				t.Errorf("Search(%q) facet %s=%s count %d, filtered total %d", req.Query, name, v.Value, v.Count, got.Total)
			}
		}
	}
}

func TestFacetsMatchFilters(t *testing.T) {
	s := newMemStore(t, handDocuments())
	for _, req := range []xinfang.SearchRequest{
		{},
		{Query: "工资"},
		{Query: "-噪声", Filters: xinfang.Filters{City: []string{"兴安盟"}}},
		{Filters: xinfang.Filters{From: time.Date(2024, 4, 2, 0, 0, 0, 0, cst), To: time.Date(2024, 5, 4, 0, 0, 0, 0, cst)}, Interval: xinfang.IntervalWeek},
		{Filters: xinfang.Filters{Category: []string{"wage_arrears", "noise"}}, Interval: xinfang.IntervalMonth},
	} {
		checkFacets(t, s, req)
	}
}

func TestFacetValues(t *testing.T) {
	s := newMemStore(t, handDocuments())
	res := searchAll(t, s, xinfang.SearchRequest{})
	want := map[string][]xinfang.FacetValue{
		"category": {
			{Value: "wage_arrears", Label: "欠薪", Count: 3},
			{Value: "delayed_delivery", Label: "延期交房", Count: 1},
			{Value: "demolition_compensation", Label: "征收拆迁补偿", Count: 1},
			{Value: "noise", Label: "噪声扰民", Count: 1},
		},
		"city": {
			{Value: "兴安盟", Label: "兴安盟", Count: 3},
			{Value: "包头市", Label: "包头市", Count: 1},
			{Value: "呼和浩特市", Label: "呼和浩特市", Count: 1},
		},
		"county": {
			{Value: "乌兰浩特市", Label: "乌兰浩特市", Count: 2},
			{Value: "新城区", Label: "新城区", Count: 1},
			{Value: "昆都仑区", Label: "昆都仑区", Count: 1},
			{Value: "科尔沁右翼前旗", Label: "科尔沁右翼前旗", Count: 1},
		},
		"kind":       {{Value: "petition", Label: "信访件", Count: 6}},
		"channel":    {{Value: "visit", Label: "来访", Count: 2}, {Value: "letter", Label: "来信", Count: 1}, {Value: "online", Label: "网上信访", Count: 1}, {Value: "phone", Label: "电话", Count: 1}, {Value: "other", Label: "其他", Count: 1}},
		"status":     {{Value: "accepted", Label: "已受理", Count: 2}, {Value: "assigned", Label: "已交办", Count: 1}, {Value: "in_progress", Label: "办理中", Count: 1}, {Value: "closed", Label: "已办结", Count: 1}, {Value: "follow_up", Label: "已回访", Count: 1}},
		"risk_level": {{Value: "high", Label: "高", Count: 1}, {Value: "medium", Label: "中", Count: 3}, {Value: "low", Label: "低", Count: 2}},
		"headcount":  {{Value: "1", Label: "1人", Count: 1}, {Value: "2-4", Label: "2-4人", Count: 1}, {Value: "30+", Label: "30人及以上", Count: 1}, {Value: "5-29", Label: "5-29人", Count: 2}},
	}
	// Case facets: every open record of 2024 is overdue now; A5 repeats
	// A1 (same phone, same matter); A2 and A6 are written by several.
	want["overdue"] = []xinfang.FacetValue{{Value: "handling", Label: "办理超期", Count: 4}, {Value: "false", Label: "未超期", Count: 2}}
	want["repeat"] = []xinfang.FacetValue{{Value: "true", Label: "重件", Count: 1}, {Value: "false", Label: "初件", Count: 5}}
	want["joint"] = []xinfang.FacetValue{{Value: "true", Label: "联名件", Count: 2}, {Value: "false", Label: "非联名件", Count: 4}}
	// Enumerations come in display order; headcount buckets too.
	want["headcount"] = []xinfang.FacetValue{{Value: "1", Label: "1人", Count: 1}, {Value: "2-4", Label: "2-4人", Count: 1}, {Value: "5-29", Label: "5-29人", Count: 2}, {Value: "30+", Label: "30人及以上", Count: 1}}
	if diff := cmp.Diff(want, res.Facets); diff != "" {
		t.Errorf("facets (-want +got):\n%s", diff)
	}
}

func TestHistogram(t *testing.T) {
	s := newMemStore(t, handDocuments())
	res := searchAll(t, s, xinfang.SearchRequest{Interval: xinfang.IntervalWeek})
	type b struct {
		Start string
		Count int
	}
	var got []b
	for _, x := range res.Histogram.Buckets {
		got = append(got, b{x.Start.Format("2006-01-02 Mon -07:00"), x.Count})
	}
	want := []b{
		{"2024-04-01 Mon +08:00", 2}, {"2024-04-08 Mon +08:00", 1}, {"2024-04-15 Mon +08:00", 1},
		{"2024-04-22 Mon +08:00", 0}, {"2024-04-29 Mon +08:00", 1}, {"2024-05-06 Mon +08:00", 0},
		{"2024-05-13 Mon +08:00", 0}, {"2024-05-20 Mon +08:00", 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("weekly histogram (-want +got):\n%s", diff)
	}
	res = searchAll(t, s, xinfang.SearchRequest{Interval: xinfang.IntervalMonth})
	if len(res.Histogram.Buckets) != 2 || res.Histogram.Buckets[0].Count != 4 || res.Histogram.Buckets[1].Count != 2 {
		t.Errorf("monthly histogram = %+v, want April 4, May 2", res.Histogram.Buckets)
	}
	// A date just before midnight in Shanghai is that day, not the next (UTC) one.
	d := doc{id: "late", content: "深夜来访", date: "2024-06-01"}.document()
	d.Record.ReceivedAt = time.Date(2024, 6, 1, 23, 59, 0, 0, cst)
	if err := s.Index(ctx, []xinfang.Document{d}); err != nil {
		t.Fatal(err)
	}
	res = searchAll(t, s, xinfang.SearchRequest{Query: "深夜", Interval: xinfang.IntervalDay})
	if len(res.Histogram.Buckets) != 1 || !res.Histogram.Buckets[0].Start.Equal(time.Date(2024, 6, 1, 0, 0, 0, 0, cst)) {
		t.Errorf("day histogram = %+v, want one bucket on 2024-06-01 +08:00", res.Histogram.Buckets)
	}
}

func TestCursorPaging(t *testing.T) {
	s := newMemStore(t, handDocuments())
	for _, tc := range []struct{ sort, q string }{
		{xinfang.SortDate, ""}, {xinfang.SortRisk, ""}, {xinfang.SortRelevance, "工资"}, {xinfang.SortRelevance, ""}, {xinfang.SortRisk, "-噪声"},
	} {
		t.Run(tc.sort+"/"+tc.q, func(t *testing.T) {
			full := searchAll(t, s, xinfang.SearchRequest{Query: tc.q, Sort: tc.sort, Size: 100})
			var paged []string
			cur := ""
			for page := 0; page < 10; page++ {
				res := searchAll(t, s, xinfang.SearchRequest{Query: tc.q, Sort: tc.sort, Size: 2, Cursor: cur})
				paged = append(paged, hitIDs(res.Hits)...)
				if res.Cursor == "" {
					break
				}
				cur = res.Cursor
			}
			if diff := cmp.Diff(hitIDs(full.Hits), paged); diff != "" {
				t.Errorf("paged ids differ from one page (-want +got):\n%s", diff)
			}
			if len(paged) != int(full.Total) {
				t.Errorf("paged %d hits, total %d", len(paged), full.Total)
			}
		})
	}
}

func TestSortOrders(t *testing.T) {
	s := newMemStore(t, handDocuments())
	res := searchAll(t, s, xinfang.SearchRequest{Sort: xinfang.SortRisk, Size: 3})
	if diff := cmp.Diff([]string{"A1", "A2", "A5"}, hitIDs(res.Hits)); diff != "" {
		t.Errorf("risk order (-want +got):\n%s", diff)
	}
	res = searchAll(t, s, xinfang.SearchRequest{Sort: xinfang.SortDate, Size: 2})
	if diff := cmp.Diff([]string{"A6", "A5"}, hitIDs(res.Hits)); diff != "" {
		t.Errorf("date order (-want +got):\n%s", diff)
	}
}

func TestUpsertDeleteGet(t *testing.T) {
	s := newMemStore(t, handDocuments())
	docs := handDocuments()
	if err := s.Index(ctx, docs[:2]); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(); n != 6 {
		t.Errorf("Count after re-indexing two = %d, want 6", n)
	}
	changed := docs[0]
	changed.Record.Content = "内容已更新：物业费争议。"
	changed.Record.Status = xinfang.StatusClosed
	if err := s.Index(ctx, []xinfang.Document{changed}); err != nil {
		t.Fatal(err)
	}
	if res := searchAll(t, s, xinfang.SearchRequest{Query: "物业费"}); res.Total != 1 {
		t.Errorf("updated text: total %d, want 1", res.Total)
	}
	if res := searchAll(t, s, xinfang.SearchRequest{Query: "第三次"}); res.Total != 1 {
		t.Errorf("other docs: total %d, want 1", res.Total)
	}
	if res := searchAll(t, s, xinfang.SearchRequest{Filters: xinfang.Filters{Status: []string{"closed"}}}); res.Total != 2 {
		t.Errorf("status closed after update: total %d, want 2", res.Total)
	}
	got, err := s.Get(ctx, "A1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Record.Content != changed.Record.Content || got.Record.Petitioner.Phone != "13812345678" {
		t.Errorf("Get(A1) = %+v, want the updated raw record", got.Record)
	}
	if got.ComplainantKey == "" || strings.Contains(got.ComplainantKey, "1381234") {
		t.Errorf("ComplainantKey = %q, want a keyed hash", got.ComplainantKey)
	}
	if err := s.Delete(ctx, "A1", "A3", "nope"); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(); n != 4 {
		t.Errorf("Count after delete = %d, want 4", n)
	}
	if _, err := s.Get(ctx, "A1"); xinfang.ErrorCode(err) != xinfang.ENOTFOUND {
		t.Errorf("Get(deleted) = %v, want ENOTFOUND", err)
	}
	if res := searchAll(t, s, xinfang.SearchRequest{Query: "噪声"}); res.Total != 0 {
		t.Errorf("deleted doc still found: %d", res.Total)
	}
	checkFacets(t, s, xinfang.SearchRequest{})
}

func TestIndexInvalid(t *testing.T) {
	s := newMemStore(t, nil)
	good := handDocuments()[0]
	for _, tc := range []struct {
		name string
		mod  func(d *xinfang.Document)
	}{
		{"no id", func(d *xinfang.Document) { d.ID = "" }},
		{"no record", func(d *xinfang.Document) { d.Record = nil }},
		{"both", func(d *xinfang.Document) { d.Bulletin = &xinfang.Bulletin{ID: d.ID, Content: "x"} }},
		{"wrong kind", func(d *xinfang.Document) { d.Kind = xinfang.KindBulletin }},
		{"empty content", func(d *xinfang.Document) { d.Record.Content = " " }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := handDocs[0].document()
			tc.mod(&d)
			err := s.Index(ctx, []xinfang.Document{good, d})
			if xinfang.ErrorCode(err) != xinfang.EINVALID {
				t.Errorf("Index = %v, want EINVALID", err)
			}
			if n, _ := s.Count(); n != 0 {
				t.Errorf("Count = %d after a rejected batch, want 0", n)
			}
		})
	}
}

func TestMasking(t *testing.T) {
	s := newMemStore(t, handDocuments())
	for _, q := range []string{"13812345678", "138-1234-5678", "150102198001011234", `"150102198001011234"`, "19800101"} {
		if res := searchAll(t, s, xinfang.SearchRequest{Query: q}); res.Total != 0 {
			t.Errorf("Search(%q) found %d documents; raw numbers must not be searchable", q, res.Total)
		}
	}
	res := searchAll(t, s, xinfang.SearchRequest{Size: 100})
	for _, h := range res.Hits {
		for _, raw := range []string{"13812345678", "150102198001011234", "19800101"} {
			if strings.Contains(h.Snippet, raw) || strings.Contains(h.Title, raw) {
				t.Errorf("hit %s shows %s: %q", h.ID, raw, h.Snippet)
			}
		}
	}
	res = searchAll(t, s, xinfang.SearchRequest{Query: "联系电话", Size: 1})
	if len(res.Hits) != 1 || !strings.Contains(res.Hits[0].Snippet, "</mark>138****5678") {
		t.Errorf("hits = %+v, want the masked phone after the mark", res.Hits)
	}
}

func TestSnippet(t *testing.T) {
	s := newMemStore(t, []xinfang.Document{
		doc{id: "S1", content: strings.Repeat("无关的内容。", 40) + "这里说到<工资>和拖欠，" + strings.Repeat("其他。", 40), date: "2024-01-01"}.document(),
	})
	res := searchAll(t, s, xinfang.SearchRequest{Query: "工资", Size: 1})
	sn := res.Hits[0].Snippet
	if !strings.Contains(sn, "&lt;<mark>工资</mark>&gt;") {
		t.Errorf("snippet %q: want an escaped, marked word", sn)
	}
	if !strings.HasPrefix(sn, "…") || !strings.HasSuffix(sn, "…") {
		t.Errorf("snippet %q: want ellipses on both sides", sn)
	}
	if n := len([]rune(sn)); n > snippetRunes+40 {
		t.Errorf("snippet has %d characters", n)
	}
	res = searchAll(t, s, xinfang.SearchRequest{Size: 1})
	if !strings.HasPrefix(res.Hits[0].Snippet, "无关的内容。") {
		t.Errorf("no-query snippet %q: want the beginning", res.Hits[0].Snippet)
	}
}

func TestClustersAndRisk(t *testing.T) {
	docs := handDocuments()
	// A third filing of A1's matter, with a different wording and no
	// subject: it joins by near-duplicate text.
	third := doc{id: "A7", title: "又一次反映", content: "某建筑公司拖欠农民工工资三个月，27名工人多次讨要未果，联系电话13812345678。", city: "兴安盟", cats: []string{xinfang.CategoryWageArrears}, level: xinfang.RiskLow, score: 20, date: "2024-05-10", phone: "+86 138 1234 5678"}.document()
	other := doc{id: "A8", title: "同一公司", content: "再次反映某建筑公司不发工资的问题，工人们很着急。", city: "兴安盟", subject: "某建筑有限责任公司", cats: []string{xinfang.CategoryWageArrears}, level: xinfang.RiskLow, score: 20, date: "2024-05-12", idNumber: "150102198001011234"}.document()
	s := newMemStore(t, append(docs, third, other))

	cls, err := s.Clusters(ctx, xinfang.ClusterRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cls) != 1 {
		t.Fatalf("Clusters = %+v, want one", cls)
	}
	c := cls[0]
	if c.Count != 4 || c.Category != xinfang.CategoryWageArrears || c.City != "兴安盟" {
		t.Errorf("cluster = %+v, want 4 wage-arrears records in 兴安盟", c)
	}
	if c.Complainants != 2 {
		t.Errorf("complainants = %d, want 2 (one phone written three ways, one ID number)", c.Complainants)
	}
	if diff := cmp.Diff([]string{"A8", "A7", "A5", "A1"}, c.SampleIDs); diff != "" {
		t.Errorf("sample ids (-want +got):\n%s", diff)
	}
	if !c.FirstSeen.Equal(time.Date(2024, 4, 1, 10, 0, 0, 0, cst)) || !c.LastSeen.Equal(time.Date(2024, 5, 12, 10, 0, 0, 0, cst)) {
		t.Errorf("first/last seen = %v / %v", c.FirstSeen, c.LastSeen)
	}
	if c.Risk.Level != xinfang.RiskHigh || len(c.Risk.Reasons) == 0 || c.Risk.Reasons[0] != "同一事项已反映4次" {
		t.Errorf("cluster risk = %+v, want high with the recurrence first", c.Risk)
	}
	// The recurrence raises each record: A7 was low with 20. A7 is also
	// the third petition of one phone number about this matter (A1, A5,
	// A7), a repeat: at least medium 42, plus 3 for the three.
	res := searchAll(t, s, xinfang.SearchRequest{Query: "又一次", Size: 1})
	if h := res.Hits[0]; h.Risk.Level != xinfang.RiskMedium || h.Risk.Score != 45 || !contains(h.Risk.Reasons, "同一事项已反映4次") ||
		!contains(h.Risk.Reasons, "同一信访人就同一事项第3次信访（重件，共3件）") {
		t.Errorf("A7 risk = %+v, want medium 45 with the recurrence and the repeat", h.Risk)
	}
	checkFacets(t, s, xinfang.SearchRequest{})

	board, err := s.Risks(ctx, xinfang.RiskRequest{Filters: xinfang.Filters{City: []string{"兴安盟"}}, Size: 3})
	if err != nil {
		t.Fatal(err)
	}
	// A1 high 80+10+2, A5 medium 50 raised to high 60+3, then A7 (low 20
	// raised to medium 30, and to 45 as the third of a repeat group) and
	// A4 medium 45 (not clustered), the newer first.
	if diff := cmp.Diff([]string{"A1", "A5", "A7"}, hitIDs(board.Records)); diff != "" {
		t.Errorf("risk board records (-want +got):\n%s", diff)
	}
	if len(board.Clusters) != 1 {
		t.Errorf("risk board clusters = %+v", board.Clusters)
	}
	if board, _ := s.Risks(ctx, xinfang.RiskRequest{Filters: xinfang.Filters{City: []string{"包头市"}}}); len(board.Clusters) != 0 || len(board.Records) != 1 {
		t.Errorf("risk board in 包头市 = %+v", board)
	}
	// Deleting two members drops the cluster below the step.
	if err := s.Delete(ctx, "A7", "A8"); err != nil {
		t.Fatal(err)
	}
	res = searchAll(t, s, xinfang.SearchRequest{Query: "第三次", Size: 1})
	// A5 is still the second petition of A1's petitioner: 50 + 2.
	if h := res.Hits[0]; h.Risk.Level != xinfang.RiskMedium || h.Risk.Score != 52 || contains(h.Risk.Reasons, "同一事项已反映2次") ||
		!contains(h.Risk.Reasons, "同一信访人就同一事项第2次信访（重件，共2件）") {
		t.Errorf("A5 risk after deletes = %+v, want its own medium 50 raised to 52 as a repeat", h.Risk)
	}
	if _, err := s.Clusters(ctx, xinfang.ClusterRequest{Size: 101}); xinfang.ErrorCode(err) != xinfang.EINVALID {
		t.Errorf("Clusters(size 101) = %v, want EINVALID", err)
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func TestTrends(t *testing.T) {
	var docs []xinfang.Document
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, cst) // a Monday
	n := 0
	add := func(week, count int, cat string) {
		for i := 0; i < count; i++ {
			n++
			d := doc{id: fmt.Sprintf("T%03d", n), content: fmt.Sprintf("第%d周的反映%d", week, i), city: "兴安盟", cats: []string{cat}, date: "2024-01-01"}.document()
			d.Record.ReceivedAt = start.AddDate(0, 0, 7*week+i%7)
			docs = append(docs, d)
		}
	}
	for w := 0; w < 10; w++ {
		add(w, 2, xinfang.CategoryNoise)
		add(w, 3+w%2, xinfang.CategoryWageArrears)
	}
	add(10, 2, xinfang.CategoryNoise)
	add(10, 12, xinfang.CategoryWageArrears)
	s := newMemStore(t, docs)
	tr, err := s.Trends(ctx, xinfang.TrendRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Interval != xinfang.IntervalWeek || tr.By != "category" || tr.Method == "" {
		t.Errorf("Trends = %+v", tr)
	}
	if len(tr.Series) != 2 || tr.Series[0].Key != xinfang.CategoryWageArrears {
		t.Fatalf("series = %+v", tr.Series)
	}
	wage, noise := tr.Series[0], tr.Series[1]
	if !wage.Spike || noise.Spike {
		t.Errorf("spike wage=%v noise=%v, want true false", wage.Spike, noise.Spike)
	}
	last := wage.Buckets[len(wage.Buckets)-1]
	if last.Count != 12 || last.Baseline != 3.5 || !last.Start.Equal(time.Date(2024, 3, 11, 0, 0, 0, 0, cst)) {
		t.Errorf("last wage bucket = %+v", last)
	}
	if len(wage.Buckets) != defaultTrendBuckets {
		t.Errorf("%d buckets, want %d", len(wage.Buckets), defaultTrendBuckets)
	}
	for _, b := range wage.Buckets[:len(wage.Buckets)-1] {
		if b.Spike {
			t.Errorf("bucket %v flagged as a spike", b)
		}
	}
	if wage.Label != "欠薪" {
		t.Errorf("label %q", wage.Label)
	}
	byCity, err := s.Trends(ctx, xinfang.TrendRequest{By: "city", Interval: xinfang.IntervalMonth})
	if err != nil {
		t.Fatal(err)
	}
	if len(byCity.Series) != 1 || byCity.Series[0].Total != len(docs) {
		t.Errorf("by city = %+v", byCity.Series)
	}
	only, err := s.Trends(ctx, xinfang.TrendRequest{Filters: xinfang.Filters{Category: []string{"噪声扰民"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(only.Series) != 1 || only.Series[0].Key != xinfang.CategoryNoise || only.Series[0].Spike {
		t.Errorf("noise only = %+v", only.Series)
	}
	if _, err := s.Trends(ctx, xinfang.TrendRequest{By: "county"}); xinfang.ErrorCode(err) != xinfang.EINVALID {
		t.Errorf("Trends(by county) = %v, want EINVALID", err)
	}
}

func TestReopenAndLock(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{SearchTimeout: testSearchTimeout, Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Index(ctx, handDocuments()); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = Open(dir, Options{SearchTimeout: testSearchTimeout, Timeout: 200 * time.Millisecond})
	if xinfang.ErrorCode(err) != xinfang.ECONFLICT || !strings.Contains(xinfang.ErrorMessage(err), "in use by another process") {
		t.Errorf("second Open = %v, want ECONFLICT", err)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("second Open took %v with a lock timeout of 200ms", d)
	}
	before := searchAll(t, s, xinfang.SearchRequest{Query: "工资", Size: 10})
	beforeClusters, _ := s.Clusters(ctx, xinfang.ClusterRequest{})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Search(ctx, xinfang.SearchRequest{}); xinfang.ErrorCode(err) != xinfang.EUNAVAILABLE {
		t.Errorf("Search after Close = %v, want EUNAVAILABLE", err)
	}
	s, err = Open(dir, Options{SearchTimeout: testSearchTimeout})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	after := searchAll(t, s, xinfang.SearchRequest{Query: "工资", Size: 10})
	before.TookMS, after.TookMS = 0, 0
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("search after reopen (-before +after):\n%s", diff)
	}
	afterClusters, _ := s.Clusters(ctx, xinfang.ClusterRequest{})
	if diff := cmp.Diff(beforeClusters, afterClusters); diff != "" {
		t.Errorf("clusters after reopen (-before +after):\n%s", diff)
	}
	// The secret persisted: the same phone gives the same key.
	d := handDocs[0].document()
	d.ID, d.Record.ID = "A1-again", "A1-again"
	if err := s.Index(ctx, []xinfang.Document{d}); err != nil {
		t.Fatal(err)
	}
	a, _ := s.Get(ctx, "A1")
	b, _ := s.Get(ctx, "A1-again")
	if a.ComplainantKey == "" || a.ComplainantKey != b.ComplainantKey {
		t.Errorf("complainant keys %q and %q, want equal after reopen", a.ComplainantKey, b.ComplainantKey)
	}
	st, err := s.Stats()
	if err != nil || st.Documents != 7 || st.DiskBytes == 0 {
		t.Errorf("Stats = %+v, %v", st, err)
	}
}

func TestReindexWhileSearching(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{SearchTimeout: testSearchTimeout})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Index(ctx, handDocuments()); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	errs := make(chan error, 100)
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := s.Search(ctx, xinfang.SearchRequest{Query: "工资", Size: 10})
				if err != nil {
					errs <- err
					return
				}
				if res.Total < 3 {
					errs <- fmt.Errorf("total %d during reindex", res.Total)
					return
				}
			}
		}()
	}
	// Reclassify everything as noise; a write during the rebuild survives.
	wrote := make(chan struct{})
	err = s.Reindex(ctx, func(d xinfang.Document) xinfang.Document {
		if d.ID == "A1" {
			go func() {
				defer close(wrote)
				x := doc{id: "B1", content: "重建期间写入的工资问题", date: "2024-06-01"}.document()
				if err := s.Index(ctx, []xinfang.Document{x}); err != nil {
					errs <- err
				}
			}()
			<-wrote
		}
		d.Analysis.Categories = []string{xinfang.CategoryNoise}
		return d
	})
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if err != nil {
		t.Fatalf("Reindex: %v", err)
	}
	res := searchAll(t, s, xinfang.SearchRequest{Filters: xinfang.Filters{Category: []string{xinfang.CategoryNoise}}})
	if res.Total != 7 {
		t.Errorf("noise after reindex = %d, want 7 (6 reindexed + 1 written meanwhile)", res.Total)
	}
	if _, err := s.Get(ctx, "B1"); err != nil {
		t.Errorf("Get(B1) = %v", err)
	}
	s.Close()
	s2, err := Open(dir, Options{SearchTimeout: testSearchTimeout})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if n, _ := s2.Count(); n != 7 {
		t.Errorf("Count after reopen = %d, want 7", n)
	}
	entries, _ := filepathGlob(dir, indexPrefix+"*")
	if len(entries) != 1 {
		t.Errorf("index directories %v, want one", entries)
	}
}

func TestContextCancelled(t *testing.T) {
	s := newMemStore(t, handDocuments())
	c, cancel := context.WithCancel(ctx)
	cancel()
	_, err := s.Search(c, xinfang.SearchRequest{Query: "工资"})
	if xinfang.ErrorCode(err) != xinfang.EUNAVAILABLE {
		t.Errorf("Search(cancelled) = %v, want EUNAVAILABLE", err)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Search(cancelled) = %v, want it to wrap context.Canceled", err)
	}
}

func TestMultiSelectFacets(t *testing.T) {
	s := newMemStore(t, handDocuments())
	res := searchAll(t, s, xinfang.SearchRequest{Filters: xinfang.Filters{City: []string{"兴安盟"}, Category: []string{"demolition_compensation"}}})
	if res.Total != 1 {
		t.Fatalf("total %d, want 1 (A4)", res.Total)
	}
	// The city facet ignores the city filter but keeps the category one;
	// the category facet keeps the city filter.
	want := map[string][]xinfang.FacetValue{
		"city":     {{Value: "兴安盟", Label: "兴安盟", Count: 1}},
		"category": {{Value: "wage_arrears", Label: "欠薪", Count: 3}, {Value: "demolition_compensation", Label: "征收拆迁补偿", Count: 1}},
	}
	got := map[string][]xinfang.FacetValue{"city": res.Facets["city"], "category": res.Facets["category"]}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("facets (-want +got):\n%s", diff)
	}
	// Other facets are plain drill-down.
	if diff := cmp.Diff([]xinfang.FacetValue{{Value: "letter", Label: "来信", Count: 1}}, res.Facets["channel"]); diff != "" {
		t.Errorf("channel facet (-want +got):\n%s", diff)
	}
	checkFacets(t, s, xinfang.SearchRequest{Filters: xinfang.Filters{City: []string{"兴安盟", "包头市"}, Channel: []string{"visit"}}})
}

func TestConcurrentIndexSearchDelete(t *testing.T) {
	s := newMemStore(t, handDocuments())
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 30; i++ {
				d := doc{id: fmt.Sprintf("C%d-%d", w, i%10), title: "并发写入", content: fmt.Sprintf("第%d次拖欠工资反映", i), city: "兴安盟", subject: "某公司", cats: []string{xinfang.CategoryWageArrears}, date: "2024-06-01"}.document()
				if err := s.Index(ctx, []xinfang.Document{d}); err != nil {
					errs <- err
					return
				}
				if i%7 == 0 {
					if err := s.Delete(ctx, d.ID); err != nil {
						errs <- err
						return
					}
				}
			}
		}(w)
	}
	for r := 0; r < 2; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 30; i++ {
				if _, err := s.Search(ctx, xinfang.SearchRequest{Query: "工资", Size: 5, Filters: xinfang.Filters{City: []string{"兴安盟"}}}); err != nil {
					errs <- err
					return
				}
				if _, err := s.Clusters(ctx, xinfang.ClusterRequest{}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	checkFacets(t, s, xinfang.SearchRequest{Query: "工资"})
	// Counts agree with a fresh index of the same documents.
	n, _ := s.Count()
	res := searchAll(t, s, xinfang.SearchRequest{})
	if uint64(res.Total) != n {
		t.Errorf("Count %d, match-all total %d", n, res.Total)
	}
}

func TestBulletin(t *testing.T) {
	s := newMemStore(t, handDocuments())
	b := xinfang.Document{
		ID:   "bul-1",
		Kind: xinfang.KindBulletin,
		Bulletin: &xinfang.Bulletin{ID: "bul-1", URL: "https://example.org/a", Title: "信访局开展领导接访日活动",
			PublishedAt: time.Date(2024, 4, 20, 9, 0, 0, 0, cst), Source: "某市信访局", Content: "接待群众3批12人次，帮助70多名农民工拿到了91万余元工资。"},
		Analysis: xinfang.Analysis{Categories: []string{xinfang.CategoryWageArrears}, City: ptr("兴安盟"), Risk: xinfang.Risk{Level: xinfang.RiskLow}},
	}
	if err := s.Index(ctx, []xinfang.Document{b}); err != nil {
		t.Fatal(err)
	}
	res := searchAll(t, s, xinfang.SearchRequest{Query: "kind:bulletin 工资", Size: 5})
	if diff := cmp.Diff([]string{"bul-1"}, hitIDs(res.Hits)); diff != "" {
		t.Errorf("bulletin search (-want +got):\n%s", diff)
	}
	if h := res.Hits[0]; h.Kind != xinfang.KindBulletin || !h.Date.Equal(b.Bulletin.PublishedAt) || h.Title != b.Bulletin.Title {
		t.Errorf("bulletin hit = %+v", h)
	}
	res = searchAll(t, s, xinfang.SearchRequest{})
	if diff := cmp.Diff([]xinfang.FacetValue{{Value: "petition", Label: "信访件", Count: 6}, {Value: "bulletin", Label: "通报", Count: 1}}, res.Facets["kind"]); diff != "" {
		t.Errorf("kind facet (-want +got):\n%s", diff)
	}
	// Bulletins are not clustered.
	cls, _ := s.Clusters(ctx, xinfang.ClusterRequest{MinCount: 1, Size: 100})
	for _, c := range cls {
		if contains(c.SampleIDs, "bul-1") {
			t.Errorf("bulletin in cluster %+v", c)
		}
	}
	checkFacets(t, s, xinfang.SearchRequest{Query: "工资"})
}

// TestParallelScanAgrees checks that splitting a search over workers gives
// the same result as one worker.
func TestParallelScanAgrees(t *testing.T) {
	s, _ := fixtureStore(t)
	reqs := []xinfang.SearchRequest{
		{Size: 20}, {Query: "工资", Size: 20}, {Query: "-工资", Size: 20, Sort: xinfang.SortRisk},
		{Query: `"延期交房" 业主`, Size: 5}, {Query: "工资", Filters: xinfang.Filters{City: []string{"兴安盟"}}, Size: 20, Sort: xinfang.SortDate},
	}
	var one []xinfang.SearchResult
	for _, req := range reqs {
		res := searchAll(t, s, req)
		res.TookMS = 0
		one = append(one, res)
	}
	defer func(n int) { parallelMinRows = n }(parallelMinRows)
	parallelMinRows = 0
	for i, req := range reqs {
		res := searchAll(t, s, req)
		res.TookMS = 0
		if diff := cmp.Diff(one[i], res); diff != "" {
			t.Errorf("Search(%+v) with workers (-one +many):\n%s", req, diff)
		}
	}
	checkFacets(t, s, xinfang.SearchRequest{Query: "工资", Filters: xinfang.Filters{Category: []string{xinfang.CategoryWageArrears}}})
}

// TestTraditionalSearch finds a text written in traditional characters with
// a query in simplified ones (and the other way round), and marks the words
// as written.
func TestTraditionalSearch(t *testing.T) {
	s := newMemStore(t, []xinfang.Document{
		doc{id: "T1", title: "農民工討薪", content: "某工地拖欠農民工工資半年，工人們多次討要。", date: "2024-01-01"}.document(),
		doc{id: "S1", title: "噪声扰民", content: "楼下烧烤店吵到凌晨。", date: "2024-01-02"}.document(),
	})
	res := searchAll(t, s, xinfang.SearchRequest{Query: "工资", Size: 5})
	if res.Total != 1 || res.Hits[0].ID != "T1" {
		t.Fatalf("Search(工资) = %d hits %+v, want T1", res.Total, res.Hits)
	}
	if sn := res.Hits[0].Snippet; !strings.Contains(sn, "<mark>工資</mark>") {
		t.Errorf("snippet %q: want the traditional word marked as written", sn)
	}
	if res := searchAll(t, s, xinfang.SearchRequest{Query: "燒烤", Size: 5}); res.Total != 1 || res.Hits[0].ID != "S1" {
		t.Errorf("Search(燒烤) = %d hits, want S1", res.Total)
	}
}

// TestChineseFieldNames answers 类别:欠薪 and 盟市:兴安盟 as the filters
// category=wage_arrears and city=兴安盟.
func TestChineseFieldNames(t *testing.T) {
	s := newMemStore(t, handDocuments())
	for _, tt := range []struct {
		q string
		f xinfang.Filters
	}{
		{"类别:欠薪", xinfang.Filters{Category: []string{xinfang.CategoryWageArrears}}},
		{"盟市：兴安盟", xinfang.Filters{City: []string{"兴安盟"}}},
		{"风险:高", xinfang.Filters{RiskLevel: []string{xinfang.RiskHigh}}},
		{"旗县:乌兰浩特", xinfang.Filters{County: []string{"乌兰浩特市"}}},
	} {
		got := searchAll(t, s, xinfang.SearchRequest{Query: tt.q, Size: 0})
		want := searchAll(t, s, xinfang.SearchRequest{Filters: tt.f, Size: 0})
		if got.Total != want.Total || got.Total == 0 {
			t.Errorf("Search(%q).Total = %d, the filter %+v gives %d", tt.q, got.Total, tt.f, want.Total)
		}
	}
	if _, err := s.Search(ctx, xinfang.SearchRequest{Query: "colour:红"}); err == nil || !strings.Contains(err.Error(), "类别") {
		t.Errorf("Search(colour:红) = %v, want an error that names the fields, Chinese ones too", err)
	}
}

// TestSuggestions offers the intended word for a typo.
func TestSuggestions(t *testing.T) {
	s := newMemStore(t, []xinfang.Document{
		doc{id: "N1", title: "噪音扰民", content: "楼下饭店的噪音吵到半夜。", date: "2024-01-01"}.document(),
		doc{id: "N2", content: "工地夜间施工噪音很大。", date: "2024-01-02"}.document(),
		doc{id: "D1", content: "小区延期交房两年了。", date: "2024-01-03"}.document(),
		// 声音 is in more records than 噪音 and one edit from 躁音 too: the
		// homophone comes first all the same.
		doc{id: "S1", content: "电视声音太大。", date: "2024-01-04"}.document(),
		doc{id: "S2", content: "说话声音很大。", date: "2024-01-05"}.document(),
		doc{id: "S3", content: "有敲打的声音。", date: "2024-01-06"}.document(),
		doc{id: "W1", content: "工地老板欠薪半年。", date: "2024-01-07"}.document(),
	})
	for _, tt := range []struct{ q, want string }{
		{"躁音", "噪音"},
		{"延期交防", "延期交房"},
		{"噪音", ""},
		{"qianxin", "欠薪"}, // pinyin typed as such
		{"延期焦方", "延期交房"},  // two homophones, two edits
	} {
		res := searchAll(t, s, xinfang.SearchRequest{Query: tt.q, Size: 5})
		if tt.want == "" {
			if len(res.Suggestions) > 0 {
				t.Errorf("Search(%q) found %d and suggests %q, want no suggestion", tt.q, res.Total, res.Suggestions)
			}
			continue
		}
		if len(res.Suggestions) == 0 || res.Suggestions[0] != tt.want {
			t.Errorf("Search(%q).Suggestions = %q, want %q first", tt.q, res.Suggestions, tt.want)
		}
	}
}
