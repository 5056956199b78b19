package e2e_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
)

const searchQuery = `query Search($s: String) { services(first: 5, filter: { search: $s }) { totalCount edges { node { code name } } } }`

// TestResponseCache: anonymous public queries are served from memory, keyed by
// variables and language; callers with a token are never served from it; a
// publish in another process invalidates it; GET answers carry an ETag.
func TestResponseCache(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	other := apitest.NewOnDB(t, srv.DB)
	vars := map[string]any{"s": "cong to thong minh"}

	first := srv.Do(t, apitest.Request{Query: searchQuery, Variables: vars}).MustOK(t)
	second := srv.Do(t, apitest.Request{Query: searchQuery, Variables: vars}).MustOK(t)
	if second.Header.Get("X-Cache") != "hit" || !bytes.Equal(first.Body, second.Body) {
		t.Fatalf("second identical anonymous query: X-Cache=%q, same body %v", second.Header.Get("X-Cache"), bytes.Equal(first.Body, second.Body))
	}
	en := srv.Do(t, apitest.Request{Query: searchQuery, Variables: vars, Headers: map[string]string{"Accept-Language": "en"}}).MustOK(t)
	if en.Header.Get("X-Cache") == "hit" {
		t.Fatal("an English request was served the Vietnamese cached answer")
	}
	withToken := srv.Do(t, apitest.Request{Query: searchQuery, Variables: vars, Token: "dvcs_whatever"}).MustOK(t)
	if withToken.Header.Get("X-Cache") == "hit" {
		t.Fatal("a request with a token was served from the anonymous cache")
	}
	viewer := `{ viewer { citizen { id } } provinces { code } }`
	srv.Do(t, apitest.Request{Query: viewer})
	if resp := srv.Do(t, apitest.Request{Query: viewer}); resp.Header.Get("X-Cache") == "hit" {
		t.Fatal("a query with a private root field was cached")
	}

	// Publish a new matching service through the other process.
	evn := other.AgencyKey(t, "EVN")
	other.Do(t, apitest.Request{Query: upsertServiceDraftMutation, Variables: map[string]any{"input": partnerService("EVN-CACHE-TEST")}, Token: evn}).MustOK(t)
	other.Do(t, apitest.Request{Query: publishServiceMutation, Variables: map[string]any{"input": map[string]any{"code": "EVN-CACHE-TEST"}}, Token: evn}).MustOK(t)
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp := srv.Do(t, apitest.Request{Query: searchQuery, Variables: vars}).MustOK(t)
		if strings.Contains(string(resp.Body), "EVN-CACHE-TEST") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the cached answer did not change within 10s of a publish in another process: %s", resp.Body)
		}
		time.Sleep(200 * time.Millisecond)
	}

	// GET: cacheable by browsers and CDNs, with an ETag and 304.
	q := url.Values{"query": {searchQuery}, "variables": {`{"s":"bhyt"}`}}
	get := func(etag string) *apitest.Response {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/graphql?"+q.Encode(), nil)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		return srv.Send(t, req)
	}
	get("")
	hit := get("")
	etag := hit.Header.Get("ETag")
	if hit.Status != 200 || etag == "" || !strings.HasPrefix(hit.Header.Get("Cache-Control"), "public, max-age=") {
		t.Fatalf("GET: %d etag=%q cache-control=%q", hit.Status, etag, hit.Header.Get("Cache-Control"))
	}
	if resp := get(etag); resp.Status != http.StatusNotModified {
		t.Fatalf("If-None-Match: status %d, want 304", resp.Status)
	}
}
