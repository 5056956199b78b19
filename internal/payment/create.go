package payment

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/obligation"
	"github.com/dvcportal/dvcportal/internal/payment/provider"
	"github.com/dvcportal/dvcportal/internal/postgres"
	"github.com/dvcportal/dvcportal/internal/validate"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// CreateInput is a citizen's payment of obligations of one payee.
type CreateInput struct {
	ObligationIDs  []int64 // 0 for an ID that is not an obligation's
	Provider       string
	ReturnURL      string
	Delivery       json.RawMessage // fines with held papers: how they come back
	IdempotencyKey string
	ClientIP       string
	// QuoteValidUntil is the quoteValidUntil of the obligations the payer
	// was shown, when the client sends it: a payment created after it is
	// refused (OBLIGATION_CHANGED), because a fine's amount changes at
	// midnight in Vietnam.
	QuoteValidUntil *time.Time
	// ExpectedAmount is the total of the amounts due the payer was shown,
	// when the client sends it: another total today is OBLIGATION_CHANGED.
	ExpectedAmount *int64
	// ExpectedTotal is the total the payer was shown with postage (Quote's
	// Amount), when the client sends it: another total is
	// OBLIGATION_CHANGED.
	ExpectedTotal *int64
}

const maxItems = 20

func (in CreateInput) hash() []byte {
	ids := append([]int64(nil), in.ObligationIDs...)
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	h := sha256.New()
	fmt.Fprintf(h, "%v\x00%s\x00%s\x00", ids, in.Provider, in.ReturnURL)
	h.Write(in.Delivery)
	if in.QuoteValidUntil != nil {
		fmt.Fprintf(h, "\x00q%d", in.QuoteValidUntil.Unix())
	}
	if in.ExpectedAmount != nil {
		fmt.Fprintf(h, "\x00a%d", *in.ExpectedAmount)
	}
	if in.ExpectedTotal != nil {
		fmt.Fprintf(h, "\x00t%d", *in.ExpectedTotal)
	}
	return h.Sum(nil)
}

// Create creates a payment (or returns the one its idempotency key already
// created) and returns it with the provider's redirect URL.
func (s *Service) Create(ctx context.Context, in CreateInput) (Payment, error) {
	actor, err := auth.RequireCitizen(ctx)
	if err != nil {
		return Payment{}, err
	}
	if err := s.checkCreate(in); err != nil {
		return Payment{}, err
	}
	hash := in.hash()
	if p, found, err := s.replay(ctx, actor.AccountID, in.IdempotencyKey, hash); found || err != nil {
		return p, err
	}
	if err := s.verifyAtAgencies(ctx, in.ObligationIDs); err != nil {
		return Payment{}, err
	}
	p, err := s.create(ctx, actor, in, hash)
	var pqErr *pq.Error
	if errors.As(err, &pqErr) && pqErr.Code == "23505" {
		switch pqErr.Constraint {
		case "payments_idempotency":
			// A concurrent request with the same key won: answer as it did.
			if p, found, rerr := s.replay(ctx, actor.AccountID, in.IdempotencyKey, hash); found || rerr != nil {
				return p, rerr
			}
		case "payment_items_one_unfinished", "payment_items_one_paid":
			return Payment{}, fieldErr(CodePaymentInProgress, msgInProgress, "obligationIds")
		}
	}
	if err != nil {
		return Payment{}, err
	}
	return p, nil
}

func (s *Service) checkCreate(in CreateInput) error {
	var errs []apperr.UserError
	if len(in.ObligationIDs) == 0 {
		errs = append(errs, apperr.Field(apperr.CodeRequired, msgRequired, "obligationIds"))
	}
	if len(in.ObligationIDs) > maxItems {
		errs = append(errs, apperr.Field(apperr.CodeInvalid, msgInvalid, "obligationIds"))
	}
	seen := map[int64]bool{}
	for i, id := range in.ObligationIDs {
		if id <= 0 || seen[id] {
			errs = append(errs, apperr.Field(CodeObligationNotPayable, msgNotPayable, "obligationIds", strconv.Itoa(i)))
		}
		seen[id] = true
	}
	if _, ok := s.providers[in.Provider]; !ok {
		errs = append(errs, apperr.Field(apperr.CodeInvalid, msgProvider, "provider"))
	}
	switch {
	case strings.TrimSpace(in.ReturnURL) == "":
		errs = append(errs, apperr.Field(apperr.CodeRequired, msgRequired, "returnUrl"))
	case !s.returnAllowed(in.ReturnURL):
		errs = append(errs, apperr.Field(CodeReturnURLNotAllowed, msgReturnURL, "returnUrl"))
	}
	if k := in.IdempotencyKey; strings.TrimSpace(k) == "" || len(k) > 200 || !validate.SafeText(k, false) {
		errs = append(errs, apperr.Field(apperr.CodeRequired, msgRequired, "idempotencyKey"))
	}
	return apperr.Invalid(errs...)
}

// replay finds the payment an idempotency key created: itself for the same
// input, IDEMPOTENCY_KEY_REUSED for another.
func (s *Service) replay(ctx context.Context, accountID int64, key string, hash []byte) (Payment, bool, error) {
	var row struct {
		ID   int64  `db:"id"`
		Hash []byte `db:"request_hash"`
	}
	err := s.db.GetContext(ctx, &row, `SELECT id, request_hash FROM payments WHERE account_id = $1 AND idempotency_key = $2`,
		accountID, key)
	if errors.Is(err, sql.ErrNoRows) {
		return Payment{}, false, nil
	}
	if err != nil {
		return Payment{}, false, fmt.Errorf("look up idempotency key: %w", err)
	}
	if !bytes.Equal(row.Hash, hash) {
		return Payment{}, true, fieldErr(apperr.CodeIdempotencyKeyReused, msgKeyReused, "idempotencyKey")
	}
	p, _, err := load(ctx, s.db, row.ID, false)
	return p, true, err
}

func (s *Service) create(ctx context.Context, actor auth.Actor, in CreateInput, hash []byte) (Payment, error) {
	prov := s.providers[in.Provider]
	now := s.now().UTC().Truncate(time.Microsecond)
	var p Payment
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		obs, err := s.obs.Verify(ctx, tx, in.ObligationIDs)
		if errors.Is(err, obligation.ErrNotFound) {
			return fieldErr(CodeObligationNotPayable, msgNotPayable, "obligationIds")
		}
		if err != nil {
			return err
		}
		byID := map[int64]obligation.Obligation{}
		for _, o := range obs {
			byID[o.ID] = o
		}
		var errs []apperr.UserError
		payee := byID[in.ObligationIDs[0]].Payee
		var total int64
		var items []Item
		heldPapers := false
		for i, id := range in.ObligationIDs {
			o := byID[id]
			if !o.Payable() {
				errs = append(errs, apperr.Field(CodeObligationNotPayable, msgNotPayable, "obligationIds", strconv.Itoa(i)))
				continue
			}
			if !o.Payee.Same(payee) {
				errs = append(errs, apperr.Field(CodeMixedPayees, msgMixedPayees, "obligationIds", strconv.Itoa(i)))
				continue
			}
			older, err := s.olderOpen(ctx, tx, o, in.ObligationIDs)
			if err != nil {
				return err
			}
			if older {
				errs = append(errs, apperr.Field(CodePayOlderFirst, msgOlderFirst, "obligationIds", strconv.Itoa(i)))
			}
			heldPapers = heldPapers || o.HeldPapers
			q := o.QuoteAt(now)
			total += q.Amount
			items = append(items, Item{ObligationID: id, AgencyCode: o.AgencyCode, Amount: q.Amount, Lines: q.Lines})
		}
		if in.QuoteValidUntil != nil && now.After(*in.QuoteValidUntil) {
			errs = append(errs, apperr.Field(CodeObligationChanged, msgQuoteExpired, "quoteValidUntil"))
		}
		if in.ExpectedAmount != nil && len(errs) == 0 && *in.ExpectedAmount != total {
			errs = append(errs, apperr.Field(CodeObligationChanged, msgChanged, "expectedAmount"))
		}
		ve := validate.Errors(errs)
		delivery, err := s.checkDelivery(ctx, in.Delivery, heldPapers, &ve)
		if err != nil {
			return err
		}
		errs = ve
		total += s.withPostage(items, byID, delivery)
		if in.ExpectedTotal != nil && len(errs) == 0 && *in.ExpectedTotal != total {
			errs = append(errs, apperr.Field(CodeObligationChanged, msgChanged, "expectedTotal"))
		}
		if len(errs) == 0 {
			if lo, hi := prov.Limits(); total < lo || total > hi {
				errs = append(errs, apperr.Field(CodeAmountOutOfRange, msgOutOfRange, "obligationIds"))
			}
		}
		if len(errs) > 0 {
			return apperr.Invalid(errs...)
		}
		var n int64
		if err := tx.GetContext(ctx, &n, `SELECT nextval('payment_code_seq')`); err != nil {
			return fmt.Errorf("next payment code: %w", err)
		}
		p = Payment{Code: formatCode(now, n), AccountID: actor.AccountID, Provider: prov.Code(), Status: StatusCreated,
			Amount: total, PayeeBank: payee.BankCode, PayeeAccount: payee.AccountNumber, ReturnURL: in.ReturnURL,
			CreatedAt: now, ExpiresAt: now.Add(s.cfg.TTL), UpdatedAt: now, Items: items}
		var deliveryJSON any
		if delivery != nil {
			b, err := json.Marshal(delivery)
			if err != nil {
				return fmt.Errorf("encode delivery: %w", err)
			}
			deliveryJSON, p.delivery = b, b
		}
		if err := tx.GetContext(ctx, &p.ID, `INSERT INTO payments (code, account_id, provider, status, amount,
			payee_bank_code, payee_account, return_url, client_ip, locale, delivery, created_at, expires_at, updated_at,
			idempotency_key, request_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12, $14, $15)
			RETURNING id`, p.Code, p.AccountID, p.Provider, string(p.Status), p.Amount, p.PayeeBank, p.PayeeAccount,
			p.ReturnURL, in.ClientIP, locale(ctx), deliveryJSON, now, p.ExpiresAt, in.IdempotencyKey, hash); err != nil {
			return fmt.Errorf("insert payment: %w", err)
		}
		for _, it := range items {
			lines, err := json.Marshal(it.Lines)
			if err != nil {
				return fmt.Errorf("encode lines: %w", err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO payment_items (payment_id, obligation_id, agency_code, amount, lines, state)
				VALUES ($1, $2, $3, $4, $5, 'ACTIVE')`, p.ID, it.ObligationID, it.AgencyCode, it.Amount, lines); err != nil {
				return fmt.Errorf("insert payment item: %w", err)
			}
		}
		if _, err := appendEvent(ctx, tx, p.ID, Event{At: now, Status: StatusCreated, Source: SourceCitizen}, "", nil); err != nil {
			return err
		}
		res, err := prov.Create(ctx, provider.CreateRequest{TxnRef: p.Code, Amount: p.Amount, OrderInfo: "Thanh toan " + p.Code,
			ReturnURL: s.publicURL(ReturnPathOf(prov.Code())), ClientIP: in.ClientIP, Locale: locale(ctx), CreatedAt: now, ExpiresAt: p.ExpiresAt})
		if err != nil {
			return fmt.Errorf("create %s transaction: %w", prov.Code(), err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE payments SET next_url = $2 WHERE id = $1`, p.ID, res.RedirectURL); err != nil {
			return fmt.Errorf("store redirect of %s: %w", p.Code, err)
		}
		p.NextURL = res.RedirectURL
		if err := setStatus(ctx, tx, &p, StatusStarted, now); err != nil {
			return err
		}
		_, err = appendEvent(ctx, tx, p.ID, Event{At: now, Status: StatusStarted, Source: SourceCitizen}, "", nil)
		return err
	})
	if err != nil {
		return Payment{}, err
	}
	return p, nil
}

// verifyAtAgencies asks the agencies with a registered source whether their
// obligations are still open at the same amount (outside any transaction:
// it calls them over HTTP).
func (s *Service) verifyAtAgencies(ctx context.Context, ids []int64) error {
	byID, err := s.obs.Get(ctx, nil, ids)
	if err != nil {
		return err
	}
	obs := make([]obligation.Obligation, 0, len(byID))
	for _, o := range byID {
		obs = append(obs, o)
	}
	verdicts, err := s.obs.VerifyRemote(ctx, obs)
	if err != nil {
		return fmt.Errorf("verify obligations at their agency: %w", err)
	}
	var errs []apperr.UserError
	for i, id := range ids {
		v, ok := verdicts[id]
		switch {
		case !ok:
		case !v.Payable:
			errs = append(errs, apperr.Field(CodeObligationNotPayable, msgNotPayable, "obligationIds", strconv.Itoa(i)))
		case v.Changed:
			errs = append(errs, apperr.Field(CodeObligationChanged, msgChanged, "obligationIds", strconv.Itoa(i)))
		}
	}
	return apperr.Invalid(errs...)
}

// olderOpen reports whether an electricity bill has an older open bill of the
// same customer that is not paid along with it.
func (s *Service) olderOpen(ctx context.Context, tx *sqlx.Tx, o obligation.Obligation, ids []int64) (bool, error) {
	if o.Kind != obligation.KindElectricity || len(o.LookupKeys) == 0 {
		return false, nil
	}
	var n int
	err := tx.GetContext(ctx, &n, `SELECT count(*) FROM obligations WHERE kind = 'ELECTRICITY_BILL' AND status = 'OPEN'
		AND lookup_keys && $1 AND period < $2 AND NOT id = ANY($3)`, pq.Array(o.LookupKeys), o.Period, pq.Array(ids))
	if err != nil {
		return false, fmt.Errorf("older bills: %w", err)
	}
	return n > 0, nil
}

func locale(ctx context.Context) string {
	if i18n.FromContext(ctx) == i18n.EN {
		return "en"
	}
	return "vn"
}

// formatCode is TTyyyyMMdd and the sequence number, 8 digits: readable,
// unique, and a valid vnp_TxnRef.
func formatCode(at time.Time, n int64) string {
	num := strconv.FormatInt(n, 10)
	if len(num) < 8 {
		num = strings.Repeat("0", 8-len(num)) + num
	}
	return "TT" + vntime.DateOf(at).Format("20060102") + num
}
