package httpapi

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/validator/core"
	"github.com/vektah/gqlparser/v2/validator/rules"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/reqmeta"
)

// newGraphQLServer builds the gqlgen server with the portal's transports,
// caches, limits, error presenter and recover function.
func (a *API) newGraphQLServer() *handler.Server {
	srv := handler.New(complexitySchema{a.cfg.Schema})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(postJSON{})
	if a.cfg.MaxUploadBytes > 0 {
		// File uploads (GraphQL multipart request spec); the gate bounds
		// the body, files above 32 MiB go to temporary files.
		srv.AddTransport(transport.MultipartForm{MaxUploadSize: a.cfg.MaxUploadBytes + multipartOverhead, MaxMemory: 32 << 20})
	}
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(ParserTokenLimit)
	srv.SetDisableSuggestion(a.cfg.Production)
	if a.cfg.Production {
		srv.SetValidationRulesFn(rulesWithoutSuggestions)
	}
	for _, ext := range a.extensions() {
		srv.Use(ext)
	}
	srv.AroundOperations(a.metrics.aroundOperation)
	srv.SetErrorPresenter(a.presentError)
	srv.SetRecoverFunc(a.recoverPanic)
	return srv
}

// extensions are the gqlgen extensions of the server, in order. None of
// them is a graphql.FieldInterceptor (and the server has no AroundFields):
// the plain fields of the catalogue types are marshalled without the field
// middleware chain (internal/tools/gqlgenerate/direct.go), so a field
// interceptor would not see them. TestNoFieldMiddleware keeps it so.
func (a *API) extensions() []graphql.HandlerExtension {
	var intro graphql.HandlerExtension = introspectionOff{a.log}
	if a.cfg.Introspection {
		intro = extension.Introspection{}
	}
	return []graphql.HandlerExtension{
		intro,
		newPersistedQueries(),
		shapeLimit{},
		authAttemptLimit{a.rules},
		&entitiesLimit{log: a.log},
		&strictVariables{},
		&complexityLimit{limit: MaxComplexity},
	}
}

// presentError maps every error to a client-safe GraphQL error with
// extensions.code. Domain errors keep their code and message; gqlgen's own
// parse/validation errors become BAD_USER_INPUT (or QUERY_TOO_COMPLEX); any
// other error is logged with the request ID and answered as INTERNAL, so no
// database or internal message reaches a client.
func (a *API) presentError(ctx context.Context, err error) *gqlerror.Error {
	var gqlErr *gqlerror.Error
	if !errors.As(err, &gqlErr) {
		gqlErr = gqlerror.WrapPath(graphql.GetPath(ctx), err)
	}
	var ae *apperr.Error
	if errors.As(err, &ae) {
		out := &gqlerror.Error{Message: ae.Message, Path: gqlErr.Path, Locations: gqlErr.Locations,
			Extensions: map[string]any{"code": string(ae.Code)}}
		if ae.Code == apperr.RateLimited {
			out.Extensions["retryAfterSeconds"] = int((ae.RetryAfter + time.Second - 1) / time.Second)
		}
		return out
	}
	if gqlErr.Err == nil {
		// Produced by gqlgen/gqlparser itself: parsing, validation, limits.
		code, _ := gqlErr.Extensions["code"].(string)
		switch code {
		case string(apperr.QueryTooComplex), "COMPLEXITY_LIMIT_EXCEEDED":
			code = string(apperr.QueryTooComplex)
		case "PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_SUPPORTED":
			// Apollo clients look for these exact codes to resend the query.
		case string(apperr.Forbidden):
		default:
			code = string(apperr.BadUserInput)
		}
		out := *gqlErr
		if a.cfg.Production {
			out.Message = withoutSuggestion(out.Message)
		}
		if strings.HasPrefix(out.Message, "json request body could not be decoded") {
			// gqlgen appends the whole body; never echo a request back.
			out.Message = "the request body is not a GraphQL request object"
		}
		out.Extensions = map[string]any{"code": code}
		return &out
	}
	var ue *apperr.ValidationError
	if errors.As(err, &ue) {
		return &gqlerror.Error{Message: ue.Error(), Path: gqlErr.Path, Extensions: map[string]any{"code": string(apperr.BadUserInput)}}
	}
	a.log.ErrorContext(ctx, "resolver error", "request_id", reqmeta.FromContext(ctx).RequestID,
		"path", gqlErr.Path.String(), "error", err.Error())
	return &gqlerror.Error{Message: "internal error", Path: gqlErr.Path, Locations: gqlErr.Locations,
		Extensions: map[string]any{"code": string(apperr.Internal), "requestId": reqmeta.FromContext(ctx).RequestID}}
}

// rulesWithoutSuggestions is gqlparser's rule set with every rule that
// suggests schema names ("Did you mean ...") swapped for its variant that
// does not: production does not teach strangers the schema it hides by
// turning introspection off.
func rulesWithoutSuggestions() *rules.Rules {
	r := rules.NewDefaultRules()
	for _, rule := range []core.Rule{
		rules.FieldsOnCorrectTypeRuleWithoutSuggestions,
		rules.ScalarLeafsRuleWithoutSuggestions,
		rules.KnownArgumentNamesRuleWithoutSuggestions,
		rules.KnownTypeNamesRuleWithoutSuggestions,
		rules.ValuesOfCorrectTypeRuleWithoutSuggestions,
	} {
		r.RemoveRule(strings.TrimSuffix(rule.Name, "WithoutSuggestions"))
		r.AddRule(rule.Name, rule.RuleFunc)
	}
	return r
}

// withoutSuggestion cuts a "Did you mean ...?" suggestion off a message: the
// net under rulesWithoutSuggestions for any rule added later.
func withoutSuggestion(msg string) string {
	if i := strings.Index(msg, " Did you mean"); i >= 0 {
		return strings.TrimRight(msg[:i], " ")
	}
	return msg
}

// recoverPanic logs a resolver panic with its stack and the request ID and
// answers INTERNAL.
func (a *API) recoverPanic(ctx context.Context, p any) error {
	a.log.ErrorContext(ctx, "panic in resolver", "request_id", reqmeta.FromContext(ctx).RequestID,
		"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
	a.metrics.panics.Inc()
	return apperr.New(apperr.Internal, "internal error")
}
