package e2e_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
)

const searchQuery = `query Search($s: String) { services(first: 5, filter: { search: $s }) { totalCount edges { node { code name } } } }`

// TestResponseCache: public queries are served from memory, keyed by
// variables and language, whoever asks (a token, even a garbage one, is no
// bypass); a query with a private root field is never cached; a publish in
// another process invalidates it; GET answers carry an ETag.
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
	// A hit says its length (as a static file does), not chunked.
	if got, want := second.Header.Get("Content-Length"), strconv.Itoa(len(second.Body)); got != want {
		t.Errorf("cached answer: Content-Length %q, want %q", got, want)
	}
	en := srv.Do(t, apitest.Request{Query: searchQuery, Variables: vars, Headers: map[string]string{"Accept-Language": "en"}}).MustOK(t)
	if en.Header.Get("X-Cache") == "hit" {
		t.Fatal("an English request was served the Vietnamese cached answer")
	}
	withToken := srv.Do(t, apitest.Request{Query: searchQuery, Variables: vars, Token: "dvcs_whatever"}).MustOK(t)
	if withToken.Header.Get("X-Cache") != "hit" || !bytes.Equal(withToken.Body, first.Body) {
		t.Fatalf("a public query with a garbage token: X-Cache=%q, same body %v; want the cached public answer",
			withToken.Header.Get("X-Cache"), bytes.Equal(withToken.Body, first.Body))
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

// TestPublicCacheForCitizens: a logged-in citizen's public query is served
// from the same cache as everyone's, and that answer carries nothing of the
// citizen; a private field in the same request still needs the session (and
// that request is neither cached nor served from the cache).
func TestPublicCacheForCitizens(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	p := apitest.Personas()[0]
	token := srv.Register(t, p)
	public := `{ provinces { code name } services(first: 3) { edges { node { code name } } } }`

	anon := srv.Do(t, apitest.Request{Query: public}).MustOK(t)
	citizen := srv.Do(t, apitest.Request{Query: public, Token: token}).MustOK(t)
	if citizen.Header.Get("X-Cache") != "hit" || !bytes.Equal(citizen.Body, anon.Body) {
		t.Fatalf("public query with a session: X-Cache=%q, same body as anonymous %v", citizen.Header.Get("X-Cache"), bytes.Equal(citizen.Body, anon.Body))
	}
	// Filled by the citizen first: the answer is still the anonymous one.
	fresh := `{ categories { code name } }`
	byCitizen := srv.Do(t, apitest.Request{Query: fresh, Token: token}).MustOK(t)
	byAnon := srv.Do(t, apitest.Request{Query: fresh}).MustOK(t)
	if byAnon.Header.Get("X-Cache") != "hit" || !bytes.Equal(byAnon.Body, byCitizen.Body) {
		t.Fatalf("anonymous after a citizen filled the entry: X-Cache=%q, same body %v", byAnon.Header.Get("X-Cache"), bytes.Equal(byAnon.Body, byCitizen.Body))
	}
	for _, resp := range []*apitest.Response{citizen, byCitizen, byAnon} {
		if strings.Contains(string(resp.Body), p.FullName) || strings.Contains(string(resp.Body), `"citizen"`) {
			t.Fatalf("a public answer carries private data: %s", resp.Body)
		}
	}

	mixed := `{ viewer { citizen { fullName } } provinces { code } }`
	for i := range 2 {
		withSession := srv.Do(t, apitest.Request{Query: mixed, Token: token}).MustOK(t)
		if withSession.Header.Get("X-Cache") == "hit" || !strings.Contains(string(withSession.Body), p.FullName) {
			t.Fatalf("private field with the session (round %d): X-Cache=%q body %s, want the citizen's name, not cached", i, withSession.Header.Get("X-Cache"), withSession.Body)
		}
		without := srv.Do(t, apitest.Request{Query: mixed})
		if without.Header.Get("X-Cache") == "hit" || strings.Contains(string(without.Body), p.FullName) {
			t.Fatalf("private field without a session (round %d): X-Cache=%q body %s", i, without.Header.Get("X-Cache"), without.Body)
		}
		garbage := srv.Do(t, apitest.Request{Query: mixed, Token: "dvcs_garbage"})
		if garbage.Header.Get("X-Cache") == "hit" || strings.Contains(string(garbage.Body), p.FullName) {
			t.Fatalf("private field with a garbage token (round %d): X-Cache=%q body %s", i, garbage.Header.Get("X-Cache"), garbage.Body)
		}
	}
}

// TestResponseCacheKeyIsCanonical: the same request spelled differently
// (whitespace, comments, variable key order, an extensions member, an
// undeclared variable, GET vs POST) is one cache entry; different variables or operation are not.
func TestResponseCacheKeyIsCanonical(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	post := func(body string) *apitest.Response {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		return srv.Send(t, req)
	}
	first := post(`{"query":"query S($s: String, $n: Int) { services(first: $n, filter: {search: $s}) { totalCount edges { node { code } } } }","variables":{"s":"bhyt","n":5}}`)
	if first.Status != 200 || first.Header.Get("X-Cache") == "hit" {
		t.Fatalf("first: %s X-Cache=%q", first, first.Header.Get("X-Cache"))
	}
	same := []string{
		`{"query":"query S($s: String, $n: Int) {\n  services(first: $n, filter: {search: $s}) {\n totalCount edges { node { code } } } }","variables":{"s":"bhyt","n":5}}`,
		`{"variables":{"n":5,"s":"bhyt"},"query":"query S($s: String, $n: Int) { services(first: $n, filter: {search: $s}) { totalCount edges { node { code } } } }"}`,
		`{"query":"# a comment\nquery S($s: String, $n: Int) { services(first: $n, filter: {search: $s}) { totalCount edges { node { code } } } }","variables":{"s":"bhyt","n":5},"extensions":{"x":1}}`,
	}
	for i, body := range same {
		resp := post(body)
		if resp.Header.Get("X-Cache") != "hit" || !bytes.Equal(resp.Body, first.Body) {
			t.Errorf("spelling %d: X-Cache=%q, same body %v; want a hit", i, resp.Header.Get("X-Cache"), bytes.Equal(resp.Body, first.Body))
		}
	}
	q := url.Values{"query": {"query S($s: String, $n: Int) { services(first: $n, filter: {search: $s}) { totalCount edges { node { code } } } }"}, "variables": {`{ "n": 5, "s": "bhyt" }`}}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/graphql?"+q.Encode(), nil)
	if resp := srv.Send(t, req); resp.Header.Get("X-Cache") != "hit" || !bytes.Equal(resp.Body, first.Body) {
		t.Errorf("GET spelling: X-Cache=%q; want a hit", resp.Header.Get("X-Cache"))
	}
	other := post(`{"query":"query S($s: String, $n: Int) { services(first: $n, filter: {search: $s}) { totalCount edges { node { code } } } }","variables":{"s":"bhyt","n":4}}`)
	if other.Header.Get("X-Cache") == "hit" {
		t.Errorf("other variables were served the cached answer")
	}
}

// TestPublicNodesAreCached: node(id:) and nodes(ids:) whose IDs are all of
// public catalogue types (literals or variables) are answered from the
// whole-response cache for everyone; one ID of a private type (a citizen)
// sends the request the private way, where it still needs the session, and
// a cached answer never carries private data.
func TestPublicNodesAreCached(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	p := apitest.Personas()[0]
	token := srv.Register(t, p)

	var page struct {
		Services struct {
			Edges []struct {
				Node struct{ ID, Code string }
			}
		}
		Agencies   []struct{ ID, Code string }
		Categories []struct{ ID, Code string }
	}
	srv.Do(t, apitest.Request{Query: `{ services(first: 2) { edges { node { id code } } } agencies { id code } categories { id code } }`}).MustOK(t).Decode(t, &page)
	if len(page.Services.Edges) < 2 || len(page.Agencies) == 0 || len(page.Categories) == 0 {
		t.Fatalf("catalogue too small for the test: %+v", page)
	}
	svc, svc2 := page.Services.Edges[0].Node, page.Services.Edges[1].Node
	var viewer struct {
		Viewer struct{ Citizen struct{ ID string } }
	}
	srv.Do(t, apitest.Request{Query: `{ viewer { citizen { id } } }`, Token: token}).MustOK(t).Decode(t, &viewer)
	citizenID := viewer.Viewer.Citizen.ID
	if citizenID == "" {
		t.Fatal("no citizen id")
	}

	const nodeFields = `id ... on Service { code name } ... on Agency { code } ... on Category { code } ... on Citizen { fullName }`
	public := []apitest.Request{
		{Query: `{ node(id: "` + svc.ID + `") { ` + nodeFields + ` } }`},
		{Query: `query N($id: ID!) { node(id: $id) { ` + nodeFields + ` } }`, Variables: map[string]any{"id": svc2.ID}},
		{Query: `query N($ids: [ID!]!) { nodes(ids: $ids) { ` + nodeFields + ` } services(first: 1) { totalCount } }`,
			Variables: map[string]any{"ids": []string{svc.ID, page.Agencies[0].ID, page.Categories[0].ID}}},
		{Query: `query N($a: ID! = "` + page.Agencies[0].ID + `") { a: node(id: $a) { id } b: nodes(ids: ["` + svc.ID + `", $a]) { id } }`},
	}
	for i, req := range public {
		first := srv.Do(t, req).MustOK(t)
		if !strings.Contains(string(first.Body), `"id":"`) {
			t.Fatalf("public node query %d: %s", i, first.Body)
		}
		for _, tok := range []string{"", token, "dvcs_garbage"} {
			again := req
			again.Token = tok
			resp := srv.Do(t, again).MustOK(t)
			if resp.Header.Get("X-Cache") != "hit" || !bytes.Equal(resp.Body, first.Body) {
				t.Errorf("public node query %d again (token %v): X-Cache=%q, same body %v; want the cached answer",
					i, tok != "", resp.Header.Get("X-Cache"), bytes.Equal(resp.Body, first.Body))
			}
		}
	}

	// A citizen's ID among public ones: the private path, every time.
	mixed := []apitest.Request{
		{Query: `query N($ids: [ID!]!) { nodes(ids: $ids) { ` + nodeFields + ` } }`, Variables: map[string]any{"ids": []string{svc.ID, citizenID}}},
		{Query: `query N($a: ID!, $b: ID!) { a: node(id: $a) { ` + nodeFields + ` } b: node(id: $b) { ` + nodeFields + ` } }`, Variables: map[string]any{"a": svc.ID, "b": citizenID}},
		{Query: `{ a: node(id: "` + svc.ID + `") { id } b: node(id: "` + citizenID + `") { ` + nodeFields + ` } }`},
	}
	for i, req := range mixed {
		for round := range 2 {
			req.Token = token
			withSession := srv.Do(t, req).MustOK(t)
			if withSession.Header.Get("X-Cache") == "hit" || !strings.Contains(string(withSession.Body), p.FullName) || !strings.Contains(string(withSession.Body), svc.ID) {
				t.Errorf("mixed node query %d round %d with the session: X-Cache=%q body %s; want the citizen and the service, not cached", i, round, withSession.Header.Get("X-Cache"), withSession.Body)
			}
			for _, tok := range []string{"", "dvcs_garbage"} {
				req.Token = tok
				resp := srv.Do(t, req)
				if resp.Header.Get("X-Cache") == "hit" || strings.Contains(string(resp.Body), p.FullName) || strings.Contains(string(resp.Body), citizenID) {
					t.Errorf("mixed node query %d round %d, token %q: X-Cache=%q body %s; want no citizen data, not cached", i, round, tok, resp.Header.Get("X-Cache"), resp.Body)
				}
			}
		}
	}
	// The same document with public variables afterwards is cached; with a
	// citizen's ID again it is not (the decision is per request).
	nodesDoc := mixed[0].Query
	pub := apitest.Request{Query: nodesDoc, Variables: map[string]any{"ids": []string{svc.ID}}}
	srv.Do(t, pub).MustOK(t)
	if resp := srv.Do(t, pub).MustOK(t); resp.Header.Get("X-Cache") != "hit" {
		t.Errorf("nodes of a service through the mixed document: X-Cache=%q, want a hit", resp.Header.Get("X-Cache"))
	}
	priv := apitest.Request{Query: nodesDoc, Variables: map[string]any{"ids": []string{citizenID}}, Token: token}
	if resp := srv.Do(t, priv).MustOK(t); resp.Header.Get("X-Cache") == "hit" || !strings.Contains(string(resp.Body), p.FullName) {
		t.Errorf("nodes of the citizen through the same document: X-Cache=%q body %s", resp.Header.Get("X-Cache"), resp.Body)
	}
	// Every answer the cache holds for these documents is free of the citizen.
	for _, req := range public {
		req.Token = token
		if resp := srv.Do(t, req); strings.Contains(string(resp.Body), p.FullName) || strings.Contains(string(resp.Body), citizenID) {
			t.Errorf("a cached public node answer carries private data: %s", resp.Body)
		}
	}
}
