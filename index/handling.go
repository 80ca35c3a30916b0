package index

import (
	"context"
	"math"
	"math/bits"
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
	if r.handle >= 0 {
		a.times = append(a.times, r.handle)
	}
}

func (a *handlingAcc) result() xinfang.HandlingGroup {
	g := a.g
	g.Closed = len(a.times)
	if len(a.times) > 0 {
		sort.Slice(a.times, func(i, j int) bool { return a.times[i] < a.times[j] })
		g.P50Days, g.P90Days = percentileDays(a.times, 0.5), percentileDays(a.times, 0.9)
	}
	return g
}

// percentileDays is the nearest-rank q-quantile of sorted seconds, in
// days to one decimal.
func percentileDays(sorted []int64, q float64) *float64 {
	i := int(math.Ceil(q*float64(len(sorted)))) - 1
	i = max(0, min(i, len(sorted)-1))
	d := math.Round(float64(sorted[i])/86400*10) / 10
	return &d
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
	ctx, cancel := context.WithTimeout(ctx, searchTimeout)
	defer cancel()
	st, release, _, err := s.admit(ctx, pq)
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
	var all handlingAcc
	groups := map[uint32]*handlingAcc{}
	acc := func(code uint32) *handlingAcc {
		a := groups[code]
		if a == nil {
			a = &handlingAcc{}
			groups[code] = a
		}
		return a
	}
	err = st.scan(ctx, sn, plan, false, func(o uint32, r *row, _ float64) {
		if !r.isPetition() {
			return
		}
		all.add(r, now)
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
	})
	if err != nil {
		return xinfang.HandlingResult{}, err
	}
	out := xinfang.HandlingResult{By: by, Method: HandlingMethod, AsOf: time.Unix(now, 0).In(cst), Overall: all.result(), Groups: []xinfang.HandlingGroup{}}
	out.Overall.Key, out.Overall.Label = "", "全部"
	for code, a := range groups {
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
