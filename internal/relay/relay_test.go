package relay

import (
	"testing"

	"github.com/dvcportal/dvcportal/internal/apperr"
)

func TestIDRoundTrip(t *testing.T) {
	id := EncodeID("Service", "HC-REISSUE")
	typ, key, err := DecodeID(id)
	if err != nil || typ != "Service" || key != "HC-REISSUE" {
		t.Fatalf("DecodeID = %q %q %v", typ, key, err)
	}
	for _, bad := range []string{"", "!!!", EncodeID("", "x"), "U2VydmljZQ"} {
		if _, _, err := DecodeID(bad); err == nil {
			t.Errorf("DecodeID(%q) accepted", bad)
		}
	}
}

func TestParsePage(t *testing.T) {
	n := func(i int) *int { return &i }
	tests := []struct {
		first  *int
		want   int
		reject bool
	}{
		{nil, 20, false}, {n(0), 0, false}, {n(100), 100, false}, {n(101), 0, true}, {n(-1), 0, true},
	}
	for _, tt := range tests {
		p, err := ParsePage(tt.first, nil, 20)
		if tt.reject {
			if c, _ := apperr.CodeOf(err); c != apperr.BadUserInput {
				t.Errorf("first=%v: err %v, want BAD_USER_INPUT", *tt.first, err)
			}
			continue
		}
		if err != nil || p.First != tt.want {
			t.Errorf("first=%v: got %v %v", tt.first, p, err)
		}
	}
}

func TestCursor(t *testing.T) {
	type pos struct {
		Rank float64
		Code string
	}
	var got pos
	if err := DecodeCursor(EncodeCursor(pos{1.5, "A"}), &got); err != nil || got.Code != "A" {
		t.Fatalf("round trip: %v %v", got, err)
	}
	for _, bad := range []string{"garbage!", EncodeCursor(map[string]int{"Other": 1}), EncodeCursor([]int{1})} {
		if err := DecodeCursor(bad, &got); err == nil {
			t.Errorf("DecodeCursor(%q) accepted", bad)
		}
	}
}

func TestIntIDs(t *testing.T) {
	gid := EncodeIntID("Payment", 42)
	for _, tt := range []struct {
		name, typ, gid string
		want           int64
		ok             bool
	}{
		{"own type", "Payment", gid, 42, true},
		{"another type", "Receipt", gid, 0, false},
		{"not a number", "Payment", EncodeID("Payment", "x1"), 0, false},
		{"zero", "Payment", EncodeID("Payment", "0"), 0, false},
		{"negative", "Payment", EncodeID("Payment", "-3"), 0, false},
		{"garbage", "Payment", "%%%", 0, false},
	} {
		got, ok := DecodeIntID(tt.typ, tt.gid)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: DecodeIntID = %d, %v; want %d, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}
