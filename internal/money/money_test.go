package money

import (
	"math"
	"testing"
)

func TestSum(t *testing.T) {
	tests := []struct {
		name string
		in   []Money
		want Money
		ok   bool
	}{
		{"none is 0 VND", nil, Dong(0), true},
		{"two fees", []Money{Dong(30_000), Dong(20_000)}, Dong(50_000), true},
		{"above int32", []Money{Dong(3_000_000_000), Dong(3_000_000_000)}, Dong(6_000_000_000), true},
		{"two currencies", []Money{Dong(1), {Amount: 1, Currency: "USD"}}, Money{}, false},
		{"overflow", []Money{Dong(math.MaxInt64), Dong(1)}, Money{}, false},
	}
	for _, tt := range tests {
		got, err := Sum(tt.in...)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("%s: Sum = %v, %v; want %v, ok %v", tt.name, got, err, tt.want, tt.ok)
		}
	}
}
