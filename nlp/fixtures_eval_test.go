package nlp

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/fixtures"
)

func TestFixturesReport(t *testing.T) {
	if testing.Short() {
		t.Skip("report")
	}
	a, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	recs, err := fixtures.Petitions()
	if err != nil {
		t.Fatal(err)
	}
	bad := 0
	type prf struct{ tp, fp, fn int }
	stats := map[string]*prf{}
	riskOK, headOK, amtOK, cityOK, highLow := 0, 0, 0, 0, 0
	for _, r := range recs {
		an := a.Analyze(r.Record.ID, r.Record.Title, r.Record.Content)
		g := r.Gold
		var diffs []string
		gc := slices.Clone(g.Categories)
		slices.Sort(gc)
		ac := slices.Clone(an.Categories)
		slices.Sort(ac)
		if !slices.Equal(gc, ac) {
			diffs = append(diffs, fmt.Sprintf("cats gold=%v got=%v ev=%v", gc, ac, an.Evidence))
		}
		if g.Risk != an.Risk.Level {
			diffs = append(diffs, fmt.Sprintf("risk gold=%s got=%s %v", g.Risk, an.Risk.Level, an.Risk.Reasons))
		}
		if fmt.Sprint(deref(g.Headcount)) != fmt.Sprint(deref(an.Headcount)) {
			diffs = append(diffs, fmt.Sprintf("head gold=%v got=%v", deref(g.Headcount), deref(an.Headcount)))
		}
		if fmt.Sprint(g.AmountsYuan) != fmt.Sprint(an.AmountsYuan) {
			diffs = append(diffs, fmt.Sprintf("amounts gold=%v got=%v", g.AmountsYuan, an.AmountsYuan))
		}
		if derefS(g.City) != derefS(an.City) || derefS(g.County) != derefS(an.County) {
			diffs = append(diffs, fmt.Sprintf("place gold=%s/%s got=%s/%s", derefS(g.City), derefS(g.County), derefS(an.City), derefS(an.County)))
		}
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
			case in:
				p.fn++
			}
		}
		if g.Risk == an.Risk.Level {
			riskOK++
		}
		if g.Risk == "high" && an.Risk.Level == "low" {
			highLow++
		}
		if fmt.Sprint(deref(g.Headcount)) == fmt.Sprint(deref(an.Headcount)) {
			headOK++
		}
		if fmt.Sprint(g.AmountsYuan) == fmt.Sprint(an.AmountsYuan) {
			amtOK++
		}
		if derefS(g.City) == derefS(an.City) {
			cityOK++
		}
		if len(diffs) > 0 {
			bad++
			t.Logf("%s: %v\n      %s | %s", r.Record.ID, diffs, r.Record.Title, r.Record.Content)
		}
	}
	b, _ := json.Marshal(a.Analyze(recs[0].Record.ID, recs[0].Record.Title, recs[0].Record.Content))
	t.Logf("%s", b)
	t.Logf("%d/%d records with a difference", bad, len(recs))
	macro := 0.0
	for _, c := range a.Categories() {
		p := stats[c.Code]
		prec := float64(p.tp) / float64(max(1, p.tp+p.fp))
		rec := float64(p.tp) / float64(max(1, p.tp+p.fn))
		f1 := 2 * prec * rec / max(1e-9, prec+rec)
		if slices.Contains(xinfang.CoreCategories, c.Code) {
			macro += f1 / 4
		}
		t.Logf("%-24s P=%.3f R=%.3f F1=%.3f (tp %d fp %d fn %d)", c.Code, prec, rec, f1, p.tp, p.fp, p.fn)
	}
	n := float64(len(recs))
	t.Logf("macro-F1(core)=%.3f risk=%.3f (high→low %d) headcount=%.3f amounts=%.3f city=%.3f", macro, float64(riskOK)/n, highLow, float64(headOK)/n, float64(amtOK)/n, float64(cityOK)/n)
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func derefS(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}
