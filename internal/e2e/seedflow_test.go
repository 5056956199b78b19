package e2e_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apitest"
)

// TestSeedFlow is DESIGN.md §2 end to end through HTTP: register, log in,
// find the service, reissue by post, get the SMS with the code and the
// appointment date, the agency works the application to completion with an
// SMS at each notified status, and the citizen sees the history.
func TestSeedFlow(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	srv.Register(t, appAn)
	token := srv.Login(t, appAn)

	// Find "Cấp lại thẻ BHYT do mất, hỏng" without diacritics.
	resp := srv.Do(t, apitest.Request{Query: `query($f: ServiceFilter) { services(first: 5, filter: $f) { edges { node { code name } } } }`,
		Variables: map[string]any{"f": map[string]any{"search": "cap lai the bhyt"}}})
	var found struct {
		Services struct {
			Edges []struct{ Node struct{ Code, Name string } }
		}
	}
	resp.Decode(t, &found)
	if len(found.Services.Edges) == 0 || found.Services.Edges[0].Node.Code != "HC-REISSUE" {
		t.Fatalf("search: %+v", found)
	}

	// Reissue by post.
	p := appReissue(t, srv, token, appReissueInput(t, srv, appAn.SocialInsuranceCode, "LOST", appPostal(), "seed-flow-1"))
	if p.Application == nil {
		t.Fatalf("reissue: %+v", p.UserErrors)
	}
	app := p.Application
	if !regexp.MustCompile(`^BHXH-\d{8}-\d{6}$`).MatchString(app.Code) || app.Status != "SUBMITTED" ||
		app.Service.Code != "HC-REISSUE" || app.Service.Agency.Code != "BHXH" || app.Fee.Amount != 0 || app.Fee.Currency != "VND" ||
		app.Delivery.Method != "POSTAL" || app.Delivery.Address == nil || app.Delivery.Address.Formatted == "" ||
		strings.Contains(app.Delivery.Address.RecipientPhone, "2345") {
		t.Fatalf("application %+v", app)
	}
	date := app.AppointmentDate // YYYY-MM-DD
	ddmmyyyy := date[8:10] + "/" + date[5:7] + "/" + date[0:4]
	sms := srv.WaitSMS(t, func(s apitest.SMS) bool { return s.To == appAn.Phone && strings.Contains(s.Text, app.Code) })
	want := "BHXH: Ho so cap lai the BHYT so " + app.Code + " da duoc tiep nhan. Ngay hen tra ket qua: " + ddmmyyyy + "."
	if sms.Text != want {
		t.Fatalf("SMS %q, want %q", sms.Text, want)
	}

	// The agency's inbox has it; the agency works it to completion.
	key := srv.AgencyKey(t, "BHXH")
	resp = srv.Do(t, apitest.Request{Token: key, Query: `query($s: ApplicationStatus) {
		agencyApplications(status: $s, first: 50) { totalCount edges { node { id code status caseCode formData service { code } } } } }`,
		Variables: map[string]any{"s": "SUBMITTED"}})
	var inbox struct {
		AgencyApplications struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					ID, Code, Status, CaseCode string
					FormData                   map[string]any
				}
			}
		}
	}
	resp.Decode(t, &inbox)
	if inbox.AgencyApplications.TotalCount != 1 || inbox.AgencyApplications.Edges[0].Node.Code != app.Code ||
		inbox.AgencyApplications.Edges[0].Node.FormData["socialInsuranceCode"] != appAn.SocialInsuranceCode {
		t.Fatalf("inbox %+v", inbox)
	}
	steps := []struct {
		action, note, status, sms string
	}{
		{"RECEIVE", "", "RECEIVED", "da duoc tiep nhan"},
		{"START_PROCESSING", "", "PROCESSING", ""},
		{"MARK_RESULT_READY", "", "RESULT_READY", "da co ket qua"},
		{"COMPLETE", "Đã gửi qua bưu điện", "COMPLETED", "da hoan thanh"},
	}
	for _, s := range steps {
		got := appTransition(t, srv, key, app.ID, s.action, s.note, nil)
		if got.Application == nil || got.Application.Status != s.status {
			t.Fatalf("%s: %+v", s.action, got)
		}
		if s.sms != "" {
			srv.WaitSMS(t, func(m apitest.SMS) bool {
				return m.To == appAn.Phone && strings.Contains(m.Text, app.Code) && strings.Contains(m.Text, s.sms)
			})
		}
	}

	// The citizen sees it completed, with its history.
	resp = srv.Do(t, apitest.Request{Token: token, Query: `query($id: ID!) { node(id: $id) { ... on Application {
		code status history { at status action actor note } } } }`, Variables: map[string]any{"id": app.ID}})
	var detail struct {
		Node struct {
			Code, Status string
			History      []struct {
				At, Status, Action, Actor string
				Note                      *string
			}
		}
	}
	resp.Decode(t, &detail)
	var actions []string
	for _, h := range detail.Node.History {
		actions = append(actions, h.Action+":"+h.Status+":"+h.Actor)
	}
	wantHist := "SUBMIT:SUBMITTED:CITIZEN RECEIVE:RECEIVED:AGENCY START_PROCESSING:PROCESSING:AGENCY MARK_RESULT_READY:RESULT_READY:AGENCY COMPLETE:COMPLETED:AGENCY"
	if detail.Node.Status != "COMPLETED" || strings.Join(actions, " ") != wantHist {
		t.Fatalf("history %v, want %s", actions, wantHist)
	}
	resp = srv.Do(t, apitest.Request{Token: token, Query: `{ viewer { applications { totalCount edges { node { code status } } } } }`})
	if !strings.Contains(string(resp.Data), app.Code) || !strings.Contains(string(resp.Data), "COMPLETED") {
		t.Fatalf("viewer.applications %s", resp.Data)
	}
}
