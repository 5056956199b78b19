package main

func landEnvironmentRows() []row {
	return []row{
		{"LAND-FIRST-CERTIFICATE", "BNNMT", "DAT-DAI", "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận lần đầu", "First registration of land and attached assets and issuance of a land certificate", "P", 20, wd, 100000, "so do|so hong|cap giay chung nhan quyen su dung dat", nil, nil},
		{"LAND-TRANSFER-REGISTRATION", "BNNMT", "DAT-DAI", "Đăng ký biến động quyền sử dụng đất do chuyển nhượng, tặng cho, thừa kế", "Registration of a transfer, gift or inheritance of land use rights", "P", 10, wd, 100000, "sang ten so do|chuyen nhuong dat|thua ke dat",
			[]kase{{"TRANSFER", "Chuyển nhượng", "Transfer by sale"}, {"GIFT", "Tặng cho", "Gift"}, {"INHERITANCE", "Thừa kế", "Inheritance"}}, nil},
		{"LAND-CERTIFICATE-REISSUE", "BNNMT", "DAT-DAI", "Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất", "Reissue of a lost land use right certificate", "P", 10, wd, 50000, "mat so do|cap lai so do", nil, nil},
		{"LAND-CERTIFICATE-EXCHANGE", "BNNMT", "DAT-DAI", "Cấp đổi Giấy chứng nhận quyền sử dụng đất", "Exchange of a land use right certificate", "P", 7, wd, 50000, "doi so do|so do rach", nil, nil},
		{"LAND-MORTGAGE-REGISTRATION", "BNNMT", "DAT-DAI", "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", "Registration of a mortgage over land use rights and attached assets", "F", 1, wd, 80000, "the chap so do|vay ngan hang|dang ky the chap", nil,
			[]string{"Bộ luật Dân sự số 91/2015/QH13", "Nghị định 99/2022/NĐ-CP về đăng ký biện pháp bảo đảm"}},
		{"LAND-MORTGAGE-DISCHARGE", "BNNMT", "DAT-DAI", "Xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", "Discharge of a mortgage over land use rights", "F", 1, wd, 20000, "xoa the chap|giai chap", nil,
			[]string{"Bộ luật Dân sự số 91/2015/QH13", "Nghị định 99/2022/NĐ-CP về đăng ký biện pháp bảo đảm"}},
		{"LAND-USE-CONVERSION", "BNNMT", "DAT-DAI", "Chuyển mục đích sử dụng đất", "Change of land use purpose", "P", 15, wd, 0, "chuyen muc dich su dung dat|len tho cu|chuyen dat nong nghiep", nil, nil},
		{"LAND-PARCEL-SPLIT-MERGE", "BNNMT", "DAT-DAI", "Tách thửa hoặc hợp thửa đất", "Subdivision or merger of land parcels", "P", 15, wd, 0, "tach thua|hop thua|chia dat", nil, nil},
		{"LAND-DATA-REQUEST", "BNNMT", "DAT-DAI", "Cung cấp thông tin, dữ liệu đất đai", "Provision of land information and data", "F", 2, wd, 0, "tra cuu quy hoach|thong tin thua dat", nil, nil},
		{"EIA-APPRAISAL", "BNNMT", "MOI-TRUONG", "Thẩm định báo cáo đánh giá tác động môi trường", "Appraisal of an environmental impact assessment report", "C", 45, cd, 5000000, "danh gia tac dong moi truong|dtm", nil, nil},
		{"ENVIRONMENTAL-PERMIT", "BNNMT", "MOI-TRUONG", "Cấp giấy phép môi trường", "Environmental permit", "P", 30, cd, 0, "giay phep moi truong|xa thai", nil, nil},
		{"GROUNDWATER-EXTRACTION", "BNNMT", "MOI-TRUONG", "Cấp giấy phép khai thác nước dưới đất", "Groundwater extraction permit", "C", 25, wd, 0, "khai thac nuoc ngam|gieng khoan", nil,
			[]string{"Luật Tài nguyên nước số 28/2023/QH15", "Nghị định 54/2024/NĐ-CP quy định việc hành nghề khoan nước dưới đất, kê khai, đăng ký, cấp phép khai thác tài nguyên nước"}},
		{"PLANT-QUARANTINE-IMPORT", "BNNMT", "NONG-NGHIEP", "Kiểm dịch thực vật đối với lô vật thể nhập khẩu", "Phytosanitary inspection of an imported consignment", "F", 1, wd, 150000, "kiem dich thuc vat|nhap khau trai cay", nil,
			[]string{"Luật Bảo vệ và kiểm dịch thực vật số 41/2013/QH13", "Thông tư 33/2014/TT-BNNPTNT quy định trình tự, thủ tục kiểm dịch thực vật nhập khẩu, xuất khẩu"}},
		{"ANIMAL-QUARANTINE-TRANSPORT", "BNNMT", "NONG-NGHIEP", "Kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh", "Quarantine of animals and animal products moved out of a province", "F", 1, wd, 0, "kiem dich dong vat|van chuyen gia suc", nil, nil},
		{"FERTILISER-TRADE-CERTIFICATE", "BNNMT", "NONG-NGHIEP", "Cấp Giấy chứng nhận đủ điều kiện buôn bán phân bón", "Certificate of eligibility to trade fertiliser", "P", 15, wd, 500000, "buon ban phan bon|cua hang phan bon", nil, nil},
		{"FISHING-LICENCE", "BNNMT", "NONG-NGHIEP", "Cấp giấy phép khai thác thủy sản", "Fishing licence", "P", 5, wd, 40000, "giay phep danh bat|khai thac thuy san|tau ca", nil,
			[]string{"Luật Thủy sản số 18/2017/QH14", "Nghị định 26/2019/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Thủy sản"}},
		{"VETERINARY-PRACTICE-CERTIFICATE", "BNNMT", "NONG-NGHIEP", "Cấp chứng chỉ hành nghề thú y", "Veterinary practising certificate", "P", 5, wd, 0, "chung chi thu y|bac si thu y", nil, nil},
	}
}
