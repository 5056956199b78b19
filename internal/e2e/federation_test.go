package e2e_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
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
