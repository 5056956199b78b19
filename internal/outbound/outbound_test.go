package outbound_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/dvcportal/dvcportal/internal/outbound"
)

func TestRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ip      string
		refused bool
	}{
		{"127.0.0.1", true}, {"127.8.9.10", true}, {"10.1.2.3", true}, {"172.16.0.1", true},
		{"192.168.1.1", true}, {"169.254.169.254", true}, {"100.64.0.1", true}, {"100.127.255.254", true},
		{"0.0.0.0", true}, {"224.0.0.1", true}, {"255.255.255.255", true}, {"::1", true}, {"::", true},
		{"fe80::1", true}, {"fc00::1", true}, {"fd12::1", true}, {"ff02::1", true},
		{"::ffff:127.0.0.1", true}, {"::ffff:10.0.0.1", true}, {"64:ff9b::a00:1", true},
		{"8.8.8.8", false}, {"100.128.0.1", false}, {"203.113.1.1", false}, {"2001:4860:4860::8888", false},
		{"::ffff:8.8.8.8", false},
	}
	for _, tt := range tests {
		if got := outbound.Refused(netip.MustParseAddr(tt.ip)); got != tt.refused {
			t.Errorf("Refused(%s) = %v, want %v", tt.ip, got, tt.refused)
		}
	}
}

// TestTransportChecksTheDialledAddress: names that resolve to this machine
// ("localhost" through /etc/hosts, the literals) are
// refused when dialled, before any byte is sent; with AllowPrivate they
// connect.
func TestTransportChecksTheDialledAddress(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	defer srv.Close()
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	strict := &http.Client{Transport: outbound.Transport(outbound.Config{})}
	for _, host := range []string{"localhost", "127.0.0.1", "[::ffff:127.0.0.1]", "[::1]"} {
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, "http://"+host+port+"/hook", nil)
		resp, err := strict.Do(req)
		if err == nil {
			resp.Body.Close()
			t.Errorf("%s: connected (status %d), want refused", host, resp.StatusCode)
			continue
		}
		if !errors.Is(err, outbound.ErrRefusedAddress) {
			t.Errorf("%s: error %v, want ErrRefusedAddress", host, err)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("the local server got %d requests", n)
	}
	dev := &http.Client{Transport: outbound.Transport(outbound.Config{AllowPrivate: true})}
	resp, err := dev.Get("http://localhost" + port + "/hook")
	if err != nil {
		t.Fatalf("AllowPrivate: %v", err)
	}
	resp.Body.Close()
	if hits.Load() != 1 {
		t.Fatalf("AllowPrivate: hits = %d, want 1", hits.Load())
	}
}

// TestTransportIgnoresProxyEnvironment: HTTP_PROXY in the environment does
// not carry partner traffic (it would bypass the address check and leak
// payloads to whatever the variable names); a configured proxy does.
func TestTransportIgnoresProxyEnvironment(t *testing.T) {
	var proxied atomic.Int32
	proxy := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { proxied.Add(1) }))
	defer proxy.Close()
	var direct atomic.Int32
	target := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { direct.Add(1) }))
	defer target.Close()
	t.Setenv("HTTP_PROXY", proxy.URL)
	t.Setenv("http_proxy", proxy.URL)
	c := &http.Client{Transport: outbound.Transport(outbound.Config{AllowPrivate: true})}
	resp, err := c.Get(strings.Replace(target.URL, "127.0.0.1", "localhost", 1))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if proxied.Load() != 0 || direct.Load() != 1 {
		t.Fatalf("proxied %d, direct %d: want the environment's proxy ignored", proxied.Load(), direct.Load())
	}
}
