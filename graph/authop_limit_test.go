package graph

import (
	"context"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

func TestAuthMutationLimit(t *testing.T) {
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
		{"self-referencing fragment", `mutation { ...F } fragment F on Mutation { a: verifyOtp(input: {}) { attemptsLeft } ...F }`, false},
		{"query", `query { a: viewer { citizen { id } } b: viewer { citizen { id } } }`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := parser.ParseQuery(&ast.Source{Input: tc.query})
			if err != nil {
				t.Fatal(err)
			}
			oc := &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0]}
			gerr := AuthMutationLimit{}.MutateOperationContext(context.Background(), oc)
			if (gerr != nil) != tc.refused {
				t.Fatalf("refused = %v, want %v", gerr, tc.refused)
			}
			if gerr != nil && gerr.Extensions["code"] != "QUERY_TOO_COMPLEX" {
				t.Fatalf("code %v", gerr.Extensions["code"])
			}
		})
	}
}
