package salespromotion

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/document"
)

// Program is the typed input of registerSalesPromotion and
// notifySalesPromotion (the prize fields only for a registration).
type Program struct {
	EnterpriseID       string
	ProgramName        string
	Form               string
	ProvinceCodes      []string
	StartDate          string // YYYY-MM-DD
	EndDate            string
	PromotedGoods      string
	PrizeGoods         string
	Customers          string
	PrizeStructure     string
	TotalPrizeValue    int64
	Rules              string
	CooperatingTraders []string
	Documents          []document.Ref
	Captcha            application.CaptchaAnswer
	IdempotencyKey     string
}

// Router submits applications.
type Router interface {
	Submit(ctx context.Context, in application.SubmitInput) (application.Application, error)
	SubmitGroup(ctx context.Context, ins []application.SubmitInput) ([]application.Application, error)
}

// Register submits a registration through the router, exactly as
// submitApplication with the service its area routes to would, and reports
// field errors at the typed input's paths.
func Register(ctx context.Context, router Router, in Program) (application.Application, error) {
	app, err := router.Submit(ctx, RegistrationInput(in))
	return app, typed(err)
}

// RegistrationInput is the generic submission of a typed registration.
func RegistrationInput(in Program) application.SubmitInput {
	form := base(in)
	form["prizeGoods"] = in.PrizeGoods
	form["prizeStructure"] = in.PrizeStructure
	form[FieldTotalPrizeValue] = in.TotalPrizeValue
	return submission(in, RegistrationService(in.ProvinceCodes), form, in.IdempotencyKey)
}

// Notify submits one notification to each province's department, all or
// none; each carries the documents. Their idempotency keys derive from the
// input's.
func Notify(ctx context.Context, router Router, in Program) ([]application.Application, error) {
	if len(in.ProvinceCodes) == 0 {
		return nil, apperr.Invalid(apperr.Field(apperr.CodeRequired, msgArea, "provinceCodes"))
	}
	ins := make([]application.SubmitInput, len(in.ProvinceCodes))
	for i, p := range in.ProvinceCodes {
		ins[i] = submission(in, NotificationService(p), base(in), provinceKey(in.IdempotencyKey, p))
	}
	apps, err := router.SubmitGroup(ctx, ins)
	return apps, typed(err)
}

// provinceKey derives one province's idempotency key (at most 200
// characters, like any key).
func provinceKey(key, province string) string {
	if key == "" {
		return ""
	}
	if len(key) > 190 {
		h := sha256.Sum256([]byte(key))
		key = hex.EncodeToString(h[:])
	}
	return key + "#" + province
}

func base(in Program) map[string]any {
	traders := in.CooperatingTraders
	if traders == nil {
		traders = []string{}
	}
	return map[string]any{
		"programName": in.ProgramName, FieldForm: in.Form, FieldProvinceCodes: in.ProvinceCodes,
		FieldStartDate: in.StartDate, FieldEndDate: in.EndDate, "promotedGoods": in.PromotedGoods,
		"customers": in.Customers, "rules": in.Rules, FieldCooperatingTraders: traders,
	}
}

func submission(in Program, service string, form map[string]any, key string) application.SubmitInput {
	return application.SubmitInput{
		ServiceCode: service, CaseCode: CaseNew, FormData: form,
		Delivery: application.Delivery{Method: catalogue.DeliverElectronic},
		Captcha:  in.Captcha, IdempotencyKey: key, EnterpriseID: in.EnterpriseID, Documents: in.Documents,
	}
}

// typed moves form paths to the typed input's: ["formData", f] → [f]; an
// unknown service (an area with an unknown province) → ["provinceCodes"].
func typed(err error) error {
	ues, ok := apperr.AsUserErrors(err)
	if !ok {
		return err
	}
	out := make([]apperr.UserError, len(ues))
	for i, ue := range ues {
		switch {
		case len(ue.Field) > 1 && ue.Field[0] == "formData":
			ue.Field = ue.Field[1:]
		case len(ue.Field) == 1 && ue.Field[0] == "serviceCode":
			ue.Field = []string{FieldProvinceCodes}
		case len(ue.Field) > 0 && (ue.Field[0] == "caseCode" || ue.Field[0] == "delivery"):
			ue.Field = nil
		}
		out[i] = ue
	}
	return apperr.Invalid(out...)
}
