package payment

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/dvcportal/dvcportal/internal/payment/provider"
	"github.com/dvcportal/dvcportal/internal/postgres"
)

// The HTTP routes outside GraphQL, per provider code: the provider's
// server-to-server notification (IPN) and the browser's return.
const (
	RoutePrefix = "/payments/"
	ipnSuffix   = "/ipn"
	retSuffix   = "/return"
)

// NotificationPath is the IPN route of a provider.
func NotificationPath(code string) string { return RoutePrefix + code + ipnSuffix }

// ReturnPathOf is the return route of a provider.
func ReturnPathOf(code string) string { return RoutePrefix + code + retSuffix }

// Handler serves /payments/{provider}/ipn and /payments/{provider}/return.
func (s *Service) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest := strings.TrimPrefix(r.URL.Path, RoutePrefix)
		code, action, _ := strings.Cut(rest, "/")
		prov, ok := s.providers[code]
		if !ok || (r.Method != http.MethodGet && r.Method != http.MethodPost) {
			http.NotFound(w, r)
			return
		}
		switch "/" + action {
		case ipnSuffix:
			s.serveNotification(w, r, prov)
		case retSuffix:
			s.serveReturn(w, r, prov)
		default:
			http.NotFound(w, r)
		}
	})
}

// serveNotification applies a provider notification: signature first (in
// the adapter, constant time), then the payment locked, checked and moved
// once; the answer follows the provider's protocol.
func (s *Service) serveNotification(w http.ResponseWriter, r *http.Request, prov provider.Provider) {
	answer := func(a provider.Answer) {
		s.metrics.notification(string(a))
		prov.NotificationAnswer(w, a)
	}
	n, err := prov.ParseNotification(r)
	switch {
	case errors.Is(err, provider.ErrBadSignature):
		s.logger.Warn("payment notification with a bad signature", "provider", prov.Code(), "remote", r.RemoteAddr)
		answer(provider.AnswerInvalidSignature)
		return
	case err != nil:
		s.logger.Warn("malformed payment notification", "provider", prov.Code(), "err", err)
		answer(provider.AnswerOther)
		return
	}
	ctx := r.Context()
	id, err := idByCode(ctx, s.db, n.TxnRef)
	if err != nil {
		s.logger.Error("payment notification", "err", err)
		answer(provider.AnswerOther)
		return
	}
	if id == 0 {
		answer(provider.AnswerOrderNotFound)
		return
	}
	ev := providerEvent{Source: SourceNotification, Outcome: n.Outcome, Amount: n.Amount, Currency: n.Currency,
		MerchantOK: s.merchantOK(prov.Code(), n.MerchantCode), ResponseCode: n.ResponseCode,
		ProviderTxnID: n.ProviderTxnID, EventKey: prov.Code() + ":" + n.EventKey, PaidAt: n.PaidAt, Raw: n.Raw}
	var res applyResult
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		p, ok, err := load(ctx, tx, id, true)
		if err != nil || !ok {
			return err
		}
		res, err = s.apply(ctx, tx, &p, ev)
		return err
	})
	if err != nil {
		s.logger.Error("payment notification", "payment", n.TxnRef, "err", err)
		answer(provider.AnswerOther)
		return
	}
	if hook := s.afterNotificationCommit.Load(); hook != nil && *hook != nil {
		if err := (*hook)(); err != nil {
			// As if the process died here: no answer at all.
			panic(http.ErrAbortHandler)
		}
	}
	switch res {
	case alreadyApplied:
		answer(provider.AnswerAlreadyConfirmed)
	case amountMismatch:
		answer(provider.AnswerInvalidAmount)
	default:
		answer(provider.AnswerConfirmed)
	}
}

func (s *Service) merchantOK(code, got string) bool {
	want, ok := s.cfg.Merchants[code]
	return !ok || want == got
}

// serveReturn is the browser coming back from the provider: it never
// finalises a payment. A verified return is recorded in the ledger and asks
// for a status query shortly (in case the notification is lost); the browser
// goes on to the client's return URL with the payment's code.
func (s *Service) serveReturn(w http.ResponseWriter, r *http.Request, prov provider.Provider) {
	n, err := prov.ParseReturn(r)
	if err != nil {
		http.Error(w, "invalid payment return", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	id, err := idByCode(ctx, s.db, n.TxnRef)
	if err != nil || id == 0 {
		http.Error(w, "unknown payment", http.StatusNotFound)
		return
	}
	var target string
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		p, ok, err := load(ctx, tx, id, false)
		if err != nil || !ok {
			return err
		}
		target = p.ReturnURL
		if p.Finished() {
			return nil
		}
		if _, err := appendEvent(ctx, tx, p.ID, Event{At: s.now().UTC(), Status: p.Status, Source: SourceReturn,
			Note: "browser returned: provider response " + n.ResponseCode}, "", nil); err != nil {
			return err
		}
		return s.jobs.InsertTx(ctx, tx, QueryArgs{PaymentID: p.ID, Source: SourceStatusQuery},
			&river.InsertOpts{ScheduledAt: s.now().Add(s.cfg.ReturnQueryDelay)})
	})
	if err != nil || target == "" {
		s.logger.Error("payment return", "err", err)
		http.Error(w, "payment return failed", http.StatusInternalServerError)
		return
	}
	http.Redirect(w, r, withQuery(target, "payment", n.TxnRef), http.StatusSeeOther)
}

func withQuery(raw, k, v string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	q.Set(k, v)
	u.RawQuery = q.Encode()
	return u.String()
}

// QueryArgs is the job that asks the provider for the truth about a payment.
type QueryArgs struct {
	PaymentID int64  `json:"paymentId"`
	Source    Source `json:"source"`
}

// Kind is the River job kind.
func (QueryArgs) Kind() string { return "payment_query" }

// InsertOpts: one waiting query per payment.
func (QueryArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning, rivertype.JobStateRetryable,
		rivertype.JobStateScheduled}}}
}

// queryNow asks the provider about a payment and applies its answer.
func (s *Service) queryNow(ctx context.Context, id int64, src Source) (Payment, error) {
	p, ok, err := load(ctx, s.db, id, false)
	if err != nil || !ok {
		return p, err
	}
	if p.Finished() {
		return p, nil
	}
	prov, ok := s.providers[p.Provider]
	if !ok {
		return p, errors.New("payment provider " + p.Provider + " is not configured")
	}
	st, err := prov.Query(ctx, provider.QueryRequest{TxnRef: p.Code, CreatedAt: p.CreatedAt, ClientIP: "127.0.0.1"})
	if err != nil {
		return p, err
	}
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var ok bool
		p, ok, err = load(ctx, tx, id, true)
		if err != nil || !ok {
			return err
		}
		key := ""
		if st.EventKey != "" {
			key = prov.Code() + ":" + st.EventKey
		}
		ev := providerEvent{Source: src, Outcome: st.Outcome, Amount: st.Amount, MerchantOK: true,
			ResponseCode: st.ResponseCode, ProviderTxnID: st.ProviderTxnID, EventKey: key, PaidAt: st.PaidAt}
		if st.Outcome == provider.OutcomePending && s.now().Sub(p.CreatedAt) > 24*time.Hour && !p.Finished() {
			s.metrics.alert()
			s.logger.Error("operator alert: payment pending at the provider for a day, sent to review", "payment", p.Code)
			if err := setStatus(ctx, tx, &p, StatusReview, s.now().UTC()); err != nil {
				return err
			}
			_, err := appendEvent(ctx, tx, p.ID, Event{At: s.now().UTC(), Status: StatusReview, Source: src,
				Note: "pending at the provider for more than a day"}, "", nil)
			return err
		}
		_, err := s.apply(ctx, tx, &p, ev)
		return err
	})
	return p, err
}

type queryWorker struct {
	river.WorkerDefaults[QueryArgs]
	s *Service
}

func (w *queryWorker) Work(ctx context.Context, j *river.Job[QueryArgs]) error {
	_, err := w.s.queryNow(ctx, j.Args.PaymentID, j.Args.Source)
	return err
}
