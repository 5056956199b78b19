package application

import (
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/notify"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
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
	// Templates are the SMS texts; nil means notify.DefaultTemplates().
	Templates *notify.Templates
	// Enterprises and Documents are optional: without them a submission
	// for an enterprise or with documents is refused.
	Enterprises Enterprises
	Documents   Documents
	Logger      *slog.Logger
}

// Config tunes a Service.
type Config struct {
	// Limits are the rate limits (this package uses Submit* and Track*);
	// nil means ratelimit.Defaults.
	Limits *ratelimit.Limits
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Service is the applications service: the router, the lifecycle and
// reading.
type Service struct {
	// Handlers are the registered handlers; register before serving.
	Handlers *HandlerSet

	db          *sqlx.DB
	catalogue   Catalogue
	calendar    Calendar
	geo         Geo
	contacts    Contacts
	captcha     Captchas
	limiter     Limiter
	sms         SMSOutbox
	webhooks    WebhookOutbox
	templates   *notify.Templates
	enterprises Enterprises
	documents   Documents
	logger      *slog.Logger
	limits      ratelimit.Limits
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
		Handlers: NewHandlerSet(),
		db:       deps.DB, catalogue: deps.Catalogue, calendar: deps.Calendar, geo: deps.Geo, contacts: deps.Contacts,
		captcha: deps.Captcha, limiter: deps.Limiter, sms: deps.SMS, webhooks: deps.Webhooks, logger: deps.Logger,
		enterprises: deps.Enterprises, documents: deps.Documents,
		limits: ratelimit.Defaults, now: cfg.Now, codes: newCodes(deps.DB),
	}
	if cfg.Limits != nil {
		s.limits = *cfg.Limits
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.templates = deps.Templates; s.templates == nil {
		s.templates = notify.DefaultTemplates()
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
