package vnpay

import (
	"context"
	"fmt"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/dvcportal/dvcportal/internal/notify"
	"github.com/dvcportal/dvcportal/internal/payment/provider"
)

// DefaultExpiry is how long the pay page takes money when a request gives no
// ExpiresAt.
const DefaultExpiry = 15 * time.Minute

// Create builds the signed pay URL. Nothing is sent: VNPAY learns of the
// transaction when the browser opens the URL.
func (a *Adapter) Create(_ context.Context, req provider.CreateRequest) (provider.CreateResult, error) {
	params, err := a.PayParams(req)
	if err != nil {
		return provider.CreateResult{}, err
	}
	sep := "?"
	if strings.Contains(a.cfg.PayURL, "?") {
		sep = "&"
	}
	return provider.CreateResult{
		RedirectURL: a.cfg.PayURL + sep + EncodeQuery(params, Sign(a.cfg.HashSecret, params)),
	}, nil
}

// PayParams are the vnp_* parameters of the pay redirect for req (without the
// hash). Exposed for tests and for the sandbox's own checks.
func (a *Adapter) PayParams(req provider.CreateRequest) (url.Values, error) {
	if err := ValidTxnRef(req.TxnRef); err != nil {
		return nil, err
	}
	if req.Amount < a.cfg.MinAmount || req.Amount > a.cfg.MaxAmount {
		return nil, fmt.Errorf("vnpay: amount %d VND outside %d–%d: %w", req.Amount, a.cfg.MinAmount, a.cfg.MaxAmount, provider.ErrMalformed)
	}
	if err := absoluteURL(req.ReturnURL); err != nil {
		return nil, fmt.Errorf("vnpay: return URL: %w: %w", err, provider.ErrMalformed)
	}
	created := req.CreatedAt
	if created.IsZero() {
		created = a.now()
	}
	expires := req.ExpiresAt
	if expires.IsZero() {
		expires = created.Add(DefaultExpiry)
	}
	if !expires.After(created) {
		return nil, fmt.Errorf("vnpay: expiry %s is not after creation %s: %w", FormatTime(expires), FormatTime(created), provider.ErrMalformed)
	}
	info := OrderInfo(req.OrderInfo)
	if info == "" {
		info = "Thanh toan " + req.TxnRef
	}
	return url.Values{
		"vnp_Version":    {Version},
		"vnp_Command":    {"pay"},
		"vnp_TmnCode":    {a.cfg.TmnCode},
		"vnp_Amount":     {FormatAmount(req.Amount)},
		"vnp_CurrCode":   {Currency},
		"vnp_TxnRef":     {req.TxnRef},
		"vnp_OrderInfo":  {info},
		"vnp_OrderType":  {a.cfg.OrderType},
		"vnp_Locale":     {Locale(req.Locale)},
		"vnp_ReturnUrl":  {req.ReturnURL},
		"vnp_IpAddr":     {a.ip(req.ClientIP)},
		"vnp_CreateDate": {FormatTime(created)},
		"vnp_ExpireDate": {FormatTime(expires)},
	}, nil
}

func (a *Adapter) ip(s string) string {
	if ip, err := netip.ParseAddr(strings.TrimSpace(s)); err == nil {
		return ip.Unmap().String()
	}
	return a.cfg.ServerIP
}

// ValidTxnRef accepts 1–100 characters of A–Z a–z 0–9 - _ . (safe in every
// VNPAY encoder and in a file name).
func ValidTxnRef(s string) error {
	if s == "" || len(s) > 100 {
		return fmt.Errorf("vnpay: vnp_TxnRef must be 1–100 characters: %w", provider.ErrMalformed)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return fmt.Errorf("vnpay: vnp_TxnRef %q has a character outside A-Z a-z 0-9 - _ .: %w", s, provider.ErrMalformed)
		}
	}
	return nil
}

// Locale is vnp_Locale: "en" or "vn" (the default).
func Locale(s string) string {
	if strings.EqualFold(s, "en") {
		return "en"
	}
	return "vn"
}

// OrderInfo makes s acceptable as vnp_OrderInfo, which VNPAY wants in
// Vietnamese without accents and without special characters: accents folded
// ("Thuế" → "Thue", "Đ" → "D"), characters other than letters, digits, space
// and - _ . , : / # dropped, spaces collapsed, at most 255 characters.
func OrderInfo(s string) string {
	var b strings.Builder
	space := false
	for _, r := range notify.ASCII(s) {
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			space = b.Len() > 0
			continue
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', strings.ContainsRune("-_.,:/#", r):
		default:
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
		if b.Len() >= 255 {
			break
		}
	}
	out := b.String()
	if len(out) > 255 {
		out = out[:255]
	}
	return out
}

// FormatAmount is vnp_Amount: VND × 100.
func FormatAmount(vnd int64) string { return strconv.FormatInt(vnd*100, 10) }

// ParseAmount reads vnp_Amount back into VND; it refuses anything but digits
// and a value that is not a whole number of VND.
func ParseAmount(s string) (int64, error) {
	if s == "" || len(s) > 18 {
		return 0, fmt.Errorf("vnpay: vnp_Amount %q: %w", s, provider.ErrMalformed)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("vnpay: vnp_Amount %q: %w", s, provider.ErrMalformed)
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v%100 != 0 {
		return 0, fmt.Errorf("vnpay: vnp_Amount %q is not whole VND ×100: %w", s, provider.ErrMalformed)
	}
	return v / 100, nil
}
