package apitest

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"testing"
)

// Upload sends a GraphQL multipart request (the multipart request spec):
// the operation with variables, and content as the file of the variable
// fileVar (its value in variables is set to null as the spec wants).
func (s *Server) Upload(t testing.TB, token, query string, variables map[string]any, fileVar, fileName string, content []byte) *Response {
	t.Helper()
	return s.Send(t, s.UploadRequest(t, token, query, variables, fileVar, fileName, content))
}

// UploadRequest builds the request Upload sends (with the preflight
// header), for a test that needs to change it.
func (s *Server) UploadRequest(t testing.TB, token, query string, variables map[string]any, fileVar, fileName string, content []byte) *http.Request {
	t.Helper()
	vars := map[string]any{}
	for k, v := range variables {
		vars[k] = v
	}
	vars[fileVar] = nil
	ops, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("operations", string(ops))
	_ = mw.WriteField("map", `{"0": ["variables.`+fileVar+`"]}`)
	fw, err := mw.CreateFormFile("0", fileName)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(content)
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	hr, err := http.NewRequest(http.MethodPost, s.URL+"/graphql", &body)
	if err != nil {
		t.Fatal(err)
	}
	hr.Header.Set("Content-Type", mw.FormDataContentType())
	hr.Header.Set("GraphQL-Preflight", "1")
	if token != "" {
		hr.Header.Set("Authorization", "Bearer "+token)
	}
	return hr
}
