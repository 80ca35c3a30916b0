package index

import (
	"context"
	"math"
	"math/bits"
	"slices"
	"sort"
	"time"

	"github.com/xinfang/xinfang"
)

// HandlingMethod describes how Handling computes its figures
// (HandlingResult.Method).
const HandlingMethod = "handling time = closed_at - received_at of closed petitions that give closed_at; " +
	"p50/p90 by nearest rank, in days; overdue = open and past the deadline at as_of " +
	"(deadline_at, else accepted_at + 60 days when accepted, else received_at + 15 days); " +
	"a petition under several categories counts in each"

// unknownGroup labels the petitions with no value for the dimension.
const unknownGroup = "（未识别）"

// handlingAcc accumulates the figures of one group.
type handlingAcc struct {
	g     xinfang.HandlingGroup
	times []int64 // handling seconds
}

func (a *handlingAcc) add(r *row, now int64) {
	a.count(r, now)
	if r.handle >= 0 {
		a.times = append(a.times, r.handle)
	}
}

// count adds r to the figures of a but not its handling time.
func (a *handlingAcc) count(r *row, now int64) {
	a.g.Records++
	a.g.People += r.people()
	if !r.closed {
		a.g.Open++
	}
	switch r.overdueCode(now) {
	case overdueAcceptance:
		a.g.Overdue++
		a.g.OverdueAcceptance++
	case overdueHandling:
		a.g.Overdue++
		a.g.OverdueHandling++
	}
}

// merge adds the figures of b, of another worker, to a.
func (a *handlingAcc) merge(b *handlingAcc) {
	a.g.Records += b.g.Records
	a.g.People += b.g.People
	a.g.Open += b.g.Open
	a.g.Overdue += b.g.Overdue
	a.g.OverdueAcceptance += b.g.OverdueAcceptance
	a.g.OverdueHandling += b.g.OverdueHandling
	a.times = append(a.times, b.times...)
}

// result computes the percentiles by selection, not a sort: the two ranks
// are found in linear time, and the order of a.times is left undefined.
func (a *handlingAcc) result() xinfang.HandlingGroup {
	g := a.g
	g.Closed = len(a.times)
	if len(a.times) > 0 {
		i50, i90 := nearestRank(len(a.times), 0.5), nearestRank(len(a.times), 0.9)
		p90 := nthSmallest(a.times, i90)
		// a.times[:i90] now holds the i90 smallest: the median is among them.
		p50 := nthSmallest(a.times[:i90+1], i50)
		g.P50Days, g.P90Days = days(p50), days(p90)
	}
	return g
}

// nearestRank is the 0-based index of the nearest-rank q-quantile of n
// sorted values.
func nearestRank(n int, q float64) int {
	i := int(math.Ceil(q*float64(n))) - 1
	return max(0, min(i, n-1))
}

// days is seconds in days to one decimal.
func days(sec int64) *float64 {
	d := math.Round(float64(sec)/86400*10) / 10
	return &d
}

// nthSmallest returns the k-th smallest (0-based) of a and reorders a so
// that nothing before index k is larger and nothing after it smaller
// (quickselect with a three-way partition, which stays linear when many
// values are equal, as handling times in whole days often are).
func nthSmallest(a []int64, k int) int64 {
	lo, hi := 0, len(a)
	for hi-lo > 16 {
		x, y, z := a[lo], a[lo+(hi-lo)/2], a[hi-1]
		p := max(min(x, y), min(max(x, y), z)) // median of three
		lt, i, gt := lo, lo, hi
		for i < gt {
			switch v := a[i]; {
			case v < p:
				a[lt], a[i] = v, a[lt]
				lt++
				i++
			case v > p:
				gt--
				a[i], a[gt] = a[gt], v
			default:
				i++
			}
		}
		switch {
		case k < lt:
			hi = lt
		case k >= gt:
			lo = gt
		default:
			return p
		}
	}
	slices.Sort(a[lo:hi])
	return a[k]
}

// Handling returns handling-time percentiles (receipt to close) and
// overdue counts of the petitions that match the query and filters,
// overall and per 盟市, 旗县, category or respondent, the groups with the
// most petitions first. Overdue is decided at the Store's clock.
func (s *Store) Handling(ctx context.Context, req xinfang.HandlingRequest) (xinfang.HandlingResult, error) {
	by := req.By
	if by == "" {
		by = "city"
	}
	valid := false
	for _, b := range xinfang.HandlingBy {
		valid = valid || b == by
	}
	if !valid {
		return xinfang.HandlingResult{}, xinfang.FieldError("by", "unknown value %q (want city, county, category or respondent)", req.By)
	}
	size, err := boardSize(req.Size)
	if err != nil {
		return xinfang.HandlingResult{}, err
	}
	pq, err := parseQuery(req.Query)
	if err != nil {
		return xinfang.HandlingResult{}, err
	}
	pq.noExpand = req.NoExpand
	ctx, cancel := context.WithTimeout(ctx, s.opts.SearchTimeout)
	defer cancel()
	st, release, workers, err := s.admit(ctx, pq)
	if err != nil {
		return xinfang.HandlingResult{}, err
	}
	defer release()
	sn, plan, err := st.plan(pq, req.Filters, s)
	if err != nil {
		return xinfang.HandlingResult{}, err
	}
	if sn != nil {
		defer sn.close()
	}
	now := plan.pred.now
	// Each worker counts into its own groups, indexed by the dictionary
	// code of the dimension (for categories, the bit number + 1; 0: none);
	// the view's dictionaries hold every code of its rows (cow.go).
	var codes int
	switch by {
	case "city":
		codes = len(st.cities.values)
	case "county":
		codes = len(st.counties.values)
	case "respondent":
		codes = len(st.subjLabels)
	case "category":
		codes = maxCategories + 1
	}
	alls := make([]handlingAcc, workers)
	groups := make([][]*handlingAcc, workers)
	err = st.scanPar(ctx, sn, plan, false, workers, func(w int) func(uint32, *row, float64, int) {
		gs := make([]*handlingAcc, codes)
		groups[w] = gs
		all := &alls[w]
		acc := func(code uint32) *handlingAcc {
			a := gs[code]
			if a == nil {
				a = &handlingAcc{}
				gs[code] = a
			}
			return a
		}
		return func(o uint32, r *row, _ float64, miss int) {
			if miss != evalMatch || !r.isPetition() {
				return
			}
			// A petition is in one group of each dimension but
			// categories: the overall handling times are then the
			// groups' ones, put together once at the end.
			if by == "category" {
				all.add(r, now)
			} else {
				all.count(r, now)
			}
			switch by {
			case "city":
				acc(uint32(r.city)).add(r, now)
			case "county":
				acc(uint32(r.county)).add(r, now)
			case "respondent":
				acc(r.subj).add(r, now)
			case "category":
				if r.cats == 0 {
					acc(0).add(r, now)
				}
				for c := r.cats; c != 0; c &= c - 1 {
					acc(uint32(bits.TrailingZeros64(c))+1).add(r, now)
				}
			}
		}
	})
	if err != nil {
		return xinfang.HandlingResult{}, err
	}
	all := &alls[0]
	for w := 1; w < workers; w++ {
		all.merge(&alls[w])
		for code, a := range groups[w] {
			switch {
			case a == nil:
			case groups[0][code] == nil:
				groups[0][code] = a
			default:
				groups[0][code].merge(a)
			}
		}
	}
	if by != "category" {
		for _, a := range groups[0] {
			if a != nil {
				all.times = append(all.times, a.times...)
			}
		}
	}
	out := xinfang.HandlingResult{By: by, Method: HandlingMethod, AsOf: time.Unix(now, 0).In(cst), Overall: all.result(), Groups: []xinfang.HandlingGroup{}}
	out.Overall.Key, out.Overall.Label = "", "全部"
	for code, a := range groups[0] {
		if a == nil {
			continue
		}
		g := a.result()
		switch by {
		case "city":
			g.Key = st.cities.values[code]
		case "county":
			g.Key = st.counties.values[code]
		case "respondent":
			g.Key = st.subjLabels[code]
		case "category":
			g.Key = st.cats.values[code]
		}
		g.Label = g.Key
		if by == "category" && g.Key != "" {
			g.Label = s.opts.CategoryLabel(g.Key)
		}
		if g.Key == "" {
			g.Label = unknownGroup
		}
		out.Groups = append(out.Groups, g)
	}
	sort.Slice(out.Groups, func(i, j int) bool {
		a, b := &out.Groups[i], &out.Groups[j]
		if a.Records != b.Records {
			return a.Records > b.Records
		}
		return a.Key < b.Key
	})
	if len(out.Groups) > size {
		out.Groups = out.Groups[:size]
	}
	return out, nil
}
