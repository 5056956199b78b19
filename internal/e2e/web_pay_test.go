package e2e_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/obligation"
	"github.com/dvcportal/dvcportal/internal/population"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// The browser suite's payers (sandbox personas no other browser scenario uses).
const (
	webPayer      = "Nguyễn Hữu Dũng"  // tax, electricity, a late fine with held papers
	webRetryPayer = "Nguyễn Minh Kiên" // a fine: cancelled, then refused, then paid; a fine whose papers are collected at the counter
)

// webPostage is the browser suite's PAYMENT_POSTAGE: not 0, so that the
// checkout's quote, "Pay" and the confirmation show the postage line of
// papers sent back by post.
const webPostage = 27_000

// webPayDay is today in Vietnam, the day the server quotes for.
func webPayDay() time.Time {
	return vntime.DateOf(time.Now())
}

// webObligations writes the browser suite's own sandbox obligations file
// (contract/running.md), dated relative to today so that a late fine is late
// and an open bill is open whatever the day, and returns its path and what
// the script needs to know about it.
func webObligations(t *testing.T, payer, retry population.Person) (string, map[string]any) {
	t.Helper()
	today := webPayDay()
	day := func(n int) string { return today.AddDate(0, 0, n).Format(time.DateOnly) }
	kbnn1 := map[string]string{"bankCode": "KBNN", "accountNumber": "7111", "accountName": "KBNN Hà Nội"}
	kbnn2 := map[string]string{"bankCode": "KBNN", "accountNumber": "7211", "accountName": "KBNN TP Hồ Chí Minh"}
	const lateFine, retryFine, counterFine = int64(4_000_000), int64(1_500_000), int64(800_000)
	lateReceived := today.AddDate(0, 0, -30)
	file := map[string]any{
		"tax": []any{map[string]any{"taxCode": payer.IDNumber, "name": payer.FullName, "payables": []any{
			map[string]any{"id": "04057866369409001", "authority": "Chi cục Thuế khu vực I", "chapter": "757", "subItem": "1001",
				"period": "2025", "dueDate": day(30), "amount": 1_800_000, "reference": "11020260049001001", "payee": kbnn1},
			map[string]any{"id": "04057866369409002", "authority": "Chi cục Thuế khu vực I", "chapter": "757", "subItem": "1003",
				"period": "2026-Q3", "dueDate": day(-10), "amount": 450_000, "reference": "11020260049001002", "payee": kbnn1},
			map[string]any{"id": "04057866369409003", "authority": "Chi cục Thuế khu vực II", "chapter": "757", "subItem": "1001",
				"period": "2026-Q3", "dueDate": day(-5), "amount": 300_000, "reference": "11020260049001003", "payee": kbnn2},
			map[string]any{"id": "04057866369409004", "authority": "Chi cục Thuế khu vực I", "chapter": "757", "subItem": "1001",
				"period": "2024", "dueDate": day(-200), "amount": 900_000, "reference": "11020260049001004", "payee": kbnn1, "paidOn": day(-210)},
		}}},
		"electricity": []any{map[string]any{"customerCode": "PD01000777001", "name": payer.FullName, "provinceCode": "01", "wardCode": "00004",
			"bills": []any{
				map[string]any{"id": "HD-W-08", "period": "2026-08", "kwh": 150, "amount": 420_000, "dueDate": day(-70), "paidOn": day(-75)},
				map[string]any{"id": "HD-W-09", "period": "2026-09", "kwh": 198, "amount": 571_230, "dueDate": day(-40)},
				map[string]any{"id": "HD-W-10", "period": "2026-10", "kwh": 212, "amount": 612_450, "dueDate": day(-10)},
				map[string]any{"id": "HD-W-11", "period": "2026-11", "kwh": 230, "amount": 668_900, "dueDate": day(5)},
			}}},
		"trafficFines": []any{
			map[string]any{"decisionNumber": "902/QĐ-XPHC", "plateNumber": "30E22222", "violatorIdNumber": payer.IDNumber,
				"violatorName": payer.FullName, "decidedOn": lateReceived.Format(time.DateOnly), "receivedOn": lateReceived.Format(time.DateOnly),
				"unit": "PC08-HN", "violation": "Không chấp hành hiệu lệnh của đèn tín hiệu giao thông",
				"article": "Điều 6 khoản 9 điểm c Nghị định 168/2024/NĐ-CP", "fine": lateFine, "heldPapers": []string{"DRIVING_LICENCE"}, "points": 4,
				"payee": kbnn1},
			map[string]any{"decisionNumber": "903/QĐ-XPHC", "plateNumber": "51F33333", "violatorIdNumber": retry.IDNumber,
				"violatorName": retry.FullName, "decidedOn": day(-2), "receivedOn": day(-2),
				"unit": "PC08-HCM", "violation": "Chạy quá tốc độ quy định từ 10 km/h đến 20 km/h",
				"article": "Điều 7 khoản 5 điểm a Nghị định 168/2024/NĐ-CP", "fine": retryFine, "heldPapers": []string{}, "points": 0,
				"payee": kbnn2},
			map[string]any{"decisionNumber": "904/QĐ-XPHC", "plateNumber": "51G44444", "violatorIdNumber": retry.IDNumber,
				"violatorName": retry.FullName, "decidedOn": day(-1), "receivedOn": day(-1),
				"unit": "PC08-HCM", "violation": "Không có giấy phép lái xe theo quy định",
				"article": "Điều 18 khoản 2 điểm a Nghị định 168/2024/NĐ-CP", "fine": counterFine, "heldPapers": []string{"VEHICLE_REGISTRATION"}, "points": 0,
				"payee": kbnn2},
		},
	}
	b, err := json.MarshalIndent(file, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "obligations.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	late := obligation.FineLateCharge(lateFine, lateReceived, today)
	if late <= 0 {
		t.Fatalf("the fine received 30 days ago has no late charge today (%d): the fixture no longer exercises it", late)
	}
	person := func(p population.Person) map[string]string {
		return map[string]string{"id": p.IDNumber, "name": p.FullName, "phone": "0" + strings.TrimPrefix(p.Phone, "+84"), "password": apitest.Password}
	}
	return path, map[string]any{
		"payer": person(payer), "retry": person(retry),
		"postage":     webPostage,
		"tax":         map[string]any{"taxCode": payer.IDNumber, "pay": []string{"04057866369409001", "04057866369409002"}, "other": "04057866369409003", "paid": "04057866369409004", "total": 2_250_000},
		"electricity": map[string]any{"customerCode": "pd01 000 777 001", "older": "PD01000777001/HD-W-09", "newer": "PD01000777001/HD-W-10", "newest": "PD01000777001/HD-W-11", "total": 571_230 + 612_450},
		"lateFine":    map[string]any{"decision": "902/QĐ-XPHC", "plate": "30E-222.22", "fine": lateFine, "late": late},
		"retryFine":   map[string]any{"decision": "903/QĐ-XPHC", "idNumber": retry.IDNumber, "fine": retryFine},
		"counterFine": map[string]any{"decision": "904/QĐ-XPHC", "plate": "51G-444.44", "fine": counterFine},
	}
}
