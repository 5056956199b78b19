package captcha

import "testing"

// BenchmarkRender is the cost of drawing and voicing one challenge (the
// image provider pays it per challenge; the test provider once).
func BenchmarkRender(b *testing.B) {
	digits := []byte{1, 2, 3, 4, 5, 6}
	for b.Loop() {
		if _, _, err := render("0123456789abcdef0123456789abcdef", digits); err != nil {
			b.Fatal(err)
		}
	}
}
