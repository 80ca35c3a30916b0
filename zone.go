package xinfang

import "time"

// ChinaTime is the time zone of dates given without one and of the office's
// calendar (days, weeks, deadlines). China has kept UTC+8 without daylight
// saving since 1991, so a fixed zone is exact and does not depend on the
// host's tzdata. Every package uses this one.
var ChinaTime = time.FixedZone("CST", 8*3600)

// HeadcountBuckets are the ranges of the head count filter and facet
// (Filters.Headcount), in order.
var HeadcountBuckets = []string{"1", "2-4", "5-29", "30+"}

// HeadcountBucket returns the 1-based index into HeadcountBuckets of a head
// count, 0 for none (n ≤ 0).
func HeadcountBucket(n int) int {
	switch {
	case n <= 0:
		return 0
	case n == 1:
		return 1
	case n <= 4:
		return 2
	case n <= 29:
		return 3
	}
	return 4
}

// CompanyForms are the legal-form endings of company names, longest first:
// the analyzer ends a respondent's name at one, and clustering drops it so
// that 某某建筑有限公司 and 某某建筑公司 name the same respondent.
var CompanyForms = []string{"股份有限公司", "有限责任公司", "有限公司", "公司", "集团"}
