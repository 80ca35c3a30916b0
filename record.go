package xinfang

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Channel is how a petition reached the government.
type Channel string

// Channels of DESIGN.md.
const (
	ChannelVisit  Channel = "visit"  // 来访
	ChannelLetter Channel = "letter" // 来信
	ChannelOnline Channel = "online" // 网上信访
	ChannelPhone  Channel = "phone"  // 12345 and other hotlines
	ChannelOther  Channel = "other"
)

// Channels lists every valid channel in display order.
var Channels = []Channel{ChannelVisit, ChannelLetter, ChannelOnline, ChannelPhone, ChannelOther}

// Label returns the Chinese label of the channel.
func (c Channel) Label() string {
	switch c {
	case ChannelVisit:
		return "来访"
	case ChannelLetter:
		return "来信"
	case ChannelOnline:
		return "网上信访"
	case ChannelPhone:
		return "电话"
	case ChannelOther:
		return "其他"
	}
	return string(c)
}

// Status is the handling state of a petition.
type Status string

// Statuses of DESIGN.md, in handling order.
const (
	StatusAccepted   Status = "accepted"    // 受理
	StatusAssigned   Status = "assigned"    // 交办
	StatusInProgress Status = "in_progress" // 办理中
	StatusClosed     Status = "closed"      // 办结
	StatusFollowUp   Status = "follow_up"   // 回访
)

// Statuses lists every valid status in handling order.
var Statuses = []Status{StatusAccepted, StatusAssigned, StatusInProgress, StatusClosed, StatusFollowUp}

// Label returns the Chinese label of the status.
func (s Status) Label() string {
	switch s {
	case StatusAccepted:
		return "已受理"
	case StatusAssigned:
		return "已交办"
	case StatusInProgress:
		return "办理中"
	case StatusClosed:
		return "已办结"
	case StatusFollowUp:
		return "已回访"
	}
	return string(s)
}

// Person is a petitioner. Every field is personal data and is masked on output.
type Person struct {
	Name     string `json:"name,omitempty"`
	Phone    string `json:"phone,omitempty"`
	IDNumber string `json:"id_number,omitempty"`
	Address  string `json:"address,omitempty"`
}

// Agent is a 信访代办员 or other person who files on a petitioner's behalf.
type Agent struct {
	Name string `json:"name,omitempty"`
	Role string `json:"role,omitempty"`
}

// MaxContentBytes bounds the content of one record or bulletin.
const MaxContentBytes = 256 << 10

// Record is one petition (信访件) as it arrives from Kafka, a JSONL line or a CSV row.
type Record struct {
	ID         string    `json:"id"`
	ReceivedAt time.Time `json:"received_at"`
	// ReceivedAtDefaulted is true when the input had no received_at and the
	// time of ingest was used instead.
	ReceivedAtDefaulted bool    `json:"received_at_defaulted,omitempty"`
	Channel             Channel `json:"channel,omitempty"`
	Region              string  `json:"region,omitempty"`
	Respondent          string  `json:"respondent,omitempty"`
	Title               string  `json:"title,omitempty"`
	Content             string  `json:"content"`
	Headcount           *int    `json:"headcount,omitempty"`
	Status              Status  `json:"status,omitempty"`
	Petitioner          *Person `json:"petitioner,omitempty"`
	Agent               *Agent  `json:"agent,omitempty"`
	// Case times (see case.go). A later copy of a record (same id) updates
	// it; an older one never undoes a newer one (SameOrNewer).
	AcceptedAt time.Time `json:"accepted_at,omitzero"`
	ClosedAt   time.Time `json:"closed_at,omitzero"`
	DeadlineAt time.Time `json:"deadline_at,omitzero"`
	UpdatedAt  time.Time `json:"updated_at,omitzero"`
}

// recordTimes names the time fields of a record, for errors.
var recordTimes = []string{"received_at", "accepted_at", "closed_at", "deadline_at", "updated_at"}

// Validate reports the first problem with r as an EINVALID *Error naming the field.
func (r *Record) Validate() error {
	if strings.TrimSpace(r.ID) == "" {
		return FieldError("id", "is required")
	}
	if len(r.ID) > 200 {
		return FieldError("id", "is longer than 200 bytes")
	}
	for _, f := range []struct{ name, v string }{
		{"id", r.ID}, {"region", r.Region}, {"respondent", r.Respondent},
		{"title", r.Title}, {"content", r.Content},
	} {
		if !utf8.ValidString(f.v) {
			return FieldError(f.name, "is not valid UTF-8")
		}
	}
	if r.Petitioner != nil {
		for _, f := range []struct{ name, v string }{
			{"petitioner.name", r.Petitioner.Name}, {"petitioner.phone", r.Petitioner.Phone},
			{"petitioner.id_number", r.Petitioner.IDNumber}, {"petitioner.address", r.Petitioner.Address},
		} {
			if !utf8.ValidString(f.v) {
				return FieldError(f.name, "is not valid UTF-8")
			}
		}
	}
	if strings.TrimSpace(r.Content) == "" {
		return FieldError("content", "is required")
	}
	if len(r.Content) > MaxContentBytes {
		return FieldError("content", "is %d bytes, more than the limit of %d", len(r.Content), MaxContentBytes)
	}
	if r.Channel != "" && !validChannel(r.Channel) {
		return FieldError("channel", "unknown value %q (want visit, letter, online, phone or other)", r.Channel)
	}
	if r.Status != "" && !validStatus(r.Status) {
		return FieldError("status", "unknown value %q (want accepted, assigned, in_progress, closed or follow_up)", r.Status)
	}
	if r.Headcount != nil && (*r.Headcount < 0 || *r.Headcount > 1000000) {
		return FieldError("headcount", "%d is out of range", *r.Headcount)
	}
	// A stage cannot come before the receipt (unless the receipt time is
	// only the time of ingest), nor a close before the acceptance.
	if !r.ReceivedAtDefaulted {
		for _, f := range []struct {
			name string
			t    time.Time
		}{{"accepted_at", r.AcceptedAt}, {"closed_at", r.ClosedAt}, {"deadline_at", r.DeadlineAt}} {
			if !f.t.IsZero() && f.t.Before(r.ReceivedAt) {
				return FieldError(f.name, "%s is before received_at %s", f.t.Format(time.RFC3339), r.ReceivedAt.Format(time.RFC3339))
			}
		}
	}
	if !r.AcceptedAt.IsZero() && !r.ClosedAt.IsZero() && r.ClosedAt.Before(r.AcceptedAt) {
		return FieldError("closed_at", "%s is before accepted_at %s", r.ClosedAt.Format(time.RFC3339), r.AcceptedAt.Format(time.RFC3339))
	}
	return nil
}

func validChannel(c Channel) bool {
	for _, v := range Channels {
		if v == c {
			return true
		}
	}
	return false
}

func validStatus(s Status) bool {
	for _, v := range Statuses {
		if v == s {
			return true
		}
	}
	return false
}

// DecodeRecord parses one record from JSON strictly: invalid UTF-8, a field of
// the wrong type, an unknown enum value or a missing id or content is an
// EINVALID *Error that names the field. A missing received_at is set to now
// and marked as defaulted.
func DecodeRecord(data []byte, now time.Time) (Record, error) {
	var r Record
	if !utf8.Valid(data) {
		return r, FieldError("", "input is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&r); err != nil {
		var te *json.UnmarshalTypeError
		var se *json.SyntaxError
		if !errors.As(err, &te) && !errors.As(err, &se) {
			// A time that is not an RFC 3339 string: encoding/json does
			// not say which field it was.
			if terr := timeError(data); terr != nil {
				return Record{}, terr
			}
		}
		return Record{}, jsonError(err)
	}
	if dec.More() {
		return Record{}, FieldError("", "trailing data after the JSON object")
	}
	if r.ReceivedAt.IsZero() {
		r.ReceivedAt = now
		r.ReceivedAtDefaulted = true
	}
	if err := r.Validate(); err != nil {
		return Record{}, err
	}
	return r, nil
}

// jsonError turns an encoding/json error into an EINVALID *Error that names
// the field where it can.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		if field == "" {
			field = "(record)"
		}
		return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf("has the wrong type: got JSON %s, want %s", te.Value, te.Type)}
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &Error{Code: EINVALID, Message: fmt.Sprintf("not valid JSON at byte %d: %v", se.Offset, err)}
	}
	var pe *time.ParseError
	if errors.As(err, &pe) {
		return &Error{Code: EINVALID, Field: "received_at", Message: "is not an RFC 3339 time (e.g. 2024-04-19T09:30:00+08:00)"}
	}
	return &Error{Code: EINVALID, Message: "not valid JSON: " + err.Error()}
}

// timeError names the first time field of data that is not an RFC 3339
// time string; nil when every one is.
func timeError(data []byte) error {
	var fields map[string]json.RawMessage
	if json.Unmarshal(data, &fields) != nil {
		return nil
	}
	for _, name := range recordTimes {
		var t time.Time
		if v, ok := fields[name]; ok && json.Unmarshal(v, &t) != nil {
			return &Error{Code: EINVALID, Field: name, Message: "is not an RFC 3339 time (e.g. 2024-04-19T09:30:00+08:00)"}
		}
	}
	return nil
}

// Bulletin is a news or government page that the crawler extracted.
type Bulletin struct {
	ID          string    `json:"id"` // hex sha256 of the canonical URL
	URL         string    `json:"url"`
	Title       string    `json:"title"`
	PublishedAt time.Time `json:"published_at"`
	Source      string    `json:"source,omitempty"`
	Content     string    `json:"content"`
	FetchedAt   time.Time `json:"fetched_at"`
}

// Validate reports the first problem with b as an EINVALID *Error naming the field.
func (b *Bulletin) Validate() error {
	if strings.TrimSpace(b.ID) == "" {
		return FieldError("id", "is required")
	}
	for _, f := range []struct{ name, v string }{
		{"id", b.ID}, {"url", b.URL}, {"title", b.Title}, {"source", b.Source}, {"content", b.Content},
	} {
		if !utf8.ValidString(f.v) {
			return FieldError(f.name, "is not valid UTF-8")
		}
	}
	if strings.TrimSpace(b.Content) == "" {
		return FieldError("content", "is required")
	}
	if len(b.Content) > MaxContentBytes {
		return FieldError("content", "is %d bytes, more than the limit of %d", len(b.Content), MaxContentBytes)
	}
	return nil
}

// DecodeBulletin parses one bulletin from JSON strictly, as DecodeRecord does.
func DecodeBulletin(data []byte) (Bulletin, error) {
	var b Bulletin
	if !utf8.Valid(data) {
		return b, FieldError("", "input is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&b); err != nil {
		return Bulletin{}, jsonError(err)
	}
	if err := b.Validate(); err != nil {
		return Bulletin{}, err
	}
	return b, nil
}
