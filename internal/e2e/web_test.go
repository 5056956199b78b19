package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/payment/vnpaysandbox"
	"github.com/dvcportal/dvcportal/internal/population"
	"github.com/dvcportal/dvcportal/internal/webapp"
)

// webTimeout bounds the whole browser suite (about 2–3 minutes on a busy 2-core machine).
const webTimeout = 10 * time.Minute

// TestWebPortalInABrowser runs the browser suite (web/e2e/portal.mjs,
// puppeteer-core driving the OS Chromium) against the real handler serving
// the embedded front end: the seed flow at desktop and phone sizes, the
// reissue form's userErrors, axe-core on every screen, keyboard only, the API
// down, hostile strings, session expiry, the agency console. Screenshots and
// the axe report go to web/e2e/artifacts (gitignored).
func TestWebPortalInABrowser(t *testing.T) {
	p := requireNodeProject(t, filepath.Join("..", "..", "web"))
	if !webapp.Built() {
		skipOrFailOnCI(t, "the front end is not built into this binary: run `make web` (npm ci + vite build into internal/webapp/dist)")
	}
	chromium := os.Getenv("DVC_CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		skipOrFailOnCI(t, "Chromium is missing at "+chromium+": run `make chromium` (apt-get install -y chromium)")
	}
	// The browser scenarios run side by side from one address; each sends its
	// own X-Forwarded-For so the per-client rate limits count each apart.
	payer, retry := apitest.PersonaNamed(webPayer), apitest.PersonaNamed(webRetryPayer)
	obligations, pay := webObligations(t, payer, retry)
	// The browser talks to one origin (the server's public URL): the portal, the
	// API, the VNPAY sandbox's pay page, its IPN and the return all live there,
	// as in `make run`. Its address must be known before the server is wired.
	var handler atomic.Pointer[http.Handler]
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { (*handler.Load()).ServeHTTP(w, r) }))
	t.Cleanup(front.Close)
	srv := apitest.New(t, apitest.WithConfig(func(c *config.Config) {
		c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("::1/128")}
		c.SandboxObligations = obligations
		c.PaymentPostage = webPostage
		c.PublicURL = front.URL
		c.VNPay.PayURL = front.URL + vnpaysandbox.PayPath
		c.VNPay.APIURL = front.URL + vnpaysandbox.APIPath
		c.VNPay.SettlementURL = front.URL + vnpaysandbox.SettlementPath
	}))
	handler.Store(&srv.App.Handler)
	// The template database holds the built-in reference data; this loads the suite's own obligations file too.
	if err := srv.App.LoadReferenceData(context.Background()); err != nil {
		t.Fatalf("load the browser suite's obligations file: %v", err)
	}
	srv.Register(t, payer)
	srv.Register(t, retry)
	artifacts, err := filepath.Abs(filepath.Join("..", "..", "web", "e2e", "artifacts"))
	if err != nil {
		t.Fatal(err)
	}
	pager := webSeedPager(t, srv)
	cfg, _ := json.Marshal(map[string]any{
		"baseURL":   front.URL,
		"agencyKey": srv.AgencyKey(t, "BHXH"),
		"otherKey":  srv.AgencyKey(t, "THUE"),
		"sctKey":    srv.AgencyKey(t, "SCT-01"),
		"smsFile":   filepath.Join(srv.Config.DataDir, "sms.jsonl"),
		"artifacts": artifacts,
		"chromium":  chromium,
		"pay":       pay,
		"only":      os.Getenv("DVC_WEB_ONLY"), // a regexp of scenario names, while working on some
		"pager":     map[string]string{"id": pager.IDNumber, "phone": "0" + strings.TrimPrefix(pager.Phone, "+84"), "password": apitest.Password},
	})
	run := p.run(t, webTimeout, filepath.Join("e2e", "portal.mjs"), string(cfg))
	for _, line := range strings.Split(strings.TrimSpace(run.stdout), "\n") {
		t.Log(line)
	}
	if run.exitCode != 0 {
		t.Fatalf("browser suite failed (exit %d); screenshots in %s\nstderr:\n%s", run.exitCode, artifacts, run.stderr)
	}
}

// webPagerApplications is one more than a page of the portal's lists (50).
const webPagerApplications = 51

// webSeedPager gives one citizen (not used by any other browser scenario)
// webPagerApplications applications through the API, each submitted then
// withdrawn (one open reissue per card): more than a page of "My
// applications" and of the agency inbox's Withdrawn list, for "load more".
func webSeedPager(t *testing.T, srv *apitest.Server) population.Person {
	t.Helper()
	p := apitest.PersonaNamed("Hoàng Văn Đức Lâm")
	token := srv.Register(t, p)
	for i := 0; i < webPagerApplications; i++ {
		// The per-citizen submission limits are not under test here.
		if _, err := srv.DB.Exec(`DELETE FROM rate_limits`); err != nil {
			t.Fatal(err)
		}
		in := appReissueInput(t, srv, p.SocialInsuranceCode, "LOST", appPostal(), fmt.Sprintf("web-pager-%d", i))
		pl := appReissue(t, srv, token, in)
		if pl.Application == nil {
			t.Fatalf("pager submission %d: %+v", i, pl.UserErrors)
		}
		resp := srv.Do(t, apitest.Request{Token: token, Query: `mutation($id: ID!) { cancelApplication(input: {applicationId: $id}) { userErrors { code message } } }`,
			Variables: map[string]any{"id": pl.Application.ID}})
		if len(resp.Errors) > 0 || strings.Contains(string(resp.Data), "code") {
			t.Fatalf("pager cancel %d: %s %+v", i, resp.Data, resp.Errors)
		}
	}
	if _, err := srv.DB.Exec(`DELETE FROM rate_limits`); err != nil {
		t.Fatal(err)
	}
	return p
}
