package main

func tradeRows() []row {
	return []row{
		{"CO-FORM-D", "BCT", "XUAT-NHAP-KHAU", "Cấp Giấy chứng nhận xuất xứ hàng hóa ưu đãi mẫu D", "Preferential certificate of origin form D (ASEAN)", "F", 6, hr, 0, "co form d|chung nhan xuat xu|asean", nil, nil},
		{"CO-FORM-E", "BCT", "XUAT-NHAP-KHAU", "Cấp Giấy chứng nhận xuất xứ hàng hóa ưu đãi mẫu E", "Preferential certificate of origin form E (ASEAN–China)", "F", 6, hr, 0, "co form e|xuat khau trung quoc", nil, nil},
		{"CO-EUR1", "BCT", "XUAT-NHAP-KHAU", "Cấp Giấy chứng nhận xuất xứ hàng hóa mẫu EUR.1 theo Hiệp định EVFTA", "Certificate of origin form EUR.1 under the EVFTA", "F", 8, hr, 0, "eur1|evfta|xuat khau chau au", nil, nil},
		{"MULTI-LEVEL-MARKETING", "BCT", "THUONG-MAI", "Cấp Giấy chứng nhận đăng ký hoạt động bán hàng đa cấp", "Registration certificate for multi-level marketing", "C", 30, wd, 3000000, "ban hang da cap|kinh doanh da cap", nil,
			[]string{"Luật Cạnh tranh số 23/2018/QH14", "Nghị định 40/2018/NĐ-CP về quản lý hoạt động kinh doanh theo phương thức đa cấp"}},
		{"ECOMMERCE-SERVICE-REGISTRATION", "BCT", "THUONG-MAI", "Đăng ký website cung cấp dịch vụ thương mại điện tử", "Registration of an e-commerce service website", "F", 10, wd, 0, "san thuong mai dien tu|website tmdt|dang ky website", nil, nil},
		{"ECOMMERCE-SALES-NOTICE", "BCT", "THUONG-MAI", "Thông báo website thương mại điện tử bán hàng", "Notification of an e-commerce sales website", "F", 3, wd, 0, "thong bao website|ban hang online|bo cong thuong website", nil, nil},
		{"TRADE-FAIR-ABROAD", "XTTM", "XUC-TIEN-THUONG-MAI", "Đăng ký tổ chức hội chợ, triển lãm thương mại tại nước ngoài", "Registration of a trade fair or exhibition abroad", "F", 7, wd, 0, "hoi cho nuoc ngoai|trien lam quoc te", nil, nil},
		{"PROMOTION-RESULT-REPORT", "XTTM", "XUC-TIEN-THUONG-MAI", "Thông báo kết quả thực hiện khuyến mại mang tính may rủi", "Report of the results of a lucky-draw promotion", "F", 5, wd, 0, "bao cao ket qua khuyen mai|trao giai", nil, nil},
		{"TRADE-FAIR-DOMESTIC", "SCT-01", "XUC-TIEN-THUONG-MAI", "Đăng ký tổ chức hội chợ, triển lãm thương mại tại Việt Nam", "Registration of a trade fair or exhibition in Vietnam", "F", 5, wd, 0, "hoi cho|trien lam thuong mai", nil, nil},
		{"ALCOHOL-RETAIL-LICENCE", "SCT-01", "THUONG-MAI", "Cấp Giấy phép bán lẻ rượu", "Alcohol retail licence", "P", 10, wd, 1200000, "giay phep ban ruou|ban le ruou", nil,
			[]string{"Luật Phòng, chống tác hại của rượu, bia số 44/2019/QH14", "Nghị định 105/2017/NĐ-CP về kinh doanh rượu, sửa đổi, bổ sung bởi Nghị định 17/2020/NĐ-CP"}},
		{"TOBACCO-RETAIL-LICENCE", "SCT-01", "THUONG-MAI", "Cấp Giấy phép bán lẻ sản phẩm thuốc lá", "Tobacco retail licence", "P", 10, wd, 1100000, "giay phep ban thuoc la|ban le thuoc la", nil,
			[]string{"Luật Phòng, chống tác hại của thuốc lá số 09/2012/QH13", "Nghị định 67/2013/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Phòng, chống tác hại của thuốc lá về kinh doanh thuốc lá"}},
		{"PETROL-STATION-CERTIFICATE", "SCT-01", "THUONG-MAI", "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", "Certificate of eligibility of a petrol retail station", "C", 20, wd, 1200000, "cay xang|ban le xang dau", nil,
			[]string{"Nghị định 83/2014/NĐ-CP về kinh doanh xăng dầu, sửa đổi, bổ sung bởi Nghị định 95/2021/NĐ-CP và Nghị định 80/2023/NĐ-CP"}},
		{"FOOD-SAFETY-TRADE-SECTOR", "SCT-01", "AN-TOAN-THUC-PHAM", "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm thuộc ngành Công Thương", "Food safety certificate for a business under the trade sector", "C", 20, wd, 2500000, "an toan thuc pham|ve sinh an toan thuc pham|atvstp", nil, nil},
	}
}

func constructionRows() []row {
	return []row{
		{"CONSTRUCTION-CAPACITY-CERTIFICATE", "BXD", "XAY-DUNG", "Cấp chứng chỉ năng lực hoạt động xây dựng hạng I", "Class I construction capacity certificate", "P", 20, wd, 1000000, "chung chi nang luc|nang luc xay dung", nil, nil},
		{"CONSTRUCTION-PRACTISING-CERTIFICATE", "BXD", "XAY-DUNG", "Cấp chứng chỉ hành nghề hoạt động xây dựng hạng I", "Class I construction practising certificate", "P", 20, wd, 300000, "chung chi hanh nghe xay dung|ky su xay dung", nil, nil},
		{"BUILDING-PERMIT-MAJOR", "SXD-79", "XAY-DUNG", "Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II", "Construction permit for a new structure of special grade, grade I or II", "P", 20, cd, 150000, "giay phep xay dung cong trinh|xay dung cao tang", nil, nil},
		{"BUILDING-PERMIT-EXTENSION", "SXD-79", "XAY-DUNG", "Gia hạn giấy phép xây dựng", "Extension of a construction permit", "P", 5, wd, 15000, "gia han giay phep xay dung", nil, nil},
		{"STRUCTURE-RELOCATION-PERMIT", "SXD-79", "XAY-DUNG", "Cấp giấy phép di dời công trình", "Permit to relocate a structure", "C", 20, cd, 150000, "di doi cong trinh", nil, nil},
		{"OFF-PLAN-HOUSING-SALE", "SXD-79", "XAY-DUNG", "Xác nhận nhà ở hình thành trong tương lai đủ điều kiện đưa vào kinh doanh", "Confirmation that off-plan housing may be sold", "C", 15, wd, 0, "nha hinh thanh trong tuong lai|ban nha du an", nil,
			[]string{"Luật Kinh doanh bất động sản số 29/2023/QH15", "Nghị định 96/2024/NĐ-CP quy định chi tiết một số điều của Luật Kinh doanh bất động sản"}},
		{"ROAD-TRANSPORT-LICENCE", "SXD-79", "DUONG-BO", "Cấp Giấy phép kinh doanh vận tải bằng xe ô tô", "Licence for road transport business by car", "F", 5, wd, 200000, "kinh doanh van tai|xe khach|taxi", nil, nil},
		{"TRANSPORT-VEHICLE-BADGE", "SXD-79", "DUONG-BO", "Cấp phù hiệu xe ô tô kinh doanh vận tải", "Badge for a commercial transport vehicle", "F", 2, wd, 0, "phu hieu xe|xe hop dong|xe tai", nil, nil},
		{"OVERSIZE-VEHICLE-PERMIT", "CDBVN", "DUONG-BO", "Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn trên đường bộ", "Permit for overweight or oversize vehicles on public roads", "F", 2, wd, 0, "xe qua tai|xe qua kho|giay phep luu hanh", nil, nil},
		{"ROAD-WORKS-PERMIT", "CDBVN", "DUONG-BO", "Cấp phép thi công công trình trên đường bộ đang khai thác", "Permit for works on a road in operation", "P", 7, wd, 0, "thi cong tren duong|dao duong", nil, nil},
		{"ASEAN-TRANSPORT-PERMIT", "CDBVN", "DUONG-BO", "Cấp Giấy phép vận tải đường bộ quốc tế ASEAN", "ASEAN cross-border road transport permit", "P", 5, wd, 50000, "lien van asean|van tai quoc te", nil, nil},
		{"HIGHWAY-JUNCTION-APPROVAL", "CDBVN", "DUONG-BO", "Chấp thuận thiết kế nút giao đấu nối vào quốc lộ", "Approval of the design of a junction onto a national highway", "C", 7, wd, 0, "dau noi quoc lo|nut giao", nil, nil},
		{"PERIODIC-VEHICLE-INSPECTION", "DKVN", "DANG-KY-PHUONG-TIEN", "Kiểm định an toàn kỹ thuật và bảo vệ môi trường xe cơ giới", "Periodic roadworthiness and emissions inspection of a motor vehicle", "C", 2, hr, 340000, "dang kiem|kiem dinh xe|dang kiem oto", nil,
			[]string{"Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15", "Nghị định 166/2024/NĐ-CP quy định điều kiện kinh doanh dịch vụ kiểm định xe cơ giới"}},
		{"MODIFIED-VEHICLE-CERTIFICATE", "DKVN", "DANG-KY-PHUONG-TIEN", "Cấp giấy chứng nhận chất lượng an toàn kỹ thuật và bảo vệ môi trường xe cơ giới cải tạo", "Certificate for a modified motor vehicle", "P", 5, wd, 500000, "cai tao xe|hoan cai xe", nil, nil},
		{"IMPORTED-VEHICLE-INSPECTION", "DKVN", "DANG-KY-PHUONG-TIEN", "Kiểm tra chất lượng, an toàn kỹ thuật và bảo vệ môi trường xe cơ giới nhập khẩu", "Quality and safety inspection of an imported motor vehicle", "F", 4, wd, 500000, "xe nhap khau|kiem tra xe nhap", nil, nil},
		{"PAVEMENT-TEMPORARY-USE", "UBND-79", "DUONG-BO", "Cấp phép sử dụng tạm thời một phần lòng đường, vỉa hè", "Permit for temporary use of part of a roadway or pavement", "P", 5, wd, 0, "via he|long duong|su dung via he", nil, nil},
	}
}
