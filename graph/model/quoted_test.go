package model

import (
	"bytes"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

// A QuotedString writes what gqlgen's String marshaller writes, also when
// Quote answers from its remembered strings (two alternating data URLs,
// then more strings than it remembers).
func TestQuotedStringWritesWhatMarshalStringWrites(t *testing.T) {
	t.Parallel()
	image := "data:image/png;base64," + strings.Repeat("iVBORw0KGgo+/=", 4000)
	audio := "data:audio/wav;base64," + strings.Repeat("UklGRiQAAABXQVZF", 3000)
	inputs := []string{image, audio, image, audio, "", "a\"b\\c\n\t\x01", "<script>&", "Phường Ba Đình \u2028", "x", "y", "z", image, audio}
	for i, s := range inputs {
		var want, got bytes.Buffer
		graphql.MarshalString(s).MarshalGQL(&want)
		Quote(s).MarshalGQL(&got)
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("input %d (%.30q): got %.60s, want %.60s", i, s, got.Bytes(), want.Bytes())
		}
	}
	var zero bytes.Buffer
	QuotedString{}.MarshalGQL(&zero)
	if zero.String() != `""` {
		t.Errorf("zero QuotedString wrote %s, want \"\"", zero.String())
	}
}
