// Package xinfang holds the domain types of the Xinfang petition and bulletin
// pipeline: records, bulletins, their analysis, the search contracts shared by
// the index and the HTTP API, and one error type with codes.
//
// The package depends on the standard library only.
package xinfang

import (
	"errors"
	"fmt"
)

// Error codes. Tests and the HTTP layer compare codes, never message strings.
const (
	EINVALID     = "invalid"     // the input is wrong; the caller can fix it
	ENOTFOUND    = "not_found"   // no such document
	ECONFLICT    = "conflict"    // the state does not allow it (e.g. index locked)
	EUNAVAILABLE = "unavailable" // a dependency is away; retrying may help
	EINTERNAL    = "internal"    // a bug or an unexpected failure
)

// Error is the application error. Message is safe to show to a user; Err is
// the internal cause and is never shown outside the process.
type Error struct {
	Code    string // one of the E* constants
	Field   string // the offending input field, when there is one
	Message string
	Err     error
}

func (e *Error) Error() string {
	var s string
	if e.Field != "" {
		s = e.Field + ": "
	}
	s += e.Message
	if e.Err != nil {
		if s != "" {
			s += ": "
		}
		s += e.Err.Error()
	}
	if s == "" {
		s = e.Code
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an EINVALID error that names the offending field.
func FieldError(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err: the Field and Message
// of the first *Error in its chain, or a generic text for internal errors.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		if e.Field != "" {
			return e.Field + ": " + e.Message
		}
		return e.Message
	}
	return "internal error"
}
