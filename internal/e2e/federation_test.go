package e2e_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/relay"
)

// Apollo Federation v2: our schema is a subgraph. The Node side
// (federation/federation.mjs, pinned in federation/package.json) composes
// our SDL with a partner subgraph and runs @apollo/gateway over both.

const federationTimeout = 60 * time.Second

// TestFederationSDLDeclaresEntities checks the keys partners rely on
// (DESIGN.md: Service and Agency by code, Application by id).
func TestFederationSDLDeclaresEntities(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	var got struct {
		Service struct {
			SDL string `json:"sdl"`
		} `json:"_service"`
	}
	srv.Do(t, apitest.Request{Query: `{ _service { sdl } }`}).Decode(t, &got)
	// Federation v2 declared, not only generated: without the @link,
	// composition treats the subgraph as Federation 1.
	link := regexp.MustCompile(`extend\s+schema\s+@link\(\s*url:\s*"https://specs\.apollo\.dev/federation/v2\.\d+"\s+import:\s*\[[^\]]*"@key"[^\]]*"@shareable"`)
	if !link.MatchString(got.Service.SDL) {
		t.Errorf("SDL lacks `extend schema @link(url: \"https://specs.apollo.dev/federation/v2.x\", import: [\"@key\", ..., \"@shareable\"])`")
	}
	for _, entity := range []struct{ typ, key string }{{"Service", "code"}, {"Agency", "code"}, {"Application", "id"}} {
		re := regexp.MustCompile(`type ` + entity.typ + `\b[^{]*@key\(fields: "` + entity.key + `"\)`)
		if !re.MatchString(got.Service.SDL) {
			t.Errorf("SDL lacks `type %s @key(fields: %q)`", entity.typ, entity.key)
		}
	}
}

// TestFederationEntitiesResolveByKey asks our _entities for a Service and
// its Agency by code, as a gateway does.
func TestFederationEntitiesResolveByKey(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	var svc struct {
		Service struct {
			Code, Name string
			Agency     struct{ Code, Name string }
		}
	}
	srv.Do(t, apitest.Request{Query: `{ service(code: "HC-REISSUE") { code name agency { code name } } }`}).Decode(t, &svc)
	if svc.Service.Code != "HC-REISSUE" || svc.Service.Agency.Code == "" {
		t.Fatalf("service(code: HC-REISSUE) = %+v", svc.Service)
	}

	resp := srv.Do(t, apitest.Request{
		Query: `query($reps: [_Any!]!) { _entities(representations: $reps) {
			__typename ... on Service { code name } ... on Agency { code name } } }`,
		Variables: map[string]any{"reps": []map[string]any{
			{"__typename": "Service", "code": "HC-REISSUE"},
			{"__typename": "Agency", "code": svc.Service.Agency.Code},
		}},
	})
	var got struct {
		Entities []entityRef `json:"_entities"`
	}
	resp.Decode(t, &got)
	want := []entityRef{
		{"Service", "HC-REISSUE", svc.Service.Name},
		{"Agency", svc.Service.Agency.Code, svc.Service.Agency.Name},
	}
	if len(got.Entities) != len(want) {
		t.Fatalf("_entities = %+v, want %+v", got.Entities, want)
	}
	for i := range want {
		if got.Entities[i] != want[i] {
			t.Errorf("_entities[%d] = %+v, want %+v", i, got.Entities[i], want[i])
		}
	}
}

// entityRef is what the _entities test reads of each entity.
type entityRef struct {
	Typename string `json:"__typename"`
	Code     string `json:"code"`
	Name     string `json:"name"`
}

// TestFederationWithAPartnerSubgraph runs federation/federation.mjs against
// one server: with the partner subgraph it must compose and the gateway must
// answer across both; with a conflicting partner composition must fail.
func TestFederationWithAPartnerSubgraph(t *testing.T) {
	p := requireNodeProject(t, "federation")
	srv := apitest.New(t)
	t.Run("gateway spans both subgraphs", func(t *testing.T) {
		t.Parallel()
		testGatewaySpansBothSubgraphs(t, p, srv)
	})
	t.Run("composition reports conflicts", func(t *testing.T) {
		t.Parallel()
		testCompositionReportsConflicts(t, p, srv)
	})
}

// testGatewaySpansBothSubgraphs composes our SDL with the partner subgraph
// (federation/partner.graphql) and asks the gateway for a field of each
// subgraph in one query; the partner's averageWaitDays is the length of the
// code by construction.
func testGatewaySpansBothSubgraphs(t *testing.T, p nodeProject, srv *apitest.Server) {
	var direct struct {
		Services struct {
			Edges []struct{ Node struct{ Code, Name string } }
		}
	}
	srv.Do(t, apitest.Request{Query: `{ services(first: 3) { edges { node { code name } } } }`}).Decode(t, &direct)
	if len(direct.Services.Edges) != 3 {
		t.Fatalf("our server lists %d services, want 3", len(direct.Services.Edges))
	}

	run := p.run(t, federationTimeout, "federation.mjs", srv.URL+"/graphql")
	if run.exitCode != 0 {
		t.Fatalf("federation.mjs exit %d\nstderr:\n%s\nstdout:\n%s", run.exitCode, run.stderr, run.stdout)
	}
	var out struct {
		Hints  int
		Result struct {
			Data struct {
				Services struct {
					Edges []struct {
						Node struct {
							Code, Name      string
							AverageWaitDays *int
						}
					}
					PageInfo *struct{ HasNextPage bool }
				}
				Contributions *struct {
					PageInfo struct{ HasNextPage bool }
					Total    struct {
						Amount   int64
						Currency string
					}
				}
			}
			Errors []json.RawMessage
		}
	}
	if err := json.Unmarshal([]byte(run.lastLine()), &out); err != nil {
		t.Fatalf("decode gateway output: %v\n%s", err, run.stdout)
	}
	if len(out.Result.Errors) > 0 {
		t.Fatalf("gateway errors: %s", out.Result.Errors)
	}
	edges := out.Result.Data.Services.Edges
	if len(edges) != len(direct.Services.Edges) {
		t.Fatalf("gateway returned %d services, our server %d", len(edges), len(direct.Services.Edges))
	}
	for i, e := range edges {
		want := direct.Services.Edges[i].Node
		if e.Node.Code != want.Code || e.Node.Name != want.Name {
			t.Errorf("service %d through the gateway = %s %q, directly %s %q", i, e.Node.Code, e.Node.Name, want.Code, want.Name)
		}
		if e.Node.AverageWaitDays == nil || *e.Node.AverageWaitDays != len(e.Node.Code) {
			t.Errorf("service %s: averageWaitDays %v from the partner, want %d", e.Node.Code, e.Node.AverageWaitDays, len(e.Node.Code))
		}
	}
	// The partner's connection uses the shared (@shareable) PageInfo and
	// Money: a Federation 2 feature.
	if c := out.Result.Data.Contributions; c == nil || c.Total.Amount != 1250000 || c.Total.Currency != "VND" {
		t.Errorf("partner contributions through the gateway = %+v", c)
	}
	if out.Result.Data.Services.PageInfo == nil || !out.Result.Data.Services.PageInfo.HasNextPage {
		t.Errorf("our services pageInfo through the gateway = %+v", out.Result.Data.Services.PageInfo)
	}
	t.Logf("composed with %d hints; gateway answered %d services spanning both subgraphs", out.Hints, len(edges))
}

// testCompositionReportsConflicts proves the composition step can fail: a
// partner that types Service.code differently is refused with the
// composition error, before any server starts.
func testCompositionReportsConflicts(t *testing.T, p nodeProject, srv *apitest.Server) {
	partner := filepath.Join(t.TempDir(), "partner.graphql")
	sdl := `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
type Service @key(fields: "code") { code: Int! averageWaitDays: Int }
`
	if err := os.WriteFile(partner, []byte(sdl), 0o644); err != nil {
		t.Fatal(err)
	}
	run := p.run(t, federationTimeout, "federation.mjs", srv.URL+"/graphql", partner)
	if run.exitCode != 2 || !strings.Contains(run.stderr, "composition error: FIELD_TYPE_MISMATCH") {
		t.Fatalf("exit %d, want 2 with FIELD_TYPE_MISMATCH\nstderr:\n%s\nstdout:\n%s", run.exitCode, run.stderr, run.stdout)
	}
}

// TestFederationEntitiesBoundedAndBatched: _entities is bounded like nodes
// (more than 100 representations refused before anything resolves) and
// resolves Applications in one query per request whatever their number,
// with visibility in that query: the applicant sees their application, an
// agency that does not process it sees null, exactly as for an unknown ID.
func TestFederationEntitiesBoundedAndBatched(t *testing.T) {
	t.Parallel()
	srv, counter := countingServer(t)
	an := appRegister(t, srv, appAn)
	p := appReissue(t, srv, an, appReissueInput(t, srv, appAn.SocialInsuranceCode, "LOST", appPostal(), "entities-1"))
	if p.Application == nil {
		t.Fatalf("reissue: %+v", p.UserErrors)
	}
	own := p.Application.ID
	const doc = `query($reps: [_Any!]!) { _entities(representations: $reps) { __typename ... on Application { id code } } }`
	reps := func(n int) []map[string]any {
		out := []map[string]any{{"__typename": "Application", "id": own}}
		for i := 1; i < n; i++ {
			out = append(out, map[string]any{"__typename": "Application", "id": relay.EncodeID("Application", fmt.Sprint(900000+i))})
		}
		return out
	}
	var counts []int64
	for _, n := range []int{2, 100} {
		counts = append(counts, statementsFor(t, srv, counter, apitest.Request{Token: an, Query: doc, Variables: map[string]any{"reps": reps(n)}}))
	}
	t.Logf("SQL statements for 2 and 100 Application representations: %v", counts)
	if counts[0] != counts[1] || counts[1] > 3 {
		t.Errorf("statements for 2 and 100 representations = %v, want the same small number (one batched query)", counts)
	}

	var got struct {
		Entities []*struct{ ID, Code string } `json:"_entities"`
	}
	resp := srv.Do(t, apitest.Request{Token: an, Query: doc, Variables: map[string]any{"reps": reps(3)}})
	resp.MustOK(t)
	resp.Decode(t, &got)
	if len(got.Entities) != 3 || got.Entities[0] == nil || got.Entities[0].ID != own || got.Entities[1] != nil || got.Entities[2] != nil {
		t.Fatalf("the applicant's _entities = %s", resp.Body)
	}
	other := appAgencyKey(t, srv, "THUE")
	resp = srv.Do(t, apitest.Request{Token: other, Query: doc, Variables: map[string]any{"reps": reps(1)}})
	resp.MustOK(t)
	resp.Decode(t, &got)
	if len(got.Entities) != 1 || got.Entities[0] != nil {
		t.Fatalf("another agency's _entities = %s, want [null]", resp.Body)
	}

	resp = srv.Do(t, apitest.Request{Token: an, Query: doc, Variables: map[string]any{"reps": reps(101)}})
	if code := errorCode(t, resp); code != "BAD_USER_INPUT" || strings.Contains(string(resp.Body), `"code":"`+p.Application.Code) {
		t.Fatalf("101 representations: %s, want BAD_USER_INPUT and nothing resolved", resp)
	}
}
