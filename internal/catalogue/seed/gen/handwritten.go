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

// taxPayment, electricityBillPayment and trafficFinePayment pay an
// obligation the agency already holds (findObligations, then
// createPayment: catalogue.ObligationKindOf): the citizen enters only the
// identifier the agency knows the debt by, never an amount. Their form is
// that lookup.

func taxPayment() seed.Service {
	return seed.Service{
		Code: "TAX-PAYMENT", AgencyCode: "THUE", CategoryCode: "THUE",
		Keywords: []string{"nop thue", "nop thue dien tu", "thue thu nhap ca nhan", "le phi truoc ba", "thue dat", "ngan sach nha nuoc", "ma so thue"},
		Handler:  seed.Handler{Kind: "BUILTIN", Name: "form"},
		Version: seed.Version{
			Name: t("Nộp thuế, phí, lệ phí và các khoản thu khác vào ngân sách nhà nước",
				"Payment of taxes, fees, charges and other state budget revenues"),
			Summary: t("Tra cứu các khoản thuế còn phải nộp theo mã số thuế hoặc số định danh cá nhân và nộp trực tuyến vào ngân sách nhà nước.",
				"Look up the taxes still owed by tax code or personal identification number and pay them online to the state budget."),
			Description: t("Nhập mã số thuế (10 chữ số; 13 ký tự dạng 0123456789-001 cho đơn vị phụ thuộc) hoặc số định danh cá nhân 12 chữ số "+
				"(dùng thay mã số thuế của cá nhân từ ngày 01/7/2025). Cổng hiển thị các khoản phải nộp do cơ quan thuế quản lý: ID khoản phải nộp, "+
				"cơ quan thu, chương, tiểu mục, kỳ thuế, hạn nộp, số tiền và số tham chiếu. Chọn nộp tất cả hoặc một số khoản của cùng một cơ quan thu "+
				"(cùng một tài khoản Kho bạc Nhà nước) trong một lần; ai cũng có thể nộp thay, người nộp được ghi nhận. "+
				"Tiền được nộp vào tài khoản của Kho bạc Nhà nước; cơ quan thuế xác nhận bằng chứng từ nộp ngân sách nhà nước có số hiệu. "+
				"Người nộp nhận xác nhận thanh toán có mã kiểm tra và tin nhắn SMS. Tên người nộp thuế là cá nhân chỉ hiển thị đầy đủ cho chính người đó.",
				"Enter the tax code (10 digits; 13 characters as 0123456789-001 for a dependent unit) or the 12-digit personal identification number "+
					"(an individual's tax code since 1 July 2025). The portal shows the payables the tax authority holds: its payable ID, the collecting "+
					"authority, budget chapter and sub-item, tax period, due date, amount and reference number. Pay all of them, or some of one collecting "+
					"authority (one State Treasury account), at once; anyone may pay for anyone and the payer is recorded. The money goes to the State "+
					"Treasury account; the tax authority acknowledges it with a numbered state budget payment voucher. The payer gets a payment confirmation "+
					"with a verification code and an SMS. An individual taxpayer's name is shown in full to that person only."),
			OnlineLevel: "FULL",
			Channels: []seed.Channel{
				ch("ONLINE", 4, "HOUR", free()),
				ch("COUNTER", 1, "WORKING_DAY", free()),
			},
			Cases: []seed.Case{
				{Code: "INDIVIDUAL", Name: t("Cá nhân nộp thuế (mã số thuế hoặc số định danh cá nhân)", "An individual pays (tax code or personal identification number)"), Documents: []seed.Document{
					doc("Thông báo nộp thuế hoặc giấy tờ ghi mã số thuế/số định danh cá nhân (chỉ để đối chiếu, không phải nộp: khoản phải nộp được tra cứu từ cơ quan thuế)",
						"The tax notice or a paper showing the tax code or ID number (to check against only, not submitted: the payables are looked up at the tax authority)", 0, 1),
				}},
				{Code: "ORGANISATION", Name: t("Tổ chức hoặc đơn vị phụ thuộc nộp thuế", "An organisation or a dependent unit pays"), Documents: []seed.Document{
					doc("Thông báo nộp thuế hoặc giấy chứng nhận đăng ký ghi mã số thuế của tổ chức/đơn vị phụ thuộc (chỉ để đối chiếu, không phải nộp)",
						"The tax notice or registration certificate showing the organisation's or dependent unit's tax code (to check against only, not submitted)", 0, 1),
				}},
			},
			DeliveryMethods: []string{"ELECTRONIC"},
			LegalBasis: []string{
				"Luật Quản lý thuế số 38/2019/QH14",
				"Nghị định 126/2020/NĐ-CP ngày 19/10/2020 quy định chi tiết một số điều của Luật Quản lý thuế",
				"Thông tư 80/2021/TT-BTC ngày 29/9/2021 hướng dẫn thi hành một số điều của Luật Quản lý thuế",
				"Thông tư 86/2024/TT-BTC ngày 23/12/2024 quy định về đăng ký thuế",
			},
			Form: seed.Form{Fields: []seed.FormField{
				{Name: "taxCode", Label: t("Mã số thuế hoặc số định danh cá nhân", "Tax code or personal identification number"), Type: "TEXT", Required: true, Pattern: patternTaxCode},
			}},
			EffectiveFrom: "2025-07-01",
		},
	}
}

func electricityBillPayment() seed.Service {
	return seed.Service{
		Code: "EVN-BILL-PAYMENT", AgencyCode: "EVN", CategoryCode: "DIEN",
		Keywords: []string{"tien dien", "thanh toan tien dien", "hoa don tien dien", "evn", "dien luc", "ma khach hang"},
		Handler:  seed.Handler{Kind: "BUILTIN", Name: "form"},
		Version: seed.Version{
			Name:    t("Thanh toán tiền điện", "Electricity bill payment"),
			Summary: t("Tra cứu các hóa đơn tiền điện chưa thanh toán theo mã khách hàng và thanh toán trực tuyến.", "Look up the unpaid electricity bills by customer code and pay them online."),
			Description: t("Nhập mã khách hàng in trên hóa đơn (13 ký tự, bắt đầu bằng P, ví dụ PD01000123456; chữ thường và khoảng trắng được chấp nhận). "+
				"Mã khách hàng xác định tổng công ty điện lực thu tiền: PD – EVNHANOI; PE – EVNHCMC; PA, PH, PM, PN – EVNNPC (miền Bắc); "+
				"PB, PK – EVNSPC (miền Nam); PC, PP, PQ – EVNCPC (miền Trung). Cổng hiển thị các hóa đơn chưa thanh toán, kỳ cũ nhất trước "+
				"(kỳ, điện năng tiêu thụ kWh, số tiền đã gồm thuế GTGT, hạn thanh toán); thanh toán tất cả hoặc các kỳ liên tiếp từ kỳ cũ nhất "+
				"(không bỏ qua kỳ cũ hơn). Tên khách hàng luôn được che, địa chỉ chỉ hiển thị đến phường/xã. "+
				"Người nộp nhận xác nhận thanh toán có mã kiểm tra và tin nhắn SMS; tổng công ty điện lực xác nhận bằng biên nhận của mình.",
				"Enter the customer code printed on the bill (13 characters starting with P, e.g. PD01000123456; lower case and spaces are accepted). "+
					"The code names the power corporation that collects: PD – EVNHANOI; PE – EVNHCMC; PA, PH, PM, PN – EVNNPC (North); "+
					"PB, PK – EVNSPC (South); PC, PP, PQ – EVNCPC (Central). The portal shows the unpaid bills, oldest first (period, kWh, amount "+
					"including VAT, due date); pay them all or consecutive periods from the oldest (an older bill cannot be skipped). The customer's "+
					"name is always masked and the address shown at ward level only. The payer gets a payment confirmation with a verification code "+
					"and an SMS; the power corporation acknowledges with its own receipt."),
			OnlineLevel: "FULL",
			Channels: []seed.Channel{
				ch("ONLINE", 1, "HOUR", free()),
				ch("COUNTER", 1, "WORKING_DAY", free()),
			},
			Cases: []seed.Case{
				{Code: "MONTHLY-BILL", Name: t("Thanh toán hóa đơn tiền điện chưa thanh toán, kỳ cũ nhất trước", "Pay unpaid bills, oldest first"), Documents: []seed.Document{
					doc("Thông báo tiền điện hoặc hóa đơn ghi mã khách hàng (chỉ để đối chiếu, không phải nộp: hóa đơn được tra cứu từ tổng công ty điện lực)",
						"The electricity notice or a bill showing the customer code (to check against only, not submitted: the bills are looked up at the power corporation)", 0, 1),
				}},
			},
			DeliveryMethods: []string{"ELECTRONIC"},
			LegalBasis: []string{
				"Luật Điện lực số 61/2024/QH15",
				"Nghị định 72/2025/NĐ-CP ngày 28/3/2025 quy định về cơ chế, thời gian điều chỉnh giá bán lẻ điện bình quân",
			},
			Form: seed.Form{Fields: []seed.FormField{
				{Name: "customerCode", Label: t("Mã khách hàng", "Customer code"), Type: "TEXT", Required: true, Pattern: patternEVNCustomer},
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
		Keywords: []string{"nop phat", "phat nguoi", "nop phat giao thong", "vi pham giao thong", "xu phat vi pham hanh chinh", "csgt", "quyet dinh xu phat"},
		Handler:  seed.Handler{Kind: "BUILTIN", Name: "form"},
		Version: seed.Version{
			Name: t("Nộp tiền phạt vi phạm hành chính trong lĩnh vực giao thông đường bộ",
				"Payment of a road traffic fine"),
			Summary: t("Tra cứu quyết định xử phạt theo số quyết định và biển số (hoặc số định danh người vi phạm), nộp tiền phạt trực tuyến và chọn cách nhận lại giấy tờ bị tạm giữ.",
				"Look up a penalty decision by its number and the plate (or the offender's ID number), pay the fine online and choose how held papers come back."),
			Description: t("Nhập số quyết định xử phạt cùng biển số phương tiện hoặc số định danh cá nhân của người vi phạm (không tra cứu được bằng một thông tin). "+
				"Cổng hiển thị quyết định: ngày ra quyết định, đơn vị xử phạt, hành vi vi phạm và điều khoản, số tiền phạt, giấy tờ bị tạm giữ và điểm bị trừ. "+
				"Tiền phạt nộp trong 10 ngày kể từ ngày nhận quyết định; quá hạn, mỗi ngày chậm nộp phải nộp thêm 0,05% số tiền phạt chưa nộp (tính cả ngày lễ, "+
				"theo giờ Việt Nam: số tiền thay đổi lúc 0 giờ, nên số tiền báo có hiệu lực đến 23:59:59 và được chốt khi tạo giao dịch). "+
				"Nếu giấy tờ bị tạm giữ, chọn nhận tại trụ sở đơn vị ra quyết định hoặc qua bưu chính (tỉnh/thành phố, phường/xã, địa chỉ, người nhận, số điện thoại; "+
				"cước chuyển phát là một dòng riêng). Tiền được nộp vào tài khoản của Kho bạc Nhà nước; người nộp nhận xác nhận thanh toán có mã kiểm tra và tin nhắn SMS.",
				"Enter the penalty decision number with the vehicle's plate or the offender's personal identification number (one of them alone finds nothing). "+
					"The portal shows the decision: its date, the deciding unit, the violation and its article, the fine, the papers held and the points deducted. "+
					"The fine is due within 10 days of receiving the decision; after that, each late day adds 0.05% of the unpaid fine (holidays included, "+
					"in Vietnam time: the amount changes at midnight, so a quote holds until 23:59:59 and the amount is fixed when the payment is created). "+
					"When papers are held, choose to collect them at the deciding unit's office or to receive them by post (province, ward, street, recipient, phone; "+
					"the postage is a separate line). The money goes to the State Treasury account; the payer gets a payment confirmation with a verification code and an SMS."),
			OnlineLevel: "FULL",
			Channels: []seed.Channel{
				ch("ONLINE", 1, "WORKING_DAY", free()),
				ch("COUNTER", 1, "WORKING_DAY", free()),
			},
			Cases: []seed.Case{
				{Code: "FINE-ONLY", Name: t("Nộp tiền phạt (không có giấy tờ bị tạm giữ)", "Pay the fine (no papers held)"), Documents: []seed.Document{
					doc("Quyết định xử phạt vi phạm hành chính (chỉ để đối chiếu số quyết định, không phải nộp)", "The penalty decision (to check its number only, not submitted)", 0, 1),
				}},
				{Code: "RETURN-PAPERS", Name: t("Nộp tiền phạt và nhận lại giấy tờ bị tạm giữ tại trụ sở hoặc qua bưu chính", "Pay the fine and get held papers back at the office or by post"), Documents: []seed.Document{
					doc("Quyết định xử phạt vi phạm hành chính (chỉ để đối chiếu, không phải nộp)", "The penalty decision (to check against only, not submitted)", 0, 1),
					doc("Biên bản tạm giữ giấy tờ (xuất trình khi nhận lại tại trụ sở)", "The record of held papers (shown when collecting them at the office)", 0, 1),
				}},
			},
			DeliveryMethods: []string{"COUNTER", "POSTAL"},
			LegalBasis: []string{
				"Luật Xử lý vi phạm hành chính số 15/2012/QH13, sửa đổi, bổ sung năm 2020",
				"Nghị định 168/2024/NĐ-CP ngày 26/12/2024 quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông trong lĩnh vực giao thông đường bộ",
				"Nghị định 118/2021/NĐ-CP ngày 23/12/2021 quy định chi tiết một số điều và biện pháp thi hành Luật Xử lý vi phạm hành chính",
			},
			Form: seed.Form{Fields: []seed.FormField{
				{Name: "decisionNumber", Label: t("Số quyết định xử phạt", "Penalty decision number"), Type: "TEXT", Required: true, Min: num(1), Max: num(50)},
				{Name: "plateNumber", Label: t("Biển số phương tiện (hoặc nhập số định danh người vi phạm)", "Vehicle plate (or enter the offender's ID number)"), Type: "TEXT", Required: false, Pattern: patternLicencePlate},
				{Name: "violatorIdNumber", Label: t("Số định danh cá nhân người vi phạm (nếu không nhập biển số)", "Offender's personal identification number (instead of the plate)"), Type: "ID_NUMBER", Required: false},
			}},
			EffectiveFrom: "2025-07-01",
		},
	}
}
