// Package contractops holds, verbatim, the operations of the client
// contract (../shared/contract/*.graphql) that Go clients send: the e2e test
// client (internal/apitest), the in-process benchmarks and the load tool
// (internal/loadtest). One copy, checked against the contract's own text by
// TestOperationsAreTheContracts, so a client here sends what a portal sends.
package contractops

// identity.graphql
const (
	CreateCaptcha = `mutation CreateCaptcha {
  createCaptcha {
    captcha { id imageDataUrl audioDataUrl expiresAt }
  }
}`
	RegisterCitizen = `mutation RegisterCitizen($input: RegisterCitizenInput!) {
  registerCitizen(input: $input) {
    challenge { id purpose maskedPhone expiresAt resendAvailableAt }
    userErrors { field message code }
  }
}`
	StartLogin = `mutation StartLogin($input: StartLoginInput!) {
  startLogin(input: $input) {
    challenge { id purpose maskedPhone expiresAt resendAvailableAt }
    userErrors { field message code }
  }
}`
	VerifyOtp = `mutation VerifyOtp($input: VerifyOtpInput!) {
  verifyOtp(input: $input) {
    session { token expiresAt }
    viewer { citizen { id fullName } }
    attemptsLeft
    userErrors { field message code }
  }
}`
	ResendOtp = `mutation ResendOtp($input: ResendOtpInput!) {
  resendOtp(input: $input) {
    challenge { id expiresAt resendAvailableAt }
    userErrors { field message code }
  }
}`
	Logout = `mutation Logout {
  logout { revoked }
}`
)

// catalogue.graphql
const Catalogue = `query Catalogue($first: Int = 20, $after: String, $filter: ServiceFilter) {
  services(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id
        code
        name
        summary
        onlineLevel
        agency { id code name }
        category { id code name }
        channels { channel processingTime { value unit } fees { amount currency } }
      }
    }
  }
}`

// applications.graphql: ReissueHealthCard with its fragment.
const ReissueHealthCard = `mutation ReissueHealthCard($input: ReissueHealthCardInput!) {
  reissueHealthCard(input: $input) {
    application { ...ApplicationFields }
    userErrors { field message code }
  }
}

fragment ApplicationFields on Application {
  id
  code
  status
  submittedAt
  appointmentDate
  caseCode
  service { code name agency { code name } }
  delivery {
    method
    office { code name address }
    address { provinceCode wardCode street recipientName recipientPhone formatted }
  }
  fee { amount currency }
}`
