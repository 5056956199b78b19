package config

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Payments are the payment settings (contract/running.md § Payments in
// sandbox mode).
type Payments struct {
	Provider           string   // PAYMENT_PROVIDER: sandbox (default outside production) | vnpay
	VNPayTMNCode       string   // VNPAY_TMN_CODE; empty = the sandbox's own
	VNPayHashSecret    string   // VNPAY_HASH_SECRET; empty = the sandbox's own
	VNPayPayURL        string   // VNPAY_PAY_URL; empty = the sandbox's own
	VNPayAPIURL        string   // VNPAY_API_URL; empty = the sandbox's own
	PublicURL          string   // DVC_PUBLIC_URL: base of the IPN and return URLs (default http://DVC_ADDR)
	ReturnOrigins      []string // PAYMENT_RETURN_ORIGINS: other allowed origins of return URLs
	SandboxObligations string   // SANDBOX_OBLIGATIONS; empty = the built-in file
}

// Sandbox reports whether payments go to the built-in sandbox provider.
func (p Payments) Sandbox() bool { return p.Provider == "sandbox" }

func parsePayments(c Config, get func(k, def string) string) (Payments, []error) {
	def := "sandbox"
	if c.Production() {
		def = "vnpay"
	}
	p := Payments{
		Provider:           get("PAYMENT_PROVIDER", def),
		VNPayTMNCode:       get("VNPAY_TMN_CODE", ""),
		VNPayHashSecret:    get("VNPAY_HASH_SECRET", ""),
		VNPayPayURL:        get("VNPAY_PAY_URL", ""),
		VNPayAPIURL:        get("VNPAY_API_URL", ""),
		PublicURL:          strings.TrimRight(get("DVC_PUBLIC_URL", "http://"+c.Addr), "/"),
		SandboxObligations: get("SANDBOX_OBLIGATIONS", ""),
	}
	var errs []error
	switch p.Provider {
	case "sandbox":
		if c.Production() {
			errs = append(errs, errors.New("PAYMENT_PROVIDER=sandbox is refused when DVC_ENV=production"))
		}
	case "vnpay":
		if p.VNPayTMNCode == "" || p.VNPayHashSecret == "" || p.VNPayPayURL == "" || p.VNPayAPIURL == "" {
			errs = append(errs, errors.New("PAYMENT_PROVIDER=vnpay needs VNPAY_TMN_CODE, VNPAY_HASH_SECRET, VNPAY_PAY_URL and VNPAY_API_URL"))
		}
	default:
		errs = append(errs, fmt.Errorf("PAYMENT_PROVIDER must be sandbox or vnpay, not %q", p.Provider))
	}
	if u, err := url.Parse(p.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("DVC_PUBLIC_URL must be an http(s) URL, not %q", p.PublicURL))
	}
	for _, o := range strings.Split(get("PAYMENT_RETURN_ORIGINS", ""), ",") {
		if o = strings.TrimSpace(o); o == "" {
			continue
		}
		if u, err := url.Parse(o); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("PAYMENT_RETURN_ORIGINS: %q is not an origin such as https://portal.example", o))
			continue
		}
		p.ReturnOrigins = append(p.ReturnOrigins, o)
	}
	return p, errs
}
