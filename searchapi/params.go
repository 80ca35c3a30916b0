package searchapi

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xinfang/xinfang"
)

// Limits of query parameters.
const (
	maxListValues  = 50   // values of one filter
	maxValueBytes  = 100  // bytes of one filter value
	maxCursorBytes = 2048 // bytes of a cursor
	maxMinCount    = 1_000_000
	defaultSize    = 20
	maxIDBytes     = 200 // as in xinfang.Record.Validate
)

// shanghai is the time zone of dates given without one.
var shanghai = xinfang.ChinaTime

// headcountBuckets are the ranges of the headcount filter.
var headcountBuckets = xinfang.HeadcountBuckets

// singleParams may be given once only.
var singleParams = map[string]bool{
	"q": true, "sort": true, "size": true, "cursor": true, "interval": true, "expand": true,
	"from": true, "to": true, "by": true, "cluster": true, "min_count": true, "identity": true, "week": true,
}

// checkParams rejects a malformed or oversized query string, parameters the
// route does not know and single-valued parameters given twice, so that the
// handlers only read values that passed here.
func (s *Server) checkParams(allowed []string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := checkQuery(r.URL.RawQuery, allowed); err != nil {
			s.writeError(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func checkQuery(raw string, allowed []string) error {
	if len(raw) > maxRawQueryBytes {
		return xinfang.FieldError("query string", "is %d bytes, more than the limit of %d", len(raw), maxRawQueryBytes)
	}
	v, err := url.ParseQuery(raw)
	if err != nil {
		return xinfang.FieldError("query string", "is malformed: %v", err)
	}
	names := make([]string, 0, len(v))
	for name := range v {
		names = append(names, name)
	}
	slices.Sort(names) // report the same parameter first every time
	for _, name := range names {
		if !slices.Contains(allowed, name) {
			if len(allowed) == 0 {
				return xinfang.FieldError(truncate(name), "unknown parameter: this route takes no query parameters")
			}
			return xinfang.FieldError(truncate(name), "unknown parameter (want one of %s)", strings.Join(allowed, ", "))
		}
		if singleParams[name] && len(v[name]) > 1 {
			return xinfang.FieldError(name, "is given %d times, want at most once", len(v[name]))
		}
		for _, val := range v[name] {
			if !utf8.ValidString(val) {
				return xinfang.FieldError(name, "is not valid UTF-8")
			}
		}
	}
	return nil
}

// truncate shortens a user-given name for an error message.
func truncate(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if len(s) <= 40 {
		return s
	}
	cut := 40
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// list returns the values of a repeatable, comma-separated parameter,
// trimmed, without empties and duplicates.
func list(v url.Values, name string) ([]string, error) {
	var out []string
	for _, raw := range v[name] {
		for _, item := range strings.Split(raw, ",") {
			item = strings.TrimSpace(item)
			if item == "" || slices.Contains(out, item) {
				continue
			}
			if len(item) > maxValueBytes {
				return nil, xinfang.FieldError(name, "value of %d bytes is longer than %d", len(item), maxValueBytes)
			}
			if len(out) == maxListValues {
				return nil, xinfang.FieldError(name, "has more than %d values", maxListValues)
			}
			out = append(out, item)
		}
	}
	return out, nil
}

// enum checks that every value is one of want.
func enum(name string, values, want []string) error {
	for _, val := range values {
		if !slices.Contains(want, val) {
			return xinfang.FieldError(name, "unknown value %q (want %s)", truncate(val), strings.Join(want, ", "))
		}
	}
	return nil
}

func parseFilters(v url.Values, an Analyzer) (xinfang.Filters, error) {
	var f xinfang.Filters
	var err error
	fields := []struct {
		name string
		dst  *[]string
		want []string
	}{
		{"category", &f.Category, nil},
		{"city", &f.City, nil},
		{"county", &f.County, nil},
		{"kind", &f.Kind, []string{xinfang.KindPetition, xinfang.KindBulletin}},
		{"channel", &f.Channel, strs(xinfang.Channels)},
		{"status", &f.Status, strs(xinfang.Statuses)},
		{"risk_level", &f.RiskLevel, xinfang.RiskLevels},
		{"headcount", &f.Headcount, headcountBuckets},
		{"overdue", &f.Overdue, []string{"true", "false", xinfang.DeadlineAcceptance, xinfang.DeadlineHandling}},
		{"repeat", &f.Repeat, []string{"true", "false"}},
		{"joint", &f.Joint, []string{"true", "false"}},
	}
	for _, fd := range fields {
		if *fd.dst, err = list(v, fd.name); err != nil {
			return f, err
		}
		if fd.name == "headcount" {
			// "30+" arrives as "30 " when the + is not escaped.
			for i, h := range f.Headcount {
				if h == "30" {
					f.Headcount[i] = "30+"
				}
			}
		}
		if fd.want != nil {
			if err := enum(fd.name, *fd.dst, fd.want); err != nil {
				return f, err
			}
		}
	}
	for _, c := range f.Category {
		if an.CategoryLabel(c) == c {
			return f, xinfang.FieldError("category", "unknown category code %q", truncate(c))
		}
	}
	if f.From, err = parseTime(v, "from", false); err != nil {
		return f, err
	}
	if f.To, err = parseTime(v, "to", true); err != nil {
		return f, err
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return f, xinfang.FieldError("to", "must be after from")
	}
	if f.Cluster = strings.TrimSpace(v.Get("cluster")); f.Cluster != "" && !clusterKey.MatchString(f.Cluster) {
		return f, xinfang.FieldError("cluster", "%q is not a cluster key (a key of GET /api/v1/clusters, such as k0123456789abcdef)", truncate(f.Cluster))
	}
	return f, nil
}

// clusterKey is the form of the keys of GET /api/v1/clusters.
var clusterKey = regexp.MustCompile(`^[kd][0-9a-f]{16}$`)

func strs[T ~string](in []T) []string {
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = string(v)
	}
	return out
}

// parseTime reads a date (2006-01-02, in Asia/Shanghai) or an RFC 3339
// time. A date given as the exclusive end of a range means the end of that
// day, so that to=2024-04-30 includes the 30th.
func parseTime(v url.Values, name string, end bool) (time.Time, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, shanghai); err == nil {
		if end {
			t = t.AddDate(0, 0, 1)
		}
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, xinfang.FieldError(name, "%q is not a date (want 2006-01-02 or RFC 3339 like 2006-01-02T15:04:05+08:00)", truncate(s))
	}
	if t.Year() < 1900 || t.Year() > 2999 {
		return time.Time{}, xinfang.FieldError(name, "year %d is out of range", t.Year())
	}
	return t, nil
}

// parseInt reads an integer parameter in [lo, hi], def when absent.
func parseInt(v url.Values, name string, lo, hi, def int) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, xinfang.FieldError(name, "%q is not a whole number", truncate(s))
	}
	if n < lo || n > hi {
		return 0, xinfang.FieldError(name, "%d is out of range (want %d to %d)", n, lo, hi)
	}
	return n, nil
}

// oneOf reads a parameter that must be one of want; "" when absent.
func oneOf(v url.Values, name string, want []string) (string, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return "", nil
	}
	if !slices.Contains(want, s) {
		return "", xinfang.FieldError(name, "unknown value %q (want %s)", truncate(s), strings.Join(want, ", "))
	}
	return s, nil
}

func parseQueryText(v url.Values) (string, error) {
	q := strings.TrimSpace(v.Get("q"))
	if len(q) > MaxQueryBytes {
		return "", xinfang.FieldError("q", "is %d bytes, more than the limit of %d", len(q), MaxQueryBytes)
	}
	return q, nil
}

var intervals = []string{xinfang.IntervalDay, xinfang.IntervalWeek, xinfang.IntervalMonth}

func parseSearch(v url.Values, an Analyzer) (xinfang.SearchRequest, error) {
	var req xinfang.SearchRequest
	var err error
	if req.Query, err = parseQueryText(v); err != nil {
		return req, err
	}
	if req.Filters, err = parseFilters(v, an); err != nil {
		return req, err
	}
	if req.Sort, err = oneOf(v, "sort", []string{xinfang.SortRelevance, xinfang.SortDate, xinfang.SortRisk}); err != nil {
		return req, err
	}
	if req.Size, err = parseInt(v, "size", 0, xinfang.MaxSearchSize, defaultSize); err != nil {
		return req, err
	}
	if req.Interval, err = oneOf(v, "interval", intervals); err != nil {
		return req, err
	}
	req.Cursor = strings.TrimSpace(v.Get("cursor"))
	if len(req.Cursor) > maxCursorBytes {
		return req, xinfang.FieldError("cursor", "is not a cursor of this API (too long)")
	}
	req.NoExpand, err = parseNoExpand(v)
	return req, err
}

// parseNoExpand reads expand=true|false (absent: true) of the routes that
// take a query: true when the words are to be searched as written.
func parseNoExpand(v url.Values) (bool, error) {
	expand, err := oneOf(v, "expand", []string{"true", "false"})
	return expand == "false", err
}

func parseTrends(v url.Values, an Analyzer) (xinfang.TrendRequest, error) {
	var req xinfang.TrendRequest
	var err error
	if req.Query, err = parseQueryText(v); err != nil {
		return req, err
	}
	if req.Filters, err = parseFilters(v, an); err != nil {
		return req, err
	}
	if req.By, err = oneOf(v, "by", []string{"category", "city"}); err != nil {
		return req, err
	}
	if req.By == "" {
		req.By = "category"
	}
	if req.Interval, err = oneOf(v, "interval", intervals); err != nil {
		return req, err
	}
	if req.Interval == "" {
		req.Interval = xinfang.IntervalWeek
	}
	if req.NoExpand, err = parseNoExpand(v); err != nil {
		return req, err
	}
	return req, nil
}

func parseClusters(v url.Values, an Analyzer) (xinfang.ClusterRequest, error) {
	var req xinfang.ClusterRequest
	var err error
	if req.Query, err = parseQueryText(v); err != nil {
		return req, err
	}
	if req.Filters, err = parseFilters(v, an); err != nil {
		return req, err
	}
	if req.MinCount, err = parseInt(v, "min_count", 1, maxMinCount, 2); err != nil {
		return req, err
	}
	if req.Size, err = parseInt(v, "size", 1, xinfang.MaxSearchSize, defaultSize); err != nil {
		return req, err
	}
	if req.NoExpand, err = parseNoExpand(v); err != nil {
		return req, err
	}
	return req, nil
}

func parseHandling(v url.Values, an Analyzer) (xinfang.HandlingRequest, error) {
	var req xinfang.HandlingRequest
	var err error
	if req.Query, err = parseQueryText(v); err != nil {
		return req, err
	}
	if req.Filters, err = parseFilters(v, an); err != nil {
		return req, err
	}
	if req.By, err = oneOf(v, "by", xinfang.HandlingBy); err != nil {
		return req, err
	}
	if req.By == "" {
		req.By = "city"
	}
	if req.Size, err = parseInt(v, "size", 1, xinfang.MaxSearchSize, defaultSize); err != nil {
		return req, err
	}
	if req.NoExpand, err = parseNoExpand(v); err != nil {
		return req, err
	}
	return req, nil
}

func parseRisks(v url.Values, an Analyzer) (xinfang.RiskRequest, error) {
	var req xinfang.RiskRequest
	var err error
	if req.Filters, err = parseFilters(v, an); err != nil {
		return req, err
	}
	if req.Size, err = parseInt(v, "size", 1, xinfang.MaxSearchSize, defaultSize); err != nil {
		return req, err
	}
	return req, nil
}
