package healthcard

import (
	"context"
	"slices"

	"github.com/dvcportal/dvcportal/internal/apperr"
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

// Submitter is the application router.
type Submitter interface {
	Submit(ctx context.Context, in application.SubmitInput) (application.Application, error)
}

// Reissue submits a typed reissue through the router, exactly as
// submitApplication with service HC-REISSUE would (the same idempotency
// hash), and reports field errors at the typed input's paths
// (["socialInsuranceCode"], ["reason"]) instead of the form's.
func Reissue(ctx context.Context, router Submitter, in ReissueInput) (application.Application, error) {
	app, err := router.Submit(ctx, SubmitInput(in))
	if ues, ok := apperr.AsUserErrors(err); ok {
		out := make([]apperr.UserError, len(ues))
		for i, ue := range ues {
			ue.Field = typedPath(ue.Field)
			out[i] = ue
		}
		return app, apperr.Invalid(out...)
	}
	return app, err
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

func typedPath(p []string) []string {
	switch {
	case slices.Equal(p, []string{"formData", FieldSocialInsuranceCode}):
		return []string{"socialInsuranceCode"}
	case slices.Equal(p, []string{"formData", FieldReason}), slices.Equal(p, []string{"caseCode"}):
		return []string{"reason"}
	case slices.Equal(p, []string{"serviceCode"}), len(p) > 0 && p[0] == "formData":
		// The typed input has neither; the service as a whole is meant.
		return nil
	}
	return p
}
