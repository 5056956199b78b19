package e2e_test

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/graph/generated"
	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/contractops"
	"github.com/dvcportal/dvcportal/internal/httpapi"
	"github.com/dvcportal/dvcportal/internal/pgtest"
)

// The contract's catalogue operations (contract/catalogue.graphql), verbatim.
const (
	serviceDetailQuery = `query ServiceDetail($code: String!) {
  service(code: $code) {
    id
    code
    name
    description
    version
    onlineLevel
    requiresLogin
    agency { code name }
    category { code name }
    legalBasis
    channels { channel processingTime { value unit } fees { amount currency } }
    cases { code name documents { name originals copies } }
    deliveryMethods
    form { fields { name label type required pattern options { value label } } }
  }
}`

	agenciesQuery = `query Agencies {
  agencies { id code name level offices { code name provinceCode address } }
}`

	categoriesQuery = `query Categories {
  categories { id code name serviceCount }
}`

	provincesQuery = `query Provinces {
  provinces { code name wards { code name } }
}`

	calendarQuery = `query Calendar($from: Date!, $to: Date!) {
  calendar(from: $from, to: $to) { date kind name }
}`
)

type catalogueEdge struct {
	Cursor string `json:"cursor"`
	Node   struct {
		ID          string `json:"id"`
		Code        string `json:"code"`
		Name        string `json:"name"`
		Summary     string `json:"summary"`
		OnlineLevel string `json:"onlineLevel"`
		Agency      struct{ ID, Code, Name string }
		Category    struct{ ID, Code, Name string }
		Channels    []struct {
			Channel        string `json:"channel"`
			ProcessingTime struct {
				Value int    `json:"value"`
				Unit  string `json:"unit"`
			} `json:"processingTime"`
			Fees []struct {
				Amount   int    `json:"amount"`
				Currency string `json:"currency"`
			} `json:"fees"`
		} `json:"channels"`
	} `json:"node"`
}

type cataloguePage struct {
	Services struct {
		TotalCount int `json:"totalCount"`
		PageInfo   struct {
			HasNextPage bool    `json:"hasNextPage"`
			EndCursor   *string `json:"endCursor"`
		} `json:"pageInfo"`
		Edges []catalogueEdge `json:"edges"`
	} `json:"services"`
}

// cataloguePageOf sends the Catalogue operation and decodes the page.
func cataloguePageOf(t *testing.T, srv *apitest.Server, vars map[string]any, headers map[string]string) cataloguePage {
	t.Helper()
	resp := srv.Do(t, apitest.Request{Query: contractops.Catalogue, Variables: vars, Headers: headers}).MustOK(t)
	var p cataloguePage
	resp.Decode(t, &p)
	return p
}

// walkCatalogue pages through the catalogue and returns the codes in order.
func walkCatalogue(t *testing.T, srv *apitest.Server, first int, filter map[string]any) ([]string, int) {
	t.Helper()
	var codes []string
	vars := map[string]any{"first": first, "filter": filter}
	for range 1000 {
		p := cataloguePageOf(t, srv, vars, nil)
		for _, e := range p.Services.Edges {
			codes = append(codes, e.Node.Code)
		}
		if !p.Services.PageInfo.HasNextPage {
			return codes, p.Services.TotalCount
		}
		vars["after"] = *p.Services.PageInfo.EndCursor
	}
	t.Fatal("paging does not end")
	return nil, 0
}

func TestCatalogueContract(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)

	page := cataloguePageOf(t, srv, map[string]any{}, nil)
	if page.Services.TotalCount < 200 || len(page.Services.Edges) != 20 || !page.Services.PageInfo.HasNextPage {
		t.Fatalf("first page: total %d, %d edges", page.Services.TotalCount, len(page.Services.Edges))
	}
	hc := page.Services.Edges[0].Node
	if hc.Code != "HC-REISSUE" || hc.Name != "Cấp lại thẻ BHYT do mất, hỏng" || hc.Agency.Code != "BHXH" || hc.OnlineLevel != "FULL" ||
		hc.ID == "" || hc.Agency.ID == "" || hc.Category.ID == "" || hc.Summary == "" {
		t.Fatalf("first service: %+v", hc)
	}
	if ch := hc.Channels[0]; ch.Channel != "ONLINE" || ch.ProcessingTime.Value != 5 || ch.ProcessingTime.Unit != "WORKING_DAY" || ch.Fees[0].Amount != 0 || ch.Fees[0].Currency != "VND" {
		t.Fatalf("HC-REISSUE online channel: %+v", ch)
	}

	en := cataloguePageOf(t, srv, map[string]any{"first": 1}, map[string]string{"Accept-Language": "en-US,en;q=0.9"})
	if n := en.Services.Edges[0].Node; n.Name != "Reissue of a health insurance card due to loss or damage" || n.Agency.Name != "Vietnam Social Security" {
		t.Fatalf("English: %+v", n)
	}

	// Walking all pages yields each service once, whatever the page size.
	all, total := walkCatalogue(t, srv, 100, nil)
	if len(all) != total || total != page.Services.TotalCount {
		t.Fatalf("walked %d of %d", len(all), total)
	}
	for _, size := range []int{7, 37} {
		got, _ := walkCatalogue(t, srv, size, nil)
		if strings.Join(got, ",") != strings.Join(all, ",") {
			t.Fatalf("page size %d walks another order or set (%d services)", size, len(got))
		}
	}
	sorted := append([]string{}, all...)
	sort.Strings(sorted)
	for i := 1; i < len(sorted); i++ {
		if sorted[i] == sorted[i-1] {
			t.Fatalf("%s listed twice", sorted[i])
		}
	}

	// Search: Vietnamese with or without diacritics, any case, abbreviations.
	for _, q := range []string{"cap lai the bhyt", "Cấp lại thẻ BHYT", "bhyt", "the bao hiem y te"} {
		p := cataloguePageOf(t, srv, map[string]any{"first": 5, "filter": map[string]any{"search": q}}, nil)
		if len(p.Services.Edges) == 0 || p.Services.Edges[0].Node.Code != "HC-REISSUE" {
			t.Errorf("search %q does not find HC-REISSUE first: %+v", q, p.Services.Edges)
		}
	}
	searched, _ := walkCatalogue(t, srv, 3, map[string]any{"search": "thue"})
	if len(searched) < 3 {
		t.Fatalf("search thue: %v", searched)
	}
	byAgency, agencyTotal := walkCatalogue(t, srv, 50, map[string]any{"agencyCode": "BHXH", "channel": "POSTAL"})
	if agencyTotal == 0 || byAgency[0] != "HC-REISSUE" {
		t.Fatalf("BHXH postal services: %v", byAgency)
	}

	// ServiceDetail.
	var detail struct {
		Service *struct {
			ID            string   `json:"id"`
			Code          string   `json:"code"`
			Version       int      `json:"version"`
			RequiresLogin bool     `json:"requiresLogin"`
			LegalBasis    []string `json:"legalBasis"`
			Cases         []struct {
				Code      string `json:"code"`
				Documents []struct {
					Name      string `json:"name"`
					Originals int    `json:"originals"`
				} `json:"documents"`
			} `json:"cases"`
			DeliveryMethods []string `json:"deliveryMethods"`
			Form            struct {
				Fields []struct {
					Name     string `json:"name"`
					Type     string `json:"type"`
					Required bool   `json:"required"`
				} `json:"fields"`
			} `json:"form"`
		} `json:"service"`
	}
	srv.Do(t, apitest.Request{Query: serviceDetailQuery, Variables: map[string]any{"code": "HC-REISSUE"}}).MustOK(t).Decode(t, &detail)
	d := detail.Service
	if d == nil || d.Version != 1 || !d.RequiresLogin || len(d.LegalBasis) == 0 || len(d.Cases) != 2 || d.Cases[0].Code != "LOST" ||
		d.Cases[1].Code != "DAMAGED" || len(d.Cases[1].Documents) != 2 || len(d.Form.Fields) == 0 || strings.Join(d.DeliveryMethods, ",") != "COUNTER,POSTAL" {
		t.Fatalf("HC-REISSUE detail: %+v", d)
	}
	resp := srv.Do(t, apitest.Request{Query: serviceDetailQuery, Variables: map[string]any{"code": "NO-SUCH-SERVICE"}}).MustOK(t)
	if string(resp.Data) != `{"service":null}` {
		t.Fatalf("unknown service: %s", resp.Body)
	}

	// node(id:) for the catalogue's node types.
	var nodes struct {
		Nodes []*struct {
			Typename string `json:"__typename"`
			Code     string `json:"code"`
		} `json:"nodes"`
	}
	srv.Do(t, apitest.Request{
		Query:     `query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Service { code } ... on Agency { code } ... on Category { code } } }`,
		Variables: map[string]any{"ids": []string{d.ID, hc.Agency.ID, hc.Category.ID, "U2VydmljZTpOT1BF"}},
	}).MustOK(t).Decode(t, &nodes)
	if len(nodes.Nodes) != 4 || nodes.Nodes[0].Code != "HC-REISSUE" || nodes.Nodes[1].Typename != "Agency" || nodes.Nodes[2].Typename != "Category" || nodes.Nodes[3] != nil {
		t.Fatalf("nodes: %s", resp.Body)
	}

	// Agencies with offices: the social insurance agency has a counter in every province.
	var agencies struct {
		Agencies []struct {
			Code    string `json:"code"`
			Level   string `json:"level"`
			Offices []struct {
				Code         string `json:"code"`
				ProvinceCode string `json:"provinceCode"`
				Address      string `json:"address"`
			} `json:"offices"`
		} `json:"agencies"`
	}
	srv.Do(t, apitest.Request{Query: agenciesQuery}).MustOK(t).Decode(t, &agencies)
	provinces := map[string]bool{}
	for _, a := range agencies.Agencies {
		if a.Code == "BHXH" {
			for _, o := range a.Offices {
				provinces[o.ProvinceCode] = true
			}
		}
	}
	if len(agencies.Agencies) < 20 || len(provinces) != 34 {
		t.Fatalf("%d agencies, BHXH offices in %d provinces", len(agencies.Agencies), len(provinces))
	}

	var categories struct {
		Categories []struct {
			Code         string `json:"code"`
			ServiceCount int    `json:"serviceCount"`
		} `json:"categories"`
	}
	srv.Do(t, apitest.Request{Query: categoriesQuery}).MustOK(t).Decode(t, &categories)
	sum := 0
	for _, c := range categories.Categories {
		sum += c.ServiceCount
	}
	if sum != total {
		t.Fatalf("category counts add up to %d, catalogue has %d", sum, total)
	}

	var provs struct {
		Provinces []struct {
			Code string `json:"code"`
		} `json:"provinces"`
	}
	srv.Do(t, apitest.Request{Query: provincesQuery}).MustOK(t).Decode(t, &provs)
	if len(provs.Provinces) != 34 {
		t.Fatalf("%d provinces", len(provs.Provinces))
	}

	var cal struct {
		Calendar []struct {
			Date string `json:"date"`
			Kind string `json:"kind"`
			Name string `json:"name"`
		} `json:"calendar"`
	}
	srv.Do(t, apitest.Request{Query: calendarQuery, Variables: map[string]any{"from": "2026-01-01", "to": "2026-12-31"}}).MustOK(t).Decode(t, &cal)
	kinds := map[string]int{}
	for _, d := range cal.Calendar {
		kinds[d.Kind]++
		if d.Name == "" || d.Date < "2026-01-01" || d.Date > "2026-12-31" {
			t.Fatalf("calendar day %+v", d)
		}
	}
	if kinds["HOLIDAY"] < 10 {
		t.Fatalf("2026 calendar: %v", kinds)
	}
	for _, r := range [][2]string{{"2026-01-01", "2027-01-03"}, {"2026-02-01", "2026-01-01"}} {
		resp := srv.Do(t, apitest.Request{Query: calendarQuery, Variables: map[string]any{"from": r[0], "to": r[1]}})
		if resp.Status != http.StatusOK || strings.Join(resp.ErrorCodes(), ",") != "BAD_USER_INPUT" {
			t.Errorf("calendar %v: %s", r, resp)
		}
	}
}

func TestCatalogueBadInput(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	other := cataloguePageOf(t, srv, map[string]any{"first": 2, "filter": map[string]any{"search": "thue"}}, nil)

	bad := []struct {
		name string
		vars map[string]any
	}{
		{"first 101", map[string]any{"first": 101}},
		{"first -1", map[string]any{"first": -1}},
		{"garbage cursor", map[string]any{"after": "garbage"}},
		{"base64 cursor", map[string]any{"after": "eyJvZmZzZXQiOjEwfQ"}},
		{"another query's cursor", map[string]any{"after": *other.Services.PageInfo.EndCursor}},
		{"10 KB search", map[string]any{"filter": map[string]any{"search": strings.Repeat("bhyt ", 2048)}}},
		{"control character", map[string]any{"filter": map[string]any{"search": "bhyt\x00"}}},
	}
	for _, tt := range bad {
		resp := srv.Do(t, apitest.Request{Query: contractops.Catalogue, Variables: tt.vars})
		if resp.Status != http.StatusOK || strings.Join(resp.ErrorCodes(), ",") != "BAD_USER_INPUT" {
			t.Errorf("%s: %s", tt.name, resp)
		}
		if strings.Contains(string(resp.Body), "bhyt bhyt bhyt") {
			t.Errorf("%s: the answer echoes the input", tt.name)
		}
	}

	zero := cataloguePageOf(t, srv, map[string]any{"first": 0}, nil)
	if len(zero.Services.Edges) != 0 || zero.Services.TotalCount < 200 || !zero.Services.PageInfo.HasNextPage {
		t.Fatalf("first 0: %+v", zero.Services)
	}

	// Punctuation is not searchable: wildcards, quotes and brackets match
	// nothing (and SQL never sees them: the catalogue is served from memory).
	for _, s := range []string{"%", "_", "%%", "'", "';--", `\`, `"`, "bhyt%", "(", "[[", "*", ".*"} {
		p := cataloguePageOf(t, srv, map[string]any{"first": 100, "filter": map[string]any{"search": s}}, nil)
		if s == "bhyt%" {
			if len(p.Services.Edges) == 0 || p.Services.Edges[0].Node.Code != "HC-REISSUE" {
				t.Errorf("search %q: punctuation must be ignored", s)
			}
			continue
		}
		if p.Services.TotalCount != 0 {
			t.Errorf("search %q matched %d services", s, p.Services.TotalCount)
		}
	}
	// Injection strings are words like any other: answered, never an error.
	for _, s := range []string{"' OR '1'='1", "'; DROP TABLE catalogue_services; --", "b_yt", "1 UNION SELECT"} {
		p := cataloguePageOf(t, srv, map[string]any{"first": 100, "filter": map[string]any{"search": s}}, nil)
		if p.Services.TotalCount > zero.Services.TotalCount {
			t.Errorf("search %q: %d services", s, p.Services.TotalCount)
		}
	}
	for _, f := range []map[string]any{{"agencyCode": "NOPE"}, {"categoryCode": "' OR 1=1 --"}} {
		if p := cataloguePageOf(t, srv, map[string]any{"filter": f}, nil); p.Services.TotalCount != 0 {
			t.Errorf("filter %v matched %d services", f, p.Services.TotalCount)
		}
	}
	resp := srv.Do(t, apitest.Request{Query: contractops.Catalogue, Variables: map[string]any{"filter": map[string]any{"channel": "FAX"}}})
	if resp.Status == http.StatusInternalServerError || len(resp.Errors) == 0 {
		t.Errorf("unknown channel: %s", resp)
	}
	resp = srv.Do(t, apitest.Request{Query: `{ agency(code: "NOPE") { code } service(code: "") { code } }`}).MustOK(t)
	if string(resp.Data) != `{"agency":null,"service":null}` {
		t.Errorf("unknown codes: %s", resp.Body)
	}
	if fmt.Sprint(resp.Status) != "200" {
		t.Fatal(resp)
	}
}

// Counting SQL statements per request. The app runs on a pool whose driver
// counts every statement (query, exec, prepared-statement execution, BEGIN)
// made with a context that carries countKey; the request is served
// in-process with such a context, so only the statements made on behalf of
// that request are counted (not the job queue's or the snapshot poller's).

type countKey struct{}

type stmtCounter struct{ n atomic.Int64 }

func (c *stmtCounter) count(ctx context.Context) {
	if ctx.Value(countKey{}) != nil {
		c.n.Add(1)
	}
}

type countingConnector struct {
	inner driver.Connector
	c     *stmtCounter
}

func (cc countingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := cc.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &countingConn{Conn: conn, c: cc.c}, nil
}

func (cc countingConnector) Driver() driver.Driver { return cc.inner.Driver() }

type countingConn struct {
	driver.Conn
	c *stmtCounter
}

func (cn *countingConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	cn.c.count(ctx)
	return cn.Conn.(driver.QueryerContext).QueryContext(ctx, q, args)
}

func (cn *countingConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	cn.c.count(ctx)
	return cn.Conn.(driver.ExecerContext).ExecContext(ctx, q, args)
}

func (cn *countingConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	s, err := cn.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	return &countingStmt{Stmt: s, c: cn.c}, nil
}

func (cn *countingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	cn.c.count(ctx)
	return cn.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func (cn *countingConn) CheckNamedValue(nv *driver.NamedValue) error {
	return cn.Conn.(driver.NamedValueChecker).CheckNamedValue(nv)
}

func (cn *countingConn) ResetSession(ctx context.Context) error {
	return cn.Conn.(driver.SessionResetter).ResetSession(ctx)
}

func (cn *countingConn) IsValid() bool { return cn.Conn.(driver.Validator).IsValid() }

type countingStmt struct {
	driver.Stmt
	c *stmtCounter
}

func (s *countingStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	s.c.count(ctx)
	return s.Stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
}

func (s *countingStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	s.c.count(ctx)
	return s.Stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

// countingServer starts a process on a copy of the reference database whose
// pool counts statements.
func countingServer(t *testing.T) (*apitest.Server, *stmtCounter) {
	t.Helper()
	db := apitest.NewDB(t)
	connector, err := pq.NewConnector(pgtest.URLFor(t, db))
	if err != nil {
		t.Fatal(err)
	}
	c := &stmtCounter{}
	counted := sqlx.NewDb(sql.OpenDB(countingConnector{inner: connector, c: c}), "postgres")
	t.Cleanup(func() { _ = counted.Close() })
	return apitest.NewOnDB(t, counted), c
}

// statementsFor serves one GraphQL request in-process and returns the
// number of SQL statements it ran.
func statementsFor(t *testing.T, srv *apitest.Server, c *stmtCounter, req apitest.Request) int64 {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": req.Query, "variables": req.Variables})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.WithValue(context.Background(), countKey{}, true)
	hr := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body)).WithContext(ctx)
	hr.Header.Set("Content-Type", "application/json")
	if req.Token != "" {
		hr.Header.Set("Authorization", "Bearer "+req.Token)
	}
	before := c.n.Load()
	rec := httptest.NewRecorder()
	srv.App.Handler.ServeHTTP(rec, hr)
	if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), `"errors"`) {
		t.Fatalf("request failed: %d %.300s", rec.Code, rec.Body.String())
	}
	return c.n.Load() - before
}

func TestCatalogueSQLStatementsPerRequest(t *testing.T) {
	t.Parallel()
	srv, c := countingServer(t)
	for _, first := range []int{1, 20, 100} {
		for _, search := range []string{"", "the bao hiem y te"} {
			n := statementsFor(t, srv, c, apitest.Request{Query: contractops.Catalogue, Variables: map[string]any{"first": first, "filter": map[string]any{"search": search}}})
			t.Logf("Catalogue first=%d search=%q: %d SQL statements", first, search, n)
			if n != 0 {
				t.Errorf("Catalogue first=%d search=%q ran %d SQL statements, want 0 (snapshot)", first, search, n)
			}
		}
	}
	for name, req := range map[string]apitest.Request{
		"ServiceDetail": {Query: serviceDetailQuery, Variables: map[string]any{"code": "HC-REISSUE"}},
		"Agencies":      {Query: agenciesQuery},
		"Categories":    {Query: categoriesQuery},
	} {
		if n := statementsFor(t, srv, c, req); n != 0 {
			t.Errorf("%s ran %d SQL statements, want 0", name, n)
		}
	}
	// The counter does see statements made for a request: a request that
	// reads the database (the change log, with an agency key) counts some.
	key := srv.AgencyKey(t, "EVN")
	if n := statementsFor(t, srv, c, apitest.Request{Query: catalogueChangesQuery, Variables: map[string]any{"since": "2020-01-01T00:00:00Z"}, Token: key}); n < 2 {
		t.Fatalf("catalogueChanges with a key ran %d statements; the counter does not count", n)
	}
}

// BenchmarkCataloguePage is the contract's Catalogue page (20 services with
// agency, category and channels) answered by the real handler: over
// loopback HTTP with the same client as BenchmarkCatalogueCeiling (compare
// the req/s columns), and in-process (ServeHTTP, no network) for the cost
// of gqlgen over the snapshot alone.
func BenchmarkCataloguePage(b *testing.B) {
	srv := apitest.New(b)
	body := catalogueRequestBody(b)
	b.Run("http", func(b *testing.B) {
		benchPost(b, srv.URL+"/graphql", body)
	})
	token := srv.Register(b, apitest.Personas()[0])
	// inProcess sends the page through srv.App.Handler (no network); body(i)
	// is the i-th request of a goroutine.
	inProcess := func(b *testing.B, handler http.Handler, authorization string, body func(i int) []byte) {
		b.ReportAllocs()
		var seq atomic.Int64
		cpu0 := processCPU(b)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				hr := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body(int(seq.Add(1)))))
				hr.Header.Set("Content-Type", "application/json")
				if authorization != "" {
					hr.Header.Set("Authorization", authorization)
				}
				rec := httptest.NewRecorder()
				handler.ServeHTTP(rec, hr)
				if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
					b.Errorf("status %d: %.300s", rec.Code, rec.Body.Bytes())
					return
				}
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
		b.ReportMetric(float64((processCPU(b)-cpu0).Microseconds())/float64(b.N), "cpu-µs/op")
	}
	same := func(int) []byte { return body }
	// Anonymous: served by the whole-response cache after the first request.
	b.Run("in-process", func(b *testing.B) { inProcess(b, srv.App.Handler, "", same) })
	// A logged-in citizen: the page is public, so the same cache serves it.
	b.Run("in-process-logged-in", func(b *testing.B) { inProcess(b, srv.App.Handler, "Bearer "+token, same) })
	// A page not in the cache (a new search term, cursor, or the first
	// request after a publish): the same transport over the same resolvers,
	// with a catalogue revision that changes at every request, so every
	// request misses the response cache and runs gqlgen over the snapshot.
	api, err := httpapi.New(httpapi.Config{
		Schema:            generated.NewExecutableSchema(generated.Config{Resolvers: srv.App.Resolver}),
		Authenticator:     auth.NewAuthenticators(),
		CatalogueRevision: func() int64 { return revision.Add(1) },
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("in-process-uncached", func(b *testing.B) { inProcess(b, api.Handler(), "", same) })
	// The load tool's uncached row (internal/loadtest): the real handler and
	// cache, each request a search never sent before ("dang ky" with other
	// spaces and case: a miss with the same page shape).
	b.Run("in-process-search", func(b *testing.B) {
		inProcess(b, srv.App.Handler, "", func(int) []byte {
			i := int(spellings.Add(1)) // never a spelling of an earlier run
			lead, trail := strings.Repeat(" ", i%64), strings.Repeat(" ", i/64%64)
			search := lead + strings.ToUpper("dang ky")[:i/4096%8] + "dang ky"[i/4096%8:] + trail
			body, err := json.Marshal(map[string]any{"query": contractops.Catalogue, "variables": map[string]any{"first": 20, "filter": map[string]any{"search": search}}})
			if err != nil {
				b.Fatal(err)
			}
			return body
		})
	})
}

// revision is the ever-changing catalogue revision of the uncached page.
var revision atomic.Int64

// spellings numbers the searches of the uncached search page.
var spellings atomic.Int64
