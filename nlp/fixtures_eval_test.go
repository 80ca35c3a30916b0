package nlp

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

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
		if len(diffs) > 0 {
			bad++
			t.Logf("%s: %v", r.Record.ID, diffs)
		}
	}
	b, _ := json.Marshal(a.Analyze(recs[0].Record.ID, recs[0].Record.Title, recs[0].Record.Content))
	t.Logf("%s", b)
	t.Logf("%d/%d records with a difference", bad, len(recs))
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
