package main

import "github.com/dvcportal/dvcportal/internal/catalogue/seed"

// categories lists the fields (lĩnh vực) of the seed services.
func categories() []seed.Category {
	rows := [][3]string{
		{"BAO-HIEM-Y-TE", "Bảo hiểm y tế", "Health insurance"},
		{"BAO-HIEM-XA-HOI", "Bảo hiểm xã hội", "Social insurance"},
		{"THUE", "Thuế", "Taxation"},
		{"HAI-QUAN", "Hải quan", "Customs"},
		{"DANG-KY-KINH-DOANH", "Thành lập và hoạt động doanh nghiệp, hộ kinh doanh", "Business and household business registration"},
		{"DIEN", "Điện", "Electricity"},
		{"XU-LY-VI-PHAM-HANH-CHINH", "Xử lý vi phạm hành chính", "Administrative violations and fines"},
		{"DANG-KY-PHUONG-TIEN", "Đăng ký, quản lý phương tiện giao thông", "Vehicle registration"},
		{"GIAY-PHEP-LAI-XE", "Giấy phép lái xe", "Driving licences"},
		{"DUONG-BO", "Đường bộ", "Road transport"},
		{"XUAT-NHAP-CANH", "Xuất nhập cảnh", "Immigration"},
		{"CU-TRU", "Đăng ký, quản lý cư trú", "Residence registration"},
		{"CAN-CUOC", "Căn cước, định danh và xác thực điện tử", "Identity cards and electronic identification"},
		{"HO-TICH", "Hộ tịch", "Civil status"},
		{"LY-LICH-TU-PHAP", "Lý lịch tư pháp", "Judicial records"},
		{"CHUNG-THUC", "Chứng thực", "Certification"},
		{"BO-TRO-TU-PHAP", "Bổ trợ tư pháp", "Legal professions and legal aid"},
		{"QUOC-TICH", "Quốc tịch", "Nationality"},
		{"LANH-SU", "Lãnh sự", "Consular affairs"},
		{"XUC-TIEN-THUONG-MAI", "Xúc tiến thương mại", "Trade promotion"},
		{"AN-TOAN-THUC-PHAM", "An toàn thực phẩm", "Food safety"},
		{"XAY-DUNG", "Hoạt động xây dựng", "Construction"},
		{"GIAO-DUC", "Giáo dục và đào tạo", "Education and training"},
		{"KHAM-CHUA-BENH", "Khám bệnh, chữa bệnh", "Medical practice"},
		{"DUOC", "Dược phẩm", "Pharmaceuticals"},
		{"LAO-DONG", "Lao động, việc làm", "Labour and employment"},
		{"NGUOI-CO-CONG", "Người có công", "Veterans and people with meritorious services"},
		{"DAT-DAI", "Đất đai", "Land"},
		{"MOI-TRUONG", "Môi trường", "Environment"},
		{"NONG-NGHIEP", "Nông nghiệp, thú y và bảo vệ thực vật", "Agriculture, veterinary and plant protection"},
		{"VAN-HOA", "Văn hóa, du lịch", "Culture and tourism"},
		{"SO-HUU-TRI-TUE", "Sở hữu trí tuệ", "Intellectual property"},
		{"BUU-CHINH", "Bưu chính", "Postal services"},
		{"VIEN-THONG", "Viễn thông, tần số vô tuyến điện", "Telecommunications and radio frequencies"},
		{"XUAT-NHAP-KHAU", "Xuất nhập khẩu", "Import and export"},
		{"THUONG-MAI", "Thương mại", "Trade"},
		{"DAU-TU", "Đầu tư", "Investment"},
		{"TAI-CHINH", "Tài chính, kế toán, giá", "Finance, accounting and pricing"},
		{"THI-DUA-KHEN-THUONG", "Thi đua, khen thưởng", "Emulation and commendation"},
		{"TON-GIAO", "Tín ngưỡng, tôn giáo", "Beliefs and religion"},
	}
	out := make([]seed.Category, len(rows))
	for i, r := range rows {
		out[i] = seed.Category{Code: r[0], Name: t(r[1], r[2])}
	}
	return out
}
