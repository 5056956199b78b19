// Package reqmeta owns the facts about an HTTP request that the domain needs
// for rate limits and audit: the request ID, the client IP (the peer address,
// or the forwarded one only when the peer is a configured trusted proxy) and
// the user agent.
package reqmeta

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Meta describes the request being served.
type Meta struct {
	RequestID string
	IP        netip.Addr
	UserAgent string
}

type ctxKey struct{}

// With returns a context carrying m.
func With(ctx context.Context, m Meta) context.Context { return context.WithValue(ctx, ctxKey{}, m) }

// FromContext returns the request's Meta (zero outside a request).
func FromContext(ctx context.Context) Meta {
	m, _ := ctx.Value(ctxKey{}).(Meta)
	return m
}

// ClientIP returns the client address of r. X-Forwarded-For is believed only
// when the peer is one of trusted, and then the right-most address that is not
// itself a trusted proxy is taken (the left part of the header is
// client-controlled).
func ClientIP(r *http.Request, trusted []netip.Prefix) netip.Addr {
	peer := peerAddr(r.RemoteAddr)
	if !isTrusted(peer, trusted) {
		return peer
	}
	forwarded := r.Header.Values("X-Forwarded-For")
	if len(forwarded) == 0 {
		return peer
	}
	hops := strings.Split(strings.Join(forwarded, ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return peer
		}
		a = a.Unmap()
		if !isTrusted(a, trusted) {
			return a
		}
	}
	return peer
}

func peerAddr(remote string) netip.Addr {
	// net/http's RemoteAddr is an address and port: one parse, no copy.
	if ap, err := netip.ParseAddrPort(remote); err == nil {
		return ap.Addr().Unmap()
	}
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	return a.Unmap()
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	if !a.IsValid() {
		return false
	}
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
