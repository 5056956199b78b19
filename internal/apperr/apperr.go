// Package apperr owns the portal's error vocabulary: the GraphQL error codes
// that clients see in extensions.code, and the UserError that a mutation
// returns in its payload for an expected failure (validation, business rules).
//
// Domain packages return these; the GraphQL layer presents them. Anything that
// is not an *Error or a *ValidationError is presented as INTERNAL, without its
// text, so a database message never reaches a client.
package apperr

import (
	"errors"
	"fmt"
	"time"
)

// Code is a GraphQL error code (extensions.code).
type Code string

// The GraphQL error codes of the contract.
const (
	Unauthenticated Code = "UNAUTHENTICATED"
	Forbidden       Code = "FORBIDDEN"
	NotFound        Code = "NOT_FOUND"
	BadUserInput    Code = "BAD_USER_INPUT"
	RateLimited     Code = "RATE_LIMITED"
	QueryTooComplex Code = "QUERY_TOO_COMPLEX"
	Internal        Code = "INTERNAL"
)

// Error is an error a client may see, with its code.
type Error struct {
	Code    Code
	Message string
	// RetryAfter is set for RATE_LIMITED.
	RetryAfter time.Duration
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// New returns an *Error.
func New(code Code, message string) *Error { return &Error{Code: code, Message: message} }

// RateLimit returns a RATE_LIMITED error that asks the client to wait.
func RateLimit(retryAfter time.Duration) *Error {
	if retryAfter < time.Second {
		retryAfter = time.Second
	}
	return &Error{Code: RateLimited, Message: "too many requests, try again later", RetryAfter: retryAfter}
}

// ErrUnauthenticated is returned when an operation needs a login it does not have.
var ErrUnauthenticated = New(Unauthenticated, "authentication required")

// ErrForbidden is returned when the caller may not do this.
var ErrForbidden = New(Forbidden, "not allowed")

// ErrNotFound is returned when a thing does not exist, or the caller may not see it.
var ErrNotFound = New(NotFound, "not found")

// CodeOf returns the code of err when it is (or wraps) an *Error.
func CodeOf(err error) (Code, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e.Code, true
	}
	return "", false
}
