package e2e_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/validate"
)

// Issue 14 finding 20: NUL and control characters are refused as the
// client's mistake before they reach the database (which would answer
// INTERNAL and log a pq error).
func TestTrackApplicationRefusesNUL(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	for _, tt := range []struct{ name, code, idNumber string }{
		{"NUL in code", "BHXH-20261124-00000\x00", appAn.IDNumber},
		{"NUL in ID number", "BHXH-20261124-000001", "00109001234\x00"},
		{"escape in code", "BHXH\x1b[31m", appAn.IDNumber},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := srv.Do(t, apitest.Request{Query: `query($c: String!, $i: String!) { trackApplication(code: $c, idNumber: $i) { code } }`,
				Variables: map[string]any{"c": tt.code, "i": tt.idNumber}})
			if got, want := resp.ErrorCodes(), []string{"BAD_USER_INPUT"}; fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("got error codes %v, want %v (%s)", got, want, resp)
			}
		})
	}
}

func TestPublishServiceRefusesControlCharacters(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	evn := srv.AgencyKey(t, "EVN")
	for _, code := range []string{"EVN-METER\x00", "EVN\x01METER", strings.Repeat("A", 65)} {
		var pub publishData
		resp := srv.Do(t, apitest.Request{Query: publishServiceMutation, Variables: map[string]any{"input": map[string]any{"code": code}}, Token: evn})
		if len(resp.Errors) != 0 {
			t.Fatalf("publishService(%q): got errors %+v, want a userError", code, resp.Errors)
		}
		resp.Decode(t, &pub)
		if ues := pub.PublishService.UserErrors; len(ues) != 1 || strings.Join(ues[0].Field, ".") != "code" || ues[0].Code != "INVALID" {
			t.Fatalf("publishService(%q): got userErrors %+v, want one INVALID at code", code, ues)
		}
	}
}

func TestDraftPatternMustBeOneLineOfText(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	evn := srv.AgencyKey(t, "EVN")
	for _, pattern := range []string{"P[A-Z0-9]{12}\x00", "P[A-Z0-9]{12}\x01", "P\n[0-9]+", "P[A-Z0-9]{12}\u2028"} {
		in := partnerService("EVN-METER")
		in["form"].(map[string]any)["fields"].([]any)[0].(map[string]any)["pattern"] = pattern
		var d draftData
		resp := srv.Do(t, apitest.Request{Query: upsertServiceDraftMutation, Variables: map[string]any{"input": in}, Token: evn})
		if len(resp.Errors) != 0 {
			t.Fatalf("pattern %q: got errors %+v, want a userError", pattern, resp.Errors)
		}
		resp.Decode(t, &d)
		ues := d.UpsertServiceDraft.UserErrors
		if len(ues) != 1 || strings.Join(ues[0].Field, ".") != "form.fields.0.pattern" || d.UpsertServiceDraft.Service != nil {
			t.Fatalf("pattern %q: got userErrors %+v, want one at form.fields.0.pattern and no draft", pattern, ues)
		}
	}
	if n := appCount(t, srv, "catalogue_service_versions WHERE service_code = 'EVN-METER'"); n != 0 {
		t.Fatalf("got %d stored versions, want 0", n)
	}
}

// Issue 14 finding 21: form data with thousands of unknown keys gets a
// bounded answer, not one userError per key.
func TestFormDataErrorsAreCapped(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	an := srv.Register(t, appAn)
	form := map[string]any{"socialInsuranceCode": appAn.SocialInsuranceCode, "reason": "LOST"}
	for i := range 5000 {
		form[fmt.Sprintf("k%04d", i)] = 1
	}
	resp := srv.Do(t, apitest.Request{Token: an, Query: `mutation($in: SubmitApplicationInput!) {
		submitApplication(input: $in) { application { id } userErrors { field message code } } }`,
		Variables: map[string]any{"in": map[string]any{"serviceCode": "HC-REISSUE", "caseCode": "LOST", "formData": form,
			"delivery": appPostal(), "captcha": srv.Captcha(t).Input(), "idempotencyKey": "k"}}})
	if len(resp.Errors) > 0 {
		t.Fatalf("submitApplication: got errors %+v", resp.Errors)
	}
	var d struct{ SubmitApplication appPayload }
	resp.Decode(t, &d)
	ues := d.SubmitApplication.UserErrors
	if got, want := len(ues), validate.MaxUserErrors+1; got != want {
		t.Fatalf("got %d userErrors (%d bytes), want %d", got, len(resp.Body), want)
	}
	if first := strings.Join(ues[0].Field, "."); first != "formData.k0000" {
		t.Errorf("got first userError at %s, want formData.k0000", first)
	}
	if last := ues[len(ues)-1]; len(last.Field) != 0 || !strings.Contains(last.Message, "4980") {
		t.Errorf("got last userError %+v, want a summary without a field counting 4980 more", last)
	}
}
