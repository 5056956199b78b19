package e2e_test

import (
	"encoding/json"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/config"
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
	srv := apitest.New(t, apitest.WithConfig(func(c *config.Config) {
		c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("::1/128")}
	}))
	artifacts, err := filepath.Abs(filepath.Join("..", "..", "web", "e2e", "artifacts"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := json.Marshal(map[string]string{
		"baseURL":   srv.URL,
		"agencyKey": appAgencyKey(t, srv, "BHXH"),
		"otherKey":  appAgencyKey(t, srv, "THUE"),
		"smsFile":   filepath.Join(srv.Config.DataDir, "sms.jsonl"),
		"artifacts": artifacts,
		"chromium":  chromium,
	})
	run := p.run(t, webTimeout, filepath.Join("e2e", "portal.mjs"), string(cfg))
	for _, line := range strings.Split(strings.TrimSpace(run.stdout), "\n") {
		t.Log(line)
	}
	if run.exitCode != 0 {
		t.Fatalf("browser suite failed (exit %d); screenshots in %s\nstderr:\n%s", run.exitCode, artifacts, run.stderr)
	}
}
