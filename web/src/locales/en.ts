import type vi from './vi';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

// English. Plural keys differ from Vietnamese (one/other), hence the loose shape check below.
const en: Partial<Shape<typeof vi>> & Record<string, unknown> = {
  locale: 'en-GB',
  app: { name: 'National Public Service Portal', footer: 'Public Service Portal — sandbox environment. Do not enter real data.' },
  nav: {
    skip: 'Skip to main content', label: 'Main navigation', home: 'Home', track: 'Track an application',
    mine: 'My applications', agency: 'Agency officers', login: 'Log in', register: 'Register', logout: 'Log out', business: 'Enterprise',
  },
  common: { loading: 'Loading…', retry: 'Try again', refresh: 'Refresh', loadMore: 'Load more', shown: 'Showing {{shown}} of {{total}} applications' },
  err: {
    network: 'The server cannot be reached. What you typed is kept; please try again in a few minutes.',
    rateLimited: 'Too many attempts. Please try again in {{seconds}} seconds (at {{at}}).',
    unauthenticated: 'Your session has ended. Please log in again.',
    forbidden: 'You are not allowed to do this.',
    generic: 'Something went wrong. Please try again.',
  },
  notFound: { title: 'Page not found', home: 'Back to the home page' },
  home: {
    title: 'Find a public service', searchLabel: 'Search public services', searchPlaceholder: 'e.g. reissue health insurance card',
    results: 'Search results', popular: 'Popular services', noResults: 'No service found. Try other words.',
    count_one: '{{count}} service found', count_other: '{{count}} services found', categories: 'Fields', agencies: 'Agencies',
    none: 'Nothing here yet.', filtered: 'Filtered by field or agency.', clearFilter: 'Clear filter',
  } as never,
  service: {
    notFound: 'Service not found', code: 'Procedure code', full: 'Fully online', partial: 'Partly online',
    submit: 'Submit online', loginFirst: '(log in first)', noOnlineForm: 'This service has no online form on the sandbox portal yet.',
    channels: 'Processing time and fees', channel: 'Channel', time: 'Processing time', fee: 'Fee', free: 'Free',
    cases: 'Cases and documents', noDocuments: 'No documents needed.', originals_one: '{{count}} original',
    originals_other: '{{count}} originals', copies_one: '{{count}} copy', copies_other: '{{count}} copies',
    delivery: 'How you receive the result', legalBasis: 'Legal basis',
  } as never,
  channel: { ONLINE: 'Online', COUNTER: 'In person', POSTAL: 'By post' },
  unit: {
    WORKING_DAY_one: '{{count}} working day', WORKING_DAY_other: '{{count}} working days', CALENDAR_DAY_one: '{{count}} day',
    CALENDAR_DAY_other: '{{count}} days', HOUR_one: '{{count}} hour', HOUR_other: '{{count}} hours',
  } as never,
  delivery: { COUNTER: 'Collect at the one-stop counter', POSTAL: 'By post', ELECTRONIC: 'Electronic copy' },
  captcha: {
    legend: 'Verification code', alt: 'Picture of a 6-digit verification code', audio: 'Listen to the code', refresh: 'Another code',
    answer: 'Type the verification code',
  },
  auth: {
    loginTitle: 'Log in', registerTitle: 'Create an account', loginToContinue: 'Please log in to continue.',
    registerIntro: 'Your details must match the national population database. A one-time code goes to your registered phone.',
    idNumber: 'Personal ID number', idNumberHint: '12 digits', password: 'Password', passwordHint: '8 to 128 characters, not a common password.',
    fullName: 'Full name', dateOfBirth: 'Date of birth', si: 'Social insurance code', siHint: '10 digits, printed on the health insurance card',
    phone: 'Phone number', phoneHint: 'The mobile number registered with the police', login: 'Log in', register: 'Register',
    noAccount: 'No account yet?', haveAccount: 'Already registered?', expired: 'Your session has ended. Log in again; what you were typing is kept.',
  },
  otp: {
    title: 'Enter the one-time code', sent: 'A 6-digit code was sent to {{phone}}.', code: 'One-time code', verify: 'Confirm',
    resend: 'Send a new code', resendIn: 'New code available in {{seconds}} s', resent: 'A new code was sent. The old one no longer works.',
    attemptsLeft_one: '{{count}} attempt left', attemptsLeft_other: '{{count}} attempts left',
  } as never,
  form: { required: 'Please fill this in.' },
  reason: { LOST: 'Card lost', DAMAGED: 'Card torn or damaged' },
  reissue: {
    title: 'Reissue a health insurance card', intro: 'Fill in the form, check it, type the verification code and send.',
    reason: 'Reason', method: 'How to receive the card', officeProvince: 'Province of the office', allProvinces: 'All provinces',
    office: 'Office', noOffice: 'No office in this province', choose: '— Choose —', province: 'Province or city', ward: 'Ward or commune',
    wardHint: 'Choose the province first', street: 'House number and street', recipientName: 'Recipient', recipientPhone: "Recipient's phone",
    next: 'Continue', reviewTitle: 'Check and send', address: 'Delivery address', recipient: 'Recipient', edit: 'Change details',
    confirm: 'Confirm and send', sending: 'Sending…',
  },
  done: {
    title: 'Application sent', code: 'Application code', appointment: 'Result due on',
    sms: 'A confirmation text message was sent to your phone.', details: 'See the application',
  },
  apps: {
    title: 'My applications', empty: 'You have no applications yet.', find: 'Find a service', code: 'Application code', service: 'Service',
    status: 'Status', notFound: 'Application not found', detailTitle: 'Application {{code}}', submittedAt: 'Submitted', history: 'History',
    cancel: 'Withdraw the application', cancelConfirm: 'Withdraw this application?', supplementTitle: 'Supplement the application',
    supplementNote: 'Note about the documents supplied', supplement: 'Send supplement',
    asked: 'The agency asks: {{note}}', rejectReason: 'Reason for rejection',
  },
  status: {
    SUBMITTED: 'Submitted', RECEIVED: 'Received', PROCESSING: 'Processing', SUPPLEMENT_REQUESTED: 'Supplement requested',
    RESULT_READY: 'Result ready', COMPLETED: 'Completed', REJECTED: 'Rejected', CANCELLED: 'Withdrawn',
  },
  action: {
    SUBMIT: 'Submitted', RECEIVE: 'Receive', START_PROCESSING: 'Start processing', REQUEST_SUPPLEMENT: 'Request supplement',
    SUPPLEMENT: 'Supplemented', REJECT: 'Reject', MARK_RESULT_READY: 'Result ready', COMPLETE: 'Complete',
    RESCHEDULE: 'Reschedule', CANCEL: 'Withdrawn',
  },
  actor: { CITIZEN: 'Citizen', AGENCY: 'Agency', SYSTEM: 'System' },
  track: {
    title: 'Track an application', codeHint: 'e.g. BHXH-20261124-000001', submit: 'Track',
    none: 'No application matches this code and ID number.',
  },
  promo: {
    title: 'Register a lucky draw promotion', intro: 'For {{name}}. Fill in the program, attach the documents of the checklist, review, then send.',
    needEnterprise: 'Choose the enterprise you act for first.', enterprise: 'Enterprise', programName: 'Program name', form: 'Form of promotion',
    forms: { LUCKY_DRAW: 'Lucky draw', OTHER_CHANCE: 'Other promotion of chance', CONTEST_ENTRY: 'Contest entry forms', FREQUENT_CUSTOMER: 'Frequent-customer program' }, provinces: 'Provinces where it runs',
    startDate: 'Start date', endDate: 'End date', period: 'Period', promotedGoods: 'Goods and services promoted', prizeGoods: 'Goods and services given as prizes',
    customers: 'Customers', prizeStructure: 'Prize structure', totalPrizeValue: 'Total prize value (VND)', wholeVnd: 'Whole đồng, digits only.',
    rules: 'Rules of the program', documents: 'Documents', docHint: 'PDF, JPEG or PNG, at most 20 MiB each.', required: 'required',
    badType: 'Only PDF, JPEG or PNG files are accepted.', tooLarge: 'The file is larger than 20 MiB (or empty); it was not sent.',
    missingDoc: 'Attach every required document.', uploaded: 'Uploaded', uploading: 'Uploading {{name}}', reviewTitle: 'Review and send the registration',
    start: 'Register a lucky draw promotion', agency: 'Receiving agency',
    startNotice: 'Notify a promotion', noticeTitle: 'Notify a sales promotion', noticeReviewTitle: 'Review and send the notification',
    noticeIntro: 'For {{name}}. Contest entry forms and frequent-customer programs are notified to the Department of Industry and Trade of every province where they run; nothing is decided.',
    noticeLead: 'At least {{days}} working days before the start: the earliest start is {{date}}.',
    tooLate: 'Too late: the notification must arrive {{days}} working days before the start (earliest start {{date}}).',
    noticeDone: 'Notification sent', noticeReceived: 'Each department received it; no decision follows.',
    amendTitle: 'Amend a registered promotion', amendReviewTitle: 'Review and send the amendment',
    amendIntro: 'For {{name}}: amending registration {{code}}. The amendment goes to the agency that confirmed it.',
    amendOtherEnterprise: 'This registration is of {{name}}: act for that enterprise to amend it.', original: 'Registration amended',
    changes: 'What changes', changesHint: 'Say what the amendment changes and why.', areaFixed: 'The area stays in the province of the registration.',
    linksTitle: 'Registration and amendments', amends: 'Amends', amendedBy: 'Amended by', amend: 'Amend this promotion',
  },
  docs: { title: 'Documents', result: 'Result', download: 'Download {{name}}', resultFile: 'Result document (PDF, JPEG or PNG)' },
  business: {
    title: 'Act for an enterprise', intro: 'Enterprises whose legal representative you are (business registry). Only active ones can be chosen; the choice lasts for this session.',
    choose: 'Acting as', self: 'Myself (citizen)', actingFor: 'Acting for {{name}}', taxCode: 'Tax code', none: 'You are not the legal representative of any enterprise.',
    status: { ACTIVE: 'Active', SUSPENDED: 'Suspended', DISSOLVED: 'Dissolved' }, notSelectable: 'cannot be chosen', saved: 'Now acting for: {{name}}',
  },
  agency: {
    title: 'Agency officers', key: "Your agency's API key", keyHint: 'The key stays in this page’s memory only; after a reload, paste it again.',
    keyInvalid: 'This is not an API key.', open: 'Open the inbox', inbox: 'Inbox (oldest first)', empty: 'No application with this status.', forget: 'Forget the key',
    back: 'Back to the inbox', move: 'Act on the application', action: 'Action', note: 'Note', noteRequired: 'Reason or note (required for this action)',
    newDate: 'New appointment date', apply: 'Apply', moved: 'Moved to: {{status}}',
  },
};
export default en;
