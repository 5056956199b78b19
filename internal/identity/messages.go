package identity

import "github.com/dvcportal/dvcportal/internal/i18n"

// The localized messages of the UserErrors this package returns. None of them
// names a value the client sent.
var (
	msgRequired     = i18n.T("Trường này là bắt buộc.", "This field is required.")
	msgControlChars = i18n.T("Chứa ký tự không hợp lệ.", "Contains characters that are not allowed.")

	msgPasswordShort  = i18n.T("Mật khẩu phải có ít nhất 8 ký tự.", "The password must have at least 8 characters.")
	msgPasswordLong   = i18n.T("Mật khẩu không được dài quá 128 ký tự.", "The password must have at most 128 characters.")
	msgPasswordCommon = i18n.T("Mật khẩu này quá phổ biến, hãy chọn mật khẩu khác.", "This password is too common; choose another one.")

	msgIDNumber       = i18n.T("Số định danh cá nhân phải gồm 12 chữ số hợp lệ.", "The ID number must be 12 valid digits.")
	msgIDNumberDOB    = i18n.T("Số định danh cá nhân không khớp với ngày sinh.", "The ID number does not agree with the date of birth.")
	msgDateOfBirth    = i18n.T("Ngày sinh không hợp lệ.", "Not a valid date of birth.")
	msgConsentVersion = i18n.T("Nội dung đồng ý đã thay đổi, vui lòng tải lại trang.", "The consent text has changed; reload the page.")
	msgChallengeID    = i18n.T("Mã phiên xác thực không hợp lệ.", "Not a valid challenge ID.")

	msgInvalidCaptcha     = i18n.T("Mã captcha không đúng hoặc đã hết hạn.", "The captcha answer is wrong or has expired.")
	msgRegistryMismatch   = i18n.T("Thông tin không khớp với cơ sở dữ liệu quốc gia.", "The details do not match the identity registry.")
	msgAlreadyRegistered  = i18n.T("Số định danh này đã có tài khoản. Vui lòng đăng nhập.", "This ID number already has an account. Please log in.")
	msgInvalidCredentials = i18n.T("Số định danh hoặc mật khẩu không đúng.", "Wrong ID number or password.")
	msgAccountLocked      = i18n.T("Tài khoản tạm khóa do nhập sai nhiều lần. Vui lòng thử lại sau 15 phút.", "The account is locked after too many failed attempts. Try again in 15 minutes.")
	msgInvalidOTP         = i18n.T("Mã xác thực không đúng.", "Wrong code.")
	msgOTPExpired         = i18n.T("Mã xác thực đã hết hạn. Vui lòng yêu cầu mã mới.", "The code has expired. Ask for a new one.")
	msgChallengeClosed    = i18n.T("Phiên xác thực đã đóng. Vui lòng bắt đầu lại.", "This verification is closed. Please start again.")
	msgResendTooSoon      = i18n.T("Vui lòng chờ trước khi yêu cầu gửi lại mã.", "Please wait before asking for another code.")
	msgResendLimit        = i18n.T("Đã gửi lại mã quá số lần cho phép. Vui lòng bắt đầu lại.", "No more codes can be sent for this verification. Please start again.")
)
