package main

func socialSecurityRows() []row {
	return []row{
		{"SI-BOOK-REISSUE", "BHXH", "BAO-HIEM-XA-HOI", "Cấp lại sổ bảo hiểm xã hội do mất, hỏng", "Reissue of a social insurance book due to loss or damage", "F", 10, wd, 0, "so bhxh|cap lai so bao hiem xa hoi|mat so",
			[]kase{{"LOST", "Sổ bị mất", "Book lost"}, {"DAMAGED", "Sổ bị hỏng", "Book damaged"}}, nil},
		{"HI-CARD-INFO-CHANGE", "BHXH", "BAO-HIEM-Y-TE", "Điều chỉnh thông tin in trên thẻ BHYT", "Correction of the information printed on a health insurance card", "F", 3, wd, 0, "sua thong tin the bhyt|dieu chinh the bhyt|sai ngay sinh", nil, nil},
		{"HI-HOUSEHOLD-ENROL", "BHXH", "BAO-HIEM-Y-TE", "Đăng ký tham gia BHYT theo hộ gia đình", "Household health insurance enrolment", "F", 5, wd, 0, "bhyt ho gia dinh|mua bhyt|dong bhyt", nil, nil},
		{"HI-STUDENT-ENROL", "BHXH", "BAO-HIEM-Y-TE", "Đăng ký tham gia BHYT học sinh, sinh viên", "Health insurance enrolment of pupils and students", "C", 5, wd, 0, "bhyt hoc sinh|bhyt sinh vien", nil, nil},
		{"HI-CLINIC-CHANGE", "BHXH", "BAO-HIEM-Y-TE", "Thay đổi nơi đăng ký khám bệnh, chữa bệnh BHYT ban đầu", "Change of the registered primary care facility", "F", 3, wd, 0, "doi noi kham ban dau|noi dang ky kcb|benh vien bhyt", nil, nil},
		{"HI-MEDICAL-COST-REFUND", "BHXH", "BAO-HIEM-Y-TE", "Thanh toán trực tiếp chi phí khám bệnh, chữa bệnh BHYT", "Direct reimbursement of medical costs covered by health insurance", "P", 40, cd, 0, "hoan tien kham benh|thanh toan truc tiep bhyt|chi phi kcb",
			[]kase{{"NO-CARD", "Không xuất trình được thẻ khi khám", "Card not shown at treatment"}, {"UNCONTRACTED", "Khám tại cơ sở không ký hợp đồng BHYT", "Treatment at a non-contracted facility"}}, nil},
		{"VOLUNTARY-SI-ENROL", "BHXH", "BAO-HIEM-XA-HOI", "Đăng ký tham gia bảo hiểm xã hội tự nguyện", "Enrolment in voluntary social insurance", "F", 5, wd, 0, "bhxh tu nguyen|dong bao hiem xa hoi", nil, nil},
		{"COMPULSORY-SI-ENROL", "BHXH", "BAO-HIEM-XA-HOI", "Đăng ký đóng BHXH, BHYT, bảo hiểm thất nghiệp bắt buộc cho người lao động", "Enrolment of employees in compulsory social, health and unemployment insurance", "F", 5, wd, 0, "bao hiem bat buoc|bao tang lao dong|dang ky bhxh doanh nghiep", nil, nil},
		{"SI-LUMP-SUM", "BHXH", "BAO-HIEM-XA-HOI", "Giải quyết hưởng bảo hiểm xã hội một lần", "One-off social insurance benefit", "P", 10, wd, 0, "rut bhxh mot lan|bhxh 1 lan|lanh bao hiem", nil, nil},
		{"MATERNITY-BENEFIT", "BHXH", "BAO-HIEM-XA-HOI", "Giải quyết hưởng chế độ thai sản", "Maternity benefit", "F", 6, wd, 0, "thai san|nghi sinh|tro cap sinh con",
			[]kase{{"BIRTH", "Sinh con", "Childbirth"}, {"ADOPTION", "Nhận nuôi con nuôi dưới 06 tháng tuổi", "Adoption of a child under 6 months"}, {"PRENATAL", "Khám thai", "Prenatal examinations"}}, nil},
		{"SICKNESS-BENEFIT", "BHXH", "BAO-HIEM-XA-HOI", "Giải quyết hưởng chế độ ốm đau", "Sickness benefit", "P", 6, wd, 0, "om dau|nghi om|tro cap om dau", nil, nil},
		{"CONVALESCENCE-BENEFIT", "BHXH", "BAO-HIEM-XA-HOI", "Giải quyết hưởng trợ cấp dưỡng sức, phục hồi sức khỏe", "Convalescence allowance", "F", 6, wd, 0, "duong suc|phuc hoi suc khoe", nil, nil},
		{"RETIREMENT-PENSION", "BHXH", "BAO-HIEM-XA-HOI", "Giải quyết hưởng lương hưu hằng tháng", "Monthly retirement pension", "P", 20, wd, 0, "luong huu|nghi huu|huu tri", nil, nil},
		{"SURVIVOR-BENEFIT", "BHXH", "BAO-HIEM-XA-HOI", "Giải quyết hưởng chế độ tử tuất", "Survivors' benefits", "P", 12, wd, 0, "tu tuat|tro cap mai tang|tuat",
			[]kase{{"FUNERAL", "Trợ cấp mai táng", "Funeral allowance"}, {"MONTHLY", "Trợ cấp tuất hằng tháng", "Monthly survivors' allowance"}, {"LUMP-SUM", "Trợ cấp tuất một lần", "One-off survivors' allowance"}}, nil},
		{"WORK-ACCIDENT-BENEFIT", "BHXH", "BAO-HIEM-XA-HOI", "Giải quyết hưởng chế độ tai nạn lao động, bệnh nghề nghiệp", "Occupational accident and disease benefits", "C", 10, wd, 0, "tai nan lao dong|benh nghe nghiep", nil, nil},
		{"PENSION-TRANSFER", "BHXH", "BAO-HIEM-XA-HOI", "Chuyển nơi hưởng lương hưu, trợ cấp bảo hiểm xã hội", "Transfer of the place where a pension is paid", "F", 5, wd, 0, "chuyen noi huong luong huu|chuyen tinh nhan luong huu", nil, nil},
		{"SI-BOOK-MERGE", "BHXH", "BAO-HIEM-XA-HOI", "Gộp sổ bảo hiểm xã hội", "Merging of social insurance books", "P", 10, wd, 0, "gop so bhxh|trung so bhxh", nil, nil},
		{"SI-HISTORY-STATEMENT", "BHXH", "BAO-HIEM-XA-HOI", "Cung cấp thông tin quá trình tham gia bảo hiểm xã hội", "Statement of social insurance contribution history", "F", 3, wd, 0, "qua trinh dong bhxh|tra cuu bhxh|xac nhan dong bao hiem", nil, nil},
	}
}

func taxRows() []row {
	return []row{
		{"TAX-REGISTRATION-HOUSEHOLD", "THUE", "THUE", "Đăng ký thuế lần đầu đối với hộ kinh doanh, cá nhân kinh doanh", "First tax registration of a household or individual business", "F", 3, wd, 0, "ma so thue|dang ky thue|mst ho kinh doanh", nil, nil},
		{"TAX-REGISTRATION-CHANGE", "THUE", "THUE", "Thay đổi thông tin đăng ký thuế", "Change of tax registration information", "F", 2, wd, 0, "thay doi thong tin thue|cap nhat mst", nil, nil},
		{"TAX-CODE-TERMINATION", "THUE", "THUE", "Chấm dứt hiệu lực mã số thuế", "Termination of a tax code", "P", 10, wd, 0, "dong mst|cham dut ma so thue", nil, nil},
		{"PIT-FINALISATION", "THUE", "THUE", "Khai quyết toán thuế thu nhập cá nhân", "Personal income tax finalisation", "F", 1, wd, 0, "quyet toan thue|thue tncn|quyet toan thu nhap ca nhan", nil, nil},
		{"PIT-REFUND", "THUE", "THUE", "Hoàn thuế thu nhập cá nhân", "Personal income tax refund", "F", 6, wd, 0, "hoan thue|hoan thue tncn", nil, nil},
		{"PIT-DEPENDANT", "THUE", "THUE", "Đăng ký người phụ thuộc giảm trừ gia cảnh", "Registration of dependants for family deduction", "F", 3, wd, 0, "nguoi phu thuoc|giam tru gia canh", nil, nil},
		{"E-INVOICE-REGISTRATION", "THUE", "THUE", "Đăng ký sử dụng hóa đơn điện tử", "Registration to use electronic invoices", "F", 1, wd, 0, "hoa don dien tu|dang ky hoa don", nil, nil},
		{"VEHICLE-REGISTRATION-FEE", "THUE", "THUE", "Khai lệ phí trước bạ ô tô, xe máy", "Declaration of the registration fee for cars and motorbikes", "F", 4, hr, 0, "truoc ba xe|le phi truoc ba oto|truoc ba xe may", nil, nil},
		{"PROPERTY-REGISTRATION-FEE", "THUE", "THUE", "Khai lệ phí trước bạ nhà, đất", "Declaration of the registration fee for houses and land", "P", 3, wd, 0, "truoc ba nha dat|le phi truoc ba", nil, nil},
		{"TAX-RESIDENCE-CERTIFICATE", "THUE", "THUE", "Cấp giấy chứng nhận cư trú theo Hiệp định tránh đánh thuế hai lần", "Tax residence certificate under a double taxation agreement", "P", 5, wd, 0, "chung nhan cu tru thue|hiep dinh thue|tranh danh thue hai lan", nil, nil},
		{"TAX-DEADLINE-EXTENSION", "THUE", "THUE", "Gia hạn nộp thuế", "Extension of the tax payment deadline", "P", 10, wd, 0, "gia han thue|lui han nop thue", nil, nil},
		{"TAX-COMPLIANCE-CONFIRMATION", "THUE", "THUE", "Xác nhận việc thực hiện nghĩa vụ thuế", "Confirmation of fulfilment of tax obligations", "F", 5, wd, 0, "xac nhan nghia vu thue|khong no thue", nil, nil},
		{"HOUSEHOLD-TAX-DECLARATION", "THUE", "THUE", "Khai thuế đối với hộ kinh doanh, cá nhân kinh doanh", "Tax declaration of household and individual businesses", "F", 1, wd, 0, "thue ho kinh doanh|khai thue khoan", nil, nil},
		{"LAND-LEVY-REDUCTION", "THUE", "THUE", "Miễn, giảm tiền sử dụng đất", "Exemption or reduction of the land use levy", "C", 15, wd, 0, "mien tien su dung dat|giam tien su dung dat", nil, nil},
		{"CUSTOMS-IMPORT-CLEARANCE", "HAIQUAN", "HAI-QUAN", "Thủ tục hải quan đối với hàng hóa nhập khẩu thương mại", "Customs clearance of commercial imports", "F", 8, hr, 0, "thong quan|nhap khau|to khai hai quan", nil, nil},
		{"CUSTOMS-EXPORT-CLEARANCE", "HAIQUAN", "HAI-QUAN", "Thủ tục hải quan đối với hàng hóa xuất khẩu thương mại", "Customs clearance of commercial exports", "F", 2, hr, 0, "xuat khau|thong quan xuat khau", nil, nil},
		{"CUSTOMS-GIFTS", "HAIQUAN", "HAI-QUAN", "Thủ tục hải quan đối với quà biếu, quà tặng nhập khẩu", "Customs clearance of imported gifts", "P", 8, hr, 0, "qua bieu|qua tang nuoc ngoai|hang phi mau dich", nil, nil},
		{"CUSTOMS-PERSONAL-EFFECTS", "HAIQUAN", "HAI-QUAN", "Thủ tục hải quan đối với tài sản di chuyển", "Customs clearance of personal effects when moving to Vietnam", "C", 8, hr, 0, "tai san di chuyen|chuyen nha ve viet nam", nil, nil},
		{"IMPORT-DUTY-REFUND", "HAIQUAN", "HAI-QUAN", "Hoàn thuế nhập khẩu", "Refund of import duty", "P", 6, wd, 0, "hoan thue nhap khau", nil, nil},
		{"BONDED-WAREHOUSE", "HAIQUAN", "HAI-QUAN", "Công nhận kho ngoại quan", "Recognition of a bonded warehouse", "C", 10, wd, 0, "kho ngoai quan", nil, nil},
		{"AEO-RECOGNITION", "HAIQUAN", "HAI-QUAN", "Công nhận doanh nghiệp ưu tiên trong lĩnh vực hải quan", "Recognition as an authorised economic operator", "C", 30, cd, 0, "doanh nghiep uu tien|aeo", nil, nil},
		{"TARIFF-ADVANCE-RULING", "HAIQUAN", "HAI-QUAN", "Xác định trước mã số hàng hóa", "Advance ruling on tariff classification", "P", 30, cd, 0, "ma hs|xac dinh truoc ma so", nil, nil},
		{"BUDGET-RELATIONSHIP-CODE", "BTC", "TAI-CHINH", "Đăng ký mã số đơn vị có quan hệ với ngân sách", "Registration of a budget relationship code", "F", 2, wd, 0, "ma quan he ngan sach|ma dvqhns", nil, nil},
		{"ACCOUNTING-SERVICE-CERTIFICATE", "BTC", "TAI-CHINH", "Cấp Giấy chứng nhận đủ điều kiện kinh doanh dịch vụ kế toán", "Certificate of eligibility to provide accounting services", "C", 15, wd, 0, "dich vu ke toan|ke toan vien", nil, nil},
		{"PRICE-APPRAISER-CARD", "BTC", "TAI-CHINH", "Cấp thẻ thẩm định viên về giá", "Price appraiser card", "P", 15, wd, 0, "tham dinh gia|the tham dinh vien", nil, nil},
	}
}
