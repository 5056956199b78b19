package e2e_test

import (
	"testing"

	"github.com/dvcportal/dvcportal/internal/apitest"
)

// The end-to-end test client is apitest's: srv.Captcha, srv.Register,
// srv.Login, srv.OTP, srv.AgencyKey, srv.Mutate, apitest.PersonaNamed and
// apitest.PersonaWith. This file holds the identity tests' own query and
// assertions, and thin wrappers under the old helper names so tests written
// against them on other branches still build (prefer the client in new tests).

const meDoc = `query Me {
  viewer {
    citizen {
      id
      fullName
      dateOfBirth
      maskedIdNumber
      maskedPhone
      socialInsuranceCode
      healthInsuranceCard { number validFrom validTo registeredClinic }
      address { provinceCode wardCode street formatted }
    }
  }
}`

// oneError fails unless errs is exactly one UserError with code.
func oneError(t testing.TB, errs []apitest.UserError, code string) apitest.UserError {
	t.Helper()
	if len(errs) != 1 || errs[0].Code != code {
		t.Fatalf("userErrors: got %+v, want one %s", errs, code)
	}
	if errs[0].Message == "" {
		t.Fatalf("UserError %s: got no message, want one", code)
	}
	return errs[0]
}

// errorCode returns the extensions.code of the response's only error.
func errorCode(t testing.TB, resp *apitest.Response) string {
	t.Helper()
	if len(resp.Errors) != 1 {
		t.Fatalf("errors: got %+v, want one", resp.Errors)
	}
	return resp.Errors[0].Code()
}
