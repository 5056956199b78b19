package application

import (
	"strconv"

	"github.com/dvcportal/dvcportal/internal/relay"
)

// TypeName is the GraphQL type (and global ID prefix) of an application.
const TypeName = "Application"

// GlobalID returns the opaque global ID of application id.
func GlobalID(id int64) string { return relay.EncodeID(TypeName, strconv.FormatInt(id, 10)) }

// ParseGlobalID returns the application ID inside a global ID; ok is false
// for anything that is not an application's ID.
func ParseGlobalID(gid string) (int64, bool) {
	typ, key, err := relay.DecodeID(gid)
	if err != nil || typ != TypeName {
		return 0, false
	}
	id, err := strconv.ParseInt(key, 10, 64)
	if err != nil || id <= 0 {
		return 0, false
	}
	return id, true
}
