package main

import (
	"errors"
	"fmt"
	"go/format"
	"os"
	"regexp"
	"strings"
)

// The executor writes an operation's data into the buffer the transport
// lends it (internal/respbuf): gqlgen's generated Exec grows a new
// bytes.Buffer by doubling for every response, a chain of allocations and
// copies (the uncached catalogue page: a third of its bytes allocated).
const (
	gqlgenBuffer = "\t\t\tvar buf bytes.Buffer\n\t\t\tdata.MarshalGQL(&buf)\n"
	lentBuffer   = "\t\t\tbuf := respbuf.From(ctx) // lent by the transport: see internal/respbuf\n\t\t\tdata.MarshalGQL(buf)\n"
	respbufPath  = "\"github.com/dvcportal/dvcportal/internal/respbuf\"\n"
)

var enumRe = regexp.MustCompile(`res := graphql\.MarshalString\((marshal[^\s\[]+)\[v\]\)\n`)

// rewriteExecutor points the query and mutation executors of execFile at
// the lent buffer, and the enum marshallers at plainEnum.
func rewriteExecutor(execFile string) error {
	src, err := os.ReadFile(execFile)
	if err != nil {
		return err
	}
	code := string(src)
	// The query and the mutation executor (the schema has no subscription).
	if n := strings.Count(code, gqlgenBuffer); n != 2 {
		return fmt.Errorf("the executor's response buffer: found %d of the 2 expected: has gqlgen's generated code changed?", n)
	}
	code = strings.ReplaceAll(code, gqlgenBuffer, lentBuffer)
	// Enum values are written without a closure each (plainEnum).
	enums := enumRe.FindAllStringIndex(code, -1)
	if len(enums) == 0 {
		return errors.New("no enum marshaller: has gqlgen's generated code changed?")
	}
	code = enumRe.ReplaceAllString(code, "res := plainEnum(${1}[v])\n")
	imports := strings.Index(code, "\nimport (\n")
	if imports < 0 {
		return errors.New("no import block: has gqlgen's generated code changed?")
	}
	// Into the group of non-standard imports, which gofmt sorts.
	third := strings.Index(code[imports:], "\n\n\t\"github.com/")
	if third < 0 {
		return errors.New("no github.com imports: has gqlgen's generated code changed?")
	}
	third += imports + 2
	code = code[:third] + "\t" + respbufPath + code[third:]
	if !strings.Contains(code, "bytes.") {
		code = strings.Replace(code, "\n\t\"bytes\"\n", "\n", 1)
	}
	out, err := format.Source([]byte(code))
	if err != nil {
		return fmt.Errorf("format %s: %w", execFile, err)
	}
	return os.WriteFile(execFile, out, 0o644)
}
