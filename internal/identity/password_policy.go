package identity

import (
	_ "embed"
	"strings"
	"unicode/utf8"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/validate"
)

//go:generate go run commonpasswords_gen.go

// Password length bounds, in characters (NIST SP 800-63B: no composition rules).
const (
	MinPasswordLen = 8
	MaxPasswordLen = 128
)

//go:embed common_passwords.txt
var commonPasswordsText string

// commonPasswords is the refused list, lower-cased.
var commonPasswords = func() map[string]struct{} {
	m := make(map[string]struct{}, 12000)
	for _, line := range strings.Split(commonPasswordsText, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			m[line] = struct{}{}
		}
	}
	return m
}()

// CommonPasswordCount is how many passwords the policy refuses as common.
func CommonPasswordCount() int { return len(commonPasswords) }

// checkPassword applies the password policy; field is the input path of the
// password. The password is never part of the message.
func checkPassword(password string, field ...string) *apperr.UserError {
	n := utf8.RuneCountInString(password)
	switch {
	case password == "":
		return userErr(apperr.CodeRequired, msgRequired, field...)
	case !validate.SafeText(password, false):
		return userErr(apperr.CodeInvalid, msgControlChars, field...)
	case n < MinPasswordLen:
		return userErr(apperr.CodeInvalid, msgPasswordShort, field...)
	case n > MaxPasswordLen:
		return userErr(apperr.CodeInvalid, msgPasswordLong, field...)
	}
	if _, common := commonPasswords[strings.ToLower(password)]; common {
		return userErr(apperr.CodeInvalid, msgPasswordCommon, field...)
	}
	return nil
}

func userErr(code string, msg i18n.Text, field ...string) *apperr.UserError {
	return &apperr.UserError{Field: field, Code: code, Message: msg}
}
