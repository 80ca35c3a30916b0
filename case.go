package xinfang

import (
	"math"
	"time"
)

// Case handling (督办): the times of a petition, which copy of a record is
// the newer one, its deadline under the 2022 信访工作条例 and whether it is
// overdue. Everything here is pure: "now" is an argument, so that overdue
// is decided when asked, never frozen when indexed.

// Deadlines of the 2022 信访工作条例: decide acceptance within 15 days of
// receipt, close within 60 days of acceptance. An extension (up to 30
// days) arrives as a later deadline_at.
const (
	AcceptWithin = 15 * 24 * time.Hour
	HandleWithin = 60 * 24 * time.Hour
)

// Deadline kinds: which of the two deadlines applies to an open case.
const (
	DeadlineAcceptance = "acceptance" // 受理期限: not yet accepted
	DeadlineHandling   = "handling"   // 办理期限: accepted, not closed
)

// OverdueLabel returns the Chinese label of an overdue kind (a deadline
// kind that has passed), or of "false" (未超期).
func OverdueLabel(kind string) string {
	switch kind {
	case DeadlineAcceptance:
		return "受理超期"
	case DeadlineHandling:
		return "办理超期"
	case "false":
		return "未超期"
	}
	return kind
}

// StatusChange is one entry of a record's status history: the status it
// changed to and when (updated_at of the copy that brought it, else the
// time of the stage itself, else the time it was indexed).
type StatusChange struct {
	Status Status    `json:"status"`
	At     time.Time `json:"at"`
}

// CaseState is a petition's handling state at one moment: computed when
// asked (documents, hits), never stored.
type CaseState struct {
	Status   Status `json:"status,omitempty"`
	Accepted bool   `json:"accepted"`
	Closed   bool   `json:"closed"`
	// Deadline is the deadline that applies (deadline_at, else acceptance
	// + 60 days when accepted, else receipt + 15 days); DeadlineKind says
	// which one and DeadlineRule how it was found.
	Deadline     time.Time `json:"deadline"`
	DeadlineKind string    `json:"deadline_kind"`
	DeadlineRule string    `json:"deadline_rule"`
	// Overdue is the deadline kind that has passed ("" when not overdue);
	// DaysOverdue counts started days past the deadline.
	Overdue      string `json:"overdue,omitempty"`
	OverdueLabel string `json:"overdue_label,omitempty"`
	DaysOverdue  int    `json:"days_overdue,omitempty"`
	// HandlingDays is the time from receipt to close in days, when closed
	// with a known closed_at.
	HandlingDays *float64 `json:"handling_days,omitempty"`
	// Joint (联名件) and People (人次: the head count, 1 when none) are
	// set by the index.
	Joint  bool `json:"joint"`
	People int  `json:"people"`
}

// Accepted reports whether the record has been accepted (受理): an
// accepted_at, or a status at or past accepted. AcceptedTime is then the
// acceptance time, received_at when the source gave none (the earliest it
// can have been, so the handling deadline is never later than the rules).
func (r *Record) Accepted() bool {
	return !r.AcceptedAt.IsZero() || r.Status != "" || !r.ClosedAt.IsZero()
}

// AcceptedTime is the time of acceptance; see Accepted.
func (r *Record) AcceptedTime() time.Time {
	if !r.AcceptedAt.IsZero() {
		return r.AcceptedAt
	}
	return r.ReceivedAt
}

// Closed reports whether handling has ended: a closed_at, or the status
// closed (办结) or follow_up (回访, which comes after closing).
func (r *Record) Closed() bool {
	return !r.ClosedAt.IsZero() || r.Status == StatusClosed || r.Status == StatusFollowUp
}

// Deadline returns the deadline that applies to r, its kind and the rule
// that gave it: deadline_at when given (its kind is handling once
// accepted), else acceptance + 60 days when accepted, else receipt + 15
// days.
func (r *Record) Deadline() (at time.Time, kind, rule string) {
	kind = DeadlineAcceptance
	if r.Accepted() {
		kind = DeadlineHandling
	}
	switch {
	case !r.DeadlineAt.IsZero():
		return r.DeadlineAt, kind, "deadline_at"
	case kind == DeadlineHandling && !r.AcceptedAt.IsZero():
		return r.AcceptedAt.Add(HandleWithin), kind, "accepted_at+60d"
	case kind == DeadlineHandling:
		return r.ReceivedAt.Add(HandleWithin), kind, "received_at+60d (accepted, time unknown)"
	}
	return r.ReceivedAt.Add(AcceptWithin), kind, "received_at+15d"
}

// HandlingTime is the time from receipt to close; false when the record is
// not closed or its closed_at is unknown.
func (r *Record) HandlingTime() (time.Duration, bool) {
	if r.ClosedAt.IsZero() || r.ClosedAt.Before(r.ReceivedAt) {
		return 0, false
	}
	return r.ClosedAt.Sub(r.ReceivedAt), true
}

// DaysOverdue counts the started days by which now is past due; 0 when it
// is not.
func DaysOverdue(due, now time.Time) int {
	if !now.After(due) {
		return 0
	}
	return int(math.Ceil(now.Sub(due).Hours() / 24))
}

// CaseAt returns the state of r at now.
func (r *Record) CaseAt(now time.Time) CaseState {
	c := CaseState{Status: r.Status, Accepted: r.Accepted(), Closed: r.Closed()}
	c.Deadline, c.DeadlineKind, c.DeadlineRule = r.Deadline()
	if !c.Closed && now.After(c.Deadline) {
		c.Overdue = c.DeadlineKind
		c.OverdueLabel = OverdueLabel(c.Overdue)
		c.DaysOverdue = DaysOverdue(c.Deadline, now)
	}
	if d, ok := r.HandlingTime(); ok {
		days := math.Round(d.Hours()/24*10) / 10
		c.HandlingDays = &days
	}
	return c
}

// statusRank orders statuses by handling progress; 0 for none.
func statusRank(s Status) int {
	for i, v := range Statuses {
		if v == s {
			return i + 1
		}
	}
	return 0
}

// latestEvent is the latest of the times at which something happened to
// r: received (unless defaulted to the time of ingest), accepted, closed,
// updated. deadline_at is a plan, not an event.
func (r *Record) latestEvent() time.Time {
	var t time.Time
	if !r.ReceivedAtDefaulted {
		t = r.ReceivedAt
	}
	for _, x := range []time.Time{r.AcceptedAt, r.ClosedAt, r.UpdatedAt} {
		if x.After(t) {
			t = x
		}
	}
	return t
}

// SameOrNewer reports whether copy a of a record may replace copy b: it is
// newer or the same version. Copies compare by updated_at when both have
// one and they differ, else by the latest of their event times, else by
// the further handling status (a case moves forward unless a later time
// says otherwise), else by the deadline (an extension). Copies that tie
// are the same version: then the copy that arrives last wins, which is
// what a redelivery of it does.
func SameOrNewer(a, b *Record) bool {
	return compareVersions(a, b) >= 0
}

// compareVersions is +1 when a is newer than b, -1 when older, 0 when
// they are the same version (see SameOrNewer).
func compareVersions(a, b *Record) int {
	cmpTime := func(x, y time.Time) int {
		switch {
		case x.After(y):
			return 1
		case x.Before(y):
			return -1
		}
		return 0
	}
	if !a.UpdatedAt.IsZero() && !b.UpdatedAt.IsZero() {
		if c := cmpTime(a.UpdatedAt, b.UpdatedAt); c != 0 {
			return c
		}
	}
	if c := cmpTime(a.latestEvent(), b.latestEvent()); c != 0 {
		return c
	}
	if ra, rb := statusRank(a.Status), statusRank(b.Status); ra != rb {
		if ra > rb {
			return 1
		}
		return -1
	}
	return cmpTime(a.DeadlineAt, b.DeadlineAt)
}

// changeTime is the time to record for a status change brought by r.
func (r *Record) changeTime(fallback time.Time) time.Time {
	switch {
	case !r.UpdatedAt.IsZero():
		return r.UpdatedAt
	case r.Closed() && !r.ClosedAt.IsZero():
		return r.ClosedAt
	case r.Status == StatusAccepted && !r.AcceptedAt.IsZero():
		return r.AcceptedAt
	case !r.ReceivedAtDefaulted && r.Status == StatusAccepted && r.AcceptedAt.IsZero():
		return r.ReceivedAt
	}
	return fallback
}

// Supersede makes d, a newer copy of the record in old, carry what the
// earlier copies established: the status history (with d's status added
// when it changed), and the times a copy may leave out but that cannot be
// undone (received_at when d's was defaulted, accepted_at, deadline_at).
// now is the time of indexing, the change time of last resort.
func Supersede(d, old *Document, now time.Time) {
	if d.Record == nil {
		return
	}
	r := d.Record
	var hist []StatusChange
	if old != nil && old.Record != nil {
		o := old.Record
		hist = append(hist, old.StatusHistory...)
		if len(hist) == 0 && o.Status != "" {
			hist = append(hist, StatusChange{Status: o.Status, At: o.changeTime(old.IndexedAt)})
		}
		if r.ReceivedAtDefaulted && !o.ReceivedAtDefaulted {
			r.ReceivedAt, r.ReceivedAtDefaulted = o.ReceivedAt, false
		}
		if r.AcceptedAt.IsZero() {
			r.AcceptedAt = o.AcceptedAt
		}
		if r.DeadlineAt.IsZero() {
			r.DeadlineAt = o.DeadlineAt
		}
	}
	if r.Status != "" && (len(hist) == 0 || hist[len(hist)-1].Status != r.Status) {
		hist = append(hist, StatusChange{Status: r.Status, At: r.changeTime(now)})
	}
	d.StatusHistory = hist
}

// HandlingRequest asks for handling times (办理时效) of the matching
// petitions, grouped by one dimension.
type HandlingRequest struct {
	Query   string
	Filters Filters
	By      string // city (default), county, category or respondent
	Size    int    // groups, largest first; default 20, at most 100
	// NoExpand searches the query's words as written (expand=false), as
	// in SearchRequest.
	NoExpand bool
}

// Handling dimensions of HandlingRequest.By.
var HandlingBy = []string{"city", "county", "category", "respondent"}

// HandlingResult holds handling-time percentiles and overdue counts, over
// all matching petitions and per group.
type HandlingResult struct {
	By      string          `json:"by"`
	Method  string          `json:"method"` // how the figures are computed, in words
	AsOf    time.Time       `json:"as_of"`  // the "now" of the overdue counts
	Overall HandlingGroup   `json:"overall"`
	Groups  []HandlingGroup `json:"groups"`
}

// HandlingGroup is the handling figures of one group of petitions.
type HandlingGroup struct {
	Key     string `json:"key"`
	Label   string `json:"label"`
	Records int    `json:"records"` // 件次
	People  int    `json:"people"`  // 人次
	Open    int    `json:"open"`    // not closed
	// Closed counts the petitions with a handling time (receipt to
	// closed_at); the percentiles are over them, in days (nil when none).
	Closed  int      `json:"closed"`
	P50Days *float64 `json:"p50_days"`
	P90Days *float64 `json:"p90_days"`
	// Overdue counts open petitions past their deadline, by kind.
	Overdue           int `json:"overdue"`
	OverdueAcceptance int `json:"overdue_acceptance"`
	OverdueHandling   int `json:"overdue_handling"`
}
