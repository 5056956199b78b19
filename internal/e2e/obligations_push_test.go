package e2e_test

import (
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apitest"
)

// pushObligation is a valid upsertObligations obligation of the tax agency.
func pushObligation(ref string) map[string]any {
	return map[string]any{"kind": "TAX", "sourceRef": ref, "debtorIdNumber": "079185769739", "debtorName": "Trần Thị Bích Ngọc",
		"description": "Lệ phí trước bạ xe máy", "period": "2026", "dueDate": "2026-12-31",
		"lines": []map[string]any{{"kind": "FEE", "name": "Lệ phí trước bạ", "amount": 1_200_000}},
		"payee": map[string]any{"bankCode": "KBNN", "accountNumber": "7211", "accountName": "KBNN TP Hồ Chí Minh"}}
}

const upsertObligationsQ = `mutation($in: UpsertObligationsInput!) { upsertObligations(input: $in) {
	obligations { id sourceRef } userErrors { field code message } } }`

type upsertObligationsAnswer struct {
	UpsertObligations struct {
		Obligations []struct{ ID, SourceRef string }
		UserErrors  []struct {
			Field         []string
			Code, Message string
		}
	}
}

// TestUpsertObligationsFieldErrors: each malformed field of an agency's
// push is exactly one userError at its GraphQL input path (a line's field
// at ["obligations", i, "lines", j, field], a payee's at ["obligations", i,
// "payee", field], more than 50 lines at ["obligations", i, "lines"], a
// reference sent earlier in the push DUPLICATE at the later one's
// sourceRef) and nothing of the push is written: the valid obligation sent
// beside it (index 0, an update of one already stored) neither.
func TestUpsertObligationsFieldErrors(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	thue := srv.AgencyKey(t, "THUE")
	push := func(obs []map[string]any) upsertObligationsAnswer {
		t.Helper()
		var a upsertObligationsAnswer
		srv.Do(t, apitest.Request{Token: thue, Query: upsertObligationsQ,
			Variables: map[string]any{"in": map[string]any{"obligations": obs}}}).MustOK(t).Decode(t, &a)
		return a
	}
	if a := push([]map[string]any{pushObligation("LPTB-0")}); len(a.UpsertObligations.UserErrors) > 0 || len(a.UpsertObligations.Obligations) != 1 {
		t.Fatalf("a valid push: %+v", a.UpsertObligations)
	}
	// What a push may change: every obligation's row, as text.
	snapshot := func() string {
		t.Helper()
		var s string
		if err := srv.DB.Get(&s, `SELECT count(*)::text || ':' || coalesce(md5(string_agg(o::text, '|' ORDER BY id)), '')
			FROM obligations o`); err != nil {
			t.Fatal(err)
		}
		return s
	}

	long := func(n int) string { return strings.Repeat("ạ", n) }
	lines := func(n int) []map[string]any {
		ls := make([]map[string]any, n)
		for i := range ls {
			ls[i] = map[string]any{"kind": "FEE", "name": "Phí " + strconv.Itoa(i+1), "amount": 10_000}
		}
		return ls
	}
	set := func(field string, v any) func(map[string]any) { return func(o map[string]any) { o[field] = v } }
	line := func(field string, v any) func(map[string]any) {
		return func(o map[string]any) { o["lines"].([]map[string]any)[0][field] = v }
	}
	payee := func(field string, v any) func(map[string]any) {
		return func(o map[string]any) { o["payee"].(map[string]any)[field] = v }
	}
	both := func(f, g func(map[string]any)) func(map[string]any) {
		return func(o map[string]any) { f(o); g(o) }
	}
	tests := []struct {
		name   string
		change func(map[string]any) // of obligation 1
		field  []string             // under ["obligations", "1"]
		code   string
	}{
		{"no sourceRef", set("sourceRef", ""), []string{"sourceRef"}, "REQUIRED"},
		{"a blank sourceRef", set("sourceRef", "  \t "), []string{"sourceRef"}, "REQUIRED"},
		{"a sourceRef of 101 characters", set("sourceRef", long(101)), []string{"sourceRef"}, "INVALID"},
		{"a sourceRef with a control character", set("sourceRef", "LPTB\x1b1"), []string{"sourceRef"}, "INVALID"},
		{"no debtorIdNumber", set("debtorIdNumber", ""), []string{"debtorIdNumber"}, "REQUIRED"},
		{"a debtorIdNumber of 11 digits", set("debtorIdNumber", "07918576973"), []string{"debtorIdNumber"}, "INVALID"},
		{"a debtorIdNumber with a letter", set("debtorIdNumber", "07918576973O"), []string{"debtorIdNumber"}, "INVALID"},
		{"no debtorName", set("debtorName", " "), []string{"debtorName"}, "REQUIRED"},
		{"a debtorName of 501 characters", set("debtorName", long(501)), []string{"debtorName"}, "INVALID"},
		{"a debtorName with a NUL", set("debtorName", "Ngọc\x00"), []string{"debtorName"}, "INVALID"},
		{"no description", set("description", ""), []string{"description"}, "REQUIRED"},
		{"a description on two lines", set("description", "Lệ phí\ntrước bạ"), []string{"description"}, "INVALID"},
		{"a period with a byte-order mark", set("period", "\ufeff2026"), []string{"period"}, "INVALID"},
		{"a period of 501 characters", set("period", long(501)), []string{"period"}, "INVALID"},
		{"no lines", set("lines", []map[string]any{}), []string{"lines"}, "REQUIRED"},
		{"a line without a name", line("name", ""), []string{"lines", "0", "name"}, "REQUIRED"},
		{"a line name with a control character", line("name", "Lệ\u0085phí"), []string{"lines", "0", "name"}, "INVALID"},
		{"a line name of 501 characters", line("name", long(501)), []string{"lines", "0", "name"}, "INVALID"},
		{"the second line without a name", set("lines", []map[string]any{{"kind": "FEE", "name": "Lệ phí", "amount": 1000},
			{"kind": "POSTAGE", "name": "", "amount": 20_000}}), []string{"lines", "1", "name"}, "REQUIRED"},
		{"a line of 0 VND", line("amount", 0), []string{"lines", "0", "amount"}, "INVALID"},
		{"a line of -1 VND", line("amount", -1), []string{"lines", "0", "amount"}, "INVALID"},
		{"a line above a trillion VND", line("amount", 1_000_000_000_001), []string{"lines", "0", "amount"}, "INVALID"},
		{"lines totalling above a trillion VND", set("lines", []map[string]any{{"kind": "FEE", "name": "Lệ phí", "amount": 1_000_000_000_000},
			{"kind": "POSTAGE", "name": "Bưu chính", "amount": 1}}), []string{"lines"}, "INVALID"},
		{"no payee bankCode", payee("bankCode", ""), []string{"payee", "bankCode"}, "REQUIRED"},
		{"a payee bankCode with a control character", payee("bankCode", "KB\x7fNN"), []string{"payee", "bankCode"}, "INVALID"},
		{"no payee accountNumber", payee("accountNumber", "   "), []string{"payee", "accountNumber"}, "REQUIRED"},
		{"a payee accountNumber of 501 characters", payee("accountNumber", long(501)), []string{"payee", "accountNumber"}, "INVALID"},
		{"no payee accountName", payee("accountName", ""), []string{"payee", "accountName"}, "REQUIRED"},
		{"a payee accountName with a line separator", payee("accountName", "KBNN\u2028HCM"), []string{"payee", "accountName"}, "INVALID"},
		{"51 lines", set("lines", lines(51)), []string{"lines"}, "INVALID"},
		{"the sourceRef of obligation 0", set("sourceRef", "LPTB-0"), []string{"sourceRef"}, "DUPLICATE"},
		{"the sourceRef of obligation 0 with spaces around it", set("sourceRef", " LPTB-0\t"), []string{"sourceRef"}, "DUPLICATE"},
		{"the sourceRef of obligation 0 under another kind", both(set("kind", "TRAFFIC_FINE"), set("sourceRef", "LPTB-0")),
			[]string{"sourceRef"}, "DUPLICATE"},
		{"the sourceRef of obligation 0 and no debtorName: the field first", both(set("sourceRef", "LPTB-0"), set("debtorName", "")),
			[]string{"debtorName"}, "REQUIRED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := snapshot()
			changed := pushObligation("LPTB-0")
			changed["description"] = "Lệ phí trước bạ (đã điều chỉnh)"
			bad := pushObligation("LPTB-1")
			tt.change(bad)
			a := push([]map[string]any{changed, bad})
			want := append([]string{"obligations", "1"}, tt.field...)
			ues := a.UpsertObligations.UserErrors
			if len(ues) != 1 || !reflect.DeepEqual(ues[0].Field, want) || ues[0].Code != tt.code || ues[0].Message == "" {
				t.Errorf("userErrors = %+v, want exactly one %s at %q", ues, tt.code, want)
			}
			if len(a.UpsertObligations.Obligations) != 0 {
				t.Errorf("obligations = %+v, want none", a.UpsertObligations.Obligations)
			}
			if after := snapshot(); after != before {
				t.Errorf("obligations after the refused push: %s, want as before: %s", after, before)
			}
		})
	}

	// At the bounds, accepted: a reference of 100 characters (300 bytes;
	// the bound counts characters, as the table's CHECK does), a name of
	// 500, no period, text with spaces around it (stored trimmed); beside
	// it an obligation of 50 lines.
	edge := pushObligation(long(100))
	edge["debtorName"], edge["period"] = long(500), nil
	edge["payee"].(map[string]any)["bankCode"] = "  KBNN "
	edge["lines"].([]map[string]any)[0]["name"] = "\tLệ phí trước bạ "
	fifty := pushObligation("LPTB-50")
	fifty["lines"] = lines(50)
	if a := push([]map[string]any{edge, fifty}); len(a.UpsertObligations.UserErrors) > 0 || len(a.UpsertObligations.Obligations) != 2 {
		t.Fatalf("a push at the bounds: %+v", a.UpsertObligations)
	}
	var fiftyLines int
	if err := srv.DB.Get(&fiftyLines, `SELECT jsonb_array_length(lines) FROM obligations WHERE source_ref = 'LPTB-50'`); err != nil {
		t.Fatal(err)
	}
	if fiftyLines != 50 {
		t.Errorf("stored lines of LPTB-50: %d, want 50", fiftyLines)
	}
	var stored struct {
		Bank  string `db:"payee_bank_code"`
		Lines string `db:"lines"`
	}
	if err := srv.DB.Get(&stored, `SELECT payee_bank_code, lines::text AS lines FROM obligations WHERE source_ref = $1`, long(100)); err != nil {
		t.Fatal(err)
	}
	if stored.Bank != "KBNN" || !strings.Contains(stored.Lines, `"name": "Lệ phí trước bạ"`) {
		t.Errorf("stored payee bank %q, lines %s: want them trimmed", stored.Bank, stored.Lines)
	}

	// The list itself: 1 to 100 obligations (none is REQUIRED, like no
	// lines), each reference once: every later repeat is DUPLICATE at its
	// own sourceRef, and nothing is written.
	many := make([]map[string]any, 101)
	for i := range many {
		many[i] = pushObligation("LPTB-MANY-" + strconv.Itoa(i))
	}
	repeated := []map[string]any{pushObligation("LPTB-R0"), pushObligation("LPTB-R1"), pushObligation("LPTB-R2"),
		pushObligation("LPTB-R1"), pushObligation("LPTB-R0"), pushObligation("LPTB-R1")}
	for _, c := range []struct {
		name string
		obs  []map[string]any
		want []string // field:code
	}{
		{"no obligations", []map[string]any{}, []string{"obligations:REQUIRED"}},
		{"101 obligations", many, []string{"obligations:INVALID"}},
		{"obligation 3 repeats obligation 1", repeated[:4], []string{"obligations.3.sourceRef:DUPLICATE"}},
		{"obligations 3, 4 and 5 repeat 1, 0 and 1", repeated,
			[]string{"obligations.3.sourceRef:DUPLICATE", "obligations.4.sourceRef:DUPLICATE", "obligations.5.sourceRef:DUPLICATE"}},
	} {
		before := snapshot()
		a := push(c.obs).UpsertObligations
		var got []string
		for _, ue := range a.UserErrors {
			got = append(got, strings.Join(ue.Field, ".")+":"+ue.Code)
		}
		if !reflect.DeepEqual(got, c.want) || len(a.Obligations) != 0 {
			t.Errorf("%s: userErrors %q, obligations %+v; want %q and none", c.name, got, a.Obligations, c.want)
		}
		if after := snapshot(); after != before {
			t.Errorf("%s: obligations after: %s, want as before: %s", c.name, after, before)
		}
	}
}

// TestCancelObligationsFieldErrors: an agency's cancelObligations takes 1
// to 100 references (none is REQUIRED, as for upsertObligations); a
// reference it cannot have pushed (blank, control characters, over 100
// characters) or does not hold is a userError at its index, and nothing is
// cancelled; a NUL was an INTERNAL error.
func TestCancelObligationsFieldErrors(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	thue := srv.AgencyKey(t, "THUE")
	var up upsertObligationsAnswer
	srv.Do(t, apitest.Request{Token: thue, Query: upsertObligationsQ, Variables: map[string]any{"in": map[string]any{
		"obligations": []map[string]any{pushObligation("LPTB-C0")}}}}).MustOK(t).Decode(t, &up)
	if len(up.UpsertObligations.UserErrors) > 0 {
		t.Fatalf("a valid push: %+v", up.UpsertObligations)
	}
	statusOf := func() string {
		t.Helper()
		var s string
		if err := srv.DB.Get(&s, `SELECT status FROM obligations WHERE source_ref = 'LPTB-C0'`); err != nil {
			t.Fatal(err)
		}
		return s
	}
	many := make([]string, 101)
	for i := range many {
		many[i] = "LPTB-C" + strconv.Itoa(i)
	}
	for _, c := range []struct {
		name string
		refs []string
		want []string // field:code
	}{
		{"no references", []string{}, []string{"sourceRefs:REQUIRED"}},
		{"101 references", many, []string{"sourceRefs:INVALID"}},
		{"an unknown reference", []string{"LPTB-C0", "LPTB-NONE"}, []string{"sourceRefs.1:INVALID"}},
		{"a blank reference", []string{"LPTB-C0", " "}, []string{"sourceRefs.1:REQUIRED"}},
		{"a reference with a NUL", []string{"LPTB-C0", "LPTB\x00"}, []string{"sourceRefs.1:INVALID"}},
		{"a reference of 101 characters", []string{"LPTB-C0", strings.Repeat("ạ", 101)}, []string{"sourceRefs.1:INVALID"}},
	} {
		resp := srv.Do(t, apitest.Request{Token: thue, Query: `mutation($in: CancelObligationsInput!) { cancelObligations(input: $in) {
			obligations { sourceRef status } userErrors { field code message } } }`,
			Variables: map[string]any{"in": map[string]any{"sourceRefs": c.refs}}})
		if resp.Status != http.StatusOK || len(resp.Errors) > 0 {
			t.Errorf("%s: %s, want 200 with userErrors", c.name, resp)
			continue
		}
		var a struct {
			CancelObligations struct {
				Obligations []struct{ SourceRef, Status string }
				UserErrors  []struct {
					Field         []string
					Code, Message string
				}
			}
		}
		resp.Decode(t, &a)
		var got []string
		for _, ue := range a.CancelObligations.UserErrors {
			got = append(got, strings.Join(ue.Field, ".")+":"+ue.Code)
		}
		if !reflect.DeepEqual(got, c.want) || len(a.CancelObligations.Obligations) != 0 {
			t.Errorf("%s: userErrors %q, obligations %+v; want %q and none", c.name, got, a.CancelObligations.Obligations, c.want)
		}
		if s := statusOf(); s != "OPEN" {
			t.Errorf("%s: LPTB-C0 is %s, want OPEN", c.name, s)
		}
	}
	// A reference is compared as a push stores it: trimmed.
	resp := srv.Do(t, apitest.Request{Token: thue, Query: `mutation($in: CancelObligationsInput!) { cancelObligations(input: $in) {
		userErrors { field code } } }`, Variables: map[string]any{"in": map[string]any{"sourceRefs": []string{" LPTB-C0\t"}}}}).MustOK(t)
	if !strings.Contains(resp.String(), `"userErrors":[]`) || statusOf() != "CANCELLED" {
		t.Errorf("cancel of \" LPTB-C0\\t\": %s, LPTB-C0 %s; want no userErrors and CANCELLED", resp, statusOf())
	}
}
