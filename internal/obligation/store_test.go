package obligation_test

import (
	"context"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/obligation"
	"github.com/dvcportal/dvcportal/internal/pgtest"
)

func newStore(t *testing.T) *obligation.Store {
	t.Helper()
	s := obligation.NewStore(pgtest.NewDB(t))
	obs, err := obligation.ReadSandboxFile("")
	if err != nil {
		t.Fatal(err)
	}
	// Loading twice is loading once.
	for range 2 {
		if err := s.LoadSandbox(context.Background(), obs); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func agencyCtx(code string) context.Context {
	return auth.WithActor(context.Background(), auth.Actor{Kind: auth.Agency, AgencyCode: code, APIClientID: 1})
}

func TestFindByEachKindOfIdentifier(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	ctx := context.Background()
	for _, c := range []struct {
		name  string
		q     obligation.Query
		want  int
		first obligation.Status
	}{
		{"enterprise tax code: open then paid", obligation.Query{Kind: obligation.KindTax, TaxCode: "0100233488"}, 4, obligation.StatusOpen},
		{"a branch's own tax code", obligation.Query{Kind: obligation.KindTax, TaxCode: "0100233488-001"}, 2, obligation.StatusOpen},
		{"personal tax by ID number", obligation.Query{Kind: obligation.KindTax, TaxCode: "001090012345"}, 2, obligation.StatusOpen},
		{"electricity", obligation.Query{Kind: obligation.KindElectricity, CustomerCode: "pd01000123456"}, 2, obligation.StatusOpen},
		{"fine by decision and plate", obligation.Query{Kind: obligation.KindTrafficFine, DecisionNumber: "123/QĐ-XPHC", PlateNumber: "30A-123.45"}, 1, obligation.StatusOpen},
		{"fine by decision and ID number", obligation.Query{Kind: obligation.KindTrafficFine, DecisionNumber: "123/QĐ-XPHC", ViolatorIDNumber: "001090012345"}, 1, obligation.StatusOpen},
		{"fine with the wrong plate", obligation.Query{Kind: obligation.KindTrafficFine, DecisionNumber: "123/QĐ-XPHC", PlateNumber: "30A99999"}, 0, ""},
		{"nothing owed", obligation.Query{Kind: obligation.KindTax, TaxCode: "0100000010"}, 0, ""},
	} {
		obs, err := s.Find(ctx, c.q)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(obs) != c.want || (c.want > 0 && obs[0].Status != c.first) {
			t.Errorf("%s: %d obligations (first %+v), want %d starting %s", c.name, len(obs), obs, c.want, c.first)
		}
	}
}

func TestDebtorNameMasking(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	ctx := context.Background()
	fine, _ := s.Find(ctx, obligation.Query{Kind: obligation.KindTrafficFine, DecisionNumber: "123/QĐ-XPHC", PlateNumber: "30A12345"})
	ent, _ := s.Find(ctx, obligation.Query{Kind: obligation.KindTax, TaxCode: "0100233488"})
	evn, _ := s.Find(ctx, obligation.Query{Kind: obligation.KindElectricity, CustomerCode: "PD01000123456"})
	for _, c := range []struct {
		name   string
		o      obligation.Obligation
		viewer string
		want   string
	}{
		{"a person to themself", fine[0], "001090012345", "Nguyễn Văn An"},
		{"a person to someone else", fine[0], "079185769739", "N***** V** A*"},
		{"a person to anonymous", fine[0], "", "N***** V** A*"},
		{"an enterprise", ent[0], "", "Công ty TNHH An Phát"},
		{"an EVN customer, even to themself", evn[0], "001090012345", "N***** V** A*"},
	} {
		if got := c.o.DebtorNameFor(c.viewer); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestAgencyPushUpsertAndCancel(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	thue := agencyCtx("THUE")
	due := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	in := obligation.PushInput{Kind: obligation.KindTax, SourceRef: "LPTB-1", DebtorIDNumber: "079185769739", DebtorName: "Trần Thị Bích Ngọc",
		Description: "Lệ phí trước bạ", Period: "2026", DueDate: &due,
		Lines: []obligation.Line{{Kind: obligation.LineFee, Name: "Lệ phí", Amount: 500_000}, {Kind: obligation.LinePostage, Name: "Bưu chính", Amount: 20_000}},
		Payee: obligation.Payee{BankCode: "KBNN", AccountNumber: "7211", AccountName: "KBNN TP Hồ Chí Minh"}}
	obs, err := s.Upsert(thue, []obligation.PushInput{in})
	if err != nil || len(obs) != 1 || obs[0].Principal != 520_000 || obs[0].Status != obligation.StatusOpen || obs[0].Origin != obligation.OriginPush {
		t.Fatalf("upsert: %+v %v", obs, err)
	}
	in.Lines[0].Amount = 600_000
	again, err := s.Upsert(thue, []obligation.PushInput{in})
	if err != nil || again[0].ID != obs[0].ID || again[0].Principal != 620_000 {
		t.Fatalf("second upsert of the same reference: %+v %v, want the same obligation at 620,000", again, err)
	}
	mine, total, err := s.Mine(auth.WithActor(context.Background(), auth.Actor{Kind: auth.Citizen, AccountID: 2, IDNumber: "079185769739"}), 50, 0)
	if err != nil || total < 1 {
		t.Fatalf("the debtor's obligations: %d %v", total, err)
	}
	found := false
	for _, o := range mine {
		found = found || o.ID == obs[0].ID
	}
	if !found {
		t.Error("a pushed obligation is not among its debtor's obligations")
	}
	// Refusals: each with its field.
	bad := in
	bad.DebtorIDNumber, bad.Lines = "123", []obligation.Line{{Kind: "BONUS", Name: "x", Amount: 0}}
	_, err = s.Upsert(thue, []obligation.PushInput{bad})
	ues, ok := apperr.AsUserErrors(err)
	if !ok || len(ues) != 3 {
		t.Fatalf("bad push: %v, want 3 userErrors (ID number, line kind, line amount)", err)
	}
	if _, err := s.Upsert(context.Background(), []obligation.PushInput{in}); err == nil {
		t.Error("an anonymous caller pushed an obligation")
	}
	// Cancel: another agency's reference is unknown to it.
	if _, err := s.Cancel(agencyCtx("EVN"), []string{"LPTB-1"}); err == nil {
		t.Error("EVN cancelled a tax obligation")
	}
	cancelled, err := s.Cancel(thue, []string{"LPTB-1"})
	if err != nil || cancelled[0].Status != obligation.StatusCancelled {
		t.Fatalf("cancel: %+v %v", cancelled, err)
	}
}

// TestLoadFillsMissingDetailsOnly: a database loaded before details were
// kept gets them at the next load; nothing else of a stored row changes.
func TestLoadFillsMissingDetailsOnly(t *testing.T) {
	t.Parallel()
	db := pgtest.NewDB(t)
	s := obligation.NewStore(db)
	obs, err := obligation.ReadSandboxFile("")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := s.LoadSandbox(ctx, obs); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE obligations SET details = '{}', description = 'changed since' WHERE source_ref = '123/QĐ-XPHC'`); err != nil {
		t.Fatal(err)
	}
	if err := s.LoadSandbox(ctx, obs); err != nil {
		t.Fatal(err)
	}
	fine, err := s.Find(ctx, obligation.Query{Kind: obligation.KindTrafficFine, DecisionNumber: "123/QĐ-XPHC", PlateNumber: "30A12345"})
	if err != nil || len(fine) != 1 {
		t.Fatalf("find: %v %v", fine, err)
	}
	if fine[0].Details.Identifier != "123/QĐ-XPHC" || fine[0].Description != "changed since" {
		t.Errorf("after a second load: details %+v, description %q; want the details back and the description kept", fine[0].Details, fine[0].Description)
	}
}
