package vnpay

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/payment/provider"
)

// The vectors below were computed once, outside this code (Python's hmac and
// a byte-wise PHP-urlencode), and are committed: a change in the encoding,
// the ordering, the ×100 or the time zone breaks them.
const testSecret = "SANDBOXTESTSECRETKEY0123456789AB"

func testAdapter(t *testing.T) *Adapter {
	t.Helper()
	a, err := New(Config{TmnCode: "DVCSANDB", HashSecret: testSecret, PayURL: "https://pay.example/paymentv2/vpcpay.html", APIURL: "https://api.example/merchant_webapi/api/transaction"})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestPayRedirectVectors(t *testing.T) {
	t.Parallel()
	utc := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, time.UTC) }
	tests := []struct {
		name     string
		req      provider.CreateRequest
		hashData string
		hash     string
	}{
		{
			name: "13:05 in Ho Chi Minh City, 1,250,000 VND",
			req: provider.CreateRequest{TxnRef: "P20261130-000001", Amount: 1_250_000, OrderInfo: "Thanh toán thuế 04057866369400001",
				ReturnURL: "http://127.0.0.1:8080/payments/vnpay/return?payment=P1", ClientIP: "203.113.7.9", Locale: "vn",
				CreatedAt: utc(30, 6, 5), ExpiresAt: utc(30, 6, 20)},
			hashData: "vnp_Amount=125000000&vnp_Command=pay&vnp_CreateDate=20261130130500&vnp_CurrCode=VND&vnp_ExpireDate=20261130132000&vnp_IpAddr=203.113.7.9&vnp_Locale=vn&vnp_OrderInfo=Thanh+toan+thue+04057866369400001&vnp_OrderType=other&vnp_ReturnUrl=http%3A%2F%2F127.0.0.1%3A8080%2Fpayments%2Fvnpay%2Freturn%3Fpayment%3DP1&vnp_TmnCode=DVCSANDB&vnp_TxnRef=P20261130-000001&vnp_Version=2.1.0",
			hash:     "bb3ac35c991ce3e8becb79e793a12aa4cffc0d7ae3b0ebd52ded86527d32d1d7b7c0cb7114ead2111fb43df8a45f05611defb5abbafed07f13b1b8f711a77463",
		},
		{
			name: "23:59 in Ho Chi Minh City (16:59 UTC), 5,000 VND, expiry the next day",
			req: provider.CreateRequest{TxnRef: "P20261130-000002", Amount: 5_000, OrderInfo: "Nộp phạt 123/QĐ-XPHC",
				ReturnURL: "http://127.0.0.1:8080/payments/vnpay/return?payment=P1", ClientIP: "2001:db8::1", Locale: "EN",
				CreatedAt: utc(30, 16, 59), ExpiresAt: utc(30, 17, 14)},
			hashData: "vnp_Amount=500000&vnp_Command=pay&vnp_CreateDate=20261130235900&vnp_CurrCode=VND&vnp_ExpireDate=20261201001400&vnp_IpAddr=2001%3Adb8%3A%3A1&vnp_Locale=en&vnp_OrderInfo=Nop+phat+123%2FQD-XPHC&vnp_OrderType=other&vnp_ReturnUrl=http%3A%2F%2F127.0.0.1%3A8080%2Fpayments%2Fvnpay%2Freturn%3Fpayment%3DP1&vnp_TmnCode=DVCSANDB&vnp_TxnRef=P20261130-000002&vnp_Version=2.1.0",
			hash:     "9c2607540f10c3c1a9c67a92e44bd00a0e8efb69015391f7d0f5b3694f8404b6ac65a3e6dcc61c956ca675585df3688b0fab633519e45cdae147c6659e40fe8b",
		},
	}
	a := testAdapter(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			params, err := a.PayParams(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if got := HashData(params); got != tt.hashData {
				t.Errorf("hash data\n got %s\nwant %s", got, tt.hashData)
			}
			if got := Sign(testSecret, params); got != tt.hash {
				t.Errorf("vnp_SecureHash\n got %s\nwant %s", got, tt.hash)
			}
			res, err := a.Create(t.Context(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if want := "https://pay.example/paymentv2/vpcpay.html?" + tt.hashData + "&vnp_SecureHash=" + tt.hash; res.RedirectURL != want {
				t.Errorf("redirect\n got %s\nwant %s", res.RedirectURL, want)
			}
			// What VNPAY receives verifies.
			u, _ := url.Parse(res.RedirectURL)
			if !Verify(testSecret, u.Query()) {
				t.Error("the redirect's own parameters do not verify")
			}
		})
	}
}

func TestHashDataVietnameseTextAndSpaces(t *testing.T) {
	t.Parallel()
	p := url.Values{
		"vnp_TxnRef":        {"X1"},
		"vnp_OrderInfo":     {"Thanh toán hóa đơn điện tháng 10/2026 ~*&=+"},
		"vnp_Amount":        {"61245000"},
		"vnp_Empty":         {""},     // empty values are not signed
		"other":             {"kept"}, // nor anything that is not vnp_*
		ParamSecureHashType: {"HmacSHA512"},
	}
	const wantData = "vnp_Amount=61245000&vnp_OrderInfo=Thanh+to%C3%A1n+h%C3%B3a+%C4%91%C6%A1n+%C4%91i%E1%BB%87n+th%C3%A1ng+10%2F2026+%7E%2A%26%3D%2B&vnp_TxnRef=X1"
	const wantHash = "6f9901ced7a257504a336f4934dad8175695f05e8f5bc1ea1d694cd2710d6f4ea9e3a3c3e1d9dbfb5015caec393280de8eb8ec8e60927be55cf80fac80a600fc"
	if got := HashData(p); got != wantData {
		t.Errorf("hash data\n got %s\nwant %s", got, wantData)
	}
	if got := Sign(testSecret, p); got != wantHash {
		t.Errorf("hash\n got %s\nwant %s", got, wantHash)
	}
}

func TestPipeVectors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		fields []string
		values map[string]string
		data   string
		hash   string
	}{
		{"querydr", QueryRequestFields, map[string]string{"vnp_RequestId": "REQ1", "vnp_Version": "2.1.0", "vnp_Command": "querydr", "vnp_TmnCode": "DVCSANDB",
			"vnp_TxnRef": "P20261130-000001", "vnp_TransactionDate": "20261130130500", "vnp_CreateDate": "20261130235900", "vnp_IpAddr": "203.113.7.9",
			"vnp_OrderInfo": "Truy van giao dich P20261130-000001"},
			"REQ1|2.1.0|querydr|DVCSANDB|P20261130-000001|20261130130500|20261130235900|203.113.7.9|Truy van giao dich P20261130-000001",
			"e7b3761310fb1748b3400ce54359b1351e5c524f785466a5128cbc282b4cdf5734dce1a17c118dcc243e893b11a42b0ff6ae0a0c3aba0c2e5f03f3f645968b4e"},
		{"refund", RefundRequestFields, map[string]string{"vnp_RequestId": "RF1", "vnp_Version": "2.1.0", "vnp_Command": "refund", "vnp_TmnCode": "DVCSANDB",
			"vnp_TransactionType": "03", "vnp_TxnRef": "P20261130-000001", "vnp_Amount": "50000000", "vnp_TransactionNo": "14000001",
			"vnp_TransactionDate": "20261130130500", "vnp_CreateBy": "agency 01", "vnp_CreateDate": "20261130235900", "vnp_IpAddr": "203.113.7.9",
			"vnp_OrderInfo": "Hoan tien P20261130-000001"},
			"RF1|2.1.0|refund|DVCSANDB|03|P20261130-000001|50000000|14000001|20261130130500|agency 01|20261130235900|203.113.7.9|Hoan tien P20261130-000001",
			"44d76628042083cd1ef2101bcf41d39e9a4ef8e4c08f442529d78e8f80cb5d6bbc519d1df37b5e801bef7e4c2b5393faf41a1fd571a9d87d96c547423f38d596"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PipeData(tt.fields, tt.values); got != tt.data {
				t.Errorf("data\n got %s\nwant %s", got, tt.data)
			}
			if got := PipeSign(testSecret, tt.fields, tt.values); got != tt.hash {
				t.Errorf("hash\n got %s\nwant %s", got, tt.hash)
			}
			signed := map[string]string{ParamSecureHash: tt.hash}
			for k, v := range tt.values {
				signed[k] = v
			}
			if !PipeVerify(testSecret, tt.fields, signed) {
				t.Error("own signature refused")
			}
			signed["vnp_TxnRef"] += "9"
			if PipeVerify(testSecret, tt.fields, signed) {
				t.Error("changed field accepted")
			}
		})
	}
}

// The answers' pipe orders, written out by hand from VNPAY's documentation.
func TestPipeResponseOrders(t *testing.T) {
	t.Parallel()
	v := map[string]string{}
	for _, f := range append(append([]string{}, QueryResponseFields...), RefundResponseFields...) {
		v[f] = strings.TrimPrefix(f, "vnp_")
	}
	const query = "ResponseId|Command|ResponseCode|Message|TmnCode|TxnRef|Amount|BankCode|PayDate|TransactionNo|TransactionType|TransactionStatus|OrderInfo|PromotionCode|PromotionAmount"
	const refund = "ResponseId|Command|ResponseCode|Message|TmnCode|TxnRef|Amount|BankCode|PayDate|TransactionNo|TransactionType|TransactionStatus|OrderInfo"
	if got := PipeData(QueryResponseFields, v); got != query {
		t.Errorf("querydr answer order\n got %s\nwant %s", got, query)
	}
	if got := PipeData(RefundResponseFields, v); got != refund {
		t.Errorf("refund answer order\n got %s\nwant %s", got, refund)
	}
}

func TestFormatTime24HourHoChiMinh(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   time.Time
		want string
	}{
		{time.Date(2026, 11, 30, 6, 5, 0, 0, time.UTC), "20261130130500"},
		{time.Date(2026, 11, 30, 16, 59, 59, 0, time.UTC), "20261130235959"},
		{time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC), "20261201000000"},                                // midnight is 00, not 24
		{time.Date(2026, 11, 30, 12, 5, 0, 999_999_999, time.FixedZone("ICT", 7*3600)), "20261130120500"}, // noon is 12; fractions dropped
		{time.Date(2026, 12, 31, 23, 30, 0, 0, time.FixedZone("X", -5*3600)), "20270101113000"},
	}
	for _, tt := range tests {
		if got := FormatTime(tt.in); got != tt.want {
			t.Errorf("FormatTime(%s) = %s, want %s", tt.in, got, tt.want)
		}
		back, err := ParseTime(tt.want)
		if err != nil || !back.Equal(tt.in.Truncate(time.Second)) {
			t.Errorf("ParseTime(%s) = %s, %v; want %s", tt.want, back, err, tt.in.Truncate(time.Second))
		}
	}
	for _, bad := range []string{"", "2026113013050", "20261130250000", "2026-11-30 13:05", "20261130130560"} {
		if _, err := ParseTime(bad); err == nil {
			t.Errorf("ParseTime(%q) accepted", bad)
		}
	}
}

func TestAmountTimes100AtTheEdge(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		vnd  int64
		wire string
	}{{5_000, "500000"}, {612_450, "61245000"}, {1_000_000_000, "100000000000"}} {
		if got := FormatAmount(tt.vnd); got != tt.wire {
			t.Errorf("FormatAmount(%d) = %s, want %s", tt.vnd, got, tt.wire)
		}
		if got, err := ParseAmount(tt.wire); err != nil || got != tt.vnd {
			t.Errorf("ParseAmount(%s) = %d, %v; want %d", tt.wire, got, err, tt.vnd)
		}
	}
	for _, bad := range []string{"", "12345", "-500000", "5e5", "500000.00", " 500000", "99999999999999999999"} {
		if _, err := ParseAmount(bad); err == nil {
			t.Errorf("ParseAmount(%q) accepted", bad)
		}
	}
}

func TestVerify(t *testing.T) {
	t.Parallel()
	a := testAdapter(t)
	params, err := a.PayParams(provider.CreateRequest{TxnRef: "T1", Amount: 10_000, ReturnURL: "https://dvc.example/r", CreatedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	hash := Sign(testSecret, params)
	// tampered is hash with its first digit changed: "0"+hash[1:] was the
	// hash itself whenever it began with 0 (1 run in 16: CreatedAt is now).
	tampered := "0" + hash[1:]
	if hash[0] == '0' {
		tampered = "1" + hash[1:]
	}
	signed := func(mod func(url.Values)) url.Values {
		q := cloneValues(params)
		q.Set(ParamSecureHash, hash)
		mod(q)
		return q
	}
	tests := []struct {
		name string
		q    url.Values
		want bool
	}{
		{"genuine", signed(func(url.Values) {}), true},
		{"upper-case hex", signed(func(q url.Values) { q.Set(ParamSecureHash, strings.ToUpper(hash)) }), true},
		{"with vnp_SecureHashType", signed(func(q url.Values) { q.Set(ParamSecureHashType, "HmacSHA512") }), true},
		{"extra non-vnp parameter", signed(func(q url.Values) { q.Set("utm_source", "x") }), true},
		{"tampered hash", signed(func(q url.Values) { q.Set(ParamSecureHash, tampered) }), false},
		{"truncated hash", signed(func(q url.Values) { q.Set(ParamSecureHash, hash[:64]) }), false},
		{"not hex", signed(func(q url.Values) { q.Set(ParamSecureHash, "zz"+hash[2:]) }), false},
		{"amount changed", signed(func(q url.Values) { q.Set("vnp_Amount", "2000000") }), false},
		{"parameter added", signed(func(q url.Values) { q.Set("vnp_BankCode", "NCB") }), false},
		{"parameter repeated", signed(func(q url.Values) { q.Add("vnp_Amount", "2000000") }), false},
		{"hash missing", signed(func(q url.Values) { q.Del(ParamSecureHash) }), false},
		{"other secret", func() url.Values { q := cloneValues(params); q.Set(ParamSecureHash, Sign("other", params)); return q }(), false},
	}
	for _, tt := range tests {
		if got := Verify(testSecret, tt.q); got != tt.want {
			t.Errorf("%s: Verify = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSignatureIndependentOfParameterOrder(t *testing.T) {
	t.Parallel()
	a := testAdapter(t)
	res, err := a.Create(t.Context(), provider.CreateRequest{TxnRef: "ORD-1", Amount: 25_000, OrderInfo: "Lệ phí", ReturnURL: "https://dvc.example/r?a=1&b=2", CreatedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(res.RedirectURL)
	parts := strings.Split(u.RawQuery, "&")
	// Reverse and rotate the pairs as a proxy or another client might.
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	for rot := range len(parts) {
		shuffled := append(append([]string{}, parts[rot:]...), parts[:rot]...)
		q, err := url.ParseQuery(strings.Join(shuffled, "&"))
		if err != nil {
			t.Fatal(err)
		}
		if !Verify(testSecret, q) {
			t.Fatalf("order %d refused: %s", rot, strings.Join(shuffled, "&"))
		}
	}
	// Insertion order of a map does not matter either.
	x, y := url.Values{}, url.Values{}
	keys := []string{"vnp_A", "vnp_B", "vnp_C", "vnp_D"}
	for i := range keys {
		x.Set(keys[i], "v "+keys[i])
		y.Set(keys[len(keys)-1-i], "v "+keys[len(keys)-1-i])
	}
	if Sign(testSecret, x) != Sign(testSecret, y) {
		t.Error("signature depends on insertion order")
	}
}

func TestOrderInfoFoldsVietnamese(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Thanh toán thuế TNCN kỳ 10/2026 (Đà Nẵng) & phí", "Thanh toan thue TNCN ky 10/2026 Da Nang phi"},
		{"  Nộp phạt\n123/QĐ-XPHC  ", "Nop phat 123/QD-XPHC"},
		{"<script>", "script"},
		{strings.Repeat("á", 300), strings.Repeat("a", 255)},
	}
	for _, tt := range tests {
		if got := OrderInfo(tt.in); got != tt.want {
			t.Errorf("OrderInfo(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCreateRefuses(t *testing.T) {
	t.Parallel()
	a := testAdapter(t)
	ok := provider.CreateRequest{TxnRef: "A1", Amount: 10_000, ReturnURL: "https://dvc.example/r", CreatedAt: time.Now()}
	tests := []struct {
		name string
		mod  func(*provider.CreateRequest)
	}{
		{"below the minimum", func(r *provider.CreateRequest) { r.Amount = 4_999 }},
		{"above the maximum", func(r *provider.CreateRequest) { r.Amount = 1_000_000_001 }},
		{"TxnRef with a space", func(r *provider.CreateRequest) { r.TxnRef = "A 1" }},
		{"empty TxnRef", func(r *provider.CreateRequest) { r.TxnRef = "" }},
		{"relative return URL", func(r *provider.CreateRequest) { r.ReturnURL = "/r" }},
		{"javascript return URL", func(r *provider.CreateRequest) { r.ReturnURL = "javascript:alert(1)" }},
		{"expiry before creation", func(r *provider.CreateRequest) { r.ExpiresAt = r.CreatedAt.Add(-time.Minute) }},
	}
	for _, tt := range tests {
		r := ok
		tt.mod(&r)
		if _, err := a.Create(t.Context(), r); err == nil {
			t.Errorf("%s: accepted", tt.name)
		}
	}
	if _, err := a.Create(t.Context(), ok); err != nil {
		t.Errorf("valid request refused: %v", err)
	}
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vv := range v {
		out[k] = append([]string(nil), vv...)
	}
	return out
}
