// Package eval scores the analyses of labeled petition records against their
// gold labels: per-category precision, recall and F1, macro-F1 over the four
// core categories, the risk confusion matrix, and exact-match accuracy of the
// extracted headcount, amounts, city and county. The functions are pure: the
// caller runs the analyzer and hands in gold and predicted labels.
package eval

import (
	"math"
	"slices"
	"sort"

	"github.com/xinfang/xinfang"
)

// Labels are the fields of an analysis that the corpus labels.
type Labels struct {
	Categories  []string  `json:"categories"`
	Risk        string    `json:"risk"`
	Headcount   *int      `json:"headcount"`
	AmountsYuan []float64 `json:"amounts_yuan"`
	City        *string   `json:"city"`
	County      *string   `json:"county"`
	// Kind is petition or bulletin; a gold label may leave it empty, and
	// is then scored as a petition but not for kind accuracy.
	Kind string `json:"kind,omitempty"`
}

// FromAnalysis takes the labeled fields of an analysis.
func FromAnalysis(a xinfang.Analysis) Labels {
	return Labels{
		Kind:        a.Kind,
		Categories:  a.Categories,
		Risk:        a.Risk.Level,
		Headcount:   a.Headcount,
		AmountsYuan: a.AmountsYuan,
		City:        a.City,
		County:      a.County,
	}
}

// Pair is one record's gold and predicted labels.
type Pair struct {
	ID   string
	Gold Labels
	Pred Labels
}

// CategoryScore is the one-vs-rest score of one category.
type CategoryScore struct {
	Code      string  `json:"code"`
	Label     string  `json:"label,omitempty"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Support   int     `json:"support"` // gold records with the category: TP+FN
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// Confusion is the risk confusion matrix: Matrix[gold][predicted], both
// indexed by the position in Levels. Predictions outside Levels (e.g. an
// empty level) are counted in Unknown.
type Confusion struct {
	Levels   []string `json:"levels"`
	Matrix   [][]int  `json:"matrix"`
	Unknown  int      `json:"unknown_predictions"`
	Correct  int      `json:"correct"`
	Total    int      `json:"total"`
	Accuracy float64  `json:"accuracy"`
	// HighAsLow counts gold high records predicted low: the miss that matters.
	HighAsLow int `json:"high_as_low"`
}

// Match is an exact-match accuracy.
type Match struct {
	Correct  int     `json:"correct"`
	Total    int     `json:"total"`
	Accuracy float64 `json:"accuracy"`
}

func (m *Match) add(ok bool) {
	m.Total++
	if ok {
		m.Correct++
	}
}

func (m *Match) finish() { m.Accuracy = ratio(m.Correct, m.Total) }

// Mismatch is one record with at least one field predicted wrongly.
type Mismatch struct {
	ID     string   `json:"id"`
	Fields []string `json:"fields"` // categories, risk, headcount, amounts_yuan, city, county
	Gold   Labels   `json:"gold"`
	Pred   Labels   `json:"pred"`
}

// Report is the whole evaluation.
type Report struct {
	Records    int             `json:"records"`
	Categories []CategoryScore `json:"categories"`
	// MacroF1Core is the mean F1 of the core categories that occur in gold
	// or predictions; CoreScored says how many those were.
	MacroF1Core float64 `json:"macro_f1_core"`
	CoreScored  int     `json:"core_scored"`
	// CategoriesExact counts records whose category set is exactly right.
	CategoriesExact Match     `json:"categories_exact"`
	Risk            Confusion `json:"risk"`
	Headcount       Match     `json:"headcount"`
	Amounts         Match     `json:"amounts_yuan"`
	City            Match     `json:"city"`
	County          Match     `json:"county"`
	// Kind scores the petition/bulletin reading on records whose gold
	// names a kind.
	Kind Match `json:"kind"`
	// ByKind are the same scores for the petitions and the bulletins
	// apart (by gold kind; unlabeled records count as petitions), without
	// their mismatches.
	ByKind     []KindReport `json:"by_kind,omitempty"`
	Mismatches []Mismatch   `json:"mismatches,omitempty"`
}

// KindReport is the report of the records of one kind.
type KindReport struct {
	Kind   string  `json:"kind"`
	Report *Report `json:"report"`
}

// AmountTolerance is how far two amounts may differ, in yuan, and still match.
const AmountTolerance = 0.5

// Evaluate scores pairs. order lists category codes in display order (the
// taxonomy's); categories that occur in gold or predictions but not in order
// follow in code order, and codes of order that occur in neither are left
// out. core are the categories of the macro-F1 (xinfang.CoreCategories when
// nil). label names a code for display and may be nil.
func Evaluate(pairs []Pair, order, core []string, label func(string) string) Report {
	return evaluate(pairs, order, core, label, true)
}

func evaluate(pairs []Pair, order, core []string, label func(string) string, byKind bool) Report {
	if core == nil {
		core = xinfang.CoreCategories
	}
	r := Report{Records: len(pairs)}
	scores := map[string]*CategoryScore{}
	get := func(code string) *CategoryScore {
		s := scores[code]
		if s == nil {
			s = &CategoryScore{Code: code}
			scores[code] = s
		}
		return s
	}
	r.Risk = Confusion{Levels: slices.Clone(xinfang.RiskLevels)}
	r.Risk.Matrix = make([][]int, len(r.Risk.Levels))
	for i := range r.Risk.Matrix {
		r.Risk.Matrix[i] = make([]int, len(r.Risk.Levels))
	}
	for _, p := range pairs {
		gold, pred := set(p.Gold.Categories), set(p.Pred.Categories)
		for c := range gold {
			if pred[c] {
				get(c).TP++
			} else {
				get(c).FN++
			}
		}
		for c := range pred {
			if !gold[c] {
				get(c).FP++
			}
		}
		var wrong []string
		catOK := len(gold) == len(pred)
		for c := range gold {
			catOK = catOK && pred[c]
		}
		r.CategoriesExact.add(catOK)
		if !catOK {
			wrong = append(wrong, "categories")
		}

		gi, pi := slices.Index(r.Risk.Levels, p.Gold.Risk), slices.Index(r.Risk.Levels, p.Pred.Risk)
		if gi >= 0 {
			r.Risk.Total++
			if pi < 0 {
				r.Risk.Unknown++
			} else {
				r.Risk.Matrix[gi][pi]++
			}
			if gi == pi {
				r.Risk.Correct++
			}
			if p.Gold.Risk == xinfang.RiskHigh && p.Pred.Risk == xinfang.RiskLow {
				r.Risk.HighAsLow++
			}
		}
		if p.Gold.Risk != p.Pred.Risk {
			wrong = append(wrong, "risk")
		}

		for _, f := range []struct {
			name string
			m    *Match
			ok   bool
		}{
			{"headcount", &r.Headcount, equalPtr(p.Gold.Headcount, p.Pred.Headcount)},
			{"amounts_yuan", &r.Amounts, AmountsMatch(p.Gold.AmountsYuan, p.Pred.AmountsYuan)},
			{"city", &r.City, equalPtr(p.Gold.City, p.Pred.City)},
			{"county", &r.County, equalPtr(p.Gold.County, p.Pred.County)},
		} {
			f.m.add(f.ok)
			if !f.ok {
				wrong = append(wrong, f.name)
			}
		}
		if p.Gold.Kind != "" {
			r.Kind.add(p.Gold.Kind == p.Pred.Kind)
			if p.Gold.Kind != p.Pred.Kind {
				wrong = append(wrong, "kind")
			}
		}
		if len(wrong) > 0 {
			r.Mismatches = append(r.Mismatches, Mismatch{ID: p.ID, Fields: wrong, Gold: p.Gold, Pred: p.Pred})
		}
	}
	r.Risk.Accuracy = ratio(r.Risk.Correct, r.Risk.Total)
	for _, m := range []*Match{&r.CategoriesExact, &r.Headcount, &r.Amounts, &r.City, &r.County, &r.Kind} {
		m.finish()
	}

	for _, s := range scores {
		s.Support = s.TP + s.FN
		s.Precision = ratio(s.TP, s.TP+s.FP)
		s.Recall = ratio(s.TP, s.TP+s.FN)
		if s.Precision+s.Recall > 0 {
			s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
		}
		if label != nil {
			s.Label = label(s.Code)
		}
	}
	rank := map[string]int{}
	for i, c := range order {
		if _, ok := rank[c]; !ok {
			rank[c] = i
		}
	}
	for _, s := range scores {
		r.Categories = append(r.Categories, *s)
	}
	sort.Slice(r.Categories, func(i, j int) bool {
		a, b := r.Categories[i].Code, r.Categories[j].Code
		ra, oka := rank[a]
		rb, okb := rank[b]
		switch {
		case oka && okb:
			return ra < rb
		case oka != okb:
			return oka
		}
		return a < b
	})
	sum := 0.0
	for _, c := range core {
		if s := scores[c]; s != nil {
			sum += s.F1
			r.CoreScored++
		}
	}
	if r.CoreScored > 0 {
		r.MacroF1Core = sum / float64(r.CoreScored)
	}
	if !byKind {
		return r
	}
	groups := map[string][]Pair{}
	for _, p := range pairs {
		k := p.Gold.Kind
		if k == "" {
			k = xinfang.KindPetition
		}
		groups[k] = append(groups[k], p)
	}
	if len(groups) > 1 {
		for _, k := range []string{xinfang.KindPetition, xinfang.KindBulletin} {
			if len(groups[k]) > 0 {
				sub := evaluate(groups[k], order, core, label, false)
				sub.Mismatches = nil
				r.ByKind = append(r.ByKind, KindReport{Kind: k, Report: &sub})
			}
		}
	}
	return r
}

// AmountsMatch reports whether two lists of amounts are the same set, each
// amount of one within AmountTolerance of one of the other, ignoring order
// and repeats.
func AmountsMatch(gold, pred []float64) bool {
	g, p := distinct(gold), distinct(pred)
	if len(g) != len(p) {
		return false
	}
	for i := range g {
		if math.Abs(g[i]-p[i]) > AmountTolerance {
			return false
		}
	}
	return true
}

// distinct sorts a copy of xs and drops values within AmountTolerance of the
// previous one.
func distinct(xs []float64) []float64 {
	s := slices.Clone(xs)
	sort.Float64s(s)
	out := s[:0]
	for _, x := range s {
		if len(out) > 0 && x-out[len(out)-1] <= AmountTolerance {
			continue
		}
		out = append(out, x)
	}
	return out
}

func set(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func equalPtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}
