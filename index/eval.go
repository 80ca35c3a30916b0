// Column predicates, the column engine's query evaluator. Filters and the
// field clauses of the query that the columns hold (category, city, county,
// kind, channel, status, risk_level, headcount) are evaluated on rows, never
// in Bleve.

package index

import (
	"strings"

	"github.com/xinfang/xinfang"
)

const (
	colCity = iota
	colCounty
	colKind
	colChannel
	colStatus
	colLevel
	colHCBucket
	colOverdue // at pred.now
	colRepeat
	colJoint
)

// Facet fields, in the order of agg counters. A condition that comes from
// xinfang.Filters carries its facet so that the facet of a filtered field
// can be counted without that field's own filter (multi-select faceting);
// conditions of the query string carry noFacet.
const (
	facCategory = iota
	facCity
	facCounty
	facKind
	facChannel
	facStatus
	facLevel
	facHeadcount
	facOverdue
	facRepeat
	facJoint
	noFacet = -1
)

type setCon struct {
	col   int
	allow []bool // by code
	neg   bool
	facet int
}

type catCon struct {
	mask  uint64
	neg   bool
	facet int
}

type rangeCon struct {
	lo, hi int32
	neg    bool
}

// pred is a conjunction of conditions on a row.
type pred struct {
	none           bool // nothing can match
	hasCluster     bool
	cluster        int32 // the row's cluster when hasCluster
	hasFrom, hasTo bool
	fromSec, toSec int64 // [from, to)
	now            int64 // unix seconds against which deadlines are checked
	sets           []setCon
	cats           []catCon
	ranges         []rangeCon
}

// Results of pred.eval besides a facet number.
const (
	evalReject = -2
	evalMatch  = -1
)

// match reports whether r meets every condition.
func (p *pred) match(r *row) bool { return p.eval(r) == evalMatch }

// eval returns evalMatch when r meets every condition, the facet of the
// one Filters field it fails when that is all it fails, else evalReject.
func (p *pred) eval(r *row) int {
	if p.hasFrom && r.sec < p.fromSec || p.hasTo && r.sec >= p.toSec {
		return evalReject
	}
	if p.hasCluster && r.cluster != p.cluster {
		return evalReject
	}
	miss := evalMatch
	fail := func(facet int) bool {
		if facet == noFacet || miss != evalMatch && miss != facet {
			return true
		}
		miss = facet
		return false
	}
	for i := range p.cats {
		c := &p.cats[i]
		if (r.cats&c.mask != 0) == c.neg && fail(c.facet) {
			return evalReject
		}
	}
	for i := range p.sets {
		c := &p.sets[i]
		var v int
		switch c.col {
		case colCity:
			v = int(r.city)
		case colCounty:
			v = int(r.county)
		case colKind:
			v = int(r.kind)
		case colChannel:
			v = int(r.channel)
		case colStatus:
			v = int(r.status)
		case colLevel:
			v = int(r.level)
		case colHCBucket:
			v = int(headcountBucket(r.hc))
		case colOverdue:
			v = int(r.overdueCode(p.now))
		case colRepeat:
			v = int(r.repeatCode())
		case colJoint:
			v = int(r.jointCode())
		}
		in := v < len(c.allow) && c.allow[v]
		if in == c.neg && fail(c.facet) {
			return evalReject
		}
	}
	for i := range p.ranges {
		c := &p.ranges[i]
		in := r.hc >= 0 && r.hc >= c.lo && r.hc <= c.hi
		if in == c.neg {
			return evalReject
		}
	}
	return miss
}

// compileFilters turns xinfang.Filters into row conditions. Unknown
// values of open fields (category, city, county) match nothing; unknown
// values of closed enumerations are EINVALID. Caller holds st.mu.
func (st *engine) compileFilters(f xinfang.Filters, p *pred, labels func(string) string) error {
	if !f.From.IsZero() {
		p.hasFrom, p.fromSec = true, f.From.Unix()
		if f.From.Nanosecond() > 0 {
			p.fromSec++
		}
	}
	if !f.To.IsZero() {
		p.hasTo, p.toSec = true, f.To.Unix()
		if f.To.Nanosecond() > 0 {
			p.toSec++
		}
	}
	if p.hasFrom && p.hasTo && p.fromSec >= p.toSec {
		p.none = true
	}
	if f.Cluster != "" {
		ci, ok := st.clusters.byKey[f.Cluster]
		p.hasCluster, p.cluster = true, ci
		if !ok {
			p.none = true // no such cluster (now): no members
		}
	}
	if len(f.Category) > 0 {
		var mask uint64
		for _, v := range f.Category {
			mask |= st.catMask(v, labels)
		}
		p.cats = append(p.cats, catCon{mask: mask, facet: facCategory})
	}
	open := func(col, facet int, d *dict, vals []string) {
		if len(vals) == 0 {
			return
		}
		allow := make([]bool, d.len())
		for _, v := range vals {
			if c, ok := d.lookup(v); ok && c != noValue {
				allow[c] = true
			}
		}
		p.sets = append(p.sets, setCon{col: col, allow: allow, facet: facet})
	}
	open(colCity, facCity, st.cities, f.City)
	open(colCounty, facCounty, st.counties, f.County)
	closed := func(col, facet int, field string, codes []string, vals []string, label func(string) string) error {
		if len(vals) == 0 {
			return nil
		}
		allow := make([]bool, len(codes)+1)
		for _, v := range vals {
			c := enumCode(codes, v)
			if c == noValue {
				for i, code := range codes {
					if label != nil && label(code) == v {
						c = uint8(i + 1)
					}
				}
			}
			if c == noValue {
				return xinfang.FieldError(field, "unknown value %q (want %s)", v, strings.Join(codes, ", "))
			}
			allow[c] = true
		}
		p.sets = append(p.sets, setCon{col: col, allow: allow, facet: facet})
		return nil
	}
	if err := closed(colKind, facKind, "kind", kindCodes, f.Kind, kindLabel); err != nil {
		return err
	}
	if err := closed(colChannel, facChannel, "channel", channelCodes, f.Channel, func(s string) string { return xinfang.Channel(s).Label() }); err != nil {
		return err
	}
	if err := closed(colStatus, facStatus, "status", statusCodes, f.Status, func(s string) string { return xinfang.Status(s).Label() }); err != nil {
		return err
	}
	if err := closed(colLevel, facLevel, "risk_level", levelCodes, f.RiskLevel, xinfang.RiskLabel); err != nil {
		return err
	}
	if err := closed(colHCBucket, facHeadcount, "headcount", headcountBuckets, f.Headcount, headcountLabel); err != nil {
		return err
	}
	// overdue=true is either kind.
	var overdue []string
	for _, v := range f.Overdue {
		if v == "true" {
			overdue = append(overdue, xinfang.DeadlineAcceptance, xinfang.DeadlineHandling)
		} else {
			overdue = append(overdue, v)
		}
	}
	if err := closed(colOverdue, facOverdue, "overdue", overdueCodes, overdue, xinfang.OverdueLabel); err != nil {
		return err
	}
	if err := closed(colRepeat, facRepeat, "repeat", flagCodes, f.Repeat, repeatLabel); err != nil {
		return err
	}
	return closed(colJoint, facJoint, "joint", flagCodes, f.Joint, jointLabel)
}

func repeatLabel(v string) string {
	if v == "true" {
		return "重件"
	}
	return "初件"
}

func jointLabel(v string) string {
	if v == "true" {
		return "联名件"
	}
	return "非联名件"
}

// catMask returns the bit of a category code or label, 0 when unknown.
func (st *engine) catMask(v string, labels func(string) string) uint64 {
	if c, ok := st.cats.lookup(v); ok && c != noValue {
		return 1 << (c - 1)
	}
	for c := 1; c < st.cats.len(); c++ {
		if labels != nil && labels(st.cats.values[c]) == v {
			return 1 << (c - 1)
		}
	}
	return 0
}

func headcountLabel(b string) string {
	switch b {
	case "30+":
		return "30人及以上"
	case "":
		return ""
	}
	return b + "人"
}

// columnClause adds a field clause on a column to p.
func (st *engine) columnClause(cl *clause, p *pred, labels func(string) string) {
	neg := cl.occur == occurMustNot
	v := strings.TrimSpace(cl.value)
	switch cl.field {
	case "category":
		m := st.catMask(v, labels)
		if m == 0 && !neg {
			p.none = true
		}
		p.cats = append(p.cats, catCon{mask: m, neg: neg, facet: noFacet})
	case "city", "county":
		d, col := st.cities, colCity
		if cl.field == "county" {
			d, col = st.counties, colCounty
		}
		allow := make([]bool, d.len())
		if code, ok := d.lookup(v); ok && code != noValue {
			allow[code] = true
		} else if !neg {
			p.none = true
		}
		p.sets = append(p.sets, setCon{col: col, allow: allow, neg: neg, facet: noFacet})
	case "kind", "channel", "status", "risk_level":
		codes, col := kindCodes, colKind
		switch cl.field {
		case "channel":
			codes, col = channelCodes, colChannel
		case "status":
			codes, col = statusCodes, colStatus
		case "risk_level":
			codes, col = levelCodes, colLevel
		}
		allow := make([]bool, len(codes)+1)
		allow[enumCode(codes, v)] = true // parseQuery validated the value
		p.sets = append(p.sets, setCon{col: col, allow: allow, neg: neg, facet: noFacet})
	case "headcount":
		p.ranges = append(p.ranges, rangeCon{lo: cl.min, hi: cl.max, neg: neg})
	}
}
