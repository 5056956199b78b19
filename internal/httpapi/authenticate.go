package httpapi

import (
	"errors"
	"net/http"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/reqmeta"
)

// authenticate turns the bearer token into the request's actor before next
// runs. It runs only for requests that may read the actor: a query whose
// root fields are all @publicCache is answered without it (respcache.go),
// so public browsing costs no session lookup whoever asks.
//
// The session's idle timer is therefore refreshed by the requests that
// reach a non-public field (the session lookup touches last_seen_at at most
// once a minute): a citizen's portal pages always read something of their
// own (viewer, applications), and reading only public reference data is
// not activity of the session.
//
// A token the authenticator does not know leaves the request anonymous; a
// lookup that fails (database down) is answered 503 with Retry-After, never
// as if anonymous, or clients drop a valid session.
func (a *API) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok, ok := bearer(r)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		ctx := r.Context()
		actor, err := a.cfg.Authenticator.Authenticate(ctx, tok)
		switch {
		case err == nil:
			next.ServeHTTP(w, r.WithContext(auth.WithActor(ctx, actor)))
		case errors.Is(err, auth.ErrInvalidToken):
			next.ServeHTTP(w, r)
		default:
			a.log.ErrorContext(ctx, "authenticate", "request_id", reqmeta.FromContext(ctx).RequestID, "error", err.Error())
			w.Header().Set("Retry-After", "2")
			writeGraphQLError(w, r, http.StatusServiceUnavailable, apperr.Internal, "temporarily unavailable, retry shortly")
		}
	})
}
