package identity

import (
	"bytes"
	"context"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/notify"
	"github.com/dvcportal/dvcportal/internal/pgtest"
	"github.com/dvcportal/dvcportal/internal/population"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// clock is a settable test clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// outbox records every SMS queued (tests of refused requests assert on the
// database, where a rolled-back message would not exist).
type outbox struct {
	mu   sync.Mutex
	msgs []notify.SMS
}

func (o *outbox) EnqueueTx(ctx context.Context, tx *sqlx.Tx, msg notify.SMS) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.msgs = append(o.msgs, msg)
	return nil
}

var codeRE = regexp.MustCompile(`\b(\d{6})\b`)

// lastCode returns the code of the last SMS to phone.
func (o *outbox) lastCode(t *testing.T, phone string) string {
	t.Helper()
	o.mu.Lock()
	defer o.mu.Unlock()
	for i := len(o.msgs) - 1; i >= 0; i-- {
		if o.msgs[i].To == phone {
			m := codeRE.FindStringSubmatch(o.msgs[i].Text)
			if m == nil {
				t.Fatalf("SMS without a code: %q", o.msgs[i].Text)
			}
			return m[1]
		}
	}
	t.Fatalf("no SMS to %s", vnid.MaskPhone(phone))
	return ""
}

func (o *outbox) count() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.msgs)
}

type harness struct {
	t       *testing.T
	svc     *Service
	db      *sqlx.DB
	clock   *clock
	sms     *outbox
	captcha captcha.Provider
	persons []population.Person
	// newService returns another Service over the same database, as
	// another process of the portal would run.
	newService func() *Service
}

func newHarness(t *testing.T) *harness { return newHarnessWith(t, &ratelimit.Limits{}) }

// newHarnessWith returns a harness enforcing limits (zero Limits are off).
func newHarnessWith(t *testing.T, limits *ratelimit.Limits) *harness {
	t.Helper()
	db := pgtest.NewDB(t)
	persons, err := population.BuiltinPersonas()
	if err != nil {
		t.Fatal(err)
	}
	persons = persons[:5]
	sandbox := population.NewSandbox(db)
	if err := sandbox.Load(context.Background(), persons); err != nil {
		t.Fatal(err)
	}
	captchas, err := captcha.NewProvider(captcha.KindTest, false, db)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, db: db, clock: &clock{now: time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)}, sms: &outbox{},
		captcha: captchas, persons: persons}
	h.newService = func() *Service {
		svc, err := New(Deps{DB: db, Population: sandbox, Captcha: captchas, Limiter: ratelimit.New(db), SMS: h.sms},
			Config{OTPKeys: map[int][]byte{1: bytes.Repeat([]byte{7}, 32)}, OTPKeyVersion: 1, Limits: limits,
				Argon2: testArgon2, Now: h.clock.Now})
		if err != nil {
			t.Fatal(err)
		}
		return svc
	}
	h.svc = h.newService()
	return h
}

// captchaOK issues a captcha of the test provider and answers it rightly.
func (h *harness) captchaOK() captcha.Answer {
	c, err := h.captcha.New(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return captcha.Answer{ID: c.ID, Answer: captcha.TestAnswer}
}

// registration returns a registration that matches person i.
func (h *harness) registration(i int) RegisterInput {
	p := h.persons[i]
	phone, _ := vnid.NationalMobile(p.Phone)
	return RegisterInput{IDNumber: p.IDNumber, FullName: p.FullName, DateOfBirth: p.DateOfBirth,
		SocialInsuranceCode: p.SocialInsuranceCode, Phone: phone, Password: "đúng mật khẩu dài", Captcha: h.captchaOK()}
}

// register registers and activates person i and returns their session.
func (h *harness) register(t *testing.T, i int) Session {
	t.Helper()
	ctx := context.Background()
	ch, err := h.svc.Register(ctx, h.registration(i))
	if err != nil {
		t.Fatalf("register: %v", err)
	}
	res, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: h.sms.lastCode(t, h.persons[i].Phone)})
	if err != nil {
		t.Fatalf("verify registration: %v", err)
	}
	return res.Session
}

func (h *harness) login(i int, password string) LoginInput {
	return LoginInput{IDNumber: h.persons[i].IDNumber, Password: password, Captcha: h.captchaOK()}
}

// userErrorCode returns the code of err's only UserError, failing otherwise.
func userErrorCode(t *testing.T, err error) string {
	t.Helper()
	ues, ok := apperr.AsUserErrors(err)
	if !ok {
		t.Fatalf("want a UserError, got %v", err)
	}
	if len(ues) != 1 {
		t.Fatalf("want one UserError, got %v", ues)
	}
	return ues[0].Code
}

func (h *harness) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := h.db.Get(&n, query, args...); err != nil {
		t.Fatal(err)
	}
	return n
}
