package auth

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
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

// TestActorLogValueHidesIdentifiers: an Actor logged as an attribute shows
// its kind and numeric IDs, never the citizen's ID number or phone.
func TestActorLogValueHidesIdentifiers(t *testing.T) {
	tests := []struct {
		name  string
		actor Actor
		want  string
	}{
		{"citizen", Actor{Kind: Citizen, AccountID: 7, SessionID: 9, IDNumber: "079203004567", Phone: "+84912345678"},
			`actor.kind=citizen actor.account=7 actor.session=9`},
		{"agency", Actor{Kind: Agency, AgencyCode: "BHXH", APIClientID: 3}, `actor.kind=agency actor.agency=BHXH actor.apiClient=3`},
		{"operator", OperatorActor("ops"), `actor.kind=operator actor.operator=ops`},
		{"anonymous", Actor{}, `actor.kind=anonymous`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
				if a.Key == slog.TimeKey || a.Key == slog.LevelKey || a.Key == slog.MessageKey {
					return slog.Attr{}
				}
				return a
			}})).Info("m", "actor", tt.actor)
			got := strings.TrimSpace(buf.String())
			if got != tt.want {
				t.Errorf("logged %q, want %q", got, tt.want)
			}
			for _, secret := range []string{tt.actor.IDNumber, tt.actor.Phone} {
				if secret != "" && strings.Contains(got, secret) {
					t.Errorf("logged %q: contains %q", got, secret)
				}
			}
		})
	}
}
