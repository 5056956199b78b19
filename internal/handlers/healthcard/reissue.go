package healthcard

import (
	"context"

	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/captcha"
)

// ReissueInput is the typed reissueHealthCard input.
type ReissueInput struct {
	SocialInsuranceCode string
	// Reason is the case: LOST or DAMAGED.
	Reason         string
	Delivery       application.Delivery
	Captcha        captcha.Answer
	IdempotencyKey string
}

// Reissue submits a typed reissue through the router, exactly as
// submitApplication with service HC-REISSUE would (the same idempotency
// hash), and reports field errors at the typed input's paths
// (["socialInsuranceCode"], ["reason"]) instead of the form's.
func Reissue(ctx context.Context, router application.Submitter, in ReissueInput) (application.Application, error) {
	return application.SubmitTyped(ctx, router, SubmitInput(in), typedPaths)
}

// typedPaths: where the form fields and the case are in ReissueInput.
var typedPaths = application.FieldPaths{
	Form: map[string][]string{
		FieldSocialInsuranceCode: {"socialInsuranceCode"},
		FieldReason:              {"reason"},
	},
	Case: []string{"reason"},
}

// SubmitInput is the generic submission of a typed reissue.
func SubmitInput(in ReissueInput) application.SubmitInput {
	return application.SubmitInput{
		ServiceCode: ServiceCode,
		CaseCode:    in.Reason,
		FormData: map[string]any{
			FieldSocialInsuranceCode: in.SocialInsuranceCode,
			FieldReason:              in.Reason,
		},
		Delivery:       in.Delivery,
		Captcha:        in.Captcha,
		IdempotencyKey: in.IdempotencyKey,
	}
}
