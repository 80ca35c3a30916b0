package xinfang

import (
	"errors"
	"testing"
	"time"
)

func TestDecodeRecordCaseTimes(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r, err := DecodeRecord([]byte(`{"id":"A","content":"x","received_at":"2024-04-19T09:30:00+08:00","accepted_at":"2024-04-20T09:00:00+08:00",`+
		`"closed_at":"2024-05-01T10:00:00+08:00","deadline_at":"2024-06-19T09:00:00+08:00","updated_at":"2024-05-01T10:00:05+08:00","status":"closed"}`), now)
	if err != nil {
		t.Fatal(err)
	}
	if r.AcceptedAt.IsZero() || r.ClosedAt.IsZero() || r.DeadlineAt.IsZero() || r.UpdatedAt.IsZero() {
		t.Errorf("DecodeRecord: case times %+v, want all four", r)
	}
	for _, tc := range []struct {
		in, field string
	}{
		{`{"id":"A","content":"x","accepted_at":"next week"}`, "accepted_at"},
		{`{"id":"A","content":"x","updated_at":12}`, "updated_at"},
		{`{"id":"A","content":"x","received_at":"2024-04-19T09:30:00+08:00","closed_at":"2024-04-01T00:00:00+08:00"}`, "closed_at"},
		{`{"id":"A","content":"x","received_at":"2024-04-19T09:30:00+08:00","accepted_at":"2024-04-25T00:00:00+08:00","closed_at":"2024-04-21T00:00:00+08:00"}`, "closed_at"},
	} {
		_, err := DecodeRecord([]byte(tc.in), now)
		var e *Error
		if !errors.As(err, &e) || e.Code != EINVALID || e.Field != tc.field {
			t.Errorf("DecodeRecord(%s) = %v, want EINVALID on %s", tc.in, err, tc.field)
		}
	}
}

func TestDeadline(t *testing.T) {
	recv := time.Date(2024, 4, 1, 9, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	for _, tc := range []struct {
		name string
		r    Record
		due  time.Time
		kind string
	}{
		{"received only", Record{ReceivedAt: recv}, recv.Add(15 * day), DeadlineAcceptance},
		{"accepted", Record{ReceivedAt: recv, AcceptedAt: recv.Add(3 * day)}, recv.Add(63 * day), DeadlineHandling},
		{"status without time", Record{ReceivedAt: recv, Status: StatusAssigned}, recv.Add(60 * day), DeadlineHandling},
		{"extended", Record{ReceivedAt: recv, AcceptedAt: recv.Add(3 * day), DeadlineAt: recv.Add(93 * day)}, recv.Add(93 * day), DeadlineHandling},
	} {
		due, kind, _ := tc.r.Deadline()
		if !due.Equal(tc.due) || kind != tc.kind {
			t.Errorf("%s: Deadline() = %v %s, want %v %s", tc.name, due, kind, tc.due, tc.kind)
		}
	}
	r := Record{ReceivedAt: recv}
	if c := r.CaseAt(recv.Add(15*day + time.Hour)); c.Overdue != DeadlineAcceptance || c.DaysOverdue != 1 {
		t.Errorf("an hour past 15 days: %+v, want 受理超期 by 1 day", c)
	}
	if c := r.CaseAt(recv.Add(15 * day)); c.Overdue != "" {
		t.Errorf("at the deadline: %+v, want not overdue", c)
	}
	r.Status, r.ClosedAt = StatusClosed, recv.Add(100*day)
	if c := r.CaseAt(recv.Add(200 * day)); c.Overdue != "" || c.HandlingDays == nil || *c.HandlingDays != 100 {
		t.Errorf("closed after 100 days: %+v", c)
	}
}

func TestNewer(t *testing.T) {
	recv := time.Date(2024, 4, 1, 9, 0, 0, 0, time.UTC)
	h := time.Hour
	for _, tc := range []struct {
		name string
		a, b Record
		want bool // a newer than b
	}{
		{"updated_at", Record{ReceivedAt: recv, UpdatedAt: recv.Add(2 * h), Status: StatusAccepted}, Record{ReceivedAt: recv, UpdatedAt: recv.Add(h), Status: StatusClosed, ClosedAt: recv.Add(3 * h)}, true},
		{"updated_at older", Record{ReceivedAt: recv, UpdatedAt: recv.Add(h)}, Record{ReceivedAt: recv, UpdatedAt: recv.Add(2 * h)}, false},
		{"latest time", Record{ReceivedAt: recv, ClosedAt: recv.Add(5 * h)}, Record{ReceivedAt: recv, AcceptedAt: recv.Add(h)}, true},
		{"one updated_at", Record{ReceivedAt: recv, AcceptedAt: recv.Add(h)}, Record{ReceivedAt: recv, UpdatedAt: recv.Add(2 * h)}, false},
		{"status on a tie", Record{ReceivedAt: recv, Status: StatusInProgress}, Record{ReceivedAt: recv, Status: StatusAccepted}, true},
		{"defaulted receipt is no event", Record{ReceivedAt: recv.Add(100 * h), ReceivedAtDefaulted: true}, Record{ReceivedAt: recv, AcceptedAt: recv.Add(h)}, false},
		{"the same", Record{ReceivedAt: recv}, Record{ReceivedAt: recv}, false},
	} {
		if got := compareVersions(&tc.a, &tc.b) > 0; got != tc.want {
			t.Errorf("%s: a newer than b = %v, want %v", tc.name, got, tc.want)
		}
	}
}
