package application

import "github.com/dvcportal/dvcportal/internal/i18n"

// missingDocument names the checklist entry (a catalogue code) missing.
func missingDocument(code string) i18n.Text {
	return i18n.T("Thiếu tài liệu bắt buộc theo danh mục hồ sơ: "+code+".", "A document the checklist requires is missing: "+code+".")
}

// The localized messages of the UserErrors this package returns. None of them
// echoes a value the client sent.
var (
	msgRequired          = i18n.T("Trường này là bắt buộc.", "This field is required.")
	msgUnknownService    = i18n.T("Không tìm thấy dịch vụ công này.", "No such public service.")
	msgNotOnline         = i18n.T("Dịch vụ này không hỗ trợ nộp hồ sơ trực tuyến.", "This service does not accept online applications.")
	msgUnknownCase       = i18n.T("Trường hợp không thuộc dịch vụ này.", "Not a case of this service.")
	msgDeliveryMethod    = i18n.T("Dịch vụ này không trả kết quả theo hình thức đã chọn.", "This service does not deliver results this way.")
	msgOffice            = i18n.T("Không phải bộ phận tiếp nhận và trả kết quả của cơ quan giải quyết.", "Not a counter of the agency that processes this service.")
	msgNotWithMethod     = i18n.T("Không dùng với hình thức nhận kết quả đã chọn.", "Not used with the chosen delivery method.")
	msgProvince          = i18n.T("Tỉnh/thành phố không hợp lệ.", "Not a valid province.")
	msgWard              = i18n.T("Phường/xã không thuộc tỉnh/thành phố đã chọn.", "The ward is not in the chosen province.")
	msgPhone             = i18n.T("Số điện thoại di động không hợp lệ.", "Not a valid mobile phone number.")
	msgFormData          = i18n.T("Dữ liệu biểu mẫu không hợp lệ hoặc quá lớn.", "The form data is not valid or too large.")
	msgInvalidCaptcha    = i18n.T("Mã captcha không đúng hoặc đã hết hạn.", "The captcha answer is wrong or has expired.")
	msgIdempotencyReused = i18n.T("Mã yêu cầu này đã được dùng cho một hồ sơ khác.", "This idempotency key was used for a different application.")
	msgDuplicate         = i18n.T("Đã có một hồ sơ đang xử lý cho yêu cầu này.", "An application for this is already open.")
	msgNoApplication     = i18n.T("Không tìm thấy hồ sơ.", "No such application.")
	msgInvalidTransition = i18n.T("Không thể thực hiện thao tác này với hồ sơ ở trạng thái hiện tại.", "This action is not allowed in the application's current status.")
	msgTooManyDocuments  = i18n.T("Quá nhiều tài liệu đính kèm.", "Too many documents.")
	msgUnknownDocument   = i18n.T("Tài liệu không thuộc danh mục hồ sơ của trường hợp này.", "Not a document of this case's checklist.")
	msgNoDocuments       = i18n.T("Dịch vụ này không nhận tài liệu tải lên.", "This service takes no uploaded documents.")
	msgNotAmendable      = i18n.T("Hồ sơ này không thể được sửa đổi, bổ sung.", "This application cannot be amended.")
	msgOriginalNotFound  = i18n.T("Không tìm thấy hồ sơ được sửa đổi.", "The application to amend was not found.")
	msgAmendAgency       = i18n.T("Hồ sơ sửa đổi phải gửi cơ quan đã tiếp nhận hồ sơ gốc.", "An amendment goes to the agency of the original application.")
	msgAmendGroup        = i18n.T("Chỉ sửa đổi từng hồ sơ một.", "Amend one application at a time.")
	msgNoEnterprises     = i18n.T("Không thể nộp hồ sơ thay doanh nghiệp cho dịch vụ này.", "This service takes no applications for an enterprise.")
	msgResultNotHere     = i18n.T("Chỉ cơ quan giải quyết đính kèm kết quả khi hoàn thành, trả kết quả hoặc từ chối.", "Only the agency attaches a result, when it completes, marks the result ready or rejects.")
	msgLaterDate         = i18n.T("Ngày hẹn mới phải sau ngày hẹn hiện tại.", "The new appointment date must be after the current one.")
)
