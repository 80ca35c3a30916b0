package nlp

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xinfang/xinfang"
)

// originMarkers before a place say it is where the petitioner comes from,
// not where the matter is.
var originMarkers = []string{"老家", "户籍", "原籍", "祖籍", "籍贯", "户口在", "户口"}

// places resolves the place names in the text and picks the best single
// 盟市 and county of the matter: the first home-province place that is not
// the petitioner's origin; when that is a 盟市, the first county of that
// 盟市 named anywhere in the text.
func (a *Analyzer) places(t *text, ms []match, sc *analysisScratch) ([]xinfang.Place, *string, *string) {
	cand := sc.places[:0]
	for _, m := range ms {
		if m.pat >= a.placeBase && m.pat < a.riskBase {
			cand = append(cand, m)
		}
	}
	sc.places = cand
	out := []xinfang.Place{}
	if len(cand) == 0 {
		return out, nil, nil
	}
	// Leftmost-longest, without overlaps.
	// Place names are distinct, so a span is one match and the order total.
	slices.SortFunc(cand, func(x, y match) int {
		if x.start != y.start {
			return cmp.Compare(x.start, y.start)
		}
		return cmp.Compare(y.end, x.end)
	})
	type found struct {
		e      placeEntry
		m      match
		origin bool
	}
	var got []found
	lastEnd := -1
	var prev *placeEntry
	prevEnd := -1
	for _, m := range cand {
		if m.start < lastEnd {
			continue
		}
		name := a.placeNames[m.pat-a.placeBase]
		var p *placeEntry
		if prev != nil && m.start-prevEnd <= 3 {
			p = prev
		}
		e, ok := a.gaz.lookup(name, p)
		if !ok {
			continue
		}
		lastEnd = m.end
		f := found{e: e, m: m, origin: isOrigin(t.norm, m)}
		got = append(got, f)
		prev, prevEnd = &got[len(got)-1].e, m.end
	}
	seen := map[xinfang.Place]bool{}
	for _, f := range got {
		p := xinfang.Place{Name: t.norm[f.m.start:f.m.end], Level: f.e.level, County: f.e.county, City: f.e.city, Province: f.e.province}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	var city, county *string
	// The place of the matter; the petitioner's origin only when the text
	// names no other.
	anyMatter := false
	for _, f := range got {
		if f.e.home && !f.origin && f.e.level != LevelProvince {
			anyMatter = true
		}
	}
	for i, f := range got {
		if !f.e.home || f.origin && anyMatter || f.e.level == LevelProvince {
			continue
		}
		c := f.e.city
		city = &c
		if f.e.level == LevelCounty {
			k := f.e.county
			county = &k
			break
		}
		for _, g := range got[i+1:] {
			if g.e.home && (!g.origin || !anyMatter) && g.e.level == LevelCounty && g.e.city == c {
				k := g.e.county
				county = &k
				break
			}
		}
		break
	}
	return out, city, county
}

// isOrigin reports whether the place at m is the petitioner's origin:
// 赤峰市人, 老家在通辽.
func isOrigin(s string, m match) bool {
	rest := s[m.end:]
	if strings.HasPrefix(rest, "人") && !strings.HasPrefix(rest, "人民") && !strings.HasPrefix(rest, "人社") {
		if r, _ := utf8.DecodeRuneInString(rest[len("人"):]); r == ',' || r == '，' || r == '。' || r == ' ' || r == '的' || r == ')' || r == utf8.RuneError {
			return true
		}
	}
	return containsAny(clauseBefore(s, m.start, 5), originMarkers)
}
