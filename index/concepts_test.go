package index

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/fixtures"
	"github.com/xinfang/xinfang/nlp"
)

func TestParseConcepts(t *testing.T) {
	cs := DefaultConcepts()
	if len(cs.List()) < 4 {
		t.Fatalf("default table has %d concepts", len(cs.List()))
	}
	for _, w := range []string{"欠薪", "讨薪", "拖欠工资", "噪音", "噪声", "扰民", "拆迁", "征收补偿", "延期交房", "逾期交房", "烂尾", "討薪"} {
		if _, ok := cs.Lookup(w); !ok {
			t.Errorf("Lookup(%q): not a concept term", w)
		}
	}
	for _, tc := range []struct{ yaml, want string }{
		{"concepts:\n- name: a\n  terms: [x, y]\n- name: b\n  terms: [y]\n", `"y" is already a term of a`},
		{"concepts:\n- name: a\n  terms: []\n", "a: no terms"},
		{"concepts:\n- terms: [x]\n", "has no name"},
		{"concepts:\n- name: a\n  term: [x]\n", "field term not found"},
		{"concepts:\n- name: a\n  risk: severe\n  terms: [x]\n", `risk "severe" is not low, medium or high`},
	} {
		_, err := ParseConcepts([]byte(tc.yaml))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseConcepts(%q) = %v, want an error with %q", tc.yaml, err, tc.want)
		}
	}
}

// conceptWords are the words of issue 10 and the category each must find.
var conceptWords = []struct{ word, category string }{
	{"欠薪", "wage_arrears"}, {"讨薪", "wage_arrears"}, {"拖欠工资", "wage_arrears"},
	{"噪音", "noise"}, {"噪声", "noise"}, {"扰民", "noise"},
	{"拆迁", "demolition_compensation"}, {"征收补偿", "demolition_compensation"},
	{"延期交房", "delayed_delivery"}, {"逾期交房", "delayed_delivery"},
}

// conceptScores indexes labeled records and returns, per word, the share of
// the records labeled with its category that the word finds (recall) and
// the share of its hits so labeled (precision).
func conceptScores(t *testing.T, labeled []fixtures.Labeled, noExpand bool) map[string][2]float64 {
	t.Helper()
	a, err := nlp.Default()
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]xinfang.Document, len(labeled))
	gold := map[string][]string{}
	for i, l := range labeled {
		r := l.Record
		docs[i] = xinfang.Document{ID: r.ID, Kind: xinfang.KindPetition, Record: &r, Analysis: a.AnalyzeKind(l.Gold.Kind, r.ID, r.Title, r.Content)}
		gold[r.ID] = l.Gold.Categories
	}
	s := newMemStore(t, docs)
	out := map[string][2]float64{}
	for _, w := range conceptWords {
		hits := map[string]bool{}
		cur := ""
		for {
			res, err := s.Search(context.Background(), xinfang.SearchRequest{Query: w.word, Size: 100, Cursor: cur, NoExpand: noExpand})
			if err != nil {
				t.Fatalf("%s: %v", w.word, err)
			}
			for _, h := range res.Hits {
				hits[h.ID] = true
			}
			if res.Cursor == "" {
				break
			}
			cur = res.Cursor
		}
		relevant, found, right := 0, 0, 0
		for id, cats := range gold {
			if slices.Contains(cats, w.category) {
				relevant++
				if hits[id] {
					found++
				} else if os.Getenv("XINFANG_CONCEPT_DEBUG") != "" {
					t.Logf("%s misses %s", w.word, id)
				}
			}
		}
		for id := range hits {
			if slices.Contains(gold[id], w.category) {
				right++
			}
		}
		var rec, prec float64
		if relevant > 0 {
			rec = float64(found) / float64(relevant)
		}
		if len(hits) > 0 {
			prec = float64(right) / float64(len(hits))
		}
		out[w.word] = [2]float64{rec, prec}
	}
	return out
}

// TestConceptSearch: each everyday word finds most of its category's records
// in the real-style corpus (written to resemble real text, not used to write
// the concept table), with the precision analysts need.
func TestConceptSearch(t *testing.T) {
	labeled, err := fixtures.RealStyle()
	if err != nil {
		t.Fatal(err)
	}
	on := conceptScores(t, labeled, false)
	off := conceptScores(t, labeled, true)
	for _, w := range conceptWords {
		t.Logf("%-6s recall %.2f precision %.2f (expand=false: recall %.2f precision %.2f)", w.word, on[w.word][0], on[w.word][1], off[w.word][0], off[w.word][1])
		if on[w.word][0] < 0.85 || on[w.word][1] < 0.75 {
			t.Errorf("%s: recall %.2f precision %.2f, want ≥ 0.85 and ≥ 0.75", w.word, on[w.word][0], on[w.word][1])
		}
	}
}

// TestConceptSearchExternal scores labeled JSON Lines kept outside the
// repository (XINFANG_CONCEPT_EVAL=a.jsonl,b.jsonl; lines with id, title,
// content and gold as in the fixtures' format).
func TestConceptSearchExternal(t *testing.T) {
	env := os.Getenv("XINFANG_CONCEPT_EVAL")
	if env == "" {
		t.Skip("XINFANG_CONCEPT_EVAL not set")
	}
	var labeled []fixtures.Labeled
	for _, path := range strings.Split(env, ",") {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<22)
		for n := 1; sc.Scan(); n++ {
			var l struct {
				ID      string        `json:"id"`
				Title   string        `json:"title"`
				Content string        `json:"content"`
				Gold    fixtures.Gold `json:"gold"`
			}
			if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
				t.Fatalf("%s:%d: %v", path, n, err)
			}
			labeled = append(labeled, fixtures.Labeled{
				Record: xinfang.Record{ID: filepath.Base(path) + ":" + l.ID, Title: l.Title, Content: l.Content, ReceivedAt: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
				Gold:   l.Gold,
			})
		}
		f.Close()
	}
	on := conceptScores(t, labeled, false)
	off := conceptScores(t, labeled, true)
	for _, w := range conceptWords {
		t.Logf("%-6s recall %.2f precision %.2f (expand=false: recall %.2f precision %.2f)", w.word, on[w.word][0], on[w.word][1], off[w.word][0], off[w.word][1])
	}
}

// TestCompoundParts: a compound that gse keeps whole also finds its parts
// in order within a short window, and ranks the exact compound first.
func TestCompoundParts(t *testing.T) {
	mk := func(id, content string) xinfang.Document {
		r := xinfang.Record{ID: id, Content: content, ReceivedAt: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}
		return xinfang.Document{ID: id, Kind: xinfang.KindPetition, Record: &r}
	}
	s := newMemStore(t, []xinfang.Document{
		mk("exact", "村民认为补偿标准太低。"),
		mk("gap1", "村民认为补偿的标准太低。"),
		mk("gap2", "村民不清楚补偿和安置标准。"),
		mk("far", "村民说补偿一直没有到位，房子也没有按照原来约定的标准建设。"),
	})
	res, err := s.Search(context.Background(), xinfang.SearchRequest{Query: "补偿标准", Size: 10, NoExpand: false})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	for _, want := range []string{"exact", "gap1", "gap2"} {
		if !slices.Contains(ids, want) {
			t.Errorf("补偿标准 misses %s (hits %v)", want, ids)
		}
	}
	if slices.Contains(ids, "far") {
		t.Errorf("补偿标准 finds %q, whose parts are far apart (hits %v)", "far", ids)
	}
	if len(ids) == 0 || ids[0] != "exact" {
		t.Errorf("hits %v: want the exact compound first", ids)
	}
	var parts bool
	for _, e := range res.Expansions {
		if e.Word == "补偿标准" && len(e.Parts) == 2 {
			parts = true
		}
	}
	if !parts {
		t.Errorf("expansions %+v do not say 补偿标准 was matched by its parts", res.Expansions)
	}
	// expand=false: the word as written only.
	res, err = s.Search(context.Background(), xinfang.SearchRequest{Query: "补偿标准", Size: 10, NoExpand: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Expansions) != 0 {
		t.Errorf("expand=false: total %d expansions %v, want 1 and none", res.Total, res.Expansions)
	}
}

// TestConceptsFileReload: a concept file replaces the embedded table and is
// read again when it changes; a broken edit keeps the previous table.
func TestConceptsFileReload(t *testing.T) {
	path := filepath.Join(t.TempDir(), "concepts.yaml")
	write := func(s string) {
		if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("concepts:\n- name: 供暖\n  terms: [暖气, 不热]\n")
	src, err := newConceptSource(path)
	if err != nil {
		t.Fatal(err)
	}
	src.checkEach = 0
	if _, ok := src.get().Lookup("暖气"); !ok {
		t.Fatal("暖气 is not a term of the file's table")
	}
	if _, ok := src.get().Lookup("欠薪"); ok {
		t.Fatal("the file did not replace the embedded table")
	}
	write("concepts:\n- name: 供暖\n  terms: [暖气, 不热, 供热]\n") // size changes
	if _, ok := src.get().Lookup("供热"); !ok {
		t.Fatal("the changed file was not read again")
	}
	write("concepts: [oops")
	if _, ok := src.get().Lookup("供热"); !ok {
		t.Fatal("a broken file replaced the table in use")
	}
	if _, err := newConceptSource(filepath.Join(t.TempDir(), "missing.yaml")); err == nil {
		t.Fatal("a missing file opened")
	}
}
