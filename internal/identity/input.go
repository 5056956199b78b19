package identity

import (
	"errors"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// CaptchaAnswer is a client's answer to a captcha.
type CaptchaAnswer struct {
	ID     string
	Answer string
}

// Field length bounds of the inputs, in characters.
const (
	maxFullName      = 100
	maxCaptchaAnswer = 32
)

// checks collects the UserErrors of one input.
type checks []apperr.UserError

func (c *checks) add(e *apperr.UserError) {
	if e != nil {
		*c = append(*c, *e)
	}
}

func (c checks) err() error { return apperr.Invalid(c...) }

// hasControl reports whether s holds a control character (NUL included).
func hasControl(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) {
			return true
		}
	}
	return false
}

// checkText refuses an empty, malformed or over-long free-text field.
func checkText(s string, max int, field ...string) *apperr.UserError {
	switch {
	case s == "":
		return userErr(apperr.CodeRequired, msgRequired, field...)
	case !utf8.ValidString(s) || hasControl(s):
		return userErr(apperr.CodeInvalid, msgControlChars, field...)
	case utf8.RuneCountInString(s) > max:
		return userErr(apperr.CodeInvalid, msgTooLong, field...)
	}
	return nil
}

// checkPattern refuses an empty field, or one that ok rejects.
func checkPattern(s string, ok func(string) bool, msg i18n.Text, field ...string) *apperr.UserError {
	if s == "" {
		return userErr(apperr.CodeRequired, msgRequired, field...)
	}
	if !ok(s) {
		return userErr(apperr.CodeInvalid, msg, field...)
	}
	return nil
}

// checkCaptcha checks the shape of a captcha answer (not its value).
func checkCaptcha(c CaptchaAnswer) checks {
	var cs checks
	if c.ID == "" {
		cs.add(userErr(apperr.CodeRequired, msgRequired, "captcha", "id"))
	} else if !captcha.ValidID(c.ID) {
		cs.add(userErr(apperr.CodeInvalid, msgCaptchaID, "captcha", "id"))
	}
	cs.add(checkText(c.Answer, maxCaptchaAnswer, "captcha", "answer"))
	return cs
}

// checkIDNumberAgainstDOB checks an ID number's structure against a date of
// birth: its century digit and year digits must agree.
func checkIDNumberAgainstDOB(id string, dob time.Time) *apperr.UserError {
	err := vnid.ValidateIDNumber(id, dob, "")
	switch {
	case err == nil:
		return nil
	case errors.Is(err, vnid.ErrIDNumberCentury), errors.Is(err, vnid.ErrIDNumberYear):
		return userErr(apperr.CodeInvalid, msgIDNumberDOB, "idNumber")
	case errors.Is(err, vnid.ErrBirthYear):
		return userErr(apperr.CodeInvalid, msgDateOfBirth, "dateOfBirth")
	default:
		return userErr(apperr.CodeInvalid, msgIDNumber, "idNumber")
	}
}
