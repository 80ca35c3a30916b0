package crawl

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xinfang/xinfang"
)

// cst is China Standard Time. Chinese pages give local times without a zone;
// bulletins carry them as +08:00.
var cst = xinfang.ChinaTime

// dateRe matches the date forms of Chinese portals: 2023-07-03 07:59:36,
// 2023/7/3, 2023.07.03, 2023年07月03日 07:59, 2023年7月3日7时59分.
var dateRe = regexp.MustCompile(`((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(?:T\s*)?(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?`)

// findDate returns the first valid date in s, in CST.
func findDate(s string) (time.Time, bool) {
	for _, m := range dateRe.FindAllStringSubmatch(s, -1) {
		if t, ok := dateFromMatch(m); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

func dateFromMatch(m []string) (time.Time, bool) {
	num := func(s string) int {
		n, _ := strconv.Atoi(s)
		return n
	}
	y, mo, d := num(m[1]), num(m[2]), num(m[3])
	hh, mm, ss := num(m[4]), num(m[5]), num(m[6])
	if mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 59 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, hh, mm, ss, 0, cst)
	if t.Day() != d { // 2月30日 and the like
		return time.Time{}, false
	}
	return t, true
}

// parseTimeAttr parses a machine-readable time (a datetime attribute or a
// meta tag): RFC 3339 with a zone, else a local Chinese date form.
func parseTimeAttr(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.In(cst), true
		}
	}
	return findDate(s)
}
