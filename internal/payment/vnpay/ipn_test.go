package vnpay

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/payment/provider"
)

func ipnParams() url.Values {
	return url.Values{
		"vnp_Amount": {"125000000"}, "vnp_BankCode": {"NCB"}, "vnp_BankTranNo": {"VNP14000001"}, "vnp_CardType": {"ATM"},
		"vnp_OrderInfo": {"Thanh toan thue"}, "vnp_PayDate": {"20261130130712"}, "vnp_ResponseCode": {"00"},
		"vnp_TmnCode": {"DVCSANDB"}, "vnp_TransactionNo": {"14000001"}, "vnp_TransactionStatus": {"00"}, "vnp_TxnRef": {"P20261130-000001"},
	}
}

func ipnRequest(p url.Values, hash string) *http.Request {
	return httptest.NewRequest(http.MethodGet, IPNPath+"?"+EncodeQuery(p, hash), nil)
}

func TestParseNotification(t *testing.T) {
	t.Parallel()
	a := testAdapter(t)
	p := ipnParams()
	n, err := a.ParseNotification(ipnRequest(p, Sign(testSecret, p)))
	if err != nil {
		t.Fatal(err)
	}
	want := provider.Notification{TxnRef: "P20261130-000001", MerchantCode: "DVCSANDB", Amount: 1_250_000, Currency: "VND",
		Outcome: provider.OutcomeSuccess, ResponseCode: "00", ProviderTxnID: "14000001", EventKey: "vnpay:P20261130-000001:14000001:00",
		PaidAt: time.Date(2026, 11, 30, 6, 7, 12, 0, time.UTC)}
	if n.TxnRef != want.TxnRef || n.MerchantCode != want.MerchantCode || n.Amount != want.Amount || n.Currency != want.Currency ||
		n.Outcome != want.Outcome || n.ResponseCode != want.ResponseCode || n.ProviderTxnID != want.ProviderTxnID ||
		n.EventKey != want.EventKey || !n.PaidAt.Equal(want.PaidAt) {
		t.Errorf("notification\n got %+v\nwant %+v", n, want)
	}
	if n.Raw["vnp_BankTranNo"] != "VNP14000001" || n.Raw[ParamSecureHash] != "" {
		t.Errorf("raw = %v: want every signed parameter and no hash", n.Raw)
	}

	outcomes := []struct {
		code, status string
		want         provider.Outcome
	}{
		{"24", "02", provider.OutcomeCanceled}, {"51", "02", provider.OutcomeFailed}, {"11", "02", provider.OutcomeFailed},
		{"00", "01", provider.OutcomePending}, {"07", "00", provider.OutcomePending}, {"00", "02", provider.OutcomeFailed},
	}
	for _, o := range outcomes {
		q := ipnParams()
		q.Set("vnp_ResponseCode", o.code)
		q.Set("vnp_TransactionStatus", o.status)
		n, err := a.ParseNotification(ipnRequest(q, Sign(testSecret, q)))
		if err != nil || n.Outcome != o.want {
			t.Errorf("code %s status %s: outcome %s, %v; want %s", o.code, o.status, n.Outcome, err, o.want)
		}
	}

	bad := []struct {
		name string
		req  *http.Request
		want error
	}{
		{"tampered hash", ipnRequest(p, "00"+Sign(testSecret, p)[2:]), provider.ErrBadSignature},
		{"no hash", ipnRequest(p, ""), provider.ErrBadSignature},
		{"amount changed after signing", func() *http.Request {
			h := Sign(testSecret, p)
			q := ipnParams()
			q.Set("vnp_Amount", "1000000")
			return ipnRequest(q, h)
		}(), provider.ErrBadSignature},
		{"signed but amount not ×100", func() *http.Request {
			q := ipnParams()
			q.Set("vnp_Amount", "12345")
			return ipnRequest(q, Sign(testSecret, q))
		}(), provider.ErrMalformed},
		{"signed but no TxnRef", func() *http.Request {
			q := ipnParams()
			q.Del("vnp_TxnRef")
			return ipnRequest(q, Sign(testSecret, q))
		}(), provider.ErrMalformed},
	}
	for _, b := range bad {
		if _, err := a.ParseNotification(b.req); !errors.Is(err, b.want) {
			t.Errorf("%s: err = %v, want %v", b.name, err, b.want)
		}
	}
}

func TestNotificationAnswer(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   provider.Answer
		code string
	}{{provider.AnswerConfirmed, "00"}, {provider.AnswerOrderNotFound, "01"}, {provider.AnswerAlreadyConfirmed, "02"},
		{provider.AnswerInvalidAmount, "04"}, {provider.AnswerInvalidSignature, "97"}, {provider.AnswerOther, "99"}, {"xx", "99"}} {
		w := httptest.NewRecorder()
		testAdapter(t).NotificationAnswer(w, tt.in)
		var got map[string]string
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil || w.Code != 200 || got["RspCode"] != tt.code || got["Message"] == "" || len(got) != 2 {
			t.Errorf("answer %q: HTTP %d %s, want 200 {RspCode:%s, Message}", tt.in, w.Code, w.Body, tt.code)
		}
	}
}

// A querydr answer is believed only with a valid checksum, our merchant and
// our TxnRef; a redirect is not followed.
func TestQueryRefusesUntrustedAnswers(t *testing.T) {
	t.Parallel()
	answer := func(mod func(map[string]string)) map[string]string {
		a := map[string]string{"vnp_ResponseId": "r1", "vnp_Command": "querydr", "vnp_ResponseCode": "00", "vnp_Message": "ok",
			"vnp_TmnCode": "DVCSANDB", "vnp_TxnRef": "T1", "vnp_Amount": "1000000", "vnp_BankCode": "NCB", "vnp_PayDate": "20261130130500",
			"vnp_TransactionNo": "1", "vnp_TransactionType": "01", "vnp_TransactionStatus": "00", "vnp_OrderInfo": "x"}
		a[ParamSecureHash] = PipeSign(testSecret, QueryResponseFields, a)
		mod(a)
		return a
	}
	tests := []struct {
		name    string
		handler http.HandlerFunc
		want    error
	}{
		{"tampered status", func(w http.ResponseWriter, _ *http.Request) {
			_ = json.NewEncoder(w).Encode(answer(func(a map[string]string) { a["vnp_TransactionStatus"] = "02" }))
		}, provider.ErrBadSignature},
		{"unsigned", func(w http.ResponseWriter, _ *http.Request) {
			_ = json.NewEncoder(w).Encode(answer(func(a map[string]string) { delete(a, ParamSecureHash) }))
		}, provider.ErrBadSignature},
		{"another merchant, correctly signed", func(w http.ResponseWriter, _ *http.Request) {
			_ = json.NewEncoder(w).Encode(answer(func(a map[string]string) {
				a["vnp_TmnCode"] = "OTHER"
				a[ParamSecureHash] = PipeSign(testSecret, QueryResponseFields, a)
			}))
		}, provider.ErrMalformed},
		{"repeated field", func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte(`{"vnp_ResponseCode":"00","vnp_ResponseCode":"91"}`))
		}, provider.ErrMalformed},
		{"redirect", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/elsewhere", http.StatusFound) }, provider.ErrUnavailable},
		{"server error", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusBadGateway) }, provider.ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			a, err := New(Config{TmnCode: "DVCSANDB", HashSecret: testSecret, PayURL: srv.URL, APIURL: srv.URL})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.Query(t.Context(), provider.QueryRequest{TxnRef: "T1", CreatedAt: time.Now()}); !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}
