package apperr

import (
	"errors"
	"strings"

	"github.com/dvcportal/dvcportal/internal/i18n"
)

// UserError codes: the expected failures of mutations, in their payloads.
const (
	CodeInvalid              = "INVALID"
	CodeRequired             = "REQUIRED"
	CodeInvalidCaptcha       = "INVALID_CAPTCHA"
	CodeInvalidCredentials   = "INVALID_CREDENTIALS"
	CodeRegistryMismatch     = "REGISTRY_MISMATCH"
	CodeAlreadyRegistered    = "ALREADY_REGISTERED"
	CodeInvalidOTP           = "INVALID_OTP"
	CodeOTPExpired           = "OTP_EXPIRED"
	CodeChallengeClosed      = "CHALLENGE_CLOSED"
	CodeResendTooSoon        = "RESEND_TOO_SOON"
	CodeAccountLocked        = "ACCOUNT_LOCKED"
	CodeNotYourRecord        = "NOT_YOUR_RECORD"
	CodeNoCardOnRecord       = "NO_CARD_ON_RECORD"
	CodeDuplicateApplication = "DUPLICATE_APPLICATION"
	CodeIdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED"
	CodeInvalidTransition    = "INVALID_TRANSITION"
	CodeServiceNotAvailable  = "SERVICE_NOT_AVAILABLE"
	CodeNotARepresentative   = "NOT_A_REPRESENTATIVE"
	CodeEnterpriseNotActive  = "ENTERPRISE_NOT_ACTIVE"
	CodeMissingDocument      = "MISSING_DOCUMENT"
	CodeTooLate              = "TOO_LATE"
	CodeFileTooLarge         = "FILE_TOO_LARGE"
	CodeFileTypeNotAllowed   = "FILE_TYPE_NOT_ALLOWED"
	CodeNotFound             = "NOT_FOUND"
	CodeOriginalNotAmendable = "ORIGINAL_NOT_AMENDABLE"
	CodeBelowThreshold       = "BELOW_THRESHOLD"
	// CodeDuplicate: a value that must be unique in one input repeats an
	// earlier one (at the later one's path; validate's `unique` tag).
	CodeDuplicate = "DUPLICATE"
)

// UserError is one expected failure: which input field (a path such as
// ["delivery", "wardCode"]; empty for the input as a whole), a code, and a
// localized message.
type UserError struct {
	Field   []string
	Code    string
	Message i18n.Text
}

// Field builds a UserError for the field at path.
func Field(code string, msg i18n.Text, path ...string) UserError {
	return UserError{Field: path, Code: code, Message: msg}
}

// ValidationError carries the UserErrors of one refused request.
type ValidationError struct {
	Errors []UserError
}

func (e *ValidationError) Error() string {
	parts := make([]string, 0, len(e.Errors))
	for _, u := range e.Errors {
		parts = append(parts, strings.Join(u.Field, ".")+": "+u.Code)
	}
	return "invalid input: " + strings.Join(parts, ", ")
}

// Invalid returns a *ValidationError with errs, or nil when errs is empty.
func Invalid(errs ...UserError) error {
	if len(errs) == 0 {
		return nil
	}
	return &ValidationError{Errors: errs}
}

// AsUserErrors returns the UserErrors carried by err, if it is (or wraps) a
// *ValidationError.
func AsUserErrors(err error) ([]UserError, bool) {
	var v *ValidationError
	if errors.As(err, &v) {
		return v.Errors, true
	}
	return nil, false
}
