package gen

import (
	"time"

	"github.com/xinfang/xinfang"
)

// Live moves a record's times so that it is received at t, its case times
// (accepted, closed, deadline, updated) kept at the same distance: a
// generated record as a live feed would bring it.
func Live(r *xinfang.Record, t time.Time) {
	d := t.Sub(r.ReceivedAt)
	r.ReceivedAt = t
	for _, at := range []*time.Time{&r.AcceptedAt, &r.ClosedAt, &r.DeadlineAt, &r.UpdatedAt} {
		if !at.IsZero() {
			*at = at.Add(d)
		}
	}
}
