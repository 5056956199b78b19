package webhook

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"

	"github.com/dvcportal/dvcportal/internal/jobs"
	"github.com/dvcportal/dvcportal/internal/outbound"
)

// DeliverArgs is the River job that sends one delivery.
type DeliverArgs struct {
	DeliveryID int64 `json:"delivery_id"`
}

// Kind is the River job kind.
func (DeliverArgs) Kind() string { return "webhook_deliver" }

// InsertOpts: the webhook queue; MaxAttempts bounds the retries (about a day with the default
// backoff).
func (DeliverArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: jobs.QueueWebhook, MaxAttempts: DefaultMaxAttempts}
}

// DefaultMaxAttempts is how many times a delivery is tried.
const DefaultMaxAttempts = 20

// Secrets resolves a delivery's secret reference to the signing secret.
type Secrets interface {
	Secret(ctx context.Context, ref string) ([]byte, error)
}

// WorkerConfig tunes the worker; zero fields take the defaults.
type WorkerConfig struct {
	// Timeout bounds one HTTP attempt (default 10 s).
	Timeout time.Duration
	// BackoffBase is the first retry delay, doubled per attempt up to
	// BackoffMax (defaults 10 s and 1 h).
	BackoffBase, BackoffMax time.Duration
	// OrderWait is how long a delivery waits for an earlier one of its
	// subject before looking again (default 2 s).
	OrderWait time.Duration
	// Outbound is what deliveries may reach (production: public addresses
	// only, checked at dial time; no proxy from the environment).
	Outbound outbound.Config
	// Transport overrides the transport built from Outbound (tests).
	Transport http.RoundTripper
}

// Worker sends deliveries.
type Worker struct {
	river.WorkerDefaults[DeliverArgs]
	db      *sqlx.DB
	secrets Secrets
	client  *http.Client
	cfg     WorkerConfig
	logger  *slog.Logger
	now     func() time.Time
}

// NewWorker returns the delivery worker.
func NewWorker(db *sqlx.DB, secrets Secrets, cfg WorkerConfig, logger *slog.Logger) *Worker {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	if cfg.BackoffBase <= 0 {
		cfg.BackoffBase = 10 * time.Second
	}
	if cfg.BackoffMax <= 0 {
		cfg.BackoffMax = time.Hour
	}
	if cfg.OrderWait <= 0 {
		cfg.OrderWait = 2 * time.Second
	}
	if cfg.Transport == nil {
		cfg.Transport = outbound.Transport(cfg.Outbound)
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	client := &http.Client{
		Timeout:   cfg.Timeout,
		Transport: cfg.Transport,
		// A partner's redirect is not followed: the signed body goes only
		// to the URL the agency registered.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return &Worker{db: db, secrets: secrets, client: client, cfg: cfg, logger: logger, now: time.Now}
}

// Timeout bounds one run of the job: one HTTP attempt and its bookkeeping
// (a few statements). The job queue's rescue of a crashed process's jobs
// comes only after it (see jobs.RescueAfter).
func (w *Worker) Timeout(*river.Job[DeliverArgs]) time.Duration {
	return w.cfg.Timeout + 5*time.Second
}

// NextRetry doubles the delay per attempt, from BackoffBase up to BackoffMax.
func (w *Worker) NextRetry(job *river.Job[DeliverArgs]) time.Time {
	return w.now().Add(backoff(w.cfg.BackoffBase, w.cfg.BackoffMax, job.Attempt))
}

func backoff(base, maxDelay time.Duration, attempt int) time.Duration {
	d := base
	for i := 1; i < attempt && d < maxDelay; i++ {
		d *= 2
	}
	return min(d, maxDelay)
}

type deliveryRow struct {
	ID        int64  `db:"id"`
	Key       string `db:"delivery_key"`
	Subject   string `db:"subject"`
	Event     string `db:"event"`
	URL       string `db:"url"`
	SecretRef string `db:"secret_ref"`
	Body      string `db:"body"`
	Status    string `db:"status"`
}

// errPermanent marks an answer that retrying will not change (4xx).
var errPermanent = errors.New("partner refused the delivery")

// Work sends the delivery once more, unless it was already delivered or an
// earlier delivery of its subject is still pending.
func (w *Worker) Work(ctx context.Context, job *river.Job[DeliverArgs]) error {
	var d deliveryRow
	err := w.db.GetContext(ctx, &d, `SELECT id, delivery_key, subject, event, url, secret_ref, body, status
		FROM webhook_deliveries WHERE id = $1`, job.Args.DeliveryID)
	if errors.Is(err, sql.ErrNoRows) {
		return river.JobCancel(fmt.Errorf("webhook delivery %d does not exist", job.Args.DeliveryID))
	}
	if err != nil {
		return fmt.Errorf("load webhook delivery %d: %w", job.Args.DeliveryID, err)
	}
	if d.Status != "PENDING" {
		return nil
	}
	var earlier bool
	if err := w.db.GetContext(ctx, &earlier, `SELECT EXISTS (SELECT 1 FROM webhook_deliveries
		WHERE subject = $1 AND id < $2 AND status = 'PENDING')`, d.Subject, d.ID); err != nil {
		return fmt.Errorf("order of webhook delivery %d: %w", d.ID, err)
	}
	if earlier {
		return river.JobSnooze(w.cfg.OrderWait)
	}
	secret, err := w.secrets.Secret(ctx, d.SecretRef)
	if err != nil {
		return fmt.Errorf("secret of webhook delivery %d: %w", d.ID, err)
	}
	status, sendErr := w.send(ctx, d, secret)
	final := sendErr != nil && (errors.Is(sendErr, errPermanent) || job.Attempt >= job.MaxAttempts)
	if err := w.record(ctx, d.ID, status, sendErr, final); err != nil {
		return err
	}
	switch {
	case sendErr == nil:
		return nil
	case errors.Is(sendErr, errPermanent):
		w.logger.WarnContext(ctx, "webhook delivery refused", "delivery_id", d.ID, "event", d.Event, "status", status)
		return river.JobCancel(sendErr)
	default:
		w.logger.InfoContext(ctx, "webhook delivery failed, will retry", "delivery_id", d.ID, "event", d.Event,
			"attempt", job.Attempt, "error", sendErr.Error())
		return sendErr
	}
}

// send makes one HTTP attempt and returns the response status (0 when there
// was none).
func (w *Worker) send(ctx context.Context, d deliveryRow, secret []byte) (int, error) {
	body := []byte(d.Body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(body))
	if err != nil {
		return 0, fmt.Errorf("%w: bad URL", errPermanent)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "dvcportal-webhook/1")
	req.Header.Set(HeaderSignature, Sign(secret, w.now(), body))
	req.Header.Set(HeaderDelivery, d.Key)
	req.Header.Set(HeaderIdempotency, d.Key)
	req.Header.Set(HeaderEvent, d.Event)
	resp, err := w.client.Do(req)
	if err != nil {
		// The error text names the URL, which may carry a partner's token:
		// keep only what kind of failure it was.
		var uerr *url.Error
		if errors.As(err, &uerr) && uerr.Timeout() {
			return 0, errors.New("timeout")
		}
		if errors.Is(err, outbound.ErrRefusedAddress) {
			return 0, errors.New("address refused: the URL does not resolve to a public internet address")
		}
		return 0, errors.New("connection failed")
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return resp.StatusCode, nil
	case resp.StatusCode == http.StatusRequestTimeout || resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return resp.StatusCode, fmt.Errorf("partner answered %d", resp.StatusCode)
	default:
		return resp.StatusCode, fmt.Errorf("%w: status %d", errPermanent, resp.StatusCode)
	}
}

func (w *Worker) record(ctx context.Context, id int64, status int, sendErr error, final bool) error {
	newStatus, lastErr := "PENDING", ""
	switch {
	case sendErr == nil:
		newStatus = "DELIVERED"
	case final:
		newStatus, lastErr = "FAILED", sendErr.Error()
	default:
		lastErr = sendErr.Error()
	}
	var st sql.NullInt32
	if status != 0 {
		st = sql.NullInt32{Int32: int32(status), Valid: true}
	}
	_, err := w.db.ExecContext(ctx, `UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = $2,
		last_error = $3, status = $4, delivered_at = CASE WHEN $4 = 'DELIVERED' THEN now() END
		WHERE id = $1 AND status = 'PENDING'`, id, st, lastErr, newStatus)
	if err != nil {
		return fmt.Errorf("record webhook delivery %d: %w", id, err)
	}
	return nil
}
