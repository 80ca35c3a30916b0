package index

import (
	"slices"
	"testing"

	"github.com/xinfang/xinfang"
)

// allIDs pages through a search and returns the ids of every hit, sorted.
func allIDs(t *testing.T, s *Store, req xinfang.SearchRequest) []string {
	t.Helper()
	var ids []string
	req.Size = xinfang.MaxSearchSize
	req.Sort = xinfang.SortDate
	for {
		res := searchAll(t, s, req)
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if res.Cursor == "" {
			break
		}
		req.Cursor = res.Cursor
	}
	slices.Sort(ids)
	return ids
}

// TestQueryEqualsFilter: over the fixture corpus, the Chinese field names
// find exactly the records of the filters (类别:欠薪 = category=wage_arrears,
// 盟市:呼市 = city=呼和浩特市), and a query in traditional characters exactly
// those of the simplified one, expanded or not.
func TestQueryEqualsFilter(t *testing.T) {
	s, _ := fixtureStore(t)
	for _, tt := range []struct {
		q string
		f xinfang.Filters
	}{
		{"类别:欠薪", xinfang.Filters{Category: []string{xinfang.CategoryWageArrears}}},
		{"类别:噪声扰民", xinfang.Filters{Category: []string{"noise"}}},
		{"类别:征收拆迁补偿", xinfang.Filters{Category: []string{"demolition_compensation"}}},
		{"类别:延期交房", xinfang.Filters{Category: []string{"delayed_delivery"}}},
		{"類別:欠薪", xinfang.Filters{Category: []string{xinfang.CategoryWageArrears}}},
		{"盟市:呼市", xinfang.Filters{City: []string{"呼和浩特市"}}},
		{"盟市:包头", xinfang.Filters{City: []string{"包头市"}}},
		{"city:呼市", xinfang.Filters{City: []string{"呼和浩特市"}}},
	} {
		got := allIDs(t, s, xinfang.SearchRequest{Query: tt.q})
		want := allIDs(t, s, xinfang.SearchRequest{Filters: tt.f})
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("%s finds %d records, the filter %+v %d", tt.q, len(got), tt.f, len(want))
		}
	}
	for _, tt := range []struct{ trad, simp string }{
		{"拖欠工資", "拖欠工资"}, {"噪音擾民", "噪音扰民"}, {"徵收補償", "征收补偿"}, {"討薪", "讨薪"},
		{"強拆", "强拆"}, {"爛尾樓", "烂尾楼"}, {"噪音 擾民", "噪音 扰民"}, {"噪聲", "噪声"},
		{"\"拖欠農民工工資\"", "\"拖欠农民工工资\""}, {"開發商", "开发商"},
	} {
		for _, noExpand := range []bool{false, true} {
			got := allIDs(t, s, xinfang.SearchRequest{Query: tt.trad, NoExpand: noExpand})
			want := allIDs(t, s, xinfang.SearchRequest{Query: tt.simp, NoExpand: noExpand})
			if len(want) == 0 || !slices.Equal(got, want) {
				t.Errorf("%s (expand=%t) finds %d records, %s %d", tt.trad, !noExpand, len(got), tt.simp, len(want))
			}
		}
	}
}
