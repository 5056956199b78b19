package e2e_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/config"
)

// The checkout's quote (paymentQuote) and the confirmation's delivery
// (Payment.delivery): what the citizen is shown before paying is what
// createPayment charges, line by line, with a non-zero PAYMENT_POSTAGE.

const payQuoteQ = `query($in: PaymentQuoteInput!) { paymentQuote(input: $in) {
	quote { amount { amount } validUntil items { amount { amount } obligation { id sourceRef } lines { kind name amount { amount } } } }
	userErrors { field code } } }`

type payQuoteItem struct {
	Amount     struct{ Amount int64 }
	Obligation struct{ ID, SourceRef string }
	Lines      []oblLine
}

type payQuote struct {
	Amount     struct{ Amount int64 }
	ValidUntil string
	Items      []payQuoteItem
}

// quote asks paymentQuote and returns the quote or its userErrors.
func (e *payEnv) quote(t testing.TB, token string, method string, ids ...string) (*payQuote, []payUE) {
	t.Helper()
	in := map[string]any{"obligationIds": ids}
	if method != "" {
		in["deliveryMethod"] = method
	}
	var d struct {
		PaymentQuote struct {
			Quote      *payQuote
			UserErrors []payUE
		}
	}
	e.srv.Do(t, apitest.Request{Token: token, Query: payQuoteQ, Variables: map[string]any{"in": in}}).MustOK(t).Decode(t, &d)
	return d.PaymentQuote.Quote, d.PaymentQuote.UserErrors
}

// linesOf is "total: KIND=amount …" of items, in order.
func linesOf(total int64, items []payQuoteItem) string {
	out := fmt.Sprint(total, ":")
	for _, it := range items {
		for _, l := range it.Lines {
			out += fmt.Sprintf(" %s=%d", l.Kind, l.Amount.Amount)
		}
		out += fmt.Sprintf(" (item %d)", it.Amount.Amount)
	}
	return out
}

// paymentDetail is a payment's amount, items and delivery as its payer's
// confirmation asks for them.
func (e *payEnv) paymentDetail(t testing.TB, token, id string) (total int64, items []payQuoteItem, delivery *struct{ Method, Address *string }, found bool) {
	t.Helper()
	var d struct {
		Node *struct {
			Amount   struct{ Amount int64 }
			Items    []payQuoteItem
			Delivery *struct{ Method, Address *string }
		}
	}
	e.srv.Do(t, apitest.Request{Token: token, Query: `query($id: ID!) { node(id: $id) { ... on Payment {
		amount { amount } items { amount { amount } obligation { id sourceRef } lines { kind name amount { amount } } }
		delivery { method address } } } }`, Variables: map[string]any{"id": id}}).MustOK(t).Decode(t, &d)
	if d.Node == nil {
		return 0, nil, nil, false
	}
	return d.Node.Amount.Amount, d.Node.Items, d.Node.Delivery, true
}

// TestPaymentQuoteIsWhatIsCharged: with postage of 25,000 VND, the quote of
// a late fine with held papers is the fine, today's late charge and, by
// post, the postage; createPayment with the same choice charges exactly the
// quote, line by line; the payer (only) sees how the papers come back, at
// ward level.
func TestPaymentQuoteIsWhatIsCharged(t *testing.T) {
	t.Parallel()
	const postage = 25_000
	clock := &testClock{at: time.Date(2026, 12, 1, 10, 0, 0, 0, ict)}
	e := newPayEnv(t, func(c *config.Config) { c.Now = clock.Now; c.PaymentPostage = postage })
	// Received 2026-11-10: on 1 Dec, 10 late days of 0.05% of 4,000,000.
	fines, _ := e.find(t, e.an, map[string]any{"kind": "TRAFFIC_FINE", "decisionNumber": "123/QĐ-XPHC", "plateNumber": "30A12345"})
	if len(fines) != 1 || !fines[0].HeldPapers || fines[0].AmountDue.Amount != 4_020_000 {
		t.Fatalf("the late fine = %+v, want 4,020,000 with held papers", fines)
	}
	fine := fines[0]
	taxes := e.findTaxes(t)
	postal := map[string]any{"method": "POSTAL", "address": map[string]any{"provinceCode": "01", "wardCode": "00004",
		"street": "12 Đội Cấn", "recipientName": "Nguyễn Văn An", "recipientPhone": "0912345678"}}

	for _, c := range []struct {
		name, method string
		delivery     map[string]any
		want         string
	}{
		{"by post", "POSTAL", postal, "4045000: PRINCIPAL=4000000 LATE_CHARGE=20000 POSTAGE=25000 (item 4045000)"},
		{"at the counter", "COUNTER", map[string]any{"method": "COUNTER"}, "4020000: PRINCIPAL=4000000 LATE_CHARGE=20000 (item 4020000)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			q, ues := e.quote(t, e.an, c.method, fine.ID)
			if q == nil {
				t.Fatalf("quote: %q", ueString(ues))
			}
			if got := linesOf(q.Amount.Amount, q.Items); got != c.want {
				t.Errorf("quote = %s, want %s", got, c.want)
			}
			if q.ValidUntil != "2026-12-01T23:59:59+07:00" || q.Items[0].Obligation.ID != fine.ID {
				t.Errorf("quote holds until %s for %s, want 2026-12-01T23:59:59+07:00 for %s", q.ValidUntil, q.Items[0].Obligation.ID, fine.ID)
			}
			p, ues := e.createWith(t, e.an, "quote-"+c.method, map[string]any{"delivery": c.delivery, "quoteValidUntil": q.ValidUntil,
				"expectedAmount": fine.AmountDue.Amount, "expectedTotal": q.Amount.Amount}, fine.ID)
			if p == nil {
				t.Fatalf("createPayment with the quote's total: %q", ueString(ues))
			}
			total, items, _, _ := e.paymentDetail(t, e.an, p.ID)
			if got, want := linesOf(total, items), linesOf(q.Amount.Amount, q.Items); got != want || p.Amount.Amount != q.Amount.Amount {
				t.Errorf("payment = %s (amount %d), want the quote %s", got, p.Amount.Amount, want)
			}
			// Given up, so that the next case may pay the same fine.
			var cancel struct{ CancelPayment struct{ UserErrors []payUE } }
			e.srv.Do(t, apitest.Request{Token: e.an, Query: `mutation($id: ID!) { cancelPayment(input: {paymentId: $id}) { userErrors { field code } } }`,
				Variables: map[string]any{"id": p.ID}}).MustOK(t).Decode(t, &cancel)
			if ues := cancel.CancelPayment.UserErrors; len(ues) > 0 {
				t.Fatalf("cancelPayment: %q", ueString(ues))
			}
		})
	}

	// A total shown without the postage is refused when the papers go by
	// post (nothing is created), and no postage applies without held papers.
	counterQuote, _ := e.quote(t, e.an, "COUNTER", fine.ID)
	if p, ues := e.createWith(t, e.an, "quote-stale", map[string]any{"delivery": postal, "expectedTotal": counterQuote.Amount.Amount}, fine.ID); p != nil || ueString(ues) != "expectedTotal:OBLIGATION_CHANGED" {
		t.Errorf("post with the counter's total: payment %v, userErrors %q; want expectedTotal:OBLIGATION_CHANGED", p != nil, ueString(ues))
	}
	if q, ues := e.quote(t, e.an, "POSTAL", taxes[0].ID); q == nil || len(q.Items) != 1 || len(q.Items[0].Lines) != 1 || q.Items[0].Lines[0].Kind != "TAX" ||
		q.Amount.Amount != taxes[0].AmountDue.Amount {
		t.Errorf("a tax quoted with POSTAL = %+v %q, want its amount due %d and no postage", q, ueString(ues), taxes[0].AmountDue.Amount)
	}

	// The refusals.
	for _, c := range []struct {
		name, token, method string
		ids                 []string
		want                string
	}{
		{"nothing", e.an, "", []string{}, "obligationIds:REQUIRED"},
		{"not an obligation", e.an, "", []string{fine.ID, "T2JsaWdhdGlvbjo5OTk5OTk="}, "obligationIds.1:OBLIGATION_NOT_PAYABLE"},
		{"twice", e.an, "", []string{fine.ID, fine.ID}, "obligationIds.1:OBLIGATION_NOT_PAYABLE"},
		{"electronic papers", e.an, "ELECTRONIC", []string{fine.ID}, "deliveryMethod:INVALID"},
	} {
		if q, ues := e.quote(t, c.token, c.method, c.ids...); q != nil || ueString(ues) != c.want {
			t.Errorf("quote of %s: %+v, userErrors %q; want %q", c.name, q, ueString(ues), c.want)
		}
	}
	resp := e.srv.Do(t, apitest.Request{Query: payQuoteQ, Variables: map[string]any{"in": map[string]any{"obligationIds": []string{fine.ID}}}})
	if codes := resp.ErrorCodes(); len(codes) != 1 || codes[0] != "UNAUTHENTICATED" {
		t.Errorf("an anonymous quote answered %s, want UNAUTHENTICATED", resp.Body)
	}

	// The paid payment's delivery: the payer sees POSTAL to the ward and
	// province (never the street); the agency and another citizen do not.
	p, ues := e.createWith(t, e.an, "quote-paid", map[string]any{"delivery": postal}, fine.ID)
	if p == nil {
		t.Fatalf("createPayment by post: %q", ueString(ues))
	}
	_, _, d, _ := e.paymentDetail(t, e.an, p.ID)
	if d == nil || d.Method == nil || *d.Method != "POSTAL" || d.Address == nil || strings.Contains(*d.Address, "Đội Cấn") || !strings.Contains(*d.Address, ",") {
		t.Errorf("the payer's delivery = %+v, want POSTAL to <ward>, <province> without the street", d)
	}
	if _, _, d, found := e.paymentDetail(t, e.srv.AgencyKey(t, fine.Agency.Code), p.ID); !found || d != nil {
		t.Errorf("the agency sees the payment %v with delivery %+v, want the payment without its delivery", found, d)
	}
	if _, _, d, found := e.paymentDetail(t, e.srv.Register(t, appNgoc), p.ID); found || d != nil {
		t.Errorf("another citizen sees the payment %v (delivery %+v), want nothing", found, d)
	}
}
