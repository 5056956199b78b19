package identity

import (
	"errors"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/validate"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// valid checks every identity input (package validate's rules and messages).
var valid = validate.New()

// Tag lists of the identity inputs (package validate).
const (
	tagFullName = "nonblank,safetext,max=100"
	tagIDNumber = "required,idnumber"
)

// checks collects the UserErrors of one input.
type checks = validate.Errors

// checkCaptcha checks the shape of a captcha answer (not its value).
func checkCaptcha(c captcha.Answer) []apperr.UserError {
	return valid.StructAt(c, "captcha")
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
