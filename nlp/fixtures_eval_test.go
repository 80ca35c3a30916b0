package nlp

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/fixtures"
)

// TestFixturesQuality scores the analyzer on the labeled corpora against the
// targets of the issue. With -v it lists every record that differs.
func TestFixturesQuality(t *testing.T) {
	a := testAnalyzer(t)
	recs, err := fixtures.Petitions()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 {
		t.Skip("no labeled records")
	}
	type prf struct{ tp, fp, fn int }
	stats := map[string]*prf{}
	riskOK, headOK, amtOK, cityOK, highLow := 0, 0, 0, 0, 0
	for _, r := range recs {
		an := a.Analyze(r.Record.ID, r.Record.Title, r.Record.Content)
		g := r.Gold
		var diffs []string
		for _, c := range a.Categories() {
			p := stats[c.Code]
			if p == nil {
				p = &prf{}
				stats[c.Code] = p
			}
			in, got := slices.Contains(g.Categories, c.Code), slices.Contains(an.Categories, c.Code)
			switch {
			case in && got:
				p.tp++
			case got:
				p.fp++
				diffs = append(diffs, "+"+c.Code)
			case in:
				p.fn++
				diffs = append(diffs, "-"+c.Code)
			}
		}
		if g.Risk == an.Risk.Level {
			riskOK++
		} else {
			diffs = append(diffs, fmt.Sprintf("risk %s→%s %q", g.Risk, an.Risk.Level, an.Risk.Reasons))
		}
		if g.Risk == xinfang.RiskHigh && an.Risk.Level == xinfang.RiskLow {
			highLow++
		}
		if intOf(g.Headcount) == intOf(an.Headcount) {
			headOK++
		} else {
			diffs = append(diffs, fmt.Sprintf("headcount %d→%d", intOf(g.Headcount), intOf(an.Headcount)))
		}
		if fmt.Sprint(g.AmountsYuan) == fmt.Sprint(an.AmountsYuan) {
			amtOK++
		} else {
			diffs = append(diffs, fmt.Sprintf("amounts %v→%v", g.AmountsYuan, an.AmountsYuan))
		}
		if strOf(g.City) == strOf(an.City) {
			cityOK++
		} else {
			diffs = append(diffs, fmt.Sprintf("city %s→%s", strOf(g.City), strOf(an.City)))
		}
		if len(diffs) > 0 && testing.Verbose() {
			t.Logf("%s (%s): %v evidence %v", r.Record.ID, r.Source, diffs, an.Evidence)
		}
	}
	macro := 0.0
	for _, code := range xinfang.CoreCategories {
		p := stats[code]
		prec := float64(p.tp) / float64(max(1, p.tp+p.fp))
		rec := float64(p.tp) / float64(max(1, p.tp+p.fn))
		if prec+rec > 0 {
			macro += 2 * prec * rec / (prec + rec) / 4
		}
	}
	n := float64(len(recs))
	t.Logf("%d records: macro-F1(core)=%.3f risk=%.3f headcount=%.3f amounts=%.3f city=%.3f high→low=%d",
		len(recs), macro, float64(riskOK)/n, float64(headOK)/n, float64(amtOK)/n, float64(cityOK)/n, highLow)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"macro-F1 over the core categories", macro, 0.90},
		{"risk level accuracy", float64(riskOK) / n, 0.80},
		{"headcount accuracy", float64(headOK) / n, 0.90},
		{"amounts accuracy", float64(amtOK) / n, 0.90},
		{"city accuracy", float64(cityOK) / n, 0.90},
	} {
		if c.got < c.want {
			t.Errorf("%s = %.3f, want ≥ %.2f", c.name, c.got, c.want)
		}
	}
	if highLow > 0 {
		t.Errorf("%d high-risk records rated low, want none", highLow)
	}
}

// realStylePending names the real-style corpora written to show what the
// analysis still misses (issue 9): their figures are logged, not gated,
// until the analysis reads them, and a high-risk record rated low fails
// unless it is listed in knownHighLow. When the analysis meets the
// thresholds on such a file, take it out of this map.
var realStylePending = map[string]bool{}

// knownHighLow lists the high-risk records of pending corpora that the
// analysis rates low today, with what it misses; the test fails when one of
// them is no longer rated low, so that the list only shrinks.
var knownHighLow = map[string]string{}

// TestRealStyleQuality guards the reading of real-like text: petitions with
// replies, hotline records, news, court and office reports
// (fixtures/realstyle_*.jsonl), file by file: macro-F1 over the core
// categories ≥ 0.93, risk ≥ 0.90, kind ≥ 0.85 and no high-risk record rated
// low. The figures on real text itself are measured outside the repository
// (README).
func TestRealStyleQuality(t *testing.T) {
	a := testAnalyzer(t)
	recs, err := fixtures.RealStyle()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 300 {
		t.Fatalf("fixtures.RealStyle: %d records, want at least 300", len(recs))
	}
	byFile := map[string][]fixtures.Labeled{}
	var files []string
	for _, r := range recs {
		name, _, _ := strings.Cut(r.Source, ":")
		if byFile[name] == nil {
			files = append(files, name)
		}
		byFile[name] = append(byFile[name], r)
	}
	for _, name := range files {
		t.Run(name, func(t *testing.T) {
			realStyleFile(t, a, byFile[name], realStylePending[name])
		})
	}
}

// realStyleFile scores one real-style corpus; pending corpora have their
// threshold misses logged rather than failed (see realStylePending).
func realStyleFile(t *testing.T, a *Analyzer, recs []fixtures.Labeled, pending bool) {
	var tp, fp, fn [4]int
	riskOK, kindOK := 0, 0
	var missed []string
	for _, r := range recs {
		an := a.Analyze(r.Record.ID, r.Record.Title, r.Record.Content)
		for i, c := range xinfang.CoreCategories {
			in, got := slices.Contains(r.Gold.Categories, c), slices.Contains(an.Categories, c)
			switch {
			case in && got:
				tp[i]++
			case got:
				fp[i]++
			case in:
				fn[i]++
			}
		}
		if r.Gold.Risk == an.Risk.Level {
			riskOK++
		} else if testing.Verbose() || pending {
			t.Logf("%s: risk %s, want %s %q", r.Record.ID, an.Risk.Level, r.Gold.Risk, an.Risk.Reasons)
		}
		highLow := r.Gold.Risk == xinfang.RiskHigh && an.Risk.Level == xinfang.RiskLow
		_, known := knownHighLow[r.Record.ID]
		switch {
		case highLow && pending && known:
			t.Logf("%s: high-risk record rated low (known: %s)", r.Record.ID, knownHighLow[r.Record.ID])
		case highLow:
			t.Errorf("%s: high-risk record rated low: %q", r.Record.ID, an.Risk.Reasons)
		case known:
			t.Errorf("%s: listed in knownHighLow but rated %s now: take it off the list", r.Record.ID, an.Risk.Level)
		}
		if r.Gold.Kind == an.Kind {
			kindOK++
		}
	}
	macro := 0.0
	for i := range tp {
		prec := float64(tp[i]) / float64(max(1, tp[i]+fp[i]))
		rec := float64(tp[i]) / float64(max(1, tp[i]+fn[i]))
		if prec+rec > 0 {
			macro += 2 * prec * rec / (prec + rec) / 4
		}
	}
	n := float64(len(recs))
	t.Logf("%d records: macro-F1(core)=%.3f risk=%.3f kind=%.3f", len(recs), macro, float64(riskOK)/n, float64(kindOK)/n)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"macro-F1(core)", macro, 0.93},
		{"risk", float64(riskOK) / n, 0.90},
		{"kind", float64(kindOK) / n, 0.85},
	} {
		if c.got < c.want {
			missed = append(missed, fmt.Sprintf("%s %.3f (want ≥ %.2f)", c.name, c.got, c.want))
		}
	}
	switch {
	case len(missed) > 0 && pending:
		t.Logf("pending corpus below the thresholds: %s", strings.Join(missed, ", "))
	case len(missed) > 0:
		t.Errorf("%s", strings.Join(missed, ", "))
	}
}

func intOf(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}
