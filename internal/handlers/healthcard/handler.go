package healthcard

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/population"
	"github.com/dvcportal/dvcportal/internal/vnid"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// Name is the handler's name in the catalogue's handler binding.
const Name = "healthcard"

// ServiceCode is the catalogue code of the service.
const ServiceCode = "HC-REISSUE"

// The form fields of HC-REISSUE.
const (
	FieldSocialInsuranceCode = "socialInsuranceCode"
	FieldReason              = "reason"
	// FieldCardNumber is added to the stored form data: the card on record
	// that the agency reissues.
	FieldCardNumber = "cardNumber"
)

// TemplateReceived is the confirmation SMS: {code}, {date} (its texts are
// internal/notify/templates/healthcard_received.*.txt).
const TemplateReceived = "healthcard_received"

// PersonLookup finds a person in the identity registry.
type PersonLookup interface {
	LookupPerson(ctx context.Context, idNumber string) (population.Person, error)
}

// Handler is the HC-REISSUE handler.
type Handler struct {
	application.HandlerDefaults
	people PersonLookup
	cal    application.Calendar
}

// New returns the handler.
func New(people PersonLookup, cal application.Calendar) *Handler {
	return &Handler{people: people, cal: cal}
}

var (
	msgNotYours   = i18n.T("Mã số BHXH không phải của người nộp hồ sơ.", "This social insurance code is not the applicant's.")
	msgNoCard     = i18n.T("Không có thẻ BHYT còn hạn trong hồ sơ của bạn.", "There is no valid health insurance card on your record.")
	msgExpired    = i18n.T("Thẻ BHYT đã hết hạn: cần gia hạn tham gia BHYT, không cấp lại.", "The health insurance card has expired: renew the insurance instead of reissuing the card.")
	msgSIFormat   = i18n.T("Mã số BHXH phải gồm 10 chữ số.", "The social insurance code must be 10 digits.")
	msgReasonCase = i18n.T("Lý do phải trùng với trường hợp đã chọn.", "The reason must be the chosen case.")
)

var siPath = []string{"formData", FieldSocialInsuranceCode}

// Prepare checks the request against the registry and plans the application.
func (h *Handler) Prepare(ctx context.Context, req application.Request) (application.Plan, error) {
	if errs := req.Version.Form.Validate(req.FormData); len(errs) > 0 {
		return application.Plan{}, apperr.Invalid(errs...)
	}
	si, _ := req.FormData[FieldSocialInsuranceCode].(string)
	if reason, _ := req.FormData[FieldReason].(string); reason != req.Case.Code {
		return application.Plan{}, apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgReasonCase, "formData", FieldReason))
	}
	if !vnid.ValidSocialInsuranceCode(si) {
		return application.Plan{}, apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgSIFormat, siPath...))
	}
	person, err := h.people.LookupPerson(ctx, req.Applicant.IDNumber)
	if errors.Is(err, apperr.ErrNotFound) {
		return application.Plan{}, apperr.Invalid(apperr.Field(apperr.CodeNotYourRecord, msgNotYours, siPath...))
	}
	if err != nil {
		return application.Plan{}, fmt.Errorf("registry record of the applicant: %w", err)
	}
	if person.SocialInsuranceCode != si {
		return application.Plan{}, apperr.Invalid(apperr.Field(apperr.CodeNotYourRecord, msgNotYours, siPath...))
	}
	card := person.Card
	if card == nil {
		return application.Plan{}, apperr.Invalid(apperr.Field(apperr.CodeNoCardOnRecord, msgNoCard, siPath...))
	}
	if vntime.DateOf(req.Now).After(card.ValidTo) {
		return application.Plan{}, apperr.Invalid(apperr.Field(apperr.CodeNoCardOnRecord, msgExpired, siPath...))
	}
	fee, due, err := application.OnlineTerms(h.cal, req.Version, req.Now)
	if err != nil {
		return application.Plan{}, err
	}
	data := make(map[string]any, len(req.FormData)+1)
	for k, v := range req.FormData {
		data[k] = v
	}
	data[FieldCardNumber] = card.Number
	return application.Plan{
		FormData: data, Fee: fee, AppointmentDate: due,
		OpenKey: openKey(card.Number), OpenKeyField: siPath,
		ReceiptTemplate: TemplateReceived,
	}, nil
}

// openKey is one open reissue per card: the legacy 15-character number and
// the 10-digit code of the same card give the same key. Only a hash is
// stored.
func openKey(cardNumber string) string {
	code, ok := vnid.HealthCardCode(cardNumber)
	if !ok {
		code = cardNumber
	}
	h := sha256.Sum256([]byte("healthcard\x00" + code))
	return "healthcard:" + hex.EncodeToString(h[:16])
}
