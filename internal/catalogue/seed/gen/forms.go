package main

import "github.com/dvcportal/dvcportal/internal/catalogue/seed"

// The fields every generated form starts with: who applies.
var (
	fieldApplicantName = seed.FormField{Name: "applicantName", Label: t("Họ, chữ đệm và tên người nộp hồ sơ", "Applicant's full name"), Type: "TEXT", Required: true, Min: num(2), Max: num(100)}
	fieldIDNumber      = seed.FormField{Name: "idNumber", Label: t("Số định danh cá nhân", "Personal identification number"), Type: "ID_NUMBER", Required: true}
	fieldPhone         = seed.FormField{Name: "phone", Label: t("Số điện thoại di động", "Mobile phone"), Type: "PHONE", Required: true}
	fieldAddress       = seed.FormField{Name: "address", Label: t("Địa chỉ liên hệ", "Contact address"), Type: "ADDRESS", Required: true}
	fieldNote          = seed.FormField{Name: "note", Label: t("Ghi chú", "Note"), Type: "TEXT", Required: false, Max: num(1000)}
)

func text(name, vi, en string, required bool, min, max float64) seed.FormField {
	return seed.FormField{Name: name, Label: t(vi, en), Type: "TEXT", Required: required, Min: num(min), Max: num(max)}
}

func pattern(name, vi, en, re string) seed.FormField {
	return seed.FormField{Name: name, Label: t(vi, en), Type: "TEXT", Required: true, Pattern: re}
}

func number(name, vi, en string, required bool, min, max float64) seed.FormField {
	return seed.FormField{Name: name, Label: t(vi, en), Type: "NUMBER", Required: required, Min: num(min), Max: num(max)}
}

func date(name, vi, en string, required bool) seed.FormField {
	return seed.FormField{Name: name, Label: t(vi, en), Type: "DATE", Required: required}
}

func address(name, vi, en string) seed.FormField {
	return seed.FormField{Name: name, Label: t(vi, en), Type: "ADDRESS", Required: true}
}

func selectField(name, vi, en string, options ...seed.Option) seed.FormField {
	return seed.FormField{Name: name, Label: t(vi, en), Type: "SELECT", Required: true, Options: options}
}

// categoryFields are the fields a category's forms ask for after the applicant.
var categoryFields = map[string][]seed.FormField{
	"BAO-HIEM-Y-TE":   {pattern("socialInsuranceCode", "Mã số bảo hiểm xã hội", "Social insurance code", patternSocialInsuranceCode)},
	"BAO-HIEM-XA-HOI": {pattern("socialInsuranceCode", "Mã số bảo hiểm xã hội", "Social insurance code", patternSocialInsuranceCode), text("bankAccount", "Số tài khoản nhận tiền", "Bank account for payment", false, 6, 20)},
	"THUE":            {pattern("taxCode", "Mã số thuế", "Tax code", patternTaxCode), text("taxpayerName", "Tên người nộp thuế", "Taxpayer name", true, 2, 200)},
	"HAI-QUAN":        {pattern("taxCode", "Mã số thuế doanh nghiệp", "Enterprise tax code", patternTaxCode), text("declarationNumber", "Số tờ khai hải quan", "Customs declaration number", false, 12, 12)},
	"DANG-KY-KINH-DOANH": {
		text("businessName", "Tên doanh nghiệp, hộ kinh doanh", "Business name", true, 2, 250),
		address("headOfficeAddress", "Địa chỉ trụ sở chính", "Head office address"),
		number("charterCapital", "Vốn điều lệ (đồng)", "Charter capital (VND)", false, 0, 1e15),
	},
	"DIEN":                     {pattern("customerCode", "Mã khách hàng sử dụng điện", "Electricity customer code", patternEVNCustomer), address("supplyAddress", "Địa chỉ sử dụng điện", "Supply address")},
	"XU-LY-VI-PHAM-HANH-CHINH": {text("decisionNumber", "Số quyết định xử phạt", "Penalty decision number", true, 3, 50), date("decisionDate", "Ngày ra quyết định", "Decision date", true)},
	"DANG-KY-PHUONG-TIEN": {
		pattern("licencePlate", "Biển số xe", "Licence plate", patternLicencePlate),
		selectField("vehicleType", "Loại xe", "Vehicle type", opt("CAR", "Ô tô", "Car"), opt("MOTORBIKE", "Mô tô, xe gắn máy", "Motorbike"), opt("SPECIAL", "Xe máy chuyên dùng", "Special-purpose vehicle")),
	},
	"GIAY-PHEP-LAI-XE": {
		pattern("licenceNumber", "Số giấy phép lái xe", "Driving licence number", `^[0-9]{12}$`),
		selectField("licenceClass", "Hạng giấy phép lái xe", "Licence class",
			opt("A1", "Hạng A1", "Class A1"), opt("A", "Hạng A", "Class A"), opt("B", "Hạng B", "Class B"),
			opt("C1", "Hạng C1", "Class C1"), opt("C", "Hạng C", "Class C"), opt("D", "Hạng D", "Class D")),
	},
	"DUONG-BO":        {text("vehicleOrProject", "Phương tiện hoặc công trình", "Vehicle or works", true, 2, 200)},
	"XUAT-NHAP-CANH":  {date("dateOfBirth", "Ngày sinh", "Date of birth", true), text("placeOfBirth", "Nơi sinh", "Place of birth", true, 2, 100)},
	"CU-TRU":          {address("residenceAddress", "Địa chỉ cư trú đăng ký", "Residence address being registered")},
	"CAN-CUOC":        {date("dateOfBirth", "Ngày sinh", "Date of birth", true)},
	"HO-TICH":         {text("subjectName", "Họ, chữ đệm và tên người được đăng ký", "Full name of the person registered", true, 2, 100), date("eventDate", "Ngày xảy ra sự kiện hộ tịch", "Date of the event", true)},
	"LY-LICH-TU-PHAP": {text("purpose", "Mục đích sử dụng phiếu", "Purpose of the certificate", true, 2, 200), number("copies", "Số lượng phiếu", "Number of copies", true, 1, 10)},
	"CHUNG-THUC":      {number("pages", "Số trang cần chứng thực", "Number of pages", true, 1, 500)},
	"BO-TRO-TU-PHAP":  {text("organisationName", "Tên tổ chức hoặc nơi hành nghề", "Organisation or place of practice", false, 2, 200)},
	"QUOC-TICH":       {date("dateOfBirth", "Ngày sinh", "Date of birth", true), text("currentNationality", "Quốc tịch hiện nay", "Current nationality", true, 2, 100)},
	"LANH-SU":         {text("destinationCountry", "Nước sử dụng giấy tờ", "Country where the documents will be used", true, 2, 100), number("documentCount", "Số giấy tờ", "Number of documents", true, 1, 100)},
	"XUC-TIEN-THUONG-MAI": {
		pattern("taxCode", "Mã số doanh nghiệp", "Enterprise code", patternTaxCode),
		date("startDate", "Ngày bắt đầu", "Start date", true), date("endDate", "Ngày kết thúc", "End date", true),
	},
	"XUAT-NHAP-KHAU":      {pattern("taxCode", "Mã số doanh nghiệp", "Enterprise code", patternTaxCode), text("invoiceNumber", "Số hóa đơn thương mại", "Commercial invoice number", true, 1, 50)},
	"THUONG-MAI":          {pattern("taxCode", "Mã số doanh nghiệp, hộ kinh doanh", "Business code", patternTaxCode), address("businessAddress", "Địa điểm kinh doanh", "Business address")},
	"AN-TOAN-THUC-PHAM":   {text("facilityName", "Tên cơ sở", "Facility name", true, 2, 200), address("facilityAddress", "Địa chỉ cơ sở", "Facility address")},
	"XAY-DUNG":            {address("siteAddress", "Địa điểm xây dựng", "Site address"), number("floorArea", "Tổng diện tích sàn (m²)", "Total floor area (m²)", true, 1, 1e6)},
	"GIAO-DUC":            {text("diplomaName", "Tên văn bằng, chứng chỉ hoặc trường học", "Diploma, certificate or school", true, 2, 200)},
	"KHAM-CHUA-BENH":      {text("qualification", "Văn bằng chuyên môn", "Professional qualification", true, 2, 200)},
	"DUOC":                {text("qualification", "Văn bằng chuyên môn", "Professional qualification", true, 2, 200)},
	"LAO-DONG":            {text("employerName", "Tên người sử dụng lao động", "Employer", true, 2, 200)},
	"NGUOI-CO-CONG":       {text("meritPersonName", "Họ và tên người có công", "Name of the person with meritorious services", true, 2, 100)},
	"DAT-DAI":             {number("parcelNumber", "Thửa đất số", "Parcel number", true, 1, 1e6), number("mapSheet", "Tờ bản đồ số", "Map sheet number", true, 1, 1e5), address("landAddress", "Địa chỉ thửa đất", "Parcel address")},
	"MOI-TRUONG":          {text("projectName", "Tên dự án, cơ sở", "Project or facility", true, 2, 250), address("projectAddress", "Địa điểm thực hiện", "Location")},
	"NONG-NGHIEP":         {text("productName", "Tên hàng hóa, sản phẩm", "Goods or product", true, 2, 200), number("quantity", "Số lượng", "Quantity", true, 1, 1e9)},
	"VAN-HOA":             {text("businessName", "Tên tổ chức, cá nhân", "Organisation or person", true, 2, 200)},
	"SO-HUU-TRI-TUE":      {text("subjectTitle", "Tên đối tượng đăng ký", "Title of the subject", true, 2, 300)},
	"BUU-CHINH":           {text("itemNumber", "Số hiệu bưu gửi", "Postal item number", false, 5, 20)},
	"VIEN-THONG":          {text("equipment", "Thiết bị vô tuyến điện", "Radio equipment", true, 2, 200)},
	"DAU-TU":              {text("projectName", "Tên dự án đầu tư", "Investment project", true, 2, 250), number("investmentCapital", "Vốn đầu tư (đồng)", "Investment capital (VND)", true, 1, 1e16)},
	"TAI-CHINH":           {text("qualification", "Văn bằng, chứng chỉ chuyên môn", "Professional qualification", true, 2, 200)},
	"THI-DUA-KHEN-THUONG": {text("nominee", "Tập thể, cá nhân được đề nghị", "Nominee", true, 2, 200)},
	"TON-GIAO":            {text("organisation", "Tổ chức tôn giáo", "Religious organisation", true, 2, 200), number("participants", "Số người tham gia", "Number of participants", true, 1, 10000)},
}

// formFor builds a generated service's form: applicant, category fields, note.
func formFor(cat string) []seed.FormField {
	fields := []seed.FormField{fieldApplicantName, fieldIDNumber, fieldPhone, fieldAddress}
	fields = append(fields, categoryFields[cat]...)
	return append(fields, fieldNote)
}
