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
