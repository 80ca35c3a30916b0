package index

import (
	"time"

	"github.com/xinfang/xinfang"
	"github.com/xinfang/xinfang/nlp"
)

// Case handling in the index: the columns of deadlines, 联名件 and 人次,
// and the case fields of hits and documents (which copy of a record wins
// is decided in supersede.go).
// Deadlines are stored; whether one has passed is decided against the
// Store's clock at each query, so "now" is never frozen at index time.

// Deadline kinds of row.dueKind.
const (
	dueAcceptance = 1
	dueHandling   = 2
)

// Values of the overdue, repeat and joint columns (0: not a petition).
const (
	overdueNo         = 1
	overdueAcceptance = 2
	overdueHandling   = 3
	flagFalse         = 1
	flagTrue          = 2
)

var (
	// overdueCodes are the filter values of the overdue column by code.
	overdueCodes = []string{"false", xinfang.DeadlineAcceptance, xinfang.DeadlineHandling}
	flagCodes    = []string{"false", "true"}
)

// caseMeta fills the case fields of m from d, a petition.
func caseMeta(m *meta, d *xinfang.Document) {
	r := d.Record
	due, kind, _ := r.Deadline()
	m.Due, m.DK = due.Unix(), dueAcceptance
	if kind == xinfang.DeadlineHandling {
		m.DK = dueHandling
	}
	m.Closed = r.Closed()
	if h, ok := r.HandlingTime(); ok {
		sec := int64(h / time.Second)
		m.Handle = &sec
	}
	// A respondent that is a person is indexed by the masked name.
	m.Resp = xinfang.MaskRespondent(r.Respondent)
	if m.Resp == "" && len(d.Analysis.Subjects) > 0 {
		m.Resp = d.Analysis.Subjects[0]
	}
	m.Joint = joint(d)
}

// joint reports whether a petition is a 联名件, signed by several people:
// its text says so (nlp.SignedJointly: 联名信, 32户业主签名), or it is
// written (a letter or an online petition) and comes from two or more
// people by its head count. Several people who come in person are a
// visit (集体访), not a joint signature.
func joint(d *xinfang.Document) bool {
	if nlp.SignedJointly(d.Record.Title) || nlp.SignedJointly(d.Record.Content) {
		return true
	}
	hc := headcount(d)
	return hc != nil && *hc >= 2 && (d.Record.Channel == xinfang.ChannelLetter || d.Record.Channel == xinfang.ChannelOnline)
}

// overdueCode is the overdue column of r at now (unix seconds).
func (r *row) overdueCode(now int64) uint8 {
	switch {
	case r.dueKind == 0:
		return noValue
	case r.closed || now <= r.due:
		return overdueNo
	case r.dueKind == dueAcceptance:
		return overdueAcceptance
	}
	return overdueHandling
}

// isPetition reports whether r is a petition's row.
func (r *row) isPetition() bool { return r.kind == 1 } // kindCodes[0]

// repeatCode is the repeat column of r: 重件 or 初件.
func (r *row) repeatCode() uint8 {
	switch {
	case !r.isPetition():
		return noValue
	case r.repOrder > 1:
		return flagTrue
	}
	return flagFalse
}

// jointCode is the joint column of r.
func (r *row) jointCode() uint8 {
	switch {
	case !r.isPetition():
		return noValue
	case r.joint:
		return flagTrue
	}
	return flagFalse
}

// people is 人次 of r: its head count, 1 when it gives none; 0 for a
// bulletin, whose numbers report on people rather than count petitioners.
func (r *row) people() int {
	switch {
	case !r.isPetition():
		return 0
	case r.hc > 0:
		return int(r.hc)
	}
	return 1
}

// now is the Store's clock.
func (s *Store) now() time.Time {
	if s.opts.Now != nil {
		return s.opts.Now()
	}
	return time.Now()
}

// decorate sets the case fields of a petition's hit from row o at now.
// Caller holds st.mu, or st is a view.
func (st *engine) decorate(h *xinfang.Hit, d *xinfang.Document, o uint32, now int64) {
	if d.Record == nil {
		return
	}
	r := st.rows.at(o)
	h.Status = string(d.Record.Status)
	if r.dueKind != 0 {
		h.Deadline = time.Unix(r.due, 0).In(cst)
	}
	if c := r.overdueCode(now); c == overdueAcceptance || c == overdueHandling {
		h.Overdue = overdueCodes[c-1]
		h.DaysOverdue = xinfang.DaysOverdue(time.Unix(r.due, 0), time.Unix(now, 0))
	}
	if r.repCount > 1 {
		h.Repeat = st.repeatOf(o)
	}
	h.Joint = r.joint
}

// caseOf sets the computed fields of a stored petition d at now: its case
// state, its place among repeats and its effective risk. Caller holds
// st.mu.
func (st *engine) caseOf(d *xinfang.Document, now time.Time) {
	if d.Record == nil {
		return
	}
	c := d.Record.CaseAt(now)
	if o, ok := st.ordOf(d.ID); ok && st.rows.at(o).alive {
		r := st.rows.at(o)
		c.Joint, c.People = r.joint, r.people()
		d.Repeat = st.repeatOf(o)
		risk := st.effectiveRisk(o, d.Analysis.Risk)
		d.Risk = &risk
	}
	d.Case = &c
}

// effectiveRisk is the analysis risk raised by a recurring cluster.
// Caller holds st.mu, or st is a view.
func (st *engine) effectiveRisk(o uint32, base xinfang.Risk) xinfang.Risk {
	r := st.rows.at(o)
	out := xinfang.Risk{Level: base.Level, Score: base.Score, Reasons: append([]string{}, base.Reasons...)}
	if r.level != noValue {
		out.Level = levelCodes[r.level-1]
	}
	out.Score = int(r.score)
	if r.cluster >= 0 {
		if c := st.clusters.at(r.cluster); c.step > 0 {
			out.Reasons = append(out.Reasons, recurReason(c.count))
		}
	}
	if r.repCount > 1 {
		out.Reasons = append(out.Reasons, repeatReason(r))
	}
	return out
}
