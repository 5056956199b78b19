package obligation

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Source is where obligations live and how their agency learns of a payment.
// The payment package depends on this interface only.
type Source interface {
	// Lookup finds obligations by a citizen's query.
	Lookup(ctx context.Context, q Query) ([]Obligation, error)
	// Verify reads obligations again just before paying, in the payer's
	// transaction: never cached.
	Verify(ctx context.Context, tx *sqlx.Tx, ids []int64) ([]Obligation, error)
	// Notify tells the agency an obligation was paid; the agency answers
	// with its own receipt number, or Pending when it acknowledges later.
	Notify(ctx context.Context, p Paid) (Ack, error)
}

// Paid is what an agency is told of one paid obligation.
type Paid struct {
	PaymentCode string
	Obligation  Obligation
	Amount      int64
	PaidAt      time.Time
}

// Ack is an agency's answer to a notification.
type Ack struct {
	ReceiptNumber string
	Issuer        string
	Pending       bool // the agency acknowledges later (acknowledgePayment)
}

// Lookup is Find (the Store is the built-in Source of the sandbox file's
// and the pushed obligations).
func (s *Store) Lookup(ctx context.Context, q Query) ([]Obligation, error) { return s.Find(ctx, q) }

// Notify acknowledges a sandbox obligation at once with a receipt number of
// its agency (biên lai); a pushed obligation's agency is told through its
// registered source, or acknowledges itself (acknowledgePayment).
func (s *Store) Notify(ctx context.Context, p Paid) (Ack, error) {
	if p.Obligation.Origin != OriginSandbox {
		if s.Partners != nil {
			if ack, ok, err := s.Partners.notifyRemote(ctx, p); ok || err != nil {
				return ack, err
			}
		}
		return Ack{Pending: true}, nil
	}
	return Ack{
		ReceiptNumber: fmt.Sprintf("BL-%s-%s-%d", p.Obligation.AgencyCode, p.PaymentCode, p.Obligation.ID),
		Issuer:        p.Obligation.AgencyCode,
	}, nil
}

// VerifyRemote asks the agencies with a registered source about their
// pushed obligations among obs, just before paying (never cached): the
// verdicts by obligation ID (absent: nothing to ask).
func (s *Store) VerifyRemote(ctx context.Context, obs []Obligation) (map[int64]Verdict, error) {
	out := map[int64]Verdict{}
	if s.Partners == nil {
		return out, nil
	}
	for _, o := range obs {
		if o.Origin != OriginPush {
			continue
		}
		v, ok, err := s.Partners.verifyRemote(ctx, o)
		if err != nil {
			return nil, err
		}
		if ok {
			out[o.ID] = v
		}
	}
	return out, nil
}
