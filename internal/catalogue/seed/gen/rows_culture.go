package main

func cultureScienceRows() []row {
	return []row{
		{"INTERNATIONAL-TOUR-GUIDE-CARD", "BVHTTDL", "VAN-HOA", "Cấp thẻ hướng dẫn viên du lịch quốc tế", "International tour guide card", "F", 10, wd, 650000, "the huong dan vien|huong dan vien quoc te", nil, nil},
		{"DOMESTIC-TOUR-GUIDE-CARD", "BVHTTDL", "VAN-HOA", "Cấp thẻ hướng dẫn viên du lịch nội địa", "Domestic tour guide card", "F", 10, wd, 650000, "huong dan vien noi dia", nil, nil},
		{"INTERNATIONAL-TRAVEL-LICENCE", "BVHTTDL", "VAN-HOA", "Cấp Giấy phép kinh doanh dịch vụ lữ hành quốc tế", "International travel business licence", "P", 10, wd, 3000000, "lu hanh quoc te|cong ty du lich", nil, nil},
		{"KARAOKE-LICENCE", "BVHTTDL", "VAN-HOA", "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", "Licence to run karaoke services", "C", 5, wd, 4000000, "karaoke|giay phep karaoke", nil,
			[]string{"Nghị định 54/2019/NĐ-CP quy định về kinh doanh dịch vụ karaoke, dịch vụ vũ trường"}},
		{"BILLBOARD-ADVERTISING-NOTICE", "BVHTTDL", "VAN-HOA", "Thông báo sản phẩm quảng cáo trên bảng quảng cáo, băng-rôn", "Notification of advertising on billboards and banners", "F", 5, wd, 0, "bang ron|bien quang cao|quang cao ngoai troi", nil,
			[]string{"Luật Quảng cáo số 16/2012/QH13, sửa đổi, bổ sung năm 2025", "Nghị định 181/2013/NĐ-CP quy định chi tiết thi hành một số điều của Luật Quảng cáo"}},
		{"FILM-CLASSIFICATION", "BVHTTDL", "VAN-HOA", "Cấp giấy phép phân loại phim", "Film classification licence", "P", 15, wd, 0, "phan loai phim|kiem duyet phim", nil,
			[]string{"Luật Điện ảnh số 05/2022/QH15"}},
		{"SPORTS-BUSINESS-CERTIFICATE", "BVHTTDL", "VAN-HOA", "Cấp Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao", "Certificate of eligibility for a sports business", "P", 7, wd, 0, "phong gym|be boi|kinh doanh the thao", nil,
			[]string{"Luật Thể dục, thể thao số 77/2006/QH11, sửa đổi, bổ sung năm 2018", "Nghị định 36/2019/NĐ-CP quy định chi tiết một số điều của Luật Thể dục, thể thao"}},
		{"HOTEL-STAR-RATING", "BVHTTDL", "VAN-HOA", "Công nhận hạng cơ sở lưu trú du lịch 4 sao, 5 sao", "Star rating of a 4- or 5-star tourist accommodation", "C", 30, cd, 3500000, "xep hang khach san|khach san 5 sao", nil, nil},
		{"NON-COMMERCIAL-PUBLISHING", "BVHTTDL", "VAN-HOA", "Cấp giấy phép xuất bản tài liệu không kinh doanh", "Licence to publish non-commercial materials", "F", 10, wd, 0, "xuat ban tai lieu|in an tai lieu", nil,
			[]string{"Luật Xuất bản số 19/2012/QH13", "Nghị định 195/2013/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Xuất bản"}},
		{"COPYRIGHT-REGISTRATION", "BVHTTDL", "SO-HUU-TRI-TUE", "Cấp Giấy chứng nhận đăng ký quyền tác giả", "Copyright registration certificate", "F", 15, wd, 100000, "ban quyen|quyen tac gia|dang ky ban quyen", nil,
			[]string{"Luật Sở hữu trí tuệ số 50/2005/QH11, sửa đổi, bổ sung năm 2009, 2019 và 2022", "Nghị định 17/2023/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Sở hữu trí tuệ về quyền tác giả, quyền liên quan"}},
		{"TRADEMARK-REGISTRATION", "BKHCN", "SO-HUU-TRI-TUE", "Đăng ký nhãn hiệu", "Trademark registration", "F", 300, cd, 150000, "nhan hieu|thuong hieu|bao ho logo", nil, nil},
		{"PATENT-APPLICATION", "BKHCN", "SO-HUU-TRI-TUE", "Đăng ký sáng chế", "Patent application", "F", 540, cd, 150000, "sang che|bang doc quyen", nil, nil},
		{"INDUSTRIAL-DESIGN-REGISTRATION", "BKHCN", "SO-HUU-TRI-TUE", "Đăng ký kiểu dáng công nghiệp", "Industrial design registration", "F", 210, cd, 150000, "kieu dang cong nghiep|bao ho kieu dang", nil, nil},
		{"TECHNOLOGY-TRANSFER-REGISTRATION", "BKHCN", "SO-HUU-TRI-TUE", "Đăng ký chuyển giao công nghệ", "Registration of a technology transfer", "P", 5, wd, 0, "chuyen giao cong nghe", nil,
			[]string{"Luật Chuyển giao công nghệ số 07/2017/QH14", "Nghị định 76/2018/NĐ-CP quy định chi tiết và hướng dẫn thi hành một số điều của Luật Chuyển giao công nghệ"}},
		{"AMATEUR-RADIO-LICENCE", "BKHCN", "VIEN-THONG", "Cấp giấy phép sử dụng tần số và thiết bị vô tuyến điện nghiệp dư", "Amateur radio frequency and equipment licence", "P", 10, wd, 0, "vo tuyen nghiep du|tan so", nil, nil},
		{"POSTAL-LICENCE", "BKHCN", "BUU-CHINH", "Cấp giấy phép bưu chính", "Postal licence", "C", 15, wd, 0, "giay phep buu chinh|chuyen phat nhanh", nil, nil},
		{"VNPOST-PUBLIC-SERVICE-DELIVERY", "VNPOST", "BUU-CHINH", "Tiếp nhận hồ sơ, trả kết quả thủ tục hành chính qua dịch vụ bưu chính công ích", "Filing and return of administrative results through public postal service", "F", 2, wd, 22000, "buu chinh cong ich|gui ho so qua buu dien", nil, nil},
		{"VNPOST-COMPLAINT", "VNPOST", "BUU-CHINH", "Giải quyết khiếu nại về dịch vụ bưu chính", "Handling of a complaint about a postal service", "F", 30, cd, 0, "khieu nai buu dien|that lac buu pham", nil, nil},
		{"VNPOST-PO-BOX", "VNPOST", "BUU-CHINH", "Thuê hộp thư bưu chính", "Rental of a post office box", "C", 1, wd, 150000, "hop thu|po box", nil, nil},
	}
}
