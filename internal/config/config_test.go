package config

import (
	"strings"
	"testing"
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
