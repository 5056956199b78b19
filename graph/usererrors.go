package graph

import (
	"context"

	"github.com/dvcportal/dvcportal/graph/model"
	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/i18n"
)

// userErrors turns a domain validation error into a payload's userErrors, in
// the request language. Any other error is passed through to become a GraphQL
// error; nil gives an empty list.
func userErrors(ctx context.Context, err error) ([]*model.UserError, error) {
	if err == nil {
		return []*model.UserError{}, nil
	}
	ues, ok := apperr.AsUserErrors(err)
	if !ok {
		return nil, err
	}
	lang := i18n.FromContext(ctx)
	out := make([]*model.UserError, 0, len(ues))
	for _, ue := range ues {
		out = append(out, &model.UserError{
			Field:   ue.Field,
			Message: ue.Message.In(lang),
			Code:    model.UserErrorCode(ue.Code),
		})
	}
	return out, nil
}
