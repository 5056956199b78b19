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
// uncached catalogue page. The bytes are the same as json.Marshal's: the
// data's <, >, & and U+2028/U+2029 are escaped as encoding/json escapes
// them (TestPostJSONWritesWhatJSONMarshalWrites). Any other response
// (errors, extensions, incremental delivery) still goes through
// json.Marshal, and a request asking for a response type other than
// application/json is left to transport.POST as it is.
type postJSON struct {
	transport.POST
}

var _ graphql.Transport = postJSON{}

// Do serves one POST request.
func (t postJSON) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	if !acceptsJSON(r.Header.Get("Accept")) {
		t.POST.Do(w, r, exec)
		return
	}
	ctx := r.Context()
	w.Header().Add("Content-Type", "application/json")
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
		if errcode.GetErrorKind(opErr) == errcode.KindProtocol {
			w.WriteHeader(http.StatusUnprocessableEntity)
		} else {
			w.WriteHeader(http.StatusOK)
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

// acceptsJSON reports whether transport.POST would answer a request with
// this Accept header as application/json (its default, not
// application/graphql-response+json).
func acceptsJSON(accept string) bool {
	if accept == "" {
		return true
	}
	for part := range strings.SplitSeq(accept, ",") {
		mediaType, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mediaType {
		case "*/*", "application/*", "application/json":
			return true
		case "application/graphql-response+json":
			return false
		}
	}
	return false
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
	if needsHTMLEscape(resp.Data) {
		writeHTMLEscaped(out, resp.Data)
	} else {
		out.Write(resp.Data)
	}
	out.Write(dataClose)
	w.Header().Set("Content-Length", strconv.Itoa(out.Len()))
	w.Write(out.Bytes())
}

// needsHTMLEscape reports whether b holds a byte writeHTMLEscaped would
// escape (<, >, &) or the lead byte of U+2028/U+2029 (0xE2, also that of
// other characters from U+2000 to U+2FFF): one vectorised scan per byte,
// where most answers have none.
func needsHTMLEscape(b []byte) bool {
	return bytes.IndexByte(b, '<') >= 0 || bytes.IndexByte(b, '>') >= 0 ||
		bytes.IndexByte(b, '&') >= 0 || bytes.IndexByte(b, 0xE2) >= 0
}

// writeHTMLEscaped writes compact JSON b with <, >, &, U+2028 and U+2029
// escaped as encoding/json escapes them (they can only occur in strings).
func writeHTMLEscaped(w *bytes.Buffer, b []byte) {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '<' || c == '>' || c == '&':
			w.Write(b[start:i])
			w.Write([]byte{'\\', 'u', '0', '0', hex[c>>4], hex[c&0xF]})
			start = i + 1
		case c == 0xE2 && i+2 < len(b) && b[i+1] == 0x80 && b[i+2]&^1 == 0xA8:
			w.Write(b[start:i])
			w.Write([]byte{'\\', 'u', '2', '0', '2', hex[b[i+2]&0xF]})
			i += 2
			start = i + 1
		}
	}
	w.Write(b[start:])
}
