// Package outbound owns the HTTP transport of requests this server makes to
// partners' systems (webhook deliveries; payment obligation sources): the
// check, at dial time, of the address actually connected to, so a partner
// URL cannot reach this machine or an internal network (SSRF through
// "localhost.", /etc/hosts aliases, internal DNS names), and no proxy taken
// from the environment unless one is configured for partner traffic.
package outbound

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"
)

// ErrRefusedAddress is the error of a dial to an address that is not a
// public internet address.
var ErrRefusedAddress = errors.New("outbound: address refused (not a public internet address)")

// refusedPrefixes are ranges that IsLoopback/IsPrivate/... do not cover.
var refusedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT (RFC 6598)
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64: may reach internal IPv4
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("fec0::/10"),       // deprecated site-local
	netip.MustParsePrefix("100::/64"),        // discard-only
	netip.MustParsePrefix("2001:10::/28"),    // ORCHID
	netip.MustParsePrefix("2002::/16"),       // 6to4: embeds any IPv4
	netip.MustParsePrefix("2001::/32"),       // Teredo: embeds any IPv4
	netip.MustParsePrefix("::/128"),          // unspecified
	netip.MustParsePrefix("::ffff:0:0/96"),   // IPv4-mapped (checked unmapped)
	netip.MustParsePrefix("::ffff:0:0:0/96"), // IPv4-translated
}

// Refused reports whether ip is not a public internet address: loopback,
// private (RFC 1918, ULA), link-local, CGNAT 100.64/10, unspecified,
// multicast, and the other special-purpose ranges above. IPv4-mapped IPv6
// addresses are judged as the IPv4 address they carry.
func Refused(ip netip.Addr) bool {
	if !ip.IsValid() {
		return true
	}
	if ip.Is4In6() {
		ip = ip.Unmap()
	}
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return true
	}
	for _, p := range refusedPrefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// Config chooses what the transport may reach.
type Config struct {
	// AllowPrivate lets requests reach any address (development and tests,
	// where partners run on this machine). Production leaves it false.
	AllowPrivate bool
	// Proxy, when set, carries all partner traffic (the proxy then does the
	// egress filtering; the dial check applies to the proxy's address only
	// when AllowPrivate is false and the proxy is public). nil: direct, and
	// HTTP_PROXY/HTTPS_PROXY in the environment are ignored.
	Proxy *url.URL
	// DialTimeout bounds connecting (default 10 s).
	DialTimeout time.Duration
}

// control refuses a connection to a non-public address; it runs after name
// resolution, on the address actually dialled.
func control(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrRefusedAddress, err)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || Refused(ip) {
		return fmt.Errorf("%w: %s", ErrRefusedAddress, host)
	}
	return nil
}

// Dialer returns the dialer the transport uses: with the address check
// unless c.AllowPrivate, or when a proxy is configured (the proxy then
// decides; it is usually on an internal address).
func Dialer(c Config) *net.Dialer {
	d := &net.Dialer{Timeout: c.DialTimeout, KeepAlive: 30 * time.Second}
	if d.Timeout <= 0 {
		d.Timeout = 10 * time.Second
	}
	if !c.AllowPrivate && c.Proxy == nil {
		d.Control = control
	}
	return d
}

// Transport returns an HTTP transport for partner requests (see Config).
// Use one per purpose and keep it: it pools connections.
func Transport(c Config) *http.Transport {
	d := Dialer(c)
	t := &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return d.DialContext(ctx, network, addr)
		},
		Proxy:                 nil,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	if c.Proxy != nil {
		t.Proxy = http.ProxyURL(c.Proxy)
	}
	return t
}
