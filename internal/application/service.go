package application

import (
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// Deps are the services the application Service uses.
type Deps struct {
	DB        *sqlx.DB
	Catalogue Catalogue
	Calendar  Calendar
	Geo       Geo
	Contacts  Contacts
	Captcha   Captchas
	Limiter   Limiter
	SMS       SMSOutbox
	Webhooks  WebhookOutbox
	// Enterprises and Documents are optional: without them a submission
	// for an enterprise or with documents is refused.
	Enterprises Enterprises
	Documents   Documents
	Logger      *slog.Logger
}

// Limit is a number of events per window; a zero Limit is not enforced.
type Limit struct {
	N      int
	Window time.Duration
}

// Limits are the rate limits of this package.
type Limits struct {
	SubmitPerAccount Limit
	SubmitPerIP      Limit
	TrackPerIP       Limit
}

// DefaultLimits: a citizen submits a handful of applications a day; an
// office behind one NAT address submits many; tracking is a public lookup
// that must not become an oracle for ID numbers.
var DefaultLimits = Limits{
	SubmitPerAccount: Limit{N: 20, Window: time.Hour},
	SubmitPerIP:      Limit{N: 300, Window: time.Hour},
	TrackPerIP:       Limit{N: 30, Window: 10 * time.Minute},
}

// Config tunes a Service.
type Config struct {
	// Limits: nil means DefaultLimits.
	Limits *Limits
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Service is the applications service: the router, the lifecycle and
// reading.
type Service struct {
	// Handlers are the registered handlers; register before serving.
	Handlers *Registry

	db          *sqlx.DB
	catalogue   Catalogue
	calendar    Calendar
	geo         Geo
	contacts    Contacts
	captcha     Captchas
	limiter     Limiter
	sms         SMSOutbox
	webhooks    WebhookOutbox
	enterprises Enterprises
	documents   Documents
	logger      *slog.Logger
	limits      Limits
	now         func() time.Time
	codes       *codes
}

// New returns a Service.
func New(deps Deps, cfg Config) (*Service, error) {
	if deps.DB == nil || deps.Catalogue == nil || deps.Calendar == nil || deps.Geo == nil || deps.Contacts == nil ||
		deps.Captcha == nil || deps.Limiter == nil || deps.SMS == nil || deps.Webhooks == nil {
		return nil, errors.New("application: missing dependency")
	}
	s := &Service{
		Handlers: NewRegistry(),
		db:       deps.DB, catalogue: deps.Catalogue, calendar: deps.Calendar, geo: deps.Geo, contacts: deps.Contacts,
		captcha: deps.Captcha, limiter: deps.Limiter, sms: deps.SMS, webhooks: deps.Webhooks, logger: deps.Logger,
		enterprises: deps.Enterprises, documents: deps.Documents,
		limits: DefaultLimits, now: cfg.Now, codes: newCodes(deps.DB),
	}
	if cfg.Limits != nil {
		s.limits = *cfg.Limits
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.logger == nil {
		s.logger = slog.New(slog.DiscardHandler)
	}
	return s, nil
}

// SecretRef names the webhook signing secret of a service version.
func SecretRef(serviceCode string, version int) string {
	return "service:" + serviceCode + ":" + strconv.Itoa(version)
}

// ParseSecretRef reads a SecretRef back.
func ParseSecretRef(ref string) (serviceCode string, version int, ok bool) {
	rest, ok := strings.CutPrefix(ref, "service:")
	if !ok {
		return "", 0, false
	}
	i := strings.LastIndexByte(rest, ':')
	if i <= 0 {
		return "", 0, false
	}
	v, err := strconv.Atoi(rest[i+1:])
	if err != nil || v <= 0 {
		return "", 0, false
	}
	return rest[:i], v, true
}
