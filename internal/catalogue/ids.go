package catalogue

import "github.com/dvcportal/dvcportal/internal/relay"

// The node types of the catalogue: the GraphQL type name, which is also the
// type inside a global ID (one convention: <Type>Type beside <Type>ID).
const (
	ServiceType  = "Service"
	AgencyType   = "Agency"
	CategoryType = "Category"
)

// ServiceID is the global ID of the service with code.
func ServiceID(code string) string { return relay.EncodeID(ServiceType, code) }

// AgencyID is the global ID of the agency with code.
func AgencyID(code string) string { return relay.EncodeID(AgencyType, code) }

// CategoryID is the global ID of the category with code.
func CategoryID(code string) string { return relay.EncodeID(CategoryType, code) }
