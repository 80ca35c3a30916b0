// Package searchapitest provides an in-memory fake of the index that
// searchapi.Server calls, for tests of the HTTP layer and of its clients.
//
// The fake is deliberately naive (substring matching, no scoring) and
// deliberately careless: it returns titles, snippets and records exactly as
// stored, personal data included, so that tests prove the server masks at
// the edge.
package searchapitest

import (
	"cmp"
	"context"
	"encoding/base64"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xinfang/xinfang"
)

// Index is an in-memory fake of searchapi.Index. The zero value is empty
// and ready; it is safe for concurrent use.
type Index struct {
	// Hook, when set, runs at the start of every call with the operation's
	// name (search, get, trends, clusters, risks); a non-nil error is
	// returned from the call. Tests use it to inject errors, delays and
	// panics.
	Hook func(ctx context.Context, op string) error

	mu   sync.Mutex
	docs map[string]xinfang.Document
}

// New returns a fake holding docs.
func New(docs ...xinfang.Document) *Index {
	f := &Index{}
	f.Add(docs...)
	return f
}

// Add stores docs, replacing those with the same id.
func (f *Index) Add(docs ...xinfang.Document) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.docs == nil {
		f.docs = map[string]xinfang.Document{}
	}
	for _, d := range docs {
		f.docs[d.ID] = d
	}
}

// Count returns the number of stored documents.
func (f *Index) Count() uint64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return uint64(len(f.docs))
}

func (f *Index) hook(ctx context.Context, op string) error {
	if f.Hook != nil {
		if err := f.Hook(ctx, op); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// sorted returns the documents matching q and filters, by id.
func (f *Index) match(q string, fl xinfang.Filters) []xinfang.Document {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []xinfang.Document
	terms := strings.Fields(strings.ToLower(q))
	for _, d := range f.docs {
		if matchFilters(&d, fl) && matchTerms(&d, terms) {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b xinfang.Document) int { return strings.Compare(a.ID, b.ID) })
	return out
}

func matchTerms(d *xinfang.Document, terms []string) bool {
	text := strings.ToLower(d.Title() + "\n" + d.Content())
	for _, t := range terms {
		if !strings.Contains(text, t) {
			return false
		}
	}
	return true
}

// values returns the document's values of one filter field.
func values(d *xinfang.Document, field string) []string {
	a := &d.Analysis
	switch field {
	case "category":
		return a.Categories
	case "city":
		if a.City != nil {
			return []string{*a.City}
		}
	case "county":
		if a.County != nil {
			return []string{*a.County}
		}
	case "kind":
		return []string{d.Kind}
	case "channel":
		if d.Record != nil && d.Record.Channel != "" {
			return []string{string(d.Record.Channel)}
		}
	case "status":
		if d.Record != nil && d.Record.Status != "" {
			return []string{string(d.Record.Status)}
		}
	case "risk_level":
		if a.Risk.Level != "" {
			return []string{a.Risk.Level}
		}
	case "headcount":
		if a.Headcount != nil {
			switch n := *a.Headcount; {
			case n <= 1:
				return []string{"1"}
			case n <= 4:
				return []string{"2-4"}
			case n <= 29:
				return []string{"5-29"}
			default:
				return []string{"30+"}
			}
		}
	}
	return nil
}

var facetFields = []string{"category", "city", "county", "kind", "channel", "status", "risk_level", "headcount"}

func matchFilters(d *xinfang.Document, f xinfang.Filters) bool {
	for _, c := range []struct {
		field string
		want  []string
	}{
		{"category", f.Category}, {"city", f.City}, {"county", f.County}, {"kind", f.Kind},
		{"channel", f.Channel}, {"status", f.Status}, {"risk_level", f.RiskLevel}, {"headcount", f.Headcount},
	} {
		if len(c.want) == 0 {
			continue
		}
		ok := false
		for _, v := range values(d, c.field) {
			if slices.Contains(c.want, v) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	t := d.Date()
	if !f.From.IsZero() && t.Before(f.From) {
		return false
	}
	if !f.To.IsZero() && !t.Before(f.To) {
		return false
	}
	return true
}

// cursor pages are offsets, base64-encoded behind a prefix so that a
// made-up cursor is rejected as the real index would reject it.
func encodeCursor(off int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("fake:" + strconv.Itoa(off)))
}

func decodeCursor(c string) (int, error) {
	if c == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	s, ok := strings.CutPrefix(string(b), "fake:")
	n, aerr := strconv.Atoi(s)
	if err != nil || !ok || aerr != nil || n < 0 {
		return 0, xinfang.FieldError("cursor", "is not a cursor of this index")
	}
	return n, nil
}

// Search implements searchapi.Index.
func (f *Index) Search(ctx context.Context, req xinfang.SearchRequest) (xinfang.SearchResult, error) {
	start := time.Now()
	if err := f.hook(ctx, "search"); err != nil {
		return xinfang.SearchResult{}, err
	}
	off, err := decodeCursor(req.Cursor)
	if err != nil {
		return xinfang.SearchResult{}, err
	}
	docs := f.match(req.Query, req.Filters)
	switch req.Sort {
	case xinfang.SortDate:
		slices.SortStableFunc(docs, func(a, b xinfang.Document) int { return b.Date().Compare(a.Date()) })
	case xinfang.SortRisk:
		slices.SortStableFunc(docs, func(a, b xinfang.Document) int { return cmp.Compare(b.Analysis.Risk.Score, a.Analysis.Risk.Score) })
	}
	res := xinfang.SearchResult{Total: uint64(len(docs)), Hits: []xinfang.Hit{}, Facets: facets(docs)}
	terms := strings.Fields(req.Query)
	for i := off; i < len(docs) && i < off+req.Size; i++ {
		res.Hits = append(res.Hits, hit(&docs[i], terms))
	}
	if req.Size > 0 && off+req.Size < len(docs) {
		res.Cursor = encodeCursor(off + req.Size)
	}
	interval := req.Interval
	if interval == "" {
		interval = xinfang.IntervalMonth
	}
	res.Histogram = histogram(docs, interval)
	res.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return res, nil
}

func hit(d *xinfang.Document, terms []string) xinfang.Hit {
	h := xinfang.Hit{
		ID: d.ID, Kind: d.Kind, Title: d.Title(), Date: d.Date(),
		Categories: d.Analysis.Categories, Risk: d.Analysis.Risk, Headcount: d.Analysis.Headcount,
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
	text := []rune(d.Content())
	if len(text) > 120 {
		text = text[:120]
	}
	snippet := html.EscapeString(string(text))
	for _, t := range terms {
		if et := html.EscapeString(t); et != "" {
			snippet = strings.ReplaceAll(snippet, et, "<mark>"+et+"</mark>")
		}
	}
	h.Snippet = snippet
	return h
}

func facets(docs []xinfang.Document) map[string][]xinfang.FacetValue {
	out := map[string][]xinfang.FacetValue{}
	for _, field := range facetFields {
		counts := map[string]int{}
		for i := range docs {
			for _, v := range values(&docs[i], field) {
				counts[v]++
			}
		}
		vals := []xinfang.FacetValue{}
		for v, n := range counts {
			vals = append(vals, xinfang.FacetValue{Value: v, Label: v, Count: n})
		}
		slices.SortFunc(vals, func(a, b xinfang.FacetValue) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Value, b.Value))
		})
		out[field] = vals
	}
	return out
}

var shanghai = xinfang.ChinaTime

func bucketStart(t time.Time, interval string) time.Time {
	t = t.In(shanghai)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, shanghai)
	switch interval {
	case xinfang.IntervalMonth:
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, shanghai)
	case xinfang.IntervalWeek:
		return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	}
	return day
}

func histogram(docs []xinfang.Document, interval string) xinfang.Histogram {
	counts := map[time.Time]int{}
	for i := range docs {
		counts[bucketStart(docs[i].Date(), interval)]++
	}
	h := xinfang.Histogram{Interval: interval, Buckets: []xinfang.Bucket{}}
	for t, n := range counts {
		h.Buckets = append(h.Buckets, xinfang.Bucket{Start: t, Count: n})
	}
	slices.SortFunc(h.Buckets, func(a, b xinfang.Bucket) int { return a.Start.Compare(b.Start) })
	return h
}

// Get implements searchapi.Index.
func (f *Index) Get(ctx context.Context, id string) (xinfang.Document, error) {
	if err := f.hook(ctx, "get"); err != nil {
		return xinfang.Document{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := f.docs[id]
	if !ok {
		return xinfang.Document{}, xinfang.Errorf(xinfang.ENOTFOUND, "no document %q", id)
	}
	return d, nil
}

// Trends implements searchapi.Index: plain counts, no spike detection.
func (f *Index) Trends(ctx context.Context, req xinfang.TrendRequest) (xinfang.TrendResult, error) {
	if err := f.hook(ctx, "trends"); err != nil {
		return xinfang.TrendResult{}, err
	}
	docs := f.match(req.Query, req.Filters)
	res := xinfang.TrendResult{By: req.By, Interval: req.Interval, Method: "fake: counts only, no spikes", Series: []xinfang.TrendSeries{}}
	by := map[string][]xinfang.Document{}
	for _, d := range docs {
		for _, k := range values(&d, req.By) {
			by[k] = append(by[k], d)
		}
	}
	for k, ds := range by {
		s := xinfang.TrendSeries{Key: k, Label: k, Total: len(ds), Buckets: []xinfang.TrendBucket{}}
		for _, b := range histogram(ds, req.Interval).Buckets {
			s.Buckets = append(s.Buckets, xinfang.TrendBucket{Start: b.Start, Count: b.Count})
		}
		res.Series = append(res.Series, s)
	}
	slices.SortFunc(res.Series, func(a, b xinfang.TrendSeries) int {
		return cmp.Or(cmp.Compare(b.Total, a.Total), strings.Compare(a.Key, b.Key))
	})
	return res, nil
}

// Clusters implements searchapi.Index: records grouped by category and
// respondent.
func (f *Index) Clusters(ctx context.Context, req xinfang.ClusterRequest) ([]xinfang.Cluster, error) {
	if err := f.hook(ctx, "clusters"); err != nil {
		return nil, err
	}
	return clusters(f.match(req.Query, req.Filters), req.MinCount, req.Size), nil
}

func clusters(docs []xinfang.Document, minCount, size int) []xinfang.Cluster {
	byKey := map[string]*xinfang.Cluster{}
	for _, d := range docs {
		if d.Record == nil || d.Record.Respondent == "" {
			continue
		}
		for _, c := range d.Analysis.Categories {
			key := fmt.Sprintf("%s|%s", c, d.Record.Respondent)
			cl := byKey[key]
			if cl == nil {
				cl = &xinfang.Cluster{Key: key, Category: c, Subject: d.Record.Respondent, FirstSeen: d.Date(), LastSeen: d.Date(), SampleIDs: []string{}}
				if d.Analysis.City != nil {
					cl.City = *d.Analysis.City
				}
				byKey[key] = cl
			}
			cl.Count++
			cl.Complainants++
			if d.Date().Before(cl.FirstSeen) {
				cl.FirstSeen = d.Date()
			}
			if d.Date().After(cl.LastSeen) {
				cl.LastSeen = d.Date()
			}
			if len(cl.SampleIDs) < 5 {
				cl.SampleIDs = append(cl.SampleIDs, d.ID)
			}
			if d.Analysis.Risk.Score > cl.Risk.Score {
				cl.Risk = d.Analysis.Risk
			}
		}
	}
	out := []xinfang.Cluster{}
	for _, c := range byKey {
		if c.Count >= minCount {
			out = append(out, *c)
		}
	}
	slices.SortFunc(out, func(a, b xinfang.Cluster) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Key, b.Key))
	})
	if size > 0 && len(out) > size {
		out = out[:size]
	}
	return out
}

// Risks implements searchapi.Index.
func (f *Index) Risks(ctx context.Context, req xinfang.RiskRequest) (xinfang.RiskBoard, error) {
	if err := f.hook(ctx, "risks"); err != nil {
		return xinfang.RiskBoard{}, err
	}
	docs := f.match("", req.Filters)
	slices.SortStableFunc(docs, func(a, b xinfang.Document) int { return cmp.Compare(b.Analysis.Risk.Score, a.Analysis.Risk.Score) })
	board := xinfang.RiskBoard{Records: []xinfang.Hit{}}
	for i := 0; i < len(docs) && i < req.Size; i++ {
		board.Records = append(board.Records, hit(&docs[i], nil))
	}
	board.Clusters = clusters(docs, 2, req.Size)
	return board, nil
}

// Handling implements searchapi.Index: the matching petitions per 盟市
// with their open and overdue counts (no percentiles).
func (f *Index) Handling(ctx context.Context, req xinfang.HandlingRequest) (xinfang.HandlingResult, error) {
	if err := f.hook(ctx, "handling"); err != nil {
		return xinfang.HandlingResult{}, err
	}
	now := time.Now()
	res := xinfang.HandlingResult{By: "city", AsOf: now, Overall: xinfang.HandlingGroup{Label: "全部"}, Groups: []xinfang.HandlingGroup{}}
	byCity := map[string]int{}
	for _, d := range f.match(req.Query, req.Filters) {
		if d.Record == nil {
			continue
		}
		city := ""
		if d.Analysis.City != nil {
			city = *d.Analysis.City
		}
		i, ok := byCity[city]
		if !ok {
			i = len(res.Groups)
			byCity[city] = i
			res.Groups = append(res.Groups, xinfang.HandlingGroup{Key: city, Label: city})
		}
		c := d.Record.CaseAt(now)
		for _, g := range []*xinfang.HandlingGroup{&res.Overall, &res.Groups[i]} {
			g.Records++
			g.People++
			if !c.Closed {
				g.Open++
			}
			if c.Overdue != "" {
				g.Overdue++
			}
		}
	}
	return res, nil
}

// Analyzer is a fake of searchapi.Analyzer that knows the four core
// categories. Like the fake index it is careless on purpose: it copies every
// whitespace-separated word of the content into Keywords, phone numbers
// included, so that tests prove POST /api/v1/analyze masks what it returns.
type Analyzer struct{}

var labels = map[string]string{
	xinfang.CategoryWageArrears:            "欠薪",
	xinfang.CategoryDemolitionCompensation: "征收拆迁补偿",
	xinfang.CategoryDelayedDelivery:        "延期交房",
	xinfang.CategoryNoise:                  "噪声扰民",
}

// CategoryLabel implements searchapi.Analyzer.
func (Analyzer) CategoryLabel(code string) string {
	if l, ok := labels[code]; ok {
		return l
	}
	return code
}

// AnalyzeKind implements searchapi.Analyzer.
func (Analyzer) AnalyzeKind(kind, id, title, content string) xinfang.Analysis {
	if kind == "" {
		kind = xinfang.KindPetition
	}
	a := xinfang.Analysis{
		ID: id, Kind: kind, Categories: []string{}, Evidence: map[string][]string{}, AmountsYuan: []float64{},
		Places: []xinfang.Place{}, Subjects: []string{}, Keywords: strings.Fields(content),
		Risk: xinfang.Risk{Level: xinfang.RiskLow, Reasons: []string{}},
	}
	if strings.Contains(content, "工资") {
		a.Categories = append(a.Categories, xinfang.CategoryWageArrears)
		a.Evidence[xinfang.CategoryWageArrears] = []string{"工资"}
	}
	return a
}
