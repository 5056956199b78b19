// Vietnamese (the default language).
const vi = {
  locale: 'vi-VN',
  app: { name: 'Cổng Dịch vụ công', footer: 'Cổng Dịch vụ công — môi trường thử nghiệm (sandbox). Không nhập dữ liệu thật.' },
  nav: {
    skip: 'Bỏ qua, tới nội dung chính', label: 'Điều hướng chính', home: 'Trang chủ', track: 'Tra cứu hồ sơ',
    mine: 'Hồ sơ của tôi', agency: 'Cán bộ tiếp nhận', login: 'Đăng nhập', register: 'Đăng ký', logout: 'Đăng xuất', business: 'Doanh nghiệp',
  },
  common: { loading: 'Đang tải…', retry: 'Thử lại', refresh: 'Làm mới', loadMore: 'Xem thêm', shown: 'Đang hiển thị {{shown}} / {{total}} hồ sơ' },
  err: {
    network: 'Không kết nối được máy chủ. Thông tin bạn đã nhập vẫn được giữ nguyên; vui lòng thử lại sau ít phút.',
    rateLimited: 'Bạn đã thử quá nhiều lần. Vui lòng thử lại sau {{seconds}} giây (lúc {{at}}).',
    unauthenticated: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
    forbidden: 'Bạn không có quyền thực hiện thao tác này.',
    generic: 'Đã có lỗi xảy ra. Vui lòng thử lại.',
  },
  notFound: { title: 'Không tìm thấy trang', home: 'Về trang chủ' },
  home: {
    title: 'Tìm thủ tục hành chính', searchLabel: 'Tìm dịch vụ công', searchPlaceholder: 'Ví dụ: cấp lại thẻ BHYT',
    results: 'Kết quả tìm kiếm', popular: 'Dịch vụ được dùng nhiều', noResults: 'Không tìm thấy dịch vụ nào. Hãy thử từ khóa khác.',
    count_other: 'Tìm thấy {{count}} dịch vụ', categories: 'Lĩnh vực', agencies: 'Cơ quan', none: 'Chưa có mục nào.',
    filtered: 'Đang lọc theo lĩnh vực hoặc cơ quan.', clearFilter: 'Bỏ lọc',
  },
  service: {
    notFound: 'Không tìm thấy dịch vụ', code: 'Mã thủ tục', full: 'Trực tuyến toàn trình', partial: 'Trực tuyến một phần',
    submit: 'Nộp hồ sơ trực tuyến', loginFirst: '(cần đăng nhập)', noOnlineForm: 'Dịch vụ này chưa có biểu mẫu trực tuyến trên cổng thử nghiệm.',
    channels: 'Thời hạn giải quyết và phí, lệ phí', channel: 'Hình thức nộp', time: 'Thời hạn giải quyết', fee: 'Phí, lệ phí',
    free: 'Miễn phí', cases: 'Trường hợp và thành phần hồ sơ', noDocuments: 'Không cần giấy tờ kèm theo.',
    originals_other: '{{count}} bản chính', copies_other: '{{count}} bản sao', delivery: 'Cách nhận kết quả', legalBasis: 'Căn cứ pháp lý',
  },
  channel: { ONLINE: 'Trực tuyến', COUNTER: 'Trực tiếp', POSTAL: 'Dịch vụ bưu chính' },
  unit: { WORKING_DAY_other: '{{count}} ngày làm việc', CALENDAR_DAY_other: '{{count}} ngày', HOUR_other: '{{count}} giờ' },
  delivery: { COUNTER: 'Nhận trực tiếp tại bộ phận một cửa', POSTAL: 'Nhận qua bưu điện', ELECTRONIC: 'Nhận bản điện tử' },
  captcha: {
    legend: 'Mã xác nhận', alt: 'Ảnh mã xác nhận gồm 6 chữ số', audio: 'Nghe mã xác nhận', refresh: 'Đổi mã khác', answer: 'Nhập mã xác nhận',
  },
  auth: {
    loginTitle: 'Đăng nhập', registerTitle: 'Đăng ký tài khoản', loginToContinue: 'Vui lòng đăng nhập để tiếp tục.',
    registerIntro: 'Thông tin phải khớp với Cơ sở dữ liệu quốc gia về dân cư. Mã OTP sẽ được gửi tới số điện thoại đã đăng ký.',
    idNumber: 'Số định danh cá nhân (CCCD)', idNumberHint: '12 chữ số', password: 'Mật khẩu', passwordHint: 'Từ 8 đến 128 ký tự, không dùng mật khẩu phổ biến.',
    fullName: 'Họ và tên', dateOfBirth: 'Ngày sinh', si: 'Mã số BHXH', siHint: '10 chữ số, in trên thẻ BHYT', phone: 'Số điện thoại',
    phoneHint: 'Số điện thoại di động đã đăng ký với cơ quan công an', login: 'Đăng nhập', register: 'Đăng ký',
    noAccount: 'Chưa có tài khoản?', haveAccount: 'Đã có tài khoản?', expired: 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại; thông tin bạn đang nhập vẫn được giữ.',
  },
  otp: {
    title: 'Nhập mã OTP', sent: 'Mã OTP gồm 6 chữ số đã được gửi tới số {{phone}}.', code: 'Mã OTP', verify: 'Xác nhận',
    resend: 'Gửi lại mã', resendIn: 'Gửi lại mã sau {{seconds}} giây', resent: 'Đã gửi mã mới. Mã cũ không còn dùng được.',
    attemptsLeft_other: 'Còn {{count}} lần thử',
  },
  form: { required: 'Vui lòng nhập thông tin này.' },
  reason: { LOST: 'Mất thẻ', DAMAGED: 'Thẻ bị rách, hỏng' },
  reissue: {
    title: 'Cấp lại thẻ BHYT', intro: 'Khai thông tin, kiểm tra lại, nhập mã xác nhận rồi gửi hồ sơ.', reason: 'Lý do cấp lại',
    method: 'Cách nhận thẻ', officeProvince: 'Tỉnh, thành phố của nơi nhận', allProvinces: 'Tất cả tỉnh, thành phố', office: 'Nơi nhận thẻ',
    noOffice: 'Không có điểm nhận ở tỉnh này', choose: '— Chọn —', province: 'Tỉnh, thành phố', ward: 'Phường, xã',
    wardHint: 'Chọn tỉnh, thành phố trước', street: 'Số nhà, đường', recipientName: 'Người nhận', recipientPhone: 'Số điện thoại người nhận',
    next: 'Tiếp tục', reviewTitle: 'Kiểm tra và gửi hồ sơ', address: 'Địa chỉ nhận', recipient: 'Người nhận', edit: 'Sửa thông tin',
    confirm: 'Xác nhận gửi hồ sơ', sending: 'Đang gửi…',
  },
  done: {
    title: 'Đã gửi hồ sơ', code: 'Mã hồ sơ', appointment: 'Ngày hẹn trả kết quả',
    sms: 'Tin nhắn xác nhận đã được gửi tới số điện thoại của bạn.', details: 'Xem chi tiết hồ sơ',
  },
  apps: {
    title: 'Hồ sơ của tôi', empty: 'Bạn chưa có hồ sơ nào.', find: 'Tìm dịch vụ', code: 'Mã hồ sơ', service: 'Dịch vụ', status: 'Trạng thái',
    notFound: 'Không tìm thấy hồ sơ', detailTitle: 'Hồ sơ {{code}}', submittedAt: 'Ngày nộp', history: 'Quá trình xử lý',
    cancel: 'Rút hồ sơ', cancelConfirm: 'Bạn chắc chắn muốn rút hồ sơ này?', supplementTitle: 'Bổ sung hồ sơ',
    supplementNote: 'Ghi chú về giấy tờ đã bổ sung', supplement: 'Gửi bổ sung',
    asked: 'Cơ quan yêu cầu: {{note}}', rejectReason: 'Lý do từ chối',
  },
  status: {
    SUBMITTED: 'Đã nộp', RECEIVED: 'Đã tiếp nhận', PROCESSING: 'Đang xử lý', SUPPLEMENT_REQUESTED: 'Cần bổ sung',
    RESULT_READY: 'Đã có kết quả', COMPLETED: 'Hoàn thành', REJECTED: 'Từ chối', CANCELLED: 'Đã rút',
  },
  action: {
    SUBMIT: 'Nộp hồ sơ', RECEIVE: 'Tiếp nhận', START_PROCESSING: 'Bắt đầu xử lý', REQUEST_SUPPLEMENT: 'Yêu cầu bổ sung',
    SUPPLEMENT: 'Bổ sung hồ sơ', REJECT: 'Từ chối', MARK_RESULT_READY: 'Đã có kết quả', COMPLETE: 'Hoàn thành',
    RESCHEDULE: 'Gia hạn ngày hẹn', CANCEL: 'Rút hồ sơ',
  },
  actor: { CITIZEN: 'Công dân', AGENCY: 'Cơ quan', SYSTEM: 'Hệ thống' },
  track: {
    title: 'Tra cứu hồ sơ', codeHint: 'Ví dụ: BHXH-20261124-000001', submit: 'Tra cứu',
    none: 'Không tìm thấy hồ sơ khớp với mã hồ sơ và số định danh đã nhập.',
  },
  business: {
    title: 'Đại diện doanh nghiệp', intro: 'Các doanh nghiệp mà bạn là người đại diện theo pháp luật (theo cơ sở dữ liệu đăng ký doanh nghiệp). Chỉ chọn được doanh nghiệp đang hoạt động; lựa chọn giữ trong phiên này.',
    choose: 'Thực hiện với tư cách', self: 'Cá nhân tôi (công dân)', actingFor: 'Đại diện {{name}}', taxCode: 'Mã số thuế', none: 'Bạn không là người đại diện theo pháp luật của doanh nghiệp nào.',
    status: { ACTIVE: 'Đang hoạt động', SUSPENDED: 'Tạm ngừng kinh doanh', DISSOLVED: 'Đã giải thể' }, notSelectable: 'không thể chọn', saved: 'Đang đại diện: {{name}}',
  },
  agency: {
    title: 'Cán bộ tiếp nhận', key: 'Khóa API của cơ quan', keyHint: 'Khóa chỉ được giữ trong bộ nhớ của trang này; tải lại trang sẽ phải nhập lại.',
    keyInvalid: 'Khóa API không đúng định dạng.', open: 'Mở hộp hồ sơ', inbox: 'Hồ sơ đến (cũ nhất trước)', empty: 'Không có hồ sơ ở trạng thái này.', forget: 'Quên khóa',
    back: 'Về hộp hồ sơ', move: 'Xử lý hồ sơ', action: 'Thao tác', note: 'Ghi chú', noteRequired: 'Lý do, ghi chú (bắt buộc với thao tác này)',
    newDate: 'Ngày hẹn mới', apply: 'Thực hiện', moved: 'Đã chuyển sang trạng thái: {{status}}',
  },
};
export default vi;
