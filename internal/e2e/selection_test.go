package e2e_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/i18n"
)

// TestCatalogueSelectionsKeepGraphQLSemantics: the catalogue types are
// marshalled by the tighter code internal/tools/gqlgenerate generates
// (direct fields, plain field sets, postJSON's writer). Varied selections of
// the same objects — aliases, named and inline fragments, repeated and
// merged fields, __typename, @include/@skip with variables, node(id:) —
// must give, byte for byte, the answer GraphQL specifies, rebuilt here from
// one plain selection of every field: response names in the order they
// first appear, repeated fields merged, skipped fields absent.
func TestCatalogueSelectionsKeepGraphQLSemantics(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	const every = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
		edges { cursor node { id code name summary onlineLevel requiresLogin
			agency { id code name level } category { id code name }
			channels { channel processingTime { value unit } fees { amount currency } } } }`
	type money struct{ Amount, Currency json.RawMessage }
	type channel struct {
		Channel        json.RawMessage
		ProcessingTime struct{ Value, Unit json.RawMessage }
		Fees           []money
	}
	type named struct{ ID, Code, Name, Level json.RawMessage }
	type service struct {
		ID, Code, Name, Summary, OnlineLevel, RequiresLogin json.RawMessage
		Agency, Category                                    named
		Channels                                            []channel
	}
	type connection struct {
		TotalCount json.RawMessage
		PageInfo   struct{ HasNextPage, HasPreviousPage, StartCursor, EndCursor json.RawMessage }
		Edges      []struct {
			Cursor json.RawMessage
			Node   service
		}
	}
	var plain struct{ Services connection }
	srv.Do(t, apitest.Request{Query: `{ services(first: 5) { ` + every + ` } }`}).MustOK(t).Decode(t, &plain)
	if len(plain.Services.Edges) != 5 {
		t.Fatalf("want 5 services, got %d", len(plain.Services.Edges))
	}
	// The plain selection itself against the snapshot's Go values (the
	// direct fields read the right struct fields).
	snap := srv.App.Resolver.Catalogue.Snapshot()
	for _, e := range plain.Services.Edges {
		var code string
		if err := json.Unmarshal(e.Node.Code, &code); err != nil {
			t.Fatal(err)
		}
		sv := snap.Service(code, i18n.VI)
		if sv == nil {
			t.Fatalf("service %s not in the snapshot", code)
		}
		want := fmt.Sprintf("%s|%s|%s|%s|%s|%v|%s|%s|%s|%s", sv.ID, sv.Code, sv.Name, sv.Summary, sv.OnlineLevel, sv.RequiresLogin,
			sv.Agency.ID, sv.Agency.Code, sv.Agency.Name, sv.Category.Name)
		var got [10]any
		for i, raw := range []json.RawMessage{e.Node.ID, e.Node.Code, e.Node.Name, e.Node.Summary, e.Node.OnlineLevel, e.Node.RequiresLogin,
			e.Node.Agency.ID, e.Node.Agency.Code, e.Node.Agency.Name, e.Node.Category.Name} {
			if err := json.Unmarshal(raw, &got[i]); err != nil {
				t.Fatal(err)
			}
		}
		if g := fmt.Sprintf("%s|%s|%s|%s|%s|%v|%s|%s|%s|%s", got[:]...); g != want {
			t.Errorf("service %s:\n got %s\nwant %s", code, g, want)
		}
		if len(e.Node.Channels) != len(sv.Channels) {
			t.Fatalf("service %s: %d channels, want %d", code, len(e.Node.Channels), len(sv.Channels))
		}
		for j, ch := range sv.Channels {
			g := string(e.Node.Channels[j].Channel) + string(e.Node.Channels[j].ProcessingTime.Value) + string(e.Node.Channels[j].ProcessingTime.Unit)
			w := fmt.Sprintf("%q%d%q", ch.Channel, ch.ProcessingTime.Value, ch.ProcessingTime.Unit)
			for k, f := range ch.Fees {
				g += string(e.Node.Channels[j].Fees[k].Amount) + string(e.Node.Channels[j].Fees[k].Currency)
				w += fmt.Sprintf("%d%q", f.Amount, f.Currency)
			}
			if g != w {
				t.Errorf("service %s channel %d: got %s, want %s", code, j, g, w)
			}
		}
	}
	var empty struct{ Services connection }
	srv.Do(t, apitest.Request{Query: `{ services(first: 0) { ` + every + ` } }`}).MustOK(t).Decode(t, &empty)

	// obj writes a JSON object of (name, raw value) pairs in order.
	obj := func(kv ...any) string {
		var b strings.Builder
		b.WriteByte('{')
		for i := 0; i < len(kv); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"` + kv[i].(string) + `":`)
			switch v := kv[i+1].(type) {
			case json.RawMessage:
				b.Write(v)
			case string:
				b.WriteString(v)
			}
		}
		b.WriteByte('}')
		return b.String()
	}
	list := func(n int, item func(i int) string) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = item(i)
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
	str := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	vars := map[string]any{"yes": true, "no": false}

	for _, tc := range []struct {
		name, query string
		want        func() string
	}{
		{
			name: "aliases, fragments, merged fields, __typename, directives",
			query: `query Q($yes: Boolean!, $no: Boolean!) { services(first: 5) {
				edges { node {
					__typename
					n: name
					code
					...F
					... on Service { name agency { __typename c: code } }
					agency { name }
					channels @include(if: $yes) { ch: channel fees { __typename amount } }
					skipped: channels @skip(if: $yes) { channel }
					included: summary @include(if: $yes) @skip(if: $no)
					gone: summary @include(if: $no)
				} }
				pageInfo { __typename hasNextPage p: hasNextPage }
			} }
			fragment F on Service { id code onlineLevel }`,
			want: func() string {
				c := plain.Services
				return obj("services", obj(
					"edges", list(len(c.Edges), func(i int) string {
						s := c.Edges[i].Node
						return obj("node", obj(
							"__typename", str("Service"), "n", s.Name, "code", s.Code, "id", s.ID, "onlineLevel", s.OnlineLevel,
							"name", s.Name,
							"agency", obj("__typename", str("Agency"), "c", s.Agency.Code, "name", s.Agency.Name),
							"channels", list(len(s.Channels), func(j int) string {
								ch := s.Channels[j]
								return obj("ch", ch.Channel, "fees", list(len(ch.Fees), func(k int) string {
									return obj("__typename", str("Money"), "amount", ch.Fees[k].Amount)
								}))
							}),
							"included", s.Summary))
					}),
					"pageInfo", obj("__typename", str("PageInfo"), "hasNextPage", c.PageInfo.HasNextPage, "p", c.PageInfo.HasNextPage)))
			},
		},
		{
			name: "every field renamed and reordered, nested fragments",
			query: `{ s: services(first: 5) { ...Conn } }
			fragment Conn on ServiceConnection { e: edges { ...Edge } total: totalCount pi: pageInfo { end: endCursor start: startCursor prev: hasPreviousPage } }
			fragment Edge on ServiceEdge { node { ...Svc } c: cursor }
			fragment Svc on Service { channels { fees { currency amount } t: processingTime { unit value unit } channel } category { name code id } requiresLogin login: requiresLogin }`,
			want: func() string {
				c := plain.Services
				return obj("s", obj(
					"e", list(len(c.Edges), func(i int) string {
						s := c.Edges[i].Node
						return obj("node", obj(
							"channels", list(len(s.Channels), func(j int) string {
								ch := s.Channels[j]
								return obj("fees", list(len(ch.Fees), func(k int) string {
									return obj("currency", ch.Fees[k].Currency, "amount", ch.Fees[k].Amount)
								}), "t", obj("unit", ch.ProcessingTime.Unit, "value", ch.ProcessingTime.Value), "channel", ch.Channel)
							}),
							"category", obj("name", s.Category.Name, "code", s.Category.Code, "id", s.Category.ID),
							"requiresLogin", s.RequiresLogin, "login", s.RequiresLogin),
							"c", c.Edges[i].Cursor)
					}),
					"total", c.TotalCount,
					"pi", obj("end", c.PageInfo.EndCursor, "start", c.PageInfo.StartCursor, "prev", c.PageInfo.HasPreviousPage)))
			},
		},
		{
			name:  "an empty page: null cursors, no edges",
			query: `{ services(first: 0) { edges { cursor } pageInfo { startCursor endCursor hasNextPage } totalCount } }`,
			want: func() string {
				c := empty.Services
				return obj("services", obj("edges", "[]",
					"pageInfo", obj("startCursor", c.PageInfo.StartCursor, "endCursor", c.PageInfo.EndCursor, "hasNextPage", c.PageInfo.HasNextPage),
					"totalCount", c.TotalCount))
			},
		},
		{
			name: "node(id:) through the Node interface",
			query: `query Q($yes: Boolean!) { node(id: ` + string(plain.Services.Edges[1].Node.ID) + `) {
				__typename id ... on Service { code a: agency { level id } agency @include(if: $yes) { name } } ... on Agency { level } } }`,
			want: func() string {
				s := plain.Services.Edges[1].Node
				return obj("node", obj("__typename", str("Service"), "id", s.ID, "code", s.Code,
					"a", obj("level", s.Agency.Level, "id", s.Agency.ID),
					"agency", obj("name", s.Agency.Name)))
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := srv.Do(t, apitest.Request{Query: tc.query, Variables: vars}).MustOK(t)
			if want := tc.want(); !bytes.Equal(resp.Data, []byte(want)) {
				t.Errorf("data:\n got %s\nwant %s", resp.Data, want)
			}
		})
	}
}
