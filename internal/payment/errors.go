package payment

import (
	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/i18n"
)

// The userError codes of payments (schema/payments.graphqls extends
// UserErrorCode with them).
const (
	CodeObligationNotPayable = "OBLIGATION_NOT_PAYABLE"
	CodeObligationChanged    = "OBLIGATION_CHANGED"
	CodePaymentInProgress    = "PAYMENT_IN_PROGRESS"
	CodeMixedPayees          = "MIXED_PAYEES"
	CodePayOlderFirst        = "PAY_OLDER_FIRST"
	CodeAmountOutOfRange     = "AMOUNT_OUT_OF_RANGE"
	CodeReturnURLNotAllowed  = "RETURN_URL_NOT_ALLOWED"
	CodeRefundAmountStale    = "REFUND_AMOUNT_STALE"
)

var (
	msgRequired      = i18n.T("Thông tin này là bắt buộc.", "This field is required.")
	msgInvalid       = i18n.T("Giá trị không hợp lệ.", "Invalid value.")
	msgNotPayable    = i18n.T("Nghĩa vụ này không thể thanh toán (không tồn tại, đã nộp hoặc đã hủy).", "This obligation cannot be paid (unknown, paid or cancelled).")
	msgChanged       = i18n.T("Cơ quan thu đã thay đổi số tiền của nghĩa vụ này: tra cứu lại.", "The agency has changed this obligation's amount: look it up again.")
	msgQuoteExpired  = i18n.T("Số tiền đã báo chỉ có hiệu lực đến hết ngày: tra cứu lại để có số tiền hôm nay.", "The amount quoted held until the end of its day: look it up again for today's amount.")
	msgInProgress    = i18n.T("Nghĩa vụ này đang có một giao dịch thanh toán chưa kết thúc.", "This obligation already has an unfinished payment.")
	msgMixedPayees   = i18n.T("Các nghĩa vụ thuộc nhiều đơn vị thụ hưởng khác nhau: thanh toán riêng từng đơn vị.", "The obligations have different payees: pay each payee separately.")
	msgOlderFirst    = i18n.T("Cần thanh toán các kỳ trước trước.", "Pay the older periods first.")
	msgOutOfRange    = i18n.T("Số tiền nằm ngoài hạn mức của cổng thanh toán.", "The amount is outside the provider's limits.")
	msgReturnURL     = i18n.T("Địa chỉ quay lại không được phép.", "This return URL is not allowed.")
	msgKeyReused     = i18n.T("Khóa idempotency đã dùng cho một yêu cầu khác.", "This idempotency key was used for another request.")
	msgNoPayment     = i18n.T("Không có giao dịch thanh toán này.", "No such payment.")
	msgFinished      = i18n.T("Giao dịch đã kết thúc.", "The payment is finished.")
	msgProvider      = i18n.T("Cổng thanh toán không được hỗ trợ.", "Unknown payment provider.")
	msgRefundStale   = i18n.T("Số tiền có thể hoàn đã thay đổi; tải lại giao dịch.", "The refundable amount has changed; reload the payment.")
	msgRefundTooMuch = i18n.T("Số tiền hoàn vượt quá số tiền có thể hoàn.", "The refund exceeds the refundable amount.")
	msgNotRefundable = i18n.T("Chỉ hoàn tiền giao dịch đã thành công.", "Only a succeeded payment can be refunded.")
)

func fieldErr(code string, msg i18n.Text, path ...string) error {
	return apperr.Invalid(apperr.Field(code, msg, path...))
}
