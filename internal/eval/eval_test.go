package eval

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func ip(n int) *int       { return &n }
func sp(s string) *string { return &s }

// pairs is a small hand-scored set; the expected figures in TestEvaluate are
// worked out by hand in the comments there.
func pairs() []Pair {
	return []Pair{
		{ID: "P1",
			Gold: Labels{Categories: []string{"wage_arrears"}, Risk: "high", Headcount: ip(27), AmountsYuan: []float64{919730}, City: sp("兴安盟"), County: sp("乌兰浩特市")},
			Pred: Labels{Categories: []string{"wage_arrears"}, Risk: "high", Headcount: ip(27), AmountsYuan: []float64{919730.2}, City: sp("兴安盟")}},
		{ID: "P2",
			Gold: Labels{Categories: []string{"wage_arrears", "delayed_delivery"}, Risk: "high", Headcount: ip(90), AmountsYuan: []float64{3000000}, City: sp("巴彦淖尔市"), County: sp("临河区")},
			Pred: Labels{Categories: []string{"wage_arrears"}, Risk: "low", AmountsYuan: []float64{3000000}, City: sp("巴彦淖尔市"), County: sp("临河区")}},
		{ID: "P3",
			Gold: Labels{Categories: []string{}, Risk: "low"},
			Pred: Labels{Categories: []string{"noise"}, Risk: "low", AmountsYuan: []float64{}}},
		{ID: "P4",
			Gold: Labels{Categories: []string{"labor_dispute"}, Risk: "medium", AmountsYuan: []float64{46000}, City: sp("通辽市")},
			Pred: Labels{Categories: []string{"demolition_compensation"}, Risk: "high", Headcount: ip(5), AmountsYuan: []float64{46000, 6}, City: sp("包头市")}},
		{ID: "P5",
			Gold: Labels{Categories: []string{"demolition_compensation"}, Risk: "high", Headcount: ip(250), City: sp("赤峰市"), County: sp("松山区")},
			Pred: Labels{Categories: []string{"demolition_compensation", "delayed_delivery"}, Risk: "medium", Headcount: ip(250), City: sp("赤峰市"), County: sp("松山区")}},
		{ID: "P6",
			Gold: Labels{Categories: []string{}, Risk: "low"},
			Pred: Labels{}},
	}
}

func TestEvaluate(t *testing.T) {
	ps := pairs()
	got := Evaluate(ps, []string{"wage_arrears", "demolition_compensation", "delayed_delivery", "noise"}, nil,
		func(c string) string { return "L:" + c })
	want := Report{
		Records: 6,
		Categories: []CategoryScore{
			// P1, P2 right.
			{Code: "wage_arrears", Label: "L:wage_arrears", TP: 2, Support: 2, Precision: 1, Recall: 1, F1: 1},
			// P5 right, P4 predicted wrongly: P 1/2, R 1/1, F1 2·0.5·1/1.5.
			{Code: "demolition_compensation", Label: "L:demolition_compensation", TP: 1, FP: 1, Support: 1, Precision: 0.5, Recall: 1, F1: 2.0 / 3},
			// P2 missed, P5 extra.
			{Code: "delayed_delivery", Label: "L:delayed_delivery", FP: 1, FN: 1, Support: 1},
			// P3 extra.
			{Code: "noise", Label: "L:noise", FP: 1},
			// Not in the order: after it. P4 missed.
			{Code: "labor_dispute", Label: "L:labor_dispute", FN: 1, Support: 1},
		},
		// (1 + 2/3 + 0 + 0) / 4
		MacroF1Core:     (1 + 2.0/3) / 4,
		CoreScored:      4,
		CategoriesExact: Match{Correct: 2, Total: 6, Accuracy: 2.0 / 6}, // P1, P6
		Risk: Confusion{
			Levels: []string{"low", "medium", "high"},
			Matrix: [][]int{
				{1, 0, 0}, // P3 (P6 has no prediction)
				{0, 0, 1}, // P4
				{1, 1, 1}, // P2, P5, P1
			},
			Unknown:   1,
			Correct:   2,
			Total:     6,
			Accuracy:  2.0 / 6,
			HighAsLow: 1, // P2
		},
		Headcount: Match{Correct: 4, Total: 6, Accuracy: 4.0 / 6}, // P2, P4 wrong
		Amounts:   Match{Correct: 5, Total: 6, Accuracy: 5.0 / 6}, // P4 wrong; P1 within 0.5
		City:      Match{Correct: 5, Total: 6, Accuracy: 5.0 / 6}, // P4 wrong
		County:    Match{Correct: 5, Total: 6, Accuracy: 5.0 / 6}, // P1 wrong
		Mismatches: []Mismatch{
			{ID: "P1", Fields: []string{"county"}, Gold: ps[0].Gold, Pred: ps[0].Pred},
			{ID: "P2", Fields: []string{"categories", "risk", "headcount"}, Gold: ps[1].Gold, Pred: ps[1].Pred},
			{ID: "P3", Fields: []string{"categories"}, Gold: ps[2].Gold, Pred: ps[2].Pred},
			{ID: "P4", Fields: []string{"categories", "risk", "headcount", "amounts_yuan", "city"}, Gold: ps[3].Gold, Pred: ps[3].Pred},
			{ID: "P5", Fields: []string{"categories", "risk"}, Gold: ps[4].Gold, Pred: ps[4].Pred},
			{ID: "P6", Fields: []string{"risk"}, Gold: ps[5].Gold, Pred: ps[5].Pred},
		},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
		t.Errorf("Evaluate() mismatch (-want +got):\n%s", diff)
	}
}

func TestEvaluateEmpty(t *testing.T) {
	got := Evaluate(nil, nil, nil, nil)
	if got.Records != 0 || got.MacroF1Core != 0 || got.CoreScored != 0 || len(got.Categories) != 0 || got.Risk.Accuracy != 0 {
		t.Errorf("Evaluate(nil) = %+v, want an empty report", got)
	}
	var buf bytes.Buffer
	if err := WriteText(&buf, got, true); err != nil {
		t.Fatal(err)
	}
}

func TestEvaluateCoreOnlyWhenPresent(t *testing.T) {
	// Only wage_arrears occurs: the macro-F1 is its F1, not diluted by absent categories.
	ps := []Pair{{ID: "a", Gold: Labels{Categories: []string{"wage_arrears"}, Risk: "low"}, Pred: Labels{Categories: []string{"wage_arrears"}, Risk: "low"}}}
	got := Evaluate(ps, nil, nil, nil)
	if got.MacroF1Core != 1 || got.CoreScored != 1 {
		t.Errorf("MacroF1Core, CoreScored = %v, %d, want 1, 1", got.MacroF1Core, got.CoreScored)
	}
}

func TestAmountsMatch(t *testing.T) {
	tests := []struct {
		name       string
		gold, pred []float64
		want       bool
	}{
		{"both empty", []float64{}, nil, true},
		{"same", []float64{580000}, []float64{580000}, true},
		{"order ignored", []float64{1, 200}, []float64{200, 1}, true},
		{"within tolerance", []float64{100}, []float64{100.4}, true},
		{"outside tolerance", []float64{100}, []float64{100.6}, false},
		{"repeats ignored", []float64{5, 5}, []float64{5}, true},
		{"missing one", []float64{1, 2}, []float64{1}, false},
		{"extra one", []float64{1}, []float64{1, 2}, false},
		{"empty vs one", nil, []float64{3}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AmountsMatch(tt.gold, tt.pred); got != tt.want {
				t.Errorf("AmountsMatch(%v, %v) = %v, want %v", tt.gold, tt.pred, got, tt.want)
			}
		})
	}
}

func TestWriteText(t *testing.T) {
	r := Evaluate(pairs(), []string{"wage_arrears", "demolition_compensation", "delayed_delivery", "noise"}, nil, nil)
	var buf bytes.Buffer
	if err := WriteText(&buf, r, true); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"records: 6",
		"macro-F1 (core categories, 4 scored): 0.417",
		"risk accuracy: 2/6 = 0.333",
		"high rated low: 1",
		"predictions with no valid level: 1",
		"mismatches: 6",
		"  headcount     gold 90  pred null",
		"  amounts_yuan  gold [46000]  pred [46000,6]",
		"  risk          gold high(高)  pred low(低)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("WriteText output lacks %q:\n%s", want, out)
		}
	}
	buf.Reset()
	if err := WriteText(&buf, r, false); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "mismatches") {
		t.Errorf("WriteText(mismatches=false) lists mismatches:\n%s", buf.String())
	}
}
