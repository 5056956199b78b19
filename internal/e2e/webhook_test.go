package e2e_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/webhook"
)

// partnerAgency is a partner's webhook endpoint: it fails the first
// attempts as scripted, verifies every signature with the secret the portal
// gave, and processes each delivery key once.
type partnerAgency struct {
	mu      sync.Mutex
	secret  []byte
	script  []string // per request: "500", "hang", else 200
	calls   int
	badSigs int
	seen    map[string]bool
	got     []webhook.Envelope
}

func (p *partnerAgency) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	p.mu.Lock()
	step := ""
	if p.calls < len(p.script) {
		step = p.script[p.calls]
	}
	p.calls++
	secret := p.secret
	p.mu.Unlock()
	switch step {
	case "500":
		w.WriteHeader(http.StatusInternalServerError)
		return
	case "hang":
		select {
		case <-r.Context().Done():
		case <-time.After(30 * time.Second):
		}
		return
	}
	if err := webhook.Verify(secret, r.Header.Get(webhook.HeaderSignature), body, 5*time.Minute); err != nil {
		p.mu.Lock()
		p.badSigs++
		p.mu.Unlock()
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	var env webhook.Envelope
	if err := json.Unmarshal(body, &env); err != nil || env.ID != r.Header.Get(webhook.HeaderIdempotency) {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	p.mu.Lock()
	if !p.seen[env.ID] {
		p.seen[env.ID] = true
		p.got = append(p.got, env)
	}
	p.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

func (p *partnerAgency) received() []webhook.Envelope {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]webhook.Envelope(nil), p.got...)
}

// TestPartnerServiceWebhook: a partner publishes a WEBHOOK service through
// the API; a citizen's application reaches its endpoint signed, exactly once
// although the endpoint answers 500 and then times out first; the partner
// moves it with transitionApplication.
func TestPartnerServiceWebhook(t *testing.T) {
	t.Parallel()
	p := &partnerAgency{script: []string{"500", "hang"}, seen: map[string]bool{}}
	hook := httptest.NewServer(p)
	defer hook.Close()
	srv := apitest.New(t, apitest.WithConfig(func(c *config.Config) {
		c.WebhookTimeout = 500 * time.Millisecond
		c.WebhookBackoff = 100 * time.Millisecond
	}))
	key := srv.AgencyKey(t, "EVN")
	appPublish(t, srv, key, "EVN-PARTNER-TEST", []map[string]any{
		{"channel": "ONLINE", "processingTime": map[string]any{"value": 2, "unit": "WORKING_DAY"}, "fees": []any{map[string]any{"amount": 10000, "currency": "VND"}}}},
		map[string]any{"kind": "WEBHOOK", "url": hook.URL})
	p.mu.Lock()
	p.secret = []byte(appWebhookSecret(t, srv, "EVN-PARTNER-TEST"))
	p.mu.Unlock()

	an := srv.Register(t, appAn)
	resp := srv.Do(t, apitest.Request{Token: an, Query: `mutation($in: SubmitApplicationInput!) {
		submitApplication(input: $in) { application { id code fee { amount } } userErrors { field code } } }`,
		Variables: map[string]any{"in": map[string]any{"serviceCode": "EVN-PARTNER-TEST", "caseCode": "DEFAULT",
			"formData": map[string]any{"note": "Hóa đơn tháng 11"}, "delivery": map[string]any{"method": "ELECTRONIC"},
			"captcha": srv.Captcha(t).Input(), "idempotencyKey": "partner-1"}}})
	var d struct{ SubmitApplication appPayload }
	resp.Decode(t, &d)
	app := d.SubmitApplication.Application
	if app == nil || app.Fee.Amount != 10000 {
		t.Fatalf("submit: %+v", d.SubmitApplication)
	}

	deadline := time.Now().Add(60 * time.Second)
	for len(p.received()) == 0 {
		if time.Now().After(deadline) {
			p.mu.Lock()
			calls := p.calls // the handler's goroutines write it under the lock
			p.mu.Unlock()
			t.Fatalf("no delivery after 60 s (%d calls)", calls)
		}
		time.Sleep(100 * time.Millisecond)
	}
	got := p.received()
	var data struct {
		ID, Code, Status string
		FormData         map[string]any
	}
	if err := json.Unmarshal(got[0].Data, &data); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Event != "application.submitted" || data.ID != app.ID || data.Code != app.Code || data.FormData["note"] != "Hóa đơn tháng 11" {
		t.Fatalf("delivered %+v %+v", got, data)
	}
	p.mu.Lock()
	calls, bad := p.calls, p.badSigs
	p.mu.Unlock()
	if calls < 3 || bad != 0 {
		t.Fatalf("calls %d (want 500, timeout, 200), bad signatures %d", calls, bad)
	}
	// The partner works the application with its key.
	for _, step := range []struct{ action, status string }{{"RECEIVE", "RECEIVED"}, {"START_PROCESSING", "PROCESSING"}, {"MARK_RESULT_READY", "RESULT_READY"}} {
		r := appTransition(t, srv, key, data.ID, step.action, "", nil)
		if r.Application == nil || r.Application.Status != step.status {
			t.Fatalf("%s: %+v", step.action, r)
		}
	}
	srv.WaitSMS(t, func(m apitest.SMS) bool {
		return m.To == appAn.Phone && strings.Contains(m.Text, app.Code) && strings.Contains(m.Text, "da co ket qua")
	})
}

// appWebhookSecret reads a service's signing secret through the catalogue's
// Go API (the partner got it once, in the upsertServiceDraft answer).
func appWebhookSecret(t testing.TB, srv *apitest.Server, code string) string {
	t.Helper()
	v, err := srv.App.Resolver.CatalogueStore.CurrentVersion(context.Background(), code)
	if err != nil || v.Handler.Secret == "" {
		t.Fatalf("secret of %s: %v", code, err)
	}
	return v.Handler.Secret
}
