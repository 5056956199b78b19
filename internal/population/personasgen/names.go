package main

// Vietnamese family names with their approximate share of the population,
// and common middle and given names by gender.
var familyNames = []struct {
	name   string
	weight int
}{
	{"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95}, {"Phạm", 70}, {"Hoàng", 30}, {"Huỳnh", 21},
	{"Phan", 45}, {"Vũ", 20}, {"Võ", 19}, {"Đặng", 21}, {"Bùi", 20}, {"Đỗ", 14},
	{"Hồ", 13}, {"Ngô", 13}, {"Dương", 10}, {"Lý", 5}, {"Đào", 4}, {"Đinh", 4},
	{"Trương", 4}, {"Lâm", 3}, {"Mai", 3}, {"Trịnh", 3}, {"Lương", 2}, {"Tạ", 2},
}

var middleNames = map[string][]string{
	"MALE":   {"Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Công", "Xuân", "Quốc", "Trọng", "Anh", "Tuấn", "Hoàng", "Ngọc"},
	"FEMALE": {"Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Thùy", "Phương", "Minh", "Bích", "Mai", "Hồng", "Khánh", "Diệu", "Hải"},
}

var givenNames = map[string][]string{
	"MALE": {"An", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đức", "Giang", "Hải", "Hiếu",
		"Hoàng", "Hùng", "Huy", "Khánh", "Khoa", "Kiên", "Long", "Lâm", "Minh", "Nam", "Nghĩa",
		"Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Thắng", "Thành", "Thịnh", "Tiến",
		"Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Khôi", "Lộc", "Hưng"},
	"FEMALE": {"Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hòa",
		"Huyền", "Hương", "Lan", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung",
		"Oanh", "Phương", "Quỳnh", "Tâm", "Thảo", "Thu", "Thủy", "Trang", "Trinh", "Uyên",
		"Vân", "Yến", "Thư", "Nhi", "Hậu"},
}

// Street names found in most Vietnamese towns.
var streets = []string{
	"Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Quang Trung", "Hùng Vương",
	"Lý Thường Kiệt", "Lê Duẩn", "Nguyễn Huệ", "Phan Chu Trinh", "Điện Biên Phủ", "Trần Phú",
	"Nguyễn Du", "Bà Triệu", "Lê Hồng Phong", "Nguyễn Thị Minh Khai", "Phan Đình Phùng",
	"Võ Thị Sáu", "Ngô Quyền", "Lý Tự Trọng", "Hoàng Diệu", "Nguyễn Văn Cừ", "Đội Cấn",
}

// Mobile prefixes in service (national form, without the leading 0).
var mobilePrefixes = []string{
	"32", "33", "34", "35", "36", "37", "38", "39", "56", "58", "59", "70", "76", "77", "78",
	"79", "81", "82", "83", "84", "85", "86", "87", "88", "89", "90", "91", "92", "93", "94",
	"96", "97", "98", "99",
}
