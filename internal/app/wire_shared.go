package app

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/notify"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/registry"
)

// shared is the infrastructure several areas use, built once per process:
// the identity registry, captchas, rate limits and the SMS outbox.
type shared struct {
	registry *registry.Sandbox
	captchas captcha.Provider
	limiter  *ratelimit.Limiter
	sms      *notify.Notifier
	// smsChecks: areas register whether their messages are still current.
	smsChecks *notify.Checks
}

// wireShared builds the shared infrastructure and registers the SMS delivery
// worker (once: every area's messages go through the same outbox).
func (a *App) wireShared(context.Context) error {
	provider, err := notify.NewProvider(notify.ProviderConfig{
		Kind:      a.Config.SMSProvider,
		FilePath:  filepath.Join(a.Config.DataDir, "sms.jsonl"),
		HTTPURL:   a.Config.SMSHTTPURL,
		HTTPToken: a.Config.SMSHTTPToken,
	})
	if err != nil {
		return fmt.Errorf("SMS provider: %w", err)
	}
	a.shared.smsChecks = notify.NewChecks()
	if err := notify.RegisterWorkers(a.Workers, provider, a.DB, notify.WorkerConfig{
		Secret: a.Config.Secret, Logger: a.Logger.With("component", "sms"), Checks: a.shared.smsChecks,
	}); err != nil {
		return err
	}
	if a.shared.sms, err = notify.NewNotifier(a.Jobs, a.Config.Secret); err != nil {
		return fmt.Errorf("SMS outbox: %w", err)
	}
	if a.shared.captchas, err = captcha.NewProvider(a.Config.CaptchaProvider, a.Config.Production(), a.DB); err != nil {
		return err
	}
	a.shared.registry = registry.NewSandbox(a.DB)
	a.shared.limiter = ratelimit.New(a.DB)
	return nil
}
