package main

import "github.com/dvcportal/dvcportal/internal/catalogue/seed"

// The five services of the seed flow (DESIGN §2), written by hand.

func num(f float64) *float64 { return &f }

func free() []seed.Money { return []seed.Money{{Amount: 0, Currency: "VND"}} }

func ch(channel string, value int, unit string, fees []seed.Money) seed.Channel {
	return seed.Channel{Channel: channel, ProcessingTime: seed.ProcessingTime{Value: value, Unit: unit}, Fees: fees}
}

func doc(vi, en string, originals, copies int) seed.Document {
	return seed.Document{Name: t(vi, en), Originals: originals, Copies: copies}
}

func opt(value, vi, en string) seed.Option { return seed.Option{Value: value, Label: t(vi, en)} }

// The patterns the seed forms share.
const (
	patternSocialInsuranceCode = `^[0-9]{10}$`
	patternTaxCode             = `^([0-9]{10}|[0-9]{12}|[0-9]{10}-[0-9]{3})$`
	patternPeriod              = `^(0[1-9]|1[0-2])/20[0-9]{2}$`
	patternEVNCustomer         = `^P[A-Z][0-9A-Z]{11}$`
	patternLicencePlate        = `^[0-9]{2}[A-Z]{1,2}[0-9]?-?[0-9]{3}\.?[0-9]{2}$`
)

func healthCardReissue() seed.Service {
	return seed.Service{
		Code: "HC-REISSUE", AgencyCode: "BHXH", CategoryCode: "BAO-HIEM-Y-TE",
		Keywords: []string{"bhyt", "the bao hiem y te", "cap lai the", "cap lai the bhyt", "doi the bhyt", "mat the", "hong the"},
		Handler:  seed.Handler{Kind: "BUILTIN", Name: "healthcard"},
		Version: seed.Version{
			Name: t("Cấp lại thẻ BHYT do mất, hỏng", "Reissue of a health insurance card due to loss or damage"),
			Summary: t("Cấp lại thẻ bảo hiểm y tế bị mất hoặc đổi thẻ bị hỏng; không mất phí.",
				"Reissue a lost health insurance card or exchange a damaged one; free of charge."),
			Description: t("Người tham gia bảo hiểm y tế bị mất thẻ được cấp lại thẻ; thẻ bị rách, hỏng được đổi thẻ. "+
				"Nộp trực tuyến, tại bộ phận tiếp nhận và trả kết quả của cơ quan Bảo hiểm xã hội hoặc qua dịch vụ bưu chính. "+
				"Kết quả nhận tại quầy hoặc qua bưu chính.",
				"A person covered by health insurance whose card is lost gets it reissued; a torn or damaged card is exchanged. "+
					"Apply online, at a Social Security receiving-and-returning counter, or by post. "+
					"Collect the result at the counter or receive it by post."),
			OnlineLevel: "FULL",
			Channels: []seed.Channel{
				ch("ONLINE", 5, "WORKING_DAY", free()),
				ch("COUNTER", 7, "WORKING_DAY", free()),
				ch("POSTAL", 7, "WORKING_DAY", free()),
			},
			Cases: []seed.Case{
				{Code: "LOST", Name: t("Cấp lại thẻ BHYT do bị mất", "Reissue of a lost card"), Documents: []seed.Document{
					doc("Tờ khai tham gia, điều chỉnh thông tin bảo hiểm xã hội, bảo hiểm y tế (Mẫu TK1-TS)",
						"Declaration of participation in or change of social and health insurance information (form TK1-TS)", 1, 0),
				}},
				{Code: "DAMAGED", Name: t("Đổi thẻ BHYT do bị rách, hỏng", "Exchange of a damaged card"), Documents: []seed.Document{
					doc("Tờ khai tham gia, điều chỉnh thông tin bảo hiểm xã hội, bảo hiểm y tế (Mẫu TK1-TS)",
						"Declaration of participation in or change of social and health insurance information (form TK1-TS)", 1, 0),
					doc("Thẻ BHYT bị rách, hỏng", "The damaged health insurance card", 1, 0),
				}},
			},
			DeliveryMethods: []string{"COUNTER", "POSTAL"},
			LegalBasis: []string{
				"Luật Bảo hiểm y tế số 25/2008/QH12, sửa đổi, bổ sung bởi Luật số 46/2014/QH13 và Luật số 51/2024/QH15",
				"Nghị định 188/2025/NĐ-CP ngày 01/7/2025 quy định chi tiết và hướng dẫn thi hành một số điều của Luật Bảo hiểm y tế",
				"Quyết định 595/QĐ-BHXH ngày 14/4/2017 ban hành quy trình thu bảo hiểm xã hội, bảo hiểm y tế, cấp sổ bảo hiểm xã hội, thẻ bảo hiểm y tế",
			},
			Form: seed.Form{Fields: []seed.FormField{
				{Name: "socialInsuranceCode", Label: t("Mã số bảo hiểm xã hội", "Social insurance code"), Type: "TEXT", Required: true, Pattern: patternSocialInsuranceCode},
				{Name: "reason", Label: t("Lý do", "Reason"), Type: "SELECT", Required: true, Options: []seed.Option{
					opt("LOST", "Mất thẻ", "Card lost"),
					opt("DAMAGED", "Thẻ bị rách, hỏng", "Card damaged"),
				}},
			}},
			EffectiveFrom: "2025-07-01",
		},
	}
}

func taxPayment() seed.Service {
	return seed.Service{
		Code: "TAX-PAYMENT", AgencyCode: "THUE", CategoryCode: "THUE",
		Keywords: []string{"nop thue", "nop thue dien tu", "thue thu nhap ca nhan", "le phi truoc ba", "thue dat", "ngan sach nha nuoc"},
		Handler:  seed.Handler{Kind: "BUILTIN", Name: "form"},
		Version: seed.Version{
			Name: t("Nộp thuế, phí, lệ phí và các khoản thu khác vào ngân sách nhà nước",
				"Payment of taxes, fees, charges and other state budget revenues"),
			Summary: t("Nộp thuế điện tử cho cá nhân và tổ chức: thuế thu nhập cá nhân, lệ phí trước bạ, thuế sử dụng đất phi nông nghiệp, lệ phí môn bài.",
				"Pay taxes online as an individual or an organisation: personal income tax, registration fee, non-agricultural land use tax, business licence fee."),
			Description: t("Người nộp thuế kê khai mã số thuế, loại thuế, kỳ thuế và số tiền; cơ quan thuế đối chiếu và xác nhận chứng từ nộp thuế điện tử. "+
				"Từ ngày 01/7/2025, số định danh cá nhân được dùng thay mã số thuế của cá nhân.",
				"The taxpayer gives the tax code, the kind of tax, the period and the amount; the tax office reconciles the payment and confirms it with an electronic receipt. "+
					"Since 1 July 2025 an individual's personal identification number is used as their tax code."),
			OnlineLevel: "FULL",
			Channels: []seed.Channel{
				ch("ONLINE", 4, "HOUR", free()),
				ch("COUNTER", 1, "WORKING_DAY", free()),
			},
			Cases: []seed.Case{
				{Code: "INDIVIDUAL", Name: t("Cá nhân nộp thuế", "Payment by an individual"), Documents: []seed.Document{
					doc("Giấy nộp tiền vào ngân sách nhà nước (Mẫu số C1-02/NS)", "State budget payment slip (form C1-02/NS)", 1, 0),
				}},
				{Code: "ORGANISATION", Name: t("Tổ chức nộp thuế", "Payment by an organisation"), Documents: []seed.Document{
					doc("Giấy nộp tiền vào ngân sách nhà nước (Mẫu số C1-02/NS)", "State budget payment slip (form C1-02/NS)", 1, 0),
					doc("Giấy ủy quyền nộp thuế (nếu nộp thay)", "Authorisation to pay on the organisation's behalf (when paying for it)", 1, 0),
				}},
			},
			DeliveryMethods: []string{"ELECTRONIC", "COUNTER"},
			LegalBasis: []string{
				"Luật Quản lý thuế số 38/2019/QH14",
				"Nghị định 126/2020/NĐ-CP ngày 19/10/2020 quy định chi tiết một số điều của Luật Quản lý thuế",
				"Thông tư 80/2021/TT-BTC ngày 29/9/2021 hướng dẫn thi hành một số điều của Luật Quản lý thuế",
			},
			Form: seed.Form{Fields: []seed.FormField{
				{Name: "taxCode", Label: t("Mã số thuế hoặc số định danh cá nhân", "Tax code or personal identification number"), Type: "TEXT", Required: true, Pattern: patternTaxCode},
				{Name: "taxpayerName", Label: t("Tên người nộp thuế", "Taxpayer name"), Type: "TEXT", Required: true, Min: num(2), Max: num(200)},
				{Name: "taxType", Label: t("Loại thuế", "Kind of tax"), Type: "SELECT", Required: true, Options: []seed.Option{
					opt("PERSONAL_INCOME", "Thuế thu nhập cá nhân", "Personal income tax"),
					opt("REGISTRATION_FEE", "Lệ phí trước bạ", "Registration fee"),
					opt("LAND_USE", "Thuế sử dụng đất phi nông nghiệp", "Non-agricultural land use tax"),
					opt("BUSINESS_LICENCE", "Lệ phí môn bài", "Business licence fee"),
					opt("VALUE_ADDED", "Thuế giá trị gia tăng", "Value added tax"),
				}},
				{Name: "taxPeriod", Label: t("Kỳ thuế (tháng/năm)", "Tax period (month/year)"), Type: "TEXT", Required: true, Pattern: patternPeriod},
				{Name: "amount", Label: t("Số tiền (đồng)", "Amount (VND)"), Type: "NUMBER", Required: true, Min: num(1000), Max: num(100_000_000_000)},
				{Name: "phone", Label: t("Số điện thoại liên hệ", "Contact phone"), Type: "PHONE", Required: false},
			}},
			EffectiveFrom: "2025-07-01",
		},
	}
}

func electricityBillPayment() seed.Service {
	return seed.Service{
		Code: "EVN-BILL-PAYMENT", AgencyCode: "EVN", CategoryCode: "DIEN",
		Keywords: []string{"tien dien", "thanh toan tien dien", "hoa don tien dien", "evn", "dien luc"},
		Handler:  seed.Handler{Kind: "BUILTIN", Name: "form"},
		Version: seed.Version{
			Name:    t("Thanh toán tiền điện", "Electricity bill payment"),
			Summary: t("Thanh toán hóa đơn tiền điện hằng tháng theo mã khách hàng.", "Pay the monthly electricity bill by customer code."),
			Description: t("Khách hàng sử dụng điện nhập mã khách hàng in trên hóa đơn, kỳ hóa đơn và số tiền; đơn vị điện lực xác nhận và gửi hóa đơn điện tử.",
				"The customer enters the customer code printed on the bill, the billing period and the amount; the power company confirms and sends an electronic invoice."),
			OnlineLevel: "FULL",
			Channels: []seed.Channel{
				ch("ONLINE", 1, "HOUR", free()),
				ch("COUNTER", 1, "WORKING_DAY", free()),
			},
			Cases: []seed.Case{
				{Code: "MONTHLY-BILL", Name: t("Thanh toán hóa đơn tiền điện hằng tháng", "Monthly bill"), Documents: []seed.Document{
					doc("Thông báo tiền điện hoặc hóa đơn tiền điện của kỳ cần thanh toán", "Electricity bill or notice for the period being paid", 0, 1),
				}},
			},
			DeliveryMethods: []string{"ELECTRONIC"},
			LegalBasis: []string{
				"Luật Điện lực số 61/2024/QH15",
				"Nghị định 72/2025/NĐ-CP ngày 28/3/2025 quy định về cơ chế, thời gian điều chỉnh giá bán lẻ điện bình quân",
			},
			Form: seed.Form{Fields: []seed.FormField{
				{Name: "customerCode", Label: t("Mã khách hàng", "Customer code"), Type: "TEXT", Required: true, Pattern: patternEVNCustomer},
				{Name: "billingPeriod", Label: t("Kỳ hóa đơn (tháng/năm)", "Billing period (month/year)"), Type: "TEXT", Required: true, Pattern: patternPeriod},
				{Name: "amount", Label: t("Số tiền (đồng)", "Amount (VND)"), Type: "NUMBER", Required: true, Min: num(1000), Max: num(5_000_000_000)},
				{Name: "phone", Label: t("Số điện thoại nhận thông báo", "Phone for notices"), Type: "PHONE", Required: false},
			}},
			EffectiveFrom: "2025-07-01",
		},
	}
}

// salesPromotionRegistration is the Ministry's registration (two or more
// provinces).
func salesPromotionRegistration() seed.Service {
	return promotionRegistration(promotionRegistrationCode, "XTTM",
		t("Đăng ký thực hiện khuyến mại theo hình thức mang tính may rủi trên địa bàn từ 02 tỉnh, thành phố trở lên",
			"Registration of a lucky-draw sales promotion in two or more provinces"),
		t("Thương nhân đăng ký chương trình khuyến mại mang tính may rủi (quay số, bốc thăm, cào trúng thưởng) thực hiện tại nhiều tỉnh, thành phố.",
			"A trader registers a lucky-draw promotion (prize draws, scratch cards) run in several provinces."))
}

func trafficFinePayment() seed.Service {
	return seed.Service{
		Code: "TRAFFIC-FINE-PAYMENT", AgencyCode: "CSGT", CategoryCode: "XU-LY-VI-PHAM-HANH-CHINH",
		Keywords: []string{"nop phat", "phat nguoi", "nop phat giao thong", "vi pham giao thong", "xu phat vi pham hanh chinh", "csgt"},
		Handler:  seed.Handler{Kind: "BUILTIN", Name: "form"},
		Version: seed.Version{
			Name: t("Nộp tiền phạt vi phạm hành chính trong lĩnh vực giao thông đường bộ",
				"Payment of a road traffic fine"),
			Summary: t("Nộp tiền phạt theo quyết định xử phạt của Cảnh sát giao thông và nhận lại giấy tờ bị tạm giữ qua bưu chính.",
				"Pay a fine imposed by the Traffic Police and get impounded papers back by post."),
			Description: t("Người vi phạm nhập số và ngày quyết định xử phạt, biển số phương tiện và số tiền phạt; sau khi nộp tiền, giấy tờ bị tạm giữ (nếu có) được trả qua dịch vụ bưu chính công ích.",
				"The offender enters the number and date of the penalty decision, the licence plate and the fine; once paid, impounded papers (if any) are returned by public postal service."),
			OnlineLevel: "FULL",
			Channels: []seed.Channel{
				ch("ONLINE", 1, "WORKING_DAY", free()),
				ch("COUNTER", 1, "WORKING_DAY", free()),
			},
			Cases: []seed.Case{
				{Code: "FINE-ONLY", Name: t("Nộp tiền phạt", "Pay the fine"), Documents: []seed.Document{
					doc("Quyết định xử phạt vi phạm hành chính", "Administrative penalty decision", 0, 1),
				}},
				{Code: "RETURN-PAPERS", Name: t("Nộp tiền phạt và nhận lại giấy tờ bị tạm giữ qua bưu chính", "Pay the fine and get impounded papers back by post"), Documents: []seed.Document{
					doc("Quyết định xử phạt vi phạm hành chính", "Administrative penalty decision", 0, 1),
					doc("Biên bản tạm giữ giấy tờ", "Record of impounded papers", 0, 1),
				}},
			},
			DeliveryMethods: []string{"ELECTRONIC", "POSTAL"},
			LegalBasis: []string{
				"Luật Xử lý vi phạm hành chính số 15/2012/QH13, sửa đổi, bổ sung năm 2020",
				"Nghị định 168/2024/NĐ-CP ngày 26/12/2024 quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông trong lĩnh vực giao thông đường bộ",
				"Nghị định 118/2021/NĐ-CP ngày 23/12/2021 quy định chi tiết một số điều và biện pháp thi hành Luật Xử lý vi phạm hành chính",
			},
			Form: seed.Form{Fields: []seed.FormField{
				{Name: "decisionNumber", Label: t("Số quyết định xử phạt", "Penalty decision number"), Type: "TEXT", Required: true, Min: num(3), Max: num(50)},
				{Name: "decisionDate", Label: t("Ngày ra quyết định", "Decision date"), Type: "DATE", Required: true},
				{Name: "licencePlate", Label: t("Biển số phương tiện", "Licence plate"), Type: "TEXT", Required: true, Pattern: patternLicencePlate},
				{Name: "violatorIdNumber", Label: t("Số định danh cá nhân người vi phạm", "Offender's personal identification number"), Type: "ID_NUMBER", Required: true},
				{Name: "amount", Label: t("Số tiền phạt (đồng)", "Fine (VND)"), Type: "NUMBER", Required: true, Min: num(50_000), Max: num(150_000_000)},
			}},
			EffectiveFrom: "2025-07-01",
		},
	}
}
