package obligation

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/outbound"
	"github.com/dvcportal/dvcportal/internal/sealed"
	"github.com/dvcportal/dvcportal/internal/vnid"
	"github.com/dvcportal/dvcportal/internal/webhook"
)

// Partner sources: an agency registers the endpoints the portal calls for
// its obligations (lookup, verify just before paying, notify after success)
// and gets a signing secret, once. Every call is a JSON POST signed like the
// partner webhooks (webhook.HeaderSignature: t=<unix>,v1=<HMAC-SHA256>), so
// a new agency is data, not code.

// SourcePurpose keys the sealing of partner source secrets.
const SourcePurpose = "dvcportal/obligation/source-secret/v1"

// PartnerSource is an agency's registered endpoints.
type PartnerSource struct {
	AgencyCode string
	LookupURL  string
	VerifyURL  string
	NotifyURL  string
	UpdatedAt  time.Time
}

// Partners keeps partner sources and calls them.
type Partners struct {
	db            execQueryer
	box           *sealed.Box
	client        *http.Client
	allowInsecure bool
	now           func() time.Time
}

type execQueryer interface {
	execer
	GetContext(ctx context.Context, dest any, query string, args ...any) error
}

// NewPartners returns the partner sources on db; allowInsecure accepts
// http:// endpoints (development only); out is what the calls may reach
// (package outbound: no internal address in production).
func NewPartners(db execQueryer, box *sealed.Box, allowInsecure bool, out outbound.Config) *Partners {
	return &Partners{db: db, box: box, allowInsecure: allowInsecure, now: time.Now,
		client: &http.Client{Timeout: 10 * time.Second, Transport: outbound.Transport(out),
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var (
	msgHTTPS = i18n.T("Địa chỉ phải là URL https tuyệt đối.", "The address must be an absolute https URL.")
	msgURL   = i18n.T("Địa chỉ không hợp lệ.", "The address is not valid.")
)

// Register records the calling agency's endpoints and returns a new signing
// secret, shown this once (registering again rotates it).
func (p *Partners) Register(ctx context.Context, lookupURL, verifyURL, notifyURL string) (PartnerSource, string, error) {
	actor, err := auth.RequireAgency(ctx)
	if err != nil {
		return PartnerSource{}, "", err
	}
	var errs []apperr.UserError
	for _, u := range []struct{ field, v string }{{"lookupUrl", lookupURL}, {"verifyUrl", verifyURL}, {"notifyUrl", notifyURL}} {
		switch err := webhook.CheckURL(strings.TrimSpace(u.v), p.allowInsecure); {
		case strings.TrimSpace(u.v) == "":
			errs = append(errs, apperr.Field(apperr.CodeRequired, msgRequired, u.field))
		case errors.Is(err, webhook.ErrURLNotHTTPS):
			errs = append(errs, apperr.Field(apperr.CodeInvalid, msgHTTPS, u.field))
		case err != nil:
			errs = append(errs, apperr.Field(apperr.CodeInvalid, msgURL, u.field))
		}
	}
	if len(errs) > 0 {
		return PartnerSource{}, "", apperr.Invalid(errs...)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return PartnerSource{}, "", fmt.Errorf("source secret: %w", err)
	}
	secret := "dvcsrc_" + hex.EncodeToString(raw)
	sealedSecret, err := p.box.Seal(secret, actor.AgencyCode)
	if err != nil {
		return PartnerSource{}, "", err
	}
	now := p.now().UTC().Truncate(time.Microsecond)
	src := PartnerSource{AgencyCode: actor.AgencyCode, LookupURL: strings.TrimSpace(lookupURL),
		VerifyURL: strings.TrimSpace(verifyURL), NotifyURL: strings.TrimSpace(notifyURL), UpdatedAt: now}
	if _, err := p.db.ExecContext(ctx, `INSERT INTO obligation_sources (agency_code, lookup_url, verify_url, notify_url,
		secret_sealed, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)
		ON CONFLICT (agency_code) DO UPDATE SET lookup_url = EXCLUDED.lookup_url, verify_url = EXCLUDED.verify_url,
		notify_url = EXCLUDED.notify_url, secret_sealed = EXCLUDED.secret_sealed, updated_at = EXCLUDED.updated_at`,
		src.AgencyCode, src.LookupURL, src.VerifyURL, src.NotifyURL, sealedSecret, now); err != nil {
		return PartnerSource{}, "", fmt.Errorf("register obligation source of %s: %w", src.AgencyCode, err)
	}
	return src, secret, nil
}

type sourceRow struct {
	AgencyCode string    `db:"agency_code"`
	LookupURL  string    `db:"lookup_url"`
	VerifyURL  string    `db:"verify_url"`
	NotifyURL  string    `db:"notify_url"`
	Sealed     string    `db:"secret_sealed"`
	UpdatedAt  time.Time `db:"updated_at"`
}

// source returns an agency's registered source (ok false when none).
func (p *Partners) source(ctx context.Context, agency string) (sourceRow, bool, error) {
	var r sourceRow
	err := p.db.GetContext(ctx, &r, `SELECT agency_code, lookup_url, verify_url, notify_url, secret_sealed, updated_at
		FROM obligation_sources WHERE agency_code = $1`, agency)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	if err != nil {
		return r, false, fmt.Errorf("obligation source of %s: %w", agency, err)
	}
	return r, true, nil
}

// call POSTs body, signed with the agency's secret, to url and decodes the
// JSON answer into out. Anything but a 2xx with JSON is an error (the
// caller's job retries).
func (p *Partners) call(ctx context.Context, src sourceRow, url, event string, body, out any) error {
	secret, err := p.box.Open(src.Sealed, src.AgencyCode)
	if err != nil {
		return fmt.Errorf("secret of obligation source %s: %w", src.AgencyCode, err)
	}
	b, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("encode %s: %w", event, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("%s to %s: %w", event, src.AgencyCode, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(webhook.HeaderEvent, event)
	req.Header.Set(webhook.HeaderSignature, webhook.Sign([]byte(secret), p.now(), b))
	resp, err := p.client.Do(req)
	if err != nil {
		return fmt.Errorf("%s to %s: %w", event, src.AgencyCode, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		return fmt.Errorf("%s to %s: read answer: %w", event, src.AgencyCode, err)
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s to %s: HTTP %d", event, src.AgencyCode, resp.StatusCode)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("%s to %s: answer is not the expected JSON", event, src.AgencyCode)
	}
	return nil
}

// Verdict is an agency's current view of one obligation, just before paying.
type Verdict struct {
	Payable bool  // still open at the agency
	Changed bool  // the agency's amount differs from ours
	Amount  int64 // the agency's amount due
}

// verifyRemote asks the agency's verify endpoint about a pushed obligation.
func (p *Partners) verifyRemote(ctx context.Context, o Obligation) (Verdict, bool, error) {
	src, ok, err := p.source(ctx, o.AgencyCode)
	if err != nil || !ok {
		return Verdict{}, false, err
	}
	var ans struct {
		Status    string `json:"status"`
		AmountDue int64  `json:"amountDue"`
	}
	if err := p.call(ctx, src, src.VerifyURL, "obligation.verify", map[string]any{
		"sourceRef": o.SourceRef, "kind": o.Kind, "amountDue": o.Principal}, &ans); err != nil {
		return Verdict{}, true, err
	}
	return Verdict{Payable: ans.Status == string(StatusOpen), Changed: ans.AmountDue != o.Principal, Amount: ans.AmountDue}, true, nil
}

// notifyRemote tells the agency's notify endpoint of a payment; its answer
// carries the agency's receipt number, or none (it acknowledges later).
func (p *Partners) notifyRemote(ctx context.Context, pd Paid) (Ack, bool, error) {
	src, ok, err := p.source(ctx, pd.Obligation.AgencyCode)
	if err != nil || !ok {
		return Ack{}, false, err
	}
	var ans struct {
		ReceiptNumber string `json:"receiptNumber"`
	}
	if err := p.call(ctx, src, src.NotifyURL, "payment.succeeded", map[string]any{
		"paymentCode": pd.PaymentCode, "sourceRef": pd.Obligation.SourceRef, "kind": pd.Obligation.Kind,
		"amount": pd.Amount, "paidAt": pd.PaidAt.UTC().Format(time.RFC3339)}, &ans); err != nil {
		return Ack{}, true, err
	}
	if ans.ReceiptNumber == "" || len(ans.ReceiptNumber) > 100 {
		return Ack{Pending: true}, true, nil
	}
	return Ack{ReceiptNumber: ans.ReceiptNumber, Issuer: pd.Obligation.AgencyCode}, true, nil
}

// kindAgency is the agency whose registered source answers lookups of a
// kind (the agencies of the sandbox file).
var kindAgency = map[Kind]string{KindTax: AgencyTax, KindElectricity: AgencyElectricity, KindTrafficFine: AgencyTraffic}

type remoteObligation struct {
	SourceRef      string `json:"sourceRef"`
	DebtorIDNumber string `json:"debtorIdNumber"`
	DebtorName     string `json:"debtorName"`
	Description    string `json:"description"`
	Period         string `json:"period"`
	DueDate        string `json:"dueDate"`
	Lines          []Line `json:"lines"`
	Payee          Payee  `json:"payee"`
	Status         string `json:"status"`
}

// lookupRemote asks the registered source of the kind's agency and returns
// its answer as obligations findable by keys (stored by the caller). An
// agency that does not answer, or answers nonsense, contributes nothing:
// the portal's own records still answer.
func (p *Partners) lookupRemote(ctx context.Context, q Query, keys []string) ([]Obligation, error) {
	agency, ok := kindAgency[q.Kind]
	if !ok {
		return nil, nil
	}
	src, ok, err := p.source(ctx, agency)
	if err != nil || !ok {
		return nil, err
	}
	var ans struct {
		Obligations []remoteObligation `json:"obligations"`
	}
	if err := p.call(ctx, src, src.LookupURL, "obligation.lookup", map[string]any{"kind": q.Kind, "taxCode": strings.TrimSpace(q.TaxCode),
		"customerCode": vnid.NormEVNCustomerCode(q.CustomerCode), "decisionNumber": strings.TrimSpace(q.DecisionNumber),
		"plateNumber": vnid.NormPlate(q.PlateNumber), "violatorIdNumber": strings.TrimSpace(q.ViolatorIDNumber)}, &ans); err != nil {
		return nil, nil // an agency that is down leaves the portal's records
	}
	var out []Obligation
	for i, r := range ans.Obligations {
		if i >= maxPush {
			break
		}
		in := PushInput{Kind: q.Kind, SourceRef: r.SourceRef, DebtorIDNumber: r.DebtorIDNumber, DebtorName: r.DebtorName,
			Description: r.Description, Period: r.Period, Lines: r.Lines, Payee: r.Payee}
		if r.DueDate != "" {
			d, err := time.Parse(time.DateOnly, r.DueDate)
			if err != nil {
				continue
			}
			in.DueDate = &d
		}
		o, ok := in.checked(agency)
		if !ok {
			continue
		}
		o.LookupKeys = append(o.LookupKeys, keys...)
		o.Details.Identifier = q.Identifier()
		if r.Status == string(StatusPaid) {
			o.Status = StatusPaid
		}
		out = append(out, o)
	}
	return out, nil
}
