package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// authMutations are the mutations that check a secret (a password, a
// captcha, an OTP) or send an SMS. DESIGN.md §7: at most one of them per
// request, whatever the aliases, so that one HTTP request cannot carry 50
// OTP guesses.
var authMutations = map[string]bool{
	"startLogin":      true,
	"verifyOtp":       true,
	"resendOtp":       true,
	"registerCitizen": true,
}

// AuthMutationLimit is a gqlgen extension that refuses, before anything
// executes, an operation selecting more than one authentication mutation
// (counting aliases and fragments).
type AuthMutationLimit struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = AuthMutationLimit{}

// ExtensionName implements graphql.HandlerExtension.
func (AuthMutationLimit) ExtensionName() string { return "AuthMutationLimit" }

// Validate implements graphql.HandlerExtension.
func (AuthMutationLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (AuthMutationLimit) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	op := oc.Operation
	if op == nil || op.Operation != ast.Mutation {
		return nil
	}
	if n := countAuthMutations(op.SelectionSet, oc.Doc, map[string]bool{}); n > 1 {
		err := gqlerror.Errorf("at most one authentication mutation (startLogin, verifyOtp, resendOtp, registerCitizen) per request; this one has %d", n)
		err.Extensions = map[string]any{"code": "QUERY_TOO_COMPLEX"}
		return err
	}
	return nil
}

// countAuthMutations counts the root fields of set that are authentication
// mutations, looking through inline fragments and fragment spreads (each
// named fragment once, so a cycle cannot loop).
func countAuthMutations(set ast.SelectionSet, doc *ast.QueryDocument, seen map[string]bool) int {
	n := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if authMutations[s.Name] {
				n++
			}
		case *ast.InlineFragment:
			n += countAuthMutations(s.SelectionSet, doc, seen)
		case *ast.FragmentSpread:
			if seen[s.Name] || doc == nil {
				continue
			}
			seen[s.Name] = true
			if f := doc.Fragments.ForName(s.Name); f != nil {
				n += countAuthMutations(f.SelectionSet, doc, seen)
			}
		}
	}
	return n
}
