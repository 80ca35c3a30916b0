// Aggregation over the matches of a scan: totals, people, multi-select facet
// counts per field, and the date histogram.

package index

import (
	"math"
	"math/bits"
	"sort"
	"time"

	"github.com/xinfang/xinfang"
)

// agg counts matches per facet value and per day.
type agg struct {
	total   int
	cats    [maxCategories]int
	city    []int
	county  []int
	kind    []int
	channel []int
	status  []int
	level   []int
	hc      []int
	overdue [overdueHandling + 1]int
	repeat  [flagTrue + 1]int
	joint   [flagTrue + 1]int
	people  int // 人次 of the matches
	now     int64
	baseDay int32
	days    []int
	far     map[int32]int // days outside the dense span
	minDay  int32
	maxDay  int32
}

// maxDenseDays bounds the per-day array; rarer dates go to a map.
const maxDenseDays = 100 * 366

func (st *engine) newAgg(now int64) *agg {
	a := &agg{
		now:  now,
		city: make([]int, st.cities.len()), county: make([]int, st.counties.len()),
		kind: make([]int, len(kindCodes)+1), channel: make([]int, len(channelCodes)+1),
		status: make([]int, len(statusCodes)+1), level: make([]int, len(levelCodes)+1),
		hc:     make([]int, len(headcountBuckets)+1),
		minDay: math.MaxInt32, maxDay: math.MinInt32,
	}
	if st.maxDay >= st.minDay {
		span := int(st.maxDay) - int(st.minDay) + 1
		if span > maxDenseDays {
			span = maxDenseDays
		}
		a.baseDay = st.minDay
		a.days = make([]int, span)
	}
	return a
}

func (a *agg) add(r *row) {
	a.total++
	for c := r.cats; c != 0; c &= c - 1 {
		a.cats[bits.TrailingZeros64(c)]++
	}
	a.city[r.city]++
	a.county[r.county]++
	a.kind[r.kind]++
	a.channel[r.channel]++
	a.status[r.status]++
	a.level[r.level]++
	a.hc[headcountBucket(r.hc)]++
	a.overdue[r.overdueCode(a.now)]++
	a.repeat[r.repeatCode()]++
	a.joint[r.jointCode()]++
	a.people += r.people()
	a.day(r)
}

// facet counts r in one facet only: r fails that field's filter and meets
// every other condition.
func (a *agg) facet(k int, r *row) {
	switch k {
	case facCategory:
		for c := r.cats; c != 0; c &= c - 1 {
			a.cats[bits.TrailingZeros64(c)]++
		}
	case facCity:
		a.city[r.city]++
	case facCounty:
		a.county[r.county]++
	case facKind:
		a.kind[r.kind]++
	case facChannel:
		a.channel[r.channel]++
	case facStatus:
		a.status[r.status]++
	case facLevel:
		a.level[r.level]++
	case facHeadcount:
		a.hc[headcountBucket(r.hc)]++
	case facOverdue:
		a.overdue[r.overdueCode(a.now)]++
	case facRepeat:
		a.repeat[r.repeatCode()]++
	case facJoint:
		a.joint[r.jointCode()]++
	}
}

func (a *agg) day(r *row) {
	if i := int(r.day) - int(a.baseDay); i >= 0 && i < len(a.days) {
		a.days[i]++
	} else {
		if a.far == nil {
			a.far = map[int32]int{}
		}
		a.far[r.day]++
	}
	if r.day < a.minDay {
		a.minDay = r.day
	}
	if r.day > a.maxDay {
		a.maxDay = r.day
	}
}

// merge adds the counts of b, made by the same state, to a.
func (a *agg) merge(b *agg) {
	a.total += b.total
	a.people += b.people
	for i := range a.overdue {
		a.overdue[i] += b.overdue[i]
	}
	for i := range a.repeat {
		a.repeat[i] += b.repeat[i]
		a.joint[i] += b.joint[i]
	}
	for i := range a.cats {
		a.cats[i] += b.cats[i]
	}
	for _, p := range [][2][]int{{a.city, b.city}, {a.county, b.county}, {a.kind, b.kind}, {a.channel, b.channel}, {a.status, b.status}, {a.level, b.level}, {a.hc, b.hc}, {a.days, b.days}} {
		for i := range p[0] {
			p[0][i] += p[1][i]
		}
	}
	for d, n := range b.far {
		if a.far == nil {
			a.far = map[int32]int{}
		}
		a.far[d] += n
	}
	a.minDay = min(a.minDay, b.minDay)
	a.maxDay = max(a.maxDay, b.maxDay)
}

// dayCount returns the matches on one day.
func (a *agg) dayCount(d int32) int {
	if i := int(d) - int(a.baseDay); i >= 0 && i < len(a.days) {
		return a.days[i]
	}
	return a.far[d]
}

// facets turns the counts into facet values: enumerations in their
// display order, open fields by count.
func (st *engine) facets(a *agg, catLabel func(string) string) map[string][]xinfang.FacetValue {
	out := map[string][]xinfang.FacetValue{}
	byCount := func(vals []xinfang.FacetValue) []xinfang.FacetValue {
		sort.SliceStable(vals, func(i, j int) bool {
			if vals[i].Count != vals[j].Count {
				return vals[i].Count > vals[j].Count
			}
			return vals[i].Value < vals[j].Value
		})
		return vals
	}
	cats := []xinfang.FacetValue{}
	for i := 0; i < st.cats.len()-1 && i < maxCategories; i++ {
		if a.cats[i] > 0 {
			code := st.cats.values[i+1]
			cats = append(cats, xinfang.FacetValue{Value: code, Label: catLabel(code), Count: a.cats[i]})
		}
	}
	out["category"] = byCount(cats)
	open := func(d *dict, counts []int) []xinfang.FacetValue {
		vals := []xinfang.FacetValue{}
		for c := 1; c < len(counts); c++ {
			if counts[c] > 0 {
				vals = append(vals, xinfang.FacetValue{Value: d.values[c], Label: d.values[c], Count: counts[c]})
			}
		}
		return byCount(vals)
	}
	out["city"] = open(st.cities, a.city)
	out["county"] = open(st.counties, a.county)
	enum := func(codes []string, counts []int, label func(string) string, reverse bool) []xinfang.FacetValue {
		vals := []xinfang.FacetValue{}
		for i := range codes {
			k := i
			if reverse {
				k = len(codes) - 1 - i
			}
			if n := counts[k+1]; n > 0 {
				vals = append(vals, xinfang.FacetValue{Value: codes[k], Label: label(codes[k]), Count: n})
			}
		}
		return vals
	}
	out["kind"] = enum(kindCodes, a.kind, kindLabel, false)
	out["channel"] = enum(channelCodes, a.channel, func(s string) string { return xinfang.Channel(s).Label() }, false)
	out["status"] = enum(statusCodes, a.status, func(s string) string { return xinfang.Status(s).Label() }, false)
	out["risk_level"] = enum(levelCodes, a.level, xinfang.RiskLabel, true)
	out["headcount"] = enum(headcountBuckets, a.hc, headcountLabel, false)
	// Overdue kinds first, then the rest; 重件 and 联名件 first.
	out["overdue"] = enum([]string{xinfang.DeadlineAcceptance, xinfang.DeadlineHandling, "false"},
		[]int{0, a.overdue[overdueAcceptance], a.overdue[overdueHandling], a.overdue[overdueNo]}, xinfang.OverdueLabel, false)
	out["repeat"] = enum(flagCodes, a.repeat[:], repeatLabel, true)
	out["joint"] = enum(flagCodes, a.joint[:], jointLabel, true)
	return out
}

// maxBuckets bounds a histogram; a finer interval that would exceed it is
// replaced by the next coarser one.
const maxBuckets = 400

// bucketKey maps a day to its interval and back.
func bucketKey(interval string, day int32) int32 {
	switch interval {
	case xinfang.IntervalWeek:
		// Day 0 (1970-01-01) is a Thursday; weeks start on Monday.
		d := day + 3
		w := d / 7
		if d%7 < 0 {
			w--
		}
		return w
	case xinfang.IntervalMonth:
		t := time.Unix(int64(day)*86400, 0).UTC()
		return int32(t.Year())*12 + int32(t.Month()) - 1
	}
	return day
}

func bucketStart(interval string, key int32) time.Time {
	switch interval {
	case xinfang.IntervalWeek:
		return dayStart(key*7 - 3)
	case xinfang.IntervalMonth:
		y := key / 12
		m := key%12 + 1
		if key%12 < 0 {
			y--
			m += 12
		}
		return time.Date(int(y), time.Month(m), 1, 0, 0, 0, 0, cst)
	}
	return dayStart(key)
}

// histRange returns the day range of a histogram: the filter's dates when
// given, else the matched documents' span.
func (a *agg) histRange(p *pred) (int32, int32, bool) {
	lo, hi := a.minDay, a.maxDay
	if p.hasFrom {
		lo = dayOf(p.fromSec)
	}
	if p.hasTo {
		hi = dayOf(p.toSec - 1)
	}
	if !p.hasFrom && a.total == 0 || !p.hasTo && a.total == 0 {
		return 0, 0, false
	}
	if hi < lo {
		return 0, 0, false
	}
	return lo, hi, true
}

func autoInterval(lo, hi int32) string {
	switch span := hi - lo + 1; {
	case span <= 62:
		return xinfang.IntervalDay
	case span <= 366:
		return xinfang.IntervalWeek
	}
	return xinfang.IntervalMonth
}

func (a *agg) histogram(p *pred, interval string) xinfang.Histogram {
	lo, hi, ok := a.histRange(p)
	if !ok {
		if interval == "" {
			interval = xinfang.IntervalDay
		}
		return xinfang.Histogram{Interval: interval, Buckets: []xinfang.Bucket{}}
	}
	if interval == "" {
		interval = autoInterval(lo, hi)
	}
	for _, next := range []string{xinfang.IntervalWeek, xinfang.IntervalMonth} {
		if bucketKey(interval, hi)-bucketKey(interval, lo)+1 <= maxBuckets || interval == xinfang.IntervalMonth {
			break
		}
		interval = next
	}
	k0, k1 := bucketKey(interval, lo), bucketKey(interval, hi)
	if k1-k0+1 > 10*maxBuckets { // absurd date ranges: keep the latest part
		k0 = k1 - 10*maxBuckets + 1
	}
	buckets := make([]xinfang.Bucket, k1-k0+1)
	for i := range buckets {
		buckets[i].Start = bucketStart(interval, k0+int32(i))
	}
	add := func(d int32, n int) {
		if n == 0 || d < lo || d > hi {
			return
		}
		if k := bucketKey(interval, d); k >= k0 && k <= k1 {
			buckets[k-k0].Count += n
		}
	}
	if a.total > 0 {
		from, to := lo, hi
		if a.minDay > from {
			from = a.minDay
		}
		if a.maxDay < to {
			to = a.maxDay
		}
		for i, n := range a.days {
			d := a.baseDay + int32(i)
			if d >= from && d <= to {
				add(d, n)
			}
		}
		for d, n := range a.far {
			add(d, n)
		}
	}
	return xinfang.Histogram{Interval: interval, Buckets: buckets}
}
