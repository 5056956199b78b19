package httpapi

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
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
		{Data: json.RawMessage(`{"a":"` + strings.Repeat("Thủ tục – cấp lại", 1000) + "\u2028" + `"}`)},
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

// The accept header decides, as in transport.POST, whether the answer is
// application/json (postJSON writes it) or graphql-response+json
// (transport.POST does).
func TestAcceptsJSON(t *testing.T) {
	t.Parallel()
	for accept, want := range map[string]bool{
		"": true, "*/*": true, "application/json": true, "application/*": true,
		"application/json, */*;q=0.5":                         true,
		"application/graphql-response+json":                   false,
		"application/graphql-response+json, application/json": false,
		"text/html":               false,
		"text/html, */*":          true,
		"bad;;, application/json": true,
	} {
		if got := acceptsJSON(accept); got != want {
			t.Errorf("acceptsJSON(%q) = %v, want %v", accept, got, want)
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
