package nlp

import (
	"testing"

	"github.com/xinfang/xinfang/fixtures"
)

// TestWordTableMatchesGse checks that the hash-table segmentation cuts the
// labeled corpus exactly where gse's own Segment does.
func TestWordTableMatchesGse(t *testing.T) {
	s := testAnalyzer(t).Segmenter()
	recs, err := fixtures.Petitions()
	if err != nil {
		t.Fatal(err)
	}
	texts := append([]string(nil), sampleTexts...)
	for _, r := range recs {
		texts = append(texts, r.Record.Title+"\n"+r.Record.Content)
	}
	same, total := 0, 0
	for _, text := range texts {
		norm := normalizeText(text)
		type cut struct{ a, b int }
		g := map[cut]bool{}
		for _, sg := range s.seg.Segment([]byte(norm)) {
			if isWord(norm[sg.Start():sg.End()]) {
				g[cut{sg.Start(), sg.End()}] = true
			}
		}
		for _, sp := range s.spans(norm) {
			total++
			if g[cut{sp.start, sp.end}] {
				same++
			} else if total-same <= 5 {
				t.Logf("differs from gse: %q", norm[sp.start:sp.end])
			}
		}
	}
	if total == 0 || float64(same) < 0.99*float64(total) {
		t.Errorf("word table agrees with gse on %d of %d words, want ≥ 99%%", same, total)
	}
}

// TestWordTableHashBitsOnly checks that finding a key by its hash bits
// alone (the table's default) answers as comparing its bytes does: every
// key is found at its own slot, and strings made of the keys' characters
// that are no key are not found.
func TestWordTableHashBitsOnly(t *testing.T) {
	wt := testAnalyzer(t).Segmenter().words
	if wt.verify {
		t.Fatal("two dictionary keys share their hash bits; lookups compare bytes")
	}
	strict := *wt
	strict.verify = true
	var keys []string
	for i, sl := range wt.slots {
		if sl.tag == 0 {
			continue
		}
		k := wt.key(int32(i + 1))
		keys = append(keys, k)
		e, ok := wt.get(k, wordHash(k))
		if !ok || e.id != int32(i+1) {
			t.Fatalf("key %q: found %v at %d, want slot %d", k, ok, e.id, i+1)
		}
	}
	missing := 0
	for i := 0; i+1 < len(keys) && missing < 200000; i++ {
		probe := keys[i] + keys[i+1]
		h := wordHash(probe)
		e1, ok1 := wt.get(probe, h)
		e2, ok2 := strict.get(probe, h)
		if ok1 != ok2 || e1 != e2 {
			t.Fatalf("%q: by hash bits %v %v, by bytes %v %v", probe, ok1, e1, ok2, e2)
		}
		if !ok1 {
			missing++
		}
	}
	if missing < 1000 {
		t.Fatalf("only %d probes outside the dictionary", missing)
	}
}
