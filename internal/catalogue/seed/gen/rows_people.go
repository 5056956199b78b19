package main

func educationHealthRows() []row {
	return []row{
		{"FOREIGN-DEGREE-RECOGNITION", "BGDDT", "GIAO-DUC", "Công nhận văn bằng do cơ sở giáo dục nước ngoài cấp", "Recognition of a degree awarded by a foreign institution", "F", 20, wd, 0, "cong nhan van bang|bang nuoc ngoai|du hoc", nil,
			[]string{"Luật Giáo dục số 43/2019/QH14", "Thông tư 13/2021/TT-BGDĐT quy định về điều kiện, trình tự, thủ tục, thẩm quyền công nhận văn bằng do cơ sở giáo dục nước ngoài cấp"}},
		{"DIPLOMA-COPY", "BGDDT", "GIAO-DUC", "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "Copy of a diploma or certificate from the master register", "F", 3, wd, 0, "ban sao bang|sao y bang tot nghiep", nil, nil},
		{"DIPLOMA-CORRECTION", "BGDDT", "GIAO-DUC", "Chỉnh sửa nội dung văn bằng, chứng chỉ", "Correction of a diploma or certificate", "P", 5, wd, 0, "sua bang|chinh sua van bang", nil, nil},
		{"SECONDARY-DIPLOMA-RECOGNITION", "BGDDT", "GIAO-DUC", "Công nhận bằng tốt nghiệp trung học phổ thông do cơ sở giáo dục nước ngoài cấp", "Recognition of a foreign upper secondary school diploma", "F", 15, wd, 0, "bang thpt nuoc ngoai|cong nhan bang cap 3", nil, nil},
		{"GRADUATION-EXAM-REGISTRATION", "BGDDT", "GIAO-DUC", "Đăng ký dự thi tốt nghiệp trung học phổ thông", "Registration for the national upper secondary graduation exam", "F", 1, wd, 0, "thi tot nghiep|thi thpt quoc gia|dang ky du thi", nil, nil},
		{"SCHOOL-TRANSFER", "BGDDT", "GIAO-DUC", "Chuyển trường đối với học sinh trung học phổ thông", "Transfer of an upper secondary pupil to another school", "F", 3, wd, 0, "chuyen truong|xin chuyen truong", nil, nil},
		{"STUDY-ABROAD-CONSULTANCY", "BGDDT", "GIAO-DUC", "Cấp giấy chứng nhận đăng ký hoạt động dịch vụ tư vấn du học", "Registration certificate for study-abroad consultancy services", "C", 15, wd, 0, "tu van du hoc|trung tam du hoc", nil, nil},
		{"PRIVATE-PRESCHOOL", "BGDDT", "GIAO-DUC", "Cho phép thành lập trường mầm non tư thục", "Permission to establish a private preschool", "C", 20, wd, 0, "truong mam non|mo truong mau giao", nil, nil},
		{"MEDICAL-PRACTICE-LICENCE", "BYT", "KHAM-CHUA-BENH", "Cấp giấy phép hành nghề khám bệnh, chữa bệnh đối với chức danh bác sĩ", "Medical practising licence for a doctor", "P", 20, wd, 360000, "giay phep hanh nghe bac si|chung chi hanh nghe y", nil, nil},
		{"CLINIC-OPERATING-LICENCE", "BYT", "KHAM-CHUA-BENH", "Cấp giấy phép hoạt động đối với phòng khám đa khoa", "Operating licence for a general clinic", "C", 60, cd, 5700000, "mo phong kham|phong kham da khoa", nil, nil},
		{"PHARMACIST-CERTIFICATE", "BYT", "DUOC", "Cấp Chứng chỉ hành nghề dược", "Pharmacist's practising certificate", "F", 10, wd, 500000, "chung chi hanh nghe duoc|duoc si", nil, nil},
		{"PHARMACY-ELIGIBILITY", "BYT", "DUOC", "Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược đối với nhà thuốc", "Certificate of eligibility to run a pharmacy", "P", 20, wd, 1000000, "mo nha thuoc|quay thuoc|gpp", nil, nil},
		{"UNREGISTERED-DRUG-IMPORT", "BYT", "DUOC", "Cấp phép nhập khẩu thuốc chưa có giấy đăng ký lưu hành", "Import licence for an unregistered medicine", "C", 15, wd, 0, "nhap khau thuoc|thuoc chua dang ky", nil, nil},
		{"DRUG-ADVERTISING", "BYT", "DUOC", "Xác nhận nội dung quảng cáo thuốc", "Approval of medicine advertising content", "P", 10, wd, 1800000, "quang cao thuoc", nil, nil},
		{"COSMETICS-NOTIFICATION", "BYT", "DUOC", "Công bố sản phẩm mỹ phẩm", "Cosmetics product notification", "F", 3, wd, 500000, "cong bo my pham|my pham", nil,
			[]string{"Nghị định 93/2016/NĐ-CP quy định về điều kiện sản xuất mỹ phẩm", "Thông tư 06/2011/TT-BYT quy định về quản lý mỹ phẩm"}},
		{"MEDICAL-DEVICE-STANDARDS", "BYT", "KHAM-CHUA-BENH", "Công bố tiêu chuẩn áp dụng đối với trang thiết bị y tế thuộc loại A, B", "Declaration of the standards of a class A or B medical device", "F", 3, wd, 1000000, "trang thiet bi y te|thiet bi y te loai a", nil,
			[]string{"Nghị định 98/2021/NĐ-CP về quản lý trang thiết bị y tế, sửa đổi, bổ sung bởi Nghị định 07/2023/NĐ-CP"}},
		{"FOOD-SAFETY-HEALTH-SECTOR", "BYT", "AN-TOAN-THUC-PHAM", "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm thuộc ngành Y tế", "Food safety certificate for a business under the health sector", "C", 20, wd, 1000000, "giay chung nhan an toan thuc pham|bep an|nha hang", nil, nil},
		{"HEALTH-SUPPLEMENT-DECLARATION", "BYT", "AN-TOAN-THUC-PHAM", "Đăng ký bản công bố sản phẩm thực phẩm bảo vệ sức khỏe", "Registration of a health supplement product declaration", "F", 21, wd, 1500000, "thuc pham chuc nang|thuc pham bao ve suc khoe", nil, nil},
	}
}

func homeAffairsRows() []row {
	return []row{
		{"FOREIGN-WORK-PERMIT", "BNV", "LAO-DONG", "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam", "Work permit for a foreign worker in Vietnam", "P", 10, wd, 600000, "giay phep lao dong|work permit|lao dong nuoc ngoai", nil, nil},
		{"WORK-PERMIT-EXEMPTION", "BNV", "LAO-DONG", "Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động", "Confirmation that a foreign worker is exempt from a work permit", "P", 5, wd, 450000, "mien giay phep lao dong", nil, nil},
		{"WORK-PERMIT-EXTENSION", "BNV", "LAO-DONG", "Gia hạn giấy phép lao động", "Extension of a work permit", "P", 10, wd, 450000, "gia han giay phep lao dong|gia han work permit", nil, nil},
		{"UNEMPLOYMENT-BENEFIT", "BNV", "LAO-DONG", "Giải quyết hưởng trợ cấp thất nghiệp", "Unemployment benefit", "F", 20, wd, 0, "tro cap that nghiep|bao hiem that nghiep|mat viec", nil, nil},
		{"VOCATIONAL-TRAINING-SUPPORT", "BNV", "LAO-DONG", "Hỗ trợ học nghề cho người đang hưởng trợ cấp thất nghiệp", "Vocational training support for a person on unemployment benefit", "P", 20, wd, 0, "ho tro hoc nghe|hoc nghe mien phi", nil, nil},
		{"OVERSEAS-EMPLOYMENT-LICENCE", "BNV", "LAO-DONG", "Cấp Giấy phép hoạt động dịch vụ đưa người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng", "Licence to place Vietnamese workers abroad under contract", "C", 20, wd, 5000000, "xuat khau lao dong|dich vu dua nguoi lao dong", nil,
			[]string{"Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng số 69/2020/QH14", "Nghị định 112/2021/NĐ-CP quy định chi tiết một số điều của Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng"}},
		{"INTERNAL-LABOUR-RULES", "BNV", "LAO-DONG", "Đăng ký nội quy lao động", "Registration of internal labour rules", "F", 7, wd, 0, "noi quy lao dong|noi quy cong ty", nil, nil},
		{"MARTYR-RELATIVE-ALLOWANCE", "BNV", "NGUOI-CO-CONG", "Giải quyết chế độ trợ cấp hằng tháng đối với thân nhân liệt sĩ", "Monthly allowance for relatives of a fallen soldier", "C", 40, wd, 0, "than nhan liet si|tro cap liet si", nil, nil},
		{"MARTYR-GRAVE-VISIT", "BNV", "NGUOI-CO-CONG", "Hỗ trợ thân nhân liệt sĩ thăm viếng mộ liệt sĩ", "Support for relatives visiting a fallen soldier's grave", "P", 5, wd, 0, "tham mo liet si|ho tro tham vieng", nil, nil},
		{"RELIGIOUS-GATHERING", "BNV", "TON-GIAO", "Đề nghị đăng ký sinh hoạt tôn giáo tập trung", "Application to register concentrated religious activities", "C", 20, cd, 0, "sinh hoat ton giao|diem nhom ton giao", nil, nil},
		{"PROVINCIAL-CERTIFICATE-OF-MERIT", "UBND-01", "THI-DUA-KHEN-THUONG", "Tặng Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh", "Certificate of merit from the chairperson of a provincial People's Committee", "C", 20, wd, 0, "bang khen|khen thuong", nil, nil},
		{"LAND-ALLOCATION-NO-AUCTION", "UBND-01", "DAT-DAI", "Giao đất, cho thuê đất không thông qua đấu giá quyền sử dụng đất", "Land allocation or lease without an auction of land use rights", "C", 20, wd, 0, "giao dat|thue dat|cho thue dat", nil, nil},
	}
}
