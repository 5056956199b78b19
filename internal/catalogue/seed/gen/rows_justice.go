package main

func justiceRows() []row {
	return []row{
		{"NATIONALITY-RENUNCIATION", "BTP", "QUOC-TICH", "Thôi quốc tịch Việt Nam ở trong nước", "Renunciation of Vietnamese nationality in Vietnam", "C", 90, cd, 2500000, "thoi quoc tich|bo quoc tich", nil, nil},
		{"NATURALISATION", "BTP", "QUOC-TICH", "Nhập quốc tịch Việt Nam", "Naturalisation as a Vietnamese citizen", "C", 115, cd, 3000000, "nhap quoc tich|quoc tich viet nam", nil, nil},
		{"NATIONALITY-CONFIRMATION", "BTP", "QUOC-TICH", "Xác nhận có quốc tịch Việt Nam ở trong nước", "Confirmation of Vietnamese nationality in Vietnam", "P", 10, wd, 100000, "xac nhan quoc tich", nil, nil},
		{"LAWYER-PRACTISING-CERTIFICATE", "BTP", "BO-TRO-TU-PHAP", "Cấp Chứng chỉ hành nghề luật sư", "Lawyer's practising certificate", "C", 20, wd, 800000, "chung chi luat su|hanh nghe luat su", nil,
			[]string{"Luật Luật sư số 65/2006/QH11, sửa đổi, bổ sung năm 2012", "Nghị định 123/2013/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Luật sư"}},
		{"AUCTIONEER-CERTIFICATE", "BTP", "BO-TRO-TU-PHAP", "Cấp Chứng chỉ hành nghề đấu giá tài sản", "Property auctioneer's practising certificate", "C", 15, wd, 800000, "dau gia vien|chung chi dau gia", nil,
			[]string{"Luật Đấu giá tài sản số 01/2016/QH14, sửa đổi, bổ sung năm 2024", "Nghị định 172/2024/NĐ-CP quy định chi tiết một số điều của Luật Đấu giá tài sản"}},
		{"LEGAL-AID-REQUEST", "STP-01", "BO-TRO-TU-PHAP", "Yêu cầu trợ giúp pháp lý", "Request for legal aid", "F", 2, wd, 0, "tro giup phap ly|luat su mien phi", nil,
			[]string{"Luật Trợ giúp pháp lý số 11/2017/QH14", "Thông tư 12/2018/TT-BTP hướng dẫn một số hoạt động nghiệp vụ trợ giúp pháp lý"}},
		{"NOTARY-OFFICE-REGISTRATION", "STP-01", "BO-TRO-TU-PHAP", "Đăng ký hoạt động Văn phòng công chứng", "Registration of a notary office's operation", "C", 10, wd, 1000000, "van phong cong chung|cong chung", nil,
			[]string{"Luật Công chứng số 46/2024/QH15", "Nghị định 104/2025/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Công chứng"}},
		{"LAW-PRACTICE-REGISTRATION", "STP-01", "BO-TRO-TU-PHAP", "Đăng ký hoạt động của tổ chức hành nghề luật sư", "Registration of a law practice", "C", 10, wd, 500000, "van phong luat su|cong ty luat", nil,
			[]string{"Luật Luật sư số 65/2006/QH11, sửa đổi, bổ sung năm 2012", "Nghị định 123/2013/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Luật sư"}},
		{"NOTARY-CARD", "STP-79", "BO-TRO-TU-PHAP", "Đăng ký hành nghề và cấp Thẻ công chứng viên", "Registration of practice and issuance of a notary card", "C", 10, wd, 100000, "the cong chung vien|hanh nghe cong chung", nil,
			[]string{"Luật Công chứng số 46/2024/QH15", "Nghị định 104/2025/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Công chứng"}},
		{"COMMERCIAL-MEDIATOR-REGISTRATION", "STP-79", "BO-TRO-TU-PHAP", "Đăng ký làm hòa giải viên thương mại vụ việc", "Registration as an ad hoc commercial mediator", "P", 5, wd, 200000, "hoa giai thuong mai|hoa giai vien", nil,
			[]string{"Nghị định 22/2017/NĐ-CP về hòa giải thương mại"}},
		{"JUDICIAL-EXPERT-APPOINTMENT", "STP-79", "BO-TRO-TU-PHAP", "Bổ nhiệm giám định viên tư pháp", "Appointment of a judicial expert", "C", 20, wd, 0, "giam dinh vien tu phap|giam dinh", nil,
			[]string{"Luật Giám định tư pháp số 13/2012/QH13, sửa đổi, bổ sung năm 2020"}},
		{"CONSULAR-CERTIFICATION", "BNG", "LANH-SU", "Chứng nhận lãnh sự giấy tờ, tài liệu tại Bộ Ngoại giao", "Consular certification of documents at the Ministry of Foreign Affairs", "F", 1, wd, 30000, "chung nhan lanh su|dich thuat cong chung|giay to di nuoc ngoai", nil, nil},
		{"CONSULAR-LEGALISATION", "BNG", "LANH-SU", "Hợp pháp hóa lãnh sự giấy tờ, tài liệu tại Bộ Ngoại giao", "Consular legalisation of documents at the Ministry of Foreign Affairs", "F", 1, wd, 30000, "hop phap hoa lanh su|giay to nuoc ngoai", nil, nil},
		{"OFFICIAL-PASSPORT", "BNG", "LANH-SU", "Cấp hộ chiếu ngoại giao, hộ chiếu công vụ", "Issuance of a diplomatic or official passport", "C", 5, wd, 200000, "ho chieu ngoai giao|ho chieu cong vu", nil, nil},
		{"VISA-NOTE-VERBALE", "BNG", "LANH-SU", "Đề nghị phía nước ngoài cấp thị thực cho cán bộ, công chức đi công tác", "Note verbale requesting a visa for official travel", "C", 3, wd, 0, "cong ham xin visa|thi thuc cong tac", nil, nil},
	}
}

func communeRows() []row {
	return []row{
		{"BIRTH-REGISTRATION", "UBND-01-BADINH", "HO-TICH", "Đăng ký khai sinh", "Birth registration", "F", 1, wd, 0, "khai sinh|giay khai sinh|lam giay khai sinh", nil, nil},
		{"MARRIAGE-REGISTRATION", "UBND-01-BADINH", "HO-TICH", "Đăng ký kết hôn", "Marriage registration", "P", 1, wd, 0, "ket hon|giay dang ky ket hon|dang ky ket hon", nil, nil},
		{"DEATH-REGISTRATION", "UBND-01-BADINH", "HO-TICH", "Đăng ký khai tử", "Death registration", "F", 1, wd, 0, "khai tu|giay chung tu", nil, nil},
		{"MARITAL-STATUS-CERTIFICATE", "UBND-01-BADINH", "HO-TICH", "Cấp Giấy xác nhận tình trạng hôn nhân", "Certificate of marital status", "F", 3, wd, 15000, "xac nhan doc than|tinh trang hon nhan", nil, nil},
		{"BIRTH-REREGISTRATION", "UBND-01-BADINH", "HO-TICH", "Đăng ký lại khai sinh", "Re-registration of a birth", "P", 5, wd, 5000, "dang ky lai khai sinh|mat giay khai sinh", nil, nil},
		{"PARENTHOOD-RECOGNITION", "UBND-01-BADINH", "HO-TICH", "Đăng ký nhận cha, mẹ, con", "Registration of the recognition of a parent or child", "P", 3, wd, 15000, "nhan cha me con|nhan con", nil, nil},
		{"GUARDIANSHIP-REGISTRATION", "UBND-01-BADINH", "HO-TICH", "Đăng ký giám hộ", "Registration of guardianship", "C", 3, wd, 0, "giam ho|nguoi giam ho", nil, nil},
		{"CIVIL-STATUS-CORRECTION", "UBND-01-BADINH", "HO-TICH", "Đăng ký thay đổi, cải chính, bổ sung, xác định lại dân tộc", "Change, correction or supplement of civil status details and re-determination of ethnicity", "F", 3, wd, 15000, "cai chinh ho tich|doi ten|sua giay khai sinh",
			[]kase{{"CHANGE", "Thay đổi họ, chữ đệm, tên", "Change of name"}, {"CORRECTION", "Cải chính thông tin hộ tịch", "Correction of details"}, {"ETHNICITY", "Xác định lại dân tộc", "Re-determination of ethnicity"}}, nil},
		{"CIVIL-STATUS-EXTRACT", "UBND-01-BADINH", "HO-TICH", "Cấp bản sao trích lục hộ tịch", "Issuance of a certified extract of civil status records", "F", 1, wd, 8000, "trich luc|ban sao giay khai sinh|trich luc ket hon", nil, nil},
		{"COPY-CERTIFICATION", "UBND-01-BADINH", "CHUNG-THUC", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "Certification of copies from originals", "C", 1, wd, 2000, "cong chung ban sao|chung thuc ban sao|photo cong chung", nil, nil},
		{"SIGNATURE-CERTIFICATION", "UBND-01-BADINH", "CHUNG-THUC", "Chứng thực chữ ký trong giấy tờ, văn bản", "Certification of a signature", "C", 1, wd, 10000, "chung thuc chu ky|xac nhan chu ky", nil, nil},
		{"CONTRACT-CERTIFICATION", "UBND-01-BADINH", "CHUNG-THUC", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản", "Certification of contracts on movable property", "C", 2, wd, 50000, "chung thuc hop dong|hop dong mua ban xe", nil, nil},
		{"HOUSEHOLD-BUSINESS-REGISTRATION", "UBND-01-BADINH", "DANG-KY-KINH-DOANH", "Đăng ký thành lập hộ kinh doanh", "Registration of a household business", "F", 3, wd, 100000, "ho kinh doanh|giay phep kinh doanh ho ca the|mo cua hang", nil, nil},
		{"BIRTH-REGISTRATION-FOREIGN", "UBND-79-BENTHANH", "HO-TICH", "Đăng ký khai sinh có yếu tố nước ngoài", "Birth registration involving a foreign element", "P", 3, wd, 75000, "khai sinh yeu to nuoc ngoai|con lai", nil, nil},
		{"MARRIAGE-REGISTRATION-FOREIGN", "UBND-79-BENTHANH", "HO-TICH", "Đăng ký kết hôn có yếu tố nước ngoài", "Marriage registration involving a foreign element", "C", 10, wd, 1500000, "ket hon voi nguoi nuoc ngoai|ket hon nuoc ngoai", nil, nil},
		{"BIRTH-RESIDENCE-HEALTHCARD-BUNDLE", "UBND-79-BENTHANH", "HO-TICH", "Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ BHYT cho trẻ em dưới 6 tuổi", "Joined-up birth registration, permanent residence registration and health insurance card for a child under 6", "F", 5, wd, 0, "lien thong khai sinh|the bhyt tre em|khai sinh nhap khau", nil, nil},
		{"DEATH-BURIAL-BUNDLE", "UBND-79-BENTHANH", "HO-TICH", "Liên thông đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất, hỗ trợ chi phí mai táng", "Joined-up death registration, removal of residence and funeral and survivors' benefits", "F", 5, wd, 0, "lien thong khai tu|mai tang phi", nil, nil},
		{"HOUSEHOLD-BUSINESS-CHANGE", "UBND-79-BENTHANH", "DANG-KY-KINH-DOANH", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", "Change of a household business registration", "F", 3, wd, 50000, "thay doi ho kinh doanh|doi nganh nghe", nil, nil},
		{"HOUSEHOLD-BUSINESS-SUSPENSION", "UBND-79-BENTHANH", "DANG-KY-KINH-DOANH", "Tạm ngừng hoạt động hộ kinh doanh", "Temporary suspension of a household business", "F", 3, wd, 0, "tam ngung ho kinh doanh|nghi ban", nil, nil},
		{"PRIVATE-HOUSE-PERMIT", "UBND-79-BENTHANH", "XAY-DUNG", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Construction permit for a private house", "P", 15, cd, 75000, "giay phep xay dung|xay nha|xin phep xay nha", nil, nil},
		{"HOUSE-RENOVATION-PERMIT", "UBND-79-BENTHANH", "XAY-DUNG", "Cấp giấy phép sửa chữa, cải tạo nhà ở riêng lẻ", "Permit to repair or renovate a private house", "P", 15, cd, 75000, "sua nha|cai tao nha", nil, nil},
		{"SOCIAL-HOUSING-ELIGIBILITY", "UBND-79-BENTHANH", "XAY-DUNG", "Xác nhận đối tượng, điều kiện mua, thuê mua nhà ở xã hội", "Confirmation of eligibility to buy or lease-purchase social housing", "F", 7, wd, 0, "nha o xa hoi|mua nha xa hoi", nil,
			[]string{"Luật Nhà ở số 27/2023/QH15", "Nghị định 100/2024/NĐ-CP quy định chi tiết một số điều của Luật Nhà ở về phát triển và quản lý nhà ở xã hội"}},
	}
}
