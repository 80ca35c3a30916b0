package index

import (
	"context"
	"math"
	"math/bits"
	"sort"

	"github.com/xinfang/xinfang"
)

// Spike rule of Trends. An interval is a spike when its count is at least
// spikeMinCount, at least twice the mean of the trailing spikeWindow
// intervals, and more than that mean plus three standard deviations. The
// baseline needs spikeMinHistory trailing intervals that lie after the
// first document of the index; without them nothing is flagged.
const (
	spikeWindow     = 8
	spikeMinHistory = 4
	spikeMinCount   = 3
	// defaultTrendBuckets is the range shown when the request has no From.
	defaultTrendBuckets = xinfang.TrendIntervals
	// maxAutoBuckets bounds how far back a trend without From looks for
	// the latest matching document.
	maxAutoBuckets = 4000
)

// TrendMethod describes the spike rule in words (TrendResult.Method), and
// TrendMethodZh in Chinese for the dashboard.
const (
	TrendMethod = "spike: count >= 3, count >= 2 x baseline mean, and count > mean + 3 x standard deviation, " +
		"where the baseline is the trailing 8 intervals (at least 4 with data history required); " +
		"weeks start on Monday, dates in Asia/Shanghai"
	TrendMethodZh = "激增：本期件数不少于3件、不低于基线均值的2倍，且高于均值加3倍标准差；" +
		"基线为此前8个周期（至少4个周期有数据）；周从周一开始，日期按北京时间"
)

// Trends counts matching documents per category (or city) per interval and
// flags spikes against the trailing baseline. Without Filters.From it
// covers the last 12 intervals that end with the latest matching document
// (or Filters.To): a query whose records are all old still has a trend.
func (s *Store) Trends(ctx context.Context, req xinfang.TrendRequest) (xinfang.TrendResult, error) {
	by := req.By
	if by == "" {
		by = "category"
	}
	if by != "category" && by != "city" {
		return xinfang.TrendResult{}, xinfang.FieldError("by", "unknown value %q (want category or city)", req.By)
	}
	interval := req.Interval
	if interval == "" {
		interval = xinfang.IntervalWeek
	}
	switch interval {
	case xinfang.IntervalDay, xinfang.IntervalWeek, xinfang.IntervalMonth:
	default:
		return xinfang.TrendResult{}, xinfang.FieldError("interval", "unknown value %q (want day, week or month)", req.Interval)
	}
	pq, err := parseQuery(req.Query)
	if err != nil {
		return xinfang.TrendResult{}, err
	}
	pq.noExpand = req.NoExpand
	ctx, cancel := context.WithTimeout(ctx, s.opts.SearchTimeout)
	defer cancel()
	st, release, workers, err := s.admit(ctx, pq)
	if err != nil {
		return xinfang.TrendResult{}, err
	}
	defer release()

	out := xinfang.TrendResult{By: by, Interval: interval, Method: TrendMethod, MethodZh: TrendMethodZh, Series: []xinfang.TrendSeries{}}
	if st.live == 0 {
		return out, nil
	}
	endDay := st.maxDay
	if !req.Filters.To.IsZero() {
		endDay = dayOf(req.Filters.To.Unix() - 1)
	}
	k1 := bucketKey(interval, endDay)
	k0 := k1 - defaultTrendBuckets + 1
	if !req.Filters.From.IsZero() {
		k0 = bucketKey(interval, dayOf(req.Filters.From.Unix()))
	}
	if k1 < k0 {
		return out, nil
	}
	if n := k1 - k0 + 1; n > maxBuckets {
		return xinfang.TrendResult{}, xinfang.FieldError("interval", "the range holds %d intervals of a %s, more than %d; choose a coarser interval or a shorter range", n, interval, maxBuckets)
	}
	// Count from the start of the baseline of the first shown interval;
	// without From, from the first document (the window then ends with the
	// latest match), at most maxAutoBuckets intervals back.
	auto := req.Filters.From.IsZero()
	base := k0 - spikeWindow
	if auto {
		base = max(bucketKey(interval, st.minDay)-spikeWindow, k1-maxAutoBuckets)
	}
	f := req.Filters
	f.From = bucketStart(interval, base)
	if !req.Filters.From.IsZero() && req.Filters.From.Before(f.From) {
		f.From = req.Filters.From
	}
	sn, plan, err := st.plan(pq, f, s)
	if err != nil {
		return xinfang.TrendResult{}, err
	}
	if sn != nil {
		defer sn.close()
	}
	// With a filter on the series field, only the selected values get a
	// series: a record filed under two categories does not bring in the
	// other one.
	var catMask uint64 = ^uint64(0)
	if by == "category" && len(req.Filters.Category) > 0 {
		catMask = 0
		st.lookup(func() {
			for _, v := range req.Filters.Category {
				catMask |= st.catMask(v, s.opts.CategoryLabel)
			}
		})
	}
	width := int(k1 - base + 1)
	codes := maxCategories
	if by == "city" {
		codes = len(st.cities.values)
	}
	// The bucket of each day the index holds in the range, looked up by
	// day: month keys need a calendar conversion. Days outside the table
	// (none while st.minDay and st.maxDay bound the rows) are converted.
	d0 := max(st.minDay, dayOf(bucketStart(interval, base).Unix()))
	d1 := min(st.maxDay, dayOf(bucketStart(interval, k1+1).Unix())-1)
	var keys []int32
	if d0 <= d1 {
		keys = make([]int32, d1-d0+1)
		for d := range keys {
			keys[d] = bucketKey(interval, d0+int32(d))
		}
	}
	// Each worker counts into its own series, indexed by series code.
	type series struct {
		counts, people [][]int // series code → counts (人次) from base, nil when none
		last           int32
	}
	parts := make([]series, workers)
	err = st.scanPar(ctx, sn, plan, false, workers, func(w int) func(uint32, *row, float64, int) {
		p := &parts[w]
		p.counts, p.people, p.last = make([][]int, codes), make([][]int, codes), math.MinInt32
		inc := func(code int, k int32, r *row) {
			c := p.counts[code]
			if c == nil {
				c = make([]int, width)
				p.counts[code] = c
				p.people[code] = make([]int, width)
			}
			c[k-base]++
			p.people[code][k-base] += r.people()
		}
		return func(o uint32, r *row, _ float64, miss int) {
			if miss != evalMatch {
				return
			}
			var k int32
			if i := r.day - d0; i >= 0 && int(i) < len(keys) {
				k = keys[i]
			} else {
				k = bucketKey(interval, r.day)
			}
			if k < base || k > k1 {
				return
			}
			p.last = max(p.last, k)
			if by == "city" {
				if r.city != noValue {
					inc(int(r.city), k, r)
				}
				return
			}
			for c := r.cats & catMask; c != 0; c &= c - 1 {
				inc(bits.TrailingZeros64(c), k, r)
			}
		}
	})
	if err != nil {
		return xinfang.TrendResult{}, err
	}
	counts, people, last := parts[0].counts, parts[0].people, parts[0].last
	for _, p := range parts[1:] {
		last = max(last, p.last)
		for code, c := range p.counts {
			switch {
			case c == nil:
			case counts[code] == nil:
				counts[code], people[code] = c, p.people[code]
			default:
				for i := range c {
					counts[code][i] += c[i]
					people[code][i] += p.people[code][i]
				}
			}
		}
	}
	if auto {
		if last < base {
			return out, nil
		}
		k1 = last
		k0 = k1 - defaultTrendBuckets + 1
	}
	out.From, out.To = bucketStart(interval, k0), bucketStart(interval, k1+1)
	historyFrom := bucketKey(interval, st.minDay)
	for code, c := range counts {
		if c == nil {
			continue
		}
		var key, label string
		if by == "city" {
			key = st.cities.values[code]
			label = key
		} else {
			key = st.cats.values[code+1]
			label = s.opts.CategoryLabel(key)
		}
		ser := xinfang.TrendSeries{Key: key, Label: label, Buckets: make([]xinfang.TrendBucket, 0, k1-k0+1)}
		// Before base (the first document's baseline) every count is 0.
		at := func(k int32) int {
			if k < base {
				return 0
			}
			return c[k-base]
		}
		for k := k0; k <= k1; k++ {
			n, pn := at(k), 0
			if k >= base {
				pn = people[code][k-base]
			}
			ser.Total += n
			ser.People += pn
			b := xinfang.TrendBucket{Start: bucketStart(interval, k), Count: n, People: pn}
			var win []int
			for j := k - spikeWindow; j < k; j++ {
				if j >= historyFrom {
					win = append(win, at(j))
				}
			}
			mean, sd := meanSD(win)
			b.Baseline = math.Round(mean*100) / 100
			b.Spike = len(win) >= spikeMinHistory && isSpike(n, mean, sd)
			ser.Buckets = append(ser.Buckets, b)
		}
		if ser.Total == 0 {
			continue
		}
		ser.Spike = ser.Buckets[len(ser.Buckets)-1].Spike
		out.Series = append(out.Series, ser)
	}
	sort.Slice(out.Series, func(i, j int) bool {
		if out.Series[i].Total != out.Series[j].Total {
			return out.Series[i].Total > out.Series[j].Total
		}
		return out.Series[i].Key < out.Series[j].Key
	})
	return out, nil
}

func isSpike(n int, mean, sd float64) bool {
	x := float64(n)
	return n >= spikeMinCount && x >= 2*mean && x > mean+3*sd
}

func meanSD(xs []int) (float64, float64) {
	if len(xs) == 0 {
		return 0, 0
	}
	var sum float64
	for _, x := range xs {
		sum += float64(x)
	}
	mean := sum / float64(len(xs))
	var v float64
	for _, x := range xs {
		d := float64(x) - mean
		v += d * d
	}
	return mean, math.Sqrt(v / float64(len(xs)))
}
