package main

import (
	"github.com/dvcportal/dvcportal/internal/catalogue/seed"
	"github.com/dvcportal/dvcportal/internal/i18n"
)

func t(vi, en string) seed.Text { return i18n.T(vi, en) }

func ref(s string) *string { return &s }

type office = seed.Office

func off(code, vi, en, province, address string) office {
	return office{Code: code, Name: t(vi, en), ProvinceCode: province, Address: address}
}

// agencies lists the agencies of the seed: the central bodies whose services
// the portal carries, a few provincial departments and two commune-level
// people's committees. The structure is the one in force after the 2025
// reorganisation (ministries merged, two-tier local government).
func agencies(provinces []province) []seed.Agency {
	bhxh := []office{
		off("BHXH-01-BADINH", "Bộ phận Một cửa Bảo hiểm xã hội phường Ba Đình", "Ba Dinh ward one-stop counter of Social Security",
			"01", "Số 6 Phan Huy Ích, phường Ba Đình, Thành phố Hà Nội"),
		off("BHXH-79-SAIGON", "Bộ phận Một cửa Bảo hiểm xã hội phường Sài Gòn", "Sai Gon ward one-stop counter of Social Security",
			"79", "Số 117C Nguyễn Đình Chính, phường Phú Nhuận, Thành phố Hồ Chí Minh"),
	}
	for _, p := range provinces {
		bhxh = append(bhxh, off("BHXH-"+p.Code,
			"Bảo hiểm xã hội "+p.FullName, "Social Security of "+p.FullNameEn, p.Code,
			"Bộ phận tiếp nhận và trả kết quả, "+p.Wards[0].FullName+", "+p.FullName))
	}
	return []seed.Agency{
		{Code: "BHXH", Name: t("Bảo hiểm xã hội Việt Nam", "Vietnam Social Security"), Level: "CENTRAL",
			Offices: bhxh},
		{Code: "BTC", Name: t("Bộ Tài chính", "Ministry of Finance"), Level: "CENTRAL",
			Offices: []office{off("BTC-01", "Bộ phận Một cửa Bộ Tài chính", "Ministry of Finance one-stop counter", "01", "Số 28 Trần Hưng Đạo, phường Cửa Nam, Thành phố Hà Nội")}},
		{Code: "THUE", Name: t("Cục Thuế", "Tax Department"), Level: "CENTRAL", ParentCode: ref("BTC"),
			Offices: []office{
				off("THUE-01", "Thuế Thành phố Hà Nội", "Hanoi City Tax Office", "01", "Số 187 Giảng Võ, phường Giảng Võ, Thành phố Hà Nội"),
				off("THUE-79", "Thuế Thành phố Hồ Chí Minh", "Ho Chi Minh City Tax Office", "79", "Số 140 Nguyễn Thị Minh Khai, phường Xuân Hòa, Thành phố Hồ Chí Minh"),
				off("THUE-48", "Thuế Thành phố Đà Nẵng", "Da Nang City Tax Office", "48", "Số 08 Trần Phú, phường Hải Châu, Thành phố Đà Nẵng"),
			}},
		{Code: "HAIQUAN", Name: t("Cục Hải quan", "Customs Department"), Level: "CENTRAL", ParentCode: ref("BTC"),
			Offices: []office{
				off("HAIQUAN-01", "Chi cục Hải quan khu vực I", "Regional Customs Branch I", "01", "Số 129 Nguyễn Văn Cừ, phường Bồ Đề, Thành phố Hà Nội"),
				off("HAIQUAN-31", "Chi cục Hải quan khu vực III", "Regional Customs Branch III", "31", "Số 22 Điện Biên Phủ, phường Gia Viên, Thành phố Hải Phòng"),
				off("HAIQUAN-79", "Chi cục Hải quan khu vực II", "Regional Customs Branch II", "79", "Số 2 Hàm Nghi, phường Sài Gòn, Thành phố Hồ Chí Minh"),
			}},
		{Code: "DKKD", Name: t("Cục Quản lý đăng ký kinh doanh", "Business Registration Management Agency"), Level: "CENTRAL", ParentCode: ref("BTC"),
			Offices: []office{off("DKKD-01", "Phòng Đăng ký kinh doanh Hà Nội", "Hanoi Business Registration Office", "01", "Số 16 Cát Linh, phường Văn Miếu - Quốc Tử Giám, Thành phố Hà Nội")}},
		{Code: "EVN", Name: t("Tập đoàn Điện lực Việt Nam", "Vietnam Electricity"), Level: "CENTRAL",
			Offices: []office{
				off("EVN-01", "Tổng công ty Điện lực Thành phố Hà Nội", "Hanoi Power Corporation", "01", "Số 69 Đinh Tiên Hoàng, phường Hoàn Kiếm, Thành phố Hà Nội"),
				off("EVN-79", "Tổng công ty Điện lực Thành phố Hồ Chí Minh", "Ho Chi Minh City Power Corporation", "79", "Số 35 Tôn Đức Thắng, phường Sài Gòn, Thành phố Hồ Chí Minh"),
				off("EVN-48", "Tổng công ty Điện lực miền Trung", "Central Power Corporation", "48", "Số 78A Duy Tân, phường Hòa Cường, Thành phố Đà Nẵng"),
			}},
		{Code: "BCA", Name: t("Bộ Công an", "Ministry of Public Security"), Level: "CENTRAL",
			Offices: []office{off("BCA-01", "Bộ phận Một cửa Bộ Công an", "Ministry of Public Security one-stop counter", "01", "Số 44 Yết Kiêu, phường Cửa Nam, Thành phố Hà Nội")}},
		{Code: "CSGT", Name: t("Cục Cảnh sát giao thông", "Traffic Police Department"), Level: "CENTRAL", ParentCode: ref("BCA"),
			Offices: []office{
				off("CSGT-01", "Phòng Cảnh sát giao thông Công an Thành phố Hà Nội", "Traffic Police Division, Hanoi Police", "01", "Số 86 Lê Thánh Tông, phường Cửa Nam, Thành phố Hà Nội"),
				off("CSGT-79", "Phòng Cảnh sát giao thông Công an Thành phố Hồ Chí Minh", "Traffic Police Division, Ho Chi Minh City Police", "79", "Số 459 Trần Hưng Đạo, phường Cầu Ông Lãnh, Thành phố Hồ Chí Minh"),
			}},
		{Code: "XNC", Name: t("Cục Quản lý xuất nhập cảnh", "Immigration Department"), Level: "CENTRAL", ParentCode: ref("BCA"),
			Offices: []office{
				off("XNC-01", "Cục Quản lý xuất nhập cảnh tại Hà Nội", "Immigration Department, Hanoi", "01", "Số 44-46 Trần Phú, phường Ba Đình, Thành phố Hà Nội"),
				off("XNC-79", "Cục Quản lý xuất nhập cảnh tại Thành phố Hồ Chí Minh", "Immigration Department, Ho Chi Minh City", "79", "Số 333-335-337 Nguyễn Trãi, phường Cầu Ông Lãnh, Thành phố Hồ Chí Minh"),
			}},
		{Code: "BTP", Name: t("Bộ Tư pháp", "Ministry of Justice"), Level: "CENTRAL",
			Offices: []office{off("BTP-01", "Bộ phận Một cửa Bộ Tư pháp", "Ministry of Justice one-stop counter", "01", "Số 58-60 Trần Phú, phường Ba Đình, Thành phố Hà Nội")}},
		{Code: "BNG", Name: t("Bộ Ngoại giao", "Ministry of Foreign Affairs"), Level: "CENTRAL",
			Offices: []office{
				off("BNG-01", "Cục Lãnh sự", "Consular Department", "01", "Số 40 Trần Phú, phường Ba Đình, Thành phố Hà Nội"),
				off("BNG-79", "Sở Ngoại vụ Thành phố Hồ Chí Minh", "Ho Chi Minh City Department of Foreign Affairs", "79", "Số 6 Alexandre de Rhodes, phường Sài Gòn, Thành phố Hồ Chí Minh"),
			}},
		{Code: "BCT", Name: t("Bộ Công Thương", "Ministry of Industry and Trade"), Level: "CENTRAL",
			Offices: []office{off("BCT-01", "Bộ phận Một cửa Bộ Công Thương", "Ministry of Industry and Trade one-stop counter", "01", "Số 54 Hai Bà Trưng, phường Cửa Nam, Thành phố Hà Nội")}},
		{Code: "XTTM", Name: t("Cục Xúc tiến thương mại", "Vietnam Trade Promotion Agency"), Level: "CENTRAL", ParentCode: ref("BCT"),
			Offices: []office{off("XTTM-01", "Cục Xúc tiến thương mại", "Vietnam Trade Promotion Agency", "01", "Số 20 Lý Thường Kiệt, phường Cửa Nam, Thành phố Hà Nội")}},
		{Code: "BXD", Name: t("Bộ Xây dựng", "Ministry of Construction"), Level: "CENTRAL",
			Offices: []office{off("BXD-01", "Bộ phận Một cửa Bộ Xây dựng", "Ministry of Construction one-stop counter", "01", "Số 37 Lê Đại Hành, phường Hai Bà Trưng, Thành phố Hà Nội")}},
		{Code: "CDBVN", Name: t("Cục Đường bộ Việt Nam", "Vietnam Road Administration"), Level: "CENTRAL", ParentCode: ref("BXD"),
			Offices: []office{off("CDBVN-01", "Cục Đường bộ Việt Nam", "Vietnam Road Administration", "01", "Số 106 Thái Thịnh, phường Đống Đa, Thành phố Hà Nội")}},
		{Code: "DKVN", Name: t("Cục Đăng kiểm Việt Nam", "Vietnam Register"), Level: "CENTRAL", ParentCode: ref("BXD"),
			Offices: []office{off("DKVN-01", "Cục Đăng kiểm Việt Nam", "Vietnam Register", "01", "Số 18 Phạm Hùng, phường Từ Liêm, Thành phố Hà Nội")}},
		{Code: "BGDDT", Name: t("Bộ Giáo dục và Đào tạo", "Ministry of Education and Training"), Level: "CENTRAL",
			Offices: []office{off("BGDDT-01", "Bộ phận Một cửa Bộ Giáo dục và Đào tạo", "Ministry of Education and Training one-stop counter", "01", "Số 35 Đại Cồ Việt, phường Hai Bà Trưng, Thành phố Hà Nội")}},
		{Code: "BYT", Name: t("Bộ Y tế", "Ministry of Health"), Level: "CENTRAL",
			Offices: []office{off("BYT-01", "Bộ phận Một cửa Bộ Y tế", "Ministry of Health one-stop counter", "01", "Số 138A Giảng Võ, phường Giảng Võ, Thành phố Hà Nội")}},
		{Code: "BNV", Name: t("Bộ Nội vụ", "Ministry of Home Affairs"), Level: "CENTRAL",
			Offices: []office{off("BNV-01", "Bộ phận Một cửa Bộ Nội vụ", "Ministry of Home Affairs one-stop counter", "01", "Số 8 Tôn Thất Thuyết, phường Cầu Giấy, Thành phố Hà Nội")}},
		{Code: "BNNMT", Name: t("Bộ Nông nghiệp và Môi trường", "Ministry of Agriculture and Environment"), Level: "CENTRAL",
			Offices: []office{off("BNNMT-01", "Bộ phận Một cửa Bộ Nông nghiệp và Môi trường", "Ministry of Agriculture and Environment one-stop counter", "01", "Số 2 Ngọc Hà, phường Ba Đình, Thành phố Hà Nội")}},
		{Code: "BVHTTDL", Name: t("Bộ Văn hóa, Thể thao và Du lịch", "Ministry of Culture, Sports and Tourism"), Level: "CENTRAL",
			Offices: []office{off("BVHTTDL-01", "Bộ phận Một cửa Bộ Văn hóa, Thể thao và Du lịch", "Ministry of Culture, Sports and Tourism one-stop counter", "01", "Số 51 Ngô Quyền, phường Cửa Nam, Thành phố Hà Nội")}},
		{Code: "BKHCN", Name: t("Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"), Level: "CENTRAL",
			Offices: []office{off("BKHCN-01", "Cục Sở hữu trí tuệ", "Intellectual Property Office of Vietnam", "01", "Số 384-386 Nguyễn Trãi, phường Khương Đình, Thành phố Hà Nội")}},
		{Code: "VNPOST", Name: t("Tổng công ty Bưu điện Việt Nam", "Vietnam Post"), Level: "CENTRAL",
			Offices: []office{
				off("VNPOST-01", "Bưu điện Thành phố Hà Nội", "Hanoi Post Office", "01", "Số 75 Đinh Tiên Hoàng, phường Hoàn Kiếm, Thành phố Hà Nội"),
				off("VNPOST-79", "Bưu điện Trung tâm Sài Gòn", "Saigon Central Post Office", "79", "Số 2 Công xã Paris, phường Sài Gòn, Thành phố Hồ Chí Minh"),
			}},
		{Code: "UBND-01", Name: t("Ủy ban nhân dân Thành phố Hà Nội", "Hanoi People's Committee"), Level: "PROVINCIAL",
			Offices: []office{off("UBND-01-HCC", "Trung tâm Phục vụ hành chính công Thành phố Hà Nội", "Hanoi Public Administrative Service Centre", "01", "Số 258 Võ Chí Công, phường Phú Thượng, Thành phố Hà Nội")}},
		{Code: "STP-01", Name: t("Sở Tư pháp Thành phố Hà Nội", "Hanoi Department of Justice"), Level: "PROVINCIAL", ParentCode: ref("UBND-01"),
			Offices: []office{off("STP-01-HADONG", "Sở Tư pháp Thành phố Hà Nội", "Hanoi Department of Justice", "01", "Số 1B Trần Phú, phường Hà Đông, Thành phố Hà Nội")}},
		{Code: "SCT-01", Name: t("Sở Công Thương Thành phố Hà Nội", "Hanoi Department of Industry and Trade"), Level: "PROVINCIAL", ParentCode: ref("UBND-01"),
			Offices: []office{off("SCT-01-HOANKIEM", "Sở Công Thương Thành phố Hà Nội", "Hanoi Department of Industry and Trade", "01", "Số 331 Cầu Giấy, phường Cầu Giấy, Thành phố Hà Nội")}},
		{Code: "UBND-01-BADINH", Name: t("Ủy ban nhân dân phường Ba Đình", "Ba Dinh Ward People's Committee"), Level: "COMMUNE", ParentCode: ref("UBND-01"),
			Offices: []office{off("UBND-01-BADINH-HCC", "Trung tâm Phục vụ hành chính công phường Ba Đình", "Ba Dinh Ward Public Administrative Service Centre", "01", "Số 25 Liễu Giai, phường Ba Đình, Thành phố Hà Nội")}},
		{Code: "UBND-79", Name: t("Ủy ban nhân dân Thành phố Hồ Chí Minh", "Ho Chi Minh City People's Committee"), Level: "PROVINCIAL",
			Offices: []office{off("UBND-79-HCC", "Trung tâm Phục vụ hành chính công Thành phố Hồ Chí Minh", "Ho Chi Minh City Public Administrative Service Centre", "79", "Số 86 Lê Thánh Tôn, phường Sài Gòn, Thành phố Hồ Chí Minh")}},
		{Code: "STP-79", Name: t("Sở Tư pháp Thành phố Hồ Chí Minh", "Ho Chi Minh City Department of Justice"), Level: "PROVINCIAL", ParentCode: ref("UBND-79"),
			Offices: []office{off("STP-79-SAIGON", "Sở Tư pháp Thành phố Hồ Chí Minh", "Ho Chi Minh City Department of Justice", "79", "Số 141-143 Pasteur, phường Xuân Hòa, Thành phố Hồ Chí Minh")}},
		{Code: "SXD-79", Name: t("Sở Xây dựng Thành phố Hồ Chí Minh", "Ho Chi Minh City Department of Construction"), Level: "PROVINCIAL", ParentCode: ref("UBND-79"),
			Offices: []office{off("SXD-79-SAIGON", "Sở Xây dựng Thành phố Hồ Chí Minh", "Ho Chi Minh City Department of Construction", "79", "Số 60 Trương Định, phường Xuân Hòa, Thành phố Hồ Chí Minh")}},
		{Code: "UBND-79-BENTHANH", Name: t("Ủy ban nhân dân phường Bến Thành", "Ben Thanh Ward People's Committee"), Level: "COMMUNE", ParentCode: ref("UBND-79"),
			Offices: []office{off("UBND-79-BENTHANH-HCC", "Trung tâm Phục vụ hành chính công phường Bến Thành", "Ben Thanh Ward Public Administrative Service Centre", "79", "Số 92 Nguyễn Trãi, phường Bến Thành, Thành phố Hồ Chí Minh")}},
	}
}
