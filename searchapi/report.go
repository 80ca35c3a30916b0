package searchapi

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"time"

	"github.com/xinfang/xinfang"
)

// The weekly briefing (信访形势周报): one printable Chinese HTML page built
// from the same index calls as the API routes (search counts, trends,
// clusters, risks, handling), so that its numbers are the API's. Personal
// data is masked as in every response.

//go:embed report_weekly.html
var weeklyTemplateText string

var weeklyTemplate = template.Must(template.New("weekly").Funcs(template.FuncMap{
	"int":    func(n int) string { return fmtInt(n) },
	"change": change,
	"date":   func(t time.Time) string { return t.In(shanghai).Format("1月2日") },
	"ymd":    func(t time.Time) string { return t.In(shanghai).Format("2006-01-02") },
	"days":   func(p *float64) string { return fmtDays(p) },
	"add":    func(a, b int) int { return a + b },
}).Parse(weeklyTemplateText))

// weekRE is an ISO 8601 week: 2024-W27.
var weekRE = regexp.MustCompile(`^(\d{4})-W(\d{2})$`)

// ParseWeek returns the Monday 00:00 (Asia/Shanghai) that starts the ISO
// week s ("2024-W27"); an EINVALID error names the field week.
func ParseWeek(s string) (time.Time, error) {
	m := weekRE.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, xinfang.FieldError("week", "%q is not an ISO week (want 2024-W27)", truncate(s))
	}
	year, _ := strconv.Atoi(m[1])
	w, _ := strconv.Atoi(m[2])
	if year < 1900 || year > 2999 {
		return time.Time{}, xinfang.FieldError("week", "year %d is out of range", year)
	}
	// 4 January is always in week 1.
	jan4 := time.Date(year, 1, 4, 0, 0, 0, 0, shanghai)
	monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+(w-1)*7)
	if y, wk := monday.ISOWeek(); w < 1 || y != year || wk != w {
		return time.Time{}, xinfang.FieldError("week", "%s has no week %d", m[1], w)
	}
	return monday, nil
}

// weekName formats the ISO week of t.
func weekName(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w)
}

// weeklyPeriod holds the counts of one week.
type weeklyPeriod struct {
	Name        string
	From, To    time.Time
	Known       bool // false when the week does not exist (W53 of a year without one)
	Records     int  // 件次
	People      int  // 人次
	Joint       int
	Repeat      int
	HighRisk    int
	categories  map[string]int
	cities      map[string]int
	dayCounts   []xinfang.Bucket
	categoryLab map[string]string
}

// weeklyRow is a category or 盟市 with this week's and last week's counts.
type weeklyRow struct {
	Key, Label  string
	Count, Prev int
	Bar         int // width in the chart, 0..100
}

// weeklyBar is one day of the daily chart.
type weeklyBar struct {
	X, Y, H int
	Label   string
	Count   int
}

// weeklySpike is a series whose week is a spike.
type weeklySpike struct {
	By, Label string
	Count     int
	Baseline  float64
}

// WeeklyData is everything the briefing shows.
type WeeklyData struct {
	Week, Generated  string
	This, Prev, Year weeklyPeriod
	Categories       []weeklyRow
	Cities           []weeklyRow
	Days             []weeklyBar
	DayMax           int
	Spikes           []weeklySpike
	NewClusters      []xinfang.Cluster
	GrowingClusters  []xinfang.Cluster
	HighRisk         []xinfang.Hit
	Overdue          []xinfang.HandlingGroup
	OverdueTotal     int
	OverdueAsOf      string
	// Labels holds the Chinese labels of the clusters' categories.
	Labels map[string]string
}

// weeklySize bounds each list of the briefing.
const weeklySize = 8

// WeeklyReport builds the briefing of ISO week week from idx and renders
// it as HTML. label gives the Chinese label of a category code.
func WeeklyReport(ctx context.Context, idx Index, label func(string) string, week string, now time.Time) ([]byte, error) {
	start, err := ParseWeek(week)
	if err != nil {
		return nil, err
	}
	d := WeeklyData{Week: weekName(start), Generated: now.In(shanghai).Format("2006-01-02 15:04"), Labels: map[string]string{}}
	period := func(from time.Time) (weeklyPeriod, error) {
		p := weeklyPeriod{Name: weekName(from), From: from, To: from.AddDate(0, 0, 7), Known: true}
		res, err := idx.Search(ctx, xinfang.SearchRequest{Filters: weekFilters(from), Interval: xinfang.IntervalDay})
		if err != nil {
			return p, err
		}
		p.Records, p.People = int(res.Total), int(res.People)
		p.Joint = facetCount(res.Facets, "joint", "true")
		p.Repeat = facetCount(res.Facets, "repeat", "true")
		p.HighRisk = facetCount(res.Facets, "risk_level", xinfang.RiskHigh)
		p.categories, p.cities, p.categoryLab = map[string]int{}, map[string]int{}, map[string]string{}
		for _, v := range res.Facets["category"] {
			p.categories[v.Value] = v.Count
			p.categoryLab[v.Value] = v.Label
		}
		for _, v := range res.Facets["city"] {
			p.cities[v.Value] = v.Count
		}
		p.dayCounts = res.Histogram.Buckets
		return p, nil
	}
	if d.This, err = period(start); err != nil {
		return nil, err
	}
	if d.Prev, err = period(start.AddDate(0, 0, -7)); err != nil {
		return nil, err
	}
	y, w := start.ISOWeek()
	if ly, err := ParseWeek(fmt.Sprintf("%d-W%02d", y-1, w)); err == nil {
		if d.Year, err = period(ly); err != nil {
			return nil, err
		}
	} else {
		d.Year = weeklyPeriod{Name: fmt.Sprintf("%d-W%02d", y-1, w)}
	}
	d.Categories = topRows(d.This.categories, d.Prev.categories, func(k string) string {
		if l := d.This.categoryLab[k]; l != "" {
			return l
		}
		return label(k)
	})
	d.Cities = topRows(d.This.cities, d.Prev.cities, func(k string) string { return k })
	d.Days, d.DayMax = dayBars(start, d.This.dayCounts)

	if d.Spikes, err = weeklySpikes(ctx, idx, start, d.This.To); err != nil {
		return nil, err
	}
	cs, err := idx.Clusters(ctx, xinfang.ClusterRequest{Filters: weekFilters(start), MinCount: 2, Size: 50})
	if err != nil {
		return nil, err
	}
	for _, c := range maskClusters(cs) {
		d.Labels[c.Category] = label(c.Category)
		switch {
		case !c.FirstSeen.Before(start):
			if len(d.NewClusters) < weeklySize {
				d.NewClusters = append(d.NewClusters, c)
			}
		case len(d.GrowingClusters) < weeklySize:
			d.GrowingClusters = append(d.GrowingClusters, c)
		}
	}
	f := weekFilters(start)
	f.RiskLevel = []string{xinfang.RiskHigh}
	board, err := idx.Risks(ctx, xinfang.RiskRequest{Filters: f, Size: weeklySize})
	if err != nil {
		return nil, err
	}
	d.HighRisk = maskHits(board.Records)
	h, err := idx.Handling(ctx, xinfang.HandlingRequest{By: "county", Filters: xinfang.Filters{Kind: []string{xinfang.KindPetition}, To: d.This.To}, Size: 100})
	if err != nil {
		return nil, err
	}
	h = maskHandling(h)
	d.OverdueTotal = h.Overall.Overdue
	d.OverdueAsOf = h.AsOf.In(shanghai).Format("2006-01-02 15:04")
	for _, g := range h.Groups {
		if g.Overdue > 0 {
			d.Overdue = append(d.Overdue, g)
		}
	}
	// Most overdue first; the petitions of no known 旗县 last.
	sort.SliceStable(d.Overdue, func(i, j int) bool {
		a, b := &d.Overdue[i], &d.Overdue[j]
		if (a.Key == "") != (b.Key == "") {
			return b.Key == ""
		}
		return a.Overdue > b.Overdue
	})
	if len(d.Overdue) > 2*weeklySize {
		d.Overdue = d.Overdue[:2*weeklySize]
	}
	var buf bytes.Buffer
	if err := weeklyTemplate.Execute(&buf, &d); err != nil {
		return nil, fmt.Errorf("searchapi: weekly report: %w", err)
	}
	return buf.Bytes(), nil
}

// weeklySpikes returns the categories and 盟市 whose petitions spike in
// the week from start (to is its end). The trends ask for the
// xinfang.TrendIntervals weeks that end with it, as a trend without From
// shows when the week has petitions (the same series, totals and
// baselines), and so count only those weeks and their baseline, not
// every week since the first petition.
func weeklySpikes(ctx context.Context, idx Index, start, to time.Time) ([]weeklySpike, error) {
	var out []weeklySpike
	for _, by := range []string{"category", "city"} {
		f := xinfang.Filters{Kind: []string{xinfang.KindPetition}, From: start.AddDate(0, 0, -7*(xinfang.TrendIntervals-1)), To: to}
		tr, err := idx.Trends(ctx, xinfang.TrendRequest{By: by, Interval: xinfang.IntervalWeek, Filters: f})
		if err != nil {
			return nil, err
		}
		for _, s := range tr.Series {
			if n := len(s.Buckets); n > 0 && s.Buckets[n-1].Spike && s.Buckets[n-1].Start.Equal(start) {
				out = append(out, weeklySpike{By: map[string]string{"category": "类别", "city": "盟市"}[by], Label: s.Label, Count: s.Buckets[n-1].Count, Baseline: s.Buckets[n-1].Baseline})
			}
		}
	}
	return out, nil
}

// weekFilters selects the petitions received in the week from start.
func weekFilters(start time.Time) xinfang.Filters {
	return xinfang.Filters{Kind: []string{xinfang.KindPetition}, From: start, To: start.AddDate(0, 0, 7)}
}

func facetCount(f map[string][]xinfang.FacetValue, key, value string) int {
	for _, v := range f[key] {
		if v.Value == value {
			return v.Count
		}
	}
	return 0
}

// topRows returns the largest counts of this week with last week's.
func topRows(this, prev map[string]int, label func(string) string) []weeklyRow {
	var rows []weeklyRow
	for k, n := range this {
		if k != "" && n > 0 {
			rows = append(rows, weeklyRow{Key: k, Label: label(k), Count: n, Prev: prev[k]})
		}
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Count != rows[j].Count {
			return rows[i].Count > rows[j].Count
		}
		return rows[i].Key < rows[j].Key
	})
	if len(rows) > weeklySize {
		rows = rows[:weeklySize]
	}
	top := 1
	for _, r := range rows {
		top = max(top, r.Count, r.Prev)
	}
	for i := range rows {
		rows[i].Bar = rows[i].Count * 100 / top
	}
	return rows
}

// dayBars lays out the seven days of the week as bars of a 420×120 chart.
func dayBars(start time.Time, buckets []xinfang.Bucket) ([]weeklyBar, int) {
	counts := make([]int, 7)
	for _, b := range buckets {
		if i := int(b.Start.Sub(start).Hours() / 24); i >= 0 && i < 7 {
			counts[i] += b.Count
		}
	}
	top := 1
	for _, n := range counts {
		top = max(top, n)
	}
	names := []string{"周一", "周二", "周三", "周四", "周五", "周六", "周日"}
	bars := make([]weeklyBar, 7)
	for i, n := range counts {
		hgt := n * 90 / top
		bars[i] = weeklyBar{X: 20 + i*57, Y: 100 - hgt, H: hgt, Label: names[i] + start.AddDate(0, 0, i).Format("(1/2)"), Count: n}
	}
	return bars, top
}

// change describes n against before: "+3（+25%）", "−1（−10%）", "持平",
// "+2（原为0）".
func change(n, before int) string {
	switch {
	case n == before:
		return "持平"
	case before == 0:
		return fmt.Sprintf("+%s（原为0）", fmtInt(n))
	}
	pct := math.Round(float64(n-before) / float64(before) * 100)
	sign := "+"
	if n < before {
		sign = "−"
	}
	return fmt.Sprintf("%s%s（%s%.0f%%）", sign, fmtInt(abs(n-before)), sign, math.Abs(pct))
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func fmtInt(n int) string {
	s := strconv.Itoa(abs(n))
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if n < 0 {
		return "-" + s
	}
	return s
}

func fmtDays(p *float64) string {
	if p == nil {
		return "—"
	}
	return strconv.FormatFloat(*p, 'f', 1, 64)
}

// reportCSP keeps the briefing to itself: its own inline styles and SVG,
// nothing loaded, nothing run.
const reportCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

func (s *Server) handleWeeklyReport(w http.ResponseWriter, r *http.Request) {
	week := r.URL.Query().Get("week")
	if week == "" {
		s.writeError(w, r, xinfang.FieldError("week", "is required (an ISO week like 2024-W27)"))
		return
	}
	body, err := WeeklyReport(r.Context(), s.cfg.Index, s.cfg.Analyzer.CategoryLabel, week, time.Now())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", reportCSP)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(body)
}
