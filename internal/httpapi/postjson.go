package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/dvcportal/dvcportal/internal/respbuf"
)

// postJSON is gqlgen's POST transport (transport.POST) with one change: a
// response that is only data is written as {"data":…} around the bytes the
// executor produced, instead of through json.Marshal, which re-scans and
// compacts the whole (already compact) answer: a fifth of the CPU of an
// uncached catalogue page, and of a submission (createCaptcha's answer is
// 70 KB). The bytes are the same as json.Marshal's: the data's <, >, & and
// U+2028/U+2029 are escaped as encoding/json escapes them
// (TestPostJSONWritesWhatJSONMarshalWrites). Any other response (errors,
// extensions, incremental delivery) still goes through json.Marshal. The
// Content-Type (application/json or application/graphql-response+json, as
// the Accept header asks) and the status of a refused request are
// transport.POST's (TestPostJSONAnswersAsTransportPOST).
type postJSON struct {
	transport.POST
}

var _ graphql.Transport = postJSON{}

// Do serves one POST request.
func (t postJSON) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	contentType := responseType(r.Header.Get("Accept"))
	w.Header().Add("Content-Type", contentType)
	start := graphql.Now()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeResponse(w, exec.DispatchError(ctx, gqlerror.List{gqlerror.Errorf("could not read request body: %+v", err)}))
		return
	}
	params := &graphql.RawParams{}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(params); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		writeResponse(w, exec.DispatchError(ctx, gqlerror.List{gqlerror.Errorf(
			"json request body could not be decoded: %+v body:%s", err, string(body))}))
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	rc, opErr := exec.CreateOperationContext(ctx, params)
	if opErr != nil {
		switch {
		case errcode.GetErrorKind(opErr) != errcode.KindProtocol:
			w.WriteHeader(http.StatusOK)
		case contentType == contentTypeGraphQLResponse:
			w.WriteHeader(http.StatusBadRequest)
		default:
			w.WriteHeader(http.StatusUnprocessableEntity)
		}
		writeResponse(w, exec.DispatchError(graphql.WithOperationContext(ctx, rc), opErr))
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, rc)
	// The executor writes the data into a pooled buffer (internal/respbuf),
	// which is free again once the answer is written.
	buf := respbuf.Get()
	writeResponse(w, responses(respbuf.With(ctx, buf)))
	respbuf.Put(buf)
}

// The two response types transport.POST answers with.
const (
	contentTypeJSON            = "application/json"
	contentTypeGraphQLResponse = "application/graphql-response+json"
)

// responseType is the Content-Type transport.POST answers a request with
// this Accept header with: application/json for none, */*, application/*
// or application/json, whichever of the two the first known part names,
// else application/graphql-response+json.
func responseType(accept string) string {
	if accept == "" {
		return contentTypeJSON
	}
	for part := range strings.SplitSeq(accept, ",") {
		mediaType, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mediaType {
		case "*/*", "application/*", contentTypeJSON:
			return contentTypeJSON
		case contentTypeGraphQLResponse:
			return contentTypeGraphQLResponse
		}
	}
	return contentTypeGraphQLResponse
}

var (
	dataOpen  = []byte(`{"data":`)
	dataClose = []byte(`}`)
)

// writeResponse writes resp as transport.POST does (json.Marshal), without
// re-encoding the data when the response is only data, which it writes at
// once with its length (no chunked encoding; the response cache sizes its
// copy once).
func writeResponse(w http.ResponseWriter, resp *graphql.Response) {
	if len(resp.Errors) > 0 || len(resp.Data) == 0 || resp.Label != "" || resp.Path != nil ||
		resp.HasNext != nil || len(resp.Extensions) > 0 {
		b, err := json.Marshal(resp)
		if err != nil {
			panic(fmt.Errorf("unable to marshal a GraphQL response: %w", err))
		}
		w.Write(b)
		return
	}
	// One write of the whole answer, with its length: no chunk framing,
	// and no trailing piece left in net/http's buffer for a last flush.
	out := respbuf.Get()
	defer respbuf.Put(out)
	out.Grow(len(dataOpen) + len(resp.Data) + len(dataClose))
	out.Write(dataOpen)
	writeHTMLEscaped(out, resp.Data)
	out.Write(dataClose)
	w.Header().Set("Content-Length", strconv.Itoa(out.Len()))
	w.Write(out.Bytes())
}

// writeHTMLEscaped writes compact JSON b with <, >, &, U+2028 and U+2029
// escaped as encoding/json escapes them (they can only occur in strings).
// It finds them with bytes.IndexByte (vectorised): an answer of 70 KB of
// base64 (createCaptcha's picture and sound) has none, and a byte-by-byte
// loop over it cost as much as the rest of the transport.
func writeHTMLEscaped(w io.Writer, b []byte) {
	const hex = "0123456789abcdef"
	for {
		i := nextHTMLSpecial(b)
		if i < 0 {
			w.Write(b)
			return
		}
		switch c := b[i]; {
		case c == '<' || c == '>' || c == '&':
			w.Write(b[:i])
			w.Write([]byte{'\\', 'u', '0', '0', hex[c>>4], hex[c&0xF]})
			b = b[i+1:]
		case i+2 < len(b) && b[i+1] == 0x80 && b[i+2]&^1 == 0xA8: // 0xE2: U+2028 or U+2029
			w.Write(b[:i])
			w.Write([]byte{'\\', 'u', '2', '0', '2', hex[b[i+2]&0xF]})
			b = b[i+3:]
		default: // 0xE2 starting another character
			w.Write(b[:i+1])
			b = b[i+1:]
		}
	}
}

// nextHTMLSpecial is the index of the first <, >, & or 0xE2 (the first byte
// of U+2028 and U+2029) in b, -1 when there is none.
func nextHTMLSpecial(b []byte) int {
	n := -1
	for _, c := range [...]byte{'<', '>', '&', 0xE2} {
		if i := bytes.IndexByte(b, c); i >= 0 {
			n, b = i, b[:i] // later bytes need only look before it
		}
	}
	return n
}
