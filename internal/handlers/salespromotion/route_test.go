package salespromotion_test

import (
	"testing"

	"github.com/dvcportal/dvcportal/internal/handlers/salespromotion"
)

func TestRegistrationServiceRoutesByArea(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		area []string
		want string
	}{
		{[]string{"79"}, "SALES-PROMOTION-REGISTRATION-79"},
		{[]string{"01", "79"}, "SALES-PROMOTION-REGISTRATION"},
		{[]string{"01", "79", "48"}, "SALES-PROMOTION-REGISTRATION"},
		// Not a province: the Ministry's handler refuses the area.
		{[]string{"02"}, "SALES-PROMOTION-REGISTRATION"},
		{nil, "SALES-PROMOTION-REGISTRATION"},
	} {
		if got := salespromotion.RegistrationService(tt.area); got != tt.want {
			t.Errorf("RegistrationService(%v) = %s, want %s", tt.area, got, tt.want)
		}
	}
	if got := salespromotion.NotificationService("48"); got != "SALES-PROMOTION-NOTIFICATION-48" {
		t.Errorf("NotificationService(48) = %s", got)
	}
}
