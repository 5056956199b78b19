package graph

import (
	"context"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"github.com/dvcportal/dvcportal/graph/model"
	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/identity"
)

// loadCitizen is the node loader of identity.CitizenType: a Citizen resolves only
// for that same citizen.
func (r *Resolver) loadCitizen(ctx context.Context, key string) (model.Node, error) {
	id, err := strconv.ParseInt(key, 10, 64)
	if err != nil || id <= 0 {
		return nil, nil
	}
	c, err := r.Identity.Citizen(ctx, id)
	if err != nil {
		return nil, err
	}
	return r.citizenModel(ctx, c), nil
}

// citizenModel presents a citizen; the address is formatted in the request
// language (a failure there leaves it unformatted and is reported as an error).
func (r *Resolver) citizenModel(ctx context.Context, c identity.Citizen) *model.Citizen {
	addr := c.Address
	formatted, err := r.Geo.FormatAddress(ctx, addr.ProvinceCode, addr.WardCode, addr.Street, i18n.FromContext(ctx))
	if err != nil {
		graphql.AddError(ctx, err)
		formatted = addr.Street
	}
	// Identifiers come masked from the domain (identity.Citizen).
	m := &model.Citizen{
		ID:                  identity.CitizenID(c.AccountID),
		FullName:            c.FullName,
		DateOfBirth:         c.DateOfBirth,
		Gender:              model.Gender(c.Gender),
		MaskedIDNumber:      c.MaskedIDNumber,
		MaskedPhone:         c.MaskedPhone,
		SocialInsuranceCode: c.MaskedSocialInsuranceCode,
		Address: &model.CitizenAddress{ProvinceCode: addr.ProvinceCode, WardCode: addr.WardCode,
			Street: addr.Street, Formatted: formatted},
	}
	if card := c.Card; card != nil {
		m.HealthInsuranceCard = &model.HealthInsuranceCard{Number: card.MaskedNumber, ValidFrom: card.ValidFrom,
			ValidTo: card.ValidTo, RegisteredClinic: card.RegisteredClinic, ValidToday: card.ValidToday}
	}
	return m
}

// challengeModel presents an OTP challenge.
func challengeModel(c identity.Challenge) *model.OtpChallenge {
	return &model.OtpChallenge{ID: c.ID, Purpose: model.OtpPurpose(c.Purpose), MaskedPhone: c.MaskedPhone,
		ExpiresAt: c.ExpiresAt, ResendAvailableAt: c.ResendAvailableAt, ResendsLeft: c.ResendsLeft}
}

// captchaAnswer converts a captcha answer input (never nil: the schema
// requires it).
func captchaAnswer(in *model.CaptchaAnswerInput) captcha.Answer {
	if in == nil {
		return captcha.Answer{}
	}
	return captcha.Answer{ID: in.ID, Answer: in.Answer}
}

// language converts an optional Language.
func language(l *model.Language) i18n.Lang {
	switch {
	case l == nil:
		return ""
	case *l == model.LanguageEn:
		return i18n.EN
	default:
		return i18n.VI
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
