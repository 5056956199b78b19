package app

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/identity"
	"github.com/dvcportal/dvcportal/internal/obligation"
	"github.com/dvcportal/dvcportal/internal/payment"
	"github.com/dvcportal/dvcportal/internal/payment/provider"
	"github.com/dvcportal/dvcportal/internal/payment/vnpay"
	"github.com/dvcportal/dvcportal/internal/payment/vnpaysandbox"
	"github.com/dvcportal/dvcportal/internal/sealed"
)

// wirePayments builds the obligations store and the payments service with
// the configured provider, registers the payment jobs, the IPN and return
// routes and the payment metrics, and hands both to the resolvers.
func (a *App) wirePayments(context.Context) error {
	cfg := a.Config
	adapter, err := vnpay.New(vnpay.ConfigFrom(cfg))
	if err != nil {
		return fmt.Errorf("payment provider: %w", err)
	}
	if cfg.PaymentProvider == "sandbox" {
		// The in-process VNPAY sandbox (config refuses it in production).
		sb := vnpaysandbox.New(vnpaysandbox.ConfigFrom(cfg, a.Logger.With("component", "vnpay-sandbox")))
		a.handle(vnpaysandbox.Prefix, sb.Handler())
		a.OnStop(func(context.Context) error { sb.Close(); return nil })
	}
	obs := obligation.NewStore(a.DB)
	box, err := sealed.New(cfg.Secret, obligation.SourcePurpose)
	if err != nil {
		return fmt.Errorf("obligation source secrets: %w", err)
	}
	obs.Partners = obligation.NewPartners(a.DB, box, !cfg.Production())
	svc, err := payment.New(payment.Deps{
		DB: a.DB, Obligations: obs, Providers: []provider.Provider{adapter}, Contacts: paymentContacts{a.Resolver.Identity},
		SMS: a.shared.sms, Jobs: a.Jobs, Limiter: a.shared.limiter, Logger: a.Logger.With("component", "payments"),
	}, payment.Config{PublicURL: cfg.PublicURL, ReturnOrigins: cfg.PaymentReturnOrigins,
		Merchants: map[string]string{adapter.Code(): adapter.MerchantCode()}})
	if err != nil {
		return err
	}
	periodic, err := svc.RegisterWorkers(a.Workers, time.Minute)
	if err != nil {
		return err
	}
	for _, j := range periodic {
		a.AddPeriodicJob(j)
	}
	a.handle(payment.RoutePrefix, svc.Handler())
	a.metrics.registry.MustRegister(paymentCollector{svc})
	a.Payments = svc
	a.Resolver.PaymentService = svc
	a.Resolver.ObligationStore = obs
	a.Resolver.PaymentsLimiter = a.shared.limiter
	return nil
}

// loadPaymentsData loads the sandbox obligations file (SANDBOX_OBLIGATIONS or
// the built-in one) outside production, idempotently; a bad record stops the
// start with its path and field.
func (a *App) loadPaymentsData(ctx context.Context) error {
	if a.Config.Production() {
		return nil
	}
	obs, err := obligation.ReadSandboxFile(a.Config.SandboxObligations)
	if err != nil {
		return err
	}
	return a.Resolver.ObligationStore.LoadSandbox(ctx, obs)
}

// paymentContacts: a payer's SMS go to the phone of their account, in its
// language.
type paymentContacts struct{ identity *identity.Service }

func (c paymentContacts) Contact(ctx context.Context, accountID int64) (string, i18n.Lang, error) {
	ct, err := c.identity.ContactOf(ctx, accountID)
	if err != nil {
		return "", "", err
	}
	return ct.Phone, ct.Lang, nil
}

// paymentCollector exports payments by provider and status, notifications by
// result, unreconciled and in-review counts.
type paymentCollector struct{ s *payment.Service }

var (
	descPayments      = prometheus.NewDesc("dvcportal_payments", "Payments by provider and status.", []string{"provider", "status"}, nil)
	descNotifications = prometheus.NewDesc("dvcportal_payment_notifications_total", "Provider notifications by our answer code.", []string{"result"}, nil)
	descUnreconciled  = prometheus.NewDesc("dvcportal_payments_unreconciled", "Open reconciliation discrepancies.", nil, nil)
	descInReview      = prometheus.NewDesc("dvcportal_payments_in_review", "Payments in REVIEW.", nil, nil)
	descAlerts        = prometheus.NewDesc("dvcportal_payment_alerts_total", "Payments pending at the provider for a day, sent to review.", nil, nil)
)

func (paymentCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descPayments, descNotifications, descUnreconciled, descInReview, descAlerts} {
		ch <- d
	}
}

func (c paymentCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	st, err := c.s.Stats(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(descPayments, fmt.Errorf("payment stats: %w", err))
		return
	}
	for k, n := range st.ByProviderStatus {
		ch <- prometheus.MustNewConstMetric(descPayments, prometheus.GaugeValue, float64(n), k[0], k[1])
	}
	for code, n := range st.Notifications {
		ch <- prometheus.MustNewConstMetric(descNotifications, prometheus.CounterValue, float64(n), code)
	}
	ch <- prometheus.MustNewConstMetric(descUnreconciled, prometheus.GaugeValue, float64(st.Unreconciled))
	ch <- prometheus.MustNewConstMetric(descInReview, prometheus.GaugeValue, float64(st.InReview))
	ch <- prometheus.MustNewConstMetric(descAlerts, prometheus.CounterValue, float64(st.Alerts))
}

// handle adds a route outside GraphQL (served by routes()).
func (a *App) handle(pattern string, h http.Handler) {
	a.extraRoutes = append(a.extraRoutes, route{pattern, h})
}

type route struct {
	pattern string
	handler http.Handler
}
