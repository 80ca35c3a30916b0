package watch

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xinfang/xinfang"
)

// Limits of a watch.
const (
	maxNameRunes  = 100
	maxURLBytes   = 2048
	maxSecretLen  = 256
	maxRuleCount  = 1_000_000
	minWindow     = time.Minute
	maxWindow     = 366 * 24 * time.Hour
	defaultWindow = 24 * time.Hour
)

// cst is China Standard Time, in which windows and trend buckets are cut.
var cst = xinfang.ChinaTime

// windowOrigin aligns count windows: midnight of a Monday in China, so
// that a window of a day is a calendar day and one of 7d a week from
// Monday.
var windowOrigin = time.Date(1970, 1, 5, 0, 0, 0, 0, cst)

// validate checks a watch as given to Create and fills in the defaults of
// its rule.
func validate(w *xinfang.Watch) error {
	w.Name = strings.TrimSpace(w.Name)
	switch n := utf8.RuneCountInString(w.Name); {
	case n == 0:
		return xinfang.FieldError("name", "is required")
	case n > maxNameRunes:
		return xinfang.FieldError("name", "is %d characters, more than %d", n, maxNameRunes)
	}
	r := &w.Rule
	switch r.Type {
	case xinfang.RuleMatch:
		if r.Count != 0 || r.Window != "" || r.Interval != "" || r.By != "" {
			return xinfang.FieldError("rule", "a match rule takes no count, window, interval or by")
		}
	case xinfang.RuleCount:
		if err := checkCount(r.Count); err != nil {
			return err
		}
		if r.Window == "" {
			r.Window = "24h"
		}
		if _, err := parseWindow(r.Window); err != nil {
			return err
		}
		if r.Interval != "" || r.By != "" {
			return xinfang.FieldError("rule", "a count rule takes count and window only")
		}
	case xinfang.RuleSpike:
		if r.Count != 0 || r.Window != "" {
			return xinfang.FieldError("rule", "a spike rule takes interval and by only")
		}
		if r.Interval == "" {
			r.Interval = xinfang.IntervalDay
		}
		if r.By == "" {
			r.By = "category"
		}
		switch r.Interval {
		case xinfang.IntervalDay, xinfang.IntervalWeek, xinfang.IntervalMonth:
		default:
			return xinfang.FieldError("rule.interval", "unknown value %q (want day, week or month)", r.Interval)
		}
		if r.By != "category" && r.By != "city" {
			return xinfang.FieldError("rule.by", "unknown value %q (want category or city)", r.By)
		}
	case xinfang.RuleCluster:
		if err := checkCount(r.Count); err != nil {
			return err
		}
		if r.Window != "" || r.Interval != "" || r.By != "" {
			return xinfang.FieldError("rule", "a cluster rule takes count only")
		}
	case "":
		return xinfang.FieldError("rule.type", "is required (match, count, spike or cluster)")
	default:
		return xinfang.FieldError("rule.type", "unknown value %q (want match, count, spike or cluster)", r.Type)
	}
	if w.Webhook != nil {
		return checkWebhook(w.Webhook)
	}
	return nil
}

func checkCount(n int) error {
	if n < 1 || n > maxRuleCount {
		return xinfang.FieldError("rule.count", "must be between 1 and %d, not %d", maxRuleCount, n)
	}
	return nil
}

func checkWebhook(h *xinfang.Webhook) error {
	if len(h.URL) > maxURLBytes {
		return xinfang.FieldError("webhook.url", "is longer than %d bytes", maxURLBytes)
	}
	u, err := url.Parse(h.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return xinfang.FieldError("webhook.url", "must be an absolute http or https URL")
	}
	if u.User != nil {
		return xinfang.FieldError("webhook.url", "must not carry a user or password; the secret signs the body")
	}
	switch {
	case h.Secret == "":
		return xinfang.FieldError("webhook.secret", "is required: it signs each delivery (X-Xinfang-Signature)")
	case len(h.Secret) > maxSecretLen:
		return xinfang.FieldError("webhook.secret", "is longer than %d bytes", maxSecretLen)
	}
	return nil
}

// parseWindow reads a window: a Go duration (30m, 12h) or a number of
// days (7d).
func parseWindow(s string) (time.Duration, error) {
	var d time.Duration
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil {
			return 0, xinfang.FieldError("rule.window", "%q is not a duration (want e.g. 30m, 24h or 7d)", s)
		}
		d = time.Duration(days) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, xinfang.FieldError("rule.window", "%q is not a duration (want e.g. 30m, 24h or 7d)", s)
		}
	}
	if d < minWindow || d > maxWindow {
		return 0, xinfang.FieldError("rule.window", "must be between %s and %s, not %s", minWindow, "366d", s)
	}
	return d, nil
}

// window returns the count window [start, end) that holds t.
func window(t time.Time, d time.Duration) (time.Time, time.Time) {
	k := t.Sub(windowOrigin) / d
	if t.Before(windowOrigin.Add(k * d)) {
		k--
	}
	start := windowOrigin.Add(k * d).In(cst)
	return start, start.Add(d)
}

// bucket returns the trend interval [start, end) that holds t, as Trends
// cuts them: days in China, weeks from Monday, calendar months.
func bucket(t time.Time, interval string) (time.Time, time.Time) {
	t = t.In(cst)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, cst)
	switch interval {
	case xinfang.IntervalWeek:
		back := (int(day.Weekday()) + 6) % 7
		start := day.AddDate(0, 0, -back)
		return start, start.AddDate(0, 0, 7)
	case xinfang.IntervalMonth:
		start := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, cst)
		return start, start.AddDate(0, 1, 0)
	}
	return day, day.AddDate(0, 0, 1)
}

// addIntervals returns t plus n trend intervals.
func addIntervals(t time.Time, interval string, n int) time.Time {
	switch interval {
	case xinfang.IntervalWeek:
		return t.AddDate(0, 0, 7*n)
	case xinfang.IntervalMonth:
		return t.AddDate(0, n, 0)
	}
	return t.AddDate(0, 0, n)
}
