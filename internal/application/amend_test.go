package application_test

import (
	"context"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/handlers/form"
	"github.com/dvcportal/dvcportal/internal/handlers/healthcard"
	"github.com/dvcportal/dvcportal/internal/money"
	"github.com/dvcportal/dvcportal/internal/population"
)

// amendableForm is the generic form handler of a service that takes
// amendments of any of its applications.
type amendableForm struct{ application.Handler }

func (amendableForm) Amendable(context.Context, application.Application, application.Request) error {
	return nil
}

// partnerPermit is a partner-processed (WEBHOOK) service with an AMEND case.
func partnerPermit() catalogue.ServiceVersion {
	return catalogue.ServiceVersion{
		ServiceCode: "PARTNER-PERMIT", AgencyCode: "PARTNER", Number: 1,
		Channels: []catalogue.Channel{{Channel: catalogue.Online, ProcessingTime: catalogue.ProcessingTime{Value: 1, Unit: catalogue.WorkingDay},
			Fees: []money.Money{{Amount: 0, Currency: "VND"}}}},
		Cases:           []catalogue.Case{{Code: "NEW"}, {Code: "AMEND"}},
		DeliveryMethods: []catalogue.DeliveryMethod{catalogue.DeliverElectronic},
		Form:            catalogue.FormDefinition{Fields: []catalogue.FormField{{Name: "note", Type: catalogue.FieldText, Required: true}}},
		Handler:         catalogue.HandlerBinding{Kind: catalogue.Webhook, URL: "https://partner.example/hook"},
	}
}

// An amendment records its original, of the same applicant; the partner's
// webhook carries the link; someone else's original is NOT_FOUND and a
// handler that takes no amendments refuses (the default).
func TestAmendmentRecordsTheOriginalAndTheWebhookCarriesIt(t *testing.T) {
	e := newEnv(t)
	e.cat.versions["PARTNER-PERMIT"] = []catalogue.ServiceVersion{partnerPermit()}
	hs := application.NewHandlerSet()
	hs.Register(application.HandlerForm, amendableForm{form.New(weekdays{})})
	reg := population.NewSandbox(e.db)
	hs.Register(healthcard.Name, healthcard.New(reg, weekdays{}))
	e.svc.Handlers = hs
	a, b := e.citizen(personA), e.citizen(personB)
	submit := func(ctx context.Context, caseCode, amends, key string) (application.Application, error) {
		return e.svc.Submit(ctx, application.SubmitInput{ServiceCode: "PARTNER-PERMIT", CaseCode: caseCode,
			FormData: map[string]any{"note": "Giấy phép " + key}, Delivery: application.Delivery{Method: catalogue.DeliverElectronic},
			Captcha: e.captchaAnswer(), IdempotencyKey: key, Amends: amends})
	}
	orig, err := submit(a, "NEW", "", "orig")
	if err != nil {
		t.Fatal(err)
	}
	amend, err := submit(a, "AMEND", application.GlobalID(orig.ID), "amend")
	if err != nil {
		t.Fatal(err)
	}
	if amend.AmendsID != orig.ID {
		t.Errorf("AmendsID = %d, want %d", amend.AmendsID, orig.ID)
	}
	if got, err := e.svc.Get(a, amend.ID); err != nil || got.AmendsID != orig.ID {
		t.Errorf("read back: AmendsID %d (%v), want %d", got.AmendsID, err, orig.ID)
	}
	list, err := e.svc.Amendments(agency("PARTNER"), orig.ID)
	if err != nil || len(list) != 1 || list[0].ID != amend.ID {
		t.Errorf("the partner's Amendments(orig) = %v (%v), want [%d]", list, err, amend.ID)
	}
	if list, err := e.svc.Amendments(b, orig.ID); err != nil || len(list) != 0 {
		t.Errorf("another citizen's Amendments(orig) = %v (%v), want none", list, err)
	}

	payload := func(id int64) application.WebhookApplication {
		var body string
		if err := e.db.Get(&body, `SELECT body FROM webhook_deliveries WHERE subject = $1`, "application:"+strconv.FormatInt(id, 10)); err != nil {
			t.Fatal(err)
		}
		var env struct {
			Data application.WebhookApplication
		}
		if err := json.Unmarshal([]byte(body), &env); err != nil {
			t.Fatal(err)
		}
		return env.Data
	}
	if p := payload(amend.ID); p.Amends == nil || p.Amends.ID != application.GlobalID(orig.ID) || p.Amends.Code != orig.Code {
		t.Errorf("amendment's webhook amends = %+v, want %s (%s)", p.Amends, application.GlobalID(orig.ID), orig.Code)
	}
	if p := payload(orig.ID); p.Amends != nil {
		t.Errorf("original's webhook amends = %+v, want none", p.Amends)
	}

	// Another citizen: not found, nothing written.
	before := e.written()
	_, err = submit(b, "AMEND", application.GlobalID(orig.ID), "b-amend")
	wantUserError(t, err, apperr.CodeNotFound, "amends")
	if after := e.written(); after != before {
		t.Errorf("written %v after another citizen's amendment, want %v", after, before)
	}
	// A handler without amendments (healthcard's default) refuses.
	hc, err := e.reissue(a, personASI, "LOST", postal(), "hc")
	if err != nil {
		t.Fatal(err)
	}
	before = e.written()
	_, err = e.svc.Submit(a, application.SubmitInput{ServiceCode: "HC-REISSUE", CaseCode: "LOST",
		FormData: map[string]any{"socialInsuranceCode": personASI, "reason": "LOST"}, Delivery: postal(),
		Captcha: e.captchaAnswer(), IdempotencyKey: "hc-amend", Amends: application.GlobalID(hc.ID)})
	wantUserError(t, err, apperr.CodeOriginalNotAmendable, "amends")
	// Amending across agencies: the amendment goes where the original went.
	_, err = e.svc.Submit(a, application.SubmitInput{ServiceCode: "PARTNER-PERMIT", CaseCode: "AMEND",
		FormData: map[string]any{"note": "x"}, Delivery: application.Delivery{Method: catalogue.DeliverElectronic},
		Captcha: e.captchaAnswer(), IdempotencyKey: "cross", Amends: application.GlobalID(hc.ID)})
	wantUserError(t, err, apperr.CodeInvalid, "serviceCode")
	if after := e.written(); after != before {
		t.Errorf("written %v after the refusals, want %v", after, before)
	}
}
