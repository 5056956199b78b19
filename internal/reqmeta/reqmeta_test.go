package reqmeta

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestClientIP(t *testing.T) {
	proxy := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	tests := []struct {
		name    string
		remote  string
		xff     string
		trusted []netip.Prefix
		want    string
	}{
		{"peer without proxy config", "203.0.113.5:1234", "1.2.3.4", nil, "203.0.113.5"},
		{"forged header from untrusted peer", "203.0.113.5:1234", "1.2.3.4", proxy, "203.0.113.5"},
		{"trusted proxy forwards", "10.1.2.3:80", "198.51.100.7", proxy, "198.51.100.7"},
		{"client-prepended hop ignored", "10.1.2.3:80", "1.1.1.1, 198.51.100.7", proxy, "198.51.100.7"},
		{"chain of trusted proxies", "10.1.2.3:80", "198.51.100.7, 10.9.9.9", proxy, "198.51.100.7"},
		{"garbage header falls back to peer", "10.1.2.3:80", "not-an-ip", proxy, "10.1.2.3"},
		{"ipv6 peer", "[2001:db8::1]:443", "", nil, "2001:db8::1"},
		{"ipv4-mapped ipv6 peer", "[::ffff:203.0.113.5]:443", "", nil, "203.0.113.5"},
		{"peer without a port", "203.0.113.5", "", nil, "203.0.113.5"},
		{"trusted proxy without the header", "10.1.2.3:80", "", proxy, "10.1.2.3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.remote
			if tt.xff != "" {
				r.Header.Set("X-Forwarded-For", tt.xff)
			}
			if got := ClientIP(r, tt.trusted); got.String() != tt.want {
				t.Fatalf("ClientIP = %s, want %s", got, tt.want)
			}
		})
	}
}
