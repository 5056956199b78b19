package identity

import "github.com/dvcportal/dvcportal/internal/relay"

// CitizenType is the GraphQL type name of a citizen, which is also the type
// inside its global ID (one convention: <Type>Type beside <Type>ID); the key
// is the account ID.
const CitizenType = "Citizen"

// CitizenID is the global ID of the citizen with accountID.
func CitizenID(accountID int64) string {
	return relay.EncodeIntID(CitizenType, accountID)
}
