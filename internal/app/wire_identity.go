package app

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/dvcportal/dvcportal/internal/identity"
	"github.com/dvcportal/dvcportal/internal/population"
)

// otpKeyVersion is the version of the OTP HMAC key derived from DVC_SECRET.
// To rotate, derive a new version, keep the old one in the map until its
// codes have expired (5 minutes), and bump this.
const otpKeyVersion = 1

// newIdentity builds the identity service on the shared registry, captcha,
// rate limiter and SMS outbox (wire_shared.go) and registers the hourly
// pruning of old challenges and sessions.
func (a *App) newIdentity(sh shared, bg *background) (*identity.Service, error) {
	svc, err := identity.New(identity.Deps{
		DB:         a.DB,
		Population: sh.registry,
		Captcha:    sh.captchas,
		Limiter:    sh.limiter,
		SMS:        sh.sms,
		Templates:  sh.texts,
		Logger:     a.Logger.With("component", "identity"),
	}, identity.Config{
		OTPKeys:       map[int][]byte{otpKeyVersion: identity.OTPKeyFromSecret(a.Config.Secret, otpKeyVersion)},
		OTPKeyVersion: otpKeyVersion,
		Limits:        &a.Config.RateLimits,
	})
	if err != nil {
		return nil, err
	}
	if err := river.AddWorkerSafely(bg.workers, identity.NewPruneWorker(svc)); err != nil {
		return nil, fmt.Errorf("register identity prune worker: %w", err)
	}
	bg.periodic = append(bg.periodic, river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
		func() (river.JobArgs, *river.InsertOpts) { return identity.PruneArgs{}, nil }, nil))
	sh.smsChecks.Register(identity.OTPSubjectPrefix, svc.OTPMessageCurrent)
	return svc, nil
}

// loadIdentityData loads the sandbox identity registry from the personas file
// (SANDBOX_PERSONAS, or the built-in personas), idempotently. A bad file is
// refused with the record's index and field.
func (a *App) loadIdentityData(ctx context.Context) error {
	persons, err := population.ReadPersonas(a.Config.SandboxPersonas)
	if err != nil {
		return err
	}
	if err := a.shared.registry.Load(ctx, persons); err != nil {
		return fmt.Errorf("load sandbox registry: %w", err)
	}
	return nil
}
