package httpapi

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/testserver"
	"github.com/99designs/gqlgen/graphql/handler/transport"
)

// The portal's POST transport writes the bytes gqlgen's transport.POST
// writes (json.Marshal of the response) without re-encoding the data.
func TestPostJSONWritesWhatJSONMarshalWrites(t *testing.T) {
	t.Parallel()
	yes := true
	resps := []*graphql.Response{
		{Data: json.RawMessage(`{"services":{"totalCount":2,"edges":[{"node":{"name":"Cấp lại thẻ BHYT"}}]}}`)},
		{Data: json.RawMessage(`{"a":"<script>&amp;</script>","b":"line\u2028sep\u2029x","c":"\u2027\u202a"}`)},
		{Data: json.RawMessage(`{"a":"` + "\u2028\u2029<>&" + `"}`)},
		{Data: json.RawMessage(`{"a":"` + strings.Repeat("Thủ tục – cấp lại", 1000) + "\u2028" + `"}`)},
		{Data: json.RawMessage(`{}`)},
		{Data: json.RawMessage(`null`)},
		{},
		{Data: json.RawMessage(`{"a":1}`), Extensions: map[string]any{"x": "<y>"}},
		{Data: json.RawMessage(`{"a":1}`), HasNext: &yes},
		{Data: json.RawMessage(`{"u":"data:image/png;base64,` + strings.Repeat("iVBORw0KGgo+/=", 5000) + `"}`)},
	}
	// Compact JSON as the executor writes it (no HTML escaping) of the
	// characters that are escaped, their neighbours (U+2027 and U+202A
	// share the first byte) and ordinary text, in many mixes, so each
	// lookup of the next special byte is exercised.
	alphabet := []string{"<", ">", "&", "\u2028", "\u2029", "\u2027", "\u202a", "ấ", "a", "Ω", `\"`, "+/="}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		var sb strings.Builder
		sb.WriteString(`{"s":"`)
		for range rng.IntN(12) {
			sb.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		sb.WriteString(`"}`)
		resps = append(resps, &graphql.Response{Data: json.RawMessage(sb.String())})
	}
	for _, resp := range resps {
		want, err := json.Marshal(resp)
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		writeResponse(rec, resp)
		if got := rec.Body.Bytes(); !bytes.Equal(got, want) {
			t.Errorf("writeResponse(%s):\n got %s\nwant %s", resp.Data, got, want)
		}
		if n := rec.Header().Get("Content-Length"); n != "" && n != strconv.Itoa(len(want)) {
			t.Errorf("writeResponse(%s): Content-Length %s, want %d", resp.Data, n, len(want))
		}
	}
}

// postJSON answers every request exactly as gqlgen's transport.POST does:
// the same status, Content-Type and bytes, whichever response type the
// Accept header asks for (the load tool and GraphQL clients ask for
// application/graphql-response+json first), for an answer with data, a
// syntax error, a validation error, an unknown operation and a body that
// is not JSON.
func TestPostJSONAnswersAsTransportPOST(t *testing.T) {
	t.Parallel()
	serve := func(tr graphql.Transport, accept, body string) *httptest.ResponseRecorder {
		srv := testserver.New()
		srv.AddTransport(tr)
		r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		if accept != "" {
			r.Header.Set("Accept", accept)
		}
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		return w
	}
	accepts := []string{
		"", "*/*", "application/json", "application/*", "application/json, */*;q=0.5",
		"application/graphql-response+json", "application/graphql-response+json, application/json",
		"text/html", "text/html, */*", "bad;;, application/json",
	}
	bodies := []string{
		`{"query":"{ name }"}`,
		`{"query":"{ name "}`,
		`{"query":"{ nope }"}`,
		`{"query":"query A { name } query B { name }","operationName":"C"}`,
		`{"query":`,
	}
	for _, accept := range accepts {
		for _, body := range bodies {
			got, want := serve(postJSON{}, accept, body), serve(transport.POST{}, accept, body)
			if got.Code != want.Code || got.Header().Get("Content-Type") != want.Header().Get("Content-Type") ||
				!bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) {
				t.Errorf("Accept %q, body %s:\n got %d %s %s\nwant %d %s %s", accept, body,
					got.Code, got.Header().Get("Content-Type"), got.Body, want.Code, want.Header().Get("Content-Type"), want.Body)
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
