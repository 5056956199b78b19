package e2e_test

import (
	"testing"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/population"
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

// Thin wrappers under the old names (old name → client), kept so that tests
// written against them on branches in flight still merge; remove them once
// those have landed. Nothing here uses them, hence the lint:ignore.

// inbox is the server's OTP inbox (apitest.Inbox).
//
//lint:ignore U1000 old helper name, kept for branches in flight
type inbox struct{}

// newInbox → srv.Inbox() (one per server data directory, made on demand).
//
//lint:ignore U1000 old helper name, kept for branches in flight
func newInbox() *inbox { return &inbox{} }

// code → srv.OTP(t, phone).
//
//lint:ignore U1000 old helper name, kept for branches in flight
func (*inbox) code(t testing.TB, srv *apitest.Server, phone string) string {
	t.Helper()
	return srv.OTP(t, phone)
}

// personas → apitest.Personas().
//
//lint:ignore U1000 old helper name, kept for branches in flight
func personas(testing.TB) []population.Person { return apitest.Personas() }

// registered → srv.Register(t, p).
//
//lint:ignore U1000 old helper name, kept for branches in flight
func registered(t testing.TB, srv *apitest.Server, _ *inbox, p population.Person) string {
	t.Helper()
	return srv.Register(t, p)
}

// appRegister → srv.Register(t, p).
//
//lint:ignore U1000 old helper name, kept for branches in flight
func appRegister(t testing.TB, srv *apitest.Server, p population.Person) string {
	t.Helper()
	return srv.Register(t, p)
}

// appLogin → srv.Login(t, p).
//
//lint:ignore U1000 old helper name, kept for branches in flight
func appLogin(t testing.TB, srv *apitest.Server, p population.Person) string {
	t.Helper()
	return srv.Login(t, p)
}

// appCaptcha → srv.Captcha(t).Input().
//
//lint:ignore U1000 old helper name, kept for branches in flight
func appCaptcha(t testing.TB, srv *apitest.Server) map[string]any {
	t.Helper()
	return srv.Captcha(t).Input()
}

// appAgencyKey → srv.AgencyKey(t, agency).
//
//lint:ignore U1000 old helper name, kept for branches in flight
func appAgencyKey(t testing.TB, srv *apitest.Server, agency string) string {
	t.Helper()
	return srv.AgencyKey(t, agency)
}
