package config

import (
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestParseDefaults(t *testing.T) {
	c, err := Parse(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DataDir != ".data" || c.CaptchaProvider != "image" || c.SMSProvider != "file" || !c.Introspection || !c.Worker {
		t.Fatalf("defaults: %+v", c)
	}
	if c.MemoryLimit != 512<<20 || c.GCPercent != 1000 {
		t.Fatalf("GC defaults: memory limit %d, GOGC %d; want %d, 1000", c.MemoryLimit, c.GCPercent, 512<<20)
	}
	if c.DBMaxConns != 0 {
		t.Fatalf("DBMaxConns = %d by default, want 0 (postgres.DefaultMaxConns)", c.DBMaxConns)
	}
	if c, err := Parse(env(map[string]string{"DVC_DB_MAX_CONNS": "12"})); err != nil || c.DBMaxConns != 12 {
		t.Fatalf("DVC_DB_MAX_CONNS=12: %d, %v; want 12", c.DBMaxConns, err)
	}
	c, err = Parse(env(map[string]string{"DVC_MEMORY_LIMIT": "2GiB", "DVC_GOGC": "200"}))
	if err != nil || c.MemoryLimit != 2<<30 || c.GCPercent != 200 {
		t.Fatalf("DVC_MEMORY_LIMIT=2GiB DVC_GOGC=200: %d, %d, %v", c.MemoryLimit, c.GCPercent, err)
	}
}

func TestParseRefuses(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"test captcha in production", map[string]string{"DVC_ENV": "production", "DVC_SECRET": strings.Repeat("x", 32), "CAPTCHA_PROVIDER": "test"}, "CAPTCHA_PROVIDER=test"},
		{"file SMS in production", map[string]string{"DVC_ENV": "production", "DVC_SECRET": strings.Repeat("x", 32), "SMS_PROVIDER": "file"}, "SMS_PROVIDER=file"},
		{"SMS provider unset in production", map[string]string{"DVC_ENV": "production", "DVC_SECRET": strings.Repeat("x", 32)}, "SMS_PROVIDER=file"},
		{"bad job timeout", map[string]string{"DVC_JOB_TIMEOUT": "0s"}, "DVC_JOB_TIMEOUT"},
		{"production without secret", map[string]string{"DVC_ENV": "production"}, "DVC_SECRET is required"},
		{"short secret", map[string]string{"DVC_SECRET": "short"}, "at least 32"},
		{"unknown env", map[string]string{"DVC_ENV": "staging"}, "DVC_ENV"},
		{"http sms without url", map[string]string{"SMS_PROVIDER": "http"}, "SMS_HTTP_URL"},
		{"bad proxy", map[string]string{"DVC_TRUSTED_PROXIES": "10.0.0.1"}, "CIDR"},
		{"bad bool", map[string]string{"DVC_INTROSPECTION": "maybe"}, "DVC_INTROSPECTION"},
		{"bad log level", map[string]string{"DVC_LOG_LEVEL": "loud"}, "DVC_LOG_LEVEL"},
		{"bad webhook timeout", map[string]string{"DVC_WEBHOOK_TIMEOUT": "-1s"}, "DVC_WEBHOOK_TIMEOUT"},
		{"memory limit not a size", map[string]string{"DVC_MEMORY_LIMIT": "lots"}, "DVC_MEMORY_LIMIT"},
		{"memory limit too small", map[string]string{"DVC_MEMORY_LIMIT": "16MiB"}, "DVC_MEMORY_LIMIT"},
		{"gogc too low", map[string]string{"DVC_GOGC": "10"}, "DVC_GOGC"},
		{"pool size not a number", map[string]string{"DVC_DB_MAX_CONNS": "many"}, "DVC_DB_MAX_CONNS"},
		{"pool size negative", map[string]string{"DVC_DB_MAX_CONNS": "-1"}, "DVC_DB_MAX_CONNS"},
		{"bad rate limit", map[string]string{"DVC_RATE_LIMIT_LOGIN_PER_IP": "ten a minute"}, "DVC_RATE_LIMIT_LOGIN_PER_IP"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(env(tt.env))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestResolveSecretIsStablePerDataDir(t *testing.T) {
	dir := t.TempDir()
	a := Config{DataDir: dir}
	b := Config{DataDir: dir}
	if err := a.ResolveSecret(); err != nil {
		t.Fatal(err)
	}
	if err := b.ResolveSecret(); err != nil {
		t.Fatal(err)
	}
	if len(a.Secret) < 32 || string(a.Secret) != string(b.Secret) {
		t.Fatal("secret must be generated once and reused")
	}
}

// Finding 9 of issue 14: rate limits are settings, with defaults that let a
// mobile network's carrier-grade NAT address carry many citizens.
func TestRateLimitSettings(t *testing.T) {
	c, err := Parse(env(map[string]string{"DVC_RATE_LIMIT_LOGIN_PER_IP": "50/30s", "DVC_RATE_LIMIT_TRACK_PER_IP": "0"}))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.RateLimits.LoginPerIP, (ratelimit.Limit{Max: 50, Window: 30 * time.Second}); got != want {
		t.Errorf("LoginPerIP = %v, want %v", got, want)
	}
	if got := c.RateLimits.TrackPerIP; got.Max != 0 {
		t.Errorf("TrackPerIP = %v, want off", got)
	}
	if got, want := c.RateLimits.LoginPerAccount, ratelimit.Defaults.LoginPerAccount; got != want {
		t.Errorf("LoginPerAccount = %v, want the default %v", got, want)
	}
	d, err := Parse(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	perMinute := func(l ratelimit.Limit) float64 { return float64(l.Max) / l.Window.Minutes() }
	for _, tt := range []struct {
		name string
		l    ratelimit.Limit
		min  float64 // per minute: room for a few hundred citizens behind one address
	}{
		{"login per IP", d.RateLimits.LoginPerIP, 100},
		{"captcha per IP", d.RateLimits.CaptchaPerIP, 200},
		{"register per IP", d.RateLimits.RegisterPerIP, 50},
	} {
		if got := perMinute(tt.l); got < tt.min {
			t.Errorf("default %s = %v (%.0f a minute), want at least %.0f a minute", tt.name, tt.l, got, tt.min)
		}
	}
}

func TestParsePayments(t *testing.T) {
	t.Parallel()
	c, err := Parse(env(map[string]string{"DVC_ADDR": "127.0.0.1:9090", "PAYMENT_RETURN_ORIGINS": " https://Portal.example.vn , http://localhost:5173/"}))
	if err != nil {
		t.Fatal(err)
	}
	want := VNPay{TmnCode: SandboxTmnCode, HashSecret: SandboxHashSecret, PayURL: "http://127.0.0.1:9090/sandbox/vnpay/pay",
		APIURL: "http://127.0.0.1:9090/sandbox/vnpay/api", SettlementURL: "http://127.0.0.1:9090/sandbox/vnpay/settlement"}
	if c.PaymentProvider != "sandbox" || c.PublicURL != "http://127.0.0.1:9090" || c.VNPay != want {
		t.Errorf("sandbox defaults: provider %q, public %q, vnpay %+v; want sandbox, http://127.0.0.1:9090, %+v", c.PaymentProvider, c.PublicURL, c.VNPay, want)
	}
	if got := strings.Join(c.PaymentReturnOrigins, " "); got != "https://portal.example.vn http://localhost:5173" {
		t.Errorf("return origins = %q", got)
	}

	prod := map[string]string{"DVC_ENV": "production", "DVC_SECRET": strings.Repeat("x", 32), "DVC_PUBLIC_URL": "https://dichvucong.example.vn/",
		"SMS_PROVIDER": "http", "SMS_HTTP_URL": "https://sms.example/send",
		"VNPAY_TMN_CODE": "ABCD1234", "VNPAY_HASH_SECRET": "s3cret", "VNPAY_PAY_URL": "https://pay.example/vpcpay.html", "VNPAY_API_URL": "https://api.example/transaction"}
	c, err = Parse(env(prod))
	if err != nil {
		t.Fatal(err)
	}
	if c.PaymentProvider != "vnpay" || c.PublicURL != "https://dichvucong.example.vn" || c.VNPay.SettlementURL != "" {
		t.Errorf("production: provider %q public %q settlement %q", c.PaymentProvider, c.PublicURL, c.VNPay.SettlementURL)
	}
}

func TestParsePaymentsRefuses(t *testing.T) {
	t.Parallel()
	prod := func(extra map[string]string) map[string]string {
		m := map[string]string{"DVC_ENV": "production", "DVC_SECRET": strings.Repeat("x", 32), "VNPAY_TMN_CODE": "A", "VNPAY_HASH_SECRET": "s",
			"VNPAY_PAY_URL": "https://pay.example/p", "VNPAY_API_URL": "https://api.example/a"}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"sandbox in production", prod(map[string]string{"PAYMENT_PROVIDER": "sandbox"}), "PAYMENT_PROVIDER=sandbox is refused"},
		{"vnpay without its settings", map[string]string{"PAYMENT_PROVIDER": "vnpay"}, "needs VNPAY_TMN_CODE"},
		{"unknown provider", map[string]string{"PAYMENT_PROVIDER": "momo"}, "PAYMENT_PROVIDER must be"},
		{"plain http VNPAY in production", prod(map[string]string{"VNPAY_API_URL": "http://api.example/a"}), "VNPAY_API_URL must be https"},
		{"relative pay URL", map[string]string{"VNPAY_PAY_URL": "/pay"}, "VNPAY_PAY_URL"},
		{"public URL without scheme", map[string]string{"DVC_PUBLIC_URL": "dvc.example.vn"}, "DVC_PUBLIC_URL"},
		{"return origin with a path", map[string]string{"PAYMENT_RETURN_ORIGINS": "https://a.example/x"}, "PAYMENT_RETURN_ORIGINS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(env(tt.env))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
