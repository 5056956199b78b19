package payment

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"

	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/notify"
	"github.com/dvcportal/dvcportal/internal/obligation"
	"github.com/dvcportal/dvcportal/internal/payment/provider"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

// The services this package consumes.

// Obligations is the source of obligations and the ledger of their status.
type Obligations interface {
	obligation.Source
	// Get reads through q, the caller's transaction when it holds one
	// (nil: the store's pool).
	Get(ctx context.Context, q sqlx.QueryerContext, ids []int64) (map[int64]obligation.Obligation, error)
	MarkPaidTx(ctx context.Context, tx *sqlx.Tx, ids []int64, at time.Time) error
	// VerifyRemote asks the agencies' registered sources, before paying.
	VerifyRemote(ctx context.Context, obs []obligation.Obligation) (map[int64]obligation.Verdict, error)
}

// Contacts tells where a payer's SMS go: the phone of their account and its
// language. It reads through q, the caller's transaction, so that it takes
// no second connection from the pool (see postgres.Open).
type Contacts interface {
	Contact(ctx context.Context, q sqlx.QueryerContext, accountID int64) (phone string, lang i18n.Lang, err error)
}

// SMSOutbox queues an SMS in the caller's transaction.
type SMSOutbox interface {
	EnqueueTx(ctx context.Context, tx *sqlx.Tx, msg notify.SMS) error
}

// Jobs inserts River jobs in the caller's transaction.
type Jobs interface {
	InsertTx(ctx context.Context, tx *sqlx.Tx, args river.JobArgs, opts *river.InsertOpts) error
}

// Limiter counts events per key in a window shared by all processes.
type Limiter interface {
	Allow(ctx context.Context, key string, l ratelimit.Limit) (ratelimit.Decision, error)
}

// Deps are what a Service uses.
type Deps struct {
	DB          *sqlx.DB
	Obligations Obligations
	Providers   []provider.Provider
	Contacts    Contacts
	SMS         SMSOutbox
	Jobs        Jobs
	Limiter     Limiter
	Logger      *slog.Logger
	Metrics     *Metrics
	// Templates are the SMS texts; nil means notify.DefaultTemplates().
	Templates *notify.Templates
	// Units check the postal address of held papers (nil: only COUNTER).
	Units application.AddressUnits
}

// Config tunes a Service.
type Config struct {
	// PublicURL is the server's public base (DVC_PUBLIC_URL): the origin of
	// allowed return URLs and the base of our IPN and return endpoints.
	PublicURL string
	// ReturnOrigins are other allowed origins of return URLs
	// (PAYMENT_RETURN_ORIGINS).
	ReturnOrigins []string
	// TTL is how long a payment may be paid (default 15 minutes).
	TTL time.Duration
	// ReturnQueryDelay is when a status query follows the browser's return
	// (default 2 s: the notification usually arrives first).
	ReturnQueryDelay time.Duration
	// Merchants are the merchant codes notifications must carry, by
	// provider code (a provider without one is not checked here).
	Merchants map[string]string
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Postage is the POSTAGE line in VND added when a fine's held papers
	// come back by post (PAYMENT_POSTAGE, 0 in the sandbox).
	Postage int64
}

// Service is the payments service.
type Service struct {
	db        *sqlx.DB
	obs       Obligations
	providers map[string]provider.Provider
	order     []string
	contacts  Contacts
	sms       SMSOutbox
	jobs      Jobs
	limiter   Limiter
	logger    *slog.Logger
	metrics   *Metrics
	templates *notify.Templates
	units     application.AddressUnits
	cfg       Config
	origins   map[string]bool
	now       func() time.Time

	// afterNotificationCommit, when set (tests), runs after a notification's
	// transaction committed and before it is answered; an error drops the
	// answer, as a crash there would.
	afterNotificationCommit atomic.Pointer[func() error]
}

// New returns a Service.
func New(d Deps, cfg Config) (*Service, error) {
	if d.DB == nil || d.Obligations == nil || d.Contacts == nil || d.SMS == nil || d.Jobs == nil || d.Limiter == nil {
		return nil, errors.New("payment: missing dependency")
	}
	s := &Service{db: d.DB, obs: d.Obligations, providers: map[string]provider.Provider{}, contacts: d.Contacts,
		sms: d.SMS, jobs: d.Jobs, limiter: d.Limiter, logger: d.Logger, metrics: d.Metrics, cfg: cfg,
		origins: map[string]bool{}, now: cfg.Now, units: d.Units}
	for _, p := range d.Providers {
		s.providers[p.Code()] = p
		s.order = append(s.order, p.Code())
	}
	sort.Strings(s.order)
	if s.cfg.TTL <= 0 {
		s.cfg.TTL = 15 * time.Minute
	}
	if s.cfg.ReturnQueryDelay <= 0 {
		s.cfg.ReturnQueryDelay = 2 * time.Second
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.logger == nil {
		s.logger = slog.New(slog.DiscardHandler)
	}
	if s.metrics == nil {
		s.metrics = NewMetrics()
	}
	if s.templates = d.Templates; s.templates == nil {
		s.templates = notify.DefaultTemplates()
	}
	for _, o := range append([]string{cfg.PublicURL}, cfg.ReturnOrigins...) {
		if origin, ok := originOf(o); ok {
			s.origins[origin] = true
		}
	}
	return s, nil
}

// SetAfterNotificationCommit installs a hook run between a notification's
// commit and its answer (tests: an error drops the answer like a crash).
// It is safe to call while the service is serving: the handler loads it
// atomically, since a handler goroutine shares no Go synchronisation with
// the goroutine that installs it.
func (s *Service) SetAfterNotificationCommit(fn func() error) { s.afterNotificationCommit.Store(&fn) }

// Providers returns the configured providers, by code.
func (s *Service) Providers() []provider.Provider {
	out := make([]provider.Provider, 0, len(s.order))
	for _, c := range s.order {
		out = append(out, s.providers[c])
	}
	return out
}

func originOf(raw string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return "", false
	}
	return strings.ToLower(u.Scheme + "://" + u.Host), true
}

// returnAllowed reports whether a client's return URL is on an allowed origin.
func (s *Service) returnAllowed(raw string) bool {
	o, ok := originOf(raw)
	return ok && len(raw) <= 1000 && s.origins[o]
}

// publicURL joins the public base and path.
func (s *Service) publicURL(path string) string {
	return strings.TrimRight(s.cfg.PublicURL, "/") + path
}
