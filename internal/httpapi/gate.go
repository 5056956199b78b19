package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/dvcportal/dvcportal/internal/apperr"
)

// graphqlGate enforces the transport rules before gqlgen sees a request:
// GET or POST only, JSON bodies only (415 otherwise), at most 1 MiB (413), a
// single JSON object (no array batching, 400 for malformed JSON). A refused
// request reaches no resolver and no database. A multipart request (file
// uploads) goes through multipartGate instead, when maxUpload > 0.
func graphqlGate(next http.Handler, maxUpload int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet:
			next.ServeHTTP(&jsonStatus{ResponseWriter: w, get: true}, r)
			return
		case http.MethodPost:
		default:
			w.Header().Set("Allow", "GET, POST")
			writeGraphQLError(w, r, http.StatusMethodNotAllowed, apperr.BadUserInput, "use GET or POST")
			return
		}
		mt, err := mediaType(r.Header.Get("Content-Type"))
		if err == nil && mt == "multipart/form-data" && maxUpload > 0 {
			multipartGate(next, w, r, maxUpload)
			return
		}
		if err != nil || mt != "application/json" {
			writeGraphQLError(w, r, http.StatusUnsupportedMediaType, apperr.BadUserInput, "Content-Type must be application/json")
			return
		}
		body, err := readBody(r)
		if err != nil {
			writeGraphQLError(w, r, http.StatusBadRequest, apperr.BadUserInput, "could not read the request body")
			return
		}
		if len(body) > MaxRequestBytes {
			writeGraphQLError(w, r, http.StatusRequestEntityTooLarge, apperr.BadUserInput, fmt.Sprintf("request body larger than %d bytes", MaxRequestBytes))
			return
		}
		// Only the shape is checked here; malformed JSON inside the object is
		// refused by the decoder with the same 400.
		trimmed := bytes.TrimSpace(body)
		if len(trimmed) == 0 || trimmed[0] != '{' {
			writeGraphQLError(w, r, http.StatusBadRequest, apperr.BadUserInput, "the body must be one JSON object {\"query\": ..., \"variables\": ...} (no batching)")
			return
		}
		bb := &bufferedBody{bytes: body}
		bb.Reset(body)
		r.Body = bb
		r.ContentLength = int64(len(body))
		next.ServeHTTP(&jsonStatus{ResponseWriter: w}, r)
	})
}

// mediaType is the media type of a Content-Type value; the value clients
// send, exactly "application/json", is not parsed again at every request.
func mediaType(contentType string) (string, error) {
	if contentType == "application/json" {
		return contentType, nil
	}
	mt, _, err := mime.ParseMediaType(contentType)
	return mt, err
}

// readBody reads at most MaxRequestBytes+1 bytes of r's body: in one
// allocation of its size when the request says its length and it is within
// the bound (net/http's body then ends there), otherwise up to the bound.
func readBody(r *http.Request) ([]byte, error) {
	if n := r.ContentLength; n >= 0 && n <= MaxRequestBytes {
		body := make([]byte, n)
		if _, err := io.ReadFull(r.Body, body); err != nil {
			return nil, err
		}
		return body, nil
	}
	return io.ReadAll(io.LimitReader(r.Body, MaxRequestBytes+1))
}

// bufferedBody is a request body already read (and bounded) by graphqlGate;
// later handlers get its bytes without reading it again.
type bufferedBody struct {
	bytes.Reader // over bytes
	bytes        []byte
}

func (*bufferedBody) Close() error { return nil }

// jsonStatus applies the GraphQL-over-HTTP rules gqlgen does not: for an
// application/json response, a well-formed request that fails validation is
// answered 200 with errors (gqlgen says 422); for
// application/graphql-response+json, a request refused before execution
// (400) carries no "data" entry at all; a mutation sent with GET is 405
// Method Not Allowed with Allow: POST (gqlgen says 406, without a code).
type jsonStatus struct {
	http.ResponseWriter
	get           bool
	refused       bool
	methodRefused bool
	answered      bool
}

// getMutationRefused is the answer to a mutation sent with GET.
var getMutationRefused = []byte(`{"errors":[{"message":"a mutation must be sent with POST","extensions":{"code":"` + string(apperr.BadUserInput) + `"}}]}` + "\n")

func (j *jsonStatus) WriteHeader(code int) {
	ct := j.Header().Get("Content-Type")
	if code == http.StatusUnprocessableEntity && strings.HasPrefix(ct, "application/json") {
		code = http.StatusOK
	}
	if code == http.StatusNotAcceptable && j.get {
		// gqlgen's GET transport refuses a non-query operation with 406.
		j.Header().Set("Allow", "POST")
		j.Header().Del("Content-Length")
		j.methodRefused = true
		code = http.StatusMethodNotAllowed
	}
	j.refused = code == http.StatusBadRequest && strings.HasPrefix(ct, "application/graphql-response+json")
	j.ResponseWriter.WriteHeader(code)
}

func (j *jsonStatus) Write(b []byte) (int, error) {
	if j.methodRefused {
		// gqlgen's body is replaced by one with a code.
		if !j.answered {
			j.answered = true
			if _, err := j.ResponseWriter.Write(getMutationRefused); err != nil {
				return 0, err
			}
		}
		return len(b), nil
	}
	if j.refused {
		if trimmed, ok := bytes.CutSuffix(bytes.TrimRight(b, "\n"), []byte(`,"data":null}`)); ok {
			if _, err := j.ResponseWriter.Write(append(trimmed, '}')); err != nil {
				return 0, err
			}
			return len(b), nil
		}
	}
	return j.ResponseWriter.Write(b)
}

// Flush passes a flush through (http.ResponseController finds it).
func (j *jsonStatus) Flush() { flush(j.ResponseWriter) }

// Unwrap gives http.ResponseController the wrapped writer.
func (j *jsonStatus) Unwrap() http.ResponseWriter { return j.ResponseWriter }

func writeGraphQLError(w http.ResponseWriter, r *http.Request, status int, code apperr.Code, msg string) {
	ct := "application/json"
	if strings.Contains(r.Header.Get("Accept"), "application/graphql-response+json") {
		ct = "application/graphql-response+json"
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": string(code)}}},
	})
}

// multipartOverhead is what a multipart request may carry besides its file
// (the operations and map parts, boundaries).
const multipartOverhead = 1 << 20

// multipartGate admits a GraphQL multipart request (file uploads): it must
// carry a preflight header (a cross-site HTML form cannot send one, so no
// CSRF), and its body may exceed the JSON limit by the upload limit only:
// 413 before reading when Content-Length says more, and the read is cut
// there anyway.
func multipartGate(next http.Handler, w http.ResponseWriter, r *http.Request, maxUpload int64) {
	if r.Header.Get("GraphQL-Preflight") == "" && r.Header.Get("Apollo-Require-Preflight") == "" && r.Header.Get("X-Apollo-Operation-Name") == "" {
		writeGraphQLError(w, r, http.StatusBadRequest, apperr.BadUserInput,
			"multipart requests need a GraphQL-Preflight (or Apollo-Require-Preflight) header")
		return
	}
	limit := maxUpload + multipartOverhead
	if r.ContentLength > limit {
		writeGraphQLError(w, r, http.StatusRequestEntityTooLarge, apperr.BadUserInput, fmt.Sprintf("request body larger than %d bytes", limit))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	next.ServeHTTP(&jsonStatus{ResponseWriter: w}, r)
}
