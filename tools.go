//go:build tools

// Package tools pins the code generators and linters that the Makefile runs, so
// that `go run` uses the versions recorded in go.mod.
package tools

import (
	_ "github.com/99designs/gqlgen"
	_ "github.com/99designs/gqlgen/graphql/introspection"
)
