package index

import (
	"container/heap"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/xinfang/xinfang"
)

// searchTimeout bounds one search, trend, cluster or risk request when
// the caller's context allows longer.
const searchTimeout = time.Second

// Search runs a faceted search. Facets count the documents that match the
// query and all filters, except that the facet of a field with a filter
// ignores that field's own filter (multi-select faceting): selecting a
// value, in place of the field's current selection, returns exactly its
// count. Values within one field are ORed, so for an unfiltered field this
// is plain drill-down.
func (s *Store) Search(ctx context.Context, req xinfang.SearchRequest) (xinfang.SearchResult, error) {
	start := time.Now()
	if req.Size < 0 || req.Size > xinfang.MaxSearchSize {
		return xinfang.SearchResult{}, xinfang.FieldError("size", "must be between 0 and %d, not %d", xinfang.MaxSearchSize, req.Size)
	}
	sortBy := req.Sort
	if sortBy == "" {
		sortBy = xinfang.SortRelevance
	}
	switch sortBy {
	case xinfang.SortRelevance, xinfang.SortDate, xinfang.SortRisk:
	default:
		return xinfang.SearchResult{}, xinfang.FieldError("sort", "unknown value %q (want relevance, date or risk)", req.Sort)
	}
	switch req.Interval {
	case "", xinfang.IntervalDay, xinfang.IntervalWeek, xinfang.IntervalMonth:
	default:
		return xinfang.SearchResult{}, xinfang.FieldError("interval", "unknown value %q (want day, week or month)", req.Interval)
	}
	pq, err := parseQuery(req.Query)
	if err != nil {
		return xinfang.SearchResult{}, err
	}
	pq.noExpand = req.NoExpand
	ctx, cancel := context.WithTimeout(ctx, searchTimeout)
	defer cancel()

	st, release, workers, err := s.admit(ctx, pq)
	if err != nil {
		return xinfang.SearchResult{}, err
	}
	defer release()

	sn, plan, err := st.plan(pq, req.Filters, s)
	if err != nil {
		return xinfang.SearchResult{}, err
	}
	if sn != nil {
		defer sn.close()
	}
	if sortBy == xinfang.SortRelevance && !plan.scoring {
		sortBy = xinfang.SortDate
	}
	var cur *cursor
	if req.Cursor != "" {
		if cur, err = decodeCursor(req.Cursor, sortBy); err != nil {
			return xinfang.SearchResult{}, err
		}
	}
	aggs := make([]*agg, workers)
	tops := make([]*topK, workers)
	err = st.scanPar(ctx, sn, plan, sortBy == xinfang.SortRelevance, workers, func(w int) func(uint32, *row, float64, int) {
		a := st.newAgg(plan.pred.now)
		top := &topK{st: st, sortBy: sortBy, k: req.Size, after: cur}
		aggs[w], tops[w] = a, top
		return func(o uint32, r *row, score float64, miss int) {
			if miss != evalMatch {
				a.facet(miss, r)
				return
			}
			a.add(r)
			top.offer(o, r, score)
		}
	})
	if err != nil {
		return xinfang.SearchResult{}, err
	}
	a, top := aggs[0], tops[0]
	for w := 1; w < workers; w++ {
		a.merge(aggs[w])
		top.merge(tops[w])
	}
	res := xinfang.SearchResult{
		Total:      uint64(a.total),
		People:     uint64(a.people),
		Hits:       []xinfang.Hit{},
		Facets:     st.facets(a, s.opts.CategoryLabel),
		Histogram:  a.histogram(&plan.pred, req.Interval),
		Expansions: plan.expansions,
	}
	ranked := top.sorted()
	for _, c := range ranked {
		h, err := st.hit(c.ord, plan, s)
		if xinfang.ErrorCode(err) == xinfang.ENOTFOUND {
			continue // deleted while the search ran
		}
		if err != nil {
			return xinfang.SearchResult{}, err
		}
		res.Hits = append(res.Hits, h)
	}
	if top.afterCount > req.Size && len(ranked) > 0 {
		res.Cursor = top.cursorOf(ranked[len(ranked)-1])
	}
	if res.Total < suggestBelow && sn != nil && req.Cursor == "" {
		res.Suggestions = suggest(req.Query, pq, sn.reader)
	}
	res.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return res, nil
}

// plan opens a snapshot when the query needs Bleve and compiles the
// query and the filters. Caller holds st.mu.
func (st *state) plan(pq *parsedQuery, f xinfang.Filters, s *Store) (*snapshot, *compiled, error) {
	var sn *snapshot
	var err error
	if pq.hasText() {
		if sn, err = st.openSnapshot(); err != nil {
			return nil, nil, err
		}
	}
	var reader bindex.IndexReader
	if sn != nil {
		reader = sn.reader
	}
	var concepts *Concepts
	if !pq.noExpand {
		concepts = s.concepts.get()
	}
	plan, err := st.compile(pq, f, reader, s.seg, concepts, s.opts.CategoryLabel)
	if err != nil {
		if sn != nil {
			sn.close()
		}
		return nil, nil, err
	}
	plan.pred.now = s.now().Unix()
	if plan.text == nil && sn != nil {
		sn.close()
		sn = nil
	}
	return sn, plan, nil
}

// scan calls fn for every live document that matches plan, in one
// goroutine. Caller holds st.mu shared.
func (st *state) scan(ctx context.Context, sn *snapshot, plan *compiled, wantScore bool, fn func(ord uint32, r *row, score float64)) error {
	return st.scanPar(ctx, sn, plan, wantScore, 1, func(int) func(uint32, *row, float64, int) {
		return func(o uint32, r *row, score float64, miss int) {
			if miss == evalMatch {
				fn(o, r, score)
			}
		}
	})
}

// parallelMinRows is the index size from which a search uses several
// workers.
var parallelMinRows = 50000

// workers returns the number of goroutines a search uses.
func (st *state) workers() int {
	if len(st.rows) < parallelMinRows {
		return 1
	}
	return min(runtime.GOMAXPROCS(0), 4)
}

// scanPar splits the documents into workers ranges, each scanned by its
// own goroutine calling its own sink (made by sink(w) before any starts):
// for every live document that matches plan with miss evalMatch, and for
// every one that fails only one Filters field with miss that field's
// facet. Caller holds st.mu shared.
func (st *state) scanPar(ctx context.Context, sn *snapshot, plan *compiled, wantScore bool, workers int, sink func(w int) func(o uint32, r *row, score float64, miss int)) error {
	fns := make([]func(uint32, *row, float64, int), workers)
	for w := range fns {
		fns[w] = sink(w)
	}
	if plan.pred.none {
		return nil
	}
	errs := make([]error, workers)
	run := func(w int) {
		if plan.text == nil {
			n := len(st.rows)
			errs[w] = st.scanRows(ctx, plan, n*w/workers, n*(w+1)/workers, fns[w])
			return
		}
		n := sn.docs()
		errs[w] = st.scanText(ctx, sn, plan, wantScore, n*uint64(w)/uint64(workers), n*uint64(w+1)/uint64(workers), fns[w])
	}
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			run(w)
		}(w)
	}
	run(0)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// scanRows evaluates rows lo..hi-1.
func (st *state) scanRows(ctx context.Context, plan *compiled, lo, hi int, fn func(uint32, *row, float64, int)) error {
	for o := lo; o < hi; o++ {
		if o&0xffff == 0 && ctx.Err() != nil {
			return timeoutError(ctx)
		}
		r := &st.rows[o]
		if !r.alive {
			continue
		}
		if m := plan.pred.eval(r); m != evalReject {
			fn(uint32(o), r, 0, m)
		}
	}
	return nil
}

// scanText runs the Bleve query over the document numbers lo..hi-1 of sn.
func (st *state) scanText(ctx context.Context, sn *snapshot, plan *compiled, wantScore bool, lo, hi uint64, fn func(uint32, *row, float64, int)) error {
	if lo >= hi {
		return nil
	}
	opts := search.SearcherOptions{Score: "none"}
	if wantScore {
		opts.Score = ""
	}
	reader := sn.reader
	if plan.phrases {
		reader = &deadlineReader{IndexReader: sn.reader, ctx: ctx}
	}
	sr, err := plan.text.Searcher(ctx, reader, st.idx.Mapping(), opts)
	if err != nil {
		if ctx.Err() != nil {
			return timeoutError(ctx)
		}
		return fmt.Errorf("index: searcher: %w", err)
	}
	defer sr.Close()
	sctx := &search.SearchContext{
		DocumentMatchPool: search.NewDocumentMatchPool(sr.DocumentMatchPoolSize()+1, 0),
		IndexReader:       reader,
	}
	var dm *search.DocumentMatch
	if ctx.Err() != nil {
		return timeoutError(ctx)
	}
	if lo > 0 {
		dm, err = sr.Advance(sctx, bindex.NewIndexInternalID(nil, lo))
	} else {
		dm, err = sr.Next(sctx)
	}
	cur := 0
	for n := 1; ; n++ {
		if err != nil {
			if ctx.Err() != nil {
				return timeoutError(ctx)
			}
			return fmt.Errorf("index: search: %w", err)
		}
		if dm == nil || dm.IndexInternalID.Value() >= hi {
			return nil
		}
		o := sn.ord(dm.IndexInternalID, &cur)
		score := dm.Score
		sctx.DocumentMatchPool.Put(dm)
		if o != noOrd && int(o) < len(st.rows) {
			if r := &st.rows[o]; r.alive {
				if m := plan.pred.eval(r); m != evalReject {
					fn(o, r, score, m)
				}
			}
		}
		if n&0xfff == 0 && ctx.Err() != nil {
			return timeoutError(ctx)
		}
		dm, err = sr.Next(sctx)
	}
}

func timeoutError(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &xinfang.Error{Code: xinfang.EUNAVAILABLE, Message: "the search took too long; narrow the query or the filters", Err: ctx.Err()}
	}
	return &xinfang.Error{Code: xinfang.EUNAVAILABLE, Message: "the search was cancelled", Err: ctx.Err()}
}

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

func (st *state) newAgg(now int64) *agg {
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
func (st *state) facets(a *agg, catLabel func(string) string) map[string][]xinfang.FacetValue {
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

// cursor is the position after the last hit of a page.
type cursor struct {
	sortBy string
	key    float64 // score, seconds or risk score
	sec    int64   // date, for the risk order
	id     string
}

func (c *cursor) encode() string {
	s := c.sortBy + "\x00" + strconv.FormatFloat(c.key, 'g', -1, 64) + "\x00" + strconv.FormatInt(c.sec, 10) + "\x00" + c.id
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

func decodeCursor(s, sortBy string) (*cursor, error) {
	bad := xinfang.FieldError("cursor", "is not a cursor of this search; pass the cursor of the previous page unchanged")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, bad
	}
	parts := strings.SplitN(string(b), "\x00", 4)
	if len(parts) != 4 || parts[0] != sortBy {
		return nil, bad
	}
	key, err1 := strconv.ParseFloat(parts[1], 64)
	sec, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil || math.IsNaN(key) {
		return nil, bad
	}
	return &cursor{sortBy: sortBy, key: key, sec: sec, id: parts[3]}, nil
}

// cand is a ranked candidate hit.
type cand struct {
	ord uint32
	key float64
	sec int64
}

// topK keeps the best k candidates after the cursor.
type topK struct {
	st         *state
	sortBy     string
	k          int
	after      *cursor
	afterCount int
	h          []cand // worst first
}

// before reports whether a ranks before b.
func (t *topK) before(a, b cand) bool {
	if a.key != b.key {
		return a.key > b.key
	}
	if a.sec != b.sec {
		return a.sec > b.sec
	}
	return t.st.ids[a.ord] < t.st.ids[b.ord]
}

func (t *topK) Len() int           { return len(t.h) }
func (t *topK) Less(i, j int) bool { return t.before(t.h[j], t.h[i]) }
func (t *topK) Swap(i, j int)      { t.h[i], t.h[j] = t.h[j], t.h[i] }
func (t *topK) Push(x any)         { t.h = append(t.h, x.(cand)) }
func (t *topK) Pop() any {
	x := t.h[len(t.h)-1]
	t.h = t.h[:len(t.h)-1]
	return x
}

func (t *topK) candOf(o uint32, r *row, score float64) cand {
	switch t.sortBy {
	case xinfang.SortRelevance:
		return cand{ord: o, key: score, sec: r.sec}
	case xinfang.SortRisk:
		return cand{ord: o, key: float64(r.score), sec: r.sec}
	}
	return cand{ord: o, key: float64(r.sec)}
}

func (t *topK) offer(o uint32, r *row, score float64) {
	c := t.candOf(o, r, score)
	if t.after != nil {
		a := t.after
		if c.key != a.key {
			if c.key > a.key {
				return
			}
		} else if c.sec != a.sec {
			if c.sec > a.sec {
				return
			}
		} else if t.st.ids[o] <= a.id {
			return
		}
	}
	t.afterCount++
	t.insert(c)
}

// merge adds the candidates of u, a topK of the same request, to t.
func (t *topK) merge(u *topK) {
	t.afterCount += u.afterCount
	for _, c := range u.h {
		t.insert(c)
	}
}

func (t *topK) insert(c cand) {
	if t.k == 0 {
		return
	}
	if len(t.h) < t.k {
		heap.Push(t, c)
		return
	}
	if t.before(c, t.h[0]) {
		t.h[0] = c
		heap.Fix(t, 0)
	}
}

func (t *topK) sorted() []cand {
	out := append([]cand(nil), t.h...)
	sort.Slice(out, func(i, j int) bool { return t.before(out[i], out[j]) })
	return out
}

func (t *topK) cursorOf(c cand) string {
	return (&cursor{sortBy: t.sortBy, key: c.key, sec: c.sec, id: t.st.ids[c.ord]}).encode()
}

// hit builds one search hit with its snippet.
func (st *state) hit(o uint32, plan *compiled, s *Store) (xinfang.Hit, error) {
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

// effectiveRisk is the analysis risk raised by a recurring cluster.
// Caller holds st.mu.
func (st *state) effectiveRisk(o uint32, base xinfang.Risk) xinfang.Risk {
	r := &st.rows[o]
	out := xinfang.Risk{Level: base.Level, Score: base.Score, Reasons: append([]string{}, base.Reasons...)}
	if r.level != noValue {
		out.Level = levelCodes[r.level-1]
	}
	out.Score = int(r.score)
	if r.cluster >= 0 {
		if c := st.clusters.list[r.cluster]; c.step > 0 {
			out.Reasons = append(out.Reasons, recurReason(c.count))
		}
	}
	if r.repCount > 1 {
		out.Reasons = append(out.Reasons, repeatReason(r))
	}
	return out
}
