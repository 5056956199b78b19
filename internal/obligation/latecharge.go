package obligation

import (
	"time"

	"github.com/dvcportal/dvcportal/internal/vntime"
)

// Fines (contract/running.md; Law on Handling of Administrative Violations
// art. 78): payable without charge until receivedOn + 10 calendar days; paid
// on day P, the late days are max(0, P − receivedOn − 11) and the late charge
// floor(fine × 5 × lateDays / 10000) VND (0.05% a day).
const (
	fineFreeDays         = 11
	fineRatePerTenThouse = 5
)

// FineLateCharge returns the late charge in VND of a fine received on
// receivedOn and paid on paidOn (calendar days, midnight UTC). Pure: no
// clock, no rounding other than the floor.
func FineLateCharge(fine int64, receivedOn, paidOn time.Time) int64 {
	late := FineLateDays(receivedOn, paidOn)
	if late <= 0 || fine <= 0 {
		return 0
	}
	return fine * fineRatePerTenThouse * late / 10000
}

// FineLateDays is max(0, paidOn − receivedOn − 11) in calendar days.
func FineLateDays(receivedOn, paidOn time.Time) int64 {
	days := int64(vntime.DateOf(paidOn).Sub(vntime.DateOf(receivedOn)).Hours() / 24)
	return max(0, days-fineFreeDays)
}
