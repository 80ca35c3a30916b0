package index

import (
	"testing"

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
	for _, c := range cs.list {
		if c.count > 0 {
			used++
		}
	}
	return bands, len(cs.list), len(cs.byKey), used
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
