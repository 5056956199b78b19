package salespromotion

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/captcha"
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
	// Changes says what an amendment changes (Amend only).
	Changes        string
	Documents      []document.Ref
	Captcha        captcha.Answer
	IdempotencyKey string
}

// GroupSubmitter submits applications that stand or fall together.
type GroupSubmitter interface {
	SubmitGroup(ctx context.Context, ins []application.SubmitInput) ([]application.Application, error)
}

// typedPaths: where the form fields are in Program (the same names, at the
// top level).
var typedPaths = func() application.FieldPaths {
	m := map[string][]string{}
	for _, f := range []string{"programName", FieldForm, FieldProvinceCodes, FieldStartDate, FieldEndDate, "promotedGoods",
		"prizeGoods", "customers", "prizeStructure", FieldTotalPrizeValue, "rules", FieldCooperatingTraders, FieldChanges} {
		m[f] = []string{f}
	}
	return application.FieldPaths{Form: m, Amends: []string{"originalApplicationId"}}
}()

// Register submits a registration through the router, exactly as
// submitApplication with the service its area routes to would, and reports
// field errors at the typed input's paths.
func Register(ctx context.Context, router application.Submitter, in Program) (application.Application, error) {
	return application.SubmitTyped(ctx, router, RegistrationInput(in), typedPaths)
}

// RegistrationInput is the generic submission of a typed registration.
func RegistrationInput(in Program) application.SubmitInput {
	form := base(in)
	form["prizeGoods"] = in.PrizeGoods
	form["prizeStructure"] = in.PrizeStructure
	form[FieldTotalPrizeValue] = in.TotalPrizeValue
	return submission(in, RegistrationService(in.ProvinceCodes), form, in.IdempotencyKey)
}

// Reader reads an application as the caller may (Service.Get).
type Reader interface {
	Get(ctx context.Context, id int64) (application.Application, error)
}

// Amend submits the amendment of the registration original (a global ID):
// case AMEND of the original's service (the same agency, whatever the
// area says: an area the service does not take is refused), with the
// amended program in full and what changes. NOT_FOUND at
// originalApplicationId for an application the caller may not read.
func Amend(ctx context.Context, router application.Submitter, reader Reader, original string, in Program) (application.Application, error) {
	if _, err := auth.RequireCitizen(ctx); err != nil {
		return application.Application{}, err
	}
	notFound := apperr.Invalid(apperr.Field(apperr.CodeNotFound, msgNotFound, "originalApplicationId"))
	id, ok := application.ParseGlobalID(original)
	if !ok {
		return application.Application{}, notFound
	}
	orig, err := reader.Get(ctx, id)
	if errors.Is(err, apperr.ErrNotFound) {
		return application.Application{}, notFound
	}
	if err != nil {
		return application.Application{}, err
	}
	if !isRegistration(orig.ServiceCode) {
		return application.Application{}, apperr.Invalid(apperr.Field(apperr.CodeOriginalNotAmendable, msgAmendable, "originalApplicationId"))
	}
	sub := RegistrationInput(in)
	sub.ServiceCode, sub.CaseCode, sub.Amends = orig.ServiceCode, CaseAmend, original
	sub.FormData[FieldChanges] = in.Changes
	return application.SubmitTyped(ctx, router, sub, typedPaths)
}

// Notify submits one notification to each province's department, all or
// none; each carries the documents. Their idempotency keys derive from the
// input's.
func Notify(ctx context.Context, router GroupSubmitter, in Program) ([]application.Application, error) {
	known, err := provinceSet()
	if err != nil {
		return nil, err
	}
	if len(in.ProvinceCodes) == 0 {
		return nil, apperr.Invalid(apperr.Field(apperr.CodeRequired, msgArea, FieldProvinceCodes))
	}
	for _, p := range in.ProvinceCodes {
		if !known[p] {
			return nil, apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgArea, FieldProvinceCodes))
		}
	}
	ins := make([]application.SubmitInput, len(in.ProvinceCodes))
	for i, p := range in.ProvinceCodes {
		ins[i] = submission(in, NotificationService(p), base(in), provinceKey(in.IdempotencyKey, p))
	}
	apps, err := router.SubmitGroup(ctx, ins)
	if ues, ok := apperr.AsUserErrors(err); ok {
		for i := range ues {
			ues[i].Field = typedPaths.Path(ues[i].Field)
		}
		return nil, apperr.Invalid(ues...)
	}
	return apps, err
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
