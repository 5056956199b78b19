package catalogue

import (
	"strings"
	"testing"
)

// TestSeedSearch checks the search against the real seed catalogue: the
// queries of the contract find the health card reissue first.
func TestSeedSearch(t *testing.T) {
	s := NewSnapshot(FromSeed(loadSeed(t)))
	for _, q := range []string{
		"cap lai the bhyt", "Cấp lại thẻ BHYT", "bhyt", "the bao hiem y te", "BHYT", "thẻ bảo hiểm y tế",
		"cấp lại thẻ bảo hiểm y tế", "mat the bhyt", "HC-REISSUE",
	} {
		codes := searchCodes(t, s, q)
		if len(codes) == 0 || codes[0] != "HC-REISSUE" {
			t.Errorf("search %q = %v, want HC-REISSUE first", q, codes[:min(5, len(codes))])
		}
	}
	for q, want := range map[string]string{
		"nop thue":             "TAX-PAYMENT",
		"thanh toan tien dien": "EVN-BILL-PAYMENT",
		"phat nguoi":           "TRAFFIC-FINE-PAYMENT",
		"khuyen mai":           "SALES-PROMOTION-REGISTRATION",
	} {
		codes := searchCodes(t, s, q)
		if len(codes) == 0 || codes[0] != want {
			t.Errorf("search %q = %v, want %s first", q, codes[:min(5, len(codes))], want)
		}
	}
	all, total := walk(t, s, ServiceFilter{}, 20)
	if total < 200 || len(all) != total {
		t.Fatalf("catalogue: walked %d of %d", len(all), total)
	}
	if strings.Join(all[:1], "") != "HC-REISSUE" {
		t.Fatalf("the catalogue starts with %v", all[:3])
	}
}
