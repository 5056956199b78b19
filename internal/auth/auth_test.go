package auth

import (
	"context"
	"errors"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apperr"
)

type fixed Actor

func (f fixed) Authenticate(context.Context, string) (Actor, error) { return Actor(f), nil }

func TestRegistryDispatchesByPrefix(t *testing.T) {
	r := NewAuthenticators()
	r.Register("dvcs_", fixed{Kind: Citizen, AccountID: 7})
	r.Register("dvca_", fixed{Kind: Agency, AgencyCode: "BHXH"})
	tests := []struct {
		token string
		want  Kind
		err   error
	}{
		{"dvcs_abc", Citizen, nil},
		{"dvca_abc", Agency, nil},
		{"other_abc", Anonymous, ErrInvalidToken},
		{"", Anonymous, ErrInvalidToken},
	}
	for _, tt := range tests {
		a, err := r.Authenticate(context.Background(), tt.token)
		if a.Kind != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("Authenticate(%q) = %v, %v; want %v, %v", tt.token, a.Kind, err, tt.want, tt.err)
		}
	}
}

func TestRequire(t *testing.T) {
	anon := context.Background()
	citizen := WithActor(anon, Actor{Kind: Citizen, AccountID: 1})
	agency := WithActor(anon, Actor{Kind: Agency, AgencyCode: "EVN"})
	operator := WithActor(anon, OperatorActor("root"))
	tests := []struct {
		name string
		fn   func(context.Context) (Actor, error)
		ctx  context.Context
		want apperr.Code
	}{
		{"citizen as citizen", RequireCitizen, citizen, ""},
		{"anonymous as citizen", RequireCitizen, anon, apperr.Unauthenticated},
		{"agency as citizen", RequireCitizen, agency, apperr.Unauthenticated},
		{"agency as agency", RequireAgency, agency, ""},
		{"citizen as agency", RequireAgency, citizen, apperr.Forbidden},
		{"anonymous as agency", RequireAgency, anon, apperr.Unauthenticated},
		{"operator as operator", RequireOperator, operator, ""},
		{"anonymous as operator", RequireOperator, anon, apperr.Unauthenticated},
		{"citizen as operator", RequireOperator, citizen, apperr.Forbidden},
		{"agency as operator", RequireOperator, agency, apperr.Forbidden},
		{"operator as citizen", RequireCitizen, operator, apperr.Unauthenticated},
		{"operator as agency", RequireAgency, operator, apperr.Unauthenticated},
	}
	for _, tt := range tests {
		_, err := tt.fn(tt.ctx)
		code, _ := apperr.CodeOf(err)
		if code != tt.want {
			t.Errorf("%s: code %q, want %q", tt.name, code, tt.want)
		}
	}
}
