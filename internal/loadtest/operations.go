package main

// The GraphQL operations the suite sends, copied from the client contract
// (../shared/contract/*.graphql) as the portal sends them.

// catalogueQuery is the contract's Catalogue operation (catalogue.graphql).
const catalogueQuery = `query Catalogue($first: Int = 20, $after: String, $filter: ServiceFilter) {
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

// createCaptchaDoc is identity.graphql's CreateCaptcha: the portal fetches
// the picture and the sound with the ID.
const createCaptchaDoc = `mutation CreateCaptcha {
  createCaptcha {
    captcha { id imageDataUrl audioDataUrl expiresAt }
  }
}`

const registerCitizenDoc = `mutation RegisterCitizen($input: RegisterCitizenInput!) {
  registerCitizen(input: $input) {
    challenge { id purpose maskedPhone expiresAt resendAvailableAt }
    userErrors { field message code }
  }
}`

const startLoginDoc = `mutation StartLogin($input: StartLoginInput!) {
  startLogin(input: $input) {
    challenge { id purpose maskedPhone expiresAt resendAvailableAt }
    userErrors { field message code }
  }
}`

const verifyOtpDoc = `mutation VerifyOtp($input: VerifyOtpInput!) {
  verifyOtp(input: $input) {
    session { token expiresAt }
    viewer { citizen { id fullName } }
    attemptsLeft
    userErrors { field message code }
  }
}`

// reissueDoc is applications.graphql's ReissueHealthCard with its fragment.
const reissueDoc = `mutation ReissueHealthCard($input: ReissueHealthCardInput!) {
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
