package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/reqmeta"
)

// Limit is "at most Max events per Window" for one key. A zero Max is not
// enforced.
type Limit struct {
	Max    int
	Window time.Duration
}

// String formats l as ParseLimit reads it: "10/1m0s", or "0" when off.
func (l Limit) String() string {
	if l.Max <= 0 {
		return "0"
	}
	return strconv.Itoa(l.Max) + "/" + l.Window.String()
}

// ParseLimit reads "N/DURATION" (such as "300/1m") or "0" (not enforced).
func ParseLimit(s string) (Limit, error) {
	s = strings.TrimSpace(s)
	if s == "0" {
		return Limit{}, nil
	}
	n, w, ok := strings.Cut(s, "/")
	if !ok {
		return Limit{}, fmt.Errorf("%q is not N/DURATION (such as 300/1m) or 0", s)
	}
	max, err := strconv.Atoi(strings.TrimSpace(n))
	if err != nil || max < 1 {
		return Limit{}, fmt.Errorf("%q: the count must be a positive integer", s)
	}
	window, err := time.ParseDuration(strings.TrimSpace(w))
	if err != nil || window < time.Second {
		return Limit{}, fmt.Errorf("%q: the window must be a duration of at least 1s", s)
	}
	return Limit{Max: max, Window: window}, nil
}

// Limits are every rate limit of the portal. Per-IP limits stop floods from
// one address; per-account limits (the ID number, the account, the phone)
// are the main defence of one citizen's account, because many citizens may
// share one mobile-network address (carrier-grade NAT).
type Limits struct {
	LoginPerIP         Limit
	LoginPerAccount    Limit // counted only after a solved captcha
	RegisterPerIP      Limit
	RegisterPerAccount Limit // counted only after a solved captcha
	VerifyPerIP        Limit
	VerifyPerAccount   Limit
	ResendPerIP        Limit
	ResendPerAccount   Limit
	CaptchaPerIP       Limit
	// SMSPerPhone caps the OTP messages to one phone number (DESIGN.md §7: 10 an hour).
	SMSPerPhone Limit
	// SubmitPerAccount counts submissions that are stored; replays of an
	// idempotency key and refused input do not count.
	SubmitPerAccount Limit
	SubmitPerIP      Limit
	TrackPerIP       Limit
	// FindObligationsPerIP and FindObligationsPerAccount bound
	// findObligations (per client address; per citizen account or agency).
	FindObligationsPerIP      Limit
	FindObligationsPerAccount Limit
}

// Defaults are the production defaults. Per-IP limits are set for
// carrier-grade NAT, where hundreds of citizens share one address; the
// per-account limits are the tight ones.
var Defaults = Limits{
	LoginPerIP:         Limit{Max: 300, Window: time.Minute},
	LoginPerAccount:    Limit{Max: 5, Window: 15 * time.Minute},
	RegisterPerIP:      Limit{Max: 100, Window: time.Minute},
	RegisterPerAccount: Limit{Max: 10, Window: time.Hour},
	VerifyPerIP:        Limit{Max: 600, Window: time.Minute},
	VerifyPerAccount:   Limit{Max: 15, Window: 15 * time.Minute},
	ResendPerIP:        Limit{Max: 200, Window: time.Minute},
	ResendPerAccount:   Limit{Max: 6, Window: 15 * time.Minute},
	CaptchaPerIP:       Limit{Max: 600, Window: time.Minute},
	SMSPerPhone:        Limit{Max: 10, Window: time.Hour},
	SubmitPerAccount:   Limit{Max: 20, Window: time.Hour},
	SubmitPerIP:        Limit{Max: 3000, Window: time.Hour},
	TrackPerIP:         Limit{Max: 300, Window: 10 * time.Minute},
	// A family pays tax, power and fines for a few people: 60 lookups in
	// 10 minutes is generous; an address is shared by many (CGNAT).
	FindObligationsPerIP:      Limit{Max: 600, Window: time.Minute},
	FindObligationsPerAccount: Limit{Max: 60, Window: 10 * time.Minute},
}

// Setting names one limit for the configuration: its environment variable
// and the field it sets.
type Setting struct {
	Env   string
	Limit *Limit
}

// Settings lists the limits of ls by environment variable, in the order of
// the README's table.
func (ls *Limits) Settings() []Setting {
	return []Setting{
		{"DVC_RATE_LIMIT_LOGIN_PER_IP", &ls.LoginPerIP},
		{"DVC_RATE_LIMIT_LOGIN_PER_ACCOUNT", &ls.LoginPerAccount},
		{"DVC_RATE_LIMIT_REGISTER_PER_IP", &ls.RegisterPerIP},
		{"DVC_RATE_LIMIT_REGISTER_PER_ACCOUNT", &ls.RegisterPerAccount},
		{"DVC_RATE_LIMIT_VERIFY_PER_IP", &ls.VerifyPerIP},
		{"DVC_RATE_LIMIT_VERIFY_PER_ACCOUNT", &ls.VerifyPerAccount},
		{"DVC_RATE_LIMIT_RESEND_PER_IP", &ls.ResendPerIP},
		{"DVC_RATE_LIMIT_RESEND_PER_ACCOUNT", &ls.ResendPerAccount},
		{"DVC_RATE_LIMIT_CAPTCHA_PER_IP", &ls.CaptchaPerIP},
		{"DVC_RATE_LIMIT_SMS_PER_PHONE", &ls.SMSPerPhone},
		{"DVC_RATE_LIMIT_SUBMIT_PER_ACCOUNT", &ls.SubmitPerAccount},
		{"DVC_RATE_LIMIT_SUBMIT_PER_IP", &ls.SubmitPerIP},
		{"DVC_RATE_LIMIT_TRACK_PER_IP", &ls.TrackPerIP},
		{"DVC_RATE_LIMIT_FIND_OBLIGATIONS_PER_IP", &ls.FindObligationsPerIP},
		{"DVC_RATE_LIMIT_FIND_OBLIGATIONS_PER_ACCOUNT", &ls.FindObligationsPerAccount},
	}
}

// Enforce counts one event of scope (such as "identity:login:ip") for
// subject (an ID number, an account, a phone, ClientIP's answer) and returns
// a RATE_LIMITED error past lim. A zero lim is not enforced. Key hashes the
// subject, so no ID number or phone is stored in the limiter's table.
func (l *Limiter) Enforce(ctx context.Context, scope string, lim Limit, subject string) error {
	if lim.Max <= 0 {
		return nil
	}
	d, err := l.Allow(ctx, Key(scope, subject), lim)
	if err != nil {
		return fmt.Errorf("rate limit %s: %w", scope, err)
	}
	if !d.Allowed {
		return apperr.RateLimit(d.RetryAfter)
	}
	return nil
}

// EnforceThen is Enforce that also runs the caller's next query in the same
// statement (one round trip instead of two): then is a SELECT of at most one
// row whose placeholders start at $3 (args are $3, $4, …), and dest are
// positional scan targets for its columns that accept NULL (sql.Null*,
// pointers), which they all get when it has no row. then runs whether or
// not the event is allowed, so it must only read; dest is filled either way,
// and the error says RATE_LIMITED as Enforce's does. A zero lim counts
// nothing and runs then alone.
func (l *Limiter) EnforceThen(ctx context.Context, scope string, lim Limit, subject, then string, args []any, dest ...any) error {
	if lim.Max <= 0 {
		err := l.db.QueryRowContext(ctx, `SELECT t.* FROM (SELECT $1::text, $2::bigint) AS unused
			LEFT JOIN LATERAL (`+then+`) AS t ON true`, append([]any{"", 0}, args...)...).Scan(dest...)
		if err != nil {
			return fmt.Errorf("rate limit %s (off): %w", scope, err)
		}
		return nil
	}
	d, err := l.allow(ctx, Key(scope, subject), lim, then, args, dest...)
	if err != nil {
		return fmt.Errorf("rate limit %s: %w", scope, err)
	}
	if !d.Allowed {
		return apperr.RateLimit(d.RetryAfter)
	}
	return nil
}

// CountIn counts one event of scope for subject against lim inside a
// caller's statement, usually the first of its transaction, saving the
// round trip of an Enforce before it. It returns a CTE named name, for the
// statement's WITH list after the CTE named after, whose one row has the
// columns allowed (boolean) and retry_us (bigint: the microseconds until
// the window ends, for Refused), and the values of its placeholders $first,
// $first+1 and $first+2. The caller's statement reads name (to return the
// decision, and to make its own writes conditional on it, such as "AND
// (SELECT allowed FROM limited)").
//
// The event is counted once after has produced a row, and not at all when
// after has none (name then has no row: allowed reads as NULL). So a row
// lock that after takes is taken before the counter's: transactions that
// lock the same account and count the same key take the two locks in the
// same order and cannot deadlock. The counter's row stays locked until the
// caller's transaction ends, and the count is undone if it rolls back:
// roll back a refused event freely (in a fixed window a refused event's
// count decides nothing; Enforce keeps it only because it commits at once).
// A zero lim counts nothing and allows.
func CountIn(name, after string, first int, scope string, lim Limit, subject string) (cte string, args []any) {
	k, w, m := "$"+strconv.Itoa(first), "$"+strconv.Itoa(first+1), "$"+strconv.Itoa(first+2)
	if lim.Max <= 0 {
		return name + ` AS (SELECT true AS allowed, 0::bigint AS retry_us
			FROM (SELECT ` + k + `::text, ` + w + `::bigint, ` + m + `::bigint) AS off)`, []any{"", 0, 0}
	}
	return name + ` AS (` + upsertSQL(w, `SELECT `+k+`::text, 1, now() + `+w+`::bigint * interval '1 microsecond'
			FROM (SELECT 1 FROM `+after+` LIMIT 1) AS after`,
			`count <= `+m+`::bigint AS allowed, `+leftUsSQL+` AS retry_us`) + `)`,
		[]any{Key(scope, subject), lim.Window.Microseconds(), lim.Max}
}

// Refused is the RATE_LIMITED error for an event CountIn refused with
// retry_us microseconds left in its window.
func Refused(retryUs int64) error { return apperr.RateLimit(retryAfter(retryUs)) }

// ClientIP is the request's client as the per-IP limits count it: an IPv4
// address, or the /64 prefix of an IPv6 address (one subscriber commonly
// holds a whole /64, so counting each /128 would give one client 2^64
// budgets); "unknown" outside a request.
func ClientIP(ctx context.Context) string { return IPSubject(reqmeta.FromContext(ctx).IP) }

// IPSubject is ClientIP for an address.
func IPSubject(ip netip.Addr) string {
	ip = ip.Unmap()
	switch {
	case !ip.IsValid():
		return "unknown"
	case ip.Is6():
		p, err := ip.Prefix(64)
		if err != nil {
			return "unknown"
		}
		return p.String()
	default:
		return ip.String()
	}
}

var errBadLimit = errors.New("rate limit: limit must be at least 1")
