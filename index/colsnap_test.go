package index

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/internal/gen"
	"github.com/xinfang/xinfang/nlp"
)

var (
	colDocsOnce sync.Once
	colDocs     []xinfang.Document
)

// genCorpus returns n generated, analysed petitions in order of receipt
// (so that a rebuild, which replays them by date, sees the order in which
// they arrived).
func genCorpus(t *testing.T) []xinfang.Document {
	t.Helper()
	colDocsOnce.Do(func() {
		a, err := nlp.Default()
		if err != nil {
			t.Fatal(err)
		}
		g := gen.New(7)
		for i := 0; i < 1200; i++ {
			rec := g.Record(i)
			colDocs = append(colDocs, xinfang.Document{ID: rec.ID, Kind: xinfang.KindPetition, Record: &rec, Analysis: a.Analyze(rec.ID, rec.Title, rec.Content)})
		}
		sort.SliceStable(colDocs, func(i, j int) bool { return colDocs[i].Record.ReceivedAt.Before(colDocs[j].Record.ReceivedAt) })
	})
	return colDocs
}

// openLogged opens dir and returns the store with what Open reported.
func openLogged(t *testing.T, dir string) (*Store, string) {
	t.Helper()
	var mu sync.Mutex
	var log []string
	// A fixed clock: the answers count days overdue, and a test may run
	// across midnight.
	now := func() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, cst) }
	s, err := Open(dir, Options{SearchTimeout: testSearchTimeout, Secret: []byte("test-secret-0123456789"), Now: now, Progress: func(m string) {
		mu.Lock()
		log = append(log, m)
		mu.Unlock()
	}})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	return s, strings.Join(log, "\n")
}

// answers is what the read routes say about the whole index, as JSON:
// counts, every facet and the histogram, trends by category and city,
// clusters, the risk board, and each petition's repeat group and risk.
func answers(t *testing.T, s *Store) string {
	t.Helper()
	ctx := context.Background()
	var out []any
	res, err := s.Search(ctx, xinfang.SearchRequest{Size: 0})
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, res.Total, res.People, res.Facets, res.Histogram)
	for _, q := range []string{"工资", "噪音 小区"} {
		res, err := s.Search(ctx, xinfang.SearchRequest{Query: q, Size: 50, Sort: xinfang.SortRisk})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, res.Total, res.Facets, res.Hits)
	}
	for _, by := range []string{"category", "city"} {
		tr, err := s.Trends(ctx, xinfang.TrendRequest{By: by, Interval: "month"})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tr)
	}
	cl, err := s.Clusters(ctx, xinfang.ClusterRequest{Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	rb, err := s.Risks(ctx, xinfang.RiskRequest{Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, cl, rb)
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// columnState is the column data of a state without the segment maps,
// which follow Bleve's segments rather than the documents.
type columnState struct {
	IDs            []string
	Rows           []row
	Live           int
	MinDay, MaxDay int32
	Dicts          [4][]string
	Compls         [][16]byte
	SubjLabels     []string
	Clusters       []cluster
	ByKey          map[string]int32
	Free           []int32
	Bands          [4]map[uint16][]uint32
	Repeats        map[uint32][]uint32
}

func stateOf(s *Store) columnState {
	st := s.cur
	st.mu.RLock()
	defer st.mu.RUnlock()
	c := columnState{IDs: st.ids, Rows: rowsOf(&st.rows), Live: st.live, MinDay: st.minDay, MaxDay: st.maxDay, SubjLabels: st.subjLabels,
		ByKey: st.clusters.byKey, Free: st.clusters.free, Bands: st.clusters.bands, Repeats: map[uint32][]uint32{}}
	for i, d := range st.dicts() {
		c.Dicts[i] = d.values
	}
	c.Compls = st.compls.keys
	for ci := range st.clusters.list.len() {
		cl := *st.clusters.at(int32(ci))
		cl.epoch = 0 // the writer's, not the index's
		c.Clusters = append(c.Clusters, cl)
	}
	for compl, o := range st.repHead {
		var list []uint32
		for ; o != noOrd; o = st.repNext[o] {
			list = append(list, o)
		}
		if len(list) > 0 {
			sort.Slice(list, func(i, j int) bool { return list[i] < list[j] })
			c.Repeats[uint32(compl)] = list
		}
	}
	return c
}

// rowsOf returns the rows of v in one slice.
func rowsOf(v *cowVec[row]) []row {
	out := make([]row, 0, v.len())
	for o := range v.len() {
		out = append(out, *v.at(uint32(o)))
	}
	return out
}

// canonical is a state by ids and values rather than ordinals, codes and
// slots: a replay gives no ordinal to a document written and deleted after
// the column file, so those may shift, not what they say.
func canonical(c columnState) map[string]any {
	out := map[string]any{"live": c.Live}
	name := func(o uint32) string { return c.IDs[o] }
	names := func(os []uint32) []string {
		var s []string
		for _, o := range os {
			s = append(s, name(o))
		}
		return s
	}
	for i, r := range c.Rows {
		if !r.alive {
			continue
		}
		v := r
		var cats []string
		for b := 0; b < 64; b++ {
			if r.cats&(1<<b) != 0 {
				cats = append(cats, c.Dicts[0][b+1])
			}
		}
		key := ""
		if r.cluster >= 0 {
			key = c.Clusters[r.cluster].key
		}
		v.cluster, v.cats, v.city, v.county, v.compl, v.subj, v.repFirst = 0, 0, 0, 0, 0, 0, 0
		out["row "+c.IDs[i]] = []any{v, cats, key, c.Dicts[1][r.city], c.Dicts[2][r.county], fmt.Sprintf("%x", c.Compls[r.compl]), c.Dicts[3][r.subj], c.SubjLabels[r.subj], name(r.repFirst)}
	}
	for _, cl := range c.Clusters {
		if cl.count == 0 {
			continue
		}
		m := names(cl.members)
		sort.Strings(m)
		keys := append([]string(nil), cl.keys...)
		sort.Strings(keys)
		st := cl.stats
		out["cluster "+cl.key] = []any{cl.category, cl.city, cl.subject, cl.count, cl.step, m, keys, st.n, st.first, st.last, name(st.top), st.level, st.score}
	}
	for k, ci := range c.ByKey {
		out["key "+k] = c.Clusters[ci].key
	}
	for b := range c.Bands {
		for band, os := range c.Bands[b] {
			out[fmt.Sprintf("band %d %d", b, band)] = names(os)
		}
	}
	for compl, os := range c.Repeats {
		list := names(os)
		sort.Strings(list)
		out[fmt.Sprintf("repeats %x", c.Compls[compl])] = list
	}
	return out
}

func diffCanonical(t *testing.T, what string, want, got columnState) {
	t.Helper()
	w, g := canonical(want), canonical(got)
	for k, v := range w {
		if !reflect.DeepEqual(v, g[k]) {
			t.Errorf("%s: %s is %v, want %v", what, k, g[k], v)
		}
	}
	for k, v := range g {
		if _, ok := w[k]; !ok {
			t.Errorf("%s: %s is %v, want none", what, k, v)
		}
	}
}

func diffState(t *testing.T, what string, want, got columnState) {
	t.Helper()
	if reflect.DeepEqual(want, got) {
		return
	}
	wv, gv := reflect.ValueOf(want), reflect.ValueOf(got)
	for i := 0; i < wv.NumField(); i++ {
		if !reflect.DeepEqual(wv.Field(i).Interface(), gv.Field(i).Interface()) {
			t.Errorf("%s: %s differs", what, wv.Type().Field(i).Name)
		}
	}
}

func diffAnswers(t *testing.T, what, want, got string) {
	t.Helper()
	if want == got {
		return
	}
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) && i < len(gl); i++ {
		if wl[i] != gl[i] {
			t.Errorf("%s: answers differ at line %d: want %s, got %s", what, i+1, wl[i], gl[i])
			return
		}
	}
	t.Errorf("%s: answers differ in length: %d lines, want %d", what, len(gl), len(wl))
}

// writeHistory indexes docs in batches, then edits and deletes some, so
// that clusters, repeat groups, bands and the free list all have a past.
func writeHistory(t *testing.T, s *Store, docs []xinfang.Document) {
	t.Helper()
	ctx := context.Background()
	for lo := 0; lo < len(docs); lo += 250 {
		if err := s.Index(ctx, docs[lo:min(lo+250, len(docs))]); err != nil {
			t.Fatal(err)
		}
	}
	var edits []xinfang.Document
	for i := 0; i < len(docs); i += 17 {
		d := docs[i]
		rec := *d.Record
		rec.Content += "（补充材料：已多次反映。）"
		rec.UpdatedAt = rec.ReceivedAt.Add(48 * time.Hour)
		d.Record = &rec
		edits = append(edits, d)
	}
	if err := s.Index(ctx, edits); err != nil {
		t.Fatal(err)
	}
	var dels []string
	for i := 5; i < len(docs); i += 23 {
		dels = append(dels, docs[i].ID)
	}
	if err := s.Delete(ctx, dels...); err != nil {
		t.Fatal(err)
	}
}

func TestColumnFileRoundTrip(t *testing.T) {
	docs := genCorpus(t)
	dir := t.TempDir()
	s, log := openLogged(t, dir)
	if log != "" {
		t.Errorf("a new index opened with %q, want nothing to load", log)
	}
	writeHistory(t, s, docs)
	wantState, want := stateOf(s), answers(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, log = openLogged(t, dir)
	defer s.Close()
	if !strings.Contains(log, "columns loaded at generation") || strings.Contains(log, "replayed") {
		t.Errorf("reopen after a clean close: %q, want the column file loaded, nothing replayed", log)
	}
	diffState(t, "after a clean close", wantState, stateOf(s))
	diffAnswers(t, "after a clean close", want, answers(t, s))
}

// A rebuild replays the documents by date: in an index written in that
// order without deletions, it gives what the column file gives.
func TestColumnFileEqualsRebuild(t *testing.T) {
	docs := genCorpus(t)
	dir := t.TempDir()
	s, _ := openLogged(t, dir)
	for lo := 0; lo < len(docs); lo += 300 {
		if err := s.Index(context.Background(), docs[lo:min(lo+300, len(docs))]); err != nil {
			t.Fatal(err)
		}
	}
	want := answers(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, log := openLogged(t, dir)
	diffAnswers(t, "column file", want, answers(t, s))
	s.Close()
	if err := os.Remove(filepath.Join(dir, "index-1", columnsFile)); err != nil {
		t.Fatal(err)
	}
	s, log = openLogged(t, dir)
	defer s.Close()
	if !strings.Contains(log, "rebuilding the columns from the stored documents: no column file") {
		t.Errorf("open without a column file: %q", log)
	}
	diffAnswers(t, "rebuild", want, answers(t, s))
}

func TestColumnFileRefused(t *testing.T) {
	docs := genCorpus(t)[:400]
	// Two indexes: a at generation 1 (kept), and its continuation at 2.
	base := t.TempDir()
	s, _ := openLogged(t, base)
	if err := s.Index(context.Background(), docs[:200]); err != nil {
		t.Fatal(err)
	}
	want1 := answers(t, s)
	s.Close()
	old := t.TempDir()
	copyDir(t, base, old)
	s, _ = openLogged(t, base)
	if err := s.Index(context.Background(), docs[200:]); err != nil {
		t.Fatal(err)
	}
	s.Close()
	other := t.TempDir()
	s, _ = openLogged(t, other)
	if err := s.Index(context.Background(), docs[:200]); err != nil {
		t.Fatal(err)
	}
	s.Close()
	file := func(dir string) string { return filepath.Join(dir, "index-1", columnsFile) }
	newer, err := os.ReadFile(file(base))
	if err != nil {
		t.Fatal(err)
	}
	foreign, err := os.ReadFile(file(other))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data []byte // nil: no file
		why  string
	}{
		{"missing", nil, "no column file"},
		{"torn", newer[:len(newer)/2], "no trailer"},
		{"bit flip", flip(newer, len(newer)/3), "checksum"},
		{"ahead of the index", newer, "is ahead of the index"},
		{"another index", foreign, "belongs to another index"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			copyDir(t, old, dir)
			os.Remove(file(dir))
			if tc.data != nil {
				if err := os.WriteFile(file(dir), tc.data, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			s, log := openLogged(t, dir)
			defer s.Close()
			if !strings.Contains(log, "rebuilding the columns") || !strings.Contains(log, tc.why) {
				t.Errorf("open said %q, want a rebuild because %q", log, tc.why)
			}
			diffAnswers(t, tc.name, want1, answers(t, s))
		})
	}
}

func flip(b []byte, i int) []byte {
	out := append([]byte(nil), b...)
	out[i] ^= 0x10
	return out
}

// copyDir copies the regular files under src into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// crash ends s as kill -9 would for the columns: Bleve is closed (every
// batch was durable before its rows were set), the column file is not
// written.
func crash(t *testing.T, s *Store) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.cur.close(false); err != nil {
		t.Fatal(err)
	}
	s.cur = nil
}

func TestColumnFileReplay(t *testing.T) {
	docs := genCorpus(t)
	dir := t.TempDir()
	s, _ := openLogged(t, dir)
	ctx := context.Background()
	half := len(docs) / 2
	writeHistory(t, s, docs[:half])
	if err := s.cur.saveColumns(); err != nil {
		t.Fatal(err)
	}
	// After the column file: new documents, edits of old ones, deletions
	// of documents it holds, a deleted document written again, and a
	// deletion of a document written after it.
	writeHistory(t, s, docs[half:])
	if err := s.Index(ctx, []xinfang.Document{docs[5]}); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, docs[1].ID, docs[half+1].ID); err != nil {
		t.Fatal(err)
	}
	wantState, want := stateOf(s), answers(t, s)
	crash(t, s)

	s, log := openLogged(t, dir)
	if !strings.Contains(log, "replayed") {
		t.Errorf("open after a crash: %q, want the batches after the column file replayed", log)
	}
	diffCanonical(t, "after a crash", wantState, stateOf(s))
	diffAnswers(t, "after a crash", want, answers(t, s))

	// The replayed deletions are pruned from Bleve's log by the first
	// batch after the next column file.
	if err := s.cur.saveColumns(); err != nil {
		t.Fatal(err)
	}
	if err := s.Index(ctx, docs[:1]); err != nil {
		t.Fatal(err)
	}
	if b, _ := s.cur.idx.GetInternal([]byte(keyDeletes)); b != nil {
		t.Errorf("deletion log after a column file and a batch: %d bytes, want none", len(b))
	}
	wantState, want = stateOf(s), answers(t, s)
	crash(t, s)
	s, _ = openLogged(t, dir)
	defer s.Close()
	diffCanonical(t, "after a second crash", wantState, stateOf(s))
	diffAnswers(t, "after a second crash", want, answers(t, s))
}

func TestColumnFileSavedPeriodically(t *testing.T) {
	defer func(e time.Duration, c int, k time.Duration) { saveEvery, saveChanges, saveCheck = e, c, k }(saveEvery, saveChanges, saveCheck)
	saveEvery, saveChanges, saveCheck = time.Hour, 100, 20*time.Millisecond
	docs := genCorpus(t)[:300]
	dir := t.TempDir()
	s, _ := openLogged(t, dir)
	if err := s.Index(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Minute)
	for s.cur.saved.Load() < 1 {
		if time.Now().After(deadline) {
			t.Fatal("no column file written after 300 changes with saveChanges 100")
		}
		time.Sleep(10 * time.Millisecond)
	}
	wantState := stateOf(s)
	crash(t, s)
	s, log := openLogged(t, dir)
	defer s.Close()
	if !strings.Contains(log, "columns loaded at generation 1 in") {
		t.Errorf("open after the periodic save and a crash: %q", log)
	}
	diffState(t, "periodic save", wantState, stateOf(s))
}

// TestColumnFileSavedAfterReplay checks that the documents replayed at open
// count towards the next periodic write: else kill -9 after kill -9 would
// replay more and more at every open.
func TestColumnFileSavedAfterReplay(t *testing.T) {
	defer func(e time.Duration, c int, k time.Duration) { saveEvery, saveChanges, saveCheck = e, c, k }(saveEvery, saveChanges, saveCheck)
	saveEvery, saveChanges, saveCheck = time.Hour, 1<<30, 20*time.Millisecond
	docs := genCorpus(t)[:300]
	dir := t.TempDir()
	s, _ := openLogged(t, dir)
	ctx := context.Background()
	if err := s.Index(ctx, docs[:100]); err != nil {
		t.Fatal(err)
	}
	if err := s.cur.saveColumns(); err != nil {
		t.Fatal(err)
	}
	saved := s.cur.saved.Load()
	if err := s.Index(ctx, docs[100:]); err != nil {
		t.Fatal(err)
	}
	crash(t, s)
	saveChanges = 100
	s, log := openLogged(t, dir)
	defer s.Close()
	if !strings.Contains(log, "200 documents and 0 deletions of 1 later batches replayed") {
		t.Fatalf("open after a crash: %q", log)
	}
	deadline := time.Now().Add(time.Minute)
	for s.cur.saved.Load() <= saved {
		if time.Now().After(deadline) {
			t.Fatal("no column file written after 200 documents replayed with saveChanges 100")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// An index created before column files has neither the gen field nor a
// watermark: it loads its column file after a clean close, and after a
// crash, having no way to find the later documents, rebuilds and says why.
func TestColumnFileOldIndex(t *testing.T) {
	docs := genCorpus(t)[:300]
	dir := t.TempDir()
	im, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	delete(im.DefaultMapping.Properties, fieldGen)
	idx, err := bleve.NewUsing(filepath.Join(dir, "index-1"), im, scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	s, _ := openLogged(t, dir)
	if s.cur.genField {
		t.Fatal("the old index has the gen field")
	}
	if err := s.Index(context.Background(), docs[:200]); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, log := openLogged(t, dir)
	if !strings.Contains(log, "columns loaded at generation 1 in") {
		t.Errorf("reopen after a clean close: %q, want the column file loaded", log)
	}
	if err := s.Index(context.Background(), docs[200:]); err != nil {
		t.Fatal(err)
	}
	want := answers(t, s)
	crash(t, s)
	s, log = openLogged(t, dir)
	defer s.Close()
	if !strings.Contains(log, "rebuilding the columns") || !strings.Contains(log, "no gen field") {
		t.Errorf("reopen after a crash: %q, want a rebuild for want of the gen field", log)
	}
	diffAnswers(t, "old index after a crash", want, answers(t, s))
}
