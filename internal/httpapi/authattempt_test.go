package httpapi

import (
	"context"
	"maps"
	"regexp"
	"slices"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/dvcportal/dvcportal/graph/generated"
)

// portalRules are the rules the portal's schema declares.
func portalRules(t *testing.T) schemaRules {
	t.Helper()
	r, err := readSchemaRules(generated.NewExecutableSchema(generated.Config{}).Schema())
	if err != nil {
		t.Fatalf("read schema rules: %v", err)
	}
	return r
}

func TestAuthAttemptLimit(t *testing.T) {
	rules := portalRules(t)
	for _, tc := range []struct {
		name    string
		query   string
		refused bool
	}{
		{"one", `mutation { verifyOtp(input: {challengeId: "x", code: "1"}) { attemptsLeft } }`, false},
		{"one with other mutations", `mutation { logout { revoked } createCaptcha { captcha { id } } startLogin(input: {}) { challenge { id } } }`, false},
		{"two aliases", `mutation { a: verifyOtp(input: {}) { attemptsLeft } b: verifyOtp(input: {}) { attemptsLeft } }`, true},
		{"two kinds", `mutation { startLogin(input: {}) { challenge { id } } resendOtp(input: {}) { challenge { id } } }`, true},
		{"inline fragment", `mutation { a: verifyOtp(input: {}) { attemptsLeft } ... on Mutation { b: verifyOtp(input: {}) { attemptsLeft } } }`, true},
		{"named fragment", `mutation { a: registerCitizen(input: {}) { challenge { id } } ...F } fragment F on Mutation { b: registerCitizen(input: {}) { challenge { id } } }`, true},
		{"fragment inside a fragment", `mutation { ...F } fragment F on Mutation { a: startLogin(input: {}) { challenge { id } } ...G } fragment G on Mutation { b: verifyOtp(input: {}) { attemptsLeft } }`, true},
		{"self-referencing fragment", `mutation { ...F } fragment F on Mutation { a: verifyOtp(input: {}) { attemptsLeft } ...F }`, false},
		{"query", `query { a: viewer { citizen { id } } b: viewer { citizen { id } } }`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := parser.ParseQuery(&ast.Source{Input: tc.query})
			if err != nil {
				t.Fatal(err)
			}
			oc := &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0]}
			gerr := authAttemptLimit{rules}.MutateOperationContext(context.Background(), oc)
			if (gerr != nil) != tc.refused {
				t.Fatalf("refused = %v, want %v", gerr, tc.refused)
			}
			if gerr != nil && gerr.Extensions["code"] != "QUERY_TOO_COMPLEX" {
				t.Fatalf("code = %v, want QUERY_TOO_COMPLEX", gerr.Extensions["code"])
			}
		})
	}
}

// looksLikeAuthentication matches mutation names that suggest a secret is
// checked or an SMS sent.
var looksLikeAuthentication = regexp.MustCompile(`(?i)login|logon|signin|otp|password|passwd|register|signup|captcha|verify|secret|token|session|auth|2fa|mfa`)

// notAuthAttempts are mutations whose names look like authentication but
// check no secret and send no SMS; each says why.
var notAuthAttempts = map[string]string{
	"createCaptcha": "issues a new captcha image; it checks no answer (the mutations that take the answer are the attempts)",
	"registerObligationSource": "an agency (already authenticated by its API key) records its endpoints and is given a new " +
		"signing secret; no secret is checked and no SMS sent",
	"registerSalesPromotion": "submits an application (a promotion's registration), like submitApplication: it checks no credential and sends no OTP; " +
		"its captcha is consumed by the first answer either way",
}

// TestAuthLikeMutationsAreAuthAttempts fails when a mutation whose name looks
// like authentication is neither declared @authAttempt in the schema nor
// listed, with its reason, in notAuthAttempts.
func TestAuthLikeMutationsAreAuthAttempts(t *testing.T) {
	s := generated.NewExecutableSchema(generated.Config{}).Schema()
	rules := portalRules(t)
	for _, f := range s.Mutation.Fields {
		if !looksLikeAuthentication.MatchString(f.Name) {
			continue
		}
		_, exempt := notAuthAttempts[f.Name]
		if got := rules.authAttempt[f.Name]; !got && !exempt {
			t.Errorf("mutation %s looks like authentication: @authAttempt = false, want true (or a reason in notAuthAttempts)", f.Name)
		}
		if rules.authAttempt[f.Name] && exempt {
			t.Errorf("mutation %s is @authAttempt and also listed in notAuthAttempts; want one", f.Name)
		}
	}
	for name := range notAuthAttempts {
		if s.Mutation.Fields.ForName(name) == nil {
			t.Errorf("notAuthAttempts lists %s, which is no mutation; want it removed", name)
		}
	}
}

func TestSchemaRules(t *testing.T) {
	rules := portalRules(t)
	wantAuth := []string{"registerCitizen", "resendOtp", "startLogin", "verifyOtp"}
	gotAuth := slices.Sorted(slices.Values(rules.authAttempts))
	if !slices.Equal(gotAuth, wantAuth) {
		t.Errorf("@authAttempt mutations = %v, want %v", gotAuth, wantAuth)
	}
	wantPublic := []string{"__typename", "agencies", "agency", "calendar", "categories", "paymentProviders", "province", "provinces", "service", "services"}
	var gotPublic []string
	for name := range rules.publicCache {
		gotPublic = append(gotPublic, name)
	}
	slices.Sort(gotPublic)
	if !slices.Equal(gotPublic, wantPublic) {
		t.Errorf("@publicCache root fields = %v, want %v", gotPublic, wantPublic)
	}
	var gotTypes []string
	for name, public := range rules.publicTypes {
		if public {
			gotTypes = append(gotTypes, name)
		}
	}
	slices.Sort(gotTypes)
	if want := []string{"Agency", "Category", "Service"}; !slices.Equal(gotTypes, want) {
		t.Errorf("@publicCache node types = %v, want %v", gotTypes, want)
	}
	if want := map[string]string{"node": "id", "nodes": "ids"}; !maps.Equal(rules.nodeFetchers, want) {
		t.Errorf("node fetchers = %v, want %v", rules.nodeFetchers, want)
	}
}

func TestSchemaRulesRefuseMisplacedDirectives(t *testing.T) {
	for _, tc := range []struct{ name, sdl string }{
		{"publicCache on a mutation", `type Mutation { a: Int @publicCache }`},
		{"authAttempt on a query", `type Query { a: Int @authAttempt }`},
		{"publicCache on an object field", `type Query { a: T } type T { b: Int @publicCache }`},
		{"publicCache on a type that is not a Node", `type Query { a: T } type T @publicCache { b: Int }`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustSchema(t, tc.sdl)
			if _, err := readSchemaRules(s); err == nil {
				t.Fatalf("readSchemaRules error = nil, want one")
			}
		})
	}
}
