package main

import (
	"github.com/dvcportal/dvcportal/internal/catalogue/seed"
)

// Sales promotion (Decree 81/2018/NĐ-CP as amended by Decree 128/2024/NĐ-CP):
// a promotion of chance in one province is registered with that province's
// Department of Industry and Trade, in two or more with the Ministry (its
// Trade Promotion Agency, XTTM); a notification goes to the department of
// every province of the area. The handler "salespromotion" routes by these
// codes; the decree's thresholds are the form parameters below.

// The service codes the salespromotion handler routes to.
const (
	promotionRegistrationCode = "SALES-PROMOTION-REGISTRATION"
	promotionNotificationCode = "SALES-PROMOTION-NOTIFICATION"
)

var promotionLaw = []string{
	"Luật Thương mại số 36/2005/QH11",
	"Nghị định 81/2018/NĐ-CP ngày 22/5/2018 quy định chi tiết Luật Thương mại về hoạt động xúc tiến thương mại",
	"Nghị định 128/2024/NĐ-CP ngày 10/10/2024 sửa đổi, bổ sung một số điều của Nghị định 81/2018/NĐ-CP",
}

func codedDoc(code, vi, en string, originals, copies int, required bool) seed.Document {
	d := doc(vi, en, originals, copies)
	d.Code, d.Required = code, required
	return d
}

// departmentsOfTrade are the Departments of Industry and Trade of the
// provinces other than Hanoi (SCT-01 is written in agencies).
func departmentsOfTrade(provinces []province) []seed.Agency {
	var out []seed.Agency
	for _, p := range provinces {
		if p.Code == "01" {
			continue
		}
		code := "SCT-" + p.Code
		out = append(out, seed.Agency{
			Code: code, Level: "PROVINCIAL",
			Name: t("Sở Công Thương "+p.FullName, "Department of Industry and Trade of "+p.FullNameEn),
			Offices: []office{off(code+"-MOTCUA", "Bộ phận Một cửa Sở Công Thương "+p.FullName,
				"One-stop counter of the Department of Industry and Trade of "+p.FullNameEn, p.Code,
				"Trung tâm Phục vụ hành chính công "+p.FullName)},
		})
	}
	return out
}

// promotionServices are the registration and the notification of each
// province's department.
func promotionServices(provinces []province) []seed.Service {
	var out []seed.Service
	for _, p := range provinces {
		agency := "SCT-" + p.Code
		reg := promotionRegistration(promotionRegistrationCode+"-"+p.Code, agency,
			t("Đăng ký thực hiện khuyến mại theo hình thức mang tính may rủi trên địa bàn "+p.FullName,
				"Registration of a lucky-draw sales promotion in "+p.FullNameEn),
			t("Chương trình khuyến mại mang tính may rủi chỉ thực hiện trên địa bàn "+p.FullName+"; Sở Công Thương xác nhận trong 05 ngày làm việc.",
				"A lucky-draw promotion run only in "+p.FullNameEn+"; the Department confirms it within 5 working days."))
		reg.Keywords = []string{"dang ky khuyen mai tinh", "khuyen mai so cong thuong " + p.Code}
		out = append(out, reg, promotionNotification(p))
	}
	return out
}

// promotionRegistration is a registration service of a promotion of chance.
func promotionRegistration(code, agency string, name, summary seed.Text) seed.Service {
	return seed.Service{
		Code: code, AgencyCode: agency, CategoryCode: "XUC-TIEN-THUONG-MAI",
		Keywords: []string{"khuyen mai", "dang ky khuyen mai", "thuc hien khuyen mai", "may rui", "xuc tien thuong mai"},
		Handler:  seed.Handler{Kind: "BUILTIN", Name: "salespromotion"},
		Version: seed.Version{
			Name: name, Summary: summary,
			Description: t("Thương nhân (qua người đại diện theo pháp luật) gửi hồ sơ đăng ký trước khi thực hiện khuyến mại mang tính may rủi; "+
				"chương trình trên địa bàn một tỉnh, thành phố đăng ký tại Sở Công Thương, từ hai tỉnh, thành phố trở lên tại Bộ Công Thương. "+
				"Cơ quan xác nhận hoặc từ chối (nêu lý do) trong 05 ngày làm việc; không mất phí.",
				"The trader (through its legal representative) files the registration before a promotion of chance starts; "+
					"a promotion in one province is registered with that province's Department of Industry and Trade, in two or more with the Ministry. "+
					"The agency confirms or refuses (with a reason) within 5 working days; free of charge."),
			OnlineLevel: "FULL",
			Channels:    []seed.Channel{ch("ONLINE", 5, "WORKING_DAY", free())},
			Cases: []seed.Case{
				{Code: "NEW", Name: t("Đăng ký mới chương trình khuyến mại", "New promotion"), Documents: []seed.Document{
					codedDoc("APPLICATION_FORM", "Đơn đề nghị thực hiện khuyến mại (Mẫu số 02 Phụ lục Nghị định 81/2018/NĐ-CP)", "Application to run a promotion (form 02, Decree 81/2018/ND-CP)", 1, 0, true),
					codedDoc("RULES", "Thể lệ chương trình khuyến mại (Mẫu số 03)", "Promotion rules (form 03)", 1, 0, true),
					codedDoc("PRIZE_EVIDENCE_SAMPLE", "Mẫu vé số dự thưởng, thẻ cào hoặc bằng chứng xác định trúng thưởng", "Sample of the ticket, scratch card or winning evidence", 1, 0, true),
					codedDoc("GOODS_QUALITY", "Giấy tờ chứng minh chất lượng hàng hóa dùng để khuyến mại (nếu pháp luật yêu cầu)", "Proof of quality of the goods used as prizes (where the law requires one)", 0, 1, false),
				}},
				{Code: "AMEND", Name: t("Sửa đổi, bổ sung nội dung chương trình đã đăng ký", "Amendment of a registered promotion"), Documents: []seed.Document{
					codedDoc("AMENDMENT_FORM", "Đơn đề nghị sửa đổi, bổ sung nội dung chương trình khuyến mại (Mẫu số 04)", "Application to amend a promotion (form 04)", 1, 0, true),
					codedDoc("CONFIRMATION", "Văn bản xác nhận chương trình khuyến mại đã được cấp", "Confirmation of the registered promotion", 0, 1, false),
				}},
			},
			DeliveryMethods: []string{"ELECTRONIC"},
			LegalBasis:      promotionLaw,
			Form:            promotionForm(true),
			EffectiveFrom:   "2025-07-01",
		},
	}
}

// promotionNotification is the notification service of one province's
// department: received, no processing.
func promotionNotification(p province) seed.Service {
	return seed.Service{
		Code: promotionNotificationCode + "-" + p.Code, AgencyCode: "SCT-" + p.Code, CategoryCode: "XUC-TIEN-THUONG-MAI",
		Keywords: []string{"thong bao khuyen mai", "thong bao khuyen mai " + p.Code},
		Handler:  seed.Handler{Kind: "BUILTIN", Name: "salespromotion"},
		Version: seed.Version{
			Name: t("Thông báo thực hiện khuyến mại trên địa bàn "+p.FullName, "Notification of a sales promotion in "+p.FullNameEn),
			Summary: t("Thương nhân thông báo chương trình khuyến mại (phiếu dự thi, khách hàng thường xuyên…) chậm nhất 03 ngày làm việc trước khi thực hiện.",
				"The trader notifies a promotion (contest entry forms, frequent-customer programs…) at least 3 working days before it starts."),
			Description: t("Sở Công Thương tiếp nhận thông báo; không giải quyết, không mất phí.",
				"The Department receives the notification; it is not processed; free of charge."),
			OnlineLevel: "FULL",
			Channels:    []seed.Channel{ch("ONLINE", 1, "WORKING_DAY", free())},
			Cases: []seed.Case{
				{Code: "NEW", Name: t("Thông báo chương trình khuyến mại", "Notification of a promotion"), Documents: []seed.Document{
					codedDoc("NOTICE_FORM", "Thông báo thực hiện khuyến mại (Mẫu số 01 Phụ lục Nghị định 81/2018/NĐ-CP)", "Notification of a promotion (form 01, Decree 81/2018/ND-CP)", 1, 0, true),
					codedDoc("RULES", "Thể lệ chương trình khuyến mại", "Promotion rules", 0, 1, false),
				}},
			},
			DeliveryMethods: []string{"ELECTRONIC"},
			LegalBasis:      promotionLaw,
			Form:            promotionForm(false),
			EffectiveFrom:   "2025-07-01",
		},
	}
}

// promotionForm describes the typed input of registerSalesPromotion (with
// prizes) or notifySalesPromotion; the area (provinceCodes) and the
// co-operating traders are lists the form definition cannot express.
func promotionForm(registration bool) seed.Form {
	text := func(name, vi, en string, min, max float64) seed.FormField {
		return seed.FormField{Name: name, Label: t(vi, en), Type: "TEXT", Required: true, Min: num(min), Max: num(max)}
	}
	forms := []seed.Option{
		opt("CONTEST_ENTRY", "Phiếu dự thi", "Contest entry forms"),
		opt("FREQUENT_CUSTOMER", "Chương trình khách hàng thường xuyên", "Frequent-customer program"),
	}
	if registration {
		forms = []seed.Option{
			opt("LUCKY_DRAW", "Quay số, bốc thăm, cào trúng thưởng", "Lucky draw (prize draw, scratch card)"),
			opt("OTHER_CHANCE", "Hình thức khác mang tính may rủi", "Another promotion of chance"),
		}
	}
	fields := []seed.FormField{
		text("programName", "Tên chương trình khuyến mại", "Promotion name", 5, 300),
		{Name: "form", Label: t("Hình thức khuyến mại", "Form of promotion"), Type: "SELECT", Required: true, Options: forms},
		{Name: "startDate", Label: t("Ngày bắt đầu", "Start date"), Type: "DATE", Required: true},
		{Name: "endDate", Label: t("Ngày kết thúc", "End date"), Type: "DATE", Required: true},
		text("promotedGoods", "Hàng hóa, dịch vụ được khuyến mại", "Goods and services promoted", 2, 2000),
		text("customers", "Khách hàng của chương trình", "Customers of the promotion", 2, 1000),
		text("rules", "Nội dung, thể lệ chương trình", "Rules of the promotion", 10, 20000),
	}
	if registration {
		fields = append(fields,
			text("prizeGoods", "Hàng hóa, dịch vụ dùng để khuyến mại", "Goods and services given as prizes", 2, 2000),
			text("prizeStructure", "Cơ cấu giải thưởng", "Prize structure", 2, 5000),
			seed.FormField{Name: "totalPrizeValue", Label: t("Tổng giá trị giải thưởng (đồng)", "Total prize value (VND)"), Type: "NUMBER", Required: true, Min: num(1), Max: num(1_000_000_000_000)},
			// Case AMEND only (the handler requires it there, refuses it
			// for a new program).
			seed.FormField{Name: "changes", Label: t("Nội dung sửa đổi, bổ sung", "What the amendment changes"), Type: "TEXT", Min: num(10), Max: num(5000)},
		)
		return seed.Form{Fields: fields, Parameters: map[string]int64{
			"maxProvinces": 34,
			// A promotion of chance with a total prize value below this
			// needs no registration (Decree 81/2018/NĐ-CP art. 17(2)(a) and
			// art. 19, as amended by Decree 128/2024/NĐ-CP): 100 000 000 VND
			// as read from the 2018 text; the 2024 amendment's figure could
			// not be checked here (see the closing note), which is why it is
			// data and not code.
			"registrationThresholdVND": 100_000_000,
		}}
	}
	return seed.Form{Fields: fields, Parameters: map[string]int64{
		// Notified at least this many working days before the start
		// (Decree 81/2018, art. 17 as amended).
		"noticeLeadWorkingDays": 3,
		"maxProvinces":          34,
	}}
}
