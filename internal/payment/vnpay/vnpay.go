// Package vnpay is the VNPAY 2.1.0 adapter behind provider.Provider: the pay
// redirect (signed vnp_* parameters), IPN and return verification, the IPN
// answer, and the signed JSON calls querydr and refund, plus the daily
// settlement file. It owns VNPAY's formats (amount ×100, yyyyMMddHHmmss in
// Asia/Ho_Chi_Minh, HMAC-SHA512 checksums); everything it returns is whole VND.
// It keeps no state and is safe for concurrent use.
package vnpay

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/payment/provider"
)

// Protocol constants.
const (
	Version      = "2.1.0"
	ProviderCode = "vnpay"
	Currency     = "VND"

	// IPNPath is where the server receives VNPAY's IPN (GET); the provider's
	// IPN URL is DVC_PUBLIC_URL + IPNPath. ReturnPath is the browser's return.
	IPNPath    = "/payments/vnpay/ipn"
	ReturnPath = "/payments/vnpay/return"

	// Default limits of one payment in VND (contract/running.md).
	DefaultMinAmount int64 = 5_000
	DefaultMaxAmount int64 = 1_000_000_000
)

// Config configures the adapter (VNPAY_* settings).
type Config struct {
	TmnCode       string // VNPAY_TMN_CODE
	HashSecret    string // VNPAY_HASH_SECRET
	PayURL        string // VNPAY_PAY_URL, e.g. .../paymentv2/vpcpay.html
	APIURL        string // VNPAY_API_URL, e.g. .../merchant_webapi/api/transaction
	SettlementURL string // optional: GET ?date=YYYY-MM-DD returns the settlement CSV

	MinAmount, MaxAmount int64  // VND; zero = the defaults
	OrderType            string // vnp_OrderType; "other" when empty
	ServerIP             string // vnp_IpAddr when a request has no client IP; "127.0.0.1" when empty

	HTTPClient *http.Client     // nil = 15 s timeout, no redirects
	Now        func() time.Time // nil = time.Now
}

// Adapter is the VNPAY provider.
type Adapter struct {
	cfg    Config
	client *http.Client
	now    func() time.Time
}

var _ provider.Provider = (*Adapter)(nil)

// New checks cfg and returns the adapter.
func New(cfg Config) (*Adapter, error) {
	var errs []error
	if cfg.TmnCode == "" {
		errs = append(errs, errors.New("vnpay: merchant code (VNPAY_TMN_CODE) is required"))
	}
	if cfg.HashSecret == "" {
		errs = append(errs, errors.New("vnpay: hash secret (VNPAY_HASH_SECRET) is required"))
	}
	for _, u := range []struct{ name, v string }{{"VNPAY_PAY_URL", cfg.PayURL}, {"VNPAY_API_URL", cfg.APIURL}} {
		if err := absoluteURL(u.v); err != nil {
			errs = append(errs, fmt.Errorf("vnpay: %s: %w", u.name, err))
		}
	}
	if cfg.SettlementURL != "" {
		if err := absoluteURL(cfg.SettlementURL); err != nil {
			errs = append(errs, fmt.Errorf("vnpay: settlement URL: %w", err))
		}
	}
	if cfg.MinAmount == 0 {
		cfg.MinAmount = DefaultMinAmount
	}
	if cfg.MaxAmount == 0 {
		cfg.MaxAmount = DefaultMaxAmount
	}
	if cfg.MinAmount <= 0 || cfg.MaxAmount < cfg.MinAmount {
		errs = append(errs, errors.New("vnpay: limits must satisfy 0 < min <= max"))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if cfg.OrderType == "" {
		cfg.OrderType = "other"
	}
	if cfg.ServerIP == "" {
		cfg.ServerIP = "127.0.0.1"
	}
	a := &Adapter{cfg: cfg, client: cfg.HTTPClient, now: cfg.Now}
	if a.client == nil {
		a.client = NewHTTPClient(15 * time.Second)
	}
	if a.now == nil {
		a.now = time.Now
	}
	return a, nil
}

// NewHTTPClient is an outbound client with a whole-request timeout that never
// follows a redirect (a provider answering with one is an error, not a hop).
func NewHTTPClient(timeout time.Duration) *http.Client {
	return &http.Client{
		Timeout:       timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

func absoluteURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an absolute http(s) URL", s)
	}
	return nil
}

// Code is "vnpay" whichever endpoint the adapter talks to.
func (a *Adapter) Code() string { return ProviderCode }

// Name is the display name.
func (a *Adapter) Name() string { return "VNPAY" }

// Limits are the smallest and largest amount of one payment in VND.
func (a *Adapter) Limits() (int64, int64) { return a.cfg.MinAmount, a.cfg.MaxAmount }

// MerchantCode is the configured vnp_TmnCode (the domain checks a
// notification's MerchantCode against it).
func (a *Adapter) MerchantCode() string { return a.cfg.TmnCode }

// ConfigFrom is the adapter's configuration from the server's settings
// (VNPAY_*; in sandbox mode they point at the in-process sandbox).
func ConfigFrom(c config.Config) Config {
	return Config{TmnCode: c.VNPay.TmnCode, HashSecret: c.VNPay.HashSecret, PayURL: c.VNPay.PayURL,
		APIURL: c.VNPay.APIURL, SettlementURL: c.VNPay.SettlementURL}
}

// IPNURL is the IPN endpoint of a server whose public base URL is publicURL.
func IPNURL(publicURL string) string { return strings.TrimRight(publicURL, "/") + IPNPath }
