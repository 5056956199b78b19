package application

import "github.com/dvcportal/dvcportal/internal/relay"

// ApplicationType is the GraphQL type name of an application, which is also
// the type inside its global ID (one convention: <Type>Type beside <Type>ID).
const ApplicationType = "Application"

// GlobalID returns the opaque global ID of application id.
func GlobalID(id int64) string { return relay.EncodeIntID(ApplicationType, id) }

// ParseGlobalID returns the application ID inside a global ID; ok is false
// for anything that is not an application's ID.
func ParseGlobalID(gid string) (int64, bool) {
	return relay.DecodeIntID(ApplicationType, gid)
}
