// Package vnpaysandbox is a payment provider for development and tests that
// speaks VNPAY 2.1.0 over HTTP: the signed pay page (one button per outcome),
// the IPN sent to the merchant, the signed return redirect, the querydr and
// refund JSON API, a daily settlement CSV and fault injection for IPNs. It
// owns its transactions, in memory, safe for concurrent use. It is never
// used in production (config refuses PAYMENT_PROVIDER=sandbox there).
package vnpaysandbox

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/payment/vnpay"
)

// Paths the handler serves (mounted by the server under Prefix).
const (
	Prefix         = "/sandbox/vnpay/"
	PayPath        = "/sandbox/vnpay/pay"        // GET: pay page; POST: press an outcome
	APIPath        = "/sandbox/vnpay/api"        // POST: querydr and refund (VNPAY_API_URL)
	SettlementPath = "/sandbox/vnpay/settlement" // GET ?date=YYYY-MM-DD: settlement CSV
	FaultsPath     = "/sandbox/vnpay/faults"     // POST {"ipn","count"}; GET: current fault
)

// The sandbox's own merchant and secret (the defaults of VNPAY_TMN_CODE and
// VNPAY_HASH_SECRET outside production). Public on purpose: only a sandbox
// takes them.
const (
	DefaultTmnCode    = "DVCSANDB"
	DefaultHashSecret = "DVCPORTAL-SANDBOX-HASH-SECRET-NOT-FOR-PRODUCTION"
)

// Config configures a sandbox.
type Config struct {
	TmnCode    string // empty = DefaultTmnCode
	HashSecret string // empty = DefaultHashSecret
	// IPNURL is the merchant's IPN endpoint: DVC_PUBLIC_URL + vnpay.IPNPath.
	// Empty = no IPN is sent.
	IPNURL string

	MinAmount, MaxAmount int64 // VND; zero = vnpay's defaults

	FaultDelay       time.Duration // the "delay" fault's wait; zero = 5 s
	IPNRetries       int           // re-sends of a genuine IPN left unanswered (network error, not 200, 99); zero = 3, negative = none
	IPNRetryInterval time.Duration // between re-sends; zero = 1 minute
	IPNTimeout       time.Duration // one IPN attempt; zero = 10 s

	HTTPClient *http.Client     // nil = a client with IPNTimeout, no redirects
	Now        func() time.Time // nil = time.Now
	Logger     *slog.Logger     // nil = slog.Default()
}

// ConfigFrom is the sandbox's configuration from the server's settings: the
// merchant and secret of VNPAY_* and the IPN URL on DVC_PUBLIC_URL.
func ConfigFrom(c config.Config, log *slog.Logger) Config {
	return Config{TmnCode: c.VNPay.TmnCode, HashSecret: c.VNPay.HashSecret, IPNURL: vnpay.IPNURL(c.PublicURL), Logger: log}
}

// Sandbox is the provider's state and HTTP handler.
type Sandbox struct {
	cfg    Config
	client *http.Client
	now    func() time.Time
	log    *slog.Logger

	ctx    context.Context // cancelled by Close: stops delayed and retried IPNs
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu         sync.Mutex
	txns       map[string]*txn
	refunds    []*refund
	refundReqs map[string]*refund // by vnp_RequestId
	queryReqs  map[string]bool    // querydr vnp_RequestIds seen
	seq        int64              // last VNPAY transaction number given
	fault      Fault
	faultLeft  int
	deliveries []Delivery
}

// New returns a sandbox with cfg's defaults filled in.
func New(cfg Config) *Sandbox {
	if cfg.TmnCode == "" {
		cfg.TmnCode = DefaultTmnCode
	}
	if cfg.HashSecret == "" {
		cfg.HashSecret = DefaultHashSecret
	}
	if cfg.MinAmount == 0 {
		cfg.MinAmount = vnpay.DefaultMinAmount
	}
	if cfg.MaxAmount == 0 {
		cfg.MaxAmount = vnpay.DefaultMaxAmount
	}
	if cfg.FaultDelay == 0 {
		cfg.FaultDelay = 5 * time.Second
	}
	if cfg.IPNRetries == 0 {
		cfg.IPNRetries = 3
	}
	if cfg.IPNRetryInterval == 0 {
		cfg.IPNRetryInterval = time.Minute
	}
	if cfg.IPNTimeout == 0 {
		cfg.IPNTimeout = 10 * time.Second
	}
	s := &Sandbox{
		cfg: cfg, client: cfg.HTTPClient, now: cfg.Now, log: cfg.Logger,
		txns: map[string]*txn{}, refundReqs: map[string]*refund{}, queryReqs: map[string]bool{},
		seq: 14_000_000,
	}
	if s.client == nil {
		s.client = vnpay.NewHTTPClient(cfg.IPNTimeout)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	return s
}

// TmnCode and HashSecret are the merchant and secret the sandbox speaks with.
func (s *Sandbox) TmnCode() string    { return s.cfg.TmnCode }
func (s *Sandbox) HashSecret() string { return s.cfg.HashSecret }

// Close stops delayed and retried IPNs and waits for those under way.
func (s *Sandbox) Close() {
	s.cancel()
	s.wg.Wait()
}

// Handler serves the sandbox's endpoints at their full paths (PayPath, ...),
// so it can be mounted under Prefix or served alone by httptest.
func (s *Sandbox) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+PayPath, s.payPage)
	mux.HandleFunc("POST "+PayPath, s.pay)
	mux.HandleFunc("POST "+APIPath, s.api)
	mux.HandleFunc("GET "+SettlementPath, s.settlement)
	mux.HandleFunc("GET "+FaultsPath, s.getFault)
	mux.HandleFunc("POST "+FaultsPath, s.postFault)
	return mux
}

// txn is one transaction as VNPAY holds it.
type txn struct {
	ref        string
	hashData   string // of the pay request: the same TxnRef must come back identical
	amount     int64  // VND
	orderInfo  string
	returnURL  string
	locale     string
	createDate string // vnp_CreateDate as sent
	expires    time.Time

	status        string // vnpay.StatusPending until an outcome, then 00 or 02
	responseCode  string
	transactionNo string
	bankCode      string
	payDate       time.Time
	refunded      int64 // VND
}

// refund is one accepted refund.
type refund struct {
	requestID     string
	txnRef        string
	kind          string // vnpay.RefundFull or RefundPartial
	amount        int64
	transactionNo string
	at            time.Time
	answer        map[string]string // replayed for the same vnp_RequestId
}

// txnSnapshot is a copy taken under the lock.
func (s *Sandbox) lookup(ref string) (txn, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.txns[ref]
	if !ok {
		return txn{}, false
	}
	return *t, true
}

func (s *Sandbox) nextTransactionNo() string {
	s.seq++
	return formatInt(s.seq)
}

// withQuery appends a query to u (which may have one).
func withQuery(u, q string) string {
	p, err := url.Parse(u)
	if err == nil && p.RawQuery != "" {
		return u + "&" + q
	}
	return u + "?" + q
}
