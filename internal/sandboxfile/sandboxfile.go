// Package sandboxfile reads the sandbox data files (personas, obligations,
// businesses): the file an operator names in the environment, or the one
// built into the binary when none is named. Each area owns its format and
// its parser; this package owns only where the bytes come from and how a
// failure names the file.
package sandboxfile

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// Read parses the file at path, or builtin when path is empty. what names
// the file in errors ("personas file"); parse errors are wrapped, never
// replaced, so a record error keeps its path and field.
func Read[T any](path string, builtin []byte, what string, parse func(io.Reader) (T, error)) (T, error) {
	var zero T
	if path == "" {
		v, err := parse(bytes.NewReader(builtin))
		if err != nil {
			return zero, fmt.Errorf("built-in %s: %w", what, err)
		}
		return v, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return zero, fmt.Errorf("open %s: %w", what, err)
	}
	defer f.Close()
	v, err := parse(f)
	if err != nil {
		return zero, fmt.Errorf("%s %s: %w", what, path, err)
	}
	return v, nil
}
