package healthcard

import (
	"slices"
	"testing"
)

func TestTypedPath(t *testing.T) {
	tests := []struct{ in, want []string }{
		{[]string{"formData", "socialInsuranceCode"}, []string{"socialInsuranceCode"}},
		{[]string{"formData", "reason"}, []string{"reason"}},
		{[]string{"caseCode"}, []string{"reason"}},
		{[]string{"serviceCode"}, nil},
		{[]string{"formData", "extra"}, nil},
		{[]string{"delivery", "address", "wardCode"}, []string{"delivery", "address", "wardCode"}},
		{[]string{"captcha", "answer"}, []string{"captcha", "answer"}},
	}
	for _, tt := range tests {
		if got := typedPaths.Path(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("typedPaths.Path(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestOpenKeyIsPerCard(t *testing.T) {
	legacy, code, other := openKey("GD4010123456789"), openKey("0123456789"), openKey("0123456780")
	if legacy != code {
		t.Fatal("the legacy and the 10-digit form of one card differ")
	}
	if code == other {
		t.Fatal("two cards share a key")
	}
	if len(code) != len("healthcard:")+32 || code[:11] != "healthcard:" {
		t.Fatalf("key %q", code)
	}
}

func TestSubmitInputIsTheGenericSubmission(t *testing.T) {
	in := SubmitInput(ReissueInput{SocialInsuranceCode: "0123456789", Reason: "LOST", IdempotencyKey: "k"})
	if in.ServiceCode != ServiceCode || in.CaseCode != "LOST" || in.FormData[FieldReason] != "LOST" ||
		in.FormData[FieldSocialInsuranceCode] != "0123456789" || in.IdempotencyKey != "k" {
		t.Fatalf("%+v", in)
	}
}
