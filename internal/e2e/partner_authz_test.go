package e2e_test

import (
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apitest"
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
