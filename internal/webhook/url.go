package webhook

import (
	"errors"
	"net/netip"
	"net/url"
	"strings"

	"github.com/dvcportal/dvcportal/internal/outbound"
)

// Errors of CheckURL.
var (
	ErrURLNotHTTPS = errors.New("webhook: the address must be an absolute https URL")
	ErrURLInvalid  = errors.New("webhook: the address is not valid")
)

// MaxURLLen bounds a partner's address.
const MaxURLLen = 2000

// CheckURL checks an address the portal will call for a partner (a webhook,
// an obligation source): an absolute https URL without credentials or
// fragment (http is accepted when allowInsecure, in development), and unless
// allowInsecure not an address literal that outbound refuses (loopback,
// private, link-local, CGNAT, ...).
func CheckURL(raw string, allowInsecure bool) error {
	if len(raw) > MaxURLLen {
		return ErrURLInvalid
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || u.Fragment != "" || u.Opaque != "" {
		return ErrURLInvalid
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && allowInsecure:
	default:
		return ErrURLNotHTTPS
	}
	if allowInsecure {
		return nil
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return ErrURLInvalid
	}
	// Literal addresses fail fast here; names are checked when dialled
	// (package outbound).
	if ip, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil && outbound.Refused(ip) {
		return ErrURLInvalid
	}
	return nil
}
