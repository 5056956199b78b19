package captcha

import (
	"context"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Provider issues and verifies captchas.
type Provider interface {
	// New issues a challenge valid for TTL.
	New(ctx context.Context) (Challenge, error)
	// NewGuarded is New under g's condition, checked in the statement that
	// stores the challenge (see Guard): when g refuses, nothing is stored or
	// rendered and the error is g.Refused's.
	NewGuarded(ctx context.Context, g Guard) (Challenge, error)
	// Verify reports whether answer solves the challenge id. The challenge
	// is consumed by the first Verify, right or wrong; an unknown, used or
	// expired id gives false. err is only for a failing database.
	Verify(ctx context.Context, id, answer string) (bool, error)
	// VerifyGuarded is Verify under g's condition, checked in the statement
	// that consumes the challenge (see Guard): when g refuses, the challenge
	// is not consumed (it can still be answered) and the error is
	// g.Refused's. g is checked whatever id and answer are, also when id is
	// not the shape of a challenge ID.
	VerifyGuarded(ctx context.Context, id, answer string, g Guard) (bool, error)
}

// Guard is a caller's condition (such as a rate limit) on issuing a
// challenge (NewGuarded) or on consuming one (VerifyGuarded), checked by the
// one statement that stores or consumes the challenge, so the check costs no
// round trip of its own.
//
// The contract:
//   - CTE is one or more entries of that statement's WITH list, "Name AS
//     (...)" last. They come after the CTE named GuardAfter, which has
//     exactly one row (the challenge about to be stored, or the ID about to
//     be consumed), so a CTE that acts only after a row of GuardAfter
//     (ratelimit.CountIn) acts exactly once. Their placeholders are
//     $GuardFirst, $GuardFirst+1, …, with the values Args (the statement's
//     own come after them). The names GuardAfter, "pruned", "stored" and
//     "consumed" are taken.
//   - Name yields at most one row with the boolean column Allowed and the
//     bigint column Retry. The challenge is stored (consumed) only when
//     Allowed is true. Otherwise (false, NULL or no row) nothing is stored
//     or rendered (nothing is consumed), and the call returns
//     Refused(Retry), unwrapped (a NULL Retry reads as 0).
//   - The CTEs run in the same statement (and transaction) as the insert or
//     the delete: a failing statement stores or consumes nothing and the
//     CTEs' writes roll back.
type Guard struct {
	Name, CTE      string
	Args           []any
	Allowed, Retry string
	Refused        func(retry int64) error
}

// GuardAfter names the one-row CTE a Guard's CTE follows; GuardFirst is the
// number of its first placeholder.
const (
	GuardAfter = "challenge"
	GuardFirst = 1
)

// Challenge is an issued captcha.
type Challenge struct {
	ID        string
	ImagePNG  []byte
	AudioWAV  []byte
	ExpiresAt time.Time

	// imageURL and audioURL are the data: URLs when the provider already
	// has them (the test provider's are the same for every challenge).
	imageURL, audioURL string
}

// ImageDataURL is the picture as a data: URL (PNGDataURL of ImagePNG).
func (c Challenge) ImageDataURL() string {
	if c.imageURL != "" {
		return c.imageURL
	}
	return PNGDataURL(c.ImagePNG)
}

// AudioDataURL is the sound as a data: URL (WAVDataURL of AudioWAV).
func (c Challenge) AudioDataURL() string {
	if c.audioURL != "" {
		return c.audioURL
	}
	return WAVDataURL(c.AudioWAV)
}

// Provider kinds (CAPTCHA_PROVIDER).
const (
	KindImage = "image"
	KindTest  = "test"
)

// TestAnswer is the answer the test provider accepts.
const TestAnswer = "000000"

// TTL is how long a challenge can be answered.
const TTL = 10 * time.Minute

// Length is the number of digits in a challenge.
const Length = 6

// NewProvider returns the provider of the given kind over db. The test
// provider is refused when production is true.
func NewProvider(kind string, production bool, db *sqlx.DB) (Provider, error) {
	s := &store{db: db}
	switch kind {
	case KindImage:
		return &ImageProvider{store: s}, nil
	case KindTest:
		if production {
			return nil, fmt.Errorf("captcha provider %q is not allowed in production", KindTest)
		}
		return &TestProvider{store: s}, nil
	default:
		return nil, fmt.Errorf("unknown captcha provider %q (want %q or %q)", kind, KindImage, KindTest)
	}
}

// PNGDataURL returns a data: URL for a PNG image.
func PNGDataURL(png []byte) string {
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(png)
}

// WAVDataURL returns a data: URL for a WAV audio.
func WAVDataURL(wav []byte) string {
	return "data:audio/wav;base64," + base64.StdEncoding.EncodeToString(wav)
}

// Answer is a client's answer to a captcha: the one captcha input type of
// every mutation that asks for one. Its rule is in its tags (package
// validate): the ID has the shape of a challenge ID, the answer is
// non-blank text of at most MaxAnswerRunes characters. Whether it solves
// the challenge is Provider.Verify's question.
type Answer struct {
	ID     string `json:"id" validate:"required,captchaid"`
	Answer string `json:"answer" validate:"nonblank,safetext,max=32"`
}

// MaxAnswerRunes bounds an answer's length (the max in Answer's tag).
const MaxAnswerRunes = 32
