// Package config owns the server's settings: read once from the environment
// (see the README's configuration table and contract/running.md), checked,
// and passed down explicitly. Nothing else reads the environment.
package config

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

// Config is every setting of the server.
type Config struct {
	Addr            string         // DVC_ADDR
	Env             string         // DVC_ENV: development | production
	DataDir         string         // DVC_DATA_DIR
	DatabaseURL     string         // DATABASE_URL; empty = private cluster in DataDir/postgres
	Secret          []byte         // DVC_SECRET; random per data dir in development
	SandboxPersonas string         // SANDBOX_PERSONAS; empty = built-in personas
	CaptchaProvider string         // CAPTCHA_PROVIDER: image | test
	SMSProvider     string         // SMS_PROVIDER: file | http
	SMSHTTPURL      string         // SMS_HTTP_URL
	SMSHTTPToken    string         // SMS_HTTP_TOKEN
	SMSTemplatesDir string         // DVC_SMS_TEMPLATES_DIR: operator overrides of the SMS texts (<name>.<lang>.txt)
	TrustedProxies  []netip.Prefix // DVC_TRUSTED_PROXIES: comma-separated CIDRs
	Introspection   bool           // DVC_INTROSPECTION; default on outside production
	UnitsFile       string         // DVC_UNITS_FILE: ward list imported at start when set
	ShutdownTimeout time.Duration  // DVC_SHUTDOWN_TIMEOUT: bound on in-flight requests and running jobs at stop
	JobTimeout      time.Duration  // DVC_JOB_TIMEOUT: bound on one run of a background job (default 1m)
	Worker          bool           // DVC_WORKER: run background workers in this process (default true)
	LogLevel        slog.Level     // DVC_LOG_LEVEL: debug | info | warn | error (default info)
	WebhookTimeout  time.Duration  // DVC_WEBHOOK_TIMEOUT: per-attempt timeout of agency webhooks (0 = the webhook default)
	WebhookBackoff  time.Duration  // DVC_WEBHOOK_BACKOFF: first retry delay of agency webhooks (0 = the webhook default)
	// RateLimits: DVC_RATE_LIMIT_* (N/DURATION or 0 = off), each defaulting
	// to ratelimit.Defaults; see ratelimit.Limits.Settings for the names.
	RateLimits   ratelimit.Limits
	PartnerProxy *url.URL // DVC_PARTNER_PROXY: proxy for requests to partner systems (unset: direct; HTTP(S)_PROXY is ignored for them)
	// MemoryLimit is the Go heap's soft limit in bytes (DVC_MEMORY_LIMIT,
	// default 512MiB; the GOMEMLIMIT environment variable, when set, wins):
	// the server collects garbage by it and a raised GOGC (GCPercent) rather
	// than at every doubling of a small live heap.
	MemoryLimit int64
	// GCPercent is GOGC (DVC_GOGC, default 1000; the GOGC environment
	// variable, when set, wins). Within MemoryLimit it only trades memory
	// for CPU: the heap grows to 11× the live data before a collection.
	// Each login's argon2id verification allocates 19 MiB, so the heap
	// grows fast whatever the live data; at 1000 (a ~35 MB live heap
	// under logins, collected at ~390 MB) a cycle comes every ~17 logins
	// instead of every ~7 at 400, and GC costs ~0.35 ms per login instead of
	// ~0.85 (issue 13).
	GCPercent int
	// DBMaxConns is the size of the process's PostgreSQL pool
	// (DVC_DB_MAX_CONNS; 0, the default, is postgres.DefaultMaxConns: four
	// per CPU the process may use, at least 8). Size it from the database's
	// cores when PostgreSQL runs on a machine of its own.
	DBMaxConns int

	PublicURL            string   // DVC_PUBLIC_URL: base of the IPN and return URLs given to the payment provider
	PaymentProvider      string   // PAYMENT_PROVIDER: sandbox | vnpay
	PaymentReturnOrigins []string // PAYMENT_RETURN_ORIGINS: origins (besides PublicURL's) a return URL may point to
	VNPay                VNPay    // VNPAY_*: the sandbox's own when PAYMENT_PROVIDER=sandbox
	SandboxObligations   string   // SANDBOX_OBLIGATIONS: the sandbox obligations file; empty = the built-in one
	PaymentPostage       int64    // PAYMENT_POSTAGE: VND of the POSTAGE line when a fine's held papers come back by post (default 0)
	// Now is the clock of quotes and payments (nil: time.Now). Not an
	// environment setting: tests set it to pay "yesterday" or "tomorrow".
	Now func() time.Time

	SandboxBusinesses string // SANDBOX_BUSINESSES; empty = the built-in business registry file
	DocumentStore     string // DVC_DOCUMENT_STORE: blob URL (s3://…, file:///…); empty = file DataDir/documents
	UploadMaxFile     int64  // DVC_UPLOAD_MAX_FILE: bytes per uploaded file (default 20 MiB)
	UploadMaxPending  int    // DVC_UPLOAD_MAX_PENDING: uploads one citizen or agency may hold unattached (default 50)
}

// VNPay is the VNPAY 2.1.0 merchant configuration. HashSecret is a secret:
// never log it.
type VNPay struct {
	TmnCode       string // VNPAY_TMN_CODE
	HashSecret    string // VNPAY_HASH_SECRET
	PayURL        string // VNPAY_PAY_URL
	APIURL        string // VNPAY_API_URL
	SettlementURL string // VNPAY_SETTLEMENT_URL: optional, GET ?date=YYYY-MM-DD gives the settlement CSV
}

// The in-process VNPAY sandbox (internal/payment/vnpaysandbox; its tests
// check these match its own constants).
const (
	SandboxTmnCode        = "DVCSANDB"
	SandboxHashSecret     = "DVCPORTAL-SANDBOX-HASH-SECRET-NOT-FOR-PRODUCTION"
	SandboxPayPath        = "/sandbox/vnpay/pay"
	SandboxAPIPath        = "/sandbox/vnpay/api"
	SandboxSettlementPath = "/sandbox/vnpay/settlement"
)

// Production reports whether the server runs in production mode.
func (c Config) Production() bool { return c.Env == "production" }

// FromEnv reads the configuration from the environment.
func FromEnv() (Config, error) { return Parse(os.Getenv) }

// Parse reads the configuration through getenv and checks it. The secret is
// not resolved here: see ResolveSecret.
func Parse(getenv func(string) string) (Config, error) {
	get := func(k, def string) string {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return v
		}
		return def
	}
	c := Config{
		Addr:            get("DVC_ADDR", "127.0.0.1:8080"),
		Env:             get("DVC_ENV", "development"),
		DataDir:         get("DVC_DATA_DIR", ".data"),
		DatabaseURL:     get("DATABASE_URL", ""),
		SandboxPersonas: get("SANDBOX_PERSONAS", ""),
		CaptchaProvider: get("CAPTCHA_PROVIDER", "image"),
		SMSProvider:     get("SMS_PROVIDER", "file"),
		SMSHTTPURL:      get("SMS_HTTP_URL", ""),
		SMSHTTPToken:    get("SMS_HTTP_TOKEN", ""),
		SMSTemplatesDir: get("DVC_SMS_TEMPLATES_DIR", ""),
		UnitsFile:       get("DVC_UNITS_FILE", ""),

		SandboxBusinesses: get("SANDBOX_BUSINESSES", ""),
		DocumentStore:     get("DVC_DOCUMENT_STORE", ""),
	}
	var errs []error
	if c.Env != "development" && c.Env != "production" {
		errs = append(errs, fmt.Errorf("DVC_ENV must be development or production, not %q", c.Env))
	}
	if c.CaptchaProvider != "image" && c.CaptchaProvider != "test" {
		errs = append(errs, fmt.Errorf("CAPTCHA_PROVIDER must be image or test, not %q", c.CaptchaProvider))
	}
	if c.Production() && c.CaptchaProvider == "test" {
		errs = append(errs, errors.New("CAPTCHA_PROVIDER=test is refused when DVC_ENV=production"))
	}
	switch c.SMSProvider {
	case "file":
		if c.Production() {
			errs = append(errs, errors.New("SMS_PROVIDER=file (the default) is refused when DVC_ENV=production: set SMS_PROVIDER=http"))
		}
	case "http":
		if c.SMSHTTPURL == "" {
			errs = append(errs, errors.New("SMS_PROVIDER=http needs SMS_HTTP_URL"))
		}
	default:
		errs = append(errs, fmt.Errorf("SMS_PROVIDER must be file or http, not %q", c.SMSProvider))
	}
	if s := getenv("DVC_SECRET"); s != "" {
		if len(s) < 32 {
			errs = append(errs, errors.New("DVC_SECRET must be at least 32 characters"))
		}
		c.Secret = []byte(s)
	} else if c.Production() {
		errs = append(errs, errors.New("DVC_SECRET is required when DVC_ENV=production"))
	}
	for _, p := range strings.Split(getenv("DVC_TRUSTED_PROXIES"), ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		pfx, err := netip.ParsePrefix(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("DVC_TRUSTED_PROXIES: %q is not a CIDR prefix", p))
			continue
		}
		c.TrustedProxies = append(c.TrustedProxies, pfx)
	}
	var err error
	if c.UploadMaxFile, err = strconv.ParseInt(get("DVC_UPLOAD_MAX_FILE", strconv.Itoa(20<<20)), 10, 64); err != nil || c.UploadMaxFile < 1 || c.UploadMaxFile > 1<<30 {
		errs = append(errs, errors.New("DVC_UPLOAD_MAX_FILE must be a number of bytes from 1 to 1073741824"))
	}
	if c.UploadMaxPending, err = strconv.Atoi(get("DVC_UPLOAD_MAX_PENDING", "50")); err != nil || c.UploadMaxPending < 1 {
		errs = append(errs, errors.New("DVC_UPLOAD_MAX_PENDING must be a positive number"))
	}
	if c.Introspection, err = parseBool(get("DVC_INTROSPECTION", strconv.FormatBool(!c.Production()))); err != nil {
		errs = append(errs, fmt.Errorf("DVC_INTROSPECTION: %w", err))
	}
	if c.Worker, err = parseBool(get("DVC_WORKER", "true")); err != nil {
		errs = append(errs, fmt.Errorf("DVC_WORKER: %w", err))
	}
	if c.ShutdownTimeout, err = time.ParseDuration(get("DVC_SHUTDOWN_TIMEOUT", "15s")); err != nil || c.ShutdownTimeout <= 0 {
		errs = append(errs, errors.New("DVC_SHUTDOWN_TIMEOUT must be a positive duration such as 15s"))
	}
	if c.JobTimeout, err = time.ParseDuration(get("DVC_JOB_TIMEOUT", "1m")); err != nil || c.JobTimeout <= 0 {
		errs = append(errs, errors.New("DVC_JOB_TIMEOUT must be a positive duration such as 1m"))
	}
	if err := c.LogLevel.UnmarshalText([]byte(get("DVC_LOG_LEVEL", "info"))); err != nil {
		errs = append(errs, fmt.Errorf("DVC_LOG_LEVEL must be debug, info, warn or error"))
	}
	if raw := getenv("DVC_PARTNER_PROXY"); raw != "" {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, errors.New("DVC_PARTNER_PROXY must be an http(s) URL"))
		} else {
			c.PartnerProxy = u
		}
	}
	for _, d := range []struct {
		name string
		into *time.Duration
	}{{"DVC_WEBHOOK_TIMEOUT", &c.WebhookTimeout}, {"DVC_WEBHOOK_BACKOFF", &c.WebhookBackoff}} {
		if raw := getenv(d.name); raw != "" {
			v, err := time.ParseDuration(raw)
			if err != nil || v <= 0 {
				errs = append(errs, fmt.Errorf("%s must be a positive duration such as 2s", d.name))
			}
			*d.into = v
		}
	}
	c.RateLimits = ratelimit.Defaults
	for _, s := range c.RateLimits.Settings() {
		if raw := strings.TrimSpace(getenv(s.Env)); raw != "" {
			l, err := ratelimit.ParseLimit(raw)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", s.Env, err))
				continue
			}
			*s.Limit = l
		}
	}
	if c.MemoryLimit, err = parseBytes(get("DVC_MEMORY_LIMIT", "512MiB")); err != nil || c.MemoryLimit < 64<<20 {
		errs = append(errs, errors.New("DVC_MEMORY_LIMIT must be a size of at least 64MiB such as 512MiB or 2GiB"))
	}
	if c.GCPercent, err = strconv.Atoi(get("DVC_GOGC", "1000")); err != nil || c.GCPercent < 50 {
		errs = append(errs, errors.New("DVC_GOGC must be a whole number of at least 50 such as 1000"))
	}
	if c.DBMaxConns, err = strconv.Atoi(get("DVC_DB_MAX_CONNS", "0")); err != nil || c.DBMaxConns < 0 || c.DBMaxConns > 1000 {
		errs = append(errs, errors.New("DVC_DB_MAX_CONNS must be a whole number from 1 to 1000, or 0 for four per CPU"))
	}
	errs = append(errs, c.parsePayments(getenv, get)...)
	return c, errors.Join(errs...)
}

// parsePayments reads DVC_PUBLIC_URL, PAYMENT_PROVIDER, PAYMENT_RETURN_ORIGINS
// and VNPAY_* (contract/running.md § Payments in sandbox mode).
func (c *Config) parsePayments(getenv func(string) string, get func(k, def string) string) []error {
	var errs []error
	c.PublicURL = strings.TrimRight(get("DVC_PUBLIC_URL", "http://"+c.Addr), "/")
	if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		errs = append(errs, fmt.Errorf("DVC_PUBLIC_URL: %q is not an absolute http(s) URL without query", c.PublicURL))
	}
	def := "sandbox"
	if c.Production() {
		def = "vnpay"
	}
	c.PaymentProvider = get("PAYMENT_PROVIDER", def)
	c.SandboxObligations = get("SANDBOX_OBLIGATIONS", "")
	var perr error
	if c.PaymentPostage, perr = strconv.ParseInt(get("PAYMENT_POSTAGE", "0"), 10, 64); perr != nil || c.PaymentPostage < 0 || c.PaymentPostage > 10_000_000 {
		errs = append(errs, errors.New("PAYMENT_POSTAGE must be whole VND from 0 to 10000000"))
	}
	for _, o := range strings.Split(getenv("PAYMENT_RETURN_ORIGINS"), ",") {
		if o = strings.TrimSpace(o); o == "" {
			continue
		}
		norm, err := origin(o)
		if err != nil || norm != strings.ToLower(strings.TrimRight(o, "/")) {
			errs = append(errs, fmt.Errorf("PAYMENT_RETURN_ORIGINS: %q is not an origin such as https://portal.example.vn", o))
			continue
		}
		c.PaymentReturnOrigins = append(c.PaymentReturnOrigins, norm)
	}
	c.VNPay = VNPay{
		TmnCode:       get("VNPAY_TMN_CODE", ""),
		HashSecret:    strings.TrimSpace(getenv("VNPAY_HASH_SECRET")),
		PayURL:        get("VNPAY_PAY_URL", ""),
		APIURL:        get("VNPAY_API_URL", ""),
		SettlementURL: get("VNPAY_SETTLEMENT_URL", ""),
	}
	switch c.PaymentProvider {
	case "sandbox":
		if c.Production() {
			errs = append(errs, errors.New("PAYMENT_PROVIDER=sandbox is refused when DVC_ENV=production"))
		}
		fill := func(p *string, v string) {
			if *p == "" {
				*p = v
			}
		}
		fill(&c.VNPay.TmnCode, SandboxTmnCode)
		fill(&c.VNPay.HashSecret, SandboxHashSecret)
		fill(&c.VNPay.PayURL, c.PublicURL+SandboxPayPath)
		fill(&c.VNPay.APIURL, c.PublicURL+SandboxAPIPath)
		fill(&c.VNPay.SettlementURL, c.PublicURL+SandboxSettlementPath)
	case "vnpay":
		if c.VNPay.TmnCode == "" || c.VNPay.HashSecret == "" || c.VNPay.PayURL == "" || c.VNPay.APIURL == "" {
			errs = append(errs, errors.New("PAYMENT_PROVIDER=vnpay needs VNPAY_TMN_CODE, VNPAY_HASH_SECRET, VNPAY_PAY_URL and VNPAY_API_URL"))
		}
	default:
		errs = append(errs, fmt.Errorf("PAYMENT_PROVIDER must be sandbox or vnpay, not %q", c.PaymentProvider))
	}
	for _, u := range []struct{ name, v string }{{"VNPAY_PAY_URL", c.VNPay.PayURL}, {"VNPAY_API_URL", c.VNPay.APIURL}, {"VNPAY_SETTLEMENT_URL", c.VNPay.SettlementURL}} {
		if u.v == "" {
			continue
		}
		p, err := url.Parse(u.v)
		switch {
		case err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "":
			errs = append(errs, fmt.Errorf("%s: %q is not an absolute http(s) URL", u.name, u.v))
		case c.Production() && p.Scheme != "https":
			errs = append(errs, fmt.Errorf("%s must be https when DVC_ENV=production", u.name))
		}
	}
	return errs
}

// origin is scheme://host[:port] of an absolute http(s) URL, lower-cased.
func origin(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return "", fmt.Errorf("%q is not an absolute http(s) URL", s)
	}
	return strings.ToLower(u.Scheme + "://" + u.Host), nil
}

func parseBool(s string) (bool, error) {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, fmt.Errorf("%q is not true or false", s)
	}
	return b, nil
}

// ResolveSecret fills c.Secret in development when DVC_SECRET is unset: a
// random key kept in DataDir/secret (mode 0600), so OTPs and sessions survive
// restarts and every process on the same data dir agrees.
func (c *Config) ResolveSecret() error {
	if len(c.Secret) > 0 {
		return nil
	}
	path := filepath.Join(c.DataDir, "secret")
	if b, err := os.ReadFile(path); err == nil && len(b) >= 32 {
		c.Secret = []byte(strings.TrimSpace(string(b)))
		return nil
	}
	if err := os.MkdirAll(c.DataDir, 0o755); err != nil {
		return fmt.Errorf("create data dir %s: %w", c.DataDir, err)
	}
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return fmt.Errorf("generate secret: %w", err)
	}
	s := hex.EncodeToString(buf)
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		return fmt.Errorf("write secret %s: %w", path, err)
	}
	c.Secret = []byte(s)
	return nil
}

// parseBytes reads a size such as 512MiB, 2GiB or 1048576 (bytes).
func parseBytes(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("%q is not a size", s)
	}
	return n * mult, nil
}
