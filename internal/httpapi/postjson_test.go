package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// The portal's POST transport writes the bytes gqlgen's transport.POST
// writes (json.Marshal of the response) without re-encoding the data.
func TestPostJSONWritesWhatJSONMarshalWrites(t *testing.T) {
	t.Parallel()
	yes := true
	for _, resp := range []*graphql.Response{
		{Data: json.RawMessage(`{"services":{"totalCount":2,"edges":[{"node":{"name":"Cấp lại thẻ BHYT"}}]}}`)},
		{Data: json.RawMessage(`{"a":"<script>&amp;</script>","b":"line\u2028sep\u2029x","c":"\u2027\u202a"}`)},
		{Data: json.RawMessage(`{"a":"` + "\u2028\u2029<>&" + `"}`)},
		{Data: json.RawMessage(`{}`)},
		{Data: json.RawMessage(`null`)},
		{},
		{Data: json.RawMessage(`{"a":1}`), Extensions: map[string]any{"x": "<y>"}},
		{Data: json.RawMessage(`{"a":1}`), HasNext: &yes},
	} {
		want, err := json.Marshal(resp)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		writeResponse(&got, resp)
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("writeResponse(%s):\n got %s\nwant %s", resp.Data, got.Bytes(), want)
		}
	}
}

// The accept header decides, as in transport.POST, whether the answer is
// application/json or graphql-response+json (postJSON writes both).
func TestResponseType(t *testing.T) {
	t.Parallel()
	for accept, wantJSON := range map[string]bool{
		"": true, "*/*": true, "application/json": true, "application/*": true,
		"application/json, */*;q=0.5":                         true,
		"application/graphql-response+json":                   false,
		"application/graphql-response+json, application/json": false,
		"text/html":               false,
		"text/html, */*":          true,
		"bad;;, application/json": true,
	} {
		want := graphQLResponseJSON
		if wantJSON {
			want = applicationJSON
		}
		if got := responseType(accept); got != want {
			t.Errorf("responseType(%q) = %q, want %q", accept, got, want)
		}
	}
}

// stubExecutor answers every operation with resp, or fails to create the
// operation with opErr.
type stubExecutor struct {
	resp  *graphql.Response
	opErr gqlerror.List
}

func (e stubExecutor) CreateOperationContext(ctx context.Context, p *graphql.RawParams) (*graphql.OperationContext, gqlerror.List) {
	if e.opErr != nil {
		return nil, e.opErr
	}
	return &graphql.OperationContext{RawQuery: p.Query}, nil
}

func (e stubExecutor) DispatchOperation(ctx context.Context, rc *graphql.OperationContext) (graphql.ResponseHandler, context.Context) {
	return func(context.Context) *graphql.Response { return e.resp }, ctx
}

func (e stubExecutor) DispatchError(ctx context.Context, list gqlerror.List) *graphql.Response {
	return &graphql.Response{Errors: list}
}

// For every Accept header and outcome, postJSON answers with the status,
// Content-Type and bytes of gqlgen's transport.POST.
func TestPostJSONAnswersAsTransportPOST(t *testing.T) {
	t.Parallel()
	protocol := gqlerror.List{gqlerror.Errorf("bad query")}
	errcode.Set(protocol[0], errcode.ValidationFailed)
	executors := map[string]stubExecutor{
		"data":           {resp: &graphql.Response{Data: json.RawMessage(`{"captcha":{"image":"data:image/png;base64,iVBO<&>"}}`)}},
		"errors":         {resp: &graphql.Response{Data: json.RawMessage(`null`), Errors: gqlerror.List{gqlerror.Errorf("boom")}}},
		"protocol error": {opErr: protocol},
		"other error":    {opErr: gqlerror.List{gqlerror.Errorf("not protocol")}},
	}
	for _, accept := range []string{"", "application/json", "application/graphql-response+json",
		"application/graphql-response+json, application/json", "text/html", "*/*"} {
		for name, exec := range executors {
			for _, body := range []string{`{"query":"{ a }"}`, `{not json`} {
				do := func(tr graphql.Transport) *httptest.ResponseRecorder {
					r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
					r.Header.Set("Content-Type", "application/json")
					if accept != "" {
						r.Header.Set("Accept", accept)
					}
					w := httptest.NewRecorder()
					tr.Do(w, r, exec)
					return w
				}
				got, want := do(postJSON{}), do(transport.POST{})
				if got.Code != want.Code || got.Header().Get("Content-Type") != want.Header().Get("Content-Type") ||
					!bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) {
					t.Errorf("Accept %q, %s, body %s:\n got %d %q %s\nwant %d %q %s", accept, name, body,
						got.Code, got.Header().Get("Content-Type"), got.Body.Bytes(),
						want.Code, want.Header().Get("Content-Type"), want.Body.Bytes())
				}
			}
		}
	}
}

// No extension of the server intercepts fields: the plain fields of the
// catalogue types are marshalled without the field middleware chain
// (internal/tools/gqlgenerate/direct.go), which an interceptor would miss.
func TestNoFieldMiddleware(t *testing.T) {
	t.Parallel()
	for _, introspection := range []bool{false, true} {
		a := &API{cfg: Config{Introspection: introspection}}
		for _, ext := range a.extensions() {
			if _, ok := ext.(graphql.FieldInterceptor); ok {
				t.Errorf("extension %s intercepts fields: the direct fields of internal/tools/gqlgenerate would bypass it", ext.ExtensionName())
			}
		}
	}
}
