package identity

import (
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/notify"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

// Deps are the services a Service uses.
type Deps struct {
	DB         *sqlx.DB
	Population PersonLookup
	Captcha    Captchas
	Limiter    Limiter
	SMS        SMSOutbox
	// Templates are the SMS texts; nil means notify.DefaultTemplates().
	Templates *notify.Templates
	Logger    *slog.Logger
}

// Config holds a Service's keys and tunables. The zero value of every field
// but OTPKeys takes the default.
type Config struct {
	// OTPKeys are the HMAC keys for OTP codes by key version; OTPKeyVersion
	// is the version used for new codes (older ones still verify).
	OTPKeys       map[int][]byte
	OTPKeyVersion int
	// Limits are the rate limits (this package uses the identity ones); nil
	// means ratelimit.Defaults, and a zero Limit is not enforced.
	Limits *ratelimit.Limits
	// Argon2 are the password hashing costs; zero means DefaultArgon2Params.
	Argon2 Argon2Params
	// MaxConcurrentHashes bounds the argon2 computations at once (default GOMAXPROCS).
	MaxConcurrentHashes int
	// Now is the clock (default time.Now); tests move it forward.
	Now func() time.Time
}

// Service is the citizen identity service.
type Service struct {
	db         *sqlx.DB
	population PersonLookup
	captcha    Captchas
	limiter    Limiter
	sms        SMSOutbox
	templates  *notify.Templates
	logger     *slog.Logger

	hasher        *PasswordHasher
	otpKeys       map[int][]byte
	otpKeyVersion int
	limits        ratelimit.Limits
	now           func() time.Time
}

// New returns a Service.
func New(deps Deps, cfg Config) (*Service, error) {
	if deps.DB == nil || deps.Population == nil || deps.Captcha == nil || deps.Limiter == nil || deps.SMS == nil {
		return nil, errors.New("identity: missing dependency")
	}
	if _, ok := cfg.OTPKeys[cfg.OTPKeyVersion]; !ok {
		return nil, fmt.Errorf("identity: no OTP key for version %d", cfg.OTPKeyVersion)
	}
	for v, k := range cfg.OTPKeys {
		if len(k) < 32 {
			return nil, fmt.Errorf("identity: OTP key version %d is shorter than 32 bytes", v)
		}
	}
	params := cfg.Argon2
	if params == (Argon2Params{}) {
		params = DefaultArgon2Params
	}
	hasher, err := NewPasswordHasher(params, cfg.MaxConcurrentHashes)
	if err != nil {
		return nil, fmt.Errorf("identity: %w", err)
	}
	s := &Service{
		db: deps.DB, population: deps.Population, captcha: deps.Captcha, limiter: deps.Limiter, sms: deps.SMS,
		logger: deps.Logger, hasher: hasher, otpKeys: cfg.OTPKeys, otpKeyVersion: cfg.OTPKeyVersion,
		limits: ratelimit.Defaults, now: cfg.Now,
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

// OTPKeyFromSecret derives the OTP HMAC key of a key version from the server
// secret, so the secret itself is never used for two purposes.
func OTPKeyFromSecret(secret []byte, version int) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("dvcportal/identity/otp/v" + strconv.Itoa(version)))
	return m.Sum(nil)
}

// Now returns the service's clock reading.
func (s *Service) Now() time.Time { return s.now() }
