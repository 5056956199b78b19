package application_test

import (
	"testing"

	"github.com/dvcportal/dvcportal/internal/application"
)

// A reader of a postal delivery sees the recipient's phone masked; the rest
// of the address as it was given.
func TestAddressViewMasksThePhone(t *testing.T) {
	t.Parallel()
	a := application.PostalAddress{ProvinceCode: "01", WardCode: "00004", Street: "1 Tràng Tiền",
		RecipientName: "Nguyễn Văn A", RecipientPhone: "+84912345678"}
	got := a.View()
	want := application.AddressView{ProvinceCode: "01", WardCode: "00004", Street: "1 Tràng Tiền",
		RecipientName: "Nguyễn Văn A", MaskedRecipientPhone: "091****678"}
	if got != want {
		t.Fatalf("View() = %+v, want %+v", got, want)
	}
}
