package catalogue

import (
	"fmt"

	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/money"
)

// fixture is a small catalogue for the package's tests: the health card
// reissue, services that compete with it in a search, and enough filler to
// page through.
func fixture() SnapshotData {
	d := SnapshotData{
		Revision: 7,
		Agencies: []Agency{
			{Code: "BHXH", Name: i18n.T("Bảo hiểm xã hội Việt Nam", "Vietnam Social Security"), Level: LevelCentral},
			{Code: "BHXH-HN", Name: i18n.T("Bảo hiểm xã hội Hà Nội", "Hanoi Social Security"), Level: LevelProvincial, ParentCode: "BHXH"},
			{Code: "THUE", Name: i18n.T("Cục Thuế", "Tax Department"), Level: LevelCentral},
		},
		Offices: []Office{
			{Code: "BHXH-HN-01", AgencyCode: "BHXH-HN", ProvinceCode: "01", Name: i18n.T("Bộ phận một cửa BHXH Hà Nội", "Hanoi one-stop counter"), Address: "86 Trần Hưng Đạo"},
			{Code: "BHXH-79-01", AgencyCode: "BHXH", ProvinceCode: "79", Name: i18n.T("BHXH TP HCM", "HCMC Social Security"), Address: "117C Nguyễn Đình Chính"},
		},
		Categories: []Category{
			{Code: "BHYT", Name: i18n.T("Bảo hiểm y tế", "Health insurance")},
			{Code: "THUE", Name: i18n.T("Thuế", "Taxes")},
		},
	}
	svc := func(code, agency, cat, vi, en string, pop int, kw ...string) Published {
		return Published{
			Service: Service{Code: code, AgencyCode: agency, CategoryCode: cat, Status: StatusPublished, CurrentVersion: 1, Keywords: kw, Popularity: pop},
			Version: ServiceVersion{
				ServiceCode: code, AgencyCode: agency, CategoryCode: cat, Number: 1,
				Name: i18n.T(vi, en), Summary: i18n.T("Tóm tắt "+vi, "Summary"), OnlineLevel: OnlineFull, RequiresLogin: true,
				Channels: []Channel{{Channel: Online, ProcessingTime: ProcessingTime{Value: 5, Unit: WorkingDay}, Fees: []money.Money{{Amount: 0, Currency: "VND"}}}},
				Handler:  HandlerBinding{Kind: Builtin, Name: "generic"},
			},
		}
	}
	hc := svc("HC-REISSUE", "BHXH", "BHYT", "Cấp lại thẻ BHYT do mất, hỏng", "Reissue of a health insurance card (lost or damaged)", 100, "thẻ bảo hiểm y tế", "mất thẻ")
	hc.Version.Cases = []Case{
		{Code: "LOST", Name: i18n.T("Mất thẻ", "Lost card")},
		{Code: "DAMAGED", Name: i18n.T("Hỏng thẻ", "Damaged card")},
	}
	hc.Version.Channels = append(hc.Version.Channels, Channel{Channel: Counter, ProcessingTime: ProcessingTime{Value: 5, Unit: WorkingDay}})
	d.Services = append(d.Services,
		hc,
		svc("HC-FIRST", "BHXH", "BHYT", "Cấp thẻ BHYT lần đầu", "First health insurance card", 10, "thẻ bảo hiểm y tế"),
		svc("HC-RENEW", "BHXH-HN", "BHYT", "Gia hạn thẻ bảo hiểm y tế", "Renew a health insurance card", 5),
		svc("SI-BOOK", "BHXH", "BHYT", "Cấp lại sổ bảo hiểm xã hội", "Reissue of a social insurance book", 5, "bhxh"),
		svc("TAX-PAY", "THUE", "THUE", "Nộp thuế điện tử", "Pay taxes online", 50, "nộp thuế"),
	)
	for i := range 40 {
		d.Services = append(d.Services, svc(fmt.Sprintf("TAX-F%02d", i), "THUE", "THUE", fmt.Sprintf("Khai thuế mẫu %02d", i), fmt.Sprintf("Tax return form %02d", i), i%3))
	}
	// A service of an unknown agency is left out of the snapshot.
	d.Services = append(d.Services, svc("ORPHAN", "NOPE", "THUE", "Mồ côi", "", 0))
	return d
}
