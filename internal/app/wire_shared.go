package app

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/jobs"
	"github.com/dvcportal/dvcportal/internal/notify"
	"github.com/dvcportal/dvcportal/internal/population"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

// shared is the infrastructure several areas use, built once per process:
// the identity registry, captchas, rate limits and the SMS outbox.
type shared struct {
	registry *population.Sandbox
	texts    *notify.Templates
	captchas captcha.Provider
	limiter  *ratelimit.Limiter
	sms      *notify.Notifier
	// smsChecks: areas register whether their messages are still current.
	smsChecks *notify.Checks
}

// newShared builds the shared infrastructure and registers the SMS delivery
// worker (once: every area's messages go through the same outbox).
func (a *App) newShared(bg *background, queue *jobs.Inserter) (shared, error) {
	var sh shared
	provider, err := notify.NewProvider(notify.ProviderConfig{
		Kind:      a.Config.SMSProvider,
		FilePath:  filepath.Join(a.Config.DataDir, "sms.jsonl"),
		HTTPURL:   a.Config.SMSHTTPURL,
		HTTPToken: a.Config.SMSHTTPToken,
	})
	if err != nil {
		return sh, fmt.Errorf("SMS provider: %w", err)
	}
	sh.smsChecks = notify.NewChecks()
	if err := notify.RegisterWorkers(bg.workers, provider, a.DB, notify.WorkerConfig{
		Secret: a.Config.Secret, Logger: a.Logger.With("component", "sms"), Checks: sh.smsChecks,
	}); err != nil {
		return sh, err
	}
	if sh.sms, err = notify.NewNotifier(queue, a.Config.Secret); err != nil {
		return sh, fmt.Errorf("SMS outbox: %w", err)
	}
	if a.Config.Worker {
		// A process that delivers messages also sends each one right after
		// its commit, the job staying as the fallback (notify's package doc).
		if err := sh.sms.SendAfterCommit(notify.DirectConfig{Provider: provider, DB: a.DB,
			Logger: a.Logger.With("component", "sms")}); err != nil {
			return sh, err
		}
		a.onStartStop(func(context.Context) error { return nil }, sh.sms.Drain)
	}
	if sh.captchas, err = captcha.NewProvider(a.Config.CaptchaProvider, a.Config.Production(), a.DB); err != nil {
		return sh, err
	}
	if sh.texts, err = notify.LoadTemplates(a.Config.SMSTemplatesDir); err != nil {
		return sh, err
	}
	sh.registry = population.NewSandbox(a.DB)
	sh.limiter = ratelimit.New(a.DB)
	return sh, nil
}
