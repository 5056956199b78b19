package vnid

// birthProvinces maps the three-digit birth-province codes of the ID number
// (Circular 07/2016/TT-BCA, amended by Circular 59/2021/TT-BCA) to the 63
// provinces and centrally-run cities as they were before the 2025 merger.
// The list is not contiguous: the codes follow the statistical province
// codes, which leave gaps (003, 005, 007, ...).
var birthProvinces = map[string]string{
	"001": "Hà Nội",
	"002": "Hà Giang",
	"004": "Cao Bằng",
	"006": "Bắc Kạn",
	"008": "Tuyên Quang",
	"010": "Lào Cai",
	"011": "Điện Biên",
	"012": "Lai Châu",
	"014": "Sơn La",
	"015": "Yên Bái",
	"017": "Hòa Bình",
	"019": "Thái Nguyên",
	"020": "Lạng Sơn",
	"022": "Quảng Ninh",
	"024": "Bắc Giang",
	"025": "Phú Thọ",
	"026": "Vĩnh Phúc",
	"027": "Bắc Ninh",
	"030": "Hải Dương",
	"031": "Hải Phòng",
	"033": "Hưng Yên",
	"034": "Thái Bình",
	"035": "Hà Nam",
	"036": "Nam Định",
	"037": "Ninh Bình",
	"038": "Thanh Hóa",
	"040": "Nghệ An",
	"042": "Hà Tĩnh",
	"044": "Quảng Bình",
	"045": "Quảng Trị",
	"046": "Thừa Thiên Huế",
	"048": "Đà Nẵng",
	"049": "Quảng Nam",
	"051": "Quảng Ngãi",
	"052": "Bình Định",
	"054": "Phú Yên",
	"056": "Khánh Hòa",
	"058": "Ninh Thuận",
	"060": "Bình Thuận",
	"062": "Kon Tum",
	"064": "Gia Lai",
	"066": "Đắk Lắk",
	"067": "Đắk Nông",
	"068": "Lâm Đồng",
	"070": "Bình Phước",
	"072": "Tây Ninh",
	"074": "Bình Dương",
	"075": "Đồng Nai",
	"077": "Bà Rịa - Vũng Tàu",
	"079": "Hồ Chí Minh",
	"080": "Long An",
	"082": "Tiền Giang",
	"083": "Bến Tre",
	"084": "Trà Vinh",
	"086": "Vĩnh Long",
	"087": "Đồng Tháp",
	"089": "An Giang",
	"091": "Kiên Giang",
	"092": "Cần Thơ",
	"093": "Hậu Giang",
	"094": "Sóc Trăng",
	"095": "Bạc Liêu",
	"096": "Cà Mau",
}

// BirthProvince returns the name of the (pre-2025) province whose
// three-digit code opens an ID number, and whether code is one.
func BirthProvince(code string) (string, bool) {
	name, ok := birthProvinces[code]
	return name, ok
}

// BirthProvinceCodes returns the 63 birth-province codes in ascending order.
func BirthProvinceCodes() []string {
	codes := make([]string, 0, len(birthProvinces))
	for i := 0; i < 100; i++ {
		c := "0" + string(rune('0'+i/10)) + string(rune('0'+i%10))
		if _, ok := birthProvinces[c]; ok {
			codes = append(codes, c)
		}
	}
	return codes
}
