package main

func businessRows() []row {
	return []row{
		{"LLC-SINGLE-REGISTRATION", "DKKD", "DANG-KY-KINH-DOANH", "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên", "Registration of a single-member limited liability company", "F", 3, wd, 50000, "thanh lap cong ty|cong ty tnhh|dang ky doanh nghiep", nil, nil},
		{"LLC-MULTI-REGISTRATION", "DKKD", "DANG-KY-KINH-DOANH", "Đăng ký thành lập công ty trách nhiệm hữu hạn hai thành viên trở lên", "Registration of a multi-member limited liability company", "F", 3, wd, 50000, "cong ty tnhh hai thanh vien|thanh lap doanh nghiep", nil, nil},
		{"JSC-REGISTRATION", "DKKD", "DANG-KY-KINH-DOANH", "Đăng ký thành lập công ty cổ phần", "Registration of a joint-stock company", "F", 3, wd, 50000, "cong ty co phan|thanh lap ctcp", nil, nil},
		{"SOLE-PROPRIETORSHIP-REGISTRATION", "DKKD", "DANG-KY-KINH-DOANH", "Đăng ký thành lập doanh nghiệp tư nhân", "Registration of a sole proprietorship", "F", 3, wd, 50000, "doanh nghiep tu nhan|dntn", nil, nil},
		{"BRANCH-REGISTRATION", "DKKD", "DANG-KY-KINH-DOANH", "Đăng ký hoạt động chi nhánh, văn phòng đại diện, địa điểm kinh doanh", "Registration of a branch, representative office or business location", "F", 3, wd, 50000, "chi nhanh|van phong dai dien|dia diem kinh doanh",
			[]kase{{"BRANCH", "Chi nhánh", "Branch"}, {"REP-OFFICE", "Văn phòng đại diện", "Representative office"}, {"LOCATION", "Địa điểm kinh doanh", "Business location"}}, nil},
		{"HEAD-OFFICE-CHANGE", "DKKD", "DANG-KY-KINH-DOANH", "Đăng ký thay đổi địa chỉ trụ sở chính của doanh nghiệp", "Change of an enterprise's head office address", "F", 3, wd, 50000, "doi dia chi cong ty|chuyen tru so", nil, nil},
		{"LEGAL-REPRESENTATIVE-CHANGE", "DKKD", "DANG-KY-KINH-DOANH", "Đăng ký thay đổi người đại diện theo pháp luật của doanh nghiệp", "Change of an enterprise's legal representative", "F", 3, wd, 50000, "doi nguoi dai dien|giam doc moi", nil, nil},
		{"CHARTER-CAPITAL-CHANGE", "DKKD", "DANG-KY-KINH-DOANH", "Đăng ký thay đổi vốn điều lệ", "Change of charter capital", "F", 3, wd, 50000, "tang von dieu le|giam von dieu le", nil, nil},
		{"BUSINESS-SUSPENSION", "DKKD", "DANG-KY-KINH-DOANH", "Thông báo tạm ngừng kinh doanh của doanh nghiệp", "Notice of an enterprise's temporary suspension of business", "F", 3, wd, 0, "tam ngung kinh doanh|tam dung hoat dong", nil, nil},
		{"ENTERPRISE-DISSOLUTION", "DKKD", "DANG-KY-KINH-DOANH", "Đăng ký giải thể doanh nghiệp", "Registration of the dissolution of an enterprise", "P", 5, wd, 0, "giai the cong ty|dong cua doanh nghiep", nil, nil},
		{"ENTERPRISE-CERTIFICATE-REISSUE", "DKKD", "DANG-KY-KINH-DOANH", "Cấp lại Giấy chứng nhận đăng ký doanh nghiệp", "Reissue of an enterprise registration certificate", "F", 3, wd, 0, "cap lai giay phep kinh doanh|mat dang ky kinh doanh", nil, nil},
		{"INVESTMENT-POLICY-APPROVAL", "UBND-01", "DAU-TU", "Chấp thuận chủ trương đầu tư của Ủy ban nhân dân cấp tỉnh", "In-principle investment approval by a provincial People's Committee", "C", 35, cd, 0, "chu truong dau tu|du an dau tu", nil, nil},
		{"INVESTMENT-REGISTRATION", "UBND-01", "DAU-TU", "Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư", "Investment registration certificate for a project that needs no in-principle approval", "P", 15, cd, 0, "giay chung nhan dau tu|irc|dang ky dau tu", nil, nil},
		{"INVESTMENT-CERTIFICATE-AMENDMENT", "UBND-79", "DAU-TU", "Điều chỉnh Giấy chứng nhận đăng ký đầu tư", "Amendment of an investment registration certificate", "P", 10, cd, 0, "dieu chinh irc|dieu chinh du an dau tu", nil, nil},
		{"FOREIGN-CAPITAL-CONTRIBUTION", "UBND-79", "DAU-TU", "Đăng ký góp vốn, mua cổ phần, mua phần vốn góp của nhà đầu tư nước ngoài", "Registration of capital contribution or share purchase by a foreign investor", "F", 15, cd, 0, "nha dau tu nuoc ngoai|gop von|mua co phan", nil, nil},
	}
}

func electricityRows() []row {
	return []row{
		{"EVN-NEW-LV-CONNECTION", "EVN", "DIEN", "Cấp điện mới từ lưới điện hạ áp", "New low-voltage electricity connection", "F", 3, wd, 0, "lap cong to|cap dien moi|dang ky dien sinh hoat",
			[]kase{{"HOUSEHOLD", "Sinh hoạt hộ gia đình", "Household use"}, {"BUSINESS", "Ngoài mục đích sinh hoạt", "Business use"}}, nil},
		{"EVN-NEW-MV-CONNECTION", "EVN", "DIEN", "Cấp điện mới từ lưới điện trung áp", "New medium-voltage electricity connection", "P", 5, wd, 0, "dien trung ap|tram bien ap", nil, nil},
		{"EVN-CONTRACT-CHANGE", "EVN", "DIEN", "Thay đổi thông tin hợp đồng mua bán điện", "Change of an electricity purchase contract", "F", 2, wd, 0, "doi ten hop dong dien|sang ten cong to", nil, nil},
		{"EVN-METER-CHECK", "EVN", "DIEN", "Kiểm tra, kiểm định công tơ điện theo yêu cầu", "Meter inspection on the customer's request", "F", 3, wd, 57000, "kiem dinh cong to|cong to chay nhanh", nil, nil},
		{"EVN-METER-RELOCATION", "EVN", "DIEN", "Di dời công tơ điện", "Relocation of an electricity meter", "F", 5, wd, 0, "di doi cong to|chuyen cong to", nil, nil},
		{"EVN-SHARED-METER", "EVN", "DIEN", "Thay đổi số hộ dùng chung công tơ để tính định mức", "Change of the number of households sharing a meter", "F", 2, wd, 0, "dinh muc dien|nhieu ho chung cong to", nil, nil},
		{"EVN-RECONNECTION", "EVN", "DIEN", "Cấp điện trở lại sau khi bị ngừng cấp điện", "Reconnection after a suspension of supply", "F", 24, hr, 0, "dong dien lai|cap dien tro lai", nil, nil},
		{"EVN-CONTRACT-TERMINATION", "EVN", "DIEN", "Chấm dứt hợp đồng mua bán điện", "Termination of an electricity purchase contract", "F", 3, wd, 0, "cat dien|thanh ly hop dong dien", nil, nil},
		{"EVN-ROOFTOP-SOLAR", "EVN", "DIEN", "Thông báo phát triển điện mặt trời mái nhà tự sản xuất, tự tiêu thụ", "Notice of self-consumption rooftop solar", "P", 10, wd, 0, "dien mat troi mai nha|solar|dien mat troi", nil,
			[]string{"Luật Điện lực số 61/2024/QH15", "Nghị định 58/2025/NĐ-CP quy định chi tiết một số điều của Luật Điện lực về phát triển điện năng lượng tái tạo, điện năng lượng mới"}},
		{"ELECTRICITY-OPERATION-LICENCE", "SCT-01", "DIEN", "Cấp giấy phép hoạt động điện lực trong lĩnh vực phân phối và bán lẻ điện", "Electricity distribution and retail licence", "C", 15, wd, 700000, "giay phep hoat dong dien luc|ban le dien", nil, nil},
	}
}
