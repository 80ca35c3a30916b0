package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xinfang/xinfang"
)

// Reasons a message is rejected. They label the dead-lettered metric and go
// into the error_code header of a dead letter. A field error gives
// "invalid_<field>" (dots as underscores), e.g. "invalid_headcount".
const (
	ReasonEmpty          = "empty"           // no value (a tombstone)
	ReasonTooLarge       = "too_large"       // value above the message size limit
	ReasonInvalidUTF8    = "invalid_utf8"    // value is not UTF-8
	ReasonInvalidJSON    = "invalid_json"    // not JSON, or truncated
	ReasonNotObject      = "not_object"      // JSON, but not an object
	ReasonKeyMismatch    = "key_mismatch"    // message key differs from the id
	ReasonUnknownTopic   = "unknown_topic"   // topic carries neither kind
	ReasonIndexRejected  = "index_rejected"  // the index refused the document for good
	ReasonAnalysisFailed = "analysis_failed" // the analyzer panicked on the text
	reasonInvalidPrefix  = "invalid_"
)

// Rejection is the error of a message that can never be indexed. Retrying
// it cannot help; it goes to the dead-letter topic.
type Rejection struct {
	Reason string // one of the Reason* constants or "invalid_<field>"
	Field  string // the offending field, when there is one
	Err    error
}

// Error returns the message of the underlying error.
func (r *Rejection) Error() string { return r.Err.Error() }

// Unwrap returns the underlying error, usually an EINVALID *xinfang.Error.
func (r *Rejection) Unwrap() error { return r.Err }

func reject(reason string, format string, args ...any) *Rejection {
	return &Rejection{Reason: reason, Err: xinfang.Errorf(xinfang.EINVALID, format, args...)}
}

// rejectField turns an error of xinfang.DecodeRecord/DecodeBulletin into a
// Rejection, deriving the reason from the field it names.
func rejectField(err error) *Rejection {
	var xe *xinfang.Error
	if errors.As(err, &xe) && xe.Field != "" && xe.Field != "(record)" {
		return &Rejection{
			Reason: reasonInvalidPrefix + strings.ReplaceAll(xe.Field, ".", "_"),
			Field:  xe.Field,
			Err:    err,
		}
	}
	return &Rejection{Reason: ReasonInvalidJSON, Err: err}
}

// DefaultMaxMessageBytes bounds a message value: the content limit plus room
// for the other fields and JSON escapes.
const DefaultMaxMessageBytes = 2*xinfang.MaxContentBytes + 64<<10

// decoder turns raw messages into documents without analysis.
type decoder struct {
	topics   Topics
	maxBytes int
	now      func() time.Time
}

// decode checks and decodes m. Every error it returns is a *Rejection.
func (d *decoder) decode(m *Message) (xinfang.Document, *Rejection) {
	kind, ok := d.topics.Kind(m.Topic)
	if !ok {
		return xinfang.Document{}, reject(ReasonUnknownTopic, "topic %q carries neither petitions nor bulletins", m.Topic)
	}
	return decodeKind(kind, m.Key, m.Value, d.maxBytes, d.now())
}

// decodeKind decodes value as a document of kind, strictly, through
// xinfang.DecodeRecord or xinfang.DecodeBulletin. A non-empty key must equal
// the id.
func decodeKind(kind string, key, value []byte, maxBytes int, now time.Time) (xinfang.Document, *Rejection) {
	v := bytes.TrimSpace(value)
	switch {
	case len(v) == 0:
		return xinfang.Document{}, reject(ReasonEmpty, "empty message (no record)")
	case maxBytes > 0 && len(value) > maxBytes:
		return xinfang.Document{}, reject(ReasonTooLarge, "message is %d bytes, more than the limit of %d", len(value), maxBytes)
	case !utf8.Valid(v):
		return xinfang.Document{}, reject(ReasonInvalidUTF8, "message is not valid UTF-8")
	case !json.Valid(v):
		return xinfang.Document{}, &Rejection{Reason: ReasonInvalidJSON, Err: jsonSyntaxError(v)}
	case v[0] != '{':
		return xinfang.Document{}, reject(ReasonNotObject, "message is JSON but not an object (starts with %q)", v[:1])
	}
	doc := xinfang.Document{Kind: kind}
	switch kind {
	case xinfang.KindBulletin:
		b, err := xinfang.DecodeBulletin(v)
		if err != nil {
			return xinfang.Document{}, rejectField(err)
		}
		doc.ID, doc.Bulletin = b.ID, &b
	default:
		r, err := xinfang.DecodeRecord(v, now)
		if err != nil {
			return xinfang.Document{}, rejectField(err)
		}
		doc.ID, doc.Record = r.ID, &r
	}
	if len(key) > 0 && string(key) != doc.ID {
		return xinfang.Document{}, &Rejection{
			Reason: ReasonKeyMismatch, Field: "id",
			Err: xinfang.FieldError("id", "%q differs from the message key %q", clip(doc.ID, 80), clip(string(key), 80)),
		}
	}
	return doc, nil
}

// jsonSyntaxError says where v stops being JSON.
func jsonSyntaxError(v []byte) error {
	var x any
	err := json.Unmarshal(v, &x)
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return xinfang.Errorf(xinfang.EINVALID, "not valid JSON at byte %d: %v", se.Offset, se)
	case err != nil:
		return xinfang.Errorf(xinfang.EINVALID, "not valid JSON: %v", err)
	}
	return xinfang.Errorf(xinfang.EINVALID, "not valid JSON")
}

// clip shortens s to at most n bytes on a rune boundary, for messages.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// analyze fills in the analysis of doc.
func analyze(an Analyzer, doc *xinfang.Document) {
	if an == nil {
		doc.Analysis = xinfang.Analysis{ID: doc.ID}
		return
	}
	doc.Analysis = an.AnalyzeKind(doc.Kind, doc.ID, doc.Title(), doc.Content())
	if doc.Analysis.ID == "" {
		doc.Analysis.ID = doc.ID
	}
}

// describe names a message for logs and errors.
func describe(m *Message) string {
	if m.Source != "" {
		return m.Source
	}
	return fmt.Sprintf("%s/%d@%d", m.Topic, m.Partition, m.Offset)
}
