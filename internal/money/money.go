// Package money owns amounts of money: Money is an int64 amount in the
// currency's smallest unit (VND has no minor unit), never a float. The
// catalogue's fees, an application's fee and payments all use it, so none
// of them imports another for it.
package money

import (
	"fmt"
	"strconv"
)

// VND is the Vietnamese đồng, the currency of every fee today.
const VND = "VND"

// Money is an amount in a currency's smallest unit.
type Money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

// Dong returns amount đồng.
func Dong(amount int64) Money { return Money{Amount: amount, Currency: VND} }

// String formats m as "150000 VND".
func (m Money) String() string { return fmt.Sprintf("%d %s", m.Amount, m.Currency) }

// Sum adds amounts of one currency; the sum of none is 0 VND. Amounts in two
// currencies, or a sum that overflows int64, are an error.
func Sum(ms ...Money) (Money, error) {
	total := Dong(0)
	for i, m := range ms {
		if i == 0 {
			total.Currency = m.Currency
		}
		if m.Currency != total.Currency {
			return Money{}, fmt.Errorf("money: cannot add %s to %s", m.Currency, total.Currency)
		}
		if (m.Amount > 0 && total.Amount > maxInt64-m.Amount) || (m.Amount < 0 && total.Amount < minInt64-m.Amount) {
			return Money{}, fmt.Errorf("money: sum overflows")
		}
		total.Amount += m.Amount
	}
	return total, nil
}

const (
	maxInt64 = 1<<63 - 1
	minInt64 = -1 << 63
)

// FormatVND writes an amount with dot thousands separators: 1.250.000.
func FormatVND(v int64) string {
	s := strconv.FormatInt(v, 10)
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, '.')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}
