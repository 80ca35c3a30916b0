package index

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/xinfang/xinfang"
)

// clusterSizes reports what the cluster set holds: entries in the band
// buckets, cluster slots, keys, and slots in use.
func clusterSizes(s *Store) (bands, slots, keys, used int) {
	st := s.cur
	st.mu.RLock()
	defer st.mu.RUnlock()
	cs := st.clusters
	for b := range cs.bands {
		for _, ords := range cs.bands[b] {
			bands += len(ords)
		}
	}
	for ci := range cs.list.len() {
		if cs.at(int32(ci)).count > 0 {
			used++
		}
	}
	return bands, cs.list.len(), len(cs.byKey), used
}

// TestReupsertKeepsClustersFlat re-delivers the same petitions, as Kafka does
// after a restart: the band index, the cluster slots and the keys must not
// grow, and the clusters must stay the same.
func TestReupsertKeepsClustersFlat(t *testing.T) {
	s, docs := fixtureStore(t)
	want, err := s.Clusters(ctx, xinfang.ClusterRequest{Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 5 {
		t.Fatalf("the fixtures make %d recurring clusters, want a few", len(want))
	}
	bands, slots, keys, used := clusterSizes(s)
	if bands == 0 || bands%4 != 0 {
		t.Fatalf("band entries = %d, want four per petition with a SimHash", bands)
	}
	for round := 1; round <= 5; round++ {
		if err := s.Index(ctx, docs); err != nil {
			t.Fatal(err)
		}
		b, sl, k, u := clusterSizes(s)
		if b != bands || sl != slots || k != keys || u != used {
			t.Fatalf("after re-upsert %d: bands %d, slots %d, keys %d, used %d; want %d, %d, %d, %d",
				round, b, sl, k, u, bands, slots, keys, used)
		}
	}
	got, err := s.Clusters(ctx, xinfang.ClusterRequest{Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("clusters after re-upserts (-want +got):\n%s", diff)
	}

	// Deleting frees the clusters and band entries; adding back restores them.
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	if err := s.Delete(ctx, ids...); err != nil {
		t.Fatal(err)
	}
	if b, sl, k, u := clusterSizes(s); b != 0 || k != 0 || u != 0 || sl != slots {
		t.Errorf("after deleting all: bands %d, slots %d, keys %d, used %d; want 0, %d, 0, 0", b, sl, k, u, slots)
	}
	if err := s.Index(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if b, sl, k, u := clusterSizes(s); b != bands || sl != slots || k != keys || u != used {
		t.Errorf("after adding back: bands %d, slots %d, keys %d, used %d; want %d, %d, %d, %d", b, sl, k, u, bands, slots, keys, used)
	}
	got, err = s.Clusters(ctx, xinfang.ClusterRequest{Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("clusters after delete and add back (-want +got):\n%s", diff)
	}
}

// TestEditedPetitionLeavesItsCluster checks that a petition whose text
// changes is banded under its new SimHash only and that the cluster it
// leaves empty is freed.
func TestEditedPetitionLeavesItsCluster(t *testing.T) {
	a := doc{id: "E1", title: "噪声", content: "工地半夜还在施工，噪声扰民严重，影响休息，多次反映无果。", city: "包头市", cats: []string{xinfang.CategoryNoise}, date: "2024-04-08"}
	b := a
	b.id, b.date = "E2", "2024-04-09"
	s := newMemStore(t, []xinfang.Document{a.document(), b.document()})
	if _, slots, _, used := clusterSizes(s); slots != 1 || used != 1 {
		t.Fatalf("two near-duplicates: %d slots, %d used; want one cluster", slots, used)
	}
	a.content = "小区物业乱收停车费，业主多次投诉没有结果，要求退还多收的费用。"
	if err := s.Index(ctx, []xinfang.Document{a.document()}); err != nil {
		t.Fatal(err)
	}
	cls, err := s.Clusters(ctx, xinfang.ClusterRequest{MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(cls) != 2 || cls[0].Key == cls[1].Key {
		t.Errorf("E1 edited apart: clusters %+v, want two with distinct keys", cls)
	}
	b.content = "幼儿园收费标准不透明，家长要求公开收费明细并退还多收的部分。"
	if err := s.Index(ctx, []xinfang.Document{b.document()}); err != nil {
		t.Fatal(err)
	}
	bands, slots, keys, used := clusterSizes(s)
	if bands != 8 || used != 2 || keys != 2 || slots != 2 {
		t.Errorf("after editing both apart: bands %d, slots %d, keys %d, used %d; want 8, 2, 2, 2", bands, slots, keys, used)
	}
}

// TestClusterDrillDown: every cluster opens to exactly its members, through
// the same filter in search, trends and the board.
func TestClusterDrillDown(t *testing.T) {
	s, _ := fixtureStore(t)
	cls, err := s.Clusters(ctx, xinfang.ClusterRequest{Size: 100, MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(cls) < 20 {
		t.Fatalf("%d clusters, want many", len(cls))
	}
	for _, c := range cls {
		seen := map[string]bool{}
		cur := ""
		for {
			res, err := s.Search(ctx, xinfang.SearchRequest{Filters: xinfang.Filters{Cluster: c.Key}, Size: 100, Cursor: cur})
			if err != nil {
				t.Fatal(err)
			}
			if int(res.Total) != c.Count {
				t.Fatalf("cluster %s: drill-down total %d, count %d", c.Key, res.Total, c.Count)
			}
			for _, h := range res.Hits {
				seen[h.ID] = true
			}
			if res.Cursor == "" {
				break
			}
			cur = res.Cursor
		}
		if len(seen) != c.Count {
			t.Errorf("cluster %s: %d members listed, count %d", c.Key, len(seen), c.Count)
		}
		for _, id := range c.SampleIDs {
			if !seen[id] {
				t.Errorf("cluster %s: sample %s is not among the members", c.Key, id)
			}
		}
	}
	res, err := s.Search(ctx, xinfang.SearchRequest{Filters: xinfang.Filters{Cluster: "k0000000000000000"}})
	if err != nil || res.Total != 0 {
		t.Errorf("unknown cluster: total %d, err %v; want 0", res.Total, err)
	}
}

// TestPlaceholderRespondents: a respondent named by its kind (某镇人民政府,
// 有关单位) joins records of one 盟市 and category only; without a 盟市 it
// joins nothing but near-duplicate text.
func TestPlaceholderRespondents(t *testing.T) {
	mk := func(id, city, subject, content string) xinfang.Document {
		return doc{id: id, title: "反映", content: content, city: city, subject: subject, cats: []string{xinfang.CategoryDemolitionCompensation}, date: "2024-03-01"}.document()
	}
	s := newMemStore(t, []xinfang.Document{
		mk("P1", "兴安盟", "某镇人民政府", "征收我家房屋补偿太低，要求重新评估。"),
		mk("P2", "兴安盟", "某镇人民政府", "拆迁安置房三年未建，过渡费也停了。"),
		mk("P3", "通辽市", "某镇人民政府", "宅基地被征收，补偿款至今没有发放。"),
		mk("P4", "", "有关单位", "道路拓宽占了承包地，补偿标准不清楚。"),
		mk("P5", "", "有关单位", "村里的养殖场被强拆，没有任何补偿。"),
		mk("P6", "兴安盟", "乌兰浩特市某某建设有限公司", "拆迁补偿协议签了两年款还没到。"),
	})
	cls, err := s.Clusters(ctx, xinfang.ClusterRequest{Size: 100, MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	of := map[string]string{}
	for _, c := range cls {
		res, err := s.Search(ctx, xinfang.SearchRequest{Filters: xinfang.Filters{Cluster: c.Key}, Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			of[h.ID] = c.Key
		}
	}
	if of["P1"] == "" || of["P1"] != of["P2"] {
		t.Errorf("P1 and P2 (same 盟市, category and placeholder) in clusters %q and %q, want one", of["P1"], of["P2"])
	}
	for _, pair := range [][2]string{{"P1", "P3"}, {"P4", "P5"}, {"P1", "P6"}} {
		if of[pair[0]] == of[pair[1]] {
			t.Errorf("%s and %s share cluster %s", pair[0], pair[1], of[pair[0]])
		}
	}
}

// TestTrendOfOldRecords: without a date range the trend window ends with the
// latest matching record, not the latest record of the index, and says so.
func TestTrendOfOldRecords(t *testing.T) {
	s := newMemStore(t, []xinfang.Document{
		doc{id: "O1", title: "噪声", content: "夜间施工噪声", cats: []string{xinfang.CategoryNoise}, date: "2022-03-01"}.document(),
		doc{id: "O2", title: "噪声", content: "夜间施工噪声", cats: []string{xinfang.CategoryNoise}, date: "2022-05-20"}.document(),
		doc{id: "N1", title: "欠薪", content: "拖欠工资", cats: []string{xinfang.CategoryWageArrears}, date: "2024-06-01"}.document(),
	})
	tr, err := s.Trends(ctx, xinfang.TrendRequest{Filters: xinfang.Filters{Category: []string{xinfang.CategoryNoise}}, Interval: xinfang.IntervalMonth})
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Series) != 1 || tr.Series[0].Total != 2 {
		t.Fatalf("series %+v, want the two noise records", tr.Series)
	}
	if want := time.Date(2022, 6, 1, 0, 0, 0, 0, cst); !tr.To.Equal(want) {
		t.Errorf("trend ends %v, want %v (after the latest noise record)", tr.To, want)
	}
	if b := tr.Series[0].Buckets; len(b) != defaultTrendBuckets {
		t.Errorf("%d buckets, want %d", len(b), defaultTrendBuckets)
	}
	if tr.MethodZh == "" {
		t.Error("no method in Chinese")
	}
}
