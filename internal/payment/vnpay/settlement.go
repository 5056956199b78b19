package vnpay

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/dvcportal/dvcportal/internal/payment/provider"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// SettlementHeader is the first line of a settlement file: one line per
// successful payment or refund of the day (Asia/Ho_Chi_Minh), amount in whole
// VND (a report, not a protocol message), time as yyyyMMddHHmmss.
var SettlementHeader = []string{"tmn_code", "txn_ref", "transaction_no", "type", "amount_vnd", "time"}

// Settlement line types.
const (
	SettlementPayment = "PAYMENT"
	SettlementRefund  = "REFUND"
)

// WriteSettlement writes lines as a settlement CSV of merchant tmnCode.
func WriteSettlement(w io.Writer, tmnCode string, lines []provider.SettlementLine) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(SettlementHeader); err != nil {
		return err
	}
	for _, l := range lines {
		if err := cw.Write([]string{tmnCode, l.TxnRef, l.ProviderTxnID, l.Kind, strconv.FormatInt(l.Amount, 10), FormatTime(l.At)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ReadSettlement parses a settlement CSV, refusing a line of another merchant
// or with a malformed field (with its line number).
func ReadSettlement(r io.Reader, tmnCode string) ([]provider.SettlementLine, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(SettlementHeader)
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("vnpay settlement: %w: %w", err, provider.ErrMalformed)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("vnpay settlement: empty file: %w", provider.ErrMalformed)
	}
	for i, h := range SettlementHeader {
		if recs[0][i] != h {
			return nil, fmt.Errorf("vnpay settlement: header column %d is %q, want %q: %w", i+1, recs[0][i], h, provider.ErrMalformed)
		}
	}
	lines := make([]provider.SettlementLine, 0, len(recs)-1)
	for i, rec := range recs[1:] {
		bad := func(what string) error {
			return fmt.Errorf("vnpay settlement line %d: %s: %w", i+2, what, provider.ErrMalformed)
		}
		if rec[0] != tmnCode {
			return nil, bad("merchant " + rec[0])
		}
		amount, err := strconv.ParseInt(rec[4], 10, 64)
		if err != nil || amount <= 0 {
			return nil, bad("amount " + rec[4])
		}
		at, err := ParseTime(rec[5])
		if err != nil {
			return nil, bad("time " + rec[5])
		}
		if rec[3] != SettlementPayment && rec[3] != SettlementRefund {
			return nil, bad("type " + rec[3])
		}
		lines = append(lines, provider.SettlementLine{TxnRef: rec[1], ProviderTxnID: rec[2], Kind: rec[3], Amount: amount, At: at})
	}
	return lines, nil
}

// Settlement fetches the settlement file of day (its date in
// Asia/Ho_Chi_Minh) from the configured settlement URL. Without one (VNPAY
// sends real files out of band) it is provider.ErrUnavailable.
func (a *Adapter) Settlement(ctx context.Context, day time.Time) ([]provider.SettlementLine, error) {
	if a.cfg.SettlementURL == "" {
		return nil, fmt.Errorf("vnpay settlement: no settlement URL configured: %w", provider.ErrUnavailable)
	}
	date := day.In(vntime.Location).Format("2006-01-02")
	u, err := url.Parse(a.cfg.SettlementURL)
	if err != nil {
		return nil, fmt.Errorf("vnpay settlement: %w", err)
	}
	q := u.Query()
	q.Set("date", date)
	u.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("vnpay settlement %s: %w", date, err)
	}
	res, err := a.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("vnpay settlement %s: %w: %w", date, provider.ErrUnavailable, err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("vnpay settlement %s: HTTP %d: %w", date, res.StatusCode, provider.ErrUnavailable)
	}
	lines, err := ReadSettlement(io.LimitReader(res.Body, 64<<20), a.cfg.TmnCode)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", date, err)
	}
	return lines, nil
}
