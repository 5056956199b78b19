package e2e_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/contractops"
	"github.com/dvcportal/dvcportal/internal/money"
	"github.com/dvcportal/dvcportal/internal/payment/vnpaysandbox"
	"github.com/dvcportal/dvcportal/internal/population"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/webhook"
)

// Issue 11: taxes, electricity bills and traffic fines over the real
// handler, against the built-in sandbox obligations file
// (internal/obligation/sandbox_obligations.json).

// oblFindQ asks for every field the Pay hub shows.
const oblFindQ = `query($in: FindObligationsInput!) { findObligations(input: $in) {
	obligations { id kind sourceRef status description debtorName period quoteValidUntil heldPapers address
		agency { code } amountDue { amount } lines { kind name amount { amount } } }
	userErrors { field code } } }`

type oblLine struct {
	Kind   string
	Amount struct{ Amount int64 }
}

type oblFound struct {
	ID, Kind, SourceRef, Status, Description, DebtorName, QuoteValidUntil string
	Period, Address                                                       *string
	HeldPapers                                                            bool
	Agency                                                                struct{ Code string }
	AmountDue                                                             struct{ Amount int64 }
	Lines                                                                 []oblLine
}

func (e *payEnv) find(t testing.TB, token string, in map[string]any) ([]oblFound, []payUE) {
	t.Helper()
	var d struct {
		FindObligations struct {
			Obligations []oblFound
			UserErrors  []payUE
		}
	}
	e.srv.Do(t, apitest.Request{Token: token, Query: oblFindQ, Variables: map[string]any{"in": in}}).MustOK(t).Decode(t, &d)
	return d.FindObligations.Obligations, d.FindObligations.UserErrors
}

// createWith sends createPayment with any extra input (delivery, quote).
func (e *payEnv) createWith(t testing.TB, token, key string, extra map[string]any, ids ...string) (*payPayment, []payUE) {
	t.Helper()
	in := map[string]any{"obligationIds": ids, "provider": "vnpay", "returnUrl": payReturnOrigin + "/thanh-toan/ket-qua", "idempotencyKey": key}
	for k, v := range extra {
		in[k] = v
	}
	var d struct {
		CreatePayment struct {
			Payment    *payPayment
			UserErrors []payUE
		}
	}
	e.payOp(t, token, "CreatePayment", map[string]any{"input": in}).MustOK(t).Decode(t, &d)
	return d.CreatePayment.Payment, d.CreatePayment.UserErrors
}

// waitFor waits (up to 15 s) for the payer's payment to reach status.
func (e *payEnv) waitFor(t testing.TB, token, id, status string) *payPayment {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		p := e.detail(t, token, id)
		if p != nil && p.Status == status {
			return p
		}
		if time.Now().After(deadline) {
			t.Fatalf("payment %s: %+v, want %s", id, p, status)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func ueString(ues []payUE) string {
	var b []string
	for _, u := range ues {
		b = append(b, strings.Join(u.Field, ".")+":"+u.Code)
	}
	return strings.Join(b, ",")
}

func byRef(obs []oblFound) map[string]oblFound {
	out := map[string]oblFound{}
	for _, o := range obs {
		out[o.SourceRef] = o
	}
	return out
}

// TestFindObligationsIdentifierRules: every identifier rule, as field errors
// with their input path, through findObligations.
func TestFindObligationsIdentifierRules(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t)
	tax := func(code string) map[string]any { return map[string]any{"kind": "TAX", "taxCode": code} }
	evn := func(code string) map[string]any {
		return map[string]any{"kind": "ELECTRICITY_BILL", "customerCode": code}
	}
	fine := func(dec, plate, id string) map[string]any {
		in := map[string]any{"kind": "TRAFFIC_FINE"}
		for k, v := range map[string]string{"decisionNumber": dec, "plateNumber": plate, "violatorIdNumber": id} {
			if v != "" {
				in[k] = v
			}
		}
		return in
	}
	cases := []struct {
		name   string
		in     map[string]any
		wantUE string // field:CODE, or "" with wantN obligations
		wantN  int
	}{
		{"MST with its check digit", tax("0100233488"), "", 4},
		{"MST with spaces around", tax(" 0100233488 "), "", 4},
		{"MST with a wrong check digit", tax("0100233487"), "taxCode:INVALID", 0},
		{"MST whose remainder is 0 (no digit is valid)", tax("0100000055"), "taxCode:INVALID", 0},
		{"MST whose check digit is 0 (remainder 10), nothing owed", tax("0100000010"), "", 0},
		{"branch 0123456789-001", tax("0100233488-001"), "", 2},
		{"branch 000", tax("0100233488-000"), "taxCode:INVALID", 0},
		{"branch of a bad MST", tax("0100233487-001"), "taxCode:INVALID", 0},
		{"branch without the dash", tax("0100233488001"), "taxCode:INVALID", 0},
		{"12-digit personal ID", tax(appAn.IDNumber), "", 2},
		{"12 digits without a birth province", tax("999090012345"), "taxCode:INVALID", 0},
		{"11 digits", tax("01002334881"), "taxCode:INVALID", 0},
		{"no tax code", tax(""), "taxCode:REQUIRED", 0},
		{"customer code, lower case with spaces", evn(" pd02 000 765432 "), "", 4},
		{"customer code with letters after the prefix", evn("PN22QN0012345"), "", 2},
		{"customer code of an unrouted prefix", evn("PX01000123456"), "customerCode:INVALID", 0},
		{"customer code of 12 characters", evn("PD0200076543"), "customerCode:INVALID", 0},
		{"customer code with punctuation", evn("PD02-00765432"), "customerCode:INVALID", 0},
		{"no customer code", evn(""), "customerCode:REQUIRED", 0},
		{"decision and plate", fine("123/QĐ-XPHC", "30A-123.45", ""), "", 1},
		{"decision and violator ID", fine("123/qđ-xphc", "", appAn.IDNumber), "", 1},
		{"decision alone", fine("123/QĐ-XPHC", "", ""), "plateNumber:REQUIRED", 0},
		{"plate alone", fine("", "30A12345", ""), "decisionNumber:REQUIRED", 0},
		{"violator ID alone", fine("", "", appAn.IDNumber), "decisionNumber:REQUIRED", 0},
		{"decision with another fine's plate", fine("123/QĐ-XPHC", "29B67890", ""), "", 0},
		{"decision with someone else's ID", fine("123/QĐ-XPHC", "", appNgoc.IDNumber), "", 0},
		{"a plate that is not one", fine("123/QĐ-XPHC", "ABC", ""), "plateNumber:INVALID", 0},
		{"a violator ID that is not one", fine("123/QĐ-XPHC", "", "12345"), "violatorIdNumber:INVALID", 0},
		{"a kind nobody looks up", map[string]any{"kind": "APPLICATION_FEE"}, "kind:INVALID", 0},
		// Edges of each rule's validate tag (taxpayercode, evncustomer,
		// decisionnumber, vnplate, plausibleidnumber).
		{"MST of the last branch, nothing owed", tax("0100233488-999"), "", 0},
		{"MST in full-width digits", tax("０１００２３３４８８"), "taxCode:INVALID", 0},
		{"customer code with a letter that is not ASCII", evn("PĐ02000765432"), "customerCode:INVALID", 0},
		{"a decision with a NUL", fine("123/QĐ-XPHC\x00", "30A12345", ""), "decisionNumber:INVALID", 0},
		{"a decision with a control character", fine("123/QĐ\x1b-XPHC", "30A12345", ""), "decisionNumber:INVALID", 0},
		{"a decision of 51 characters", fine(strings.Repeat("1", 51), "30A12345", ""), "decisionNumber:INVALID", 0},
		{"a blank decision", fine("  ", "30A12345", ""), "decisionNumber:REQUIRED", 0},
		{"nothing but the kind", fine("", "", ""), "decisionNumber:REQUIRED,plateNumber:REQUIRED", 0},
		{"a plate of 5 characters", fine("123/QĐ-XPHC", "30A12", ""), "plateNumber:INVALID", 0},
		{"with a plate, the violator ID is not used", fine("123/QĐ-XPHC", "30A-123.45", "12345"), "", 1},
	}
	// Every prefix routes to its corporation; any other is INVALID.
	for prefix, ok := range map[string]bool{"PA": true, "PB": true, "PC": true, "PD": true, "PE": true, "PH": true, "PK": true,
		"PM": true, "PN": true, "PP": true, "PQ": true, "PF": false, "PG": false, "PL": false, "PZ": false} {
		want := ""
		if !ok {
			want = "customerCode:INVALID"
		}
		cases = append(cases, struct {
			name   string
			in     map[string]any
			wantUE string
			wantN  int
		}{"prefix " + prefix, evn(prefix + "99000000001"), want, 0})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			obs, ues := e.find(t, "", c.in)
			if got := ueString(ues); got != c.wantUE || len(obs) != c.wantN {
				t.Errorf("findObligations(%v) = %d obligations, userErrors %q; want %d, %q", c.in, len(obs), got, c.wantN, c.wantUE)
			}
		})
	}
	// Each sandbox customer code is billed by the corporation of its prefix.
	for code, corp := range map[string]string{"PD02000765432": "TP Hà Nội", "PE07000654321": "TP Hồ Chí Minh", "PA04000111222": "miền Bắc",
		"PN22QN0012345": "miền Bắc", "PB11000333444": "miền Nam", "PK75000444555": "miền Nam", "PC03000444555": "miền Trung", "PQ46000555666": "miền Trung"} {
		obs, _ := e.find(t, "", evn(code))
		if len(obs) == 0 || !strings.HasPrefix(obs[0].Description, "Tổng công ty Điện lực "+corp) {
			t.Errorf("%s: %+v, want bills of Tổng công ty Điện lực %s", code, obs, corp)
		}
	}
}

// TestObligationRules: oldest bills first, one payee per payment, names
// masked for anyone but the debtor, and anyone may pay for anyone (the
// payer is recorded and gets the SMS, in their language).
func TestObligationRules(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t)
	ngocEN := registerInEnglish(t, e.srv, appNgoc)

	// Electricity: PD02000765432 owes 2026-08, 2026-09 and 2026-10, oldest first.
	bills, _ := e.find(t, ngocEN, map[string]any{"kind": "ELECTRICITY_BILL", "customerCode": "PD02000765432"})
	var periods []string
	for _, b := range bills {
		periods = append(periods, *b.Period+":"+b.Status)
	}
	if got := strings.Join(periods, " "); got != "2026-08:OPEN 2026-09:OPEN 2026-10:OPEN 2026-07:PAID" {
		t.Fatalf("bills = %s, want the three open ones oldest first, then the paid one", got)
	}
	aug, sep, oct := bills[0].ID, bills[1].ID, bills[2].ID
	for _, c := range []struct {
		name string
		ids  []string
		want string
	}{
		{"a newer bill alone", []string{sep}, "obligationIds.0:PAY_OLDER_FIRST"},
		{"the newest alone", []string{oct}, "obligationIds.0:PAY_OLDER_FIRST"},
		{"skipping the middle one", []string{aug, oct}, "obligationIds.1:PAY_OLDER_FIRST"},
		{"a paid bill", []string{bills[3].ID}, "obligationIds.0:OBLIGATION_NOT_PAYABLE"},
	} {
		if _, ues := e.createWith(t, ngocEN, "evn-"+c.name, nil, c.ids...); ueString(ues) != c.want {
			t.Errorf("%s: userErrors %q, want %q", c.name, ueString(ues), c.want)
		}
	}
	if bills[0].DebtorName != "P*** T** H**" || bills[0].Address == nil || *bills[0].Address != "Phường Cầu Giấy, Thành phố Hà Nội" {
		t.Errorf("EVN customer shown as %q at %v, want the name masked and the address at ward level", bills[0].DebtorName, bills[0].Address)
	}
	// Ngọc pays the two oldest of someone else's bills: she is the payer.
	p, ues := e.createWith(t, ngocEN, "evn-two-oldest", nil, sep, aug)
	if p == nil || p.Amount.Amount != 1_318_600+1_142_300 {
		t.Fatalf("paying the two oldest bills: %+v %+v", p, ues)
	}
	e.pay(t, p, vnpaysandbox.OutcomeSuccess)
	e.waitFor(t, ngocEN, p.ID, "SUCCEEDED")
	sms := e.srv.WaitSMS(t, func(m apitest.SMS) bool { return m.To == appNgoc.Phone && strings.Contains(m.Text, p.Code) })
	if want := fmt.Sprintf("DVC: Paid 2.460.900 VND electricity bill, customer PD02000765432, period 2026-08,2026-09. Transaction %s.", p.Code); sms.Text != want {
		t.Errorf("SMS to the payer (English account) = %q, want %q", sms.Text, want)
	}
	if e.detail(t, e.an, p.ID) != nil {
		t.Error("An, who did not pay, sees Ngọc's payment")
	}
	if after, _ := e.find(t, "", map[string]any{"kind": "ELECTRICITY_BILL", "customerCode": "PD02000765432"}); len(after) != 4 || after[0].Status != "OPEN" || *after[0].Period != "2026-10" {
		t.Errorf("after paying: %+v, want 2026-10 the one open bill", after)
	}

	// Tax: one payment pays one collecting authority's treasury account.
	taxes, _ := e.find(t, e.an, map[string]any{"kind": "TAX", "taxCode": "0100233488"})
	tx := byRef(taxes)
	if _, ues := e.createWith(t, e.an, "tax-mixed", nil, tx["04057866369400001"].ID, tx["04057866369400004"].ID); ueString(ues) != "obligationIds.1:MIXED_PAYEES" {
		t.Errorf("payables of two authorities: %q, want MIXED_PAYEES at obligationIds.1", ueString(ues))
	}
	if p, ues := e.createWith(t, e.an, "tax-one-authority", nil, tx["04057866369400001"].ID, tx["04057866369400003"].ID); p == nil || p.Amount.Amount != 1_250_000+980_000 {
		t.Errorf("two payables of one authority: %+v %q, want one payment of 2,230,000", p, ueString(ues))
	}

	// Names: a person's only to that person, an enterprise's to all, EVN's to nobody.
	an, nam := e.an, e.srv.Register(t, apitest.PersonaNamed("Lê Hoàng Nam"))
	fineQ := map[string]any{"kind": "TRAFFIC_FINE", "decisionNumber": "123/QĐ-XPHC", "plateNumber": "30A12345"}
	for _, c := range []struct {
		who, token string
		in         map[string]any
		want       string
	}{
		{"the violator", an, fineQ, appAn.FullName},
		{"another citizen", nam, fineQ, "N***** V** A*"},
		{"anonymous", "", fineQ, "N***** V** A*"},
		{"the taxpayer (ID as tax code)", an, map[string]any{"kind": "TAX", "taxCode": appAn.IDNumber}, appAn.FullName},
		{"someone else, the same tax", ngocEN, map[string]any{"kind": "TAX", "taxCode": appAn.IDNumber}, "N***** V** A*"},
		{"an enterprise, to anonymous", "", map[string]any{"kind": "TAX", "taxCode": "0100233488"}, "Công ty TNHH An Phát"},
		{"an EVN customer, even to themself", an, map[string]any{"kind": "ELECTRICITY_BILL", "customerCode": "PD01000123456"}, "N***** V** A*"},
	} {
		obs, _ := e.find(t, c.token, c.in)
		if len(obs) == 0 || obs[0].DebtorName != c.want {
			t.Errorf("%s sees %+v, want the name %q", c.who, obs, c.want)
		}
	}
}

// registerInEnglish registers p with an English account and returns the session.
func registerInEnglish(t *testing.T, srv *apitest.Server, p population.Person) string {
	t.Helper()
	resp := srv.Do(t, apitest.Request{Headers: map[string]string{"Accept-Language": "en"}, Query: contractops.RegisterCitizen,
		Variables: map[string]any{"input": srv.RegistrationInput(t, p)}})
	var reg struct{ RegisterCitizen apitest.ChallengePayload }
	resp.Decode(t, &reg)
	if reg.RegisterCitizen.Challenge == nil {
		t.Fatalf("register: %s", resp)
	}
	return srv.Activate(t, reg.RegisterCitizen.Challenge.ID, srv.OTP(t, p.Phone))
}

// testClock is a settable clock for quotes and payments.
type testClock struct {
	mu sync.Mutex
	at time.Time
}

func (c *testClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.at }
func (c *testClock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.at = t }

var ict = time.FixedZone("ICT", 7*3600)

// TestFineQuoteExpiresAtMidnight: a fine's amount grows at midnight in
// Vietnam; a quote from yesterday is OBLIGATION_CHANGED; the amount of a
// payment is fixed when it is created; held papers come back at the counter
// or by post (a checked address and a POSTAGE line).
func TestFineQuoteExpiresAtMidnight(t *testing.T) {
	t.Parallel()
	clock := &testClock{at: time.Date(2026, 11, 30, 23, 59, 30, 0, ict)}
	e := newPayEnv(t, func(c *config.Config) { c.Now = clock.Now; c.PaymentPostage = 15_000 })
	fineQ := map[string]any{"kind": "TRAFFIC_FINE", "decisionNumber": "123/QĐ-XPHC", "plateNumber": "30A12345"}

	// Received 2026-11-10: on 30 Nov, 30 − 10 − 11 = 9 late days.
	obs, _ := e.find(t, e.an, fineQ)
	if len(obs) != 1 || obs[0].AmountDue.Amount != 4_018_000 || !obs[0].HeldPapers || obs[0].QuoteValidUntil != "2026-11-30T23:59:59+07:00" {
		t.Fatalf("fine on 30 Nov at 23:59:30 = %+v, want 4,018,000 with held papers until 23:59:59 ICT", obs)
	}
	yesterday := obs[0]
	clock.Set(time.Date(2026, 12, 1, 0, 0, 10, 0, ict))
	counter := map[string]any{"method": "COUNTER"}
	postal := func(province, ward, phone string) map[string]any {
		return map[string]any{"method": "POSTAL", "address": map[string]any{"provinceCode": province, "wardCode": ward,
			"street": "12 Đội Cấn", "recipientName": "Nguyễn Văn An", "recipientPhone": phone}}
	}
	for _, c := range []struct {
		name  string
		extra map[string]any
		want  string
	}{
		{"yesterday's quote", map[string]any{"quoteValidUntil": yesterday.QuoteValidUntil, "delivery": counter}, "quoteValidUntil:OBLIGATION_CHANGED"},
		{"yesterday's amount", map[string]any{"expectedAmount": yesterday.AmountDue.Amount, "delivery": counter}, "expectedAmount:OBLIGATION_CHANGED"},
		{"no delivery for held papers", nil, "delivery:REQUIRED"},
		{"a ward of another province", map[string]any{"delivery": postal("79", "00004", "0912345678")}, "delivery.address.wardCode:INVALID"},
		{"an unknown province", map[string]any{"delivery": postal("99", "00004", "0912345678")}, "delivery.address.provinceCode:INVALID"},
		{"not a mobile number", map[string]any{"delivery": postal("01", "00004", "12345")}, "delivery.address.recipientPhone:INVALID"},
		{"post without an address", map[string]any{"delivery": map[string]any{"method": "POSTAL"}}, "delivery.address:REQUIRED"},
		{"electronic papers", map[string]any{"delivery": map[string]any{"method": "ELECTRONIC"}}, "delivery.method:INVALID"},
		{"an address at the counter", map[string]any{"delivery": map[string]any{"method": "COUNTER", "address": postal("01", "00004", "0912345678")["address"]}}, "delivery.address:INVALID"},
	} {
		if p, ues := e.createWith(t, e.an, "fine-"+c.name, c.extra, yesterday.ID); p != nil || ueString(ues) != c.want {
			t.Errorf("%s: payment %v, userErrors %q; want %q", c.name, p != nil, ueString(ues), c.want)
		}
	}
	// Today's quote: 10 late days, by post with the postage line.
	today, _ := e.find(t, e.an, fineQ)
	if today[0].AmountDue.Amount != 4_020_000 || today[0].QuoteValidUntil != "2026-12-01T23:59:59+07:00" {
		t.Fatalf("fine on 1 Dec = %+v, want 4,020,000 until 1 Dec 23:59:59 ICT", today[0])
	}
	p, ues := e.createWith(t, e.an, "fine-post", map[string]any{"quoteValidUntil": today[0].QuoteValidUntil,
		"expectedAmount": today[0].AmountDue.Amount, "delivery": postal("01", "00004", "0912345678")}, today[0].ID)
	if p == nil || p.Amount.Amount != 4_035_000 {
		t.Fatalf("paying by post: %+v %q, want 4,035,000 (fine, late charge, postage)", p, ueString(ues))
	}
	lines := func() string {
		var d struct {
			Node struct {
				Amount struct{ Amount int64 }
				Items  []struct{ Lines []oblLine }
			}
		}
		e.srv.Do(t, apitest.Request{Token: e.an, Query: `query($id: ID!) { node(id: $id) { ... on Payment { amount { amount } items { lines { kind amount { amount } } } } } }`,
			Variables: map[string]any{"id": p.ID}}).MustOK(t).Decode(t, &d)
		out := fmt.Sprint(d.Node.Amount.Amount)
		for _, l := range d.Node.Items[0].Lines {
			out += fmt.Sprintf(" %s=%d", l.Kind, l.Amount.Amount)
		}
		return out
	}
	const want = "4035000 PRINCIPAL=4000000 LATE_CHARGE=20000 POSTAGE=15000"
	if got := lines(); got != want {
		t.Errorf("payment lines = %s, want %s", got, want)
	}
	// Days later the payment still asks what it asked when created.
	clock.Set(time.Date(2026, 12, 5, 9, 0, 0, 0, ict))
	if got := lines(); got != want {
		t.Errorf("payment lines four days later = %s, want %s", got, want)
	}
	// The late charge runs across month ends: received 20 Oct, on 5 Dec
	// 46 − 11 = 35 days of 0.05% of 4,500,000.
	cuong, _ := e.find(t, "", map[string]any{"kind": "TRAFFIC_FINE", "decisionNumber": "3012/QĐ-XPHC", "plateNumber": "43A13579"})
	if len(cuong) != 1 || cuong[0].AmountDue.Amount != 4_500_000+78_750 || cuong[0].DebtorName != "L* V** C****" {
		t.Errorf("Cường's fine on 5 Dec = %+v, want 4,578,750 and the name masked", cuong)
	}
	// A fine on time with held papers: no late charge, papers at the counter.
	clock.Set(time.Date(2026, 12, 8, 23, 0, 0, 0, ict)) // received 27 Nov: 8 Dec is still free
	onTime, _ := e.find(t, e.an, map[string]any{"kind": "TRAFFIC_FINE", "decisionNumber": "1021/QĐ-XPHC", "violatorIdNumber": appAn.IDNumber})
	if len(onTime) != 1 || onTime[0].AmountDue.Amount != 2_000_000 || len(onTime[0].Lines) != 1 {
		t.Fatalf("the on-time fine = %+v, want 2,000,000 without a late charge", onTime)
	}
	if p, ues := e.createWith(t, e.an, "fine-counter", map[string]any{"delivery": counter}, onTime[0].ID); p == nil || p.Amount.Amount != 2_000_000 {
		t.Errorf("paying with papers at the counter: %+v %q, want 2,000,000 and no postage", p, ueString(ues))
	}
}

// TestPaymentSMSPerKind: one SMS per payment, its text per kind of
// obligation, in the payer's language.
func TestPaymentSMSPerKind(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t)
	taxes, _ := e.find(t, e.an, map[string]any{"kind": "TAX", "taxCode": appAn.IDNumber})
	p := e.mustCreate(t, "tax", taxes[0].ID, taxes[1].ID)
	e.pay(t, p, vnpaysandbox.OutcomeSuccess)
	e.waitFor(t, e.an, p.ID, "SUCCEEDED")
	fines, _ := e.find(t, e.an, map[string]any{"kind": "TRAFFIC_FINE", "decisionNumber": "456/QĐ-XPHC", "plateNumber": "29B67890"})
	f := e.mustCreate(t, "fine", fines[0].ID)
	e.pay(t, f, vnpaysandbox.OutcomeSuccess)
	e.waitFor(t, e.an, f.ID, "SUCCEEDED")
	for _, want := range []string{
		fmt.Sprintf("DVC: Da nop 3.050.000d thue cho MST %s (so tham chieu 11020260044819001,11020260044819002). Ma GD %s.", appAn.IDNumber, p.Code),
		fmt.Sprintf("DVC: Da nop %sd tien phat theo QD 456/QD-XPHC. Ma GD %s.", money.FormatVND(f.Amount.Amount), f.Code),
	} {
		e.srv.WaitSMS(t, func(m apitest.SMS) bool { return m.To == appAn.Phone && m.Text == want })
	}
	time.Sleep(300 * time.Millisecond)
	if n := e.notices(t); n != 2 {
		t.Errorf("payment SMS = %d, want one per payment (2)", n)
	}
}

// TestFindObligationsRateLimits: findObligations is limited per account and
// per client address; a lookup refused for its format is not counted.
func TestFindObligationsRateLimits(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t, func(c *config.Config) {
		c.RateLimits.FindObligationsPerAccount = ratelimit.Limit{Max: 3, Window: time.Hour}
		c.RateLimits.FindObligationsPerIP = ratelimit.Limit{Max: 5, Window: time.Hour}
	})
	q := map[string]any{"kind": "TAX", "taxCode": "0100233488"}
	send := func(token string, in map[string]any) string {
		resp := e.srv.Do(t, apitest.Request{Token: token, Query: oblFindQ, Variables: map[string]any{"in": in}})
		if codes := resp.ErrorCodes(); len(codes) > 0 {
			return strings.Join(codes, ",")
		}
		return "ok"
	}
	for i := 0; i < 4; i++ {
		if got := send(e.an, map[string]any{"kind": "TAX", "taxCode": "123"}); got != "ok" {
			t.Fatalf("malformed lookup %d: %s, want a userError, not counted", i, got)
		}
	}
	var got []string
	for _, token := range []string{e.an, e.an, e.an, e.an, "", "", e.srv.Register(t, appNgoc)} {
		got = append(got, send(token, q))
	}
	// An: 3 then limited (IP count 4); anonymous: the 5th of the address,
	// then limited; Ngọc: her account is fresh but the address is spent.
	if want := "ok ok ok RATE_LIMITED ok RATE_LIMITED RATE_LIMITED"; strings.Join(got, " ") != want {
		t.Errorf("lookups = %s, want %s", strings.Join(got, " "), want)
	}
}

// TestPaymentAuthorizationEveryPath: a payment of each kind and its
// receipts are seen by the payer and the obligation's agency only, by
// every path (node, nodes, _entities, the lists); a citizen's obligations
// list holds their own only.
func TestPaymentAuthorizationEveryPath(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t)
	type paid struct {
		kind, agency, other string
		p                   *payPayment
		receipts            []string
	}
	var payments []*paid
	for _, c := range []struct {
		kind, agency, other string
		in                  map[string]any
		extra               map[string]any
	}{
		{"TAX", "THUE", "EVN", map[string]any{"kind": "TAX", "taxCode": appAn.IDNumber}, nil},
		{"ELECTRICITY_BILL", "EVN", "CSGT", map[string]any{"kind": "ELECTRICITY_BILL", "customerCode": "PE07000654321"}, nil},
		{"TRAFFIC_FINE", "CSGT", "THUE", map[string]any{"kind": "TRAFFIC_FINE", "decisionNumber": "1021/QĐ-XPHC", "plateNumber": "30H56789"},
			map[string]any{"delivery": map[string]any{"method": "COUNTER"}}},
	} {
		obs, _ := e.find(t, e.an, c.in)
		p, ues := e.createWith(t, e.an, c.kind, c.extra, obs[0].ID)
		if p == nil {
			t.Fatalf("%s: %q", c.kind, ueString(ues))
		}
		e.pay(t, p, vnpaysandbox.OutcomeSuccess)
		e.waitFor(t, e.an, p.ID, "SUCCEEDED")
		payments = append(payments, &paid{kind: c.kind, agency: c.agency, other: c.other, p: p})
	}
	for _, pd := range payments {
		deadline := time.Now().Add(10 * time.Second)
		for len(pd.receipts) < 2 && time.Now().Before(deadline) {
			var d struct {
				Node struct{ Receipts []struct{ ID string } }
			}
			e.srv.Do(t, apitest.Request{Token: e.an, Query: `query($id: ID!) { node(id: $id) { ... on Payment { receipts { id } } } }`,
				Variables: map[string]any{"id": pd.p.ID}}).MustOK(t).Decode(t, &d)
			pd.receipts = pd.receipts[:0]
			for _, r := range d.Node.Receipts {
				pd.receipts = append(pd.receipts, r.ID)
			}
			time.Sleep(50 * time.Millisecond)
		}
		if len(pd.receipts) != 2 {
			t.Fatalf("%s: receipts %v, want the confirmation and the agency's", pd.kind, pd.receipts)
		}
	}
	ngoc := e.srv.Register(t, appNgoc)
	keys := map[string]string{"THUE": e.srv.AgencyKey(t, "THUE"), "EVN": e.srv.AgencyKey(t, "EVN"), "CSGT": e.srv.AgencyKey(t, "CSGT")}
	since := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	seesIn := func(token, query string, vars map[string]any, code string) bool {
		resp := e.srv.Do(t, apitest.Request{Token: token, Query: query, Variables: vars})
		return strings.Contains(string(resp.Data), code)
	}
	for _, pd := range payments {
		for _, v := range []struct {
			who, token string
			see        bool
		}{
			{"the payer", e.an, true}, {"the obligation's agency", keys[pd.agency], true},
			{"another agency", keys[pd.other], false}, {"another citizen", ngoc, false}, {"anonymous", "", false},
		} {
			code := pd.p.Code
			paths := map[string]bool{
				"node(payment)": seesIn(v.token, `query($id: ID!) { node(id: $id) { ... on Payment { code } } }`, map[string]any{"id": pd.p.ID}, code),
				"nodes(payment)": seesIn(v.token, `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Payment { code } } }`,
					map[string]any{"ids": []string{pd.p.ID}}, code),
				"_entities(Payment)": seesIn(v.token, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Payment { code } } }`,
					map[string]any{"r": []map[string]any{{"__typename": "Payment", "id": pd.p.ID}}}, code),
				"payment.items.obligation": seesIn(v.token, `query($id: ID!) { node(id: $id) { ... on Payment { items { obligation { sourceRef } } code } } }`,
					map[string]any{"id": pd.p.ID}, code),
			}
			for i, rid := range pd.receipts {
				// The confirmation's number is the payment code; the agency's
				// receipt is BL-<agency>-<code>-…: both contain the code.
				paths[fmt.Sprintf("node(receipt %d)", i)] = seesIn(v.token, `query($id: ID!) { node(id: $id) { ... on Receipt { number } } }`,
					map[string]any{"id": rid}, code)
				paths[fmt.Sprintf("nodes(receipt %d)", i)] = seesIn(v.token, `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Receipt { number } } }`,
					map[string]any{"ids": []string{rid}}, code)
				paths[fmt.Sprintf("_entities(receipt %d)", i)] = seesIn(v.token, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Receipt { number } } }`,
					map[string]any{"r": []map[string]any{{"__typename": "Receipt", "id": rid}}}, code)
			}
			list := seesIn(v.token, `{ viewer { payments(first: 50) { edges { node { code } } } } }`, nil, code) ||
				seesIn(v.token, `query($s: DateTime!) { agencyPayments(since: $s) { edges { node { code } } } }`, map[string]any{"s": since}, code)
			paths["lists (viewer.payments, agencyPayments)"] = list
			for path, got := range paths {
				if got != v.see {
					t.Errorf("%s payment: %s by %s: sees %v, want %v", pd.kind, v.who, path, got, v.see)
				}
			}
		}
	}
	// Obligations by list: a citizen's own only.
	for who, c := range map[string]struct {
		token string
		want  bool
	}{"An": {e.an, true}, "Ngọc": {ngoc, false}} {
		if got := seesIn(c.token, `{ viewer { obligations(first: 50) { edges { node { sourceRef } } } } }`, nil, "1021/QĐ-XPHC"); got != c.want {
			t.Errorf("%s's viewer.obligations holds An's fine: %v, want %v", who, got, c.want)
		}
	}
}

// fineSource is the traffic police's own obligation source: it answers a
// lookup by decision and plate, a verify and a notify, each call signed.
type fineSource struct {
	mu      sync.Mutex
	secret  []byte
	calls   []string
	lookups []map[string]any
}

func (f *fineSource) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := webhook.Verify(f.secret, r.Header.Get(webhook.HeaderSignature), body, 5*time.Minute); err != nil {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	f.calls = append(f.calls, r.URL.Path)
	w.Header().Set("Content-Type", "application/json")
	switch r.URL.Path {
	case "/lookup":
		var q map[string]any
		_ = json.Unmarshal(body, &q)
		f.lookups = append(f.lookups, q)
		obs := []any{}
		if q["decisionNumber"] == "77/QĐ-XPHC" && q["plateNumber"] == "30K99999" {
			obs = append(obs, map[string]any{"sourceRef": "77/QĐ-XPHC", "debtorIdNumber": appAn.IDNumber, "debtorName": appAn.FullName,
				"description": "Không đội mũ bảo hiểm (Điều 7 khoản 2 điểm h Nghị định 168/2024/NĐ-CP; CSGT Đà Nẵng)", "dueDate": "2026-12-10",
				"lines": []map[string]any{{"kind": "PRINCIPAL", "name": "Tiền phạt", "amount": 500_000}},
				"payee": map[string]any{"bankCode": "KBNN", "accountNumber": "7411", "accountName": "KBNN Đà Nẵng"}, "status": "OPEN"})
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"obligations": obs})
	case "/verify":
		_ = json.NewEncoder(w).Encode(map[string]any{"status": "OPEN", "amountDue": 500_000})
	case "/notify":
		_ = json.NewEncoder(w).Encode(map[string]any{"receiptNumber": "BL-CSGT-DN-000123"})
	}
}

// registerFineSource starts the traffic police's source on an HTTP test
// server and registers it for CSGT; it returns the source and CSGT's key.
func registerFineSource(t *testing.T, e *payEnv) (*fineSource, string) {
	t.Helper()
	src := &fineSource{}
	ps := httptest.NewServer(src)
	t.Cleanup(ps.Close)
	csgt := e.srv.AgencyKey(t, "CSGT")
	var reg struct {
		RegisterObligationSource struct{ SigningSecret string }
	}
	e.srv.Do(t, apitest.Request{Token: csgt, Query: `mutation($in: RegisterObligationSourceInput!) { registerObligationSource(input: $in) { signingSecret } }`,
		Variables: map[string]any{"in": map[string]any{"lookupUrl": ps.URL + "/lookup", "verifyUrl": ps.URL + "/verify", "notifyUrl": ps.URL + "/notify"}}}).MustOK(t).Decode(t, &reg)
	// The handler reads the secret under the lock from its own goroutines.
	src.mu.Lock()
	src.secret = []byte(reg.RegisterObligationSource.SigningSecret)
	src.mu.Unlock()
	return src, csgt
}

// TestPartnerFineSource: a traffic police unit serving its own fines
// through a registered source answers a lookup (decision and plate), a
// verify before paying and a notify after; the payer gets the fine's SMS.
func TestPartnerFineSource(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t)
	src, _ := registerFineSource(t, e)

	// Never one factor alone, at the partner too: refused before any call.
	if _, ues := e.find(t, e.an, map[string]any{"kind": "TRAFFIC_FINE", "decisionNumber": "77/QĐ-XPHC"}); ueString(ues) != "plateNumber:REQUIRED" {
		t.Errorf("a decision alone: %q", ueString(ues))
	}
	obs, _ := e.find(t, e.an, map[string]any{"kind": "TRAFFIC_FINE", "decisionNumber": " 77/QĐ-XPHC ", "plateNumber": "30k-999.99"})
	if len(obs) != 1 || obs[0].AmountDue.Amount != 500_000 || obs[0].Agency.Code != "CSGT" {
		t.Fatalf("lookup through the partner: %+v", obs)
	}
	p := e.mustCreate(t, "partner-fine", obs[0].ID)
	e.pay(t, p, vnpaysandbox.OutcomeSuccess)
	e.waitFor(t, e.an, p.ID, "SUCCEEDED")
	var got *payPayment
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if got = e.detail(t, e.an, p.ID); len(got.Receipts) == 2 {
			break
		}
	}
	if len(got.Receipts) != 2 || got.Receipts[1].Number != "BL-CSGT-DN-000123" {
		t.Fatalf("receipts = %+v, want the unit's receipt from its notify answer", got.Receipts)
	}
	want := fmt.Sprintf("DVC: Da nop 500.000d tien phat theo QD 77/QD-XPHC. Ma GD %s.", p.Code)
	e.srv.WaitSMS(t, func(m apitest.SMS) bool { return m.To == appAn.Phone && m.Text == want })
	src.mu.Lock()
	defer src.mu.Unlock()
	if calls := strings.Join(src.calls, ","); calls != "/lookup,/verify,/notify" {
		t.Errorf("partner calls = %s, want /lookup,/verify,/notify", calls)
	}
	if l := src.lookups[0]; l["kind"] != "TRAFFIC_FINE" || l["plateNumber"] != "30K99999" || l["decisionNumber"] != "77/QĐ-XPHC" {
		t.Errorf("the lookup sent %v, want the kind, the decision and the normalised plate", l)
	}
}

// TestAgencyPushKeepsPartnerDetails: a fine found through the unit's
// registered source, then pushed by the unit (upsertObligations with a
// corrected description), takes the pushed description and keeps the
// decision number the lookup recorded: the payer's SMS still names it
// (before, the push wiped it and the SMS fell back to the generic text).
func TestAgencyPushKeepsPartnerDetails(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t)
	_, csgt := registerFineSource(t, e)

	obs, _ := e.find(t, e.an, map[string]any{"kind": "TRAFFIC_FINE", "decisionNumber": "77/QĐ-XPHC", "plateNumber": "30K-999.99"})
	if len(obs) != 1 {
		t.Fatalf("lookup through the partner: %+v", obs)
	}
	const corrected = "Không đội mũ bảo hiểm khi điều khiển xe mô tô (đính chính)"
	var up struct {
		UpsertObligations struct {
			Obligations []struct{ ID, Description string }
			UserErrors  []payUE
		}
	}
	e.srv.Do(t, apitest.Request{Token: csgt, Query: `mutation($in: UpsertObligationsInput!) { upsertObligations(input: $in) {
		obligations { id description } userErrors { field code } } }`,
		Variables: map[string]any{"in": map[string]any{"obligations": []map[string]any{{"kind": "TRAFFIC_FINE", "sourceRef": "77/QĐ-XPHC",
			"debtorIdNumber": appAn.IDNumber, "debtorName": appAn.FullName, "description": corrected, "dueDate": "2026-12-10",
			"lines": []map[string]any{{"kind": "PRINCIPAL", "name": "Tiền phạt", "amount": 500_000}},
			"payee": map[string]any{"bankCode": "KBNN", "accountNumber": "7411", "accountName": "KBNN Đà Nẵng"}}}}}}).MustOK(t).Decode(t, &up)
	if got := up.UpsertObligations; len(got.UserErrors) > 0 || len(got.Obligations) != 1 || got.Obligations[0].ID != obs[0].ID ||
		got.Obligations[0].Description != corrected {
		t.Fatalf("the unit's push: %+v, want the looked-up fine with the corrected description", got)
	}
	p := e.mustCreate(t, "pushed-partner-fine", obs[0].ID)
	e.pay(t, p, vnpaysandbox.OutcomeSuccess)
	e.waitFor(t, e.an, p.ID, "SUCCEEDED")
	want := fmt.Sprintf("DVC: Da nop 500.000d tien phat theo QD 77/QD-XPHC. Ma GD %s.", p.Code)
	e.srv.WaitSMS(t, func(m apitest.SMS) bool { return m.To == appAn.Phone && m.Text == want })
}

// TestCatalogueRoutesPayToObligations: the three payment services say which
// obligation they pay, and ask for the lookup only (no amount field);
// application services pay nothing.
func TestCatalogueRoutesPayToObligations(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	for code, want := range map[string]string{"TAX-PAYMENT": "TAX", "EVN-BILL-PAYMENT": "ELECTRICITY_BILL",
		"TRAFFIC-FINE-PAYMENT": "TRAFFIC_FINE", "HC-REISSUE": ""} {
		var d struct {
			Service struct {
				ObligationKind *string
				Form           struct{ Fields []struct{ Name string } }
			}
		}
		srv.Do(t, apitest.Request{Query: `query($c: String!) { service(code: $c) { obligationKind form { fields { name } } } }`,
			Variables: map[string]any{"c": code}}).MustOK(t).Decode(t, &d)
		got := ""
		if d.Service.ObligationKind != nil {
			got = *d.Service.ObligationKind
		}
		if got != want {
			t.Errorf("%s: obligationKind %q, want %q", code, got, want)
		}
		for _, f := range d.Service.Form.Fields {
			if want != "" && f.Name == "amount" {
				t.Errorf("%s still asks the citizen for an amount", code)
			}
		}
	}
}
