package app

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/dvcportal/dvcportal/internal/httpapi"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/identity"
	"github.com/dvcportal/dvcportal/internal/jobs"
	"github.com/dvcportal/dvcportal/internal/obligation"
	"github.com/dvcportal/dvcportal/internal/outbound"
	"github.com/dvcportal/dvcportal/internal/payment"
	"github.com/dvcportal/dvcportal/internal/payment/provider"
	"github.com/dvcportal/dvcportal/internal/payment/vnpay"
	"github.com/dvcportal/dvcportal/internal/payment/vnpaysandbox"
	"github.com/dvcportal/dvcportal/internal/sealed"
)

// paymentsArea is what the payments wiring hands to the rest of the
// process: the services, the routes outside GraphQL and the metrics.
type paymentsArea struct {
	svc       *payment.Service
	store     *obligation.Store
	routes    []httpapi.Route
	collector prometheus.Collector
}

// newPayments builds the obligations store (with the agencies' partner
// sources) and the payments service on the configured provider (the VNPAY
// adapter; the in-process sandbox is mounted under /sandbox/vnpay/ when
// PAYMENT_PROVIDER=sandbox, which config refuses in production), and
// registers the payment jobs.
func (a *App) newPayments(sh shared, ids *identity.Service, bg *background, queue *jobs.Inserter) (paymentsArea, error) {
	var area paymentsArea
	cfg := a.Config
	adapter, err := vnpay.New(vnpay.ConfigFrom(cfg))
	if err != nil {
		return area, fmt.Errorf("payment provider: %w", err)
	}
	if cfg.PaymentProvider == "sandbox" {
		sb := vnpaysandbox.New(vnpaysandbox.ConfigFrom(cfg, a.Logger.With("component", "vnpay-sandbox")))
		area.routes = append(area.routes, httpapi.Route{Pattern: vnpaysandbox.Prefix, Handler: sb.Handler()})
		a.onStartStop(func(context.Context) error { return nil }, func(context.Context) error { sb.Close(); return nil })
	}
	area.store = obligation.NewStore(a.DB)
	area.store.Limits = obligation.FindLimits{PerIP: cfg.RateLimits.FindObligationsPerIP, PerAccount: cfg.RateLimits.FindObligationsPerAccount}
	box, err := sealed.New(cfg.Secret, obligation.SourcePurpose)
	if err != nil {
		return area, fmt.Errorf("obligation source secrets: %w", err)
	}
	area.store.Partners = obligation.NewPartners(a.DB, box, !cfg.Production(),
		outbound.Config{AllowPrivate: !cfg.Production(), Proxy: cfg.PartnerProxy})
	area.svc, err = payment.New(payment.Deps{
		DB: a.DB, Obligations: area.store, Providers: []provider.Provider{adapter}, Contacts: paymentContacts{ids},
		SMS: sh.sms, Templates: sh.texts, Jobs: queue, Limiter: sh.limiter, Logger: a.Logger.With("component", "payments"),
		Units: a.geo,
	}, payment.Config{PublicURL: cfg.PublicURL, ReturnOrigins: cfg.PaymentReturnOrigins, Now: cfg.Now, Postage: cfg.PaymentPostage,
		Merchants: map[string]string{adapter.Code(): adapter.MerchantCode()}})
	if err != nil {
		return area, err
	}
	periodic, err := area.svc.RegisterWorkers(bg.workers, time.Minute)
	if err != nil {
		return area, err
	}
	bg.periodic = append(bg.periodic, periodic...)
	area.routes = append(area.routes, httpapi.Route{Pattern: payment.RoutePrefix, Handler: area.svc.Handler()})
	area.collector = paymentCollector{area.svc}
	return area, nil
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
	return a.payments.store.LoadSandbox(ctx, obs)
}

// paymentContacts: a payer's SMS go to the phone of their account, in its
// language (identity.ContactOf: when the payer themself refreshes the payment,
// from this request's session lookup with no query; a provider's
// notification, a job or an agency's refund reads the payer's account).
type paymentContacts struct{ identity *identity.Service }

func (c paymentContacts) Contact(ctx context.Context, q sqlx.QueryerContext, accountID int64) (string, i18n.Lang, error) {
	ct, err := c.identity.ContactOf(ctx, q, accountID)
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

// Payments is the payments service (for operator commands and tests).
func (a *App) Payments() *payment.Service { return a.payments.svc }
