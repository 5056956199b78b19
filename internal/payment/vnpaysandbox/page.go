package vnpaysandbox

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/dvcportal/dvcportal/internal/payment/vnpay"
)

// payError is a refused pay request: VNPAY shows an error page.
type payError struct {
	status int
	code   string // VNPAY's error code on its error page
	msgVI  string
	msgEN  string
}

func (e *payError) Error() string { return e.code + " " + e.msgEN }

var (
	errSignature = &payError{http.StatusBadRequest, "70", "Sai chữ ký.", "Invalid signature."}
	errMerchant  = &payError{http.StatusBadRequest, "02", "Mã website (vnp_TmnCode) không đúng.", "Unknown merchant (vnp_TmnCode)."}
	errDuplicate = &payError{http.StatusConflict, "94", "Mã giao dịch (vnp_TxnRef) đã được dùng cho một giao dịch khác.", "vnp_TxnRef was already used for another transaction."}
	errUnknown   = &payError{http.StatusNotFound, "91", "Không tìm thấy giao dịch.", "Transaction not found."}
	errFinished  = &payError{http.StatusConflict, "02", "Giao dịch đã được xử lý.", "This transaction is already processed."}
	errExpired   = &payError{http.StatusBadRequest, "11", "Giao dịch đã hết hạn chờ thanh toán.", "The payment time has expired."}
)

func badFormat(field string) *payError {
	return &payError{http.StatusBadRequest, "03", "Dữ liệu không đúng định dạng: " + field + ".", "Invalid data format: " + field + "."}
}

// register checks a signed pay request as VNPAY does and records its
// transaction (idempotently: the same request opened twice is one
// transaction).
func (s *Sandbox) register(q url.Values) (txn, *payError) {
	if !vnpay.Verify(s.cfg.HashSecret, q) {
		return txn{}, errSignature
	}
	get := q.Get
	if get("vnp_TmnCode") != s.cfg.TmnCode {
		return txn{}, errMerchant
	}
	for _, f := range []struct{ name, want string }{{"vnp_Version", vnpay.Version}, {"vnp_Command", "pay"}, {"vnp_CurrCode", vnpay.Currency}} {
		if get(f.name) != f.want {
			return txn{}, badFormat(f.name)
		}
	}
	t := txn{
		ref: get("vnp_TxnRef"), hashData: vnpay.HashData(q), orderInfo: get("vnp_OrderInfo"),
		returnURL: get("vnp_ReturnUrl"), locale: get("vnp_Locale"), createDate: get("vnp_CreateDate"),
		status: vnpay.StatusPending,
	}
	if vnpay.ValidTxnRef(t.ref) != nil {
		return txn{}, badFormat("vnp_TxnRef")
	}
	amount, err := vnpay.ParseAmount(get("vnp_Amount"))
	if err != nil || amount < s.cfg.MinAmount || amount > s.cfg.MaxAmount {
		return txn{}, badFormat("vnp_Amount")
	}
	t.amount = amount
	if t.orderInfo == "" || len(t.orderInfo) > 255 {
		return txn{}, badFormat("vnp_OrderInfo")
	}
	if get("vnp_OrderType") == "" {
		return txn{}, badFormat("vnp_OrderType")
	}
	if t.locale != "vn" && t.locale != "en" {
		return txn{}, badFormat("vnp_Locale")
	}
	if u, err := url.Parse(t.returnURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return txn{}, badFormat("vnp_ReturnUrl")
	}
	if get("vnp_IpAddr") == "" {
		return txn{}, badFormat("vnp_IpAddr")
	}
	created, err := vnpay.ParseTime(t.createDate)
	if err != nil {
		return txn{}, badFormat("vnp_CreateDate")
	}
	if t.expires, err = vnpay.ParseTime(get("vnp_ExpireDate")); err != nil || !t.expires.After(created) {
		return txn{}, badFormat("vnp_ExpireDate")
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.txns[t.ref]; ok {
		if old.hashData != t.hashData {
			return txn{}, errDuplicate
		}
		return *old, nil
	}
	if !s.now().Before(t.expires) {
		return txn{}, errExpired
	}
	s.txns[t.ref] = &t
	return t, nil
}

// payPage is VNPAY's pay page: the signed request checked, then one button
// per outcome.
func (s *Sandbox) payPage(w http.ResponseWriter, r *http.Request) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		s.errorPage(w, "vn", errSignature)
		return
	}
	t, perr := s.register(q)
	if perr != nil {
		s.errorPage(w, vnpay.Locale(q.Get("vnp_Locale")), perr)
		return
	}
	if t.status != vnpay.StatusPending {
		s.errorPage(w, t.locale, errFinished)
		return
	}
	vi := t.locale != "en"
	data := pageData{
		Lang: "vi", Title: "Cổng thanh toán thử nghiệm VNPAY", Action: PayPath, TxnRef: t.ref,
		Merchant: s.cfg.TmnCode, OrderInfo: t.orderInfo, Amount: formatVND(t.amount, vi),
		Expires:       t.expires.Format("15:04:05 02/01/2006"),
		LabelMerchant: "Đơn vị chấp nhận", LabelRef: "Mã giao dịch", LabelInfo: "Nội dung",
		LabelAmount: "Số tiền", LabelExpires: "Hết hạn lúc", Legend: "Chọn kết quả thanh toán",
		Note: "Đây là môi trường thử nghiệm: không có tiền thật nào được chuyển.",
	}
	buttons := [][3]string{
		{string(OutcomeSuccess), "Thanh toán thành công", "Pay (success)"},
		{string(OutcomeCancel), "Hủy giao dịch", "Cancel"},
		{string(OutcomeInsufficientFunds), "Tài khoản không đủ số dư", "Insufficient funds"},
		{string(OutcomeTimeout), "Hết thời gian thanh toán", "Time out"},
	}
	if !vi {
		data.Lang, data.Title = "en", "VNPAY sandbox payment gateway"
		data.LabelMerchant, data.LabelRef, data.LabelInfo = "Merchant", "Transaction reference", "Description"
		data.LabelAmount, data.LabelExpires, data.Legend = "Amount", "Expires at", "Choose the payment's outcome"
		data.Note = "This is a sandbox: no real money moves."
	}
	for _, b := range buttons {
		label := b[1]
		if !vi {
			label = b[2]
		}
		data.Buttons = append(data.Buttons, button{Value: b[0], Label: label})
	}
	writeHTML(w, http.StatusOK, payTmpl, data)
}

func (s *Sandbox) errorPage(w http.ResponseWriter, locale string, e *payError) {
	d := errorData{Lang: "vi", Title: "Thông báo lỗi", Code: e.code, Message: e.msgVI}
	if locale == "en" {
		d = errorData{Lang: "en", Title: "Error", Code: e.code, Message: e.msgEN}
	}
	writeHTML(w, e.status, errorTmpl, d)
}

func writeHTML(w http.ResponseWriter, status int, t *template.Template, data any) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(status)
	_ = t.Execute(w, data)
}

type button struct{ Value, Label string }

type pageData struct {
	Lang, Title, Action, TxnRef, Merchant, OrderInfo, Amount, Expires           string
	LabelMerchant, LabelRef, LabelInfo, LabelAmount, LabelExpires, Legend, Note string
	Buttons                                                                     []button
}

type errorData struct{ Lang, Title, Code, Message string }

const style = `<style>
body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#111}
h1{font-size:1.4rem;color:#005baa}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:600}dd{margin:0}fieldset{border:1px solid #888;padding:1rem;display:grid;gap:.6rem}
button{font-size:1rem;padding:.6rem 1rem;border:2px solid #005baa;border-radius:.3rem;background:#fff;color:#003f75;cursor:pointer;text-align:left}
button:focus-visible{outline:3px solid #d4351c;outline-offset:2px}button[value=SUCCESS]{background:#005baa;color:#fff}
</style>`

var payTmpl = template.Must(template.New("pay").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{.Title}}</title>` + style + `</head>
<body><main>
<h1>{{.Title}}</h1>
<dl>
<dt>{{.LabelMerchant}}</dt><dd>{{.Merchant}}</dd>
<dt>{{.LabelRef}}</dt><dd>{{.TxnRef}}</dd>
<dt>{{.LabelInfo}}</dt><dd>{{.OrderInfo}}</dd>
<dt>{{.LabelAmount}}</dt><dd>{{.Amount}}</dd>
<dt>{{.LabelExpires}}</dt><dd>{{.Expires}}</dd>
</dl>
<form method="post" action="{{.Action}}">
<input type="hidden" name="vnp_TxnRef" value="{{.TxnRef}}">
<fieldset><legend>{{.Legend}}</legend>
{{range .Buttons}}<button type="submit" name="outcome" value="{{.Value}}">{{.Label}}</button>
{{end}}</fieldset>
</form>
<p>{{.Note}}</p>
</main></body></html>
`))

var errorTmpl = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{.Title}}</title>` + style + `</head>
<body><main>
<h1>{{.Title}}</h1>
<p role="alert">{{.Message}} ({{.Code}})</p>
</main></body></html>
`))

// formatVND writes 1250000 as "1.250.000 ₫" (Vietnamese) or "1,250,000 VND".
func formatVND(v int64, vi bool) string {
	s := strconv.FormatInt(v, 10)
	sep := ","
	if vi {
		sep = "."
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	if vi {
		return b.String() + " ₫"
	}
	return b.String() + " VND"
}

func formatInt(v int64) string { return strconv.FormatInt(v, 10) }
