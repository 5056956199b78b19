package obligation_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/obligation"
	"github.com/dvcportal/dvcportal/internal/outbound"
	"github.com/dvcportal/dvcportal/internal/pgtest"
	"github.com/dvcportal/dvcportal/internal/sealed"
	"github.com/dvcportal/dvcportal/internal/webhook"
)

// unitSource is a traffic police unit's registered source, speaking the
// partner protocol over HTTP (signed JSON POSTs): its lookup answers fine
// 77/QĐ-XPHC by decision and plate or decision and ID number, until down.
type unitSource struct {
	mu     sync.Mutex
	secret []byte
	down   bool
}

const (
	unitDecision = "77/QĐ-XPHC"
	unitPlate    = "30K99999"
	unitViolator = "001090012345"
)

func (u *unitSource) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.down {
		http.Error(w, "down", http.StatusServiceUnavailable)
		return
	}
	if err := webhook.Verify(u.secret, r.Header.Get(webhook.HeaderSignature), body, 5*time.Minute); err != nil {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	var q map[string]any
	_ = json.Unmarshal(body, &q)
	obs := []any{}
	if q["decisionNumber"] == unitDecision && (q["plateNumber"] == unitPlate || q["violatorIdNumber"] == unitViolator) {
		obs = append(obs, map[string]any{"sourceRef": unitDecision, "debtorIdNumber": unitViolator, "debtorName": "Nguyễn Văn An",
			"description": "Không đội mũ bảo hiểm", "dueDate": "2026-12-10",
			"lines":  []map[string]any{{"kind": "PRINCIPAL", "name": "Tiền phạt", "amount": 500_000}},
			"payee":  map[string]any{"bankCode": "KBNN", "accountNumber": "7411", "accountName": "KBNN Đà Nẵng"},
			"status": "OPEN"})
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"obligations": obs})
}

func (u *unitSource) setDown(down bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.down = down
}

// TestAgencyPushKeepsWhatALookupLearned: a fine first found through its
// unit's source, then pushed by the unit (upsertObligations, a new amount
// and description), takes what the push sends and keeps what the push does
// not carry: the details (the decision number the SMS names) and the keys
// citizens found it by, so the portal's own records still answer when the
// unit's source is down.
func TestAgencyPushKeepsWhatALookupLearned(t *testing.T) {
	t.Parallel()
	db := pgtest.NewDB(t)
	s := obligation.NewStore(db)
	box, err := sealed.New([]byte("a test server secret of 32 bytes"), obligation.SourcePurpose)
	if err != nil {
		t.Fatal(err)
	}
	s.Partners = obligation.NewPartners(db, box, true, outbound.Config{AllowPrivate: true})
	unit := &unitSource{}
	srv := httptest.NewServer(unit)
	t.Cleanup(srv.Close)
	csgt := agencyCtx("CSGT")
	_, secret, err := s.Partners.Register(csgt, srv.URL+"/lookup", srv.URL+"/verify", srv.URL+"/notify")
	if err != nil {
		t.Fatal(err)
	}
	// Under the lock: the server is already running, and its handler
	// goroutines share no other synchronisation with this one.
	unit.mu.Lock()
	unit.secret = []byte(secret)
	unit.mu.Unlock()

	ctx := context.Background()
	byPlate := obligation.Query{Kind: obligation.KindTrafficFine, DecisionNumber: unitDecision, PlateNumber: "30k-999.99"}
	byID := obligation.Query{Kind: obligation.KindTrafficFine, DecisionNumber: unitDecision, ViolatorIDNumber: unitViolator}
	for _, q := range []obligation.Query{byPlate, byID} {
		found, err := s.Find(ctx, q)
		if err != nil || len(found) != 1 || found[0].Details.Identifier != unitDecision {
			t.Fatalf("lookup through the unit's source: %+v %v, want the fine with its decision number", found, err)
		}
	}

	due := time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC)
	pushed, err := s.Upsert(csgt, []obligation.PushInput{{Kind: obligation.KindTrafficFine, SourceRef: unitDecision,
		DebtorIDNumber: unitViolator, DebtorName: "Nguyễn Văn An", Description: "Không đội mũ bảo hiểm (đã điều chỉnh)", DueDate: &due,
		Lines: []obligation.Line{{Kind: obligation.LinePrincipal, Name: "Tiền phạt", Amount: 600_000}},
		Payee: obligation.Payee{BankCode: "KBNN", AccountNumber: "7411", AccountName: "KBNN Đà Nẵng"}}})
	if err != nil || len(pushed) != 1 {
		t.Fatalf("push: %+v %v", pushed, err)
	}
	p := pushed[0]
	if p.Principal != 600_000 || p.Description != "Không đội mũ bảo hiểm (đã điều chỉnh)" || p.DueDate == nil || !p.DueDate.Equal(due) {
		t.Errorf("after the push: principal %d, description %q, due %v; want what the push sent", p.Principal, p.Description, p.DueDate)
	}
	if p.Details.Identifier != unitDecision {
		t.Errorf("after the push: details %+v, want the decision number the lookup recorded", p.Details)
	}

	unit.setDown(true)
	for name, q := range map[string]obligation.Query{"by plate": byPlate, "by ID number": byID} {
		found, err := s.Find(ctx, q)
		if err != nil || len(found) != 1 || found[0].ID != p.ID || found[0].Principal != 600_000 {
			t.Errorf("%s with the unit's source down: %+v %v, want the pushed fine from the portal's records", name, found, err)
		}
	}
}
