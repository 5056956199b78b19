package main

import "github.com/dvcportal/dvcportal/internal/catalogue/seed"

// electronicResult lists the categories whose results can be delivered as an
// electronic document (signed PDF, e-receipt, e-certificate).
var electronicResult = map[string]bool{
	"THUE": true, "HAI-QUAN": true, "DANG-KY-KINH-DOANH": true, "LY-LICH-TU-PHAP": true,
	"XUAT-NHAP-KHAU": true, "BAO-HIEM-XA-HOI": true, "CU-TRU": true, "THUONG-MAI": true,
	"DAU-TU": true, "SO-HUU-TRI-TUE": true,
}

// categoryLaw is the legal basis of a category's services unless a row names its own.
var categoryLaw = map[string][]string{
	"BAO-HIEM-Y-TE": {
		"Luật Bảo hiểm y tế số 25/2008/QH12, sửa đổi, bổ sung bởi Luật số 46/2014/QH13 và Luật số 51/2024/QH15",
		"Nghị định 188/2025/NĐ-CP ngày 01/7/2025 quy định chi tiết và hướng dẫn thi hành một số điều của Luật Bảo hiểm y tế",
	},
	"BAO-HIEM-XA-HOI": {
		"Luật Bảo hiểm xã hội số 41/2024/QH15",
		"Nghị định 158/2025/NĐ-CP quy định chi tiết một số điều của Luật Bảo hiểm xã hội về bảo hiểm xã hội bắt buộc",
	},
	"THUE": {
		"Luật Quản lý thuế số 38/2019/QH14",
		"Nghị định 126/2020/NĐ-CP quy định chi tiết một số điều của Luật Quản lý thuế",
		"Thông tư 86/2024/TT-BTC quy định về đăng ký thuế",
	},
	"HAI-QUAN": {
		"Luật Hải quan số 54/2014/QH13",
		"Nghị định 08/2015/NĐ-CP, sửa đổi, bổ sung bởi Nghị định 59/2018/NĐ-CP",
		"Thông tư 38/2015/TT-BTC, sửa đổi, bổ sung bởi Thông tư 39/2018/TT-BTC",
	},
	"DANG-KY-KINH-DOANH": {
		"Luật Doanh nghiệp số 59/2020/QH14",
		"Nghị định 168/2025/NĐ-CP về đăng ký doanh nghiệp",
	},
	"DIEN": {
		"Luật Điện lực số 61/2024/QH15",
		"Quy trình kinh doanh điện năng của Tập đoàn Điện lực Việt Nam",
	},
	"XU-LY-VI-PHAM-HANH-CHINH": {
		"Luật Xử lý vi phạm hành chính số 15/2012/QH13, sửa đổi, bổ sung năm 2020",
		"Nghị định 168/2024/NĐ-CP quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông trong lĩnh vực giao thông đường bộ",
	},
	"DANG-KY-PHUONG-TIEN": {
		"Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15",
		"Thông tư 79/2024/TT-BCA quy định về cấp, thu hồi chứng nhận đăng ký xe, biển số xe cơ giới, xe máy chuyên dùng",
		"Thông tư 60/2023/TT-BTC quy định mức thu, chế độ thu, nộp, quản lý và sử dụng một số khoản phí, lệ phí trong lĩnh vực giao thông",
	},
	"GIAY-PHEP-LAI-XE": {
		"Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15",
		"Thông tư 12/2025/TT-BCA quy định về sát hạch, cấp, đổi, thu hồi giấy phép lái xe",
	},
	"DUONG-BO": {
		"Luật Đường bộ số 35/2024/QH15",
		"Nghị định 158/2024/NĐ-CP quy định về hoạt động vận tải đường bộ",
	},
	"XUAT-NHAP-CANH": {
		"Luật Xuất cảnh, nhập cảnh của công dân Việt Nam số 49/2019/QH14, sửa đổi, bổ sung năm 2023",
		"Thông tư 25/2021/TT-BTC quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí, lệ phí trong lĩnh vực xuất cảnh, nhập cảnh",
	},
	"CU-TRU": {
		"Luật Cư trú số 68/2020/QH14",
		"Nghị định 154/2024/NĐ-CP quy định chi tiết một số điều của Luật Cư trú",
	},
	"CAN-CUOC": {
		"Luật Căn cước số 26/2023/QH15",
		"Nghị định 70/2024/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Căn cước",
		"Nghị định 69/2024/NĐ-CP quy định về định danh và xác thực điện tử",
	},
	"HO-TICH": {
		"Luật Hộ tịch số 60/2014/QH13",
		"Nghị định 123/2015/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
		"Thông tư 04/2020/TT-BTP quy định chi tiết thi hành một số điều của Luật Hộ tịch",
	},
	"LY-LICH-TU-PHAP": {
		"Luật Lý lịch tư pháp số 28/2009/QH12",
		"Nghị định 111/2010/NĐ-CP quy định chi tiết một số điều của Luật Lý lịch tư pháp",
	},
	"CHUNG-THUC": {
		"Nghị định 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch",
		"Thông tư 01/2020/TT-BTP quy định chi tiết và hướng dẫn thi hành Nghị định 23/2015/NĐ-CP",
	},
	"QUOC-TICH": {
		"Luật Quốc tịch Việt Nam số 24/2008/QH12, sửa đổi, bổ sung năm 2014 và 2025",
		"Nghị định 16/2020/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Quốc tịch Việt Nam",
	},
	"LANH-SU": {
		"Nghị định 111/2011/NĐ-CP về chứng nhận lãnh sự, hợp pháp hóa lãnh sự",
		"Thông tư 264/2016/TT-BTC quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí, lệ phí áp dụng tại cơ quan đại diện",
	},
	"XUC-TIEN-THUONG-MAI": {
		"Luật Thương mại số 36/2005/QH11",
		"Nghị định 81/2018/NĐ-CP quy định chi tiết Luật Thương mại về hoạt động xúc tiến thương mại",
		"Nghị định 128/2024/NĐ-CP sửa đổi, bổ sung một số điều của Nghị định 81/2018/NĐ-CP",
	},
	"XUAT-NHAP-KHAU": {
		"Luật Quản lý ngoại thương số 05/2017/QH14",
		"Nghị định 31/2018/NĐ-CP quy định chi tiết Luật Quản lý ngoại thương về xuất xứ hàng hóa",
	},
	"THUONG-MAI": {
		"Luật Thương mại số 36/2005/QH11",
		"Nghị định 52/2013/NĐ-CP về thương mại điện tử, sửa đổi, bổ sung bởi Nghị định 85/2021/NĐ-CP",
	},
	"AN-TOAN-THUC-PHAM": {
		"Luật An toàn thực phẩm số 55/2010/QH12",
		"Nghị định 15/2018/NĐ-CP quy định chi tiết thi hành một số điều của Luật An toàn thực phẩm",
	},
	"XAY-DUNG": {
		"Luật Xây dựng số 50/2014/QH13, sửa đổi, bổ sung bởi Luật số 62/2020/QH14",
		"Nghị định 175/2024/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Xây dựng về quản lý hoạt động xây dựng",
	},
	"GIAO-DUC": {
		"Luật Giáo dục số 43/2019/QH14",
		"Nghị định 125/2024/NĐ-CP quy định về điều kiện đầu tư và hoạt động trong lĩnh vực giáo dục",
	},
	"KHAM-CHUA-BENH": {
		"Luật Khám bệnh, chữa bệnh số 15/2023/QH15",
		"Nghị định 96/2023/NĐ-CP quy định chi tiết một số điều của Luật Khám bệnh, chữa bệnh",
	},
	"DUOC": {
		"Luật Dược số 105/2016/QH13, sửa đổi, bổ sung bởi Luật số 44/2024/QH15",
		"Nghị định 54/2017/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Dược",
	},
	"LAO-DONG": {
		"Bộ luật Lao động số 45/2019/QH14",
		"Luật Việc làm số 38/2013/QH13",
	},
	"NGUOI-CO-CONG": {
		"Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14",
		"Nghị định 131/2021/NĐ-CP quy định chi tiết và biện pháp thi hành Pháp lệnh Ưu đãi người có công với cách mạng",
	},
	"DAT-DAI": {
		"Luật Đất đai số 31/2024/QH15",
		"Nghị định 101/2024/NĐ-CP quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
		"Nghị định 151/2025/NĐ-CP quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực đất đai",
	},
	"MOI-TRUONG": {
		"Luật Bảo vệ môi trường số 72/2020/QH14",
		"Nghị định 08/2022/NĐ-CP quy định chi tiết một số điều của Luật Bảo vệ môi trường",
	},
	"NONG-NGHIEP": {
		"Luật Trồng trọt số 31/2018/QH14",
		"Luật Thú y số 79/2015/QH13",
	},
	"VAN-HOA": {
		"Luật Du lịch số 09/2017/QH14",
		"Nghị định 168/2017/NĐ-CP quy định chi tiết một số điều của Luật Du lịch",
	},
	"SO-HUU-TRI-TUE": {
		"Luật Sở hữu trí tuệ số 50/2005/QH11, sửa đổi, bổ sung năm 2009, 2019 và 2022",
		"Nghị định 65/2023/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Sở hữu trí tuệ về sở hữu công nghiệp",
	},
	"BUU-CHINH": {
		"Luật Bưu chính số 49/2010/QH12",
		"Quyết định 45/2016/QĐ-TTg về việc tiếp nhận hồ sơ, trả kết quả giải quyết thủ tục hành chính qua dịch vụ bưu chính công ích",
	},
	"VIEN-THONG": {
		"Luật Tần số vô tuyến điện số 42/2009/QH12, sửa đổi, bổ sung năm 2022",
		"Nghị định 63/2023/NĐ-CP quy định chi tiết một số điều của Luật Tần số vô tuyến điện",
	},
	"DAU-TU": {
		"Luật Đầu tư số 61/2020/QH14",
		"Nghị định 31/2021/NĐ-CP quy định chi tiết và hướng dẫn thi hành một số điều của Luật Đầu tư",
	},
	"TAI-CHINH": {
		"Luật Kế toán số 88/2015/QH13",
		"Luật Giá số 16/2023/QH15",
	},
	"THI-DUA-KHEN-THUONG": {
		"Luật Thi đua, khen thưởng số 06/2022/QH15",
		"Nghị định 98/2023/NĐ-CP quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
	},
	"TON-GIAO": {
		"Luật Tín ngưỡng, tôn giáo số 02/2016/QH14",
		"Nghị định 95/2023/NĐ-CP quy định chi tiết Luật Tín ngưỡng, tôn giáo",
	},
}

// categoryDocs are the documents every service of a category asks for after
// its application form.
var categoryDocs = map[string][]seed.Document{
	"BAO-HIEM-Y-TE":            {doc("Thẻ bảo hiểm y tế hoặc ảnh chụp thẻ", "Health insurance card or a photo of it", 0, 1)},
	"BAO-HIEM-XA-HOI":          {doc("Giấy tờ chứng minh điều kiện hưởng chế độ", "Evidence of eligibility for the benefit", 0, 1)},
	"THUE":                     {doc("Chứng từ, tài liệu liên quan đến nghĩa vụ thuế", "Documents on the tax obligation", 0, 1)},
	"HAI-QUAN":                 {doc("Hợp đồng mua bán hàng hóa, hóa đơn thương mại", "Sales contract and commercial invoice", 0, 1), doc("Vận tải đơn", "Bill of lading", 0, 1)},
	"DANG-KY-KINH-DOANH":       {doc("Điều lệ hoặc văn bản quyết định của chủ sở hữu", "Charter or owner's decision", 1, 0), doc("Giấy ủy quyền cho người nộp hồ sơ (nếu có)", "Authorisation of the person filing (if any)", 1, 0)},
	"DIEN":                     {doc("Giấy tờ chứng minh quyền sử dụng nơi sử dụng điện", "Proof of the right to use the premises", 0, 1)},
	"XU-LY-VI-PHAM-HANH-CHINH": {doc("Quyết định xử phạt vi phạm hành chính", "Administrative penalty decision", 0, 1)},
	"DANG-KY-PHUONG-TIEN":      {doc("Chứng từ nguồn gốc xe và chứng từ chuyển quyền sở hữu", "Vehicle origin and ownership transfer documents", 1, 0), doc("Chứng từ nộp lệ phí trước bạ", "Registration fee receipt", 0, 1)},
	"GIAY-PHEP-LAI-XE":         {doc("Giấy khám sức khỏe của người lái xe", "Driver's health certificate", 1, 0), doc("Giấy phép lái xe đang sử dụng (nếu có)", "Current driving licence (if any)", 0, 1)},
	"DUONG-BO":                 {doc("Hồ sơ kỹ thuật hoặc phương án tổ chức giao thông", "Technical file or traffic organisation plan", 1, 0)},
	"XUAT-NHAP-CANH":           {doc("Ảnh chân dung 4x6 cm, phông nền trắng", "Portrait photo 4x6 cm on a white background", 2, 0), doc("Hộ chiếu cũ (nếu có)", "Previous passport (if any)", 1, 0)},
	"CU-TRU":                   {doc("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", "Proof of lawful accommodation", 0, 1)},
	"CAN-CUOC":                 {doc("Thẻ căn cước hoặc chứng minh nhân dân đang sử dụng (nếu có)", "Current identity card (if any)", 1, 0)},
	"HO-TICH":                  {doc("Giấy tờ chứng minh nội dung đăng ký hộ tịch", "Evidence of the civil status event", 1, 0)},
	"LY-LICH-TU-PHAP":          {doc("Văn bản ủy quyền (trường hợp ủy quyền làm thủ tục)", "Authorisation (when applying through a representative)", 1, 0)},
	"CHUNG-THUC":               {doc("Bản chính giấy tờ, văn bản cần chứng thực", "The original of the document to certify", 1, 0)},
	"BO-TRO-TU-PHAP":           {doc("Giấy tờ chứng minh đủ điều kiện hành nghề", "Evidence of meeting the practice conditions", 0, 1)},
	"QUOC-TICH":                {doc("Bản khai lý lịch", "Personal history statement", 1, 0), doc("Phiếu lý lịch tư pháp", "Judicial record certificate", 1, 0)},
	"LANH-SU":                  {doc("Giấy tờ, tài liệu đề nghị chứng nhận, hợp pháp hóa", "The documents to certify or legalise", 1, 1)},
	"XUC-TIEN-THUONG-MAI":      {doc("Kế hoạch, thể lệ chương trình", "Plan and rules of the programme", 1, 0)},
	"XUAT-NHAP-KHAU":           {doc("Tờ khai hải quan hàng hóa xuất khẩu", "Export customs declaration", 0, 1), doc("Hóa đơn thương mại", "Commercial invoice", 0, 1)},
	"THUONG-MAI":               {doc("Giấy tờ chứng minh đủ điều kiện kinh doanh", "Evidence of meeting the business conditions", 0, 1)},
	"AN-TOAN-THUC-PHAM":        {doc("Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ", "Description of premises and equipment", 1, 0), doc("Giấy xác nhận đã được tập huấn kiến thức an toàn thực phẩm", "Food safety training certificate", 0, 1)},
	"XAY-DUNG":                 {doc("Bản vẽ thiết kế xây dựng", "Construction drawings", 2, 0), doc("Giấy tờ hợp pháp về đất đai", "Lawful land use documents", 0, 1)},
	"GIAO-DUC":                 {doc("Văn bằng, chứng chỉ, học bạ liên quan", "The relevant diplomas, certificates or school records", 0, 1)},
	"KHAM-CHUA-BENH":           {doc("Văn bằng chuyên môn", "Professional qualification", 0, 1), doc("Giấy chứng nhận đủ sức khỏe hành nghề", "Fitness-to-practise health certificate", 1, 0)},
	"DUOC":                     {doc("Văn bằng chuyên môn về dược", "Pharmacy qualification", 0, 1), doc("Giấy xác nhận thời gian thực hành chuyên môn", "Certificate of professional practice", 1, 0)},
	"LAO-DONG":                 {doc("Hợp đồng lao động hoặc quyết định liên quan", "Labour contract or the relevant decision", 0, 1)},
	"NGUOI-CO-CONG":            {doc("Giấy tờ chứng minh là người có công hoặc thân nhân", "Evidence of merit status or kinship", 0, 1)},
	"DAT-DAI":                  {doc("Giấy chứng nhận quyền sử dụng đất đã cấp (nếu có)", "The land use right certificate already issued (if any)", 1, 0), doc("Hợp đồng, văn bản về chuyển quyền (nếu có)", "Transfer contract or deed (if any)", 1, 0)},
	"MOI-TRUONG":               {doc("Báo cáo, hồ sơ kỹ thuật về môi trường", "Environmental report and technical file", 1, 0)},
	"NONG-NGHIEP":              {doc("Giấy tờ chứng minh nguồn gốc, chất lượng", "Evidence of origin and quality", 0, 1)},
	"VAN-HOA":                  {doc("Giấy tờ chứng minh đủ điều kiện kinh doanh, hành nghề", "Evidence of meeting the business or practice conditions", 0, 1)},
	"SO-HUU-TRI-TUE":           {doc("Bản mô tả và mẫu đối tượng đăng ký", "Description and specimen of the subject", 1, 0), doc("Chứng từ nộp phí, lệ phí", "Fee receipt", 0, 1)},
	"BUU-CHINH":                {doc("Giấy tờ liên quan đến bưu gửi hoặc dịch vụ", "Documents on the postal item or service", 0, 1)},
	"VIEN-THONG":               {doc("Hồ sơ kỹ thuật thiết bị vô tuyến điện", "Technical file of the radio equipment", 1, 0)},
	"DAU-TU":                   {doc("Đề xuất dự án đầu tư", "Investment project proposal", 1, 0), doc("Tài liệu chứng minh năng lực tài chính của nhà đầu tư", "Evidence of the investor's financial capacity", 0, 1)},
	"TAI-CHINH":                {doc("Văn bằng, chứng chỉ chuyên môn", "Professional qualifications", 0, 1)},
	"THI-DUA-KHEN-THUONG":      {doc("Báo cáo thành tích", "Report on achievements", 1, 0)},
	"TON-GIAO":                 {doc("Danh sách người tham gia sinh hoạt", "List of participants", 1, 0)},
}
