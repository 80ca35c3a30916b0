// Hits: the stored document of a ranked ordinal turned into a search hit,
// with its highlighted snippet and title and the risk its cluster and
// repeats add.

package index

import (
	"strings"

	"github.com/xinfang/xinfang"
)

// hit builds one search hit with its snippet.
func (st *reader) hit(o uint32, plan *compiled, s *Store) (xinfang.Hit, error) {
	d, err := st.get(st.ids[o])
	if err != nil {
		return xinfang.Hit{}, err
	}
	h := hitOf(&d, st.effectiveRisk(o, d.Analysis.Risk))
	h.Snippet = snippet(s.seg, xinfang.MaskText(d.Content()), plan.marks, plan.prefixes)
	st.decorate(&h, &d, o, plan.pred.now)
	if h.Title != "" && (len(plan.marks) > 0 || len(plan.prefixes) > 0) {
		if t := snippet(s.seg, h.Title, plan.marks, plan.prefixes); strings.Contains(t, "<mark>") {
			h.TitleHTML = t
		}
	}
	return h, nil
}

func hitOf(d *xinfang.Document, risk xinfang.Risk) xinfang.Hit {
	h := xinfang.Hit{
		ID:         d.ID,
		Kind:       d.Kind,
		Title:      xinfang.MaskText(d.Title()),
		Date:       d.Date().In(cst),
		Categories: d.Analysis.Categories,
		Risk:       risk,
		Headcount:  headcount(d),
	}
	if h.Date.IsZero() || d.Date().IsZero() {
		h.Date = d.IndexedAt.In(cst)
	}
	if h.Categories == nil {
		h.Categories = []string{}
	}
	if d.Analysis.City != nil {
		h.City = *d.Analysis.City
	}
	if d.Analysis.County != nil {
		h.County = *d.Analysis.County
	}
	return h
}
