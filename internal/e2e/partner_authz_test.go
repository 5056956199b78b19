package e2e_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/partner"
)

// TestCitizenCannotUsePartnerOperations: a citizen session is not an agency
// key; every partner operation answers FORBIDDEN and changes nothing.
func TestCitizenCannotUsePartnerOperations(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	an := srv.Register(t, appAn)
	ops := []apitest.Request{
		{Query: upsertServiceDraftMutation, Variables: map[string]any{"input": partnerService("EVN-CITIZEN-TRY")}},
		{Query: publishServiceMutation, Variables: map[string]any{"input": map[string]any{"code": "HC-REISSUE"}}},
		{Query: `query { catalogueChanges(since: "2020-01-01T00:00:00Z") { serviceCode } }`},
		{Query: `query { agencyApplications(first: 5) { totalCount } }`},
	}
	for _, op := range ops {
		op.Token = an
		resp := srv.Do(t, op)
		if got := strings.Join(resp.ErrorCodes(), ","); got != "FORBIDDEN" {
			t.Errorf("%.40s…: codes %q, want FORBIDDEN (%s)", op.Query, got, resp)
		}
	}
	var data struct{ Service *struct{ Code string } }
	srv.Do(t, apitest.Request{Query: `{ service(code: "EVN-CITIZEN-TRY") { code } }`}).MustOK(t).Decode(t, &data)
	if data.Service != nil {
		t.Fatal("a citizen created a service")
	}
}

// TestAgencyKeyScopes: a key minted for the catalogue cannot read or move
// applications, and one minted for applications cannot touch the catalogue
// (`dvcportal agency create-key --scope`). A key with both scopes (the
// default) may do both.
func TestAgencyKeyScopes(t *testing.T) {
	srv := apitest.New(t)
	keyWith := func(scopes ...string) string {
		t.Helper()
		_, key, err := partner.NewKeys(srv.DB).Create(context.Background(), "EVN", "scopes", scopes...)
		if err != nil {
			t.Fatal(err)
		}
		return key
	}
	catalogueOnly, applicationsOnly, both := keyWith(auth.ScopeCatalogue), keyWith(auth.ScopeApplications), keyWith()
	appOps := []apitest.Request{
		{Query: `query { agencyApplications(first: 5) { totalCount } }`},
		{Query: `mutation { transitionApplication(input: {applicationId: "QXBwbGljYXRpb246MQ", action: RECEIVE}) { application { id } } }`},
	}
	catalogueOps := []apitest.Request{
		{Query: upsertServiceDraftMutation, Variables: map[string]any{"input": partnerService("EVN-SCOPE-TRY")}},
		{Query: publishServiceMutation, Variables: map[string]any{"input": map[string]any{"code": "EVN-SCOPE-TRY"}}},
		{Query: `query { catalogueChanges(since: "2020-01-01T00:00:00Z") { serviceCode } }`},
	}
	for _, tt := range []struct {
		name string
		key  string
		ops  []apitest.Request
	}{{"catalogue-only key", catalogueOnly, appOps}, {"applications-only key", applicationsOnly, catalogueOps}} {
		for _, op := range tt.ops {
			op.Token = tt.key
			if got := strings.Join(srv.Do(t, op).ErrorCodes(), ","); got != "FORBIDDEN" {
				t.Errorf("%s, %.50s…: codes %q, want FORBIDDEN", tt.name, op.Query, got)
			}
		}
	}
	srv.Do(t, apitest.Request{Query: appOps[0].Query, Token: both}).MustOK(t)
	srv.Do(t, apitest.Request{Query: catalogueOps[2].Query, Token: both}).MustOK(t)
	srv.Do(t, apitest.Request{Query: appOps[0].Query, Token: applicationsOnly}).MustOK(t)
	srv.Do(t, apitest.Request{Query: catalogueOps[2].Query, Token: catalogueOnly}).MustOK(t)
}
