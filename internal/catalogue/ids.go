package catalogue

import "github.com/dvcportal/dvcportal/internal/relay"

// The global ID type names of the catalogue's node types.
const (
	ServiceNode  = "Service"
	AgencyNode   = "Agency"
	CategoryNode = "Category"
)

// ServiceID is the global ID of the service with code.
func ServiceID(code string) string { return relay.EncodeID(ServiceNode, code) }

// AgencyID is the global ID of the agency with code.
func AgencyID(code string) string { return relay.EncodeID(AgencyNode, code) }

// CategoryID is the global ID of the category with code.
func CategoryID(code string) string { return relay.EncodeID(CategoryNode, code) }
